#pragma once

#include "engine/model/result.h"
#include "engine/store/sqlitedatabase.h"

namespace engine
{

// A realistic synthetic listening history for benches and for looking at the dashboards: 8,000 artists with
// power-law popularity and a dozen tracks each, albums from 1960 on, MusicBrainz-style tags for most artists,
// `plays` plays spread over 20 years (2005–2024) with a daily rhythm, a fifth of them skips, a tenth polled
// (no ms_played), platforms of every generation, and a year of daily Spotify top-50 snapshots. Writes into an
// empty migrated cache in one transaction; the same `plays` always gives the same history.
Result<void> generateSyntheticHistory(SqliteDatabase &database, qint64 plays);

} // namespace engine
