#pragma once

#include "tests/support/spotify/fakespotifyhttp.h"
#include "tests/support/spotify/fakespotifyrandom.h"

#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

namespace testsupport
{

// What a successful token exchange hands out (and what FakeSpotify::issueTokens() returns).
struct FakeSpotifyTokens {
    QString accessToken;
    QString refreshToken;
    QString scope;
    int expiresInS = 3600;
};

// How /authorize treats a valid request: the real service shows a consent page; tests want an answer.
enum class FakeSpotifyConsent {
    AutoApprove, // 302 to redirect_uri?code=…&state=…
    Deny, // 302 to redirect_uri?error=access_denied&state=…
    AskUser, // a page with "Agree" and "Cancel" links, for a person driving a browser
};

// accounts.spotify.com for one registered PKCE client: /authorize, /api/token, grants with rotating
// single-use refresh tokens that die 6 months after the user authorized, and 1-hour access tokens.
// Not thread-safe: FakeSpotify calls it under its lock.
class FakeSpotifyAccounts
{
public:
    enum class BearerStatus { Missing, NotBearer, Unknown, Expired, Valid };
    struct BearerCheck {
        BearerStatus status = BearerStatus::Missing;
        QStringList scopes;
    };

    FakeSpotifyAccounts(quint64 seed, const QString &clientId);

    static QStringList knownScopes();
    static bool isAllowedRedirectUri(const QString &uri);

    FakeSpotifyResponse authorize(const FakeSpotifyRequest &request, qint64 nowMs);
    FakeSpotifyResponse
    decide(const FakeSpotifyRequest &request, qint64 nowMs, bool approve); // the AskUser page's links
    FakeSpotifyResponse token(const FakeSpotifyRequest &request, qint64 nowMs);
    BearerCheck checkBearer(const QByteArray &authorization, qint64 nowMs) const;

    QString clientId() const;
    void setConsent(FakeSpotifyConsent consent);
    FakeSpotifyConsent consent() const;
    void setRotateRefreshTokens(bool rotate);
    bool rotatesRefreshTokens() const;

    FakeSpotifyTokens issueTokens(const QString &scope, qint64 nowMs);
    void expireAccessTokens(qint64 nowMs);
    void revokeGrants();
    bool revokeGrant(const QString &refreshToken);
    void ageGrants(qint64 ms);
    int tokenRequestCount(const QString &grantType) const; // empty: all
    int grantCount() const;
    QStringList issuedSecrets() const;

private:
    struct Grant {
        QString scope;
        qint64 authorizedAtMs = 0;
        bool revoked = false;
    };
    struct PendingCode {
        QString redirectUri;
        QString challenge;
        QString scope;
        qint64 issuedAtMs = 0;
    };
    struct AccessToken {
        int grant = 0;
        qint64 expiresAtMs = 0;
    };
    struct PendingConsent {
        QString redirectUri;
        QString challenge;
        QString scope;
        QString state;
        bool hasState = false;
    };

    FakeSpotifyResponse approve(const PendingConsent &consent, qint64 nowMs);
    FakeSpotifyResponse authorizationCodeGrant(const FakeSpotifyRequest &request, qint64 nowMs);
    FakeSpotifyResponse refreshTokenGrant(const FakeSpotifyRequest &request, qint64 nowMs);
    FakeSpotifyResponse tokenResponse(int grant, bool withRefreshToken, qint64 nowMs);
    QString requestClientId(const FakeSpotifyRequest &request) const;
    QString newSecret(const char *prefix, int length);
    bool grantExpired(const Grant &grant, qint64 nowMs) const;

    FakeSpotifyRandom m_random;
    QString m_clientId;
    FakeSpotifyConsent m_consent = FakeSpotifyConsent::AutoApprove;
    bool m_rotate = true;
    QList<Grant> m_grants;
    QHash<QString, PendingCode> m_codes;
    QHash<QString, int> m_refreshTokens; // the current refresh token of each grant
    QHash<QString, AccessToken> m_accessTokens;
    QHash<int, PendingConsent> m_consents;
    int m_nextConsent = 1;
    QMap<QString, int> m_tokenRequests;
    QStringList m_secrets;
};

} // namespace testsupport
