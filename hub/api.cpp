#include "hub/api.h"

#include "hub/logging.h"
#include "hub/readiness.h"
#include "tunescoutversion.h"

#include <QJsonObject>

namespace hub
{

namespace
{

void addNoStore(HttpResponse &response)
{
    response.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")});
}

} // namespace

Api::Api(ReadinessProbe &readiness)
    : m_readiness(readiness)
    , m_routes{
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/healthz"), &Api::healthz},
          {QByteArrayLiteral("GET"), QByteArrayLiteral("/readyz"), &Api::readyz},
      }
{
}

HttpResponse Api::handle(const HttpRequest &request) const noexcept
{
    QByteArray route = request.method + " (no route)";
    try {
        try {
            HttpResponse response = dispatch(request, route);
            response.route = route;
            return response;
        } catch (const HttpError &error) {
            HttpResponse response = error.toResponse();
            response.route = route;
            return response;
        } catch (const std::exception &error) {
            // what() of a library exception may quote SQL but never our parameters; still, keep it to debug.
            qCWarning(lcHttp) << "A request failed with an unexpected error.";
            qCDebug(lcHttp) << error.what();
        } catch (...) {
            qCWarning(lcHttp) << "A request failed with an unknown exception.";
        }
        HttpResponse response = HttpResponse::problem(500, QStringLiteral("The hub failed to handle the request."));
        response.route = route;
        return response;
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
        if (route.path != request.path) {
            continue;
        }
        if (route.method == method) {
            routeName = route.method + ' ' + route.path;
            return (this->*route.handler)(request);
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

HttpResponse Api::healthz(const HttpRequest &) const
{
    HttpResponse response = HttpResponse::json(200,
                                               QJsonObject{
                                                   {QStringLiteral("status"), QStringLiteral("ok")},
                                                   {QStringLiteral("version"), QStringLiteral(TUNESCOUT_VERSION)},
                                               });
    addNoStore(response);
    return response;
}

HttpResponse Api::readyz(const HttpRequest &) const
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

} // namespace hub
