// Launches the real `tunescout` binary on a synthetic cache of TUNESCOUT_BENCH_FIRSTFRAME_PLAYS plays (default
// 1,000,000), opening on the Dashboards page, three times. Measures from the launch to the first frame on screen
// and to the dashboards showing their figures (the lines the app logs under tunescout.app.startup), and reads
// the process's resident memory at that moment. Prints each figure beside its target; never fails on speed.

#include "engine/store/store.h"
#include "tests/bench/support/benchfigures.h"
#include "tests/bench/support/syntheticcache.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <vector>

using namespace engine;

namespace
{

constexpr double FirstFrameTargetMs = 1500.0;
constexpr double RssTargetMb = 200.0;

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

class BenchFirstFrame : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    qint64 m_plays = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_plays = bench::playsFromEnvironment("TUNESCOUT_BENCH_FIRSTFRAME_PLAYS");
        QElapsedTimer timer;
        timer.start();
        Store::Outcome opened = Store::open(m_dir.filePath(QStringLiteral("data")),
                                            QStringLiteral(TUNESCOUT_SOURCE_DIR "/migrations/client"));
        QVERIFY(opened.store);
        const auto generated = generateSyntheticHistory(opened.store->database(), m_plays);
        QVERIFY2(generated, qPrintable(generated ? QString() : generated.error().message));
        qInfo("generated %lld plays in %.1f s", m_plays, double(timer.elapsed()) / 1000.0);
    }

    void firstFrameAndMemory()
    {
        const QString binary = qEnvironmentVariable("TUNESCOUT_BINARY_DIR") + QStringLiteral("/app/tunescout");
        QVERIFY2(QFile::exists(binary), qPrintable(binary));
        std::vector<double> firstFrames;
        std::vector<double> shown;
        std::vector<double> rss;
        std::vector<double> peak;
        for (int run = 0; run < 3; ++run) {
            QProcess app;
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("tunescout.app.startup.info=true"));
            environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
            app.setProcessEnvironment(environment);
            QByteArray log;
            double firstFrameMs = -1;
            double shownMs = -1;
            QElapsedTimer sinceLaunch;
            connect(&app, &QProcess::readyReadStandardError, this, [&] {
                log.append(app.readAllStandardError());
                if (firstFrameMs < 0 && log.contains("first frame after")) {
                    firstFrameMs = double(sinceLaunch.nsecsElapsed()) / 1e6;
                }
                if (shownMs < 0 && log.contains("dashboards shown after")) {
                    shownMs = double(sinceLaunch.nsecsElapsed()) / 1e6;
                    rss.push_back(bench::memoryMb(app.processId(), "VmRSS:"));
                    peak.push_back(bench::memoryMb(app.processId(), "VmHWM:"));
                }
            });
            sinceLaunch.start();
            app.start(binary,
                      {QStringLiteral("--data-dir"),
                       m_dir.filePath(QStringLiteral("data")),
                       QStringLiteral("--page"),
                       QStringLiteral("dashboards")});
            QVERIFY2(app.waitForStarted(), qPrintable(app.errorString()));
            QTRY_VERIFY2_WITH_TIMEOUT(shownMs >= 0, log.constData(), 120'000);
            app.kill();
            app.waitForFinished();
            QVERIFY2(firstFrameMs >= 0, log.constData());
            firstFrames.push_back(firstFrameMs);
            shown.push_back(shownMs);
        }
        const double frame = median(firstFrames);
        const double memory = median(rss);
        qInfo("plays in the cache                  %lld", m_plays);
        qInfo("first frame, new process      median %8.0f ms  (target <= %.0f ms) %s",
              frame,
              FirstFrameTargetMs,
              frame <= FirstFrameTargetMs ? "ok" : "OVER");
        qInfo("dashboards showing figures    median %8.0f ms", median(shown));
        qInfo("resident memory then          median %8.1f MB  peak %.1f MB  (target <= %.0f MB) %s",
              memory,
              median(peak),
              RssTargetMb,
              memory <= RssTargetMb ? "ok" : "OVER");
    }
};

QTEST_GUILESS_MAIN(BenchFirstFrame)
#include "bench_firstframe.moc"
