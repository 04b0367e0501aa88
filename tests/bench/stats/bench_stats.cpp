// The dashboard queries of engine/stats on a synthetic cache of TUNESCOUT_BENCH_STATS_PLAYS plays (default
// 1,000,000): power-law artists and tracks, 20 years, a daily rhythm, a share of skips. Prints the snapshot's
// load time, every query's time beside the 50 ms target, and the resident memory beside the 200 MB target.

#include "engine/stats/playsnapshot.h"
#include "engine/stats/spotifytop.h"
#include "engine/stats/statistics.h"
#include "engine/store/store.h"
#include "tests/bench/support/benchfigures.h"
#include "tests/bench/support/syntheticcache.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <random>

using namespace engine;

namespace
{

constexpr double QueryTargetMs = 50.0;
constexpr double RssTargetMb = 200.0;

} // namespace

class BenchStats : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    PlaySnapshot m_snapshot;
    int m_overTarget = 0;

    // The median of five runs, and the slowest.
    void time(const char *name, const std::function<void()> &query)
    {
        std::vector<double> runs;
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer timer;
            timer.start();
            query();
            runs.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        std::sort(runs.begin(), runs.end());
        const bool ok = runs.back() <= QueryTargetMs;
        m_overTarget += ok ? 0 : 1;
        qInfo("%-34s median %8.2f ms  max %8.2f ms  (target <= %.0f ms) %s",
              name,
              runs[2],
              runs.back(),
              QueryTargetMs,
              ok ? "ok" : "OVER");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Store::Outcome opened = Store::open(m_dir.path(), QStringLiteral(TUNESCOUT_SOURCE_DIR "/migrations/client"));
        QVERIFY(opened.store);
        m_store = std::move(opened.store);
        const qint64 plays = bench::playsFromEnvironment("TUNESCOUT_BENCH_STATS_PLAYS");
        QElapsedTimer timer;
        timer.start();
        const auto generated = generateSyntheticHistory(m_store->database(), plays);
        QVERIFY2(generated, qPrintable(generated ? QString() : generated.error().message));
        qInfo("generated %lld plays in %.1f s", plays, double(timer.elapsed()) / 1000.0);
    }

    void snapshotLoad()
    {
        QElapsedTimer timer;
        timer.start();
        auto loaded = PlaySnapshot::load(m_store->database(), QTimeZone("Europe/Berlin"));
        QVERIFY(loaded);
        m_snapshot = std::move(loaded).value();
        qInfo("snapshot load: %zu rows in %lld ms", m_snapshot.rows().size(), timer.elapsed());
        QVERIFY(m_snapshot.rows().size() > 0);
        timer.restart();
        const auto refreshed = m_snapshot.refresh(m_store->database());
        QVERIFY(refreshed);
        qInfo("refresh without new plays: %lld ms", timer.elapsed());
    }

    void dashboardQueries()
    {
        const PlaySnapshot &s = m_snapshot;
        const QDate today(2024, 12, 31);
        const TimeRange all;
        const TimeRange fourWeeks = *rangeForPreset(QStringLiteral("4w"), today, s.zone());
        const TimeRange year = *rangeForPreset(QStringLiteral("1y"), today, s.zone());
        time("overview (all time)", [&] {
            overview(s, all);
        });
        time("top artists by plays (all time)", [&] {
            topItems(s, TopKind::Artists, all, Measure::Plays, 50);
        });
        time("top tracks by minutes (all time)", [&] {
            topItems(s, TopKind::Tracks, all, Measure::Minutes, 50);
        });
        time("top albums by plays (all time)", [&] {
            topItems(s, TopKind::Albums, all, Measure::Plays, 50);
        });
        time("top artists by plays (4 weeks)", [&] {
            topItems(s, TopKind::Artists, fourWeeks, Measure::Plays, 50);
        });
        time("top tracks by plays (1 year)", [&] {
            topItems(s, TopKind::Tracks, year, Measure::Plays, 50);
        });
        time("minutes per day (all time)", [&] {
            listeningTrend(s, Period::Day, all);
        });
        time("minutes per week (all time)", [&] {
            listeningTrend(s, Period::Week, all);
        });
        time("minutes per month (all time)", [&] {
            listeningTrend(s, Period::Month, all);
        });
        time("listening clock (all time)", [&] {
            listeningClock(s, all);
        });
        time("streaks (all time)", [&] {
            streaks(s, all, today);
        });
        time("skip rates (all time)", [&] {
            skipRates(s, all, 50);
        });
        time("discovery (all time)", [&] {
            discovery(s, all);
        });
        time("platform/shuffle/offline shares", [&] {
            listeningShares(s, all);
        });
        time("release eras (all time)", [&] {
            releaseEras(s, all);
        });
        time("genres (all time)", [&] {
            genres(s, all, 30);
        });
        time("Spotify top list (latest)", [&] {
            QVERIFY(latestSpotifyTop(m_store->database(), SpotifyTopKind::Artists, TopRange::ShortTerm));
        });
        time("Spotify top list history (1 year)", [&] {
            QVERIFY(spotifyTopHistory(m_store->database(), SpotifyTopKind::Artists, TopRange::ShortTerm));
        });
        qInfo("resident memory: %.0f MB now, %.0f MB peak (target <= %.0f MB, this process also built the cache)",
              bench::memoryMb(0, "VmRSS:"),
              bench::memoryMb(0, "VmHWM:"),
              RssTargetMb);
        qInfo("%d of 18 queries over the %.0f ms target", m_overTarget, QueryTargetMs);
    }
};

QTEST_GUILESS_MAIN(BenchStats)
#include "bench_stats.moc"
