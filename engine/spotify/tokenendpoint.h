#pragma once

#include "engine/spotify/spotifyjson.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QObject;

namespace engine
{

// The accounts service's token endpoint (POST <accounts>/api/token) for a PKCE client: the code exchange that
// ends a sign-in and the refresh that keeps it alive (SPOTIFY.md §1.4, RELIABILITY.md OA-7/OA-8). Form-encoded,
// client_id in the body and never a client secret. Redirects are not followed, so a code, verifier or refresh
// token is only ever sent to the configured endpoint.
class TokenEndpoint
{
public:
    static constexpr std::chrono::milliseconds DefaultTimeout = std::chrono::seconds(15);

    struct Failure {
        enum class Kind {
            InvalidGrant, // the code or refresh token is dead: sign in again, never present it again
            Rejected, // another OAuth error (invalid_client, invalid_request …): the configuration is wrong
            Unavailable, // no usable answer (network, timeout, 5xx, 429, an unreadable body): may work later
        };
        Kind kind = Kind::Unavailable;
        QString oauthError; // Spotify's error code when it sent one, e.g. invalid_grant
        QString oauthDescription; // Spotify's fixed wording, e.g. "Refresh token revoked"
        QString detail; // what went wrong, for a person: a network error or an HTTP status
    };

    struct Reply {
        std::optional<spotifyjson::TokenResponse> tokens; // set on success
        Failure failure; // meaningful only without tokens
    };
    using Callback = std::function<void(const Reply &)>;

    TokenEndpoint(QNetworkAccessManager *network,
                  const QUrl &accountsUrl,
                  const QString &clientId,
                  std::chrono::milliseconds timeout = DefaultTimeout);

    QUrl accountsUrl() const;
    QString clientId() const;

    // Each request answers `done` once, on `context`'s thread, unless `context` is gone by then. Aborting the
    // returned reply answers Unavailable at once: callers that abort ignore that answer.

    // grant_type=authorization_code with the redirect URI of the authorize request, byte for byte.
    QNetworkReply *exchangeCode(const QByteArray &code,
                                const QUrl &redirectUri,
                                const QByteArray &verifier,
                                QObject *context,
                                Callback done) const;
    // grant_type=refresh_token.
    QNetworkReply *refresh(const QByteArray &refreshToken, QObject *context, Callback done) const;

private:
    QNetworkReply *post(const QByteArray &form, QObject *context, Callback done) const;

    QNetworkAccessManager *m_network;
    QUrl m_accountsUrl;
    QString m_clientId;
    std::chrono::milliseconds m_timeout;
};

} // namespace engine
