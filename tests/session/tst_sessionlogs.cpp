// T12 (TS-6, TS-7): at full log verbosity (QT_LOGGING_RULES="*.debug=true", set by CTest) a sign-in, a refresh,
// Web API calls, a declined and a refused sign-in, an ended grant and a sign-out leave no token, code, verifier
// or state in any log line, nor in any file under the test's configuration, data, cache, temporary and runtime
// directories.

#include "engine/spotify/session.h"
#include "engine/spotify/signinflow.h"
#include "tests/session/sessiontestsupport.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using engine::Session;
using engine::SignInFlow;
using testsupport::FakeSpotify;

namespace
{

QMutex capturedMutex;
QByteArray captured;
QtMessageHandler forwardTo = nullptr;

// Every message of every category and level, from any thread; only warnings and worse go on to the test log, so
// that the debug flood stays out of CTest's output.
void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker lock(&capturedMutex);
        captured += QByteArray(context.category ? context.category : "default") + ": " + message.toUtf8() + '\n';
    }
    if (type != QtDebugMsg && type != QtInfoMsg && forwardTo) {
        forwardTo(type, context, message);
    }
}

QByteArray capturedLog()
{
    const QMutexLocker lock(&capturedMutex);
    return captured;
}

int getWithToken(QNetworkAccessManager &network, const QUrl &url, const QByteArray &token)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token);
    const std::unique_ptr<QNetworkReply> reply(network.get(request));
    if (!QTest::qWaitFor(
            [&] {
                return reply->isFinished();
            },
            sessiontest::AnswerTimeoutMs)) {
        return 0;
    }
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

class TestSessionLogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        // Whatever Qt would write for this process (settings, caches, temporary files) lands here, to be searched.
        for (const char *variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "TMPDIR"}) {
            const QString path = m_files.filePath(QString::fromLatin1(variable).toLower());
            QVERIFY(QDir().mkpath(path));
            qputenv(variable, QFile::encodeName(path));
        }
        forwardTo = qInstallMessageHandler(capture);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(forwardTo);
    }

    void noSecretReachesALogOrAFile()
    {
        QVERIFY2(QLoggingCategory("tunescout.spotify.session").isDebugEnabled(),
                 "run with QT_LOGGING_RULES=*.debug=true (CTest sets it)");
        sessiontest::SpotifyRig rig;
        QVERIFY(rig.spotify.isRunning());
        // The real keychain where there is one, so that its backend's logging is covered too.
        engine::KeychainSecretStore keychain(nullptr, QStringLiteral("TuneScout-test"));
        engine::MemorySecretStore memory;
        const bool withKeychain = sessiontest::haveSessionBus();
        const QString key = QStringLiteral("session-logs-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
        Session session(rig.sessionOptions(key),
                        withKeychain ? static_cast<engine::SecretStore *>(&keychain) : &memory,
                        &rig.network);
        SignInFlow flow(&session, [](const QUrl &) {
            return true;
        });
        session.restore();
        QTRY_COMPARE(session.state(), Session::State::SignedOut);

        // Declined, refused (invalid_grant on the exchange), then a real sign-in.
        rig.spotify.setConsent(FakeSpotify::Consent::Deny);
        sessiontest::signIn(flow, rig.browser);
        QCOMPARE(flow.state(), SignInFlow::State::Cancelled);
        rig.spotify.setConsent(FakeSpotify::Consent::AutoApprove);
        FakeSpotify::Fault refused;
        refused.pathPattern = QStringLiteral("^/api/token$");
        refused.status = 400;
        refused.rawContentType = QByteArrayLiteral("application/json");
        refused.rawBody =
            QByteArrayLiteral(R"({"error":"invalid_grant","error_description":"Invalid authorization code"})");
        rig.spotify.addFault(refused);
        sessiontest::signIn(flow, rig.browser);
        QCOMPARE(flow.state(), SignInFlow::State::Failed);
        sessiontest::signIn(flow, rig.browser);
        QCOMPARE(flow.state(), SignInFlow::State::SignedIn);
        QCOMPARE(session.isPersistent(), withKeychain);

        // A refresh, and Web API calls with the tokens.
        const QUrl me(rig.spotify.apiUrl().toString() + QStringLiteral("/me"));
        QCOMPARE(getWithToken(rig.network, me, session.accessToken()), 200);
        rig.spotify.expireAccessTokens();
        QCOMPARE(getWithToken(rig.network, me, session.accessToken()), 401);
        QCOMPARE(sessiontest::awaitRefresh(session, session.accessToken()), std::optional<bool>(true));
        for (int call = 0; call < 10; ++call) {
            QCOMPARE(getWithToken(rig.network, me, session.accessToken()), 200);
        }

        // The grant ends (invalid_grant on refresh), then a new sign-in and a sign-out.
        rig.spotify.revokeGrants();
        QCOMPARE(sessiontest::awaitRefresh(session, session.accessToken()), std::optional<bool>(false));
        QCOMPARE(session.state(), Session::State::NeedsSignIn);
        sessiontest::signIn(flow, rig.browser);
        QCOMPARE(flow.state(), SignInFlow::State::SignedIn);
        session.signOut();
        QTRY_COMPARE(
            sessiontest::await([&](engine::SecretStore::Callback done) {
                (withKeychain ? static_cast<engine::SecretStore &>(keychain) : memory).read(key, std::move(done));
            }).status,
            engine::SecretStore::Status::NotFound);

        const QByteArrayList secrets = sessiontest::signInSecrets(rig.spotify);
        // Per sign-in: a code, a verifier and a state; plus the access and refresh tokens handed out.
        QVERIFY2(secrets.size() >= 15, qPrintable(QString::number(secrets.size())));
        const QByteArray log = capturedLog();
        QVERIFY(log.contains("tunescout.spotify.session: "));
        QVERIFY(log.contains("tunescout.spotify.signin: "));
        QCOMPARE(sessiontest::occurrences(log, secrets), QStringList());
        QCOMPARE(sessiontest::filesContaining(m_files.path(), secrets), QStringList());
        QCOMPARE(sessiontest::filesContaining(qEnvironmentVariable("XDG_RUNTIME_DIR"), secrets), QStringList());
    }

private:
    QTemporaryDir m_files;
};

QTEST_GUILESS_MAIN(TestSessionLogs)
#include "tst_sessionlogs.moc"
