#include "tests/support/spotify/fakespotify.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

#include <memory>

using testsupport::FakeSpotify;
using testsupport::FakeSpotifyFault;

Q_DECLARE_METATYPE(testsupport::FakeSpotifyFault)

namespace
{

using namespace std::chrono_literals;

constexpr int replyTimeoutMs = 10000;
const auto day = std::chrono::milliseconds(24LL * 3600 * 1000);

struct Reply {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QList<QNetworkReply::RawHeaderPair> headers;

    QJsonObject object() const
    {
        return QJsonDocument::fromJson(body).object();
    }
    QJsonArray array() const
    {
        return QJsonDocument::fromJson(body).array();
    }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return header.second;
        }
        return {};
    }
};

// JSON re-serialised with sorted keys, so that bodies compare by content and failures print readably.
QByteArray canonical(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    return document.isNull() ? json : document.toJson(QJsonDocument::Compact);
}

QByteArray form(const QList<QPair<QString, QString>> &fields)
{
    QByteArray out;
    for (const auto &field : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(field.first) + '=' + QUrl::toPercentEncoding(field.second);
    }
    return out;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString challengeFor(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString queryValue(const QUrl &url, const QString &key)
{
    return QUrlQuery(url).queryItemValue(key, QUrl::FullyDecoded);
}

} // namespace

class TestFakeSpotify : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void generatedLibraryLooksReal();
    void sameSeedSameData();

    void pkceSignIn();
    void tokenExchangeRejections_data();
    void tokenExchangeRejections();
    void authorizeRedirectUris_data();
    void authorizeRedirectUris();
    void authorizeDenied();
    void authorizeRequiresS256();
    void refreshTokensRotate();
    void refreshWithoutRotationKeepsOldToken();
    void refreshTokenExpiresSixMonthsAfterSignIn();
    void revokedGrant();
    void unauthorized_data();
    void unauthorized();
    void insufficientScope();
    void requestLogShowsNoClientSecret();

    void offsetPagingReachesTotal_data();
    void offsetPagingReachesTotal();
    void invalidPaging_data();
    void invalidPaging();
    void recentlyPlayedCursorPaging();
    void recentlyPlayedShowsNewPlays();
    void followedArtistsCursorPaging();

    void removedEndpoints_data();
    void removedEndpoints();
    void removedEndpointsCanAnswerForbidden();
    void deprecatedFieldsByProfile();
    void playlistItemsAccess();
    void searchLimits();

    void scriptedFaults_data();
    void scriptedFaults();
    void playerReasonFaults_data();
    void playerReasonFaults();
    void faultsCountDown();
    void slowResponseDoesNotBlockOthers();

    void playerStateMachine();
    void playerCommandsNeedPremium_data();
    void playerCommandsNeedPremium();
    void noActiveDevice();
    void playbackBecomesHistory();

    void libraryContainsSaveRemove();
    void libraryUriValidation();
    void createPlaylistAndEditItems();

private:
    Reply send(const QByteArray &method,
               const QUrl &url,
               const QByteArray &body = {},
               const QByteArray &contentType = {},
               const QByteArray &authorization = {});
    Reply api(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {});
    Reply apiWith(const QByteArray &authorization, const QString &pathAndQuery);
    Reply token(const QList<QPair<QString, QString>> &fields);
    QUrl authorizeUrl(const QString &redirectUri,
                      const QString &verifier,
                      const QString &state = QStringLiteral("st4te")) const;
    QString authorizationCode(const QString &redirectUri, const QString &verifier);
    QStringList followAll(const QString &firstPage, const QString &wrapper, int *total);
    void restartWith(const FakeSpotify::Options &options);

    std::unique_ptr<FakeSpotify> m_spotify;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    QString m_token;
    const QString m_redirect = QStringLiteral("http://127.0.0.1:43117/callback");
    const QString m_verifier = QStringLiteral("Vq2~-_.aLongEnoughVerifierWithAllowedCharacters0123456789");
};

void TestFakeSpotify::init()
{
    restartWith(FakeSpotify::Options());
}

void TestFakeSpotify::cleanup()
{
    m_nam.reset();
    m_spotify.reset();
}

void TestFakeSpotify::restartWith(const FakeSpotify::Options &options)
{
    m_nam.reset();
    m_spotify = std::make_unique<FakeSpotify>(options);
    QVERIFY(m_spotify->start());
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_nam->setProxy(QNetworkProxy::NoProxy);
    m_token = m_spotify->issueTokens().accessToken;
}

Reply TestFakeSpotify::send(const QByteArray &method,
                            const QUrl &url,
                            const QByteArray &body,
                            const QByteArray &contentType,
                            const QByteArray &authorization)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    QNetworkReply *reply = m_nam->sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(replyTimeoutMs))
        qWarning("no reply to %s %s", method.constData(), qPrintable(url.toString()));
    Reply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    out.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return out;
}

Reply TestFakeSpotify::api(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body)
{
    return send(method,
                QUrl(m_spotify->apiUrl().toString() + pathAndQuery),
                body,
                body.isEmpty() ? QByteArray() : QByteArrayLiteral("application/json"),
                "Bearer " + m_token.toLatin1());
}

Reply TestFakeSpotify::apiWith(const QByteArray &authorization, const QString &pathAndQuery)
{
    return send("GET", QUrl(m_spotify->apiUrl().toString() + pathAndQuery), {}, {}, authorization);
}

Reply TestFakeSpotify::token(const QList<QPair<QString, QString>> &fields)
{
    return send("POST", m_spotify->tokenUrl(), form(fields), QByteArrayLiteral("application/x-www-form-urlencoded"));
}

QUrl TestFakeSpotify::authorizeUrl(const QString &redirectUri, const QString &verifier, const QString &state) const
{
    QUrl url = m_spotify->authorizeUrl();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("client_id"), QStringLiteral("tunescout-test-client"));
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("redirect_uri"), QString::fromLatin1(QUrl::toPercentEncoding(redirectUri)));
    query.addQueryItem(QStringLiteral("scope"), QStringLiteral("user-read-private%20user-top-read"));
    query.addQueryItem(QStringLiteral("state"), state);
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    query.addQueryItem(QStringLiteral("code_challenge"), challengeFor(verifier));
    url.setQuery(query);
    return url;
}

QString TestFakeSpotify::authorizationCode(const QString &redirectUri, const QString &verifier)
{
    const Reply reply = send("GET", authorizeUrl(redirectUri, verifier));
    if (reply.status != 302)
        return {};
    return queryValue(QUrl(QString::fromUtf8(reply.header("Location"))), QStringLiteral("code"));
}

// Follows `next` from the first page to the end; returns the IDs of every item.
QStringList TestFakeSpotify::followAll(const QString &firstPage, const QString &wrapper, int *total)
{
    QStringList ids;
    QUrl url(m_spotify->apiUrl().toString() + firstPage);
    for (int pages = 0; pages < 200 && url.isValid(); ++pages) {
        if (url.host() != QLatin1String("127.0.0.1") || url.port() != m_spotify->port()) {
            qWarning("next link leaves the fake: %s", qPrintable(url.toString()));
            return {};
        }
        const Reply reply = send("GET", url, {}, {}, "Bearer " + m_token.toLatin1());
        if (reply.status != 200) {
            qWarning("%d from %s", reply.status, qPrintable(url.toString()));
            return {};
        }
        const QJsonObject page = wrapper.isEmpty() ? reply.object() : reply.object().value(wrapper).toObject();
        *total = page.value(QStringLiteral("total")).toInt();
        for (const QJsonValue &item : page.value(QStringLiteral("items")).toArray()) {
            // Saved items and playlist items wrap the object; the others are the object.
            const QJsonObject object = item.toObject();
            QString id = object.value(QStringLiteral("id")).toString();
            for (const QString &key : {QStringLiteral("track"), QStringLiteral("item"), QStringLiteral("album")}) {
                if (id.isEmpty() && object.contains(key))
                    id = object.value(key).toObject().value(QStringLiteral("id")).toString();
            }
            ids.append(id);
        }
        url = QUrl(page.value(QStringLiteral("next")).toString());
    }
    return ids;
}

void TestFakeSpotify::generatedLibraryLooksReal()
{
    m_spotify->withLibrary([](testsupport::FakeSpotifyLibrary &library) {
        QCOMPARE(library.artists.size(), 300);
        QVERIFY(library.tracks.size() >= 3000);
        QVERIFY(library.tracks.size() < 3100);
        QCOMPARE(library.savedTracks.size(), 500);
        QCOMPARE(library.followedArtistIds.size(), 80);
        QVERIFY(library.myPlaylistIds.size() >= 20);
        QVERIFY(library.plays.size() > 1000);
        static const QRegularExpression isrc(QStringLiteral("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$"));
        QSet<QString> names;
        for (const testsupport::FakeSpotifyTrack &track : std::as_const(library.tracks)) {
            QVERIFY2(testsupport::isSpotifyId(track.id), qPrintable(track.id));
            QVERIFY2(isrc.match(track.isrc).hasMatch(), qPrintable(track.isrc));
            QVERIFY(track.durationMs > 60000);
            QVERIFY(!track.name.startsWith(QLatin1String("Track ")));
            names.insert(track.name);
        }
        // Compilations repeat their recordings' names, and some titles recur across artists as in life.
        QVERIFY2(names.size() > library.tracks.size() * 7 / 10, "track names should rarely repeat");
        for (qsizetype i = 1; i < library.plays.size(); ++i)
            QVERIFY(library.plays.at(i - 1).playedAtMs <= library.plays.at(i).playedAtMs);
        QVERIFY(!library.me.accountId.isEmpty());
    });
}

void TestFakeSpotify::sameSeedSameData()
{
    FakeSpotify::Options options;
    options.startTime = QDateTime(QDate(2026, 6, 1), QTime(12, 0), QTimeZone::utc());
    FakeSpotify first(options);
    FakeSpotify second(options);
    QStringList a;
    QStringList b;
    first.withLibrary([&a](testsupport::FakeSpotifyLibrary &library) {
        for (const auto &play : std::as_const(library.plays))
            a.append(play.trackId + QString::number(play.playedAtMs));
    });
    second.withLibrary([&b](testsupport::FakeSpotifyLibrary &library) {
        for (const auto &play : std::as_const(library.plays))
            b.append(play.trackId + QString::number(play.playedAtMs));
    });
    QCOMPARE(a, b);
}

void TestFakeSpotify::pkceSignIn()
{
    const Reply authorize = send("GET", authorizeUrl(m_redirect, m_verifier, QStringLiteral("abc123")));
    QCOMPARE(authorize.status, 302);
    const QUrl location(QString::fromUtf8(authorize.header("Location")));
    QCOMPARE(location.adjusted(QUrl::RemoveQuery).toString(), m_redirect);
    QCOMPARE(queryValue(location, QStringLiteral("state")), QStringLiteral("abc123"));
    const QString code = queryValue(location, QStringLiteral("code"));
    QVERIFY(!code.isEmpty());

    const Reply exchange = token({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                                  {QStringLiteral("code"), code},
                                  {QStringLiteral("redirect_uri"), m_redirect},
                                  {QStringLiteral("client_id"), QStringLiteral("tunescout-test-client")},
                                  {QStringLiteral("code_verifier"), m_verifier}});
    QCOMPARE(exchange.status, 200);
    const QJsonObject tokens = exchange.object();
    QCOMPARE(tokens.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(tokens.value(QStringLiteral("expires_in")).toInt(), 3600);
    QCOMPARE(tokens.value(QStringLiteral("scope")).toString(), QStringLiteral("user-read-private user-top-read"));
    QVERIFY(!tokens.value(QStringLiteral("refresh_token")).toString().isEmpty());
    QCOMPARE(m_spotify->tokenRequestCount(QStringLiteral("authorization_code")), 1);

    m_token = tokens.value(QStringLiteral("access_token")).toString();
    QCOMPARE(api("GET", QStringLiteral("/me")).status, 200);
    QCOMPARE(api("GET", QStringLiteral("/me/top/tracks")).status, 200);
    // The sign-in granted only two scopes.
    QCOMPARE(api("GET", QStringLiteral("/me/tracks")).status, 403);
}

enum class Exchange {
    WrongVerifier,
    ReusedCode,
    RedirectMismatch,
    MissingVerifier,
    UnknownClient,
    MissingClient,
    JsonBody,
    UnknownGrant
};
Q_DECLARE_METATYPE(Exchange)

void TestFakeSpotify::tokenExchangeRejections_data()
{
    QTest::addColumn<Exchange>("exchange");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("wrong-verifier")
        << Exchange::WrongVerifier
        << QByteArrayLiteral(R"({"error":"invalid_grant","error_description":"code_verifier was incorrect"})");
    QTest::addRow("reused-code")
        << Exchange::ReusedCode
        << QByteArrayLiteral(R"({"error":"invalid_grant","error_description":"Invalid authorization code"})");
    QTest::addRow("redirect-mismatch")
        << Exchange::RedirectMismatch
        << QByteArrayLiteral(R"({"error":"invalid_grant","error_description":"Invalid redirect URI"})");
    QTest::addRow("missing-verifier")
        << Exchange::MissingVerifier
        << QByteArrayLiteral(R"({"error":"invalid_request","error_description":"code_verifier required"})");
    QTest::addRow("unknown-client") << Exchange::UnknownClient
                                    << QByteArrayLiteral(
                                           R"({"error":"invalid_client","error_description":"Invalid client"})");
    QTest::addRow("missing-client")
        << Exchange::MissingClient
        << QByteArrayLiteral(R"({"error":"invalid_request","error_description":"client_id must be supplied"})");
    QTest::addRow("json-body")
        << Exchange::JsonBody
        << QByteArrayLiteral(
               R"({"error":"unsupported_grant_type","error_description":"grant_type parameter is missing"})");
    QTest::addRow("unknown-grant")
        << Exchange::UnknownGrant
        << QByteArrayLiteral(
               R"({"error":"unsupported_grant_type","error_description":"grant_type must be client_credentials, authorization_code or refresh_token"})");
}

void TestFakeSpotify::tokenExchangeRejections()
{
    QFETCH(Exchange, exchange);
    QFETCH(QByteArray, expected);

    const QString code = authorizationCode(m_redirect, m_verifier);
    QVERIFY(!code.isEmpty());
    QList<QPair<QString, QString>> fields{{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                                          {QStringLiteral("code"), code},
                                          {QStringLiteral("redirect_uri"), m_redirect},
                                          {QStringLiteral("client_id"), QStringLiteral("tunescout-test-client")},
                                          {QStringLiteral("code_verifier"), m_verifier}};
    Reply reply;
    switch (exchange) {
    case Exchange::WrongVerifier:
        fields[4].second = m_verifier + QLatin1Char('x');
        reply = token(fields);
        break;
    case Exchange::ReusedCode:
        QCOMPARE(token(fields).status, 200);
        reply = token(fields);
        break;
    case Exchange::RedirectMismatch:
        fields[2].second = QStringLiteral("http://127.0.0.1:43118/callback");
        reply = token(fields);
        break;
    case Exchange::MissingVerifier:
        fields.removeLast();
        reply = token(fields);
        break;
    case Exchange::UnknownClient:
        fields[3].second = QStringLiteral("someone-else");
        reply = token(fields);
        break;
    case Exchange::MissingClient:
        fields.removeAt(3);
        reply = token(fields);
        break;
    case Exchange::JsonBody:
        reply = send("POST",
                     m_spotify->tokenUrl(),
                     json({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")}}),
                     "application/json");
        break;
    case Exchange::UnknownGrant:
        fields[0].second = QStringLiteral("password");
        reply = token(fields);
        break;
    }
    QCOMPARE(reply.status, 400);
    QCOMPARE(canonical(reply.body), canonical(expected));
}

void TestFakeSpotify::authorizeRedirectUris_data()
{
    QTest::addColumn<QString>("redirectUri");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("ipv4-loopback") << QStringLiteral("http://127.0.0.1:51234/callback") << true;
    QTest::addRow("ipv6-loopback") << QStringLiteral("http://[::1]:51234/callback") << true;
    QTest::addRow("no-port") << QStringLiteral("http://127.0.0.1/callback") << true;
    QTest::addRow("localhost") << QStringLiteral("http://localhost:51234/callback") << false;
    QTest::addRow("other-path") << QStringLiteral("http://127.0.0.1:51234/oauth-callback") << false;
    QTest::addRow("https-elsewhere") << QStringLiteral("https://example.org/callback") << false;
    QTest::addRow("lookalike-host") << QStringLiteral("http://127.0.0.1.example.org/callback") << false;
}

void TestFakeSpotify::authorizeRedirectUris()
{
    QFETCH(QString, redirectUri);
    QFETCH(bool, accepted);
    const Reply reply = send("GET", authorizeUrl(redirectUri, m_verifier));
    if (accepted) {
        QCOMPARE(reply.status, 302);
        QVERIFY(reply.header("Location").startsWith(QByteArray(redirectUri.toUtf8() + "?code=")));
    } else {
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.body.contains("INVALID_CLIENT: Invalid redirect URI"));
        QVERIFY(reply.header("Location").isEmpty());
    }
}

void TestFakeSpotify::authorizeDenied()
{
    m_spotify->setConsent(FakeSpotify::Consent::Deny);
    const Reply reply = send("GET", authorizeUrl(m_redirect, m_verifier, QStringLiteral("xyz")));
    QCOMPARE(reply.status, 302);
    const QUrl location(QString::fromUtf8(reply.header("Location")));
    QCOMPARE(queryValue(location, QStringLiteral("error")), QStringLiteral("access_denied"));
    QCOMPARE(queryValue(location, QStringLiteral("state")), QStringLiteral("xyz"));
    QVERIFY(!QUrlQuery(location).hasQueryItem(QStringLiteral("code")));
}

void TestFakeSpotify::authorizeRequiresS256()
{
    QUrl url = authorizeUrl(m_redirect, m_verifier);
    QUrlQuery query(url);
    query.removeQueryItem(QStringLiteral("code_challenge_method"));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("plain"));
    url.setQuery(query);
    const Reply reply = send("GET", url);
    QCOMPARE(reply.status, 302);
    QCOMPARE(queryValue(QUrl(QString::fromUtf8(reply.header("Location"))), QStringLiteral("error")),
             QStringLiteral("invalid_request"));
}

void TestFakeSpotify::refreshTokensRotate()
{
    const FakeSpotify::Tokens tokens = m_spotify->issueTokens();
    auto refresh = [this](const QString &refreshToken) {
        return token({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                      {QStringLiteral("refresh_token"), refreshToken},
                      {QStringLiteral("client_id"), QStringLiteral("tunescout-test-client")}});
    };
    const Reply first = refresh(tokens.refreshToken);
    QCOMPARE(first.status, 200);
    const QString rotated = first.object().value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!rotated.isEmpty());
    QVERIFY(rotated != tokens.refreshToken);

    const Reply reused = refresh(tokens.refreshToken);
    QCOMPARE(reused.status, 400);
    QCOMPARE(canonical(reused.body),
             canonical(R"({"error":"invalid_grant","error_description":"Invalid refresh token"})"));

    QCOMPARE(refresh(rotated).status, 200);
    QCOMPARE(refresh(rotated).status, 400);
    QCOMPARE(m_spotify->tokenRequestCount(QStringLiteral("refresh_token")), 4);

    // The old access token stays valid until it expires; the new one works too.
    m_token = first.object().value(QStringLiteral("access_token")).toString();
    QCOMPARE(api("GET", QStringLiteral("/me")).status, 200);
}

void TestFakeSpotify::refreshWithoutRotationKeepsOldToken()
{
    m_spotify->setRotateRefreshTokens(false);
    const FakeSpotify::Tokens tokens = m_spotify->issueTokens();
    for (int i = 0; i < 3; ++i) {
        const Reply reply = token({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                   {QStringLiteral("refresh_token"), tokens.refreshToken},
                                   {QStringLiteral("client_id"), QStringLiteral("tunescout-test-client")}});
        QCOMPARE(reply.status, 200);
        QVERIFY(!reply.object().contains(QStringLiteral("refresh_token")));
        QVERIFY(!reply.object().value(QStringLiteral("access_token")).toString().isEmpty());
    }
}

void TestFakeSpotify::refreshTokenExpiresSixMonthsAfterSignIn()
{
    FakeSpotify::Options options;
    options.startTime = QDateTime(QDate(2026, 1, 10), QTime(9, 0), QTimeZone::utc());
    restartWith(options);
    QString refreshToken = m_spotify->issueTokens().refreshToken;
    auto refresh = [this, &refreshToken]() {
        const Reply reply = token({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                   {QStringLiteral("refresh_token"), refreshToken},
                                   {QStringLiteral("client_id"), QStringLiteral("tunescout-test-client")}});
        if (reply.status == 200)
            refreshToken = reply.object().value(QStringLiteral("refresh_token")).toString();
        return reply;
    };
    m_spotify->advanceClock(90 * day);
    QCOMPARE(refresh().status, 200);
    m_spotify->advanceClock(85 * day); // 2026-07-05: refreshing did not extend the lifetime
    QCOMPARE(refresh().status, 200);
    m_spotify->advanceClock(6 * day); // 2026-07-11: past 6 months from sign-in
    const Reply expired = refresh();
    QCOMPARE(expired.status, 400);
    QCOMPARE(expired.object().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));

    // ageGrants() reaches the same state without moving the clock.
    restartWith(FakeSpotify::Options());
    refreshToken = m_spotify->issueTokens().refreshToken;
    m_spotify->ageGrants(190 * day);
    QCOMPARE(refresh().status, 400);
}

void TestFakeSpotify::revokedGrant()
{
    const FakeSpotify::Tokens revoked = m_spotify->issueTokens();
    const FakeSpotify::Tokens kept = m_spotify->issueTokens();
    QVERIFY(m_spotify->revokeGrant(revoked.refreshToken));
    auto refresh = [this](const QString &refreshToken) {
        return token({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                      {QStringLiteral("refresh_token"), refreshToken},
                      {QStringLiteral("client_id"), QStringLiteral("tunescout-test-client")}});
    };
    const Reply refused = refresh(revoked.refreshToken);
    QCOMPARE(refused.status, 400);
    QCOMPARE(canonical(refused.body),
             canonical(R"({"error":"invalid_grant","error_description":"Refresh token revoked"})"));
    m_token = revoked.accessToken;
    const Reply call = api("GET", QStringLiteral("/me"));
    QCOMPARE(call.status, 401);
    QCOMPARE(canonical(call.body), canonical(R"({"error":{"status":401,"message":"Invalid access token"}})"));

    QCOMPARE(refresh(kept.refreshToken).status, 200);
    m_spotify->revokeGrants();
    m_token = kept.accessToken;
    QCOMPARE(api("GET", QStringLiteral("/me")).status, 401);
}

enum class Credentials { None, Unknown, Expired, TimedOut, Basic };
Q_DECLARE_METATYPE(Credentials)

void TestFakeSpotify::unauthorized_data()
{
    QTest::addColumn<Credentials>("credentials");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("no-token") << Credentials::None << 401
                              << QByteArrayLiteral(R"({"error":{"status":401,"message":"No token provided"}})");
    QTest::addRow("unknown-token") << Credentials::Unknown << 401
                                   << QByteArrayLiteral(R"({"error":{"status":401,"message":"Invalid access token"}})");
    QTest::addRow("expired-by-hook") << Credentials::Expired << 401
                                     << QByteArrayLiteral(
                                            R"({"error":{"status":401,"message":"The access token expired"}})");
    QTest::addRow("expired-by-time") << Credentials::TimedOut << 401
                                     << QByteArrayLiteral(
                                            R"({"error":{"status":401,"message":"The access token expired"}})");
    QTest::addRow("basic-auth")
        << Credentials::Basic << 400
        << QByteArrayLiteral(R"({"error":{"status":400,"message":"Only valid bearer authentication supported"}})");
}

void TestFakeSpotify::unauthorized()
{
    QFETCH(Credentials, credentials);
    QFETCH(int, status);
    QFETCH(QByteArray, expected);
    QByteArray authorization = "Bearer " + m_token.toLatin1();
    switch (credentials) {
    case Credentials::None:
        authorization.clear();
        break;
    case Credentials::Unknown:
        authorization = "Bearer BQnot-a-token";
        break;
    case Credentials::Expired:
        m_spotify->expireAccessTokens();
        break;
    case Credentials::TimedOut:
        m_spotify->advanceClock(3601s);
        break;
    case Credentials::Basic:
        authorization = "Basic " + QByteArrayLiteral("client:secret").toBase64();
        break;
    }
    const Reply reply = apiWith(authorization, QStringLiteral("/me"));
    QCOMPARE(reply.status, status);
    QCOMPARE(canonical(reply.body), canonical(expected));
}

void TestFakeSpotify::insufficientScope()
{
    m_token = m_spotify->issueTokens(QStringLiteral("user-read-private")).accessToken;
    QCOMPARE(api("GET", QStringLiteral("/me")).status, 200);
    const Reply reply = api("GET", QStringLiteral("/me/player/recently-played"));
    QCOMPARE(reply.status, 403);
    QCOMPARE(canonical(reply.body), canonical(R"({"error":{"status":403,"message":"Insufficient client scope"}})"));
}

void TestFakeSpotify::requestLogShowsNoClientSecret()
{
    const QString code = authorizationCode(m_redirect, m_verifier);
    QCOMPARE(token({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                    {QStringLiteral("code"), code},
                    {QStringLiteral("redirect_uri"), m_redirect},
                    {QStringLiteral("client_id"), QStringLiteral("tunescout-test-client")},
                    {QStringLiteral("code_verifier"), m_verifier}})
                 .status,
             200);
    QCOMPARE(api("GET", QStringLiteral("/playlists/0000000000000000000000/items")).status, 404);

    QCOMPARE(m_spotify->requestCount("POST", QStringLiteral("^/api/token$")), 1);
    QCOMPARE(m_spotify->requestCount("GET", QStringLiteral("^/authorize$")), 1);
    const auto log = m_spotify->requests();
    QCOMPARE(log.size(), 3);
    const auto &tokenRequest = log.at(1);
    QCOMPARE(tokenRequest.operation, QStringLiteral("POST /api/token"));
    QCOMPARE(tokenRequest.status, 200);
    QCOMPARE(tokenRequest.request.formValue(QStringLiteral("grant_type")), QStringLiteral("authorization_code"));
    QVERIFY(!tokenRequest.request.hasFormValue(QStringLiteral("client_secret")));
    QVERIFY(!tokenRequest.request.hasHeader("Authorization"));
    QCOMPARE(log.at(2).operation, QStringLiteral("GET /playlists/{playlist_id}/items"));
    QVERIFY(m_spotify->issuedSecrets().contains(code));
}

void TestFakeSpotify::offsetPagingReachesTotal_data()
{
    QTest::addColumn<QString>("firstPage");
    QTest::addColumn<int>("expectedTotal"); // -1: whatever the first page says
    QTest::addRow("saved-tracks") << QStringLiteral("/me/tracks?limit=50") << 500;
    QTest::addRow("saved-albums") << QStringLiteral("/me/albums?limit=7") << 40;
    QTest::addRow("playlists") << QStringLiteral("/me/playlists?limit=10") << -1;
    QTest::addRow("top-tracks-long") << QStringLiteral("/me/top/tracks?time_range=long_term&limit=50") << 99;
    QTest::addRow("top-artists-short") << QStringLiteral("/me/top/artists?time_range=short_term&limit=20") << -1;
    QTest::addRow("album-tracks") << QStringLiteral("/albums/{album}/tracks?limit=2") << -1;
}

void TestFakeSpotify::offsetPagingReachesTotal()
{
    QFETCH(QString, firstPage);
    QFETCH(int, expectedTotal);
    QString album;
    m_spotify->withLibrary([&album](testsupport::FakeSpotifyLibrary &library) {
        for (const auto &candidate : std::as_const(library.albums)) {
            if (candidate.trackIds.size() > 6) {
                album = candidate.id;
                break;
            }
        }
    });
    firstPage.replace(QStringLiteral("{album}"), album);
    int total = -1;
    const QStringList ids = followAll(firstPage, {}, &total);
    QVERIFY(total > 0);
    if (expectedTotal >= 0)
        QCOMPARE(total, expectedTotal);
    QCOMPARE(ids.size(), total);
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size());
}

void TestFakeSpotify::invalidPaging_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("message");
    QTest::addRow("limit-zero") << QStringLiteral("limit=0") << QStringLiteral("Invalid limit");
    QTest::addRow("limit-51") << QStringLiteral("limit=51") << QStringLiteral("Invalid limit");
    QTest::addRow("limit-text") << QStringLiteral("limit=ten") << QStringLiteral("Invalid limit");
    QTest::addRow("offset-negative") << QStringLiteral("offset=-5") << QStringLiteral("Invalid offset");
}

void TestFakeSpotify::invalidPaging()
{
    QFETCH(QString, query);
    QFETCH(QString, message);
    for (const QString &path :
         {QStringLiteral("/me/tracks"), QStringLiteral("/me/playlists"), QStringLiteral("/me/top/artists")}) {
        const Reply reply = api("GET", path + QLatin1Char('?') + query);
        QCOMPARE(reply.status, 400);
        const QJsonObject expected{
            {QStringLiteral("error"),
             QJsonObject{{QStringLiteral("status"), 400}, {QStringLiteral("message"), message}}}};
        QCOMPARE(canonical(reply.body), json(expected));
    }
    const Reply recent = api("GET", QStringLiteral("/me/player/recently-played?limit=51"));
    QCOMPARE(recent.status, 400);
}

void TestFakeSpotify::recentlyPlayedCursorPaging()
{
    QList<qint64> playedAt;
    QString next = QStringLiteral("/me/player/recently-played?limit=20");
    int total = 0;
    for (int pages = 0; pages < 10 && !next.isEmpty(); ++pages) {
        const Reply reply = api("GET", next);
        QCOMPARE(reply.status, 200);
        const QJsonObject page = reply.object();
        total = page.value(QStringLiteral("total")).toInt();
        const QJsonArray items = page.value(QStringLiteral("items")).toArray();
        for (const QJsonValue &item : items)
            playedAt.append(QDateTime::fromString(item[QStringLiteral("played_at")].toString(), Qt::ISODateWithMs)
                                .toMSecsSinceEpoch());
        const QJsonObject cursors = page.value(QStringLiteral("cursors")).toObject();
        QCOMPARE(cursors.value(QStringLiteral("before")).toString().toLongLong(), playedAt.last());
        const QString url = page.value(QStringLiteral("next")).toString();
        next = url.isEmpty() ? QString() : url.mid(m_spotify->apiUrl().toString().size());
        if (!url.isEmpty())
            QVERIFY(url.startsWith(m_spotify->apiUrl().toString()));
    }
    QCOMPARE(total, 50);
    QCOMPARE(playedAt.size(), 50);
    for (qsizetype i = 1; i < playedAt.size(); ++i)
        QVERIFY(playedAt.at(i - 1) > playedAt.at(i));

    // Only the last 50 plays are reachable, however far back a cursor points.
    const Reply older = api("GET", QStringLiteral("/me/player/recently-played?before=%1").arg(playedAt.last()));
    QCOMPARE(older.object().value(QStringLiteral("items")).toArray().size(), 0);
    QVERIFY(older.object().value(QStringLiteral("next")).isNull());
    QVERIFY(older.object().value(QStringLiteral("cursors")).isNull());

    const Reply newer = api("GET", QStringLiteral("/me/player/recently-played?after=%1").arg(playedAt.first()));
    QCOMPARE(newer.object().value(QStringLiteral("items")).toArray().size(), 0);

    const Reply both = api("GET", QStringLiteral("/me/player/recently-played?after=1&before=2"));
    QCOMPARE(both.status, 400);
}

void TestFakeSpotify::recentlyPlayedShowsNewPlays()
{
    const Reply before = api("GET", QStringLiteral("/me/player/recently-played?limit=1"));
    const QString newest = before.object()[QStringLiteral("cursors")][QStringLiteral("after")].toString();
    QString trackId;
    m_spotify->withLibrary([&trackId](testsupport::FakeSpotifyLibrary &library) {
        trackId = library.tracks.at(42).id;
    });
    m_spotify->appendPlay(trackId);
    m_spotify->appendPlay(trackId, QStringLiteral("spotify:album:0000000000000000000000"));

    const Reply after = api("GET", QStringLiteral("/me/player/recently-played?after=%1").arg(newest));
    QCOMPARE(after.status, 200);
    const QJsonArray items = after.object().value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0)[QStringLiteral("track")][QStringLiteral("id")].toString(), trackId);
    QCOMPARE(items.at(0)[QStringLiteral("context")][QStringLiteral("type")].toString(), QStringLiteral("album"));
    QVERIFY(items.at(1)[QStringLiteral("context")].isNull());
}

void TestFakeSpotify::followedArtistsCursorPaging()
{
    int total = 0;
    const QStringList ids =
        followAll(QStringLiteral("/me/following?type=artist&limit=20"), QStringLiteral("artists"), &total);
    QCOMPARE(total, 80);
    QCOMPARE(ids.size(), 80);
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 80);

    const Reply first = api("GET", QStringLiteral("/me/following?type=artist&limit=20"));
    const QJsonObject page = first.object().value(QStringLiteral("artists")).toObject();
    QCOMPARE(page[QStringLiteral("cursors")][QStringLiteral("after")].toString(), ids.at(19));
    QVERIFY(page.value(QStringLiteral("next")).toString().contains(QStringLiteral("after=") + ids.at(19)));
    const Reply last = api("GET", QStringLiteral("/me/following?type=artist&limit=20&after=%1").arg(ids.at(59)));
    const QJsonObject lastPage = last.object().value(QStringLiteral("artists")).toObject();
    QCOMPARE(lastPage.value(QStringLiteral("items")).toArray().size(), 20);
    QVERIFY(lastPage.value(QStringLiteral("next")).isNull());
    QVERIFY(lastPage[QStringLiteral("cursors")][QStringLiteral("after")].isNull());
    QCOMPARE(api("GET", QStringLiteral("/me/following?type=user")).status, 400);
}

void TestFakeSpotify::removedEndpoints_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("extendedStatus");
    QTest::addRow("recommendations") << QByteArrayLiteral("GET")
                                     << QStringLiteral("/recommendations?seed_artists={artist}") << 200;
    QTest::addRow("related-artists") << QByteArrayLiteral("GET") << QStringLiteral("/artists/{artist}/related-artists")
                                     << 200;
    QTest::addRow("artist-top-tracks") << QByteArrayLiteral("GET") << QStringLiteral("/artists/{artist}/top-tracks")
                                       << 200;
    QTest::addRow("audio-features") << QByteArrayLiteral("GET") << QStringLiteral("/audio-features/{track}") << 200;
    QTest::addRow("batch-tracks") << QByteArrayLiteral("GET") << QStringLiteral("/tracks?ids={track}") << 200;
    QTest::addRow("batch-artists") << QByteArrayLiteral("GET") << QStringLiteral("/artists?ids={artist}") << 200;
    QTest::addRow("new-releases") << QByteArrayLiteral("GET") << QStringLiteral("/browse/new-releases") << 200;
    QTest::addRow("users") << QByteArrayLiteral("GET") << QStringLiteral("/users/spotify") << 200;
    QTest::addRow("save-tracks") << QByteArrayLiteral("PUT") << QStringLiteral("/me/tracks?ids={track}") << 200;
    QTest::addRow("playlist-tracks") << QByteArrayLiteral("GET") << QStringLiteral("/playlists/{playlist}/tracks")
                                     << 200;
    QTest::addRow("audio-analysis") << QByteArrayLiteral("GET") << QStringLiteral("/audio-analysis/{track}") << 404;
}

void TestFakeSpotify::removedEndpoints()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, extendedStatus);
    m_spotify->withLibrary([&path](testsupport::FakeSpotifyLibrary &library) {
        path.replace(QStringLiteral("{artist}"), library.artists.first().id);
        path.replace(QStringLiteral("{track}"), library.tracks.first().id);
        path.replace(QStringLiteral("{playlist}"), library.myPlaylistIds.last());
    });
    const Reply removed = api(method, path);
    QCOMPARE(removed.status, 404);
    QCOMPARE(canonical(removed.body), canonical(R"({"error":{"status":404,"message":"Service not found"}})"));
    QVERIFY(m_spotify->removedOperations().contains(
        QString::fromLatin1(method) + QLatin1Char(' ')
        + m_spotify->operationPath(method, QStringLiteral("/v1") + QUrl(path).path())));

    m_spotify->setProfile(FakeSpotify::Profile::Extended);
    QCOMPARE(api(method, path).status, extendedStatus);
}

void TestFakeSpotify::removedEndpointsCanAnswerForbidden()
{
    m_spotify->setRemovedAnswer(FakeSpotify::RemovedAnswer::Forbidden);
    const Reply reply = api("GET", QStringLiteral("/recommendations/available-genre-seeds"));
    QCOMPARE(reply.status, 403);
    QCOMPARE(canonical(reply.body), canonical(R"({"error":{"status":403,"message":"Forbidden"}})"));
}

void TestFakeSpotify::deprecatedFieldsByProfile()
{
    QString track;
    QString artist;
    QString album;
    m_spotify->withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
        track = library.savedTracks.first().id;
        artist = library.followedArtistIds.first();
        album = library.albums.first().id;
    });
    struct Check {
        QString path;
        QString pointer; // dot-separated path to the object checked
        QStringList deprecated;
    };
    const QList<Check> checks{
        {QStringLiteral("/tracks/") + track,
         {},
         {QStringLiteral("popularity"), QStringLiteral("available_markets"), QStringLiteral("preview_url")}},
        {QStringLiteral("/tracks/") + track, QStringLiteral("album"), {QStringLiteral("available_markets")}},
        {QStringLiteral("/artists/") + artist,
         {},
         {QStringLiteral("genres"), QStringLiteral("popularity"), QStringLiteral("followers")}},
        {QStringLiteral("/albums/") + album,
         {},
         {QStringLiteral("label"),
          QStringLiteral("popularity"),
          QStringLiteral("genres"),
          QStringLiteral("available_markets")}},
        {QStringLiteral("/me"),
         {},
         {QStringLiteral("country"),
          QStringLiteral("email"),
          QStringLiteral("product"),
          QStringLiteral("explicit_content"),
          QStringLiteral("followers")}},
        {QStringLiteral("/me/playlists?limit=1"), QStringLiteral("items.0"), {QStringLiteral("tracks")}},
    };
    for (const FakeSpotify::Profile profile : {FakeSpotify::Profile::Development2026, FakeSpotify::Profile::Extended}) {
        m_spotify->setProfile(profile);
        const bool extended = profile == FakeSpotify::Profile::Extended;
        for (const Check &check : checks) {
            const Reply reply = api("GET", check.path);
            QCOMPARE(reply.status, 200);
            QJsonValue value = reply.object();
            for (const QString &step : check.pointer.split(QLatin1Char('.'), Qt::SkipEmptyParts)) {
                bool isIndex = false;
                const int index = step.toInt(&isIndex);
                value = isIndex ? value.toArray().at(index) : value.toObject().value(step);
            }
            for (const QString &field : check.deprecated)
                QVERIFY2(value.toObject().contains(field) == extended,
                         qPrintable(check.path + QLatin1Char(' ') + field));
        }
        const QJsonObject trackJson = api("GET", QStringLiteral("/tracks/") + track).object();
        QVERIFY(trackJson[QStringLiteral("external_ids")][QStringLiteral("isrc")].toString().size() == 12);
        if (extended)
            QVERIFY(trackJson.value(QStringLiteral("preview_url"))
                        .toString()
                        .startsWith(m_spotify->accountsUrl().toString()));
    }
}

void TestFakeSpotify::playlistItemsAccess()
{
    QString own;
    QString followed;
    QString spotifyOwned;
    m_spotify->withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
        for (const QString &id : std::as_const(library.myPlaylistIds)) {
            const auto *playlist = library.playlist(id);
            if (playlist->ownerId == library.me.id)
                own = id;
            else if (playlist->ownerId == QLatin1String("spotify"))
                spotifyOwned = id;
            else if (!library.ownsOrCollaborates(*playlist))
                followed = id;
        }
    });
    QCOMPARE(api("GET", QStringLiteral("/playlists/%1/items").arg(own)).status, 200);
    const Reply forbidden = api("GET", QStringLiteral("/playlists/%1/items").arg(followed));
    QCOMPARE(forbidden.status, 403);
    QCOMPARE(forbidden.object()[QStringLiteral("error")][QStringLiteral("status")].toInt(), 403);
    QCOMPARE(api("GET", QStringLiteral("/playlists/%1").arg(followed)).status, 200);
    QVERIFY(!api("GET", QStringLiteral("/playlists/%1").arg(followed)).object().contains(QStringLiteral("items")));
    QCOMPARE(api("GET", QStringLiteral("/playlists/%1").arg(spotifyOwned)).status, 404);

    m_spotify->setProfile(FakeSpotify::Profile::Extended);
    const Reply served = api("GET", QStringLiteral("/playlists/%1/items").arg(followed));
    QCOMPARE(served.status, 200);
    QVERIFY(served.object()[QStringLiteral("items")][0].toObject().contains(QStringLiteral("track")));
}

void TestFakeSpotify::searchLimits()
{
    QString artist;
    m_spotify->withLibrary([&artist](testsupport::FakeSpotifyLibrary &library) {
        artist = library.artists.at(10).name;
    });
    const Reply found =
        api("GET",
            QStringLiteral("/search?type=artist&q=")
                + QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("artist:\"%1\"").arg(artist))));
    QCOMPARE(found.status, 200);
    bool listed = false;
    for (const QJsonValue &item : found.object()[QStringLiteral("artists")][QStringLiteral("items")].toArray())
        listed = listed || item[QStringLiteral("name")].toString() == artist;
    QVERIFY2(listed, qPrintable(artist));

    const Reply defaults = api("GET", QStringLiteral("/search?q=the&type=track"));
    QCOMPARE(defaults.object()[QStringLiteral("tracks")][QStringLiteral("limit")].toInt(), 5);
    QCOMPARE(api("GET", QStringLiteral("/search?q=the&type=track&limit=10")).status, 200);
    const Reply tooMany = api("GET", QStringLiteral("/search?q=the&type=track&limit=11"));
    QCOMPARE(tooMany.status, 400);
    QCOMPARE(canonical(tooMany.body), canonical(R"({"error":{"status":400,"message":"Invalid limit"}})"));

    m_spotify->setProfile(FakeSpotify::Profile::Extended);
    QCOMPARE(api("GET", QStringLiteral("/search?q=the&type=track"))
                 .object()[QStringLiteral("tracks")][QStringLiteral("limit")]
                 .toInt(),
             20);
    QCOMPARE(api("GET", QStringLiteral("/search?q=the&type=track&limit=50")).status, 200);
}

void TestFakeSpotify::scriptedFaults_data()
{
    QTest::addColumn<FakeSpotifyFault>("fault");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addRow("token-expired") << FakeSpotifyFault::accessTokenExpired() << QStringLiteral("/v1/me") << 401
                                   << QByteArrayLiteral(
                                          R"({"error":{"status":401,"message":"The access token expired"}})")
                                   << QByteArray();
    QTest::addRow("not-registered") << FakeSpotifyFault::userNotRegistered() << QStringLiteral("/v1/me") << 403
                                    << QByteArrayLiteral("User not registered in the Developer Dashboard")
                                    << QByteArray();
    QTest::addRow("owner-premium")
        << FakeSpotifyFault::ownerNeedsPremium() << QStringLiteral("/v1/me/tracks") << 403
        << QByteArrayLiteral(
               R"({"error":{"status":403,"message":"Active premium subscription required for the owner of the app"}})")
        << QByteArray();
    QTest::addRow("rate-limited") << FakeSpotifyFault::rateLimited(7) << QStringLiteral("/v1/me/top/artists") << 429
                                  << QByteArrayLiteral(
                                         R"({"error":{"status":429,"message":"API rate limit exceeded"}})")
                                  << QByteArrayLiteral("7");
    QTest::addRow("quota")
        << FakeSpotifyFault::quotaExceeded(3600) << QStringLiteral("/v1/me/playlists") << 429
        << QByteArrayLiteral(
               R"({"error":{"status":429,"message":"API rate limit exceeded","reason":"QUOTA_EXCEEDED"}})")
        << QByteArrayLiteral("3600");
    QTest::addRow("500") << FakeSpotifyFault::serverError(500) << QStringLiteral("/v1/me") << 500
                         << QByteArrayLiteral(R"({"error":{"status":500,"message":"Server error."}})") << QByteArray();
    QTest::addRow("502") << FakeSpotifyFault::serverError(502) << QStringLiteral("/v1/me") << 502
                         << QByteArrayLiteral(R"({"error":{"status":502,"message":"Bad gateway."}})") << QByteArray();
    QTest::addRow("503") << FakeSpotifyFault::serverError(503) << QStringLiteral("/v1/me") << 503
                         << QByteArrayLiteral(R"({"error":{"status":503,"message":"Service unavailable"}})")
                         << QByteArray();
    QTest::addRow("503-retry-after") << FakeSpotifyFault::serverError(503, {}, 1, 2) << QStringLiteral("/v1/me") << 503
                                     << QByteArrayLiteral(R"({"error":{"status":503,"message":"Service unavailable"}})")
                                     << QByteArrayLiteral("2");
    QTest::addRow("token-endpoint-503") << FakeSpotifyFault::serverError(503, QStringLiteral("^/api/token$"))
                                        << QStringLiteral("/api/token") << 503
                                        << QByteArrayLiteral(
                                               R"({"error":{"status":503,"message":"Service unavailable"}})")
                                        << QByteArray();
}

void TestFakeSpotify::scriptedFaults()
{
    QFETCH(FakeSpotifyFault, fault);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, retryAfter);
    m_spotify->addFault(fault);
    const QUrl url(m_spotify->accountsUrl().toString() + path);
    const QByteArray method =
        path == QLatin1String("/api/token") ? QByteArrayLiteral("POST") : QByteArrayLiteral("GET");
    const Reply reply = send(method, url, {}, {}, "Bearer " + m_token.toLatin1());
    QCOMPARE(reply.status, status);
    QCOMPARE(canonical(reply.body), canonical(body));
    QCOMPARE(reply.header("Retry-After"), retryAfter);
    QCOMPARE(m_spotify->pendingFaults(), 0);
    // Used up: the same request now gets the ordinary answer.
    QVERIFY(send(method, url, {}, {}, "Bearer " + m_token.toLatin1()).status != status);
}

void TestFakeSpotify::playerReasonFaults_data()
{
    QTest::addColumn<QString>("reason");
    for (const QString &reason : FakeSpotifyFault::playerReasons())
        QTest::addRow("%s", qPrintable(reason.toLower())) << reason;
}

void TestFakeSpotify::playerReasonFaults()
{
    QFETCH(QString, reason);
    m_spotify->addFault(FakeSpotifyFault::playerError(reason));
    const Reply reply = api("PUT", QStringLiteral("/me/player/pause"));
    const int status = reason == QLatin1String("NO_ACTIVE_DEVICE") ? 404 : 403;
    QCOMPARE(reply.status, status);
    const QJsonObject error = reply.object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("status")).toInt(), status);
    QCOMPARE(error.value(QStringLiteral("reason")).toString(), reason);
    QVERIFY(error.value(QStringLiteral("message")).toString().startsWith(QLatin1String("Player command failed: ")));
}

void TestFakeSpotify::faultsCountDown()
{
    FakeSpotifyFault fault = FakeSpotifyFault::serverError(503, QStringLiteral("^/v1/me$"), 2);
    fault.method = "GET";
    m_spotify->addFault(fault);
    QCOMPARE(api("GET", QStringLiteral("/me/tracks")).status, 200); // another path: not matched
    QCOMPARE(api("GET", QStringLiteral("/me")).status, 503);
    QCOMPARE(api("GET", QStringLiteral("/me")).status, 503);
    QCOMPARE(api("GET", QStringLiteral("/me")).status, 200);

    m_spotify->addFault(FakeSpotifyFault::rateLimited(1, {}, -1));
    QCOMPARE(api("GET", QStringLiteral("/me")).status, 429);
    QCOMPARE(api("GET", QStringLiteral("/me/tracks")).status, 429);
    m_spotify->clearFaults();
    QCOMPARE(api("GET", QStringLiteral("/me")).status, 200);
    QCOMPARE(m_spotify->requestCount("GET", QStringLiteral("^/v1/me$")), 5);
}

void TestFakeSpotify::slowResponseDoesNotBlockOthers()
{
    m_spotify->addFault(FakeSpotifyFault::slow(2500, QStringLiteral("^/v1/me/tracks$")));
    QElapsedTimer timer;
    timer.start();
    QNetworkRequest slowRequest(QUrl(m_spotify->apiUrl().toString() + QStringLiteral("/me/tracks")));
    slowRequest.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
    QNetworkReply *slow = m_nam->get(slowRequest);
    QSignalSpy slowFinished(slow, &QNetworkReply::finished);

    // Answered while the slow one still waits.
    QCOMPARE(api("GET", QStringLiteral("/me")).status, 200);
    QCOMPARE(slowFinished.count(), 0);

    QVERIFY(slowFinished.wait(replyTimeoutMs));
    QVERIFY(timer.elapsed() >= 2500);
    QCOMPARE(slow->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    slow->deleteLater();
}

void TestFakeSpotify::playerStateMachine()
{
    const QJsonObject initial = api("GET", QStringLiteral("/me/player")).object();
    QCOMPARE(initial.value(QStringLiteral("is_playing")).toBool(), false);
    QVERIFY(initial[QStringLiteral("actions")][QStringLiteral("disallows")][QStringLiteral("pausing")].toBool());
    QVERIFY(initial.contains(QStringLiteral("smart_shuffle")));
    QCOMPARE(initial[QStringLiteral("context")][QStringLiteral("type")].toString(), QStringLiteral("playlist"));
    QCOMPARE(initial[QStringLiteral("item")][QStringLiteral("type")].toString(), QStringLiteral("track"));
    QVERIFY(initial[QStringLiteral("device")][QStringLiteral("is_active")].toBool());

    const QJsonArray devices =
        api("GET", QStringLiteral("/me/player/devices")).object().value(QStringLiteral("devices")).toArray();
    QCOMPARE(devices.size(), 3);
    int active = 0;
    for (const QJsonValue &device : devices)
        active += device[QStringLiteral("is_active")].toBool() ? 1 : 0;
    QCOMPARE(active, 1);
    const QString laptop = devices.at(1)[QStringLiteral("id")].toString();
    const QString phone = devices.at(2)[QStringLiteral("id")].toString();

    QString album;
    QStringList albumTracks;
    m_spotify->withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
        for (const auto &candidate : std::as_const(library.albums)) {
            if (candidate.trackIds.size() >= 5) {
                album = candidate.id;
                albumTracks = candidate.trackIds;
                break;
            }
        }
    });
    QCOMPARE(api("PUT",
                 QStringLiteral("/me/player/play"),
                 json({{QStringLiteral("context_uri"), QString(QStringLiteral("spotify:album:") + album)},
                       {QStringLiteral("offset"), QJsonObject{{QStringLiteral("position"), 1}}}}))
                 .status,
             204);
    QJsonObject state = api("GET", QStringLiteral("/me/player")).object();
    QVERIFY(state.value(QStringLiteral("is_playing")).toBool());
    QVERIFY(state[QStringLiteral("actions")][QStringLiteral("disallows")][QStringLiteral("resuming")].toBool());
    QCOMPARE(state[QStringLiteral("item")][QStringLiteral("id")].toString(), albumTracks.at(1));
    QCOMPARE(state[QStringLiteral("context")][QStringLiteral("uri")].toString(),
             QString(QStringLiteral("spotify:album:") + album));

    QCOMPARE(api("PUT", QStringLiteral("/me/player/pause")).status, 204);
    const Reply again = api("PUT", QStringLiteral("/me/player/pause"));
    QCOMPARE(again.status, 403);
    QCOMPARE(again.object()[QStringLiteral("error")][QStringLiteral("reason")].toString(),
             QStringLiteral("ALREADY_PAUSED"));
    QCOMPARE(api("PUT", QStringLiteral("/me/player/play")).status, 204);

    QCOMPARE(api("POST", QStringLiteral("/me/player/next")).status, 204);
    QCOMPARE(api("GET", QStringLiteral("/me/player/currently-playing"))
                 .object()[QStringLiteral("item")][QStringLiteral("id")]
                 .toString(),
             albumTracks.at(2));
    QCOMPARE(api("POST", QStringLiteral("/me/player/previous")).status, 204);
    QCOMPARE(api("GET", QStringLiteral("/me/player")).object()[QStringLiteral("item")][QStringLiteral("id")].toString(),
             albumTracks.at(1));

    QCOMPARE(api("PUT", QStringLiteral("/me/player/seek?position_ms=25000")).status, 204);
    QVERIFY(api("GET", QStringLiteral("/me/player")).object().value(QStringLiteral("progress_ms")).toInt() >= 25000);
    QCOMPARE(api("PUT", QStringLiteral("/me/player/volume?volume_percent=12")).status, 204);
    QCOMPARE(api("PUT", QStringLiteral("/me/player/shuffle?state=true")).status, 204);
    QCOMPARE(api("PUT", QStringLiteral("/me/player/repeat?state=track")).status, 204);
    state = api("GET", QStringLiteral("/me/player")).object();
    QCOMPARE(state[QStringLiteral("device")][QStringLiteral("volume_percent")].toInt(), 12);
    QCOMPARE(state.value(QStringLiteral("shuffle_state")).toBool(), true);
    QCOMPARE(state.value(QStringLiteral("repeat_state")).toString(), QStringLiteral("track"));
    QCOMPARE(api("PUT", QStringLiteral("/me/player/repeat?state=sometimes")).status, 400);

    QCOMPARE(api("POST", QStringLiteral("/me/player/queue?uri=spotify:track:") + albumTracks.at(4)).status, 204);
    QCOMPARE(api("GET", QStringLiteral("/me/player/queue"))
                 .object()[QStringLiteral("queue")][0][QStringLiteral("id")]
                 .toString(),
             albumTracks.at(4));
    QCOMPARE(api("POST", QStringLiteral("/me/player/next")).status, 204);
    QCOMPARE(api("GET", QStringLiteral("/me/player")).object()[QStringLiteral("item")][QStringLiteral("id")].toString(),
             albumTracks.at(4));

    QCOMPARE(api("PUT", QStringLiteral("/me/player"), json({{QStringLiteral("device_ids"), QJsonArray{laptop, phone}}}))
                 .status,
             400);
    QCOMPARE(
        api("PUT", QStringLiteral("/me/player"), json({{QStringLiteral("device_ids"), QJsonArray{laptop}}})).status,
        204);
    QCOMPARE(
        api("GET", QStringLiteral("/me/player")).object()[QStringLiteral("device")][QStringLiteral("id")].toString(),
        laptop);
    QCOMPARE(api("PUT", QStringLiteral("/me/player"), json({{QStringLiteral("device_ids"), QJsonArray{phone}}})).status,
             204);
    const Reply volume = api("PUT", QStringLiteral("/me/player/volume?volume_percent=50"));
    QCOMPARE(volume.status, 403);
    QCOMPARE(volume.object()[QStringLiteral("error")][QStringLiteral("reason")].toString(),
             QStringLiteral("VOLUME_CONTROL_DISALLOW"));
}

void TestFakeSpotify::playerCommandsNeedPremium_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addRow("play") << QByteArrayLiteral("PUT") << QStringLiteral("/me/player/play");
    QTest::addRow("pause") << QByteArrayLiteral("PUT") << QStringLiteral("/me/player/pause");
    QTest::addRow("next") << QByteArrayLiteral("POST") << QStringLiteral("/me/player/next");
    QTest::addRow("previous") << QByteArrayLiteral("POST") << QStringLiteral("/me/player/previous");
    QTest::addRow("seek") << QByteArrayLiteral("PUT") << QStringLiteral("/me/player/seek?position_ms=0");
    QTest::addRow("volume") << QByteArrayLiteral("PUT") << QStringLiteral("/me/player/volume?volume_percent=10");
    QTest::addRow("shuffle") << QByteArrayLiteral("PUT") << QStringLiteral("/me/player/shuffle?state=true");
    QTest::addRow("repeat") << QByteArrayLiteral("PUT") << QStringLiteral("/me/player/repeat?state=off");
    QTest::addRow("transfer") << QByteArrayLiteral("PUT") << QStringLiteral("/me/player");
    QTest::addRow("queue") << QByteArrayLiteral("POST")
                           << QStringLiteral("/me/player/queue?uri=spotify:track:0000000000000000000000");
}

void TestFakeSpotify::playerCommandsNeedPremium()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    m_spotify->setPremium(false);
    const Reply reply = api(method, path);
    QCOMPARE(reply.status, 403);
    QCOMPARE(
        canonical(reply.body),
        canonical(
            R"({"error":{"status":403,"message":"Player command failed: Premium required","reason":"PREMIUM_REQUIRED"}})"));
    QCOMPARE(api("GET", QStringLiteral("/me/player")).status, 200);
}

void TestFakeSpotify::noActiveDevice()
{
    m_spotify->deactivateDevices();
    QCOMPARE(api("GET", QStringLiteral("/me/player")).status, 204);
    QVERIFY(api("GET", QStringLiteral("/me/player")).body.isEmpty());
    QCOMPARE(api("GET", QStringLiteral("/me/player/currently-playing")).status, 204);
    const Reply next = api("POST", QStringLiteral("/me/player/next"));
    QCOMPARE(next.status, 404);
    QCOMPARE(
        canonical(next.body),
        canonical(
            R"({"error":{"status":404,"message":"Player command failed: No active device found","reason":"NO_ACTIVE_DEVICE"}})"));

    // Playing on a named device wakes it.
    const QString speaker = m_spotify->playback().devices.first().id;
    QCOMPARE(api("PUT", QStringLiteral("/me/player/play?device_id=") + speaker).status, 204);
    const QJsonObject state = api("GET", QStringLiteral("/me/player")).object();
    QCOMPARE(state[QStringLiteral("device")][QStringLiteral("id")].toString(), speaker);
    QVERIFY(state.value(QStringLiteral("is_playing")).toBool());
    QCOMPARE(api("PUT", QStringLiteral("/me/player/play?device_id=nope")).status, 404);
}

void TestFakeSpotify::playbackBecomesHistory()
{
    QString trackId;
    int durationMs = 0;
    m_spotify->withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
        trackId = library.tracks.at(100).id;
        durationMs = library.tracks.at(100).durationMs;
    });
    const QJsonArray uris{QString(QStringLiteral("spotify:track:") + trackId)};
    QCOMPARE(api("PUT", QStringLiteral("/me/player/play"), json({{QStringLiteral("uris"), uris}})).status, 204);
    m_spotify->advanceClock(std::chrono::milliseconds(durationMs + 1000));

    const QJsonObject newest = api("GET", QStringLiteral("/me/player/recently-played?limit=1"))
                                   .object()[QStringLiteral("items")][0]
                                   .toObject();
    QCOMPARE(newest[QStringLiteral("track")][QStringLiteral("id")].toString(), trackId);
    QVERIFY(newest.value(QStringLiteral("context")).isNull());
    // A one-track list ends: nothing plays any more.
    QCOMPARE(api("GET", QStringLiteral("/me/player")).object().value(QStringLiteral("is_playing")).toBool(), false);
}

void TestFakeSpotify::libraryContainsSaveRemove()
{
    QString unsaved;
    QString artist;
    m_spotify->withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
        for (const auto &track : std::as_const(library.tracks)) {
            if (!library.isSavedTrack(track.id)) {
                unsaved = track.id;
                break;
            }
        }
        for (const auto &candidate : std::as_const(library.artists)) {
            if (!library.isFollowedArtist(candidate.id)) {
                artist = candidate.id;
                break;
            }
        }
    });
    const QString uris = QStringLiteral("spotify:track:%1,spotify:artist:%2").arg(unsaved, artist);
    QCOMPARE(api("GET", QStringLiteral("/me/library/contains?uris=") + uris).array(), (QJsonArray{false, false}));
    QCOMPARE(api("PUT", QStringLiteral("/me/library?uris=") + uris).status, 200);
    QCOMPARE(api("GET", QStringLiteral("/me/library/contains?uris=") + uris).array(), (QJsonArray{true, true}));
    QCOMPARE(api("GET", QStringLiteral("/me/tracks?limit=1"))
                 .object()[QStringLiteral("items")][0][QStringLiteral("track")][QStringLiteral("id")]
                 .toString(),
             unsaved);
    QCOMPARE(api("GET", QStringLiteral("/me/tracks?limit=1")).object().value(QStringLiteral("total")).toInt(), 501);
    QCOMPARE(api("DELETE", QStringLiteral("/me/library?uris=") + uris).status, 200);
    QCOMPARE(api("GET", QStringLiteral("/me/library/contains?uris=") + uris).array(), (QJsonArray{false, false}));
    QCOMPARE(api("GET", QStringLiteral("/me/following?type=artist&limit=1"))
                 .object()[QStringLiteral("artists")][QStringLiteral("total")]
                 .toInt(),
             80);
}

void TestFakeSpotify::libraryUriValidation()
{
    QStringList many;
    for (int i = 0; i < 41; ++i)
        many.append(QStringLiteral("spotify:track:0000000000000000000000"));
    QCOMPARE(api("PUT", QStringLiteral("/me/library?uris=") + many.join(QLatin1Char(','))).status, 400);
    QCOMPARE(api("PUT", QStringLiteral("/me/library?uris=spotify:track:tooShort")).status, 400);
    QCOMPARE(api("PUT", QStringLiteral("/me/library?uris=spotify:track:0000000000000000000000")).status, 400);
    QCOMPARE(api("GET", QStringLiteral("/me/library/contains")).status, 400);
    m_token = m_spotify->issueTokens(QStringLiteral("user-library-read")).accessToken;
    const Reply reply = api("PUT", QStringLiteral("/me/library?uris=spotify:track:0000000000000000000000"));
    QCOMPARE(reply.status, 403);
    QCOMPARE(canonical(reply.body), canonical(R"({"error":{"status":403,"message":"Insufficient client scope"}})"));
}

void TestFakeSpotify::createPlaylistAndEditItems()
{
    const Reply created =
        api("POST",
            QStringLiteral("/me/playlists"),
            json({{QStringLiteral("name"), QStringLiteral("From a test")}, {QStringLiteral("public"), false}}));
    QCOMPARE(created.status, 201);
    const QString id = created.object().value(QStringLiteral("id")).toString();
    QVERIFY(testsupport::isSpotifyId(id));
    QCOMPARE(created.object()[QStringLiteral("items")][QStringLiteral("total")].toInt(), 0);

    QStringList tracks;
    m_spotify->withLibrary([&tracks](testsupport::FakeSpotifyLibrary &library) {
        for (int i = 0; i < 3; ++i)
            tracks.append(QStringLiteral("spotify:track:") + library.tracks.at(i).id);
    });
    const Reply added = api("POST",
                            QStringLiteral("/playlists/%1/items").arg(id),
                            json({{QStringLiteral("uris"), QJsonArray::fromStringList(tracks)}}));
    QCOMPARE(added.status, 201);
    QVERIFY(!added.object().value(QStringLiteral("snapshot_id")).toString().isEmpty());
    QCOMPARE(api("GET", QStringLiteral("/playlists/%1/items").arg(id)).object().value(QStringLiteral("total")).toInt(),
             3);
    QCOMPARE(api("GET", QStringLiteral("/me/playlists?limit=1"))
                 .object()[QStringLiteral("items")][0][QStringLiteral("id")]
                 .toString(),
             id);

    const Reply removed =
        api("DELETE",
            QStringLiteral("/playlists/%1/items").arg(id),
            json({{QStringLiteral("items"), QJsonArray{QJsonObject{{QStringLiteral("uri"), tracks.first()}}}}}));
    QCOMPARE(removed.status, 200);
    QVERIFY(removed.object().value(QStringLiteral("snapshot_id")).toString()
            != added.object().value(QStringLiteral("snapshot_id")).toString());
    QCOMPARE(api("GET", QStringLiteral("/playlists/%1/items").arg(id)).object().value(QStringLiteral("total")).toInt(),
             2);
    QCOMPARE(api("POST", QStringLiteral("/me/playlists"), json({})).status, 400);
}

QTEST_GUILESS_MAIN(TestFakeSpotify)
#include "tst_fakespotify.moc"
