// tunescout-cli against the fake Spotify, as a person would use it: sign in (the test plays the browser),
// sync, look at the status, sign out.

#include "tests/support/clilogin.h"
#include "tests/support/spotify/fakespotify.h"
#include "tests/support/testenv.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCliSync : public QObject
{
    Q_OBJECT

private:
    testsupport::FakeSpotify m_spotify;
    QTemporaryDir m_dir;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("TUNESCOUT_DATA_DIR"), m_dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("TUNESCOUT_SPOTIFY_ACCOUNTS_URL"), m_spotify.accountsUrl().toString());
        env.insert(QStringLiteral("TUNESCOUT_SPOTIFY_API_URL"), m_spotify.apiUrl().toString());
        env.insert(QStringLiteral("TUNESCOUT_SPOTIFY_CLIENT_ID"), QStringLiteral("tunescout-test-client"));
        return env;
    }

    int run(const QStringList &arguments, QString *output = nullptr)
    {
        QProcess cli;
        cli.setProcessEnvironment(environment());
        cli.start(QStringLiteral(TUNESCOUT_CLI_PATH), arguments);
        if (!cli.waitForFinished(60000)) {
            cli.kill();
            cli.waitForFinished();
            return -1;
        }
        if (output) {
            *output = QString::fromUtf8(cli.readAllStandardOutput());
        }
        return cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
    }

    QJsonObject status()
    {
        QString output;
        if (run({QStringLiteral("status"), QStringLiteral("--json")}, &output) != 0) {
            return {};
        }
        return QJsonDocument::fromJson(output.toUtf8()).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        TUNESCOUT_REQUIRE_SERVICE(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                                  "a D-Bus session with an unlocked keyring");
        QVERIFY(m_spotify.start());
    }

    void signsInSyncsAndSignsOut()
    {
        QCOMPARE(status().value(QStringLiteral("signed_in")).toBool(true), false);
        QCOMPARE(run({QStringLiteral("sync"), QStringLiteral("--once")}), 3);

        // login prints the authorization address on a line of its own and waits for the browser.
        const testsupport::CliLogin login = testsupport::cliLogin(QStringLiteral(TUNESCOUT_CLI_PATH), environment());
        QCOMPARE(login.authorize.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(login.authorize.query().contains(QStringLiteral("code_challenge_method=S256")));
        QCOMPARE(login.pageStatus, 200);
        QVERIFY(login.finished);
        QCOMPARE(login.exitCode, 0);
        QVERIFY(login.output.contains("Signed in to Spotify."));
        QCOMPARE(m_spotify.tokenRequestCount(QStringLiteral("authorization_code")), 1);

        QCOMPARE(status().value(QStringLiteral("signed_in")).toBool(), true);
        QString output;
        QCOMPARE(run({QStringLiteral("sync"), QStringLiteral("--once")}, &output), 0);
        QVERIFY2(output.contains(QStringLiteral("Full sync complete")), qPrintable(output));

        int savedTracks = 0;
        int followed = 0;
        m_spotify.withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
            savedTracks = int(library.savedTracks.size());
            followed = int(library.followedArtistIds.size());
        });
        const QJsonObject counts = status().value(QStringLiteral("counts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("saved_tracks")).toInt(), savedTracks);
        QCOMPARE(counts.value(QStringLiteral("followed_artists")).toInt(), followed);
        QCOMPARE(counts.value(QStringLiteral("plays")).toInt(), 50);

        QCOMPARE(run({QStringLiteral("logout")}), 0);
        QCOMPARE(status().value(QStringLiteral("signed_in")).toBool(true), false);
        QCOMPARE(run({QStringLiteral("sync"), QStringLiteral("--once")}), 3);
    }
};

QTEST_GUILESS_MAIN(TestCliSync)
#include "tst_clisync.moc"
