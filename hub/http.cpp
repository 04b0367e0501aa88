#include "hub/http.h"

#include <QJsonDocument>

namespace hub
{

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    HttpResponse response;
    response.status = status;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

QByteArray HttpRequest::header(const QByteArray &lowerCaseName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerCaseName) {
            return value;
        }
    }
    return {};
}

QByteArray HttpRequest::queryValue(const QByteArray &name) const
{
    for (const auto &[key, value] : query) {
        if (key == name) {
            return value.isNull() ? QByteArrayLiteral("") : value;
        }
    }
    return {};
}

HttpResponse HttpResponse::problem(int status, const QString &detail, const QByteArray &code)
{
    HttpResponse response =
        json(status,
             QJsonObject{
                 {QStringLiteral("type"), QStringLiteral("about:blank")},
                 {QStringLiteral("title"), httpStatusTitle(status)},
                 {QStringLiteral("status"), status},
                 {QStringLiteral("code"), QString::fromLatin1(code.isEmpty() ? httpStatusCode(status) : code)},
                 {QStringLiteral("detail"), detail},
             });
    response.contentType = QByteArrayLiteral("application/problem+json");
    return response;
}

HttpError::HttpError(int status, QString detail, QList<std::pair<QByteArray, QByteArray>> headers)
    : HttpError(status, httpStatusCode(status), std::move(detail), std::move(headers))
{
}

HttpError::HttpError(int status, QByteArray code, QString detail, QList<std::pair<QByteArray, QByteArray>> headers)
    : m_status(status)
    , m_code(std::move(code))
    , m_detail(std::move(detail))
    , m_headers(std::move(headers))
    , m_what(QByteArray::number(status) + ' ' + m_detail.toUtf8())
{
}

int HttpError::status() const
{
    return m_status;
}

const QByteArray &HttpError::code() const
{
    return m_code;
}

const QString &HttpError::detail() const
{
    return m_detail;
}

const QList<std::pair<QByteArray, QByteArray>> &HttpError::headers() const
{
    return m_headers;
}

const char *HttpError::what() const noexcept
{
    return m_what.constData();
}

HttpResponse HttpError::toResponse() const
{
    HttpResponse response = HttpResponse::problem(m_status, m_detail, m_code);
    response.headers = m_headers;
    return response;
}

QString httpStatusTitle(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 408:
        return QStringLiteral("Request Timeout");
    case 413:
        return QStringLiteral("Content Too Large");
    case 414:
        return QStringLiteral("URI Too Long");
    case 415:
        return QStringLiteral("Unsupported Media Type");
    case 416:
        return QStringLiteral("Range Not Satisfiable");
    case 422:
        return QStringLiteral("Unprocessable Content");
    case 429:
        return QStringLiteral("Too Many Requests");
    case 431:
        return QStringLiteral("Request Header Fields Too Large");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 503:
        return QStringLiteral("Service Unavailable");
    }
    return status >= 500 ? QStringLiteral("Server Error") : QStringLiteral("Client Error");
}

QByteArray httpStatusCode(int status)
{
    switch (status) {
    case 400:
        return QByteArrayLiteral("bad_request");
    case 401:
        return QByteArrayLiteral("unauthorized");
    case 403:
        return QByteArrayLiteral("forbidden");
    case 404:
        return QByteArrayLiteral("not_found");
    case 405:
        return QByteArrayLiteral("method_not_allowed");
    case 408:
        return QByteArrayLiteral("request_timeout");
    case 413:
        return QByteArrayLiteral("body_too_large");
    case 414:
        return QByteArrayLiteral("uri_too_long");
    case 415:
        return QByteArrayLiteral("unsupported_media_type");
    case 422:
        return QByteArrayLiteral("unprocessable");
    case 429:
        return QByteArrayLiteral("rate_limited");
    case 431:
        return QByteArrayLiteral("headers_too_large");
    case 503:
        return QByteArrayLiteral("unavailable");
    }
    return status >= 500 ? QByteArrayLiteral("internal_error") : QByteArrayLiteral("client_error");
}

} // namespace hub
