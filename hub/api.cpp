#include "hub/api.h"

#include "hub/database.h"
#include "hub/dto.h"
#include "hub/logging.h"
#include "hub/readiness.h"
#include "hub/store.h"
#include "hub/tokens.h"
#include "tunescoutversion.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

#include <pqxx/except>

namespace hub
{

namespace
{

const QByteArray unmatchedRoute = QByteArrayLiteral("unmatched");

void addNoStore(HttpResponse &response)
{
    response.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")});
}

HttpError unauthorized(const QByteArray &code, const QString &detail)
{
    return HttpError(401,
                     code,
                     detail,
                     {{QByteArrayLiteral("WWW-Authenticate"),
                       QByteArrayLiteral("Bearer realm=\"tunescout-hub\", error=\"invalid_token\"")}});
}

// Matches a route path against a request path; the segments of {placeholders} go to parameters.
bool matchPath(const QByteArray &pattern, const QByteArray &path, QList<QByteArray> *parameters)
{
    if (!pattern.contains('{')) {
        return pattern == path;
    }
    const QList<QByteArray> want = pattern.split('/');
    const QList<QByteArray> have = path.split('/');
    if (want.size() != have.size()) {
        return false;
    }
    QList<QByteArray> captured;
    for (qsizetype i = 0; i < want.size(); ++i) {
        if (want.at(i).startsWith('{')) {
            if (have.at(i).isEmpty()) {
                return false;
            }
            captured << have.at(i);
        } else if (want.at(i) != have.at(i)) {
            return false;
        }
    }
    *parameters = captured;
    return true;
}

QJsonObject memberJson(const DeviceIdentity &device)
{
    return QJsonObject{{QStringLiteral("id"), device.memberId},
                       {QStringLiteral("display_name"), device.displayName},
                       {QStringLiteral("role"), device.role}};
}

QByteArray loadOpenApiDocument()
{
    QFile file(QStringLiteral(":/tunescout/hub/openapi.yaml"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

Api::Api(ReadinessProbe &readiness,
         Store &store,
         TokenBucketLimiter::Limits tokenLimits,
         const AddressLimits &addressLimits)
    : m_readiness(readiness)
    , m_store(store)
    , m_household(store.database())
    , m_training(store.database())
    , m_models(store.database())
    , m_pairingLimiter({{60 * 1000, addressLimits.pairPerMinute}, {3600 * 1000, addressLimits.pairPerHour}})
    , m_tokenLimiter(tokenLimits)
    , m_addressLimiter(addressLimits.requests)
    , m_routes{
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/healthz"), &Api::healthz, false},
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/readyz"), &Api::readyz, false},
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/metrics"), &Api::metricsText, false},
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/api/v1/openapi.yaml"), &Api::openApi, false},
          {QByteArrayLiteral("POST"), QByteArrayLiteral("/api/v1/pair"), &Api::pair, false},
          {QByteArrayLiteral("POST"), QByteArrayLiteral("/api/v1/sync"), &Api::sync, true},
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/api/v1/me"), &Api::me, true},
          {QByteArrayLiteral("DELETE"), QByteArrayLiteral("/api/v1/me"), &Api::deleteMe, true},
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/api/v1/me/export"), &Api::exportMe, true},
          {QByteArrayLiteral("GET"),
           QByteArrayLiteral("/api/v1/households/{household_id}/members"),
           &Api::householdMembers,
           true},
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/api/v1/household"), &Api::household, true},
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/api/v1/household/week"), &Api::householdWeek, true},
          {QByteArrayLiteral("GET"),
           QByteArrayLiteral("/api/v1/household/favourites"),
           &Api::householdFavourites,
           true},
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/api/v1/household/overlap"), &Api::householdOverlap, true},
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/api/v1/household/top"), &Api::householdTop, true},
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/api/v1/me/training"), &Api::training, true},
          {QByteArrayLiteral("PUT"), QByteArrayLiteral("/api/v1/me/training"), &Api::putTraining, true},
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/api/v1/model"), &Api::model, true},
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/api/v1/model/household"), &Api::modelHousehold, true},
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/api/v1/me/recommendations"), &Api::recommendations, true},
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/api/v1/concerts"), &Api::concerts, true},
      }
{
    for (const Route &route : std::as_const(m_routes)) {
        m_routeNames.insert(route.method + ' ' + route.path);
    }
}

QList<QByteArray> Api::routeNames() const
{
    QList<QByteArray> names;
    for (const Route &route : m_routes) {
        names << route.method + ' ' + route.path;
    }
    return names;
}

const Metrics &Api::metrics() const
{
    return m_metrics;
}

void Api::recordShed(double seconds) const
{
    m_metrics.recordShed(seconds);
}

HttpResponse Api::handle(const HttpRequest &request) const noexcept
{
    QElapsedTimer timer;
    timer.start();
    QByteArray route = request.method + " (no route)";
    const auto finish = [&](HttpResponse response) {
        response.route = route;
        m_metrics.recordRequest(m_routeNames.contains(route) ? route : unmatchedRoute,
                                response.status,
                                double(timer.nsecsElapsed()) / 1e9);
        return response;
    };
    try {
        try {
            return finish(dispatch(request, route));
        } catch (const HttpError &error) {
            return finish(error.toResponse());
        } catch (const DatabaseBusy &) {
            // HB-10: answer at once rather than queue without bound; the client retries after a second.
            return finish(HttpError(503,
                                    QByteArrayLiteral("busy"),
                                    QStringLiteral("The hub is busy; try again in a moment."),
                                    {{QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")}})
                              .toResponse());
        } catch (const pqxx::broken_connection &) {
            qCWarning(lcHttp) << "A request failed: the database is unreachable.";
            return finish(HttpError(503,
                                    QByteArrayLiteral("database_unavailable"),
                                    QStringLiteral("The hub cannot reach its database; try again later."),
                                    {{QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5")}})
                              .toResponse());
        } catch (const pqxx::sql_error &error) {
            // 57014: statement_timeout (HB-10). Anything else is a bug of ours; the SQL state is safe to log, the
            // message may quote values.
            if (error.sqlstate() == "57014") {
                return finish(HttpError(503,
                                        QByteArrayLiteral("timeout"),
                                        QStringLiteral("The database took too long; try again later."),
                                        {{QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5")}})
                                  .toResponse());
            }
            qCWarning(lcHttp).noquote() << "A request failed with SQL state"
                                        << QString::fromStdString(error.sqlstate());
        } catch (const std::exception &error) {
            // what() of a library exception may quote SQL but never our parameters; still, keep it to debug.
            qCWarning(lcHttp) << "A request failed with an unexpected error.";
            qCDebug(lcHttp) << error.what();
        } catch (...) {
            qCWarning(lcHttp) << "A request failed with an unknown exception.";
        }
        return finish(HttpResponse::problem(500, QStringLiteral("The hub failed to handle the request.")));
    } catch (...) {
        // Building the response itself failed (out of memory): answer with what needs no allocation.
        HttpResponse response;
        response.status = 500;
        return response;
    }
}

HttpResponse Api::dispatch(const HttpRequest &request, QByteArray &routeName) const
{
    // HEAD is GET without a body; the transport drops the body.
    const QByteArray method = request.method == "HEAD" ? QByteArrayLiteral("GET") : request.method;
    QList<QByteArray> allowed;
    for (const Route &route : m_routes) {
        QList<QByteArray> parameters;
        if (!matchPath(route.path, request.path, &parameters)) {
            continue;
        }
        if (route.method == method) {
            routeName = route.method + ' ' + route.path;
            HttpRequest matched = request;
            matched.pathParameters = parameters;
            if (!route.authenticated) {
                limitAddress(request);
            }
            const DeviceIdentity device = route.authenticated ? authenticate(request) : DeviceIdentity();
            return (this->*route.handler)(matched, device);
        }
        allowed << route.method;
        if (route.method == "GET") {
            allowed << QByteArrayLiteral("HEAD");
        }
    }
    if (allowed.isEmpty()) {
        throw HttpError(404, QStringLiteral("There is no resource at this path."));
    }
    // The path matched a route, so it is one of ours and safe to log.
    routeName = request.method + ' ' + request.path;
    const QByteArray allow = allowed.join(", ");
    throw HttpError(405,
                    QStringLiteral("This resource allows only %1.").arg(QString::fromLatin1(allow)),
                    {{QByteArrayLiteral("Allow"), allow}});
}

void Api::limitAddress(const HttpRequest &request) const
{
    // HB-5: without a token, the client's address is all there is to count by.
    if (const int retryAfterS =
            m_addressLimiter.tryAcquire(request.remoteAddress, QDateTime::currentMSecsSinceEpoch())) {
        throw HttpError(429,
                        QByteArrayLiteral("rate_limited"),
                        QStringLiteral("This address sent more than %1 requests a second without a device token "
                                       "(bursts of up to %2); try again in %3 s.")
                            .arg(m_addressLimiter.limits().ratePerSecond)
                            .arg(m_addressLimiter.limits().burst)
                            .arg(retryAfterS),
                        {{QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterS)}});
    }
}

DeviceIdentity Api::authenticate(const HttpRequest &request) const
{
    const QByteArray authorization = request.header(QByteArrayLiteral("authorization")).trimmed();
    if (authorization.isEmpty()) {
        throw unauthorized(QByteArrayLiteral("missing_token"),
                           QStringLiteral("Send the device token from pairing as Authorization: Bearer hub_…"));
    }
    const qsizetype space = authorization.indexOf(' ');
    const QByteArray token = space < 0 ? QByteArray() : authorization.mid(space + 1).trimmed();
    if (space < 0 || authorization.left(space).compare("bearer", Qt::CaseInsensitive) != 0
        || !isWellFormedDeviceToken(token)) {
        throw unauthorized(QByteArrayLiteral("invalid_token"),
                           QStringLiteral("The Authorization header is not a hub device token (Bearer hub_…)."));
    }
    const QByteArray tokenSha256 = sha256Hex(token);
    // Before the lookup, so that a flood from one token costs no database work (HB-5).
    if (const int retryAfterS = m_tokenLimiter.tryAcquire(tokenSha256, QDateTime::currentMSecsSinceEpoch())) {
        throw HttpError(429,
                        QByteArrayLiteral("rate_limited"),
                        QStringLiteral("This device sent more than %1 requests a second (bursts of up to %2); "
                                       "try again in %3 s.")
                            .arg(m_tokenLimiter.limits().ratePerSecond)
                            .arg(m_tokenLimiter.limits().burst)
                            .arg(retryAfterS),
                        {{QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterS)}});
    }
    // Looked up by its hash on every request, so a revocation counts from the next request on (HB-1).
    const std::optional<DeviceIdentity> device = m_store.authenticate(tokenSha256);
    if (!device) {
        throw unauthorized(QByteArrayLiteral("invalid_token"),
                           QStringLiteral("This device token is unknown, revoked or expired. Pair the device again "
                                          "with a new invite code."));
    }
    return *device;
}

HttpResponse Api::healthz(const HttpRequest &, const DeviceIdentity &) const
{
    HttpResponse response = HttpResponse::json(200,
                                               QJsonObject{
                                                   {QStringLiteral("status"), QStringLiteral("ok")},
                                                   {QStringLiteral("version"), QStringLiteral(TUNESCOUT_VERSION)},
                                               });
    addNoStore(response);
    return response;
}

HttpResponse Api::readyz(const HttpRequest &, const DeviceIdentity &) const
{
    const Readiness readiness = m_readiness.check();
    QJsonObject body{
        {QStringLiteral("status"), readiness.ready ? QStringLiteral("ready") : QStringLiteral("unavailable")}};
    if (!readiness.ready) {
        body.insert(QStringLiteral("reason"), readiness.reason);
    }
    if (readiness.schemaVersion >= 0) {
        body.insert(QStringLiteral("schema_version"), readiness.schemaVersion);
    }
    HttpResponse response = HttpResponse::json(readiness.ready ? 200 : 503, body);
    addNoStore(response);
    return response;
}

HttpResponse Api::metricsText(const HttpRequest &, const DeviceIdentity &) const
{
    HttpResponse response;
    response.contentType = QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");
    response.body = m_metrics.render();
    addNoStore(response);
    return response;
}

HttpResponse Api::openApi(const HttpRequest &, const DeviceIdentity &) const
{
    static const QByteArray document = loadOpenApiDocument();
    HttpResponse response;
    response.contentType = QByteArrayLiteral("application/yaml");
    response.body = document;
    return response;
}

HttpResponse Api::pair(const HttpRequest &request, const DeviceIdentity &) const
{
    // Counted before anything else, so malformed attempts cannot probe for free.
    if (const int waitS = m_pairingLimiter.tryAcquire(request.remoteAddress, QDateTime::currentMSecsSinceEpoch())) {
        throw HttpError(
            429,
            QByteArrayLiteral("rate_limited"),
            QStringLiteral("Too many pairing attempts from this address; try again in %1 seconds.").arg(waitS),
            {{QByteArrayLiteral("Retry-After"), QByteArray::number(waitS)}});
    }
    const PairRequest pairing = parsePairRequest(parseJsonObjectBody(request));
    const QByteArray token = newDeviceToken();
    const PairResult result =
        m_store.pair(sha256Hex(pairing.code.toLatin1()), pairing.displayName, pairing.deviceLabel, sha256Hex(token));
    switch (result.failure) {
    case PairFailure::None:
        break;
    case PairFailure::UnknownCode:
        throw HttpError(403,
                        QByteArrayLiteral("invite_unknown"),
                        QStringLiteral("This invite code is not known to the hub. Check it, or ask for a new one "
                                       "(tunescout-hub invite)."));
    case PairFailure::ExpiredCode:
        throw HttpError(403,
                        QByteArrayLiteral("invite_expired"),
                        QStringLiteral("This invite code has expired (codes are valid for %1 minutes). Ask for a "
                                       "new one.")
                            .arg(inviteValidMinutes));
    case PairFailure::UsedCode:
        throw HttpError(403,
                        QByteArrayLiteral("invite_used"),
                        QStringLiteral("This invite code was already used to pair a device. Ask for a new one."));
    }
    qCInfo(lcHttp) << "Paired device" << result.identity.deviceId << "for member" << result.identity.memberId;
    // The only time the token exists outside the device: the hub keeps its hash.
    HttpResponse response = HttpResponse::json(
        201,
        QJsonObject{{QStringLiteral("token"), QString::fromLatin1(token)},
                    {QStringLiteral("token_expires_at_ms"), result.tokenExpiresAt.toMSecsSinceEpoch()},
                    {QStringLiteral("device"),
                     QJsonObject{{QStringLiteral("id"), result.identity.deviceId},
                                 {QStringLiteral("label"), result.identity.deviceLabel}}},
                    {QStringLiteral("member"), memberJson(result.identity)},
                    {QStringLiteral("household"), QJsonObject{{QStringLiteral("id"), result.identity.householdId}}}});
    addNoStore(response);
    return response;
}

HttpResponse Api::sync(const HttpRequest &request, const DeviceIdentity &device) const
{
    const QList<SyncItem> items = parseSyncBatch(parseJsonObjectBody(request),
                                                 QDateTime::currentMSecsSinceEpoch(),
                                                 hasByteOrderMark(request.body));
    QList<SyncItem> valid;
    for (const SyncItem &item : items) {
        if (item.valid) {
            valid.append(item);
        }
    }
    const QList<SyncOutcome> outcomes = valid.isEmpty() ? QList<SyncOutcome>() : m_store.sync(device, valid);

    std::array<quint64, Metrics::SyncOutcomeCount> counts{};
    QJsonArray results;
    qsizetype next = 0;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const SyncItem &item = items.at(i);
        QJsonObject result{{QStringLiteral("index"), int(i)},
                           {QStringLiteral("id"), item.clientId.isEmpty() ? QJsonValue() : QJsonValue(item.clientId)}};
        if (!item.valid) {
            result.insert(QStringLiteral("status"), QStringLiteral("invalid"));
            result.insert(QStringLiteral("reason"), item.invalidReason);
            ++counts[Metrics::SyncInvalid];
        } else {
            switch (outcomes.at(next++)) {
            case SyncOutcome::Created:
                result.insert(QStringLiteral("status"), QStringLiteral("created"));
                ++counts[Metrics::SyncCreated];
                break;
            case SyncOutcome::Duplicate:
                result.insert(QStringLiteral("status"), QStringLiteral("duplicate"));
                ++counts[Metrics::SyncDuplicate];
                break;
            case SyncOutcome::Conflict:
                result.insert(QStringLiteral("status"), QStringLiteral("conflict"));
                result.insert(QStringLiteral("reason"),
                              QStringLiteral("An item with this id and another payload is already stored; it was "
                                             "kept unchanged."));
                ++counts[Metrics::SyncConflict];
                break;
            }
        }
        results.append(result);
    }
    m_metrics.recordSyncItems(counts);
    return HttpResponse::json(200,
                              QJsonObject{{QStringLiteral("results"), results},
                                          {QStringLiteral("created"), qint64(counts[Metrics::SyncCreated])},
                                          {QStringLiteral("duplicate"), qint64(counts[Metrics::SyncDuplicate])},
                                          {QStringLiteral("conflict"), qint64(counts[Metrics::SyncConflict])},
                                          {QStringLiteral("invalid"), qint64(counts[Metrics::SyncInvalid])}});
}

HttpResponse Api::me(const HttpRequest &, const DeviceIdentity &device) const
{
    HttpResponse response = HttpResponse::json(
        200,
        QJsonObject{
            {QStringLiteral("member"), memberJson(device)},
            {QStringLiteral("device"),
             QJsonObject{{QStringLiteral("id"), device.deviceId}, {QStringLiteral("label"), device.deviceLabel}}},
            {QStringLiteral("household"), QJsonObject{{QStringLiteral("id"), device.householdId}}}});
    addNoStore(response);
    return response;
}

HttpResponse Api::exportMe(const HttpRequest &, const DeviceIdentity &device) const
{
    HttpResponse response = HttpResponse::json(200, m_store.exportMember(device));
    addNoStore(response);
    return response;
}

HttpResponse Api::deleteMe(const HttpRequest &, const DeviceIdentity &device) const
{
    m_store.deleteMember(device.memberId);
    qCInfo(lcHttp) << "Deleted member" << device.memberId << "and their data at their request.";
    HttpResponse response;
    response.status = 204;
    return response;
}

HttpResponse Api::householdMembers(const HttpRequest &request, const DeviceIdentity &device) const
{
    bool ok = false;
    const qint64 householdId = request.pathParameters.value(0).toLongLong(&ok);
    if (!ok) {
        throw HttpError(400, QStringLiteral("The household id in the path must be a number."));
    }
    // A member sees only their own household; whether another exists is not told (HB-3).
    if (householdId != device.householdId) {
        throw HttpError(403,
                        QByteArrayLiteral("other_household"),
                        QStringLiteral("This device belongs to another household."));
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("members"), membersJson(m_store.members(householdId))}});
}

} // namespace hub
