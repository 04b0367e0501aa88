#include "tests/support/musicbrainz/fakemusicbrainz.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace testsupport
{

namespace
{

const auto IsrcPath = QStringLiteral("/ws/2/isrc/");

ConcertHttpReply jsonReply(int status, const QJsonObject &object)
{
    ConcertHttpReply reply;
    reply.status = status;
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return reply;
}

ConcertHttpReply errorReply(int status, const QString &error)
{
    return jsonReply(
        status,
        {{QStringLiteral("error"), error},
         {QStringLiteral("help"), QStringLiteral("For usage, please see: https://musicbrainz.org/development/mmd")}});
}

QJsonArray tagsJson(const QList<QPair<QString, int>> &tags)
{
    QJsonArray array;
    for (const auto &[name, count] : tags) {
        array.append(QJsonObject{{QStringLiteral("count"), count}, {QStringLiteral("name"), name}});
    }
    return array;
}

QJsonObject recordingJson(const FakeMusicBrainzRecording &recording, bool withTags, bool withCredits)
{
    QJsonObject object{{QStringLiteral("id"), recording.mbid},
                       {QStringLiteral("title"), recording.title},
                       {QStringLiteral("length"), 215000},
                       {QStringLiteral("video"), false},
                       {QStringLiteral("disambiguation"), QString()}};
    if (withTags) {
        object.insert(QStringLiteral("tags"), tagsJson(recording.tags));
    }
    if (withCredits) {
        QJsonArray credits;
        for (qsizetype i = 0; i < recording.artists.size(); ++i) {
            const FakeMusicBrainzArtist &artist = recording.artists.at(i);
            QJsonObject artistJson{{QStringLiteral("id"), artist.mbid},
                                   {QStringLiteral("name"), artist.name},
                                   {QStringLiteral("sort-name"), artist.name},
                                   {QStringLiteral("disambiguation"), QString()}};
            if (withTags) {
                artistJson.insert(QStringLiteral("tags"), tagsJson(artist.tags));
            }
            const bool last = i + 1 == recording.artists.size();
            credits.append(
                QJsonObject{{QStringLiteral("name"), artist.creditedName.isEmpty() ? artist.name : artist.creditedName},
                            {QStringLiteral("joinphrase"), last ? QString() : QStringLiteral(" & ")},
                            {QStringLiteral("artist"), artistJson}});
        }
        object.insert(QStringLiteral("artist-credit"), credits);
    }
    return object;
}

} // namespace

FakeMusicBrainz::FakeMusicBrainz()
    : FakeConcertServer(0, 0)
{
    start();
}

FakeMusicBrainz::~FakeMusicBrainz()
{
    stop();
}

QUrl FakeMusicBrainz::apiUrl() const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/ws/2"));
    return url;
}

void FakeMusicBrainz::addStandardRecordings()
{
    // Two recordings share one ISRC (a single and its album version): their tags add up.
    addRecording(
        QStringLiteral("GBAYE0601498"),
        {QStringLiteral("0f3c8e1a-1c4b-4b1e-9a53-1d2a3b4c5d01"),
         QStringLiteral("Paper Lanterns"),
         {{QStringLiteral("Indie Rock"), 7}, {QStringLiteral("  dream pop "), 3}, {QStringLiteral("seen live"), 0}},
         {{QStringLiteral("a1b2c3d4-0000-4000-8000-000000000001"),
           QStringLiteral("Björk"),
           QString(),
           {{QStringLiteral("electronic"), 30}, {QStringLiteral("art pop"), 12}, {QStringLiteral("icelandic"), 2}}}}});
    addRecording(
        QStringLiteral("GBAYE0601498"),
        {QStringLiteral("0f3c8e1a-1c4b-4b1e-9a53-1d2a3b4c5d02"),
         QStringLiteral("Paper Lanterns (album version)"),
         {{QStringLiteral("indie rock"), 2}},
         {{QStringLiteral("a1b2c3d4-0000-4000-8000-000000000001"),
           QStringLiteral("Björk"),
           QString(),
           {{QStringLiteral("electronic"), 30}, {QStringLiteral("art pop"), 12}, {QStringLiteral("icelandic"), 2}}}}});
    // Two credited artists, one of them under another name than its own.
    addRecording(QStringLiteral("USRC17607839"),
                 {QStringLiteral("5e6f7a8b-2222-4333-8444-555566667777"),
                  QStringLiteral("Night Drive"),
                  {{QStringLiteral("Synthwave"), 4}, {QStringLiteral("electronic"), 1}},
                  {{QStringLiteral("a1b2c3d4-0000-4000-8000-000000000002"),
                    QStringLiteral("The Midnight"),
                    QString(),
                    {{QStringLiteral("synthwave"), 9}}},
                   {QStringLiteral("a1b2c3d4-0000-4000-8000-000000000003"),
                    QStringLiteral("Beyoncé"),
                    QStringLiteral("BEYONCE"),
                    {{QStringLiteral("r&b"), 15}, {QStringLiteral("pop"), 10}}}}});
    // A recording nobody tagged.
    addRecording(QStringLiteral("FRZ039800212"),
                 {QStringLiteral("9a9b9c9d-3333-4444-8555-666677778888"), QStringLiteral("Untagged"), {}, {}});
}

void FakeMusicBrainz::addRecording(const QString &isrc, const FakeMusicBrainzRecording &recording)
{
    std::lock_guard lock(m_mutex);
    m_recordings[isrc].append(recording);
}

void FakeMusicBrainz::setRawAnswer(const QString &isrc, const QByteArray &body)
{
    std::lock_guard lock(m_mutex);
    m_rawAnswers.insert(isrc, body);
}

void FakeMusicBrainz::setRetryAfterSeconds(int seconds)
{
    std::lock_guard lock(m_mutex);
    m_retryAfterSeconds = seconds;
}

void FakeMusicBrainz::setEnforceRateLimit(bool enforce)
{
    std::lock_guard lock(m_mutex);
    m_enforceRateLimit = enforce;
}

ConcertHttpReply FakeMusicBrainz::rateLimited() const
{
    ConcertHttpReply reply = errorReply(503,
                                        QStringLiteral("Your requests are exceeding the allowable rate limit. Please "
                                                       "see https://musicbrainz.org/doc/MusicBrainz_API/Rate_Limiting "
                                                       "for more information."));
    if (m_retryAfterSeconds > 0) {
        reply.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(m_retryAfterSeconds)});
    }
    return reply;
}

ConcertHttpReply FakeMusicBrainz::scriptedFailure(int status, const ConcertHttpRequest &, FakeConcertRequest &)
{
    std::lock_guard lock(m_mutex);
    if (status == 503 || status == 429) {
        ConcertHttpReply reply = rateLimited();
        reply.status = status;
        return reply;
    }
    return errorReply(status, QStringLiteral("Internal server error"));
}

ConcertHttpReply FakeMusicBrainz::handle(const ConcertHttpRequest &request, FakeConcertRequest &record)
{
    std::lock_guard lock(m_mutex);
    if (m_enforceRateLimit && m_lastServedMs >= 0 && record.receivedAtMs - m_lastServedMs < 1000 - RateGraceMs) {
        return rateLimited();
    }
    m_lastServedMs = record.receivedAtMs;

    if (request.userAgent.trimmed().isEmpty()) {
        return errorReply(403, QStringLiteral("User-Agent header required"));
    }
    if (request.method != "GET" || !request.path.startsWith(IsrcPath)) {
        return errorReply(404, QStringLiteral("Not Found"));
    }
    if (queryParam(request.query, QStringLiteral("fmt")) != QLatin1String("json")) {
        // The real service answers XML then; TuneScout never asks for it.
        return errorReply(400, QStringLiteral("This fake serves fmt=json only"));
    }
    const QString isrc = request.path.mid(IsrcPath.size());
    static const QRegularExpression shape(QStringLiteral("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$"));
    if (!shape.match(isrc).hasMatch()) {
        return errorReply(400, QStringLiteral("Invalid isrc."));
    }
    if (const auto raw = m_rawAnswers.constFind(isrc); raw != m_rawAnswers.cend()) {
        ConcertHttpReply reply;
        reply.body = *raw;
        return reply;
    }
    const auto found = m_recordings.constFind(isrc);
    if (found == m_recordings.cend()) {
        return errorReply(404, QStringLiteral("Not Found"));
    }
    const QStringList inc =
        queryParam(request.query, QStringLiteral("inc")).split(QRegularExpression(QStringLiteral("[+ ]")));
    QJsonArray recordings;
    for (const FakeMusicBrainzRecording &recording : *found) {
        recordings.append(recordingJson(recording,
                                        inc.contains(QStringLiteral("tags")),
                                        inc.contains(QStringLiteral("artist-credits"))));
    }
    return jsonReply(200, {{QStringLiteral("isrc"), isrc}, {QStringLiteral("recordings"), recordings}});
}

} // namespace testsupport
