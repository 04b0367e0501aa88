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

HttpResponse HttpResponse::problem(int status, const QString &detail)
{
    HttpResponse response = json(status,
                                 QJsonObject{
                                     {QStringLiteral("type"), QStringLiteral("about:blank")},
                                     {QStringLiteral("title"), httpStatusTitle(status)},
                                     {QStringLiteral("status"), status},
                                     {QStringLiteral("detail"), detail},
                                 });
    response.contentType = QByteArrayLiteral("application/problem+json");
    return response;
}

HttpError::HttpError(int status, QString detail, QList<std::pair<QByteArray, QByteArray>> headers)
    : m_status(status)
    , m_detail(std::move(detail))
    , m_headers(std::move(headers))
    , m_what(QByteArray::number(status) + ' ' + m_detail.toUtf8())
{
}

int HttpError::status() const
{
    return m_status;
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
    HttpResponse response = HttpResponse::problem(m_status, m_detail);
    response.headers = m_headers;
    return response;
}

QString httpStatusTitle(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("Bad Request");
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
    case 416:
        return QStringLiteral("Range Not Satisfiable");
    case 431:
        return QStringLiteral("Request Header Fields Too Large");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 503:
        return QStringLiteral("Service Unavailable");
    }
    return status >= 500 ? QStringLiteral("Server Error") : QStringLiteral("Client Error");
}

} // namespace hub
