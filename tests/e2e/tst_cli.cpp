// tunescout-cli as a script would use it: exit codes, output, and the doctor's findings with the real
// keychain on D-Bus.

#include "tests/support/testenv.h"
#include "tunescoutversion.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

namespace
{

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.remove(QStringLiteral("TUNESCOUT_DATA_DIR"));
        env.remove(QStringLiteral("TUNESCOUT_SPOTIFY_CLIENT_ID"));
        env.remove(QStringLiteral("TUNESCOUT_HUB_URL"));
        return env;
    }

    static Run run(const QStringList &arguments, const QProcessEnvironment &env)
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(TUNESCOUT_CLI_PATH), arguments);
        Run result;
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    static bool keyringSession()
    {
        return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
    }

private Q_SLOTS:
    void printsItsVersion()
    {
        const Run result = run({QStringLiteral("--version")}, environment());
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out.trimmed(), QStringLiteral("tunescout-cli " TUNESCOUT_VERSION));
    }

    void helpListsTheCommands()
    {
        const Run result = run({QStringLiteral("--help")}, environment());
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(QStringLiteral("doctor")));
        QVERIFY(result.out.contains(QStringLiteral("--data-dir")));
    }

    void badUsageExitsWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("messagePart");
        QTest::addRow("no-command") << QStringList{} << QStringLiteral("No command given");
        QTest::addRow("unknown-command") << QStringList{QStringLiteral("dance")}
                                         << QStringLiteral("Unknown command 'dance'");
        QTest::addRow("unknown-option") << QStringList{QStringLiteral("--colour")} << QStringLiteral("colour");
        QTest::addRow("extra-argument") << QStringList{QStringLiteral("doctor"), QStringLiteral("now")}
                                        << QStringLiteral("takes no arguments");
    }

    void badUsageExitsWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, messagePart);
        const Run result = run(arguments, environment());
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(messagePart), qPrintable(result.err));
        QVERIFY(result.err.contains(QStringLiteral("--help")));
    }

    void setupExplainsTheStepsWithoutAClientId()
    {
        const Run result = run({QStringLiteral("setup")}, environment());
        QCOMPARE(result.exitCode, 3);
        QVERIFY(result.out.contains(QStringLiteral("http://127.0.0.1/callback")));
        QVERIFY(result.out.contains(QStringLiteral("Development Mode")));
        QVERIFY(result.out.contains(QStringLiteral("tunescout-cli setup --client-id")));
    }

    void setupStoresAValidClientId()
    {
        // A settings folder of its own, so that the other tests still see no Client ID.
        QTemporaryDir config;
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        const Run bad = run({QStringLiteral("setup"), QStringLiteral("--client-id"), QStringLiteral("not an id")}, env);
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains(QStringLiteral("developer dashboard")));

        const Run good = run({QStringLiteral("setup"),
                              QStringLiteral("--client-id"),
                              QStringLiteral("  0123456789abcdef0123456789abcdef ")},
                             env);
        QCOMPARE(good.exitCode, 0);
        const QString settingsPath = config.filePath(QStringLiteral("TuneScout/tunescout.ini"));
        QVERIFY2(good.out.contains(settingsPath), qPrintable(good.out));
        QSettings settings(settingsPath, QSettings::IniFormat);
        QCOMPARE(settings.value(QStringLiteral("spotify/client_id")).toString(),
                 QStringLiteral("0123456789abcdef0123456789abcdef"));

        QTemporaryDir data;
        const Run doctor = run({QStringLiteral("doctor"), QStringLiteral("--data-dir"), data.path()}, env);
        QVERIFY2(doctor.out.contains(QStringLiteral("0123456789abcdef0123456789abcdef (from %1)").arg(settingsPath)),
                 qPrintable(doctor.out));
    }

    void doctorPassesOnAHealthySetup()
    {
        TUNESCOUT_REQUIRE_SERVICE(keyringSession(), "a D-Bus session with an unlocked keyring");
        QTemporaryDir data;
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("TUNESCOUT_SPOTIFY_CLIENT_ID"), QStringLiteral("0123456789abcdef0123456789abcdef"));
        env.insert(QStringLiteral("TUNESCOUT_SPOTIFY_API_URL"), QStringLiteral("http://127.0.0.1:9/v1"));
        env.insert(QStringLiteral("TUNESCOUT_HUB_URL"), QStringLiteral("http://127.0.0.1:8787"));

        const Run result = run({QStringLiteral("doctor"), QStringLiteral("--data-dir"), data.path()}, env);
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        QVERIFY(result.out.contains(QStringLiteral("All checks passed.")));
        QVERIFY(result.out.contains(data.filePath(QStringLiteral("tunescout.sqlite"))));
        QVERIFY(result.out.contains(QStringLiteral("integrity ok")));
        QVERIFY(result.out.contains(QStringLiteral("http://127.0.0.1:9/v1")));
        QVERIFY(result.out.contains(QStringLiteral("http://127.0.0.1:8787")));
        QVERIFY(QFile::exists(data.filePath(QStringLiteral("tunescout.sqlite"))));
    }

    void doctorJsonIsMachineReadable()
    {
        TUNESCOUT_REQUIRE_SERVICE(keyringSession(), "a D-Bus session with an unlocked keyring");
        QTemporaryDir data;
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("TUNESCOUT_DATA_DIR"), data.path());
        const Run result = run({QStringLiteral("doctor"), QStringLiteral("--json")}, env);
        QCOMPARE(result.exitCode, 1); // no Spotify Client ID configured
        const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(report.value(QStringLiteral("ok")).toBool(true), false);
        QHash<QString, QJsonObject> checks;
        for (const QJsonValue &check : report.value(QStringLiteral("checks")).toArray()) {
            checks.insert(check[QStringLiteral("name")].toString(), check.toObject());
        }
        QVERIFY(checks.value(QStringLiteral("keychain")).value(QStringLiteral("ok")).toBool());
        QVERIFY(checks.value(QStringLiteral("database")).value(QStringLiteral("ok")).toBool());
        QCOMPARE(checks.value(QStringLiteral("data dir")).value(QStringLiteral("value")).toString(), data.path());
        const QJsonObject clientId = checks.value(QStringLiteral("spotify client id"));
        QCOMPARE(clientId.value(QStringLiteral("ok")).toBool(true), false);
        QVERIFY(clientId.value(QStringLiteral("advice"))
                    .toString()
                    .contains(QStringLiteral("TUNESCOUT_SPOTIFY_CLIENT_ID")));
    }

    void doctorReportsAMissingKeychain()
    {
        QTemporaryDir data;
        QProcessEnvironment env = environment();
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("DISPLAY"));
        env.insert(QStringLiteral("TUNESCOUT_SPOTIFY_CLIENT_ID"), QStringLiteral("0123456789abcdef0123456789abcdef"));
        const Run result = run({QStringLiteral("doctor"), QStringLiteral("--data-dir"), data.path()}, env);
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.out.contains(QStringLiteral("FAIL keychain")));
        QVERIFY(result.out.contains(QStringLiteral("sign in again every time")));
        QVERIFY(result.out.contains(QStringLiteral("1 problem(s) found.")));
    }

    void doctorLeavesANewerCacheUntouched()
    {
        QTemporaryDir data;
        const QString path = data.filePath(QStringLiteral("tunescout.sqlite"));
        // A cache written by "a newer build": schema (user_version) 77, with a table this build does not know.
        QVERIFY(QFile::copy(QStringLiteral(TUNESCOUT_SOURCE_DIR "/tests/e2e/fixtures/newer-schema.sqlite"), path));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QFile before(path);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray hash = QCryptographicHash::hash(before.readAll(), QCryptographicHash::Sha256);
        before.close();

        const Run result = run({QStringLiteral("doctor"), QStringLiteral("--data-dir"), data.path()}, environment());
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.contains(QStringLiteral("newer version of TuneScout")), qPrintable(result.out));
        QFile after(path);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(QCryptographicHash::hash(after.readAll(), QCryptographicHash::Sha256), hash);
    }

    void doctorExplainsABadSetting()
    {
        QTemporaryDir data;
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("TUNESCOUT_SPOTIFY_ACCOUNTS_URL"), QStringLiteral("accounts.spotify.com"));
        const Run result = run({QStringLiteral("doctor"), QStringLiteral("--data-dir"), data.path()}, env);
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.out.contains(QStringLiteral("FAIL configuration")));
        QVERIFY(result.out.contains(QStringLiteral("TUNESCOUT_SPOTIFY_ACCOUNTS_URL must be an absolute")));
        // The cache is still checked where it would be.
        QVERIFY(result.out.contains(QStringLiteral("integrity ok")));
    }
};

} // namespace

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
