#include "engine/concerts/concertprovider.h"

#include "engine/concerts/location.h"
#include "engine/spotify/spotifypolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrlQuery>

#include <cmath>

namespace engine
{

namespace
{

Q_LOGGING_CATEGORY(lcConcerts, "tunescout.concerts")

// Provider text fields: a string, or nothing (absent, null, or another type, which is reported).
QString text(const QJsonObject &object, const QString &key, QStringList *problems = nullptr)
{
    const QJsonValue value = object.value(key);
    if (value.isString()) {
        return value.toString();
    }
    if (value.isDouble()) {
        // Ids are strings at Ticketmaster and numbers at SeatGeek; both are read as text.
        return QString::number(qint64(value.toDouble()));
    }
    if (problems && !value.isUndefined() && !value.isNull()) {
        problems->append(QStringLiteral("\"%1\" is not text").arg(key));
    }
    return {};
}

std::optional<double> coordinate(const QJsonValue &value)
{
    // Ticketmaster sends coordinates as strings, SeatGeek as numbers.
    bool ok = value.isDouble();
    double number = value.toDouble();
    if (value.isString()) {
        number = value.toString().toDouble(&ok);
    }
    if (!ok || !std::isfinite(number)) {
        return std::nullopt;
    }
    return number;
}

std::optional<GeoPoint> geoPoint(const QJsonValue &latitude, const QJsonValue &longitude)
{
    const auto lat = coordinate(latitude);
    const auto lon = coordinate(longitude);
    if (!lat || !lon || std::abs(*lat) > 90.0 || std::abs(*lon) > 180.0 || (*lat == 0.0 && *lon == 0.0)) {
        return std::nullopt;
    }
    return GeoPoint{*lat, *lon};
}

Result<QJsonObject> parseObject(const QByteArray &body, const QString &provider)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("%1 answered with something that is not JSON (%2 at byte %3).")
                         .arg(provider, error.errorString())
                         .arg(error.offset)};
    }
    if (!document.isObject()) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("%1 answered with JSON that is not an object.").arg(provider)};
    }
    return document.object();
}

// The Spotify artist id in a link such as https://open.spotify.com/artist/<id>, or the id itself.
QString spotifyIdFromLink(const QJsonObject &link)
{
    static const QRegularExpression validId(QStringLiteral("^[0-9A-Za-z]{22}$"));
    QString id = link.value(QStringLiteral("id")).toString();
    if (id.isEmpty()) {
        const QUrl url(link.value(QStringLiteral("url")).toString());
        const QStringList parts = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (parts.size() == 2 && parts.at(0) == QLatin1String("artist")) {
            id = parts.at(1);
        }
    }
    return validId.match(id).hasMatch() ? id : QString();
}

QString utcParameter(const QDateTime &instant)
{
    return instant.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

} // namespace

namespace
{

// "N requests a second" is counted by the providers over any one-second window, so a burst of N followed by
// one every 1/N s would put N + 1 into some window. Spacing every request by a little over 1/N s keeps every
// window at N or fewer.
TokenBucket spacingFor(int requestsPerSecond)
{
    return TokenBucket(1, std::chrono::milliseconds(1000 / std::max(1, requestsPerSecond) + 10));
}

} // namespace

ConcertProvider::ConcertProvider(QObject *parent)
    : QObject(parent)
    , m_bucket(spacingFor(m_policy.requestsPerSecond))
    , m_random(QRandomGenerator::securelySeeded())
{
    m_clock.start();
    m_wait.setSingleShot(true);
    m_wait.setTimerType(Qt::PreciseTimer);
    connect(&m_wait, &QTimer::timeout, this, &ConcertProvider::sendNext);
}

ConcertProvider::~ConcertProvider()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void ConcertProvider::setPolicy(const ConcertProviderPolicy &policy)
{
    m_policy = policy;
    m_bucket = spacingFor(policy.requestsPerSecond);
}

const ConcertProviderPolicy &ConcertProvider::policy() const
{
    return m_policy;
}

int ConcertProvider::requestsSent() const
{
    return m_sent;
}

int ConcertProvider::requestsToday() const
{
    return m_budgetDay == QDateTime::currentDateTimeUtc().date() ? m_today : 0;
}

QStringList ConcertProvider::warnings() const
{
    return m_warnings;
}

void ConcertProvider::search(const ConcertQuery &query, Callback done)
{
    m_jobs.push_back(Job{query, std::move(done), 0, 0, {}});
    if (m_jobs.size() == 1) {
        sendNext();
    }
}

void ConcertProvider::readQuotaHeaders(QNetworkReply *)
{
}

void ConcertProvider::quotaExhaustedUntil(qint64 resetAtMs)
{
    m_exhaustedUntilMs = std::max(m_exhaustedUntilMs, resetAtMs);
}

bool ConcertProvider::budgetLeft(QString *why)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_exhaustedUntilMs > now.toMSecsSinceEpoch()) {
        *why =
            QStringLiteral("%1's daily quota is used up until %2 (UTC).")
                .arg(displayName(), QDateTime::fromMSecsSinceEpoch(m_exhaustedUntilMs, Qt::UTC).toString(Qt::ISODate));
        return false;
    }
    if (m_budgetDay != now.date()) {
        m_budgetDay = now.date();
        m_today = 0;
    }
    if (m_policy.dailyBudget > 0 && m_today >= m_policy.dailyBudget) {
        *why = QStringLiteral("TuneScout's budget of %1 requests a day to %2 is spent; it is asked again tomorrow.")
                   .arg(m_policy.dailyBudget)
                   .arg(displayName());
        return false;
    }
    return true;
}

void ConcertProvider::sendNext()
{
    if (m_jobs.empty() || m_reply) {
        return;
    }
    if (QString why; !budgetLeft(&why)) {
        finishJob(Error{Error::Code::Unavailable, why});
        return;
    }
    const qint64 now = m_clock.elapsed();
    if (!m_bucket.tryTake(now)) {
        m_wait.start(int(m_bucket.msUntilToken(now)));
        return;
    }
    Job &job = m_jobs.front();
    QNetworkRequest request = pageRequest(job.query, job.page);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(int(m_policy.transferTimeout.count()));
    ++job.attempts;
    ++m_sent;
    ++m_today;
    m_reply = m_network.get(request);
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        replyFinished(reply);
    });
}

void ConcertProvider::replyFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply) {
        return;
    }
    m_reply.clear();
    readQuotaHeaders(reply);
    int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 200 && reply->error() != QNetworkReply::NoError) {
        status = 0; // the headers came, the body did not: the answer did not arrive
    }
    const QByteArray body = reply->readAll();
    const QString detail = status == 200 ? QString() : errorDetail(body);
    const QString because = detail.isEmpty() ? QString() : QStringLiteral(": ") + detail;
    if (status == 200) {
        Job &job = m_jobs.front();
        QStringList warnings;
        auto page = parsePage(body, job.page, warnings);
        for (const QString &warning : std::as_const(warnings)) {
            qCWarning(lcConcerts).noquote() << warning;
        }
        m_warnings += warnings;
        if (!page) {
            finishJob(page.error());
            return;
        }
        job.events += page.value().events;
        if (page.value().more && job.page + 1 < m_policy.maxPages) {
            ++job.page;
            job.attempts = 0;
            sendNext();
            return;
        }
        finishJob(job.events);
        return;
    }
    if (status == 429) {
        QString why;
        if (!budgetLeft(&why)) {
            finishJob(Error{Error::Code::Unavailable, why + because});
            return;
        }
        retryLater(QStringLiteral("%1 asked to slow down (HTTP 429%2)").arg(displayName(), because),
                   parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc()));
        return;
    }
    if (status == 0 || status >= 500) {
        retryLater(status == 0 ? QStringLiteral("%1 could not be reached: %2").arg(displayName(), reply->errorString())
                               : QStringLiteral("%1 failed (HTTP %2%3)").arg(displayName()).arg(status).arg(because),
                   std::nullopt);
        return;
    }
    if (status == 401 || status == 403) {
        finishJob(Error{Error::Code::InvalidInput,
                        QStringLiteral("%1 refused the credential from %2 (HTTP %3%4). Check it in the provider's "
                                       "developer portal.")
                            .arg(displayName(), credentialName())
                            .arg(status)
                            .arg(because)});
        return;
    }
    finishJob(Error{Error::Code::InvalidInput,
                    QStringLiteral("%1 refused the search (HTTP %2%3).").arg(displayName()).arg(status).arg(because)});
}

void ConcertProvider::retryLater(const QString &why, std::optional<std::chrono::milliseconds> retryAfter)
{
    Job &job = m_jobs.front();
    if (job.attempts >= m_policy.maxAttempts) {
        finishJob(
            Error{why.contains(QLatin1String("could not be reached")) ? Error::Code::Network : Error::Code::Unavailable,
                  QStringLiteral("%1; gave up after %2 attempts.").arg(why).arg(job.attempts)});
        return;
    }
    const auto delay = retryAfter
        ? *retryAfter
        : std::max(std::chrono::milliseconds(1000 / std::max(1, m_policy.requestsPerSecond)),
                   fullJitterDelay(m_policy.backoffBase, m_policy.backoffCap, job.attempts, m_random));
    qCInfo(lcConcerts).noquote() << QStringLiteral("%1; asking again in %2 ms").arg(why).arg(delay.count());
    m_bucket.pauseUntil(m_clock.elapsed() + delay.count());
    sendNext();
}

void ConcertProvider::finishJob(const Result<QList<ConcertEvent>> &result)
{
    Job job = std::move(m_jobs.front());
    m_jobs.pop_front();
    job.done(result);
    sendNext();
}

// --- Ticketmaster ---------------------------------------------------------------------------------------

TicketmasterProvider::TicketmasterProvider(const QUrl &baseUrl, const QString &apiKey, QObject *parent)
    : ConcertProvider(parent)
    , m_baseUrl(baseUrl)
    , m_apiKey(apiKey)
{
}

QString TicketmasterProvider::id() const
{
    return QStringLiteral("ticketmaster");
}

QString TicketmasterProvider::displayName() const
{
    return QStringLiteral("Ticketmaster");
}

QString TicketmasterProvider::credentialName() const
{
    return QString::fromLatin1(KeyVariable);
}

QNetworkRequest TicketmasterProvider::pageRequest(const ConcertQuery &query, int page) const
{
    QUrl url = m_baseUrl;
    url.setPath(url.path() + QStringLiteral("/discovery/v2/events.json"));
    QUrlQuery parameters;
    parameters.addQueryItem(QStringLiteral("apikey"), m_apiKey);
    if (!query.providerArtistId.isEmpty()) {
        parameters.addQueryItem(QStringLiteral("attractionId"), query.providerArtistId);
    } else {
        parameters.addQueryItem(QStringLiteral("keyword"), query.artistName);
    }
    parameters.addQueryItem(QStringLiteral("classificationName"), QStringLiteral("music"));
    if (query.near) {
        parameters.addQueryItem(QStringLiteral("geoPoint"), geohash(*query.near, 9));
        parameters.addQueryItem(QStringLiteral("radius"), QString::number(qRound(query.radiusKm)));
        parameters.addQueryItem(QStringLiteral("unit"), QStringLiteral("km"));
    }
    if (query.from.isValid()) {
        parameters.addQueryItem(QStringLiteral("startDateTime"), utcParameter(query.from));
    }
    if (query.to.isValid()) {
        parameters.addQueryItem(QStringLiteral("endDateTime"), utcParameter(query.to));
    }
    parameters.addQueryItem(QStringLiteral("sort"), QStringLiteral("date,asc"));
    parameters.addQueryItem(QStringLiteral("size"), QString::number(policy().pageSize));
    parameters.addQueryItem(QStringLiteral("page"), QString::number(page));
    url.setQuery(parameters);
    return QNetworkRequest(url);
}

void TicketmasterProvider::readQuotaHeaders(QNetworkReply *reply)
{
    if (!reply->hasRawHeader("Rate-Limit-Available")) {
        return;
    }
    bool availableOk = false;
    bool resetOk = false;
    const qint64 available = reply->rawHeader("Rate-Limit-Available").trimmed().toLongLong(&availableOk);
    const qint64 resetAtMs = reply->rawHeader("Rate-Limit-Reset").trimmed().toLongLong(&resetOk);
    if (availableOk && resetOk && available <= 0) {
        quotaExhaustedUntil(resetAtMs);
    }
}

QString TicketmasterProvider::errorDetail(const QByteArray &body) const
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    if (QString fault =
            object.value(QStringLiteral("fault")).toObject().value(QStringLiteral("faultstring")).toString();
        !fault.isEmpty()) {
        return fault.replace(m_apiKey, QStringLiteral("<key>"));
    }
    const QJsonArray errors = object.value(QStringLiteral("errors")).toArray();
    if (!errors.isEmpty()) {
        const QJsonObject first = errors.first().toObject();
        return QStringLiteral("%1 %2").arg(first.value(QStringLiteral("code")).toString(),
                                           first.value(QStringLiteral("detail")).toString());
    }
    return {};
}

Result<ConcertProvider::Page>
TicketmasterProvider::parsePage(const QByteArray &body, int page, QStringList &warnings) const
{
    auto parsed = parseObject(body, displayName());
    if (!parsed) {
        return parsed.error();
    }
    const QJsonObject root = parsed.value();
    const QJsonValue embedded = root.value(QStringLiteral("_embedded"));
    if (!embedded.isUndefined() && !embedded.isObject()) {
        return Error{
            Error::Code::InvalidInput,
            QStringLiteral("Ticketmaster's answer (page %1) has an \"_embedded\" that is not an object.").arg(page)};
    }
    const QJsonValue eventsValue = embedded.toObject().value(QStringLiteral("events"));
    if (!eventsValue.isUndefined() && !eventsValue.isArray()) {
        return Error{
            Error::Code::InvalidInput,
            QStringLiteral("Ticketmaster's answer (page %1) has \"_embedded.events\" that is not a list.").arg(page)};
    }
    Page result;
    const QJsonArray events = eventsValue.toArray();
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject object = events.at(i).toObject();
        QStringList problems;
        ConcertEvent event;
        event.provider = id();
        event.providerEventId = text(object, QStringLiteral("id"), &problems);
        event.name = text(object, QStringLiteral("name"), &problems);
        event.ticketUrl = QUrl(text(object, QStringLiteral("url"), &problems));
        const QJsonObject dates = object.value(QStringLiteral("dates")).toObject();
        const QJsonObject start = dates.value(QStringLiteral("start")).toObject();
        const QString localDate = text(start, QStringLiteral("localDate"), &problems);
        event.localDate = QDate::fromString(localDate, Qt::ISODate);
        if (const QString time = text(start, QStringLiteral("localTime")); !time.isEmpty()) {
            event.localTime = QTime::fromString(time, QStringLiteral("HH:mm:ss"));
            if (!event.localTime.isValid()) {
                event.localTime = QTime::fromString(time, QStringLiteral("HH:mm"));
            }
        }
        if (const QString instant = text(start, QStringLiteral("dateTime")); !instant.isEmpty()) {
            event.startUtc = QDateTime::fromString(instant, Qt::ISODate);
        }
        event.timeZone = text(dates, QStringLiteral("timezone"));
        event.status = text(dates.value(QStringLiteral("status")).toObject(), QStringLiteral("code"));
        const QJsonObject embeddedEvent = object.value(QStringLiteral("_embedded")).toObject();
        const QJsonObject venue = embeddedEvent.value(QStringLiteral("venues")).toArray().first().toObject();
        event.venueName = text(venue, QStringLiteral("name"));
        event.venueId = text(venue, QStringLiteral("id"));
        event.city = text(venue.value(QStringLiteral("city")).toObject(), QStringLiteral("name"));
        event.countryCode = text(venue.value(QStringLiteral("country")).toObject(), QStringLiteral("countryCode"));
        event.countryName = text(venue.value(QStringLiteral("country")).toObject(), QStringLiteral("name"));
        if (event.timeZone.isEmpty()) {
            event.timeZone = text(venue, QStringLiteral("timezone"));
        }
        const QJsonObject location = venue.value(QStringLiteral("location")).toObject();
        event.location =
            geoPoint(location.value(QStringLiteral("latitude")), location.value(QStringLiteral("longitude")));
        for (const QJsonValue &value : embeddedEvent.value(QStringLiteral("attractions")).toArray()) {
            const QJsonObject attraction = value.toObject();
            ConcertPerformer performer;
            performer.name = text(attraction, QStringLiteral("name"));
            performer.providerId = text(attraction, QStringLiteral("id"));
            const QJsonArray spotify =
                attraction.value(QStringLiteral("externalLinks")).toObject().value(QStringLiteral("spotify")).toArray();
            if (!spotify.isEmpty()) {
                performer.spotifyId = spotifyIdFromLink(spotify.first().toObject());
            }
            if (!performer.name.isEmpty()) {
                event.performers.append(performer);
            }
        }
        if (event.providerEventId.isEmpty() || !event.localDate.isValid()) {
            problems.prepend(event.providerEventId.isEmpty()
                                 ? QStringLiteral("no \"id\"")
                                 : QStringLiteral("no valid \"dates.start.localDate\" (\"%1\")").arg(localDate));
        }
        if (!problems.isEmpty() && (event.providerEventId.isEmpty() || !event.localDate.isValid())) {
            warnings.append(
                QStringLiteral("Ticketmaster event %1 of page %2 (%3) skipped: %4.")
                    .arg(i)
                    .arg(page)
                    .arg(event.providerEventId.isEmpty() ? QStringLiteral("without id") : event.providerEventId,
                         problems.join(QStringLiteral(", "))));
            continue;
        }
        result.events.append(event);
    }
    const QJsonObject pageInfo = root.value(QStringLiteral("page")).toObject();
    const int number = pageInfo.value(QStringLiteral("number")).toInt(page);
    const int totalPages = pageInfo.value(QStringLiteral("totalPages")).toInt(0);
    const int size = pageInfo.value(QStringLiteral("size")).toInt(policy().pageSize);
    // Ticketmaster serves no item past the 1,000th (page * size > 1000 is a 400).
    result.more = !events.isEmpty() && number + 1 < totalPages && (number + 1) * size < 1000;
    return result;
}

// --- SeatGeek -------------------------------------------------------------------------------------------

SeatGeekProvider::SeatGeekProvider(const QUrl &baseUrl, const QString &clientId, QObject *parent)
    : ConcertProvider(parent)
    , m_baseUrl(baseUrl)
    , m_clientId(clientId)
{
    ConcertProviderPolicy seatGeek;
    seatGeek.dailyBudget = 0;
    setPolicy(seatGeek);
}

QString SeatGeekProvider::id() const
{
    return QStringLiteral("seatgeek");
}

QString SeatGeekProvider::displayName() const
{
    return QStringLiteral("SeatGeek");
}

QString SeatGeekProvider::credentialName() const
{
    return QString::fromLatin1(ClientIdVariable);
}

QNetworkRequest SeatGeekProvider::pageRequest(const ConcertQuery &query, int page) const
{
    QUrl url = m_baseUrl;
    url.setPath(url.path() + QStringLiteral("/events"));
    QUrlQuery parameters;
    parameters.addQueryItem(QStringLiteral("client_id"), m_clientId);
    if (!query.providerArtistId.isEmpty()) {
        parameters.addQueryItem(QStringLiteral("performers.id"), query.providerArtistId);
    } else {
        parameters.addQueryItem(QStringLiteral("q"), query.artistName);
    }
    parameters.addQueryItem(QStringLiteral("taxonomies.name"), QStringLiteral("concert"));
    if (query.near) {
        parameters.addQueryItem(QStringLiteral("lat"), QString::number(query.near->latitude, 'f', 5));
        parameters.addQueryItem(QStringLiteral("lon"), QString::number(query.near->longitude, 'f', 5));
        parameters.addQueryItem(QStringLiteral("range"), QStringLiteral("%1km").arg(qRound(query.radiusKm)));
    }
    const auto seatGeekTime = [](const QDateTime &instant) {
        return instant.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss"));
    };
    if (query.from.isValid()) {
        parameters.addQueryItem(QStringLiteral("datetime_utc.gte"), seatGeekTime(query.from));
    }
    if (query.to.isValid()) {
        parameters.addQueryItem(QStringLiteral("datetime_utc.lte"), seatGeekTime(query.to));
    }
    parameters.addQueryItem(QStringLiteral("sort"), QStringLiteral("datetime_utc.asc"));
    parameters.addQueryItem(QStringLiteral("per_page"), QString::number(policy().pageSize));
    parameters.addQueryItem(QStringLiteral("page"), QString::number(page + 1));
    url.setQuery(parameters);
    return QNetworkRequest(url);
}

QString SeatGeekProvider::errorDetail(const QByteArray &body) const
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QJsonArray errors = object.value(QStringLiteral("errors")).toArray();
    if (!errors.isEmpty()) {
        return errors.first().toObject().value(QStringLiteral("message")).toString();
    }
    return object.value(QStringLiteral("message")).toString();
}

Result<ConcertProvider::Page> SeatGeekProvider::parsePage(const QByteArray &body, int page, QStringList &warnings) const
{
    auto parsed = parseObject(body, displayName());
    if (!parsed) {
        return parsed.error();
    }
    const QJsonObject root = parsed.value();
    const QJsonValue eventsValue = root.value(QStringLiteral("events"));
    if (!eventsValue.isArray()) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("SeatGeek's answer (page %1) has no \"events\" list.").arg(page + 1)};
    }
    Page result;
    const QJsonArray events = eventsValue.toArray();
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject object = events.at(i).toObject();
        QStringList problems;
        ConcertEvent event;
        event.provider = id();
        event.providerEventId = text(object, QStringLiteral("id"), &problems);
        event.name = text(object, QStringLiteral("title"), &problems);
        event.ticketUrl = QUrl(text(object, QStringLiteral("url"), &problems));
        event.status = text(object, QStringLiteral("status"));
        const QString local = text(object, QStringLiteral("datetime_local"), &problems);
        const QDateTime localDateTime = QDateTime::fromString(local, Qt::ISODate);
        event.localDate = localDateTime.date();
        if (!object.value(QStringLiteral("time_tbd")).toBool() && localDateTime.isValid()) {
            event.localTime = localDateTime.time();
            // datetime_utc carries no zone designator: it is UTC by name.
            QDateTime utc = QDateTime::fromString(text(object, QStringLiteral("datetime_utc")), Qt::ISODate);
            if (utc.isValid()) {
                utc.setTimeSpec(Qt::UTC);
                event.startUtc = utc;
            }
        }
        const QJsonObject venue = object.value(QStringLiteral("venue")).toObject();
        event.venueName = text(venue, QStringLiteral("name"));
        event.venueId = text(venue, QStringLiteral("id"));
        event.city = text(venue, QStringLiteral("city"));
        event.countryCode = text(venue, QStringLiteral("country"));
        event.timeZone = text(venue, QStringLiteral("timezone"));
        const QJsonObject location = venue.value(QStringLiteral("location")).toObject();
        event.location = geoPoint(location.value(QStringLiteral("lat")), location.value(QStringLiteral("lon")));
        QList<ConcertPerformer> performers;
        for (const QJsonValue &value : object.value(QStringLiteral("performers")).toArray()) {
            const QJsonObject performerObject = value.toObject();
            ConcertPerformer performer{text(performerObject, QStringLiteral("name")),
                                       text(performerObject, QStringLiteral("id")),
                                       QString()};
            if (performer.name.isEmpty()) {
                continue;
            }
            // The primary performer is the headliner; the others keep SeatGeek's order.
            if (performerObject.value(QStringLiteral("primary")).toBool()) {
                performers.prepend(performer);
            } else {
                performers.append(performer);
            }
        }
        event.performers = performers;
        if (event.providerEventId.isEmpty() || !event.localDate.isValid()) {
            problems.prepend(event.providerEventId.isEmpty()
                                 ? QStringLiteral("no \"id\"")
                                 : QStringLiteral("no valid \"datetime_local\" (\"%1\")").arg(local));
            warnings.append(
                QStringLiteral("SeatGeek event %1 of page %2 (%3) skipped: %4.")
                    .arg(i)
                    .arg(page + 1)
                    .arg(event.providerEventId.isEmpty() ? QStringLiteral("without id") : event.providerEventId,
                         problems.join(QStringLiteral(", "))));
            continue;
        }
        result.events.append(event);
    }
    const QJsonObject meta = root.value(QStringLiteral("meta")).toObject();
    const int total = meta.value(QStringLiteral("total")).toInt(0);
    const int perPage = meta.value(QStringLiteral("per_page")).toInt(policy().pageSize);
    const int number = meta.value(QStringLiteral("page")).toInt(page + 1);
    result.more = !events.isEmpty() && qint64(number) * perPage < total;
    return result;
}

} // namespace engine
