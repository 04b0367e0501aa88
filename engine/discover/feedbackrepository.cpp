#include "engine/discover/feedbackrepository.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace engine
{

namespace
{

struct KindName {
    FeedbackKind kind;
    const char *name;
};

constexpr auto kNotBeforeKey = "library_writes_not_before_ms";
constexpr auto kFailuresKey = "library_writes_failures";

constexpr KindName kKindNames[] = {
    {FeedbackKind::Like, "like"},
    {FeedbackKind::Unlike, "unlike"},
    {FeedbackKind::HideTrack, "hide_track"},
    {FeedbackKind::HideArtist, "hide_artist"},
    {FeedbackKind::NotNow, "not_now"},
    {FeedbackKind::Skip, "skip"},
    {FeedbackKind::FullPlay, "full_play"},
};

} // namespace

QString feedbackKindName(FeedbackKind kind)
{
    for (const KindName &entry : kKindNames) {
        if (entry.kind == kind) {
            return QString::fromLatin1(entry.name);
        }
    }
    return {};
}

std::optional<FeedbackKind> feedbackKindFromName(const QString &name)
{
    for (const KindName &entry : kKindNames) {
        if (name == QLatin1String(entry.name)) {
            return entry.kind;
        }
    }
    return std::nullopt;
}

bool isSpotifyUri(const QString &uri, QLatin1String type)
{
    static const QRegularExpression pattern(QStringLiteral("^spotify:([a-z]+):[0-9A-Za-z]+$"));
    const auto match = pattern.match(uri);
    return match.hasMatch() && match.capturedView(1) == type;
}

FeedbackRepository::FeedbackRepository(SqliteDatabase &database)
    : m_database(&database)
{
}

Result<FeedbackRepository> FeedbackRepository::create(SqliteDatabase &database)
{
    FeedbackRepository r(database);
    auto outbox = OutboxRepository::create(database);
    if (!outbox) {
        return outbox.error();
    }
    r.m_outbox.emplace(std::move(outbox).value());
    const auto prepared = database.prepareAll({
        {&r.m_insert,
         "INSERT INTO feedback (event_id, kind, uri, created_at_ms, expires_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)"},
        // Oldest first, so that a later like or unlike of the same track overrides an earlier one.
        {&r.m_select, "SELECT id, kind, uri, expires_at_ms, created_at_ms FROM feedback ORDER BY created_at_ms, id"},
        {&r.m_queueWrite,
         "INSERT INTO pending_library_writes (uri, saved, queued_at_ms) VALUES (?1, ?2, ?3) "
         "ON CONFLICT (uri) DO UPDATE SET saved = excluded.saved, queued_at_ms = excluded.queued_at_ms"},
        {&r.m_selectWrites, "SELECT uri, saved, queued_at_ms FROM pending_library_writes ORDER BY queued_at_ms, uri"},
        {&r.m_clearWrite, "DELETE FROM pending_library_writes WHERE uri = ?1 AND saved = ?2 AND queued_at_ms = ?3"},
        {&r.m_selectWrite, "SELECT saved FROM pending_library_writes WHERE uri = ?1"},
        {&r.m_selectMetadata, "SELECT value FROM cache_metadata WHERE key = ?1"},
        {&r.m_setMetadata,
         "INSERT INTO cache_metadata (key, value) VALUES (?1, CAST(?2 AS TEXT)) "
         "ON CONFLICT (key) DO UPDATE SET value = excluded.value"},
        {&r.m_clearBackoff, "DELETE FROM cache_metadata WHERE key IN (?1, ?2)"},
        {&r.m_latestLike,
         "SELECT kind FROM feedback WHERE uri = ?1 AND kind IN ('like', 'unlike') ORDER BY created_at_ms DESC, id DESC "
         "LIMIT 1"},
        {&r.m_saved, "SELECT count(*) FROM saved_tracks s JOIN tracks t ON t.id = s.track_id WHERE t.spotify_id = ?1"},
    });
    if (!prepared) {
        return prepared.error();
    }
    return r;
}

Result<QString> FeedbackRepository::record(FeedbackKind kind, const QString &uri, qint64 nowMs)
{
    const bool artist = kind == FeedbackKind::HideArtist;
    if (!isSpotifyUri(uri, artist ? QLatin1String("artist") : QLatin1String("track"))) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("'%1' is not a Spotify %2 URI (spotify:%2:<id>).")
                         .arg(uri, artist ? QStringLiteral("artist") : QStringLiteral("track"))};
    }
    const std::optional<qint64> expires =
        kind == FeedbackKind::NotNow ? std::optional<qint64>(nowMs + kNotNowMs) : std::nullopt;
    QJsonObject payload{{QStringLiteral("kind"), feedbackKindName(kind)},
                        {QStringLiteral("uri"), uri},
                        {QStringLiteral("created_at_ms"), nowMs}};
    if (expires) {
        payload.insert(QStringLiteral("expires_at_ms"), *expires);
    }
    return inTransaction<QString>(*m_database, [&]() -> Result<QString> {
        auto eventId = m_outbox->enqueue(OutboxKind::Feedback, payload);
        if (!eventId) {
            return eventId.error();
        }
        const auto inserted = m_insert.execute(
            {eventId.value(), feedbackKindName(kind), uri, nowMs, expires ? QVariant(*expires) : QVariant()});
        if (!inserted) {
            return inserted.error();
        }
        if (kind == FeedbackKind::Like || kind == FeedbackKind::Unlike) {
            const auto queued = m_queueWrite.execute({uri, kind == FeedbackKind::Like ? 1 : 0, nowMs});
            if (!queued) {
                return queued.error();
            }
        }
        return eventId;
    });
}

Result<FeedbackState> FeedbackRepository::state(qint64 nowMs)
{
    const auto rows = m_select.query();
    if (!rows) {
        return rows.error();
    }
    FeedbackState state;
    for (const QVariantList &row : rows.value()) {
        state.revision = std::max(state.revision, row.at(0).toLongLong());
        const auto kind = feedbackKindFromName(row.at(1).toString());
        const QString uri = row.at(2).toString();
        if (!kind) {
            continue; // the table's CHECK admits no other kind; a newer client's kind is not ours to read
        }
        switch (*kind) {
        case FeedbackKind::Like:
            state.liked.insert(uri);
            break;
        case FeedbackKind::Unlike:
            state.liked.remove(uri);
            break;
        case FeedbackKind::HideTrack:
            state.hiddenTracks.insert(uri);
            break;
        case FeedbackKind::HideArtist:
            state.hiddenArtists.insert(uri);
            break;
        case FeedbackKind::NotNow:
            if (row.at(3).toLongLong() > nowMs) {
                state.notNow.insert(uri);
            }
            break;
        case FeedbackKind::Skip:
        case FeedbackKind::FullPlay: {
            // Listening behaviour: it excludes nothing, it moves the track in the ranking (engine/discover).
            const qint64 age = std::max<qint64>(nowMs - row.at(4).toLongLong(), 0);
            const double weight = std::exp2(-double(age) / double(kBehaviourHalfLifeMs));
            (kind == FeedbackKind::Skip ? state.skips : state.fullPlays)[uri] += weight;
            break;
        }
        }
    }
    return state;
}

Result<QList<PendingLibraryWrite>> FeedbackRepository::pendingLibraryWrites()
{
    const auto rows = m_selectWrites.query();
    if (!rows) {
        return rows.error();
    }
    QList<PendingLibraryWrite> writes;
    for (const QVariantList &row : rows.value()) {
        writes.append({row.at(0).toString(), row.at(1).toLongLong() != 0, row.at(2).toLongLong()});
    }
    return writes;
}

Result<void> FeedbackRepository::clearLibraryWrite(const PendingLibraryWrite &write)
{
    return m_clearWrite.execute({write.uri, write.saved ? 1 : 0, write.queuedAtMs});
}

Result<LibraryWriteBackoff> FeedbackRepository::libraryWriteBackoff()
{
    // Zero when absent; also when unreadable: only setLibraryWriteBackoff writes these, and a damaged value must
    // not hold the likes back forever.
    const auto number = [this](const char *key) -> Result<qint64> {
        const auto rows = m_selectMetadata.query({QString::fromLatin1(key)});
        if (!rows) {
            return rows.error();
        }
        bool ok = false;
        const qint64 value = rows.value().isEmpty() ? 0 : rows.value().first().at(0).toString().toLongLong(&ok);
        return ok && value > 0 ? value : 0;
    };
    const auto notBefore = number(kNotBeforeKey);
    if (!notBefore) {
        return notBefore.error();
    }
    const auto failures = number(kFailuresKey);
    if (!failures) {
        return failures.error();
    }
    return LibraryWriteBackoff{notBefore.value(), int(std::min<qint64>(failures.value(), 64))};
}

Result<void> FeedbackRepository::setLibraryWriteBackoff(const LibraryWriteBackoff &backoff)
{
    if (backoff == LibraryWriteBackoff{}) {
        return m_clearBackoff.execute({QString::fromLatin1(kNotBeforeKey), QString::fromLatin1(kFailuresKey)});
    }
    return m_database->transaction([&]() -> Result<void> {
        if (auto set = m_setMetadata.execute({QString::fromLatin1(kNotBeforeKey), backoff.notBeforeMs}); !set) {
            return set;
        }
        return m_setMetadata.execute({QString::fromLatin1(kFailuresKey), backoff.failures});
    });
}

Result<bool> FeedbackRepository::isLiked(const QString &trackUri, bool *pending)
{
    if (!isSpotifyUri(trackUri, QLatin1String("track"))) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("'%1' is not a Spotify track URI (spotify:track:<id>).").arg(trackUri)};
    }
    const auto queued = m_selectWrite.query({trackUri});
    if (!queued) {
        return queued.error();
    }
    if (pending) {
        *pending = !queued.value().isEmpty();
    }
    if (!queued.value().isEmpty()) {
        return queued.value().first().at(0).toLongLong() != 0;
    }
    const auto latest = m_latestLike.query({trackUri});
    if (!latest) {
        return latest.error();
    }
    if (!latest.value().isEmpty()) {
        return latest.value().first().at(0).toString() == QLatin1String("like");
    }
    const auto saved = m_saved.query({trackUri.section(QLatin1Char(':'), 2)});
    if (!saved) {
        return saved.error();
    }
    return !saved.value().isEmpty() && saved.value().first().at(0).toLongLong() > 0;
}

} // namespace engine
