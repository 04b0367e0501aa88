#pragma once

#include "engine/model/result.h"
#include "engine/store/sqlitedatabase.h"

namespace engine
{

// A realistic synthetic listening history for benches and for looking at the dashboards, shaped by the real
// import: the synthetic privacy export of tests/bench/exportgenerator.h (power-law artists and tracks over 20
// years, 2006–2025, a daily rhythm, a fifth of them skips, platforms, shuffle) for `plays` rows, imported with
// HistoryImporter. What an export cannot carry is then filled from the same catalogue: the albums' release
// dates, MusicBrainz-style tags for most artists, and a year (2024) of daily Spotify top-50 artist snapshots.
// The cache holds a little fewer plays than rows: podcast rows and private sessions are not stored. Writes into
// an empty migrated cache; the same `plays` always gives the same history.
Result<void> generateSyntheticHistory(SqliteDatabase &database, qint64 plays);

} // namespace engine
