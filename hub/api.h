#pragma once

#include "hub/http.h"

#include <QList>

namespace hub
{

class ReadinessProbe;

// The hub's HTTP API, independent of the transport: HttpServer hands every request to handle().
//   GET /healthz  200 {"status":"ok","version":"…"} while the process runs
//   GET /readyz   200 when the database answers at the expected schema version, else 503 with a reason
// Unknown paths get 404 and known paths with another method 405, both as application/problem+json.
class Api
{
public:
    explicit Api(ReadinessProbe &readiness);

    // Never throws: an HttpError becomes its response, anything else a 500.
    HttpResponse handle(const HttpRequest &request) const noexcept;

private:
    using Handler = HttpResponse (Api::*)(const HttpRequest &) const;
    struct Route {
        QByteArray method;
        QByteArray path;
        Handler handler;
    };

    HttpResponse dispatch(const HttpRequest &request, QByteArray &routeName) const;
    HttpResponse healthz(const HttpRequest &request) const;
    HttpResponse readyz(const HttpRequest &request) const;

    ReadinessProbe &m_readiness;
    QList<Route> m_routes;
};

} // namespace hub
