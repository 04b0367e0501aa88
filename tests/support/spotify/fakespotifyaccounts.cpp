#include "tests/support/spotify/fakespotifyaccounts.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

namespace testsupport
{

namespace
{

constexpr qint64 accessTokenLifetimeMs = 3600 * 1000;
constexpr qint64 codeLifetimeMs = 10 * 60 * 1000;

FakeSpotifyResponse errorPage(const QString &message)
{
    const QString html = QStringLiteral("<!DOCTYPE html><html><head><title>Error</title></head>"
                                        "<body><h1>Oops! Something went wrong</h1><p>%1</p></body></html>")
                             .arg(message.toHtmlEscaped());
    return FakeSpotifyResponse::text(400, QByteArrayLiteral("text/html; charset=utf-8"), html.toUtf8());
}

QString withQuery(const QString &redirectUri, const QList<QPair<QString, QString>> &items)
{
    QString out = redirectUri;
    QChar separator = QLatin1Char('?');
    for (const auto &item : items) {
        out += separator + item.first + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(item.second));
        separator = QLatin1Char('&');
    }
    return out;
}

QString pkceChallenge(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

FakeSpotifyAccounts::FakeSpotifyAccounts(quint64 seed, const QString &clientId)
    : m_random(seed ^ 0xacc0c0de5eedULL)
    , m_clientId(clientId)
{
}

QStringList FakeSpotifyAccounts::knownScopes()
{
    return {QStringLiteral("app-remote-control"),
            QStringLiteral("playlist-read-private"),
            QStringLiteral("playlist-read-collaborative"),
            QStringLiteral("playlist-modify-public"),
            QStringLiteral("playlist-modify-private"),
            QStringLiteral("user-library-read"),
            QStringLiteral("user-library-modify"),
            QStringLiteral("user-read-private"),
            QStringLiteral("user-read-email"),
            QStringLiteral("user-follow-read"),
            QStringLiteral("user-follow-modify"),
            QStringLiteral("user-top-read"),
            QStringLiteral("user-read-playback-position"),
            QStringLiteral("user-read-playback-state"),
            QStringLiteral("user-read-recently-played"),
            QStringLiteral("user-read-currently-playing"),
            QStringLiteral("user-modify-playback-state"),
            QStringLiteral("ugc-image-upload"),
            QStringLiteral("streaming")};
}

bool FakeSpotifyAccounts::isAllowedRedirectUri(const QString &uri)
{
    // The app registers http://127.0.0.1/callback (and the [::1] twin) without a port, so Spotify
    // accepts any port there; `localhost` has been refused since November 2025.
    const QUrl url(uri, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("http") || !url.userInfo().isEmpty() || url.hasQuery()
        || url.hasFragment())
        return false;
    if (url.host() != QLatin1String("127.0.0.1") && url.host() != QLatin1String("::1"))
        return false;
    return url.path() == QLatin1String("/callback");
}

FakeSpotifyResponse FakeSpotifyAccounts::authorize(const FakeSpotifyRequest &request, qint64 nowMs)
{
    if (request.queryValue(QStringLiteral("client_id")) != m_clientId)
        return errorPage(QStringLiteral("INVALID_CLIENT: Invalid client"));
    const QString redirectUri = request.queryValue(QStringLiteral("redirect_uri"));
    if (!isAllowedRedirectUri(redirectUri))
        return errorPage(QStringLiteral("INVALID_CLIENT: Invalid redirect URI"));

    // From here on the redirect URI is trusted, so errors go back to the client as OAuth says.
    const QString state = request.queryValue(QStringLiteral("state"));
    auto fail = [&](const QString &error, const QString &description) {
        QList<QPair<QString, QString>> items{{QStringLiteral("error"), error}};
        if (!description.isEmpty())
            items.append({QStringLiteral("error_description"), description});
        if (request.hasQueryItem(QStringLiteral("state")))
            items.append({QStringLiteral("state"), state});
        return FakeSpotifyResponse::redirect(withQuery(redirectUri, items));
    };
    if (request.queryValue(QStringLiteral("response_type")) != QLatin1String("code"))
        return fail(QStringLiteral("unsupported_response_type"), {});
    if (request.queryValue(QStringLiteral("code_challenge_method")) != QLatin1String("S256"))
        return fail(QStringLiteral("invalid_request"), QStringLiteral("code_challenge_method must be S256"));
    static const QRegularExpression challengeShape(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    const QString challenge = request.queryValue(QStringLiteral("code_challenge"));
    if (!challengeShape.match(challenge).hasMatch())
        return fail(QStringLiteral("invalid_request"), QStringLiteral("code_challenge must be a base64url SHA-256"));
    const QString scope = request.queryValue(QStringLiteral("scope"));
    const QStringList known = knownScopes();
    for (const QString &name : scope.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!known.contains(name))
            return fail(QStringLiteral("invalid_scope"), {});
    }

    PendingConsent consent{redirectUri, challenge, scope, state, request.hasQueryItem(QStringLiteral("state"))};
    switch (m_consent) {
    case FakeSpotifyConsent::AutoApprove:
        return approve(consent, nowMs);
    case FakeSpotifyConsent::Deny:
        return fail(QStringLiteral("access_denied"), {});
    case FakeSpotifyConsent::AskUser:
        break;
    }
    const int id = m_nextConsent++;
    m_consents.insert(id, consent);
    const QString page = QStringLiteral("<!DOCTYPE html><html><head><title>Fake Spotify: authorize</title></head><body>"
                                        "<h1>Allow %1 to access your fake Spotify account?</h1><p>Scopes: %2</p>"
                                        "<p><a href=\"/authorize/accept?request=%3\">Agree</a> "
                                        "<a href=\"/authorize/deny?request=%3\">Cancel</a></p></body></html>")
                             .arg(m_clientId.toHtmlEscaped(), scope.toHtmlEscaped())
                             .arg(id);
    return FakeSpotifyResponse::text(200, QByteArrayLiteral("text/html; charset=utf-8"), page.toUtf8());
}

FakeSpotifyResponse FakeSpotifyAccounts::decide(const FakeSpotifyRequest &request, qint64 nowMs, bool approveRequest)
{
    const int id = request.queryValue(QStringLiteral("request")).toInt();
    if (!m_consents.contains(id))
        return errorPage(QStringLiteral("This authorization request has expired."));
    const PendingConsent consent = m_consents.take(id);
    if (approveRequest)
        return approve(consent, nowMs);
    QList<QPair<QString, QString>> items{{QStringLiteral("error"), QStringLiteral("access_denied")}};
    if (consent.hasState)
        items.append({QStringLiteral("state"), consent.state});
    return FakeSpotifyResponse::redirect(withQuery(consent.redirectUri, items));
}

FakeSpotifyResponse FakeSpotifyAccounts::approve(const PendingConsent &consent, qint64 nowMs)
{
    const QString code = newSecret("AQ", 180);
    m_codes.insert(code, {consent.redirectUri, consent.challenge, consent.scope, nowMs});
    QList<QPair<QString, QString>> items{{QStringLiteral("code"), code}};
    if (consent.hasState)
        items.append({QStringLiteral("state"), consent.state});
    return FakeSpotifyResponse::redirect(withQuery(consent.redirectUri, items));
}

QString FakeSpotifyAccounts::requestClientId(const FakeSpotifyRequest &request) const
{
    const QString fromForm = request.formValue(QStringLiteral("client_id"));
    if (!fromForm.isEmpty())
        return fromForm;
    // Confidential clients send client_id:secret as Basic credentials; a PKCE client should not, but
    // the fake reads the ID from there too so that such a client fails on the secret, not the ID.
    const QByteArray authorization = request.header("Authorization");
    if (authorization.startsWith("Basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        return QString::fromUtf8(decoded.left(decoded.indexOf(':')));
    }
    return {};
}

FakeSpotifyResponse FakeSpotifyAccounts::token(const FakeSpotifyRequest &request, qint64 nowMs)
{
    const QString grantType = request.formValue(QStringLiteral("grant_type"));
    ++m_tokenRequests[grantType];
    if (request.method != "POST")
        return FakeSpotifyResponse::text(405, QByteArrayLiteral("text/plain"), QByteArrayLiteral("Method Not Allowed"));
    if (!request.isForm() || grantType.isEmpty())
        return FakeSpotifyResponse::oauthError(400,
                                               QStringLiteral("unsupported_grant_type"),
                                               QStringLiteral("grant_type parameter is missing"));

    if (grantType == QLatin1String("authorization_code") || grantType == QLatin1String("refresh_token")
        || grantType == QLatin1String("client_credentials")) {
        const QString clientId = requestClientId(request);
        if (clientId.isEmpty())
            return FakeSpotifyResponse::oauthError(400,
                                                   QStringLiteral("invalid_request"),
                                                   QStringLiteral("client_id must be supplied"));
        if (clientId != m_clientId)
            return FakeSpotifyResponse::oauthError(400,
                                                   QStringLiteral("invalid_client"),
                                                   QStringLiteral("Invalid client"));
    }
    if (grantType == QLatin1String("authorization_code"))
        return authorizationCodeGrant(request, nowMs);
    if (grantType == QLatin1String("refresh_token"))
        return refreshTokenGrant(request, nowMs);
    if (grantType == QLatin1String("client_credentials"))
        return FakeSpotifyResponse::oauthError(400,
                                               QStringLiteral("invalid_client"),
                                               QStringLiteral("Invalid client secret"));
    return FakeSpotifyResponse::oauthError(
        400,
        QStringLiteral("unsupported_grant_type"),
        QStringLiteral("grant_type must be client_credentials, authorization_code or refresh_token"));
}

FakeSpotifyResponse FakeSpotifyAccounts::authorizationCodeGrant(const FakeSpotifyRequest &request, qint64 nowMs)
{
    // A code is spent by the first exchange that presents it, successful or not, as OAuth asks.
    const QString code = request.formValue(QStringLiteral("code"));
    if (!m_codes.contains(code))
        return FakeSpotifyResponse::oauthError(400,
                                               QStringLiteral("invalid_grant"),
                                               QStringLiteral("Invalid authorization code"));
    const PendingCode pending = m_codes.take(code);
    if (nowMs - pending.issuedAtMs > codeLifetimeMs)
        return FakeSpotifyResponse::oauthError(400,
                                               QStringLiteral("invalid_grant"),
                                               QStringLiteral("Invalid authorization code"));
    if (request.formValue(QStringLiteral("redirect_uri")) != pending.redirectUri)
        return FakeSpotifyResponse::oauthError(400,
                                               QStringLiteral("invalid_grant"),
                                               QStringLiteral("Invalid redirect URI"));
    const QString verifier = request.formValue(QStringLiteral("code_verifier"));
    if (verifier.isEmpty())
        return FakeSpotifyResponse::oauthError(400,
                                               QStringLiteral("invalid_request"),
                                               QStringLiteral("code_verifier required"));
    if (pkceChallenge(verifier) != pending.challenge)
        return FakeSpotifyResponse::oauthError(400,
                                               QStringLiteral("invalid_grant"),
                                               QStringLiteral("code_verifier was incorrect"));

    m_grants.append({pending.scope, nowMs, false});
    return tokenResponse(int(m_grants.size()) - 1, true, nowMs);
}

FakeSpotifyResponse FakeSpotifyAccounts::refreshTokenGrant(const FakeSpotifyRequest &request, qint64 nowMs)
{
    const QString refreshToken = request.formValue(QStringLiteral("refresh_token"));
    if (refreshToken.isEmpty())
        return FakeSpotifyResponse::oauthError(400,
                                               QStringLiteral("invalid_request"),
                                               QStringLiteral("refresh_token must be supplied"));
    const auto it = m_refreshTokens.constFind(refreshToken);
    if (it == m_refreshTokens.cend())
        return FakeSpotifyResponse::oauthError(400,
                                               QStringLiteral("invalid_grant"),
                                               QStringLiteral("Invalid refresh token"));
    const int grant = *it;
    if (m_grants.at(grant).revoked)
        return FakeSpotifyResponse::oauthError(400,
                                               QStringLiteral("invalid_grant"),
                                               QStringLiteral("Refresh token revoked"));
    // Spotify documents only "invalid_grant" for an expired refresh token; the description is a guess.
    if (grantExpired(m_grants.at(grant), nowMs))
        return FakeSpotifyResponse::oauthError(400,
                                               QStringLiteral("invalid_grant"),
                                               QStringLiteral("Invalid refresh token"));
    if (m_rotate)
        m_refreshTokens.remove(refreshToken);
    return tokenResponse(grant, m_rotate, nowMs);
}

FakeSpotifyResponse FakeSpotifyAccounts::tokenResponse(int grant, bool withRefreshToken, qint64 nowMs)
{
    const QString access = newSecret("BQ", 140);
    m_accessTokens.insert(access, {grant, nowMs + accessTokenLifetimeMs});
    QJsonObject body{{QStringLiteral("access_token"), access},
                     {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                     {QStringLiteral("scope"), m_grants.at(grant).scope},
                     {QStringLiteral("expires_in"), int(accessTokenLifetimeMs / 1000)}};
    if (withRefreshToken) {
        const QString refresh = newSecret("AQ", 130);
        m_refreshTokens.insert(refresh, grant);
        body.insert(QStringLiteral("refresh_token"), refresh);
    }
    return FakeSpotifyResponse::json(200, QJsonDocument(body));
}

FakeSpotifyAccounts::BearerCheck FakeSpotifyAccounts::checkBearer(const QByteArray &authorization, qint64 nowMs) const
{
    if (authorization.trimmed().isEmpty())
        return {BearerStatus::Missing, {}};
    if (!authorization.startsWith("Bearer "))
        return {BearerStatus::NotBearer, {}};
    const auto it = m_accessTokens.constFind(QString::fromLatin1(authorization.mid(7).trimmed()));
    if (it == m_accessTokens.cend() || m_grants.at(it->grant).revoked)
        return {BearerStatus::Unknown, {}};
    if (nowMs >= it->expiresAtMs)
        return {BearerStatus::Expired, {}};
    return {BearerStatus::Valid, m_grants.at(it->grant).scope.split(QLatin1Char(' '), Qt::SkipEmptyParts)};
}

bool FakeSpotifyAccounts::grantExpired(const Grant &grant, qint64 nowMs) const
{
    const QDateTime authorized = QDateTime::fromMSecsSinceEpoch(grant.authorizedAtMs, QTimeZone::utc());
    return nowMs >= authorized.addMonths(6).toMSecsSinceEpoch();
}

QString FakeSpotifyAccounts::clientId() const
{
    return m_clientId;
}

void FakeSpotifyAccounts::setConsent(FakeSpotifyConsent consent)
{
    m_consent = consent;
}

FakeSpotifyConsent FakeSpotifyAccounts::consent() const
{
    return m_consent;
}

void FakeSpotifyAccounts::setRotateRefreshTokens(bool rotate)
{
    m_rotate = rotate;
}

bool FakeSpotifyAccounts::rotatesRefreshTokens() const
{
    return m_rotate;
}

FakeSpotifyTokens FakeSpotifyAccounts::issueTokens(const QString &scope, qint64 nowMs)
{
    m_grants.append({scope, nowMs, false});
    const int grant = int(m_grants.size()) - 1;
    const QJsonObject body = QJsonDocument::fromJson(tokenResponse(grant, true, nowMs).body).object();
    return {body.value(QStringLiteral("access_token")).toString(),
            body.value(QStringLiteral("refresh_token")).toString(),
            scope,
            body.value(QStringLiteral("expires_in")).toInt()};
}

void FakeSpotifyAccounts::expireAccessTokens(qint64 nowMs)
{
    for (AccessToken &token : m_accessTokens)
        token.expiresAtMs = std::min(token.expiresAtMs, nowMs);
}

void FakeSpotifyAccounts::revokeGrants()
{
    for (Grant &grant : m_grants)
        grant.revoked = true;
}

bool FakeSpotifyAccounts::revokeGrant(const QString &refreshToken)
{
    const auto it = m_refreshTokens.constFind(refreshToken);
    if (it == m_refreshTokens.cend())
        return false;
    m_grants[*it].revoked = true;
    return true;
}

void FakeSpotifyAccounts::ageGrants(qint64 ms)
{
    for (Grant &grant : m_grants)
        grant.authorizedAtMs -= ms;
}

int FakeSpotifyAccounts::tokenRequestCount(const QString &grantType) const
{
    if (!grantType.isEmpty())
        return m_tokenRequests.value(grantType);
    int total = 0;
    for (int count : m_tokenRequests)
        total += count;
    return total;
}

int FakeSpotifyAccounts::grantCount() const
{
    return int(m_grants.size());
}

QStringList FakeSpotifyAccounts::issuedSecrets() const
{
    return m_secrets;
}

QString FakeSpotifyAccounts::newSecret(const char *prefix, int length)
{
    const QString secret = QLatin1String(prefix) + m_random.base62(length);
    m_secrets.append(secret);
    return secret;
}

} // namespace testsupport
