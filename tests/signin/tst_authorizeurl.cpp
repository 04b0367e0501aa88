#include "engine/spotify/authorizeurl.h"
#include "engine/spotify/pkce.h"

#include <QTest>
#include <QUrlQuery>

using engine::AuthorizeRequest;
using engine::authorizeUrl;
using engine::LoopbackHost;
using engine::loopbackRedirectUri;

namespace
{

const QUrl spotifyAccounts(QStringLiteral("https://accounts.spotify.com"));
const QString clientId = QStringLiteral("0123456789abcdef0123456789abcdef");
constexpr quint16 port = 43123;

AuthorizeRequest request()
{
    AuthorizeRequest request;
    request.clientId = clientId;
    request.redirectUri = loopbackRedirectUri(LoopbackHost::IPv4, port);
    request.state = engine::makeState();
    request.codeChallenge = engine::makePkcePair().challenge;
    return request;
}

} // namespace

class TestAuthorizeUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void redirectUriIsTheLoopbackIpLiteral()
    {
        QCOMPARE(loopbackRedirectUri(LoopbackHost::IPv4, port).toString(QUrl::FullyEncoded),
                 QStringLiteral("http://127.0.0.1:43123/callback"));
        QCOMPARE(loopbackRedirectUri(LoopbackHost::IPv6, port).toString(QUrl::FullyEncoded),
                 QStringLiteral("http://[::1]:43123/callback"));
        QCOMPARE(engine::loopbackAuthority(LoopbackHost::IPv4, port), QByteArray("127.0.0.1:43123"));
        QCOMPARE(engine::loopbackAuthority(LoopbackHost::IPv6, port), QByteArray("[::1]:43123"));
    }

    void carriesEveryParameterOnceAndEncoded()
    {
        const AuthorizeRequest input = request();
        const auto url = authorizeUrl(spotifyAccounts, input);
        QVERIFY2(url, qPrintable(url ? QString() : url.error().message));
        const QByteArray encoded = url.value().toEncoded();

        QVERIFY2(encoded.startsWith("https://accounts.spotify.com/authorize?"), encoded.constData());
        QVERIFY(!encoded.contains("localhost"));
        QVERIFY(!encoded.contains(' '));
        QVERIFY(!encoded.contains('+'));
        QVERIFY(encoded.contains("&redirect_uri=http%3A%2F%2F127.0.0.1%3A43123%2Fcallback&"));
        QVERIFY(encoded.contains("&scope=user-read-private%20user-top-read%20"));
        QVERIFY(encoded.contains("&response_type=code&"));
        QVERIFY(encoded.contains("&code_challenge_method=S256&"));

        const QUrlQuery query(url.value());
        const QStringList names = {QStringLiteral("client_id"),
                                   QStringLiteral("response_type"),
                                   QStringLiteral("redirect_uri"),
                                   QStringLiteral("scope"),
                                   QStringLiteral("state"),
                                   QStringLiteral("code_challenge_method"),
                                   QStringLiteral("code_challenge")};
        QCOMPARE(query.queryItems().size(), names.size());
        for (const QString &name : names) {
            QCOMPARE(query.allQueryItemValues(name).size(), 1);
        }
        const auto value = [&query](const char *name) {
            return query.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded);
        };
        QCOMPARE(value("client_id"), clientId);
        QCOMPARE(value("response_type"), QStringLiteral("code"));
        QCOMPARE(value("redirect_uri"), QStringLiteral("http://127.0.0.1:43123/callback"));
        QCOMPARE(value("scope"), engine::spotifyScopes().join(QLatin1Char(' ')));
        QCOMPARE(value("state"), QString::fromLatin1(input.state));
        QCOMPARE(value("code_challenge_method"), QStringLiteral("S256"));
        QCOMPARE(value("code_challenge"), QString::fromLatin1(input.codeChallenge));
        QCOMPARE(value("code_challenge").size(), 43);
    }

    void escapesEveryReservedCharacterInValues()
    {
        AuthorizeRequest input = request();
        input.clientId = QStringLiteral("a b&c=d#e+f/é");
        const auto url = authorizeUrl(spotifyAccounts, input);
        QVERIFY(url);
        QVERIFY2(url.value().toEncoded().startsWith(
                     "https://accounts.spotify.com/authorize?client_id=a%20b%26c%3Dd%23e%2Bf%2F%C3%A9&"),
                 url.value().toEncoded().constData());
        QCOMPARE(QUrlQuery(url.value()).queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded),
                 input.clientId);
    }

    void keepsThePathOfAConfiguredAccountsUrl()
    {
        const auto url = authorizeUrl(QUrl(QStringLiteral("http://127.0.0.1:5000/fake/accounts/")), request());
        QVERIFY(url);
        QVERIFY2(url.value().toEncoded().startsWith("http://127.0.0.1:5000/fake/accounts/authorize?client_id="),
                 url.value().toEncoded().constData());
    }

    void ipv6RedirectIsEncodedToo()
    {
        AuthorizeRequest input = request();
        input.redirectUri = loopbackRedirectUri(LoopbackHost::IPv6, port);
        const auto url = authorizeUrl(spotifyAccounts, input);
        QVERIFY(url);
        QVERIFY(url.value().toEncoded().contains("&redirect_uri=http%3A%2F%2F%5B%3A%3A1%5D%3A43123%2Fcallback&"));
    }

    void refusesWhatSpotifyWouldReject_data()
    {
        QTest::addColumn<QString>("redirectUri");
        QTest::addColumn<QString>("clientId");
        QTest::addRow("localhost") << QStringLiteral("http://localhost:43123/callback") << clientId;
        QTest::addRow("https-loopback") << QStringLiteral("https://127.0.0.1:43123/callback") << clientId;
        QTest::addRow("no-port") << QStringLiteral("http://127.0.0.1/callback") << clientId;
        QTest::addRow("other-path") << QStringLiteral("http://127.0.0.1:43123/call-back") << clientId;
        QTest::addRow("with-query") << QStringLiteral("http://127.0.0.1:43123/callback?x=1") << clientId;
        QTest::addRow("not-loopback") << QStringLiteral("http://192.168.1.2:43123/callback") << clientId;
        QTest::addRow("any-address") << QStringLiteral("http://0.0.0.0:43123/callback") << clientId;
        QTest::addRow("empty-client-id") << QStringLiteral("http://127.0.0.1:43123/callback") << QString();
        QTest::addRow("blank-client-id") << QStringLiteral("http://127.0.0.1:43123/callback") << QStringLiteral("  ");
    }

    void refusesWhatSpotifyWouldReject()
    {
        QFETCH(QString, redirectUri);
        QFETCH(QString, clientId);
        AuthorizeRequest input = request();
        input.redirectUri = QUrl(redirectUri);
        input.clientId = clientId;
        const auto url = authorizeUrl(spotifyAccounts, input);
        QVERIFY(!url);
        QCOMPARE(url.error().code, engine::Error::Code::InvalidInput);
        QVERIFY(!url.error().message.isEmpty());
    }

    void refusesAMissingStateOrChallenge()
    {
        AuthorizeRequest noState = request();
        noState.state.clear();
        QVERIFY(!authorizeUrl(spotifyAccounts, noState));
        AuthorizeRequest noChallenge = request();
        noChallenge.codeChallenge.clear();
        QVERIFY(!authorizeUrl(spotifyAccounts, noChallenge));
    }

    void scopesCoverWhatTuneScoutDoes()
    {
        const QStringList scopes = engine::spotifyScopes();
        const QStringList needed = {
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
        for (const QString &scope : needed) {
            QVERIFY2(scopes.contains(scope), qPrintable(scope));
        }
        QCOMPARE(scopes.size(), needed.size());
        // The e-mail field is gone from the API: asking for it only widens the consent screen.
        QVERIFY(!scopes.contains(QStringLiteral("user-read-email")));
        QCOMPARE(request().scopes, scopes);
    }
};

QTEST_GUILESS_MAIN(TestAuthorizeUrl)
#include "tst_authorizeurl.moc"
