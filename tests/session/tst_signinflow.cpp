// The sign-in flow against the fake Spotify, with the test as the browser: PKCE and state per attempt (T2), a
// forged callback never reaching the token endpoint (T3), cancellation (T4), an invalid redirect (T5), the
// lifetime (T9), the copy/paste fallback, one attempt at a time, a refused code never retried, and signing in
// without any keychain (T10).

#include "engine/spotify/endpoints.h"
#include "engine/spotify/session.h"
#include "engine/spotify/signinflow.h"
#include "tests/session/sessiontestsupport.h"
#include "tests/support/testenv.h"

#include <QCryptographicHash>
#include <QNetworkProxy>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace std::chrono_literals;
using engine::MemorySecretStore;
using engine::Session;
using engine::SignInFlow;
using sessiontest::Page;
using sessiontest::SpotifyRig;
using testsupport::FakeSpotify;

namespace
{

QString queryValue(const QUrl &url, const QString &key)
{
    return QUrlQuery(url).queryItemValue(key, QUrl::FullyDecoded);
}

QUrl redirectUriOf(const QUrl &authorizeUrl)
{
    return QUrl(queryValue(authorizeUrl, QStringLiteral("redirect_uri")), QUrl::StrictMode);
}

// The loopback callback with the given query, on the port of `authorizeUrl`'s redirect URI.
QUrl callbackWith(const QUrl &authorizeUrl, const QList<std::pair<QString, QString>> &items)
{
    QUrl callback = redirectUriOf(authorizeUrl);
    QUrlQuery query;
    for (const auto &[name, value] : items) {
        query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
    callback.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return callback;
}

void expectRefused(sessiontest::Browser &browser, const QUrl &authorizeUrl)
{
    const Page page = browser.get(redirectUriOf(authorizeUrl));
    QCOMPARE(page.status, 0);
    QCOMPARE(page.error, QNetworkReply::ConnectionRefusedError);
}

#define EXPECT_REFUSED(browser, url)                                                                                   \
    expectRefused(browser, url);                                                                                       \
    if (QTest::currentTestFailed())                                                                                    \
    return

QByteArray base64UrlSha256(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// A session and a flow on a fake Spotify, with a memory store: sign-in is what is under test here.
struct Rig : SpotifyRig {
    Rig()
        : session(sessionOptions(), &store, &network)
        , flow(&session, sessiontest::recordingOpener(&opened))
    {
    }
    MemorySecretStore store;
    Session session;
    QList<QUrl> opened;
    SignInFlow flow;
};

} // namespace

class TestSignInFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // T2: S256 with a 43-character challenge of the verifier that reached the token endpoint, a verifier from the
    // unreserved alphabet, a fresh verifier and state per attempt, and never a client secret.
    void pkceAndStatePerAttempt()
    {
        Rig rig;
        QVERIFY(rig.spotify.isRunning());
        for (int attempt = 0; attempt < 2; ++attempt) {
            sessiontest::signIn(rig.flow, rig.browser);
            QCOMPARE(rig.flow.state(), SignInFlow::State::SignedIn);
        }
        QCOMPARE(rig.opened.size(), 2);
        const auto posts = sessiontest::tokenRequests(rig.spotify);
        QCOMPARE(posts.size(), 2);

        const QRegularExpression challengeShape(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
        const QRegularExpression verifierShape(QStringLiteral("^[A-Za-z0-9._~-]{43,128}$"));
        QStringList verifiers;
        QStringList states;
        for (int attempt = 0; attempt < 2; ++attempt) {
            const QUrl &url = rig.opened.at(attempt);
            const auto &form = posts.at(attempt).request;
            QCOMPARE(queryValue(url, QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
            const QString challenge = queryValue(url, QStringLiteral("code_challenge"));
            QVERIFY2(challengeShape.match(challenge).hasMatch(), qPrintable(challenge));
            const QString verifier = form.formValue(QStringLiteral("code_verifier"));
            QVERIFY(verifierShape.match(verifier).hasMatch());
            QCOMPARE(QString::fromLatin1(base64UrlSha256(verifier.toLatin1())), challenge);

            QCOMPARE(form.formValue(QStringLiteral("grant_type")), QStringLiteral("authorization_code"));
            QCOMPARE(form.formValue(QStringLiteral("client_id")), FakeSpotify::Options().clientId);
            QCOMPARE(form.formValue(QStringLiteral("redirect_uri")), queryValue(url, QStringLiteral("redirect_uri")));
            QVERIFY(!form.hasFormValue(QStringLiteral("client_secret")));
            QVERIFY(!form.hasHeader("Authorization"));
            QVERIFY(form.isForm());

            verifiers.append(verifier);
            states.append(queryValue(url, QStringLiteral("state")));
            QVERIFY(!states.last().isEmpty());
        }
        QVERIFY(verifiers.at(0) != verifiers.at(1));
        QVERIFY(states.at(0) != states.at(1));
        QCOMPARE(rig.session.state(), Session::State::SignedIn);
    }

    // T3: a callback with the wrong state is refused before any exchange; the real one is exchanged once.
    void wrongStateNeverReachesTheTokenEndpoint()
    {
        Rig rig;
        rig.flow.start();
        QCOMPARE(rig.flow.state(), SignInFlow::State::WaitingForBrowser);
        const Page consent = rig.browser.get(rig.flow.authorizeUrl(), false);
        QCOMPARE(consent.status, 302);
        const QUrl callback = consent.location;
        const QString code = queryValue(callback, QStringLiteral("code"));
        QVERIFY(!code.isEmpty());

        const Page forged = rig.browser.get(
            callbackWith(rig.flow.authorizeUrl(),
                         {{QStringLiteral("code"), code}, {QStringLiteral("state"), QStringLiteral("WRONG")}}));
        QCOMPARE(forged.status, 400);
        QCOMPARE(rig.flow.state(), SignInFlow::State::WaitingForBrowser);
        QCOMPARE(rig.spotify.tokenRequestCount(), 0);

        const Page genuine = rig.browser.get(callback);
        QCOMPARE(genuine.status, 200);
        QTRY_COMPARE(rig.flow.state(), SignInFlow::State::SignedIn);
        QCOMPARE(rig.spotify.tokenRequestCount(), 1);
        QCOMPARE(rig.spotify.tokenRequestCount(QStringLiteral("authorization_code")), 1);
        QCOMPARE(rig.session.state(), Session::State::SignedIn);
        QVERIFY(!rig.session.accessToken().isEmpty());
        QVERIFY(rig.spotify.issuedSecrets().contains(QString::fromLatin1(rig.session.accessToken())));
    }

    // T4: declining on Spotify's page is a cancellation, not an error, and nothing is exchanged.
    void accessDeniedIsCancelled()
    {
        Rig rig;
        rig.spotify.setConsent(FakeSpotify::Consent::Deny);
        QSignalSpy finished(&rig.flow, &SignInFlow::finished);
        rig.flow.start();
        const QUrl authorizeUrl = rig.flow.authorizeUrl();
        const Page page = rig.browser.get(authorizeUrl);
        QCOMPARE(page.status, 200);
        QTRY_COMPARE(rig.flow.state(), SignInFlow::State::Cancelled);
        QCOMPARE(finished.count(), 1);
        QVERIFY(rig.flow.errorMessage().isEmpty());
        QVERIFY(rig.flow.authorizeUrl().isEmpty());
        QCOMPARE(rig.spotify.tokenRequestCount(), 0);
        QCOMPARE(rig.session.state(), Session::State::SignedOut);
        EXPECT_REFUSED(rig.browser, authorizeUrl);
    }

    // T5: the right state with neither a code nor an error ends the attempt without an exchange.
    void missingCodeIsAnInvalidResponse()
    {
        Rig rig;
        rig.flow.start();
        const QUrl authorizeUrl = rig.flow.authorizeUrl();
        const Page page = rig.browser.get(
            callbackWith(authorizeUrl, {{QStringLiteral("state"), queryValue(authorizeUrl, QStringLiteral("state"))}}));
        QCOMPARE(page.status, 400);
        QTRY_COMPARE(rig.flow.state(), SignInFlow::State::InvalidResponse);
        QVERIFY(!rig.flow.errorMessage().isEmpty());
        QCOMPARE(rig.spotify.tokenRequestCount(), 0);
        EXPECT_REFUSED(rig.browser, authorizeUrl);
    }

    // T9: after the lifetime the attempt times out and the port is closed.
    void timesOut()
    {
        Rig rig;
        rig.flow.setLifetime(300ms);
        QSignalSpy finished(&rig.flow, &SignInFlow::finished);
        rig.flow.start();
        const QUrl authorizeUrl = rig.flow.authorizeUrl();
        QVERIFY(finished.wait(5000));
        QCOMPARE(rig.flow.state(), SignInFlow::State::TimedOut);
        QVERIFY2(rig.flow.errorMessage().contains(QLatin1String("timed out")), qPrintable(rig.flow.errorMessage()));
        QCOMPARE(rig.spotify.tokenRequestCount(), 0);
        EXPECT_REFUSED(rig.browser, authorizeUrl);
    }

    // OA-10: when no browser opens, the flow keeps waiting and offers the address for copying.
    void browserThatDoesNotOpenLeavesTheUrlToCopy()
    {
        SpotifyRig rig;
        MemorySecretStore store;
        Session session(rig.sessionOptions(), &store, &rig.network);
        QList<QUrl> opened;
        SignInFlow flow(&session, sessiontest::recordingOpener(&opened, false));
        flow.start();
        QCOMPARE(flow.state(), SignInFlow::State::WaitingForBrowser);
        QVERIFY(!flow.browserOpened());
        QCOMPARE(opened.size(), 1);
        QCOMPARE(flow.authorizeUrl(), opened.first());

        const Page page = rig.browser.get(flow.authorizeUrl()); // the user pasted it
        QCOMPARE(page.status, 200);
        QTRY_COMPARE(flow.state(), SignInFlow::State::SignedIn);
        QCOMPARE(session.state(), Session::State::SignedIn);
    }

    // OA-3: a new attempt closes the old one's port, and only the new one signs in.
    void newAttemptReplacesTheOld()
    {
        Rig rig;
        rig.flow.start();
        const QUrl first = rig.flow.authorizeUrl();
        rig.flow.start();
        const QUrl second = rig.flow.authorizeUrl();
        QVERIFY(queryValue(first, QStringLiteral("state")) != queryValue(second, QStringLiteral("state")));
        EXPECT_REFUSED(rig.browser, first);

        const Page late = rig.browser.get(first); // the first tab, completed late
        QCOMPARE(late.error, QNetworkReply::ConnectionRefusedError);
        QCOMPARE(rig.flow.state(), SignInFlow::State::WaitingForBrowser);

        QCOMPARE(rig.browser.get(second).status, 200);
        QTRY_COMPARE(rig.flow.state(), SignInFlow::State::SignedIn);
        QCOMPARE(rig.spotify.tokenRequestCount(), 1);
    }

    void cancelClosesThePort()
    {
        Rig rig;
        QSignalSpy finished(&rig.flow, &SignInFlow::finished);
        rig.flow.start();
        const QUrl authorizeUrl = rig.flow.authorizeUrl();
        rig.flow.cancel();
        QCOMPARE(rig.flow.state(), SignInFlow::State::Cancelled);
        QCOMPARE(finished.count(), 1);
        QVERIFY(rig.flow.authorizeUrl().isEmpty());
        EXPECT_REFUSED(rig.browser, authorizeUrl);
        rig.flow.cancel();
        QCOMPARE(finished.count(), 1);
    }

    // OA-7: a code Spotify refuses (here: already spent) fails the attempt with "try again", and is not retried.
    void refusedCodeIsNeverRetried()
    {
        Rig rig;
        rig.flow.start();
        const Page consent = rig.browser.get(rig.flow.authorizeUrl(), false);
        QCOMPARE(consent.status, 302);
        const QString code = queryValue(consent.location, QStringLiteral("code"));

        // Someone else presents the code first, which spends it.
        QNetworkRequest spend(rig.spotify.tokenUrl());
        spend.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        const std::unique_ptr<QNetworkReply> spent(rig.network.post(
            spend,
            "grant_type=authorization_code&client_id=" + FakeSpotify::Options().clientId.toUtf8()
                + "&code_verifier=" + QByteArray(43, 'a') + "&code=" + QUrl::toPercentEncoding(code) + "&redirect_uri="
                + QUrl::toPercentEncoding(queryValue(rig.flow.authorizeUrl(), QStringLiteral("redirect_uri")))));
        QTRY_VERIFY(spent->isFinished());
        QCOMPARE(rig.spotify.tokenRequestCount(QStringLiteral("authorization_code")), 1);

        QCOMPARE(rig.browser.get(consent.location).status, 200);
        QTRY_COMPARE(rig.flow.state(), SignInFlow::State::Failed);
        QVERIFY2(rig.flow.errorMessage().contains(QLatin1String("try again")), qPrintable(rig.flow.errorMessage()));
        QCOMPARE(rig.spotify.tokenRequestCount(QStringLiteral("authorization_code")), 2);
        QCOMPARE(rig.session.state(), Session::State::SignedOut);
        QVERIFY(rig.session.accessToken().isEmpty());
    }

    // OA-7: the exchange gives up after its timeout.
    void exchangeTimesOut()
    {
        SpotifyRig rig;
        MemorySecretStore store;
        Session::Options options = rig.sessionOptions();
        options.requestTimeout = 300ms;
        Session session(options, &store, &rig.network);
        SignInFlow flow(&session, [](const QUrl &) {
            return true;
        });
        rig.spotify.addFault(FakeSpotify::Fault::slow(5000, QStringLiteral("^/api/token$")));
        sessiontest::signIn(flow, rig.browser);
        QCOMPARE(flow.state(), SignInFlow::State::Failed);
        QVERIFY2(flow.errorMessage().contains(QLatin1String("could not reach Spotify")),
                 qPrintable(flow.errorMessage()));
        QCOMPARE(session.state(), Session::State::SignedOut);
    }

    // T10: with no Secret Service on D-Bus the sign-in works for this session only, and the refresh token
    // lands in no file. The child half is childSignsInWithoutKeychain().
    void signsInWithoutKeychain()
    {
        SpotifyRig rig;
        QVERIFY(rig.spotify.isRunning());
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("DISPLAY"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("TMPDIR"), home.filePath(QStringLiteral("tmp")));
        env.insert(QStringLiteral("TUNESCOUT_SPOTIFY_ACCOUNTS_URL"), rig.spotify.accountsUrl().toString());
        env.insert(QStringLiteral("TUNESCOUT_SESSION_CHILD"), QStringLiteral("no-keychain"));
        QDir(home.path()).mkpath(QStringLiteral("tmp"));

        QProcess child;
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        QSignalSpy finished(&child, &QProcess::finished);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("childSignsInWithoutKeychain")});
        QVERIFY(finished.wait(60000));
        const QByteArray output = child.readAll();
        const QByteArrayList secrets = sessiontest::signInSecrets(rig.spotify);
        QCOMPARE(sessiontest::occurrences(output, secrets), QStringList());
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, output.constData());
        QVERIFY2(output.contains("PASS   : TestSignInFlow::childSignsInWithoutKeychain()"), output.constData());

        QCOMPARE(rig.spotify.tokenRequestCount(QStringLiteral("authorization_code")), 1);
        QCOMPARE(rig.spotify.tokenRequestCount(QStringLiteral("refresh_token")), 1);
        QVERIFY(secrets.size() >= 5); // code, two access and two refresh tokens, verifier, state
        QCOMPARE(sessiontest::filesContaining(home.path(), secrets), QStringList());
    }

    void childSignsInWithoutKeychain()
    {
        if (qEnvironmentVariable("TUNESCOUT_SESSION_CHILD") != QLatin1String("no-keychain")) {
            QSKIP("runs only as the child of signsInWithoutKeychain");
        }
        const auto endpoints = engine::SpotifyEndpoints::fromEnvironment(QProcessEnvironment::systemEnvironment());
        QVERIFY(endpoints);
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        engine::KeychainSecretStore keychain(nullptr, QStringLiteral("TuneScout-test"));
        Session::Options options;
        options.accountsUrl = endpoints.value().accountsUrl;
        options.clientId = FakeSpotify::Options().clientId;
        Session session(options, &keychain, &network);
        SignInFlow flow(&session, [](const QUrl &) {
            return true;
        });

        session.restore();
        QTRY_COMPARE(session.state(), Session::State::SignedOut);
        QCOMPARE(session.persistence(), Session::Persistence::SessionOnly);
        QCOMPARE(session.persistenceMessage(), QStringLiteral("Not remembered — no system keyring"));

        sessiontest::Browser browser;
        sessiontest::signIn(flow, browser);
        QCOMPARE(flow.state(), SignInFlow::State::SignedIn);
        QCOMPARE(session.state(), Session::State::SignedIn);
        QVERIFY(!session.isPersistent());
        QCOMPARE(session.persistenceMessage(), QStringLiteral("Not remembered — no system keyring"));

        // The session-only refresh token works for the rest of the run.
        const QByteArray first = session.accessToken();
        QCOMPARE(sessiontest::awaitRefresh(session, first), std::optional<bool>(true));
        QVERIFY(session.accessToken() != first);
    }
};

QTEST_GUILESS_MAIN(TestSignInFlow)
#include "tst_signinflow.moc"
