#include "engine/store/playrepository.h"

#include "engine/store/libraryrepository.h"
#include "engine/store/repositorysupport.h"

#include <QJsonArray>

#include <algorithm>
#include <iterator>

namespace engine
{

using store::optionalBool;
using store::textOrNull;
using store::toOptionalInteger;

namespace
{

QString prefixedUri(const char *type, const QString &spotifyId)
{
    return spotifyId.isEmpty() ? QString() : QStringLiteral("spotify:%1:%2").arg(QLatin1String(type), spotifyId);
}

// The imported row's UTF-8 text for a QVariant parameter: NULL when unknown, as textOrNull().
QVariant utf8OrNull(QByteArrayView utf8)
{
    return utf8.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(utf8));
}

// Leaves out what is not known instead of writing empty strings the hub would have to tell from real values.
void insertIfKnown(QJsonObject &object, const QString &key, const QString &value)
{
    if (!value.isEmpty()) {
        object.insert(key, value);
    }
}

// INSERT OR IGNORE of `rows` imported plays: a stored play of the same track and time makes SQLite skip the
// row, as ON CONFLICT DO NOTHING would. OR IGNORE leaves no constraint that could fail the statement half-way
// (with foreign keys off, as during an import), so SQLite keeps no statement journal, a copy of every page the
// statement changes, for a statement that writes many rows.
QByteArray insertImportedPlaysSql(int rows)
{
    QByteArray sql = "INSERT OR IGNORE INTO plays (track_id, played_at_ms, ms_played, skipped, shuffle, offline, "
                     "platform, reason_start, reason_end, conn_country, incognito, source, minute_precision) VALUES ";
    for (int i = 0; i < rows; ++i) {
        sql += i == 0 ? "" : ", ";
        sql += "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'imported', 0)";
    }
    return sql;
}

// Parameters bindImportedRow() binds per row.
constexpr int ImportedRowParameters = 11;

} // namespace

QJsonObject playEventPayload(const Play &play)
{
    QJsonObject payload;
    insertIfKnown(payload, QStringLiteral("track_uri"), play.track.uri());
    payload.insert(QStringLiteral("track_name"), play.track.name);
    insertIfKnown(payload, QStringLiteral("isrc"), play.track.isrc);
    if (play.track.durationMs > 0) {
        payload.insert(QStringLiteral("duration_ms"), play.track.durationMs);
    }
    QJsonArray artists;
    for (const ArtistRef &artist : play.track.artists) {
        QJsonObject entry{{QStringLiteral("name"), artist.name}};
        insertIfKnown(entry, QStringLiteral("uri"), prefixedUri("artist", artist.spotifyId));
        artists.append(entry);
    }
    payload.insert(QStringLiteral("artists"), artists);
    QJsonObject album{{QStringLiteral("name"), play.track.album.name}};
    insertIfKnown(album, QStringLiteral("uri"), prefixedUri("album", play.track.album.spotifyId));
    payload.insert(QStringLiteral("album"), album);
    payload.insert(QStringLiteral("played_at_ms"), play.playedAtMs);
    if (play.msPlayed) {
        payload.insert(QStringLiteral("ms_played"), *play.msPlayed);
    }
    insertIfKnown(payload, QStringLiteral("context_uri"), play.contextUri);
    insertIfKnown(payload, QStringLiteral("context_type"), play.contextType);
    payload.insert(QStringLiteral("source"),
                   play.source == Play::Source::Polled ? QStringLiteral("polled") : QStringLiteral("imported"));
    return payload;
}

PlayRepository::PlayRepository(SqliteDatabase &database, LibraryRepository &library)
    : m_database(&database)
    , m_library(&library)
{
}

Result<PlayRepository> PlayRepository::create(SqliteDatabase &database, LibraryRepository &library)
{
    PlayRepository r(database, library);
    auto outbox = OutboxRepository::create(database);
    if (!outbox) {
        return outbox.error();
    }
    r.m_outbox.emplace(std::move(outbox).value());
    const auto prepared = database.prepareAll({
        {&r.m_insertPlay,
         "INSERT INTO plays (track_id, played_at_ms, ms_played, source, context_uri, context_type, skipped, "
         "shuffle, offline) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (track_id, played_at_ms) DO "
         "NOTHING"},
        {&r.m_findExact, "SELECT id FROM plays WHERE track_id = ?1 AND played_at_ms = ?2"},
        // ?3 is the source to merge with; ?5 lets a re-imported play find the row it filled before (same
        // ms_played), ahead of a row not filled yet, the nearest first.
        {&r.m_findNear,
         "SELECT id FROM plays WHERE track_id = ?1 AND source = ?3 AND played_at_ms BETWEEN ?2 - ?4 AND ?2 + ?4 "
         "AND (?5 = 0 OR ms_played IS NULL OR ms_played = ?6) ORDER BY ms_played IS NULL, "
         "abs(played_at_ms - ?2), id LIMIT 1"},
        {&r.m_adoptImported,
         "UPDATE plays SET source = 'polled', played_at_ms = ?2, context_uri = coalesce(?3, context_uri), "
         "context_type = coalesce(?4, context_type) WHERE id = ?1"},
        {&r.m_fillFromImport,
         "UPDATE plays SET ms_played = coalesce(?2, ms_played), skipped = coalesce(?3, skipped), "
         "shuffle = coalesce(?4, shuffle), offline = coalesce(?5, offline), context_uri = coalesce(context_uri, "
         "?6), context_type = coalesce(context_type, ?7) WHERE id = ?1"},
        {&r.m_selectLatestPolled, "SELECT max(played_at_ms) FROM plays WHERE source = 'polled'"},
        {&r.m_insertImportedPlay,
         "INSERT INTO plays (track_id, played_at_ms, ms_played, source, skipped, shuffle, offline, platform, "
         "reason_start, reason_end, conn_country, incognito, minute_precision) VALUES (?1, ?2, ?3, 'imported', ?4, "
         "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (track_id, played_at_ms) DO NOTHING"},
        {&r.m_fillDetailsFromImport,
         "UPDATE plays SET platform = coalesce(?2, platform), reason_start = coalesce(?3, reason_start), "
         "reason_end = coalesce(?4, reason_end), conn_country = coalesce(?5, conn_country), "
         "incognito = coalesce(?6, incognito) WHERE id = ?1"},
        // The Account-data row of the same listen: its track is this one, or a name-only track with the same
        // name key and first artist (Account data has no URIs; the export's album name kept them apart).
        {&r.m_findMinutePrecision,
         "SELECT p.id FROM plays p JOIN tracks t ON t.id = p.track_id JOIN tracks x ON x.id = ?1 "
         "WHERE p.minute_precision = 1 AND p.played_at_ms = ?2 AND (p.track_id = ?1 OR (t.spotify_id IS NULL "
         "AND t.name_key = x.name_key AND (SELECT a.name_key FROM track_artists ta JOIN artists a ON "
         "a.id = ta.artist_id WHERE ta.track_id = t.id AND ta.position = 0) IS (SELECT a.name_key FROM "
         "track_artists ta JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = x.id AND ta.position = 0))) "
         "ORDER BY p.track_id = ?1 DESC, p.id LIMIT 1"},
        {&r.m_replaceMinutePrecision,
         "UPDATE plays SET track_id = ?2, played_at_ms = ?3, minute_precision = 0, ms_played = coalesce(?4, "
         "ms_played), skipped = ?5, shuffle = ?6, offline = ?7, platform = ?8, reason_start = ?9, reason_end = ?10, "
         "conn_country = ?11, incognito = ?12 WHERE id = ?1"},
        // ?2 is the minute an Account-data row ended in.
        {&r.m_findSameListen,
         "SELECT id FROM plays WHERE track_id = ?1 AND ((played_at_ms BETWEEN ?2 AND ?2 + 59999) OR "
         "(source = 'polled' AND played_at_ms BETWEEN ?2 - ?3 AND ?2 + 59999 + ?3)) LIMIT 1"},
        {&r.m_insertImportedPlays, insertImportedPlaysSql(ImportRowsPerStatement)},
        {&r.m_insertImportFile,
         "INSERT INTO import_files (sha256, name, generation, imported_at_ms, rows_read, plays_added) VALUES (?1, "
         "?2, ?3, ?4, ?5, ?6) ON CONFLICT (sha256) DO NOTHING"},
        {&r.m_findImportFile, "SELECT 1 FROM import_files WHERE sha256 = ?1"},
        // Each bound through its partial index (0003): a lifetime of imported rows is never scanned.
        {&r.m_selectMergeRanges,
         "SELECT (SELECT min(played_at_ms) FROM plays WHERE source = 'polled'), (SELECT max(played_at_ms) FROM "
         "plays WHERE source = 'polled'), (SELECT min(played_at_ms) FROM plays WHERE minute_precision = 1), "
         "(SELECT max(played_at_ms) FROM plays WHERE minute_precision = 1)"},
    });
    if (!prepared) {
        return prepared.error();
    }
    return r;
}

Result<int> PlayRepository::insertPlays(const QList<Play> &plays)
{
    // In time order, so that of two imported plays near one polled play the earlier, nearer one merges.
    QList<Play> ordered = plays;
    std::stable_sort(ordered.begin(), ordered.end(), [](const Play &a, const Play &b) {
        return a.playedAtMs < b.playedAtMs;
    });
    return inTransaction<int>(*m_database, [this, &ordered]() -> Result<int> {
        int added = 0;
        for (const Play &play : ordered) {
            const auto trackId = m_library->upsertTrack(play.track);
            if (!trackId) {
                return trackId.error();
            }
            const auto isNew = play.source == Play::Source::Polled ? insertPolled(trackId.value(), play)
                                                                   : insertImported(trackId.value(), play);
            if (!isNew) {
                return isNew.error();
            }
            added += isNew.value() ? 1 : 0;
        }
        return added;
    });
}

Result<bool> PlayRepository::insertPolled(qint64 trackId, const Play &play)
{
    const auto exact = m_findExact.query({trackId, play.playedAtMs});
    if (!exact) {
        return exact.error();
    }
    if (!exact.value().isEmpty()) {
        return false;
    }
    const auto imported =
        m_findNear.query({trackId, play.playedAtMs, QStringLiteral("imported"), MergeWindowMs, 0, QVariant()});
    if (!imported) {
        return imported.error();
    }
    if (imported.value().isEmpty()) {
        const auto added = insertNew(trackId, play);
        if (!added || !added.value()) {
            return added;
        }
        if (auto queued = m_outbox->enqueue(OutboxKind::Play, playEventPayload(play)); !queued) {
            return queued.error();
        }
        return true;
    }
    if (auto adopted = m_adoptImported.execute({imported.value().first().value(0),
                                                play.playedAtMs,
                                                textOrNull(play.contextUri),
                                                textOrNull(play.contextType)});
        !adopted) {
        return adopted.error();
    }
    return false;
}

Result<bool> PlayRepository::insertImported(qint64 trackId, const Play &play)
{
    const QVariant msPlayed = play.msPlayed ? QVariant(*play.msPlayed) : QVariant();
    const auto polled =
        m_findNear.query({trackId, play.playedAtMs, QStringLiteral("polled"), MergeWindowMs, 1, msPlayed});
    if (!polled) {
        return polled.error();
    }
    if (polled.value().isEmpty()) {
        return insertNew(trackId, play);
    }
    if (auto filled = m_fillFromImport.execute({polled.value().first().value(0),
                                                msPlayed,
                                                optionalBool(play.skipped),
                                                optionalBool(play.shuffle),
                                                optionalBool(play.offline),
                                                textOrNull(play.contextUri),
                                                textOrNull(play.contextType)});
        !filled) {
        return filled.error();
    }
    return false;
}

Result<bool> PlayRepository::insertNew(qint64 trackId, const Play &play)
{
    const auto inserted = m_insertPlay.execute(
        {trackId,
         play.playedAtMs,
         play.msPlayed ? QVariant(*play.msPlayed) : QVariant(),
         play.source == Play::Source::Polled ? QStringLiteral("polled") : QStringLiteral("imported"),
         textOrNull(play.contextUri),
         textOrNull(play.contextType),
         optionalBool(play.skipped),
         optionalBool(play.shuffle),
         optionalBool(play.offline)});
    if (!inserted) {
        return inserted.error();
    }
    return m_database->changes() > 0;
}

Result<void> PlayRepository::beginImport()
{
    const auto rows = m_selectMergeRanges.query();
    if (!rows) {
        return rows.error();
    }
    const QVariantList &row = rows.value().value(0);
    auto range = [&row](int first) -> std::optional<std::pair<qint64, qint64>> {
        if (row.value(first).isNull()) {
            return std::nullopt;
        }
        return std::pair{row.value(first).toLongLong(), row.value(first + 1).toLongLong()};
    };
    m_polledRange = range(0);
    m_minutePrecisionRange = range(2);
    return {};
}

Result<PlayRepository::ImportOutcome> PlayRepository::insertImportedPlay(const ImportedPlay &play)
{
    const qint64 at = play.playedAtMs;
    if (play.minutePrecision) {
        const auto known = m_findSameListen.query({play.trackId, at, MergeWindowMs});
        if (!known) {
            return known.error();
        }
        if (!known.value().isEmpty()) {
            return ImportOutcome::SameAsKnownListen;
        }
    } else {
        if (nearPolled(at)) {
            const auto merged = mergeImportedWithPolled(play);
            if (!merged) {
                return merged.error();
            }
            if (merged.value()) {
                return ImportOutcome::MergedWithPolled;
            }
        }
        if (inMinutePrecisionRange(at)) {
            const auto replaced = replaceMinutePrecision(play);
            if (!replaced) {
                return replaced.error();
            }
            if (replaced.value()) {
                return ImportOutcome::ReplacedMinutePrecision;
            }
        }
    }
    const auto added = insertImportedRow(play);
    if (!added) {
        return added.error();
    }
    return added.value() ? ImportOutcome::Added : ImportOutcome::AlreadyKnown;
}

Result<bool> PlayRepository::mergeImportedWithPolled(const ImportedPlay &play)
{
    const QVariant msPlayed = play.msPlayed ? QVariant(*play.msPlayed) : QVariant();
    const auto polled =
        m_findNear.query({play.trackId, play.playedAtMs, QStringLiteral("polled"), MergeWindowMs, 1, msPlayed});
    if (!polled) {
        return polled.error();
    }
    if (polled.value().isEmpty()) {
        return false;
    }
    const QVariant id = polled.value().first().value(0);
    if (auto filled = m_fillFromImport.execute({id,
                                                msPlayed,
                                                optionalBool(play.skipped),
                                                optionalBool(play.shuffle),
                                                optionalBool(play.offline),
                                                QVariant(),
                                                QVariant()});
        !filled) {
        return filled.error();
    }
    if (auto filled = m_fillDetailsFromImport.execute({id,
                                                       utf8OrNull(play.platform),
                                                       utf8OrNull(play.reasonStart),
                                                       utf8OrNull(play.reasonEnd),
                                                       utf8OrNull(play.connCountry),
                                                       play.incognito ? QVariant(1) : QVariant()});
        !filled) {
        return filled.error();
    }
    return true;
}

Result<bool> PlayRepository::replaceMinutePrecision(const ImportedPlay &play)
{
    const qint64 minute = play.playedAtMs - play.playedAtMs % 60'000;
    const auto found = m_findMinutePrecision.query({play.trackId, minute});
    if (!found) {
        return found.error();
    }
    if (found.value().isEmpty()) {
        return false;
    }
    if (auto replaced = m_replaceMinutePrecision.execute({found.value().first().value(0),
                                                          play.trackId,
                                                          play.playedAtMs,
                                                          play.msPlayed ? QVariant(*play.msPlayed) : QVariant(),
                                                          optionalBool(play.skipped),
                                                          optionalBool(play.shuffle),
                                                          optionalBool(play.offline),
                                                          utf8OrNull(play.platform),
                                                          utf8OrNull(play.reasonStart),
                                                          utf8OrNull(play.reasonEnd),
                                                          utf8OrNull(play.connCountry),
                                                          play.incognito ? 1 : 0});
        !replaced) {
        return replaced.error();
    }
    return true;
}

Result<void> PlayRepository::bindImportedRow(SqliteStatement &statement, int first, const ImportedPlay &play)
{
    // Bound one by one with the typed binds (no parameter list, no QVariant per value), the texts in place:
    // they point into the row read, which outlives the statement's step and reset.
    const auto text = [](QByteArrayView utf8) {
        return utf8.isEmpty() ? QByteArrayView() : utf8; // unknown is NULL, as textOrNull()
    };
    const Result<void> binds[] = {
        statement.bindInt64(first, play.trackId),
        statement.bindInt64(first + 1, play.playedAtMs),
        statement.bindInt64(first + 2, play.msPlayed),
        statement.bindBool(first + 3, play.skipped),
        statement.bindBool(first + 4, play.shuffle),
        statement.bindBool(first + 5, play.offline),
        statement.bindTextInPlace(first + 6, text(play.platform)),
        statement.bindTextInPlace(first + 7, text(play.reasonStart)),
        statement.bindTextInPlace(first + 8, text(play.reasonEnd)),
        statement.bindTextInPlace(first + 9, text(play.connCountry)),
        statement.bindInt64(first + 10, play.incognito ? 1 : 0),
    };
    static_assert(std::size(binds) == ImportedRowParameters);
    for (const Result<void> &bound : binds) {
        if (!bound) {
            return bound.error();
        }
    }
    return {};
}

Result<bool> PlayRepository::insertImportedRow(const ImportedPlay &play)
{
    // This runs once per row that may merge and per Account-data row.
    SqliteStatement &s = m_insertImportedPlay;
    s.reset();
    Result<void> bound = bindImportedRow(s, 1, play);
    bound = bound ? s.bindInt64(ImportedRowParameters + 1, play.minutePrecision ? 1 : 0) : bound;
    if (!bound) {
        s.reset();
        return bound.error();
    }
    const auto stepped = s.step();
    s.reset();
    if (!stepped) {
        return stepped.error();
    }
    return m_database->changes() > 0;
}

Result<void> PlayRepository::insertUnmergeableImportedPlays(std::span<const ImportedPlay> plays,
                                                            std::span<ImportOutcome> outcomes)
{
    for (const ImportedPlay &play : plays) {
        if (play.minutePrecision || importMayMerge(play.playedAtMs)) {
            return Error{Error::Code::Internal,
                         QStringLiteral("An imported play that may merge with another was about to be stored "
                                        "without looking for it.")};
        }
    }
    constexpr size_t GroupRows = ImportRowsPerStatement;
    size_t at = 0;
    for (; at + GroupRows <= plays.size(); at += GroupRows) {
        const auto group = plays.subspan(at, GroupRows);
        SqliteStatement &s = m_insertImportedPlays;
        s.reset();
        for (size_t i = 0; i < GroupRows; ++i) {
            if (auto bound = bindImportedRow(s, int(i) * ImportedRowParameters + 1, group[i]); !bound) {
                s.reset();
                return bound.error();
            }
        }
        const auto stepped = s.step();
        s.reset();
        if (!stepped) {
            return stepped.error();
        }
        const qint64 added = m_database->changes();
        const auto groupOutcomes = outcomes.subspan(at, GroupRows);
        if (added == qint64(GroupRows)) {
            std::fill(groupOutcomes.begin(), groupOutcomes.end(), ImportOutcome::Added);
        } else if (auto resolved = resolveImportedGroup(group, added, groupOutcomes); !resolved) {
            return resolved;
        }
    }
    // The last few rows (fewer than a statement takes) one by one.
    for (; at < plays.size(); ++at) {
        const auto added = insertImportedRow(plays[at]);
        if (!added) {
            return added.error();
        }
        outcomes[at] = added.value() ? ImportOutcome::Added : ImportOutcome::AlreadyKnown;
    }
    return {};
}

Result<void> PlayRepository::resolveImportedGroup(std::span<const ImportedPlay> group,
                                                  qint64 added,
                                                  std::span<ImportOutcome> outcomes)
{
    // Some rows of the group were ignored: the same listen is stored already (an overlapping export), or
    // came earlier in the group. The statement gave its new rows the `added` row ids up to the last one it
    // inserted (ids are the largest one plus one), so a row is new when its stored play has one of those.
    const qint64 lastId = added > 0 ? m_database->lastInsertRowId() : 0;
    qint64 counted = 0;
    for (size_t i = 0; i < group.size(); ++i) {
        const ImportedPlay &play = group[i];
        const bool repeated = std::any_of(group.begin(), group.begin() + qsizetype(i), [&play](const ImportedPlay &p) {
            return p.trackId == play.trackId && p.playedAtMs == play.playedAtMs;
        });
        bool isNew = false;
        if (added > 0 && !repeated) {
            const auto found = m_findExact.query({play.trackId, play.playedAtMs});
            if (!found) {
                return found.error();
            }
            const qint64 id = found.value().isEmpty() ? 0 : found.value().first().value(0).toLongLong();
            isNew = id > lastId - added && id <= lastId;
        }
        outcomes[i] = isNew ? ImportOutcome::Added : ImportOutcome::AlreadyKnown;
        counted += isNew ? 1 : 0;
    }
    if (counted != added) {
        return Error{Error::Code::Internal,
                     QStringLiteral("The cache stored %1 of a group of imported plays but %2 of them can be found as "
                                    "new.")
                         .arg(added)
                         .arg(counted)};
    }
    return {};
}

Result<bool> PlayRepository::isImportFileKnown(const QString &sha256)
{
    const auto rows = m_findImportFile.query({sha256});
    if (!rows) {
        return rows.error();
    }
    return !rows.value().isEmpty();
}

Result<bool> PlayRepository::recordImportFile(const QString &sha256,
                                              const QString &name,
                                              const QString &generation,
                                              qint64 rowsRead,
                                              qint64 playsAdded)
{
    if (auto inserted = m_insertImportFile.execute({sha256, name, generation, store::nowMs(), rowsRead, playsAdded});
        !inserted) {
        return inserted.error();
    }
    return m_database->changes() > 0;
}

Result<std::optional<qint64>> PlayRepository::latestPolledPlayAtMs()
{
    const auto rows = m_selectLatestPolled.query();
    if (!rows) {
        return rows.error();
    }
    return toOptionalInteger(rows.value().value(0).value(0));
}

} // namespace engine
