#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <exception>
#include <utility>

namespace hub
{

// A request as the handlers see it: no sockets, so tests can call the Api directly.
struct HttpRequest {
    QByteArray method; // upper case, as sent
    QByteArray path; // without the query string
    QByteArray body;
    // Only the headers the Api reads (Authorization); names in lower case.
    QList<std::pair<QByteArray, QByteArray>> headers;
    // The query string's parameters, percent-decoded, in order.
    QList<std::pair<QByteArray, QByteArray>> query;
    // Filled by the router: the segments a route's {placeholders} matched, in order.
    QList<QByteArray> pathParameters;
    // The client's IP address as the transport saw it (a reverse proxy's, behind one): for rate limits only.
    QByteArray remoteAddress;

    QByteArray header(const QByteArray &lowerCaseName) const;
    // The first value of a query parameter; null when absent.
    QByteArray queryValue(const QByteArray &name) const;
};

struct HttpResponse {
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    // The route that answered ("GET /healthz"), for logs: a raw path may carry identifiers that do not belong
    // in a log.
    QByteArray route;

    static HttpResponse json(int status, const QJsonObject &object);
    // An RFC 9457 application/problem+json body, with the extension member "code": a stable machine-readable
    // name of the error ("invalid_token"), defaulting to one derived from the status ("not_found").
    static HttpResponse problem(int status, const QString &detail, const QByteArray &code = {});
};

// Thrown by a handler to answer with a status and a problem+json body; caught once per request, in
// Api::handle.
class HttpError : public std::exception
{
public:
    HttpError(int status, QString detail, QList<std::pair<QByteArray, QByteArray>> headers = {});
    HttpError(int status, QByteArray code, QString detail, QList<std::pair<QByteArray, QByteArray>> headers = {});

    int status() const;
    const QByteArray &code() const;
    const QString &detail() const;
    const QList<std::pair<QByteArray, QByteArray>> &headers() const;
    const char *what() const noexcept override;

    HttpResponse toResponse() const;

private:
    int m_status;
    QByteArray m_code;
    QString m_detail;
    QList<std::pair<QByteArray, QByteArray>> m_headers;
    QByteArray m_what;
};

// The reason phrase of a status ("Not Found"), used as the problem title.
QString httpStatusTitle(int status);
// The default machine code of a status ("not_found"), for problems that name no more specific one.
QByteArray httpStatusCode(int status);

} // namespace hub
