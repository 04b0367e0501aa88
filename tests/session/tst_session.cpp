// The signed-in session against the fake Spotify (rotating single-use refresh tokens) and the real keychain:
// restore, single-flight refresh with the store written before anyone is answered (T11), a missing
// refresh_token, invalid_grant without a loop, a kill -9 between the refresh and the keychain write (T11),
// proactive refresh (OA-9), passing failures, a keychain that cannot save (OA-8), no keychain (TS-2), sign-out
// (TS-5).

#include "engine/spotify/endpoints.h"
#include "engine/spotify/session.h"
#include "tests/session/sessiontestsupport.h"
#include "tests/support/testenv.h"

#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <unistd.h>

using namespace std::chrono_literals;
using engine::KeychainSecretStore;
using engine::MemorySecretStore;
using engine::SecretStore;
using engine::Session;
using sessiontest::RecordingStore;
using sessiontest::SpotifyRig;
using testsupport::FakeSpotify;

Q_DECLARE_METATYPE(testsupport::FakeSpotify::Fault)
Q_DECLARE_METATYPE(engine::SecretStore::Status)

namespace
{

const QString keychainService = QStringLiteral("TuneScout-test");
constexpr int concurrentCalls = 20;
const auto sixMonthsAndADay = std::chrono::milliseconds(184LL * 24 * 3600 * 1000);

QString uniqueKey()
{
    return QStringLiteral("session-test-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
}

SecretStore::Answer readSecret(SecretStore &store, const QString &key)
{
    return sessiontest::await([&](SecretStore::Callback done) {
        store.read(key, std::move(done));
    });
}

SecretStore::Status writeSecret(SecretStore &store, const QString &key, const QByteArray &secret)
{
    return sessiontest::await([&](SecretStore::Callback done) {
               store.write(key, secret, std::move(done));
           })
        .status;
}

void removeSecret(SecretStore &store, const QString &key)
{
    sessiontest::await([&](SecretStore::Callback done) {
        store.remove(key, std::move(done));
    });
}

// Takes `tokens` into the session as a completed sign-in would.
bool adopt(Session &session, const engine::spotifyjson::TokenResponse &tokens)
{
    QObject context;
    std::optional<bool> adopted;
    session.adopt(tokens, &context, [&](bool ok) {
        adopted = ok;
    });
    const bool answered = QTest::qWaitFor(
        [&] {
            return adopted.has_value();
        },
        sessiontest::AnswerTimeoutMs);
    return answered && *adopted;
}

// One Web API call as the Spotify client makes it: GET /v1/me with the current access token; after a 401 it asks
// the session for a new token (once) and replays.
struct ApiCall {
    int attempts = 0;
    int finalStatus = 0;
    std::optional<bool> refreshed;
};

void callApi(QNetworkAccessManager &network,
             Session &session,
             const QUrl &url,
             QObject *context,
             ApiCall *call,
             QStringList *log)
{
    const QByteArray token = session.accessToken();
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply *reply = network.get(request);
    ++call->attempts;
    QObject::connect(reply, &QNetworkReply::finished, context, [=, &network, &session] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 401 || call->attempts > 1) {
            call->finalStatus = status;
            return;
        }
        session.refreshAccessToken(token, context, [=, &network, &session](bool ok) {
            log->append(QStringLiteral("answered"));
            call->refreshed = ok;
            if (ok) {
                callApi(network, session, url, context, call, log);
            } else {
                call->finalStatus = status;
            }
        });
    });
}

// Fires `count` API calls at once and waits until each has its final answer.
std::vector<ApiCall> callApiConcurrently(SpotifyRig &rig, Session &session, int count, QStringList *log)
{
    QObject context;
    std::vector<ApiCall> calls(count);
    const QUrl me(rig.spotify.apiUrl().toString() + QStringLiteral("/me"));
    for (ApiCall &call : calls) {
        callApi(rig.network, session, me, &context, &call, log);
    }
    if (!QTest::qWaitFor(
            [&] {
                return std::all_of(calls.begin(), calls.end(), [](const ApiCall &call) {
                    return call.finalStatus != 0;
                });
            },
            30000)) {
        qWarning("not every API call had its answer within 30 s");
    }
    return calls;
}

// The session of the crash child: the process is killed right where a crash costs the most.
class CrashingSession : public Session
{
public:
    using Session::Session;

protected:
    void beforeStoringRefreshToken() override
    {
        std::fputs("crash-point\n", stdout);
        std::fflush(stdout);
        for (;;) {
            ::pause();
        }
    }
};

} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void restoreWithNothingStored()
    {
        SpotifyRig rig;
        MemorySecretStore store;
        Session session(rig.sessionOptions(), &store, &rig.network);
        QCOMPARE(session.state(), Session::State::SignedOut);
        QCOMPARE(session.persistence(), Session::Persistence::SessionOnly);
        session.restore();
        QCOMPARE(session.state(), Session::State::Restoring);
        QTRY_COMPARE(session.state(), Session::State::SignedOut);
        QCOMPARE(rig.spotify.tokenRequestCount(), 0);
        QCOMPARE(sessiontest::awaitRefresh(session, {}), std::optional<bool>(false));
        QCOMPARE(rig.spotify.tokenRequestCount(), 0);
    }

    // The refresh request: form-encoded grant_type, refresh_token and client_id, no secret; the rotated token
    // replaces the stored one.
    void restoreRefreshesAndStoresTheRotatedToken()
    {
        SpotifyRig rig;
        MemorySecretStore store;
        const auto grant = rig.spotify.issueTokens();
        QCOMPARE(writeSecret(store, QStringLiteral("spotify-refresh-token"), grant.refreshToken.toUtf8()),
                 SecretStore::Status::Ok);
        Session session(rig.sessionOptions(), &store, &rig.network);
        QSignalSpy tokenChanged(&session, &Session::accessTokenChanged);
        session.restore();
        QTRY_COMPARE(session.state(), Session::State::SignedIn);
        QCOMPARE(tokenChanged.count(), 1);
        QVERIFY(!session.accessToken().isEmpty());
        QVERIFY(session.accessToken() != grant.accessToken.toUtf8());
        QVERIFY(session.errorMessage().isEmpty());

        const auto posts = sessiontest::tokenRequests(rig.spotify);
        QCOMPARE(posts.size(), 1);
        const auto &request = posts.first().request;
        QVERIFY(request.isForm());
        QCOMPARE(request.formValue(QStringLiteral("grant_type")), QStringLiteral("refresh_token"));
        QCOMPARE(request.formValue(QStringLiteral("refresh_token")), grant.refreshToken);
        QCOMPARE(request.formValue(QStringLiteral("client_id")), FakeSpotify::Options().clientId);
        QVERIFY(!request.hasFormValue(QStringLiteral("client_secret")));
        QVERIFY(!request.hasHeader("Authorization"));

        const SecretStore::Answer stored = readSecret(store, QStringLiteral("spotify-refresh-token"));
        QCOMPARE(stored.status, SecretStore::Status::Ok);
        QVERIFY(stored.secret != grant.refreshToken.toUtf8());
        QVERIFY(rig.spotify.issuedSecrets().contains(QString::fromUtf8(stored.secret)));
    }

    // T11: 20 calls hit an expired token at once: one refresh, all 20 replayed successfully, and the keychain
    // holds the new refresh token before the first caller hears of it.
    void concurrentCallsShareOneRefresh()
    {
        TUNESCOUT_REQUIRE_SERVICE(sessiontest::haveSessionBus(), "a D-Bus session with an unlocked keyring");
        SpotifyRig rig;
        const QString key = uniqueKey();
        KeychainSecretStore keychain(nullptr, keychainService);
        RecordingStore store(&keychain);
        Session session(rig.sessionOptions(key), &store, &rig.network);
        const auto grant = rig.spotify.issueTokens();
        QVERIFY(adopt(session, sessiontest::tokensOf(grant)));
        QVERIFY(session.isPersistent());
        QCOMPARE(session.persistence(), Session::Persistence::Keychain);
        QVERIFY(session.persistenceMessage().isEmpty());
        store.log.clear();

        rig.spotify.expireAccessTokens();
        const std::vector<ApiCall> calls = callApiConcurrently(rig, session, concurrentCalls, &store.log);
        for (const ApiCall &call : calls) {
            QCOMPARE(call.finalStatus, 200);
            QCOMPARE(call.refreshed, std::optional<bool>(true));
            QCOMPARE(call.attempts, 2);
        }
        QCOMPARE(rig.spotify.tokenRequestCount(QStringLiteral("refresh_token")), 1);
        QCOMPARE(store.log.count(QStringLiteral("write ok")), 1);
        QCOMPARE(store.log.count(QStringLiteral("answered")), concurrentCalls);
        QCOMPARE(store.log.first(), QStringLiteral("write ok"));

        const SecretStore::Answer stored = readSecret(keychain, key);
        QCOMPARE(stored.status, SecretStore::Status::Ok);
        QVERIFY(stored.secret != grant.refreshToken.toUtf8());

        // The stored token is the live one: a restart refreshes with it (the old one died on rotation).
        Session restarted(rig.sessionOptions(key), &keychain, &rig.network);
        restarted.restore();
        QTRY_COMPARE(restarted.state(), Session::State::SignedIn);
        QCOMPARE(rig.spotify.tokenRequestCount(QStringLiteral("refresh_token")), 2);
        removeSecret(keychain, key);
    }

    // SPOTIFY.md §1.4: a refresh answer without refresh_token keeps the old token, which stays valid.
    void omittedRefreshTokenKeepsTheOld()
    {
        TUNESCOUT_REQUIRE_SERVICE(sessiontest::haveSessionBus(), "a D-Bus session with an unlocked keyring");
        SpotifyRig rig;
        rig.spotify.setRotateRefreshTokens(false);
        const QString key = uniqueKey();
        KeychainSecretStore keychain(nullptr, keychainService);
        RecordingStore store(&keychain);
        Session session(rig.sessionOptions(key), &store, &rig.network);
        const auto grant = rig.spotify.issueTokens();
        QVERIFY(adopt(session, sessiontest::tokensOf(grant)));
        store.log.clear();

        for (int refresh = 1; refresh <= 2; ++refresh) {
            const QByteArray before = session.accessToken();
            QCOMPARE(sessiontest::awaitRefresh(session, before), std::optional<bool>(true));
            QVERIFY(session.accessToken() != before);
            QCOMPARE(rig.spotify.tokenRequestCount(QStringLiteral("refresh_token")), refresh);
        }
        QCOMPARE(store.log, QStringList());
        const auto posts = sessiontest::tokenRequests(rig.spotify);
        QCOMPARE(posts.size(), 2);
        QCOMPARE(posts.last().request.formValue(QStringLiteral("refresh_token")), grant.refreshToken);
        QCOMPARE(readSecret(keychain, key).secret, grant.refreshToken.toUtf8());
        removeSecret(keychain, key);
    }

    // T11, OA-8: any invalid_grant ends the session after exactly one request, answers every caller false,
    // erases the stored token and never retries.
    void invalidGrantNeedsSignIn_data()
    {
        QTest::addColumn<bool>("revoke");
        QTest::addColumn<Session::EndReason>("reason");
        QTest::addRow("revoked") << true << Session::EndReason::Revoked;
        QTest::addRow("six-months-old") << false << Session::EndReason::Expired;
    }

    void invalidGrantNeedsSignIn()
    {
        TUNESCOUT_REQUIRE_SERVICE(sessiontest::haveSessionBus(), "a D-Bus session with an unlocked keyring");
        QFETCH(bool, revoke);
        QFETCH(Session::EndReason, reason);
        SpotifyRig rig;
        const QString key = uniqueKey();
        KeychainSecretStore keychain(nullptr, keychainService);
        Session session(rig.sessionOptions(key), &keychain, &rig.network);
        QVERIFY(adopt(session, sessiontest::tokensOf(rig.spotify.issueTokens())));
        if (revoke) {
            rig.spotify.revokeGrants();
        } else {
            rig.spotify.ageGrants(sixMonthsAndADay);
            rig.spotify.expireAccessTokens();
        }

        QStringList log;
        const std::vector<ApiCall> calls = callApiConcurrently(rig, session, concurrentCalls, &log);
        for (const ApiCall &call : calls) {
            QCOMPARE(call.refreshed, std::optional<bool>(false));
            QCOMPARE(call.finalStatus, 401);
        }
        QCOMPARE(rig.spotify.tokenRequestCount(QStringLiteral("refresh_token")), 1);
        QCOMPARE(session.state(), Session::State::NeedsSignIn);
        QCOMPARE(session.endReason(), reason);
        QVERIFY(session.errorMessage().contains(QLatin1String("Sign in again")));
        QVERIFY(session.accessToken().isEmpty());
        QTRY_COMPARE(readSecret(keychain, key).status, SecretStore::Status::NotFound);

        for (int again = 0; again < 3; ++again) {
            QCOMPARE(sessiontest::awaitRefresh(session, {}), std::optional<bool>(false));
        }
        QCOMPARE(rig.spotify.tokenRequestCount(QStringLiteral("refresh_token")), 1);
    }

    // T11: killed (SIGKILL) after Spotify answered the refresh with a rotated token and before the keychain
    // write. After a restart the keychain's token is spent, so the session asks for a sign-in after exactly one
    // request, without a loop. The child half is childCrashesBeforeStoring().
    void crashBeforeStoringNeverLoops()
    {
        TUNESCOUT_REQUIRE_SERVICE(sessiontest::haveSessionBus(), "a D-Bus session with an unlocked keyring");
        SpotifyRig rig;
        const QString key = uniqueKey();
        KeychainSecretStore keychain(nullptr, keychainService);
        const auto grant = rig.spotify.issueTokens();
        QCOMPARE(writeSecret(keychain, key, grant.refreshToken.toUtf8()), SecretStore::Status::Ok);

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TUNESCOUT_SPOTIFY_ACCOUNTS_URL"), rig.spotify.accountsUrl().toString());
        env.insert(QStringLiteral("TUNESCOUT_SESSION_KEY"), key);
        env.insert(QStringLiteral("TUNESCOUT_SESSION_CHILD"), QStringLiteral("crash"));
        QProcess child;
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        QByteArray output;
        connect(&child, &QProcess::readyReadStandardOutput, this, [&] {
            output += child.readAllStandardOutput();
            if (output.contains("crash-point\n")) {
                child.kill(); // SIGKILL
            }
        });
        QSignalSpy finished(&child, &QProcess::finished);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("childCrashesBeforeStoring")});
        QVERIFY(finished.wait(60000));
        QVERIFY2(output.contains("crash-point\n"), output.constData());
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        QCOMPARE(rig.spotify.tokenRequestCount(QStringLiteral("refresh_token")), 1);
        QCOMPARE(readSecret(keychain, key).secret, grant.refreshToken.toUtf8());

        Session restarted(rig.sessionOptions(key), &keychain, &rig.network);
        restarted.restore();
        QTRY_VERIFY(restarted.state() != Session::State::Restoring);
        QCOMPARE(restarted.state(), Session::State::NeedsSignIn);
        QCOMPARE(restarted.endReason(), Session::EndReason::Expired);
        QTRY_COMPARE(readSecret(keychain, key).status, SecretStore::Status::NotFound);
        for (int again = 0; again < 3; ++again) {
            QCOMPARE(sessiontest::awaitRefresh(restarted, {}), std::optional<bool>(false));
        }
        QCOMPARE(rig.spotify.tokenRequestCount(QStringLiteral("refresh_token")), 2);
    }

    void childCrashesBeforeStoring()
    {
        if (qEnvironmentVariable("TUNESCOUT_SESSION_CHILD") != QLatin1String("crash")) {
            QSKIP("runs only as the child of crashBeforeStoringNeverLoops");
        }
        const auto endpoints = engine::SpotifyEndpoints::fromEnvironment(QProcessEnvironment::systemEnvironment());
        QVERIFY(endpoints);
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        KeychainSecretStore keychain(nullptr, keychainService);
        Session::Options options;
        options.accountsUrl = endpoints.value().accountsUrl;
        options.clientId = FakeSpotify::Options().clientId;
        options.secretKey = qEnvironmentVariable("TUNESCOUT_SESSION_KEY");
        CrashingSession session(options, &keychain, &network);
        session.restore();
        QTRY_VERIFY_WITH_TIMEOUT(session.state() != Session::State::Restoring, sessiontest::AnswerTimeoutMs);
        QFAIL(qPrintable(
            QStringLiteral("the refresh never got as far as storing its token: %1").arg(session.errorMessage())));
    }

    // OA-9: a minute before the access token expires the session refreshes on its own.
    void refreshesAheadOfExpiry()
    {
        SpotifyRig rig;
        MemorySecretStore store;
        const auto grant = rig.spotify.issueTokens();
        QCOMPARE(writeSecret(store, QStringLiteral("spotify-refresh-token"), grant.refreshToken.toUtf8()),
                 SecretStore::Status::Ok);
        // Spotify announces 62 s, so the proactive refresh is due after 2 s.
        FakeSpotify::Fault shortLived;
        shortLived.pathPattern = QStringLiteral("^/api/token$");
        shortLived.status = 200;
        shortLived.rawContentType = QByteArrayLiteral("application/json");
        shortLived.rawBody = QByteArrayLiteral(
            R"({"access_token":"BQshort-lived","token_type":"Bearer","scope":"user-read-private","expires_in":62})");
        rig.spotify.addFault(shortLived);

        Session session(rig.sessionOptions(), &store, &rig.network);
        session.restore();
        QTRY_COMPARE(session.state(), Session::State::SignedIn);
        QCOMPARE(session.accessToken(), QByteArrayLiteral("BQshort-lived"));
        QCOMPARE(rig.spotify.tokenRequestCount(QStringLiteral("refresh_token")), 0);

        QTRY_COMPARE_WITH_TIMEOUT(rig.spotify.tokenRequestCount(QStringLiteral("refresh_token")), 1, 10000);
        QTRY_VERIFY(session.accessToken() != QByteArrayLiteral("BQshort-lived"));
        QVERIFY(rig.spotify.issuedSecrets().contains(QString::fromLatin1(session.accessToken())));
        QCOMPARE(sessiontest::tokenRequests(rig.spotify).last().request.formValue(QStringLiteral("refresh_token")),
                 grant.refreshToken);
    }

    // A caller whose token was replaced meanwhile gets its answer without a request.
    void replacedTokenIsAnsweredAtOnce()
    {
        SpotifyRig rig;
        MemorySecretStore store;
        Session session(rig.sessionOptions(), &store, &rig.network);
        QVERIFY(adopt(session, sessiontest::tokensOf(rig.spotify.issueTokens())));
        QCOMPARE(sessiontest::awaitRefresh(session, QByteArrayLiteral("an-older-token")), std::optional<bool>(true));
        QCOMPARE(rig.spotify.tokenRequestCount(), 0);
    }

    // A refresh that fails for a passing reason keeps the session and is retried on its own, backing off.
    void passingFailuresAreRetried_data()
    {
        QTest::addColumn<FakeSpotify::Fault>("fault");
        QTest::addColumn<QString>("detail");
        QTest::addRow("service-unavailable")
            << FakeSpotify::Fault::serverError(503, QStringLiteral("^/api/token$")) << QStringLiteral("HTTP 503");
        QTest::addRow("two-outages") << FakeSpotify::Fault::serverError(503, QStringLiteral("^/api/token$"), 2)
                                     << QStringLiteral("HTTP 503");
        QTest::addRow("timeout") << FakeSpotify::Fault::slow(5000, QStringLiteral("^/api/token$"))
                                 << QStringLiteral("no answer within 0.5 s");
    }

    void passingFailuresAreRetried()
    {
        QFETCH(FakeSpotify::Fault, fault);
        QFETCH(QString, detail);
        SpotifyRig rig;
        MemorySecretStore store;
        const auto grant = rig.spotify.issueTokens();
        QCOMPARE(writeSecret(store, QStringLiteral("spotify-refresh-token"), grant.refreshToken.toUtf8()),
                 SecretStore::Status::Ok);
        Session::Options options = rig.sessionOptions();
        options.requestTimeout = 500ms;
        options.retryDelay = 200ms;
        Session session(options, &store, &rig.network);
        rig.spotify.addFault(fault);

        QObject context;
        std::optional<bool> answered;
        session.restore();
        session.refreshAccessToken({}, &context, [&](bool ok) {
            answered = ok;
        });
        QTRY_VERIFY(answered.has_value());
        QCOMPARE(*answered, false);
        QCOMPARE(session.state(), Session::State::SignedIn);
        QVERIFY(session.accessToken().isEmpty());
        QVERIFY2(session.errorMessage().contains(detail), qPrintable(session.errorMessage()));

        QTRY_VERIFY_WITH_TIMEOUT(!session.accessToken().isEmpty(), 10000);
        QVERIFY(session.errorMessage().isEmpty());
        QCOMPARE(rig.spotify.tokenRequestCount(QStringLiteral("refresh_token")), 1);
        QCOMPARE(rig.spotify.pendingFaults(), 0);
    }

    // A Client ID Spotify refuses needs the setup fixed; the stored token is kept for when it is.
    void rejectedClientNeedsSignIn()
    {
        SpotifyRig rig;
        MemorySecretStore store;
        const auto grant = rig.spotify.issueTokens();
        QCOMPARE(writeSecret(store, QStringLiteral("spotify-refresh-token"), grant.refreshToken.toUtf8()),
                 SecretStore::Status::Ok);
        Session::Options options = rig.sessionOptions();
        options.clientId = QStringLiteral("someone-elses-client");
        Session session(options, &store, &rig.network);
        session.restore();
        QTRY_COMPARE(session.state(), Session::State::NeedsSignIn);
        QCOMPARE(session.endReason(), Session::EndReason::ClientRejected);
        QVERIFY2(session.errorMessage().contains(QLatin1String("invalid_client")), qPrintable(session.errorMessage()));
        QCOMPARE(readSecret(store, QStringLiteral("spotify-refresh-token")).secret, grant.refreshToken.toUtf8());
        QCOMPARE(sessiontest::awaitRefresh(session, {}), std::optional<bool>(false));
        QCOMPARE(rig.spotify.tokenRequestCount(), 1);
    }

    // OA-8: when the keychain cannot save the new refresh token, the session keeps it in memory and says so.
    void keychainWriteFailureKeepsTheTokenInMemory()
    {
        SpotifyRig rig;
        KeychainSecretStore keychain(nullptr, keychainService);
        RecordingStore store(&keychain);
        store.failWrites = SecretStore::Status::Failed;
        Session session(rig.sessionOptions(uniqueKey()), &store, &rig.network);
        QSignalSpy persistenceChanged(&session, &Session::persistenceChanged);
        QVERIFY(adopt(session, sessiontest::tokensOf(rig.spotify.issueTokens())));
        QCOMPARE(session.state(), Session::State::SignedIn);
        QCOMPARE(session.persistence(), Session::Persistence::NotSaved);
        QVERIFY(!session.isPersistent());
        QVERIFY2(session.persistenceMessage().startsWith(QStringLiteral("Not remembered")),
                 qPrintable(session.persistenceMessage()));
        QCOMPARE(persistenceChanged.count(), 1);

        // Each rotated token is used from memory: two refreshes in a row work although none was saved.
        for (int refresh = 1; refresh <= 2; ++refresh) {
            QCOMPARE(sessiontest::awaitRefresh(session, session.accessToken()), std::optional<bool>(true));
            QCOMPARE(rig.spotify.tokenRequestCount(QStringLiteral("refresh_token")), refresh);
        }
        QCOMPARE(store.log.count(QStringLiteral("write failed")), 3);
        QCOMPARE(session.persistence(), Session::Persistence::NotSaved);
    }

    // TS-2: without a usable keychain the session runs in session-only mode, and never asks the keychain again.
    void noKeychainMeansSessionOnly_data()
    {
        QTest::addColumn<bool>("restoreFirst");
        QTest::addColumn<SecretStore::Status>("status");
        QTest::addColumn<QString>("banner");
        QTest::addRow("read-no-backend") << true << SecretStore::Status::NoBackend
                                         << QStringLiteral("Not remembered — no system keyring");
        QTest::addRow("read-access-denied") << true << SecretStore::Status::AccessDenied
                                            << QStringLiteral("Not remembered — the system keyring refused access");
        QTest::addRow("write-no-backend")
            << false << SecretStore::Status::NoBackend << QStringLiteral("Not remembered — no system keyring");
    }

    void noKeychainMeansSessionOnly()
    {
        QFETCH(bool, restoreFirst);
        QFETCH(SecretStore::Status, status);
        QFETCH(QString, banner);
        SpotifyRig rig;
        KeychainSecretStore keychain(nullptr, keychainService);
        RecordingStore store(&keychain);
        store.failReads = status;
        store.failWrites = status;
        Session session(rig.sessionOptions(uniqueKey()), &store, &rig.network);
        QVERIFY(session.isPersistent());
        if (restoreFirst) {
            session.restore();
            QTRY_COMPARE(session.state(), Session::State::SignedOut);
            QCOMPARE(session.persistenceMessage(), banner);
        }
        QVERIFY(adopt(session, sessiontest::tokensOf(rig.spotify.issueTokens())));
        QCOMPARE(session.state(), Session::State::SignedIn);
        QCOMPARE(session.persistence(), Session::Persistence::SessionOnly);
        QVERIFY(!session.isPersistent());
        QCOMPARE(session.persistenceMessage(), banner);
        QCOMPARE(sessiontest::awaitRefresh(session, session.accessToken()), std::optional<bool>(true));
        QCOMPARE(store.log.size(), 1); // the one failed call; everything after it stays in memory
    }

    // TS-5: signing out deletes the stored token, forgets the access token and answers waiting callers.
    void signOutForgetsEverything()
    {
        SpotifyRig rig;
        MemorySecretStore store;
        Session session(rig.sessionOptions(), &store, &rig.network);
        QVERIFY(adopt(session, sessiontest::tokensOf(rig.spotify.issueTokens())));
        QSignalSpy signedOut(&session, &Session::signedOut);
        rig.spotify.addFault(FakeSpotify::Fault::slow(5000, QStringLiteral("^/api/token$")));

        QObject context;
        std::optional<bool> waiting;
        session.refreshAccessToken(session.accessToken(), &context, [&](bool ok) {
            waiting = ok;
        });
        session.signOut();
        QCOMPARE(session.state(), Session::State::SignedOut);
        QVERIFY(session.accessToken().isEmpty());
        QCOMPARE(signedOut.count(), 1);
        QTRY_COMPARE(waiting, std::optional<bool>(false));
        QCOMPARE(readSecret(store, QStringLiteral("spotify-refresh-token")).status, SecretStore::Status::NotFound);
        QCOMPARE(sessiontest::awaitRefresh(session, {}), std::optional<bool>(false));
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
