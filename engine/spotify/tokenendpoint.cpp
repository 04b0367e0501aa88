#include "engine/spotify/tokenendpoint.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <utility>

namespace engine
{

namespace
{

using Form = std::initializer_list<std::pair<const char *, QByteArray>>;

// Every byte but the RFC 3986 unreserved characters is escaped, so a '+' or '&' in a code or token reaches the
// server as itself and not as a space or a separator.
QByteArray formEncoded(Form fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty()) {
            body += '&';
        }
        body += QByteArray(name) + '=' + value.toPercentEncoding();
    }
    return body;
}

TokenEndpoint::Reply failure(TokenEndpoint::Failure::Kind kind, QString detail, const spotifyjson::ApiError &error = {})
{
    TokenEndpoint::Reply reply;
    reply.failure = {kind, error.oauthError, error.oauthDescription, std::move(detail)};
    return reply;
}

TokenEndpoint::Reply interpret(QNetworkReply &reply, std::chrono::milliseconds timeout)
{
    using Kind = TokenEndpoint::Failure::Kind;
    // Our own abort() after the transfer timeout is the only cancellation that reaches a caller who cares.
    if (reply.error() == QNetworkReply::OperationCanceledError || reply.error() == QNetworkReply::TimeoutError) {
        return failure(Kind::Unavailable,
                       QStringLiteral("no answer within %1 s").arg(double(timeout.count()) / 1000.0));
    }
    const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        return failure(Kind::Unavailable, reply.errorString());
    }
    const QByteArray body = reply.readAll();
    if (status == 200) {
        auto tokens = spotifyjson::parseTokenResponse(body);
        if (!tokens) {
            return failure(Kind::Unavailable, tokens.error().message);
        }
        TokenEndpoint::Reply ok;
        ok.tokens = std::move(tokens).value();
        return ok;
    }
    const spotifyjson::ApiError error = spotifyjson::parseError(status, body);
    if (error.oauthError == QLatin1String("invalid_grant")) {
        return failure(Kind::InvalidGrant, QStringLiteral("HTTP %1, invalid_grant").arg(status), error);
    }
    if ((status == 400 || status == 401) && !error.oauthError.isEmpty()) {
        return failure(Kind::Rejected, QStringLiteral("HTTP %1, %2").arg(status).arg(error.oauthError), error);
    }
    return failure(Kind::Unavailable, QStringLiteral("Spotify answered HTTP %1").arg(status), error);
}

} // namespace

TokenEndpoint::TokenEndpoint(QNetworkAccessManager *network,
                             const QUrl &accountsUrl,
                             const QString &clientId,
                             std::chrono::milliseconds timeout)
    : m_network(network)
    , m_accountsUrl(accountsUrl)
    , m_clientId(clientId.trimmed())
    , m_timeout(timeout)
{
}

QUrl TokenEndpoint::accountsUrl() const
{
    return m_accountsUrl;
}

QString TokenEndpoint::clientId() const
{
    return m_clientId;
}

QNetworkReply *TokenEndpoint::exchangeCode(const QByteArray &code,
                                           const QUrl &redirectUri,
                                           const QByteArray &verifier,
                                           QObject *context,
                                           Callback done) const
{
    return post(formEncoded({{"grant_type", QByteArrayLiteral("authorization_code")},
                             {"code", code},
                             {"redirect_uri", redirectUri.toEncoded()},
                             {"client_id", m_clientId.toUtf8()},
                             {"code_verifier", verifier}}),
                context,
                std::move(done));
}

QNetworkReply *TokenEndpoint::refresh(const QByteArray &refreshToken, QObject *context, Callback done) const
{
    return post(formEncoded({{"grant_type", QByteArrayLiteral("refresh_token")},
                             {"refresh_token", refreshToken},
                             {"client_id", m_clientId.toUtf8()}}),
                context,
                std::move(done));
}

QNetworkReply *TokenEndpoint::post(const QByteArray &form, QObject *context, Callback done) const
{
    QUrl url = m_accountsUrl;
    url.setPath(url.path() + QStringLiteral("/api/token"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setTransferTimeout(int(m_timeout.count()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // Tokens never go to a disk cache, whatever cache the application gives its network manager.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);

    QNetworkReply *reply = m_network->post(request, form);
    // Deleted even when `context` is gone before the answer.
    QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, timeout = m_timeout, done = std::move(done)] {
        done(interpret(*reply, timeout));
    });
    return reply;
}

} // namespace engine
