// tunescout-cli import as a script would use it: the report on stdout (text or JSON), exit codes for a
// partial failure and bad usage, --dry-run and --include-incognito.

#include "tests/support/testenv.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace
{

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("TUNESCOUT_DATA_DIR"));
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

QString fixture()
{
    return testsupport::sourceDir() + QStringLiteral("/tests/import/fixtures/export");
}

} // namespace

class ImportCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importsAndPrintsTheReport();
    void partialFailureExitsWithFailure();
    void usageErrors();
};

void ImportCliTest::importsAndPrintsTheReport()
{
    QTemporaryDir data;
    const QString dataDir = data.filePath(QStringLiteral("cache"));

    const Run dry = runCli({QStringLiteral("--data-dir"),
                            dataDir,
                            QStringLiteral("import"),
                            fixture(),
                            QStringLiteral("--dry-run"),
                            QStringLiteral("--json")});
    QCOMPARE(dry.exitCode, 0);
    const QJsonObject dryReport = QJsonDocument::fromJson(dry.out.toUtf8()).object();
    QCOMPARE(dryReport.value(QStringLiteral("dry_run")).toBool(), true);
    QCOMPARE(dryReport.value(QStringLiteral("totals")).toObject().value(QStringLiteral("plays_added")).toInt(), 6);

    const Run text = runCli({QStringLiteral("--data-dir"), dataDir, QStringLiteral("import"), fixture()});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains(QStringLiteral("         6  plays added (30 s or longer)\n")), qPrintable(text.out));
    QVERIFY(text.out.contains(QStringLiteral("         1  private-session plays skipped\n")));
    QVERIFY(text.out.contains(
        QStringLiteral("  ignored: ") + fixture()
        + QStringLiteral("/Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf\n")));
    QVERIFY2(text.err.isEmpty(), qPrintable(text.err)); // no progress when stderr is not a terminal

    const Run again = runCli({QStringLiteral("--data-dir"),
                              dataDir,
                              QStringLiteral("import"),
                              fixture(),
                              QStringLiteral("--json"),
                              QStringLiteral("--include-incognito")});
    QCOMPARE(again.exitCode, 0);
    const QJsonObject report = QJsonDocument::fromJson(again.out.toUtf8()).object();
    QCOMPARE(report.value(QStringLiteral("totals")).toObject().value(QStringLiteral("plays_added")).toInt(), 0);
    const QJsonArray files = report.value(QStringLiteral("files")).toArray();
    int alreadyImported = 0;
    for (const QJsonValue &file : files) {
        alreadyImported +=
            file.toObject().value(QStringLiteral("status")).toString() == QLatin1String("already_imported");
    }
    QCOMPARE(alreadyImported, 4);
}

void ImportCliTest::partialFailureExitsWithFailure()
{
    QTemporaryDir dir;
    const QString broken = dir.filePath(QStringLiteral("Streaming_History_Audio_2021_3.json"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[{\"ts\": \"2021-01-01T00:00:00Z\", \"ms_played\": tru}]");
    file.close();
    const Run result = runCli({QStringLiteral("--data-dir"),
                               dir.filePath(QStringLiteral("cache")),
                               QStringLiteral("import"),
                               broken,
                               fixture() + QStringLiteral("/Spotify Extended Streaming History/endsong_0.json"),
                               QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 1);
    const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(report.value(QStringLiteral("failed_files")).toInt(), 1);
    QCOMPARE(report.value(QStringLiteral("totals")).toObject().value(QStringLiteral("plays_added")).toInt(), 1);
    const QJsonObject failed = report.value(QStringLiteral("files")).toArray().at(0).toObject();
    QCOMPARE(failed.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(failed.value(QStringLiteral("error")).toString(),
             broken + QStringLiteral(": byte 48 (line 1, column 49): expected true, found '}'"));
}

void ImportCliTest::usageErrors()
{
    const Run noPaths = runCli({QStringLiteral("import")});
    QCOMPARE(noPaths.exitCode, 2);
    QVERIFY(noPaths.err.contains(QStringLiteral("'import' needs the export's zip, a folder or files to read.")));
    const Run stray = runCli({QStringLiteral("status"), QStringLiteral("extra")});
    QCOMPARE(stray.exitCode, 2);
}

QTEST_GUILESS_MAIN(ImportCliTest)
#include "tst_import_cli.moc"
