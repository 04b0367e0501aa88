#include "engine/enrich/tagrepository.h"

#include "engine/store/namekey.h"

#include <QSet>

namespace engine
{

namespace
{

// An ISRC is pending when it has no lookup, or a failed one old enough to try again.
constexpr auto PendingFilter = "t.isrc IS NOT NULL AND t.isrc <> '' AND (l.isrc IS NULL OR (l.status = 'failed' AND "
                               "l.looked_up_at_ms <= ?1))";

} // namespace

QString tagLookupStatusName(TagLookupStatus status)
{
    switch (status) {
    case TagLookupStatus::Found:
        return QStringLiteral("found");
    case TagLookupStatus::NotFound:
        return QStringLiteral("not_found");
    case TagLookupStatus::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

TagRepository::TagRepository(SqliteDatabase &database)
    : m_database(&database)
{
}

Result<TagRepository> TagRepository::create(SqliteDatabase &database)
{
    TagRepository r(database);
    const QByteArray filter(PendingFilter);
    const auto prepared = database.prepareAll({
        {&r.m_selectPending,
         "SELECT t.isrc, COUNT(p.id) AS play_count, MIN(p.played_at_ms) AS first_played_at_ms FROM tracks t "
         "LEFT JOIN tag_lookups l ON l.isrc = t.isrc LEFT JOIN plays p ON p.track_id = t.id WHERE "
             + filter
             + " GROUP BY t.isrc ORDER BY play_count DESC, first_played_at_ms IS NULL, first_played_at_ms, t.isrc "
               "LIMIT ?2"},
        {&r.m_countPending,
         "SELECT COUNT(DISTINCT t.isrc) FROM tracks t LEFT JOIN tag_lookups l ON l.isrc = t.isrc WHERE " + filter},
        {&r.m_upsertTag,
         "INSERT INTO tags (name) VALUES (?1) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id"},
        {&r.m_tracksWithIsrc, "SELECT id FROM tracks WHERE isrc = ?1"},
        {&r.m_artistsOfIsrc,
         "SELECT DISTINCT a.id, a.name_key FROM tracks t JOIN track_artists ta ON ta.track_id = t.id "
         "JOIN artists a ON a.id = ta.artist_id WHERE t.isrc = ?1"},
        {&r.m_deleteTrackTags, "DELETE FROM track_tags WHERE track_id = ?1"},
        {&r.m_insertTrackTag, "INSERT INTO track_tags (track_id, tag_id, votes) VALUES (?1, ?2, ?3)"},
        {&r.m_upsertArtistTag,
         "INSERT INTO artist_tags (artist_id, tag_id, votes) VALUES (?1, ?2, ?3) ON CONFLICT (artist_id, tag_id) "
         "DO UPDATE SET votes = excluded.votes"},
        {&r.m_upsertLookup,
         "INSERT INTO tag_lookups (isrc, status, recording_mbid, looked_up_at_ms) VALUES (?1, ?2, ?3, ?4) "
         "ON CONFLICT (isrc) DO UPDATE SET status = excluded.status, recording_mbid = excluded.recording_mbid, "
         "looked_up_at_ms = excluded.looked_up_at_ms"},
    });
    if (!prepared) {
        return prepared.error();
    }
    return r;
}

Result<QStringList> TagRepository::pendingIsrcs(int limit, qint64 retryFailedAtOrBeforeMs)
{
    const auto rows = m_selectPending.query({retryFailedAtOrBeforeMs, qMax(0, limit)});
    if (!rows) {
        return rows.error();
    }
    QStringList isrcs;
    for (const QVariantList &row : rows.value()) {
        isrcs.append(row.value(0).toString());
    }
    return isrcs;
}

Result<int> TagRepository::pendingCount(qint64 retryFailedAtOrBeforeMs)
{
    const auto rows = m_countPending.query({retryFailedAtOrBeforeMs});
    if (!rows) {
        return rows.error();
    }
    return rows.value().isEmpty() ? 0 : rows.value().first().value(0).toInt();
}

Result<qint64> TagRepository::tagId(const QString &name)
{
    const auto rows = m_upsertTag.query({name});
    if (!rows) {
        return rows.error();
    }
    if (rows.value().isEmpty()) {
        return Error{Error::Code::Internal, QStringLiteral("Storing the tag \"%1\" returned no id.").arg(name)};
    }
    return rows.value().first().value(0).toLongLong();
}

Result<void>
TagRepository::recordLookup(const QString &isrc, TagLookupStatus status, const QString &recordingMbid, qint64 atMs)
{
    return m_upsertLookup.execute(
        {isrc, tagLookupStatusName(status), recordingMbid.isEmpty() ? QVariant() : QVariant(recordingMbid), atMs});
}

Result<SavedTags> TagRepository::saveFound(const QString &isrc, const IsrcTags &tags, qint64 atMs)
{
    return inTransaction<SavedTags>(*m_database, [&]() -> Result<SavedTags> {
        SavedTags saved;
        const auto tracks = m_tracksWithIsrc.query({isrc});
        if (!tracks) {
            return tracks.error();
        }
        for (const QVariantList &track : tracks.value()) {
            const qint64 trackId = track.value(0).toLongLong();
            if (const auto removed = m_deleteTrackTags.execute({trackId}); !removed) {
                return removed.error();
            }
            for (const TagVote &tag : tags.recordingTags) {
                const auto id = tagId(tag.name);
                if (!id) {
                    return id.error();
                }
                if (const auto inserted = m_insertTrackTag.execute({trackId, id.value(), tag.votes}); !inserted) {
                    return inserted.error();
                }
                ++saved.trackTags;
            }
        }

        const auto artists = m_artistsOfIsrc.query({isrc});
        if (!artists) {
            return artists.error();
        }
        for (const CreditedArtistTags &credited : tags.artists) {
            QSet<QString> keys{nameKey(credited.name)};
            if (!credited.creditedName.isEmpty()) {
                keys.insert(nameKey(credited.creditedName));
            }
            for (const QVariantList &artist : artists.value()) {
                if (!keys.contains(artist.value(1).toString())) {
                    continue;
                }
                ++saved.artistsMatched;
                for (const TagVote &tag : credited.tags) {
                    const auto id = tagId(tag.name);
                    if (!id) {
                        return id.error();
                    }
                    const auto upserted =
                        m_upsertArtistTag.execute({artist.value(0).toLongLong(), id.value(), tag.votes});
                    if (!upserted) {
                        return upserted.error();
                    }
                    ++saved.artistTags;
                }
            }
        }
        if (const auto recorded = recordLookup(isrc, TagLookupStatus::Found, tags.recordingMbid, atMs); !recorded) {
            return recorded.error();
        }
        return saved;
    });
}

Result<void> TagRepository::saveOutcome(const QString &isrc, TagLookupStatus status, qint64 atMs)
{
    return recordLookup(isrc, status, QString(), atMs);
}

} // namespace engine
