#include "engine/spotify/authorizeurl.h"

namespace engine
{

namespace
{

QByteArray hostLiteral(LoopbackHost host)
{
    return host == LoopbackHost::IPv6 ? QByteArrayLiteral("[::1]") : QByteArrayLiteral("127.0.0.1");
}

bool isLoopbackRedirectUri(const QUrl &uri)
{
    return uri.isValid() && uri.scheme() == QLatin1String("http") && uri.port() > 0
        && (uri.host() == QLatin1String("127.0.0.1") || uri.host() == QLatin1String("::1"))
        && uri.path() == QLatin1String(LoopbackCallbackPath) && !uri.hasQuery() && !uri.hasFragment()
        && uri.userInfo().isEmpty();
}

// Everything but RFC 3986 unreserved characters is escaped, so the value survives any parser on the other
// side (a space becomes %20, never '+').
QByteArray queryValue(QByteArrayView value)
{
    return value.toByteArray().toPercentEncoding();
}

} // namespace

QUrl loopbackRedirectUri(LoopbackHost host, quint16 port)
{
    return QUrl::fromEncoded(QByteArray("http://" + loopbackAuthority(host, port) + LoopbackCallbackPath),
                             QUrl::StrictMode);
}

QByteArray loopbackAuthority(LoopbackHost host, quint16 port)
{
    return hostLiteral(host) + ':' + QByteArray::number(port);
}

QStringList spotifyScopes()
{
    return {
        QStringLiteral("user-read-private"),
        QStringLiteral("user-top-read"),
        QStringLiteral("user-read-recently-played"),
        QStringLiteral("user-library-read"),
        QStringLiteral("user-follow-read"),
        QStringLiteral("playlist-read-private"),
        QStringLiteral("playlist-read-collaborative"),
        QStringLiteral("user-read-playback-state"),
        QStringLiteral("user-read-currently-playing"),
        QStringLiteral("user-modify-playback-state"),
        QStringLiteral("user-library-modify"),
        QStringLiteral("user-follow-modify"),
        QStringLiteral("playlist-modify-public"),
        QStringLiteral("playlist-modify-private"),
    };
}

Result<QUrl> authorizeUrl(const QUrl &accountsUrl, const AuthorizeRequest &request)
{
    if (!accountsUrl.isValid() || accountsUrl.host().isEmpty()) {
        return Error{Error::Code::InvalidInput, QStringLiteral("The Spotify accounts URL is not usable.")};
    }
    if (request.clientId.trimmed().isEmpty()) {
        return Error{Error::Code::InvalidInput, QStringLiteral("Enter the Client ID of your Spotify app first.")};
    }
    if (!isLoopbackRedirectUri(request.redirectUri)) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("The redirect URI must be http://127.0.0.1:<port>/callback or "
                                    "http://[::1]:<port>/callback.")};
    }
    if (request.state.isEmpty() || request.codeChallenge.isEmpty() || request.scopes.isEmpty()) {
        return Error{Error::Code::Internal,
                     QStringLiteral("The sign-in request is missing its state, PKCE challenge or scopes.")};
    }

    const QByteArray query = "client_id=" + queryValue(request.clientId.trimmed().toUtf8())
        + "&response_type=code&redirect_uri=" + queryValue(request.redirectUri.toEncoded())
        + "&scope=" + queryValue(request.scopes.join(QLatin1Char(' ')).toUtf8()) + "&state=" + queryValue(request.state)
        + "&code_challenge_method=S256&code_challenge=" + queryValue(request.codeChallenge);

    QUrl url = accountsUrl.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    url.setPath(url.path(QUrl::FullyEncoded) + QStringLiteral("/authorize"), QUrl::StrictMode);
    // StrictMode keeps our escapes exactly as written: every byte is already either unreserved or %XX.
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    return url;
}

} // namespace engine
