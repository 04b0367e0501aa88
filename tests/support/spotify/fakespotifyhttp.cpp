#include "tests/support/spotify/fakespotifyhttp.h"

#include <QJsonObject>
#include <QUrl>

namespace testsupport
{

namespace
{

QString decodeComponent(QByteArray component)
{
    component.replace('+', ' ');
    return QUrl::fromPercentEncoding(component);
}

} // namespace

bool FakeSpotifyRequest::hasQueryItem(const QString &key) const
{
    for (const auto &item : query) {
        if (item.first == key)
            return true;
    }
    return false;
}

QString FakeSpotifyRequest::queryValue(const QString &key) const
{
    for (const auto &item : query) {
        if (item.first == key)
            return item.second;
    }
    return {};
}

QByteArray FakeSpotifyRequest::header(const QByteArray &name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

bool FakeSpotifyRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool FakeSpotifyRequest::isForm() const
{
    const QByteArray type = header("Content-Type").split(';').first().trimmed().toLower();
    return type == "application/x-www-form-urlencoded";
}

FakeSpotifyQuery FakeSpotifyRequest::form() const
{
    return isForm() ? parseUrlEncoded(body) : FakeSpotifyQuery{};
}

QString FakeSpotifyRequest::formValue(const QString &key) const
{
    for (const auto &item : form()) {
        if (item.first == key)
            return item.second;
    }
    return {};
}

bool FakeSpotifyRequest::hasFormValue(const QString &key) const
{
    for (const auto &item : form()) {
        if (item.first == key)
            return true;
    }
    return false;
}

FakeSpotifyQuery FakeSpotifyRequest::parseUrlEncoded(const QByteArray &encoded)
{
    FakeSpotifyQuery items;
    for (const QByteArray &pair : encoded.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        if (eq < 0)
            items.append({decodeComponent(pair), QString()});
        else
            items.append({decodeComponent(pair.left(eq)), decodeComponent(pair.mid(eq + 1))});
    }
    return items;
}

FakeSpotifyResponse FakeSpotifyResponse::json(int status, const QJsonDocument &document)
{
    return {status, QByteArrayLiteral("application/json; charset=utf-8"), document.toJson(QJsonDocument::Compact), {}};
}

FakeSpotifyResponse FakeSpotifyResponse::noContent(int status)
{
    return {status, {}, {}, {}};
}

FakeSpotifyResponse FakeSpotifyResponse::text(int status, const QByteArray &contentType, const QByteArray &body)
{
    return {status, contentType, body, {}};
}

FakeSpotifyResponse FakeSpotifyResponse::redirect(const QString &location)
{
    FakeSpotifyResponse response{302, {}, {}, {}};
    response.headers.append({QByteArrayLiteral("Location"), location.toUtf8()});
    return response;
}

FakeSpotifyResponse FakeSpotifyResponse::apiError(int status, const QString &message, const QString &reason)
{
    QJsonObject error{{QStringLiteral("status"), status}, {QStringLiteral("message"), message}};
    if (!reason.isEmpty())
        error.insert(QStringLiteral("reason"), reason);
    return json(status, QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}));
}

FakeSpotifyResponse FakeSpotifyResponse::oauthError(int status, const QString &error, const QString &description)
{
    return json(status,
                QJsonDocument(
                    QJsonObject{{QStringLiteral("error"), error}, {QStringLiteral("error_description"), description}}));
}

} // namespace testsupport
