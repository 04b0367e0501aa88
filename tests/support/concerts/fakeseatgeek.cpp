#include "tests/support/concerts/fakeseatgeek.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <optional>

namespace testsupport
{

namespace
{

const QString kEventsPath = QStringLiteral("/2/events");

// SeatGeek's error envelope, as a real 403 for a missing client shows it. Only that 403's code and text
// were captured; the other codes and messages are ours.
ConcertHttpReply seatGeekError(int status, int code, const QString &message)
{
    ConcertHttpReply reply;
    reply.status = status;
    reply.contentType = QByteArrayLiteral("application/json");
    reply.body =
        QJsonDocument(
            QJsonObject{
                {QStringLiteral("errors"),
                 QJsonArray{QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}},
                {QStringLiteral("message"), message},
                {QStringLiteral("status"), status},
                {QStringLiteral("meta"), QJsonObject{{QStringLiteral("status"), status}}},
            })
            .toJson(QJsonDocument::Compact);
    return reply;
}

std::optional<int> positiveIntParam(const QUrlQuery &query, const QString &name)
{
    bool ok = false;
    const int value = queryParam(query, name).toInt(&ok);
    if (!ok || value < 1)
        return std::nullopt;
    return value;
}

// "2026-04-01" or "2026-04-01T20:00:00", with or without a Z: always UTC.
std::optional<QDateTime> parseDateTime(const QString &text)
{
    if (text.size() == 10) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid())
            return QDateTime(date, QTime(0, 0), Qt::UTC);
        return std::nullopt;
    }
    QString bare = text;
    if (bare.endsWith(QLatin1Char('Z')))
        bare.chop(1);
    const QDateTime parsed = QDateTime::fromString(bare, QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    if (!parsed.isValid())
        return std::nullopt;
    return QDateTime(parsed.date(), parsed.time(), Qt::UTC);
}

bool equalsFolded(const QStringList &wanted, const QString &value)
{
    const QString folded = foldForSearch(value);
    return std::any_of(wanted.cbegin(), wanted.cend(), [&folded](const QString &candidate) {
        return foldForSearch(candidate) == folded;
    });
}

} // namespace

FakeSeatGeek::FakeSeatGeek(const FakeConcertCatalogue &catalogue)
    : FakeConcertServer(kDefaultRequestsPerSecond, 0)
{
    m_clients.insert(defaultClientId(), QString());
    setCatalogue(catalogue);
    start();
}

FakeSeatGeek::~FakeSeatGeek()
{
    stop();
}

QString FakeSeatGeek::defaultClientId()
{
    return QStringLiteral("tunescout-test-seatgeek-client");
}

void FakeSeatGeek::addClient(const QString &clientId, const QString &clientSecret)
{
    std::lock_guard lock(m_clientsMutex);
    m_clients.insert(clientId, clientSecret);
}

void FakeSeatGeek::removeClient(const QString &clientId)
{
    std::lock_guard lock(m_clientsMutex);
    m_clients.remove(clientId);
}

QUrl FakeSeatGeek::eventsUrl() const
{
    QUrl url = baseUrl();
    url.setPath(kEventsPath);
    return url;
}

FakeSeatGeek::Credentials FakeSeatGeek::credentialsOf(const ConcertHttpRequest &request)
{
    Credentials credentials;
    if (request.query.hasQueryItem(QStringLiteral("client_id"))) {
        credentials.clientId = queryParam(request.query, QStringLiteral("client_id"));
        credentials.secretSent = request.query.hasQueryItem(QStringLiteral("client_secret"));
        credentials.clientSecret = queryParam(request.query, QStringLiteral("client_secret"));
        return credentials;
    }
    static const QByteArray basic = QByteArrayLiteral("Basic ");
    if (request.authorization.startsWith(basic)) {
        const QByteArray decoded = QByteArray::fromBase64(request.authorization.mid(basic.size()).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        credentials.clientId = QString::fromUtf8(colon < 0 ? decoded : decoded.left(colon));
        if (colon >= 0) {
            credentials.clientSecret = QString::fromUtf8(decoded.mid(colon + 1));
            credentials.secretSent = !credentials.clientSecret.isEmpty();
        }
    }
    return credentials;
}

ConcertHttpReply FakeSeatGeek::handle(const ConcertHttpRequest &request, FakeConcertRequest &record)
{
    if (request.method != "GET" || (request.path != kEventsPath && request.path != kEventsPath + QLatin1Char('/')))
        return seatGeekError(404, 40400, QStringLiteral("Not Found"));

    const Credentials credentials = credentialsOf(request);
    record.credential = credentials.clientId;
    if (credentials.clientId.isEmpty()) {
        return seatGeekError(403,
                             40307,
                             QStringLiteral("Client is required - visit \"https://seatgeek.com/account/develop\""));
    }
    {
        std::lock_guard lock(m_clientsMutex);
        const auto client = m_clients.constFind(credentials.clientId);
        if (client == m_clients.cend())
            return seatGeekError(403, 40301, QStringLiteral("Invalid client_id"));
        if (credentials.secretSent && !client->isEmpty() && *client != credentials.clientSecret)
            return seatGeekError(403, 40302, QStringLiteral("Invalid client_secret"));
    }
    if (!consumeRateLimit(credentials.clientId).allowed)
        return seatGeekError(429, 42900, QStringLiteral("Too Many Requests"));
    return search(request);
}

ConcertHttpReply
FakeSeatGeek::scriptedFailure(int status, const ConcertHttpRequest &request, FakeConcertRequest &record)
{
    record.credential = credentialsOf(request).clientId;
    switch (status) {
    case 429:
        return seatGeekError(status, 42900, QStringLiteral("Too Many Requests"));
    case 502:
        return seatGeekError(status, 50200, QStringLiteral("Bad Gateway"));
    case 503:
        return seatGeekError(status, 50300, QStringLiteral("Service Unavailable"));
    case 504:
        return seatGeekError(status, 50400, QStringLiteral("Gateway Timeout"));
    default:
        return seatGeekError(status, status * 100, QStringLiteral("Internal Server Error"));
    }
}

ConcertHttpReply FakeSeatGeek::search(const ConcertHttpRequest &request) const
{
    QElapsedTimer took;
    took.start();
    const QUrlQuery &query = request.query;

    const int perPage = positiveIntParam(query, QStringLiteral("per_page")).value_or(kDefaultPerPage);
    const int page = positiveIntParam(query, QStringLiteral("page")).value_or(1);

    struct Bound {
        QString name;
        std::optional<QDateTime> value;
    };
    Bound bounds[] = {{QStringLiteral("datetime_utc.gte"), {}},
                      {QStringLiteral("datetime_utc.gt"), {}},
                      {QStringLiteral("datetime_utc.lte"), {}},
                      {QStringLiteral("datetime_utc.lt"), {}}};
    for (Bound &bound : bounds) {
        if (!query.hasQueryItem(bound.name))
            continue;
        bound.value = parseDateTime(queryParam(query, bound.name));
        if (!bound.value)
            return seatGeekError(400, 40000, QStringLiteral("Invalid %1").arg(bound.name));
    }

    std::optional<ConcertGeoPoint> centre;
    QString range = QStringLiteral("30mi");
    double rangeKm = 30 * kKilometresPerMile;
    if (query.hasQueryItem(QStringLiteral("lat")) || query.hasQueryItem(QStringLiteral("lon"))) {
        bool latOk = false;
        bool lonOk = false;
        const double latitude = queryParam(query, QStringLiteral("lat")).toDouble(&latOk);
        const double longitude = queryParam(query, QStringLiteral("lon")).toDouble(&lonOk);
        if (!latOk || !lonOk)
            return seatGeekError(400, 40000, QStringLiteral("Invalid lat/lon"));
        centre = ConcertGeoPoint{latitude, longitude};
        if (query.hasQueryItem(QStringLiteral("range"))) {
            static const QRegularExpression rangeFormat(QStringLiteral("^(\\d+(?:\\.\\d+)?)(mi|km)$"));
            range = queryParam(query, QStringLiteral("range"));
            const QRegularExpressionMatch match = rangeFormat.match(range);
            if (!match.hasMatch())
                return seatGeekError(400, 40000, QStringLiteral("Invalid range"));
            const double amount = match.captured(1).toDouble();
            rangeKm = match.captured(2) == QLatin1String("km") ? amount : amount * kKilometresPerMile;
        }
    }

    const QStringList slugs = queryListParam(query, QStringLiteral("performers.slug"));
    const QStringList performerIds = queryListParam(query, QStringLiteral("performers.id"));
    const QStringList eventIds = queryListParam(query, QStringLiteral("id"));
    const QStringList cities = queryListParam(query, QStringLiteral("venue.city"));
    const QStringList states = queryListParam(query, QStringLiteral("venue.state"));
    const QStringList countries = queryListParam(query, QStringLiteral("venue.country"));
    const QStringList taxonomies = queryListParam(query, QStringLiteral("taxonomies.name"));
    const QString text = queryParam(query, QStringLiteral("q"));

    QList<FakeConcert> matches;
    const FakeConcertCatalogue all = catalogue();
    for (const FakeConcert &concert : all.concerts()) {
        if (!concert.onSeatGeek())
            continue;
        if (!slugs.isEmpty()
            && std::none_of(concert.performers.cbegin(),
                            concert.performers.cend(),
                            [&slugs](const FakeConcertPerformer &performer) {
                                return slugs.contains(performer.slug);
                            }))
            continue;
        if (!performerIds.isEmpty()
            && std::none_of(concert.performers.cbegin(),
                            concert.performers.cend(),
                            [&performerIds](const FakeConcertPerformer &performer) {
                                return performerIds.contains(QString::number(performer.seatGeekId));
                            }))
            continue;
        if (!eventIds.isEmpty() && !eventIds.contains(QString::number(concert.seatGeekId)))
            continue;
        if (!cities.isEmpty() && !equalsFolded(cities, concert.venue.city))
            continue;
        if (!states.isEmpty() && !equalsFolded(states, concert.venue.stateCode))
            continue;
        if (!countries.isEmpty() && !equalsFolded(countries, concert.venue.countryCode))
            continue;
        if (!taxonomies.isEmpty() && !equalsFolded(taxonomies, concert.seatGeekType()))
            continue;
        if (!text.isEmpty()) {
            QString haystack = concert.seatGeekDisplayTitle() + QLatin1Char(' ') + concert.venue.name + QLatin1Char(' ')
                + concert.venue.city;
            for (const FakeConcertPerformer &performer : concert.performers)
                haystack += QLatin1Char(' ') + performer.seatGeekDisplayName();
            if (!matchesKeyword(haystack, text))
                continue;
        }
        const QDateTime start = concert.startUtc;
        if ((bounds[0].value && start < *bounds[0].value) || (bounds[1].value && start <= *bounds[1].value)
            || (bounds[2].value && start > *bounds[2].value) || (bounds[3].value && start >= *bounds[3].value))
            continue;
        if (centre
            && distanceKm(centre->latitude, centre->longitude, concert.venue.latitude, concert.venue.longitude)
                > rangeKm)
            continue;
        matches.append(concert);
    }

    const QString sort = queryParam(query, QStringLiteral("sort"));
    const auto byDate = [](const FakeConcert &a, const FakeConcert &b) {
        if (a.startUtc != b.startUtc)
            return a.startUtc < b.startUtc;
        return a.seatGeekId < b.seatGeekId;
    };
    if (sort == QLatin1String("datetime_utc.desc")) {
        std::stable_sort(matches.begin(), matches.end(), [&byDate](const FakeConcert &a, const FakeConcert &b) {
            return byDate(b, a);
        });
    } else if (sort.startsWith(QLatin1String("score."))) {
        const bool ascending = sort.endsWith(QLatin1String(".asc"));
        std::stable_sort(matches.begin(), matches.end(), [ascending](const FakeConcert &a, const FakeConcert &b) {
            if (a.seatGeekScore != b.seatGeekScore)
                return ascending ? a.seatGeekScore < b.seatGeekScore : a.seatGeekScore > b.seatGeekScore;
            return a.seatGeekId < b.seatGeekId;
        });
    } else if (sort == QLatin1String("id.asc")) {
        std::stable_sort(matches.begin(), matches.end(), [](const FakeConcert &a, const FakeConcert &b) {
            return a.seatGeekId < b.seatGeekId;
        });
    } else {
        std::stable_sort(matches.begin(), matches.end(), byDate);
    }

    QJsonArray events;
    const qint64 first = qint64(page - 1) * perPage;
    for (qint64 i = first; i < std::min<qint64>(matches.size(), first + perPage); ++i)
        events.append(seatGeekEventJson(matches.at(i)));

    QJsonValue geolocation = QJsonValue::Null;
    if (centre) {
        geolocation = QJsonObject{
            {QStringLiteral("lat"), centre->latitude},
            {QStringLiteral("lon"), centre->longitude},
            {QStringLiteral("city"), QJsonValue::Null},
            {QStringLiteral("state"), QJsonValue::Null},
            {QStringLiteral("country"), QJsonValue::Null},
            {QStringLiteral("postal_code"), QJsonValue::Null},
            {QStringLiteral("display_name"), QJsonValue::Null},
            {QStringLiteral("metro_code"), QJsonValue::Null},
            {QStringLiteral("range"), range},
        };
    }
    const QJsonObject body{
        {QStringLiteral("events"), events},
        {QStringLiteral("meta"),
         QJsonObject{
             {QStringLiteral("total"), matches.size()},
             {QStringLiteral("took"), took.elapsed()},
             {QStringLiteral("page"), page},
             {QStringLiteral("per_page"), perPage},
             {QStringLiteral("geolocation"), geolocation},
         }},
    };
    ConcertHttpReply reply;
    reply.contentType = QByteArrayLiteral("application/json; charset=utf-8");
    reply.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return reply;
}

} // namespace testsupport
