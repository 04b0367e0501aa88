#include "engine/discover/feedbackrepository.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace engine
{

namespace
{

struct KindName {
    FeedbackKind kind;
    const char *name;
};

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

} // namespace engine
