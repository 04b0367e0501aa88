// The real `tunescout` binary runs once per data folder (RELIABILITY.md SQ-2): a second launch raises the first
// and leaves, a holder that does not answer is named with its PID, the lock of a killed app is taken over, and
// the CLI shares the cache with a running app.

#include "app/core/singleinstance.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QLockFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace
{

constexpr int LaunchTimeoutMs = 60000;

struct Run {
    int exitCode = -1; // -1: crashed or did not finish
    QString output; // stderr, then stdout
    QByteArray standardOutput;
};

Run run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(LaunchTimeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    const QByteArray standardOutput = process.readAllStandardOutput();
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardError() + standardOutput),
            standardOutput};
}

bool answersOn(const QString &serverName)
{
    QLocalSocket socket;
    socket.connectToServer(serverName);
    return socket.waitForConnected(1000);
}

} // namespace

class TestSingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aSecondLaunchRaisesTheFirstAndAKilledOnesLockIsTakenOver()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QString lockPath = QDir(data).filePath(QString::fromLatin1(SingleInstance::LockFileName));

        QProcess first;
        first.setProcessChannelMode(QProcess::MergedChannels);
        first.start(QStringLiteral(TUNESCOUT_APP_PATH), {QStringLiteral("--data-dir"), data});
        QVERIFY(first.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(answersOn(SingleInstance::serverName(data)), LaunchTimeoutMs);
        QVERIFY(QFile::exists(lockPath));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(QDir(data).filePath(QStringLiteral("tunescout.sqlite"))),
                                 LaunchTimeoutMs);

        // The same folder spelled differently is the same folder.
        const QString shot = dir.filePath(QStringLiteral("second.png"));
        const Run second =
            run(QStringLiteral(TUNESCOUT_APP_PATH),
                {QStringLiteral("--data-dir"), data + QStringLiteral("/./"), QStringLiteral("--screenshot"), shot});
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(second.output.contains(QStringLiteral("already running")), qPrintable(second.output));
        QVERIFY2(second.output.contains(QStringLiteral("PID %1").arg(first.processId())), qPrintable(second.output));
        QVERIFY(!QFile::exists(shot)); // it never opened a window of its own
        QString firstOutput;
        QTRY_VERIFY_WITH_TIMEOUT(
            (firstOutput += QString::fromUtf8(first.readAll())).contains(QStringLiteral("asked for this window")),
            10000);

        // The CLI is not locked out: WAL and the busy timeout let it read the cache the app holds open.
        const Run status =
            run(QStringLiteral(TUNESCOUT_CLI_PATH),
                {QStringLiteral("--data-dir"), data, QStringLiteral("status"), QStringLiteral("--json")});
        const QJsonObject json = QJsonDocument::fromJson(status.standardOutput).object();
        QVERIFY2(json.value(QStringLiteral("database")).toString().startsWith(data), qPrintable(status.output));
        QVERIFY2(json.contains(QStringLiteral("counts")), qPrintable(status.output));

        // Killed: the lock file stays behind, naming a process that is gone.
        first.kill();
        QVERIFY(first.waitForFinished());
        QVERIFY(QFile::exists(lockPath));
        const Run third = run(QStringLiteral(TUNESCOUT_APP_PATH),
                              {QStringLiteral("--data-dir"), data, QStringLiteral("--screenshot"), shot});
        QVERIFY2(third.exitCode == 0, qPrintable(third.output));
        QVERIFY(QFile::exists(shot));
        // and released on a normal exit.
        QVERIFY(!QFile::exists(lockPath));
    }

    void aHolderThatDoesNotAnswerIsNamed()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        // This test process holds the lock and does not listen: a TuneScout that hangs.
        QLockFile held(QDir(data).filePath(QString::fromLatin1(SingleInstance::LockFileName)));
        QVERIFY(held.tryLock(0));

        const Run blocked = run(QStringLiteral(TUNESCOUT_APP_PATH), {QStringLiteral("--data-dir"), data});
        QCOMPARE(blocked.exitCode, 1);
        QVERIFY2(blocked.output.contains(QStringLiteral("Another TuneScout (PID %1) holds the data folder")
                                             .arg(QCoreApplication::applicationPid())),
                 qPrintable(blocked.output));
        QVERIFY2(blocked.output.contains(QStringLiteral("did not answer")), qPrintable(blocked.output));
        // It never touched the cache.
        QVERIFY(!QFile::exists(QDir(data).filePath(QStringLiteral("tunescout.sqlite"))));
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
