#include "tests/support/concerts/faketicketmaster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <optional>

namespace testsupport
{

namespace
{

const QString kEventsPath = QStringLiteral("/discovery/v2/events.json");

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// The API gateway's error shape (401, 429, 5xx): {"fault":{"faultstring":…,"detail":{"errorcode":…}}}.
ConcertHttpReply gatewayFault(int status, const QString &faultString, const QString &errorCode)
{
    ConcertHttpReply reply;
    reply.status = status;
    reply.contentType = QByteArrayLiteral("application/json");
    reply.body = compact(
        QJsonObject{{QStringLiteral("fault"),
                     QJsonObject{{QStringLiteral("faultstring"), faultString},
                                 {QStringLiteral("detail"), QJsonObject{{QStringLiteral("errorcode"), errorCode}}}}}});
    return reply;
}

// The Discovery service's own 400 shape; which link key it carries varies by code, as observed live.
ConcertHttpReply discoveryError(const QString &code, const QString &detail, const QString &linkKey)
{
    ConcertHttpReply reply;
    reply.status = 400;
    reply.body = compact(
        QJsonObject{{QStringLiteral("errors"),
                     QJsonArray{QJsonObject{
                         {QStringLiteral("_links"),
                          QJsonObject{{linkKey,
                                       QJsonObject{{QStringLiteral("href"),
                                                    QString(QStringLiteral("/discovery/v2/errors.html#") + code)}}}}},
                         {QStringLiteral("code"), code},
                         {QStringLiteral("detail"), detail},
                         {QStringLiteral("status"), QStringLiteral("400 BAD_REQUEST")},
                     }}}});
    return reply;
}

// Sent with 200 and 429 answers; the live API sends none with 400 and 401.
void addRateLimitHeaders(ConcertHttpReply &reply, const FakeConcertServer::RateLimitState &state)
{
    reply.headers.append({QByteArrayLiteral("Rate-Limit"), QByteArray::number(state.quota)});
    reply.headers.append({QByteArrayLiteral("Rate-Limit-Available"), QByteArray::number(state.remaining)});
    reply.headers.append({QByteArrayLiteral("Rate-Limit-Over"), QByteArray::number(state.over)});
    reply.headers.append({QByteArrayLiteral("Rate-Limit-Reset"), QByteArray::number(state.resetAtMs)});
}

bool equalsFolded(const QString &a, const QString &b)
{
    return foldForSearch(a) == foldForSearch(b);
}

bool anyEqualsFolded(const QStringList &wanted, const QString &value)
{
    return std::any_of(wanted.cbegin(), wanted.cend(), [&value](const QString &candidate) {
        return equalsFolded(candidate, value);
    });
}

QString encodeComponent(const QString &text)
{
    // Commas stay literal ("sort=date,asc"), as in the live API's links.
    return QString::fromLatin1(QUrl::toPercentEncoding(text, QByteArrayLiteral(",")));
}

// A link as the live API writes it: the request's parameters in their order without the key, then page,
// size and sort, with the ones not given left as a URI template.
QJsonObject pageLink(const QUrlQuery &query, std::optional<int> page)
{
    static const QStringList pagingNames{QStringLiteral("page"), QStringLiteral("size"), QStringLiteral("sort")};
    QStringList parts;
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (name == QLatin1String("apikey") || pagingNames.contains(name))
            continue;
        parts.append(encodeComponent(name) + QLatin1Char('=') + encodeComponent(value));
    }
    QStringList missing;
    for (const QString &name : pagingNames) {
        if (name == QLatin1String("page") && page) {
            parts.append(QStringLiteral("page=%1").arg(*page));
        } else if (query.hasQueryItem(name)) {
            parts.append(name + QLatin1Char('=') + encodeComponent(queryParam(query, name)));
        } else {
            missing.append(name);
        }
    }
    QString path = kEventsPath;
    if (!parts.isEmpty())
        path += QLatin1Char('?') + parts.join(QLatin1Char('&'));
    QJsonObject link;
    if (!missing.isEmpty()) {
        path += QLatin1Char('{') + QLatin1Char(parts.isEmpty() ? '?' : '&') + missing.join(QLatin1Char(','))
            + QLatin1Char('}');
        link.insert(QStringLiteral("templated"), true);
    }
    link.insert(QStringLiteral("href"), path);
    return link;
}

std::optional<int> intParam(const QUrlQuery &query, const QString &name)
{
    if (!query.hasQueryItem(name))
        return std::nullopt;
    bool ok = false;
    const int value = queryParam(query, name).toInt(&ok);
    if (!ok || value < 0)
        return std::nullopt;
    return value;
}

struct Candidate {
    FakeConcert concert;
    double distanceKm = 0.0;
};

} // namespace

FakeTicketmaster::FakeTicketmaster(const FakeConcertCatalogue &catalogue)
    : FakeConcertServer(kDefaultRequestsPerSecond, kDefaultDailyQuota)
    , m_apiKeys{defaultApiKey()}
{
    setCatalogue(catalogue);
    start();
}

FakeTicketmaster::~FakeTicketmaster()
{
    stop();
}

QString FakeTicketmaster::defaultApiKey()
{
    return QStringLiteral("tunescout-test-ticketmaster-key");
}

void FakeTicketmaster::addApiKey(const QString &apiKey)
{
    std::lock_guard lock(m_keysMutex);
    m_apiKeys.insert(apiKey);
}

void FakeTicketmaster::removeApiKey(const QString &apiKey)
{
    std::lock_guard lock(m_keysMutex);
    m_apiKeys.remove(apiKey);
}

bool FakeTicketmaster::isValidKey(const QString &apiKey) const
{
    std::lock_guard lock(m_keysMutex);
    return m_apiKeys.contains(apiKey);
}

QUrl FakeTicketmaster::eventsUrl() const
{
    QUrl url = baseUrl();
    url.setPath(kEventsPath);
    return url;
}

QByteArray FakeTicketmaster::rateLimitBody(const QString &apiKey)
{
    // The double space is Ticketmaster's.
    return gatewayFault(429,
                        QStringLiteral("Rate limit quota violation. Quota limit  exceeded. Identifier : ") + apiKey,
                        QStringLiteral("policies.ratelimit.QuotaViolation"))
        .body;
}

ConcertHttpReply FakeTicketmaster::handle(const ConcertHttpRequest &request, FakeConcertRequest &record)
{
    if (request.method != "GET" || request.path != kEventsPath) {
        return gatewayFault(404,
                            QStringLiteral("Unable to identify proxy for host: default and url: ") + request.path,
                            QStringLiteral("messaging.adaptors.http.flow.ApplicationNotFound"));
    }
    const QString apiKey = queryParam(request.query, QStringLiteral("apikey"));
    record.credential = apiKey;
    if (apiKey.isEmpty()) {
        return gatewayFault(401,
                            QStringLiteral("Failed to resolve API Key variable request.queryparam.apikey"),
                            QStringLiteral("steps.oauth.v2.FailedToResolveAPIKey"));
    }
    if (!isValidKey(apiKey))
        return gatewayFault(401, QStringLiteral("Invalid ApiKey"), QStringLiteral("oauth.v2.InvalidApiKey"));

    const RateLimitState rateLimit = consumeRateLimit(apiKey);
    if (!rateLimit.allowed) {
        ConcertHttpReply reply;
        reply.status = 429;
        reply.contentType = QByteArrayLiteral("application/json");
        reply.body = rateLimitBody(apiKey);
        addRateLimitHeaders(reply, rateLimit);
        return reply;
    }
    return search(request, rateLimit);
}

ConcertHttpReply
FakeTicketmaster::scriptedFailure(int status, const ConcertHttpRequest &request, FakeConcertRequest &record)
{
    const QString apiKey = queryParam(request.query, QStringLiteral("apikey"));
    record.credential = apiKey;
    switch (status) {
    case 429: {
        ConcertHttpReply reply;
        reply.status = 429;
        reply.contentType = QByteArrayLiteral("application/json");
        reply.body = rateLimitBody(apiKey);
        addRateLimitHeaders(reply, rateLimitState(apiKey));
        return reply;
    }
    case 503:
        return gatewayFault(status,
                            QStringLiteral("The Service is temporarily unavailable"),
                            QStringLiteral("messaging.adaptors.http.flow.ServiceUnavailable"));
    case 504:
        return gatewayFault(status,
                            QStringLiteral("Gateway Timeout"),
                            QStringLiteral("messaging.adaptors.http.flow.GatewayTimeout"));
    default:
        return gatewayFault(status,
                            QStringLiteral("Received %1 Response without Content-Type").arg(status),
                            QStringLiteral("messaging.adaptors.http.flow.ErrorResponseCode"));
    }
}

ConcertHttpReply FakeTicketmaster::search(const ConcertHttpRequest &request, const RateLimitState &rateLimit) const
{
    const QUrlQuery &query = request.query;

    const int size = intParam(query, QStringLiteral("size")).value_or(20);
    const int page = intParam(query, QStringLiteral("page")).value_or(0);
    // Both answers as observed: size 200 works although the message says "less than 200", and page 5
    // at size 200 (offset 1,000) is still served.
    if (size > kMaxPageSize) {
        return discoveryError(QStringLiteral("DIS1036"),
                              QStringLiteral("Query param \"size\" must be less than 200"),
                              QStringLiteral("about"));
    }
    if (qint64(page) * size > kMaxPagingDepth) {
        return discoveryError(
            QStringLiteral("DIS1035"),
            QStringLiteral("API Limits Exceeded: Max paging depth exceeded. (page * size) must be less than 1,000"),
            QStringLiteral("about"));
    }

    static const QRegularExpression dateFormat(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$"));
    std::optional<QDateTime> startAfter;
    std::optional<QDateTime> startBefore;
    for (const auto &[name, bound] : {std::pair{QStringLiteral("startDateTime"), &startAfter},
                                      std::pair{QStringLiteral("endDateTime"), &startBefore}}) {
        if (!query.hasQueryItem(name))
            continue;
        const QString text = queryParam(query, name);
        const QDateTime parsed = QDateTime::fromString(text, Qt::ISODate);
        if (!dateFormat.match(text).hasMatch() || !parsed.isValid()) {
            return discoveryError(QStringLiteral("DIS1015"),
                                  QStringLiteral("Query param with date must be of valid format "
                                                 "YYYY-MM-DDTHH:mm:ssZ {example: 2020-08-01T14:00:00Z }"),
                                  QStringLiteral("self"));
        }
        *bound = parsed.toUTC();
    }

    std::optional<ConcertGeoPoint> centre;
    if (query.hasQueryItem(QStringLiteral("geoPoint"))) {
        centre = decodeGeohash(queryParam(query, QStringLiteral("geoPoint")));
    } else if (query.hasQueryItem(QStringLiteral("latlong"))) {
        const QStringList parts = queryParam(query, QStringLiteral("latlong")).split(QLatin1Char(','));
        bool latOk = false;
        bool lonOk = false;
        if (parts.size() == 2) {
            const double latitude = parts.at(0).trimmed().toDouble(&latOk);
            const double longitude = parts.at(1).trimmed().toDouble(&lonOk);
            if (latOk && lonOk)
                centre = ConcertGeoPoint{latitude, longitude};
        }
    }
    if ((query.hasQueryItem(QStringLiteral("geoPoint")) || query.hasQueryItem(QStringLiteral("latlong"))) && !centre) {
        // The code is ours: the live API's answer to a malformed point was not captured.
        return discoveryError(QStringLiteral("DIS1000"),
                              QStringLiteral("Query param \"geoPoint\" must be a valid geohash"),
                              QStringLiteral("about"));
    }
    const bool inKm = queryParam(query, QStringLiteral("unit")) == QLatin1String("km");
    bool radiusOk = false;
    double radius = queryParam(query, QStringLiteral("radius")).toDouble(&radiusOk);
    if (!radiusOk || radius < 0)
        radius = 50;
    const double radiusKm = inKm ? radius : radius * kKilometresPerMile;

    const QString keyword = queryParam(query, QStringLiteral("keyword"));
    const QStringList attractionIds = queryListParam(query, QStringLiteral("attractionId"));
    const QStringList venueIds = queryListParam(query, QStringLiteral("venueId"));
    const QStringList eventIds = queryListParam(query, QStringLiteral("id"));
    const QStringList cities = queryListParam(query, QStringLiteral("city"));
    const QStringList countryCodes = queryListParam(query, QStringLiteral("countryCode"));
    const QStringList stateCodes = queryListParam(query, QStringLiteral("stateCode"));
    const QStringList postalCodes = queryListParam(query, QStringLiteral("postalCode"));
    const QStringList classificationNames = queryListParam(query, QStringLiteral("classificationName"));
    const QStringList segmentIds = queryListParam(query, QStringLiteral("segmentId"));
    const QStringList segmentNames = queryListParam(query, QStringLiteral("segmentName"));
    const QStringList genreIds = queryListParam(query, QStringLiteral("genreId"));

    QList<Candidate> matches;
    const FakeConcertCatalogue all = catalogue();
    for (const FakeConcert &concert : all.concerts()) {
        if (!concert.onTicketmaster())
            continue;
        if (!keyword.isEmpty()) {
            QString text = concert.name;
            for (const FakeConcertPerformer &performer : concert.performers)
                text += QLatin1Char(' ') + performer.name;
            if (!matchesKeyword(text, keyword))
                continue;
        }
        if (!attractionIds.isEmpty()
            && std::none_of(concert.performers.cbegin(),
                            concert.performers.cend(),
                            [&attractionIds](const FakeConcertPerformer &performer) {
                                return attractionIds.contains(performer.ticketmasterId);
                            }))
            continue;
        if (!venueIds.isEmpty() && !venueIds.contains(concert.venue.ticketmasterId))
            continue;
        if (!eventIds.isEmpty() && !eventIds.contains(concert.ticketmasterId))
            continue;
        if (!cities.isEmpty() && !anyEqualsFolded(cities, concert.venue.city))
            continue;
        if (!countryCodes.isEmpty() && !anyEqualsFolded(countryCodes, concert.venue.countryCode))
            continue;
        if (!stateCodes.isEmpty() && !anyEqualsFolded(stateCodes, concert.venue.stateCode))
            continue;
        if (!postalCodes.isEmpty() && !postalCodes.contains(concert.venue.postalCode))
            continue;
        if (!classificationNames.isEmpty() && !anyEqualsFolded(classificationNames, concert.segmentName)
            && !anyEqualsFolded(classificationNames, concert.genreName)
            && !anyEqualsFolded(classificationNames, concert.subGenreName))
            continue;
        if (!segmentIds.isEmpty() && !segmentIds.contains(concert.segmentId))
            continue;
        if (!segmentNames.isEmpty() && !anyEqualsFolded(segmentNames, concert.segmentName))
            continue;
        if (!genreIds.isEmpty() && !genreIds.contains(concert.genreId))
            continue;
        if (startAfter && concert.startUtc < *startAfter)
            continue;
        if (startBefore && concert.startUtc > *startBefore)
            continue;
        Candidate candidate{concert, 0.0};
        if (centre) {
            candidate.distanceKm =
                distanceKm(centre->latitude, centre->longitude, concert.venue.latitude, concert.venue.longitude);
            if (candidate.distanceKm > radiusKm)
                continue;
        }
        matches.append(candidate);
    }

    // Relevance has no meaning here; it and unknown orders fall back to date order, which keeps paging
    // stable. Every order ends on the ID so that ties cannot move across page boundaries.
    const QString sort = queryParam(query, QStringLiteral("sort"));
    const auto byDate = [](const Candidate &a, const Candidate &b) {
        if (a.concert.startUtc != b.concert.startUtc)
            return a.concert.startUtc < b.concert.startUtc;
        return a.concert.ticketmasterId < b.concert.ticketmasterId;
    };
    if (sort == QLatin1String("date,desc")) {
        std::stable_sort(matches.begin(), matches.end(), [&byDate](const Candidate &a, const Candidate &b) {
            return byDate(b, a);
        });
    } else if (sort.startsWith(QLatin1String("name,"))) {
        const bool descending = sort.endsWith(QLatin1String(",desc"));
        std::stable_sort(matches.begin(), matches.end(), [&](const Candidate &a, const Candidate &b) {
            const int order = QString::compare(a.concert.name, b.concert.name, Qt::CaseInsensitive);
            if (order != 0)
                return descending ? order > 0 : order < 0;
            return byDate(a, b);
        });
    } else if (sort == QLatin1String("id,asc")) {
        std::stable_sort(matches.begin(), matches.end(), [](const Candidate &a, const Candidate &b) {
            return a.concert.ticketmasterId.toUtf8() < b.concert.ticketmasterId.toUtf8();
        });
    } else if (sort.startsWith(QLatin1String("distance,")) && centre) {
        std::stable_sort(matches.begin(), matches.end(), [&byDate](const Candidate &a, const Candidate &b) {
            if (a.distanceKm != b.distanceKm)
                return a.distanceKm < b.distanceKm;
            return byDate(a, b);
        });
    } else {
        std::stable_sort(matches.begin(), matches.end(), byDate);
    }

    const qsizetype total = matches.size();
    const int totalPages = size > 0 ? int((total + size - 1) / size) : 0;
    QJsonArray events;
    const qsizetype first = qsizetype(page) * size;
    for (qsizetype i = first; i < std::min(total, first + size); ++i) {
        const Candidate &candidate = matches.at(i);
        QJsonObject event = ticketmasterEventJson(candidate.concert);
        if (centre) {
            const double distance = inKm ? candidate.distanceKm : candidate.distanceKm / kKilometresPerMile;
            event.insert(QStringLiteral("distance"), std::round(distance * 100.0) / 100.0);
            event.insert(QStringLiteral("units"), inKm ? QStringLiteral("KILOMETERS") : QStringLiteral("MILES"));
        }
        events.append(event);
    }

    QJsonObject links{{QStringLiteral("self"), pageLink(query, std::nullopt)}};
    if (page + 1 < totalPages)
        links.insert(QStringLiteral("next"), pageLink(query, page + 1));
    QJsonObject body{
        {QStringLiteral("_links"), links},
        {QStringLiteral("page"),
         QJsonObject{{QStringLiteral("size"), size},
                     {QStringLiteral("totalElements"), total},
                     {QStringLiteral("totalPages"), totalPages},
                     {QStringLiteral("number"), page}}},
    };
    // An empty result has no _embedded at all, as live.
    if (!events.isEmpty())
        body.insert(QStringLiteral("_embedded"), QJsonObject{{QStringLiteral("events"), events}});

    ConcertHttpReply reply;
    reply.body = compact(body);
    addRateLimitHeaders(reply, rateLimit);
    return reply;
}

} // namespace testsupport
