// The import benchmark: a synthetic lifetime export (TUNESCOUT_BENCH_PLAYS rows, default 200000 so that CI
// stays quick; set 1000000 for the figure) imported into a fresh cache. Prints plays/s and peak
// resident memory beside their targets; never fails on speed.

#include "engine/import/historyimporter.h"
#include "engine/store/store.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

using namespace engine;

class ImportBench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importLifetimeExport();
};

void ImportBench::importLifetimeExport()
{
    const qint64 plays = qEnvironmentVariableIsSet("TUNESCOUT_BENCH_PLAYS")
        ? qEnvironmentVariable("TUNESCOUT_BENCH_PLAYS").toLongLong()
        : 200'000;
    QVERIFY2(plays > 0, "TUNESCOUT_BENCH_PLAYS must be a positive number");
    const bool zip = qEnvironmentVariableIntValue("TUNESCOUT_BENCH_ZIP") == 1;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    // The export is written by the generator tool in its own process, so that the peak RSS measured here is
    // the import's.
    QProcess generator;
    QStringList arguments{dir.filePath(QStringLiteral("export")), QStringLiteral("--plays"), QString::number(plays)};
    if (zip) {
        arguments.append(QStringLiteral("--zip"));
    }
    generator.start(QStringLiteral(TUNESCOUT_BENCH_EXPORT), arguments);
    QVERIFY(generator.waitForFinished(600'000));
    QCOMPARE(generator.exitCode(), 0);

    Store::Outcome opened = Store::open(dir.filePath(QStringLiteral("cache")));
    QVERIFY(opened.store);
    HistoryImporter importer(opened.store->database(), ImportOptions{});
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    QElapsedTimer timer;
    timer.start();
    const auto report = importer.run({dir.filePath(QStringLiteral("export"))});
    const qint64 elapsedMs = qMax<qint64>(1, timer.elapsed());
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    QVERIFY2(report, report ? "" : qPrintable(report.error().message));
    QCOMPARE(report.value().failedFiles(), 0);
    const ImportCounts &totals = report.value().totals;
    QCOMPARE(totals.rowsRead, plays);
    const qint64 stored = totals.playsAdded + totals.shortPlaysAdded;
    QVERIFY(stored > plays * 9 / 10);

    const double rate = double(plays) * 1000.0 / double(elapsedMs);
    // On a machine shared with other work the wall clock overstates the import's cost: the CPU time it used
    // is printed too.
    auto cpuMs = [](const rusage &u) {
        return (qint64(u.ru_utime.tv_sec) + qint64(u.ru_stime.tv_sec)) * 1000
            + (qint64(u.ru_utime.tv_usec) + qint64(u.ru_stime.tv_usec)) / 1000;
    };
    const qint64 importCpuMs = qMax<qint64>(1, cpuMs(usage) - cpuMs(before));
    const double peakMb = double(usage.ru_maxrss) / 1024.0;
    qInfo().noquote() << QStringLiteral("import of %1 rows (%2 plays stored)%3: %4 ms")
                             .arg(plays)
                             .arg(stored)
                             .arg(zip ? QStringLiteral(" from a zip") : QString())
                             .arg(elapsedMs);
    qInfo().noquote() << QStringLiteral("  rows/s      %1   (target >= 200000)").arg(rate, 0, 'f', 0);
    qInfo().noquote()
        << QStringLiteral("  plays stored/s  %1").arg(double(stored) * 1000.0 / double(elapsedMs), 0, 'f', 0);
    qInfo().noquote() << QStringLiteral("  rows per CPU second  %1   (%2 ms of CPU)")
                             .arg(double(plays) * 1000.0 / double(importCpuMs), 0, 'f', 0)
                             .arg(importCpuMs);
    qInfo().noquote() << QStringLiteral("  peak RSS    %1 MB   (target <= 200 MB)").arg(peakMb, 0, 'f', 1);
}

QTEST_GUILESS_MAIN(ImportBench)
#include "tst_import_bench.moc"
