#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>

namespace testsupport
{

using FakeSpotifyQuery = QList<QPair<QString, QString>>;
using FakeSpotifyHeaders = QList<QPair<QByteArray, QByteArray>>;

// One request as the fake saw it. The services take this plain value, not a socket, so they do not
// depend on the HTTP library; it is also what the request log records.
struct FakeSpotifyRequest {
    QByteArray method;
    QString path; // percent-decoded, without the query
    FakeSpotifyQuery query; // decoded, in order; `+` counts as a space as in HTML forms
    FakeSpotifyHeaders headers;
    QByteArray body;

    bool hasQueryItem(const QString &key) const;
    QString queryValue(const QString &key) const;
    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
    bool hasHeader(const QByteArray &name) const;
    bool isForm() const; // Content-Type application/x-www-form-urlencoded
    FakeSpotifyQuery form() const; // the body parsed as a form; empty unless isForm()
    QString formValue(const QString &key) const;
    bool hasFormValue(const QString &key) const;

    static FakeSpotifyQuery parseUrlEncoded(const QByteArray &encoded);
};

struct FakeSpotifyResponse {
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    FakeSpotifyHeaders headers;

    static FakeSpotifyResponse json(int status, const QJsonDocument &document);
    static FakeSpotifyResponse noContent(int status = 204);
    static FakeSpotifyResponse text(int status, const QByteArray &contentType, const QByteArray &body);
    static FakeSpotifyResponse redirect(const QString &location);
    // The Web API's error envelope {"error":{"status","message"[,"reason"]}}.
    static FakeSpotifyResponse apiError(int status, const QString &message, const QString &reason = {});
    // The accounts service's OAuth error {"error","error_description"}.
    static FakeSpotifyResponse oauthError(int status, const QString &error, const QString &description);
};

} // namespace testsupport
