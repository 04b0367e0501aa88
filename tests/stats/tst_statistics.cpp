// Every statistic against a small cache built here, with the expected figures worked out by hand.
//
// The cache (times UTC; Europe/Berlin is UTC+1 until the DST switch at 2024-03-31 01:00 UTC, then UTC+2):
//   artists  1 Alpha (sA), 2 Beta (sB), 3 Gamma (name-only)
//   albums   1 Al1 (1995-05-01, Alpha), 2 Al2 ("2003", Beta), 3 Al3 (name-only, no date, Gamma)
//   tracks   1 One (Al1; Alpha; 200000 ms), 2 Two (Al2; Beta, Alpha; 180000 ms), 3 Three (name-only, Al3;
//            Gamma; no duration), 4 Four (no album; Beta; 240000 ms)
//   tags     track One: rock 3, pop 1; artist Alpha: rock 5; artist Beta: jazz 2
//   plays    (track, UTC time, ms_played, flags)                       Berlin local time      counted skip
//     p1  One   2024-01-01 10:00  200000 Android, shuffle, online      Mon 01-01 11:00        yes     no
//     p2  One   2024-01-01 23:30  100000 iOS, offline                  Tue 01-02 00:30        yes     no
//     p3  Two   2024-01-02 12:00   20000 Windows, shuffle              Tue 01-02 13:00        no      yes (short)
//     p4  Two   2024-01-03 12:00   60000 macOS, reason_end fwdbtn      Wed 01-03 13:00        yes     yes (fwdbtn)
//     p5  Three 2024-01-03 18:00  120000 web player, skipped, incognito Wed 01-03 19:00       yes     yes (skipped)
//     p6  Four  2024-01-05 08:00  NULL (polled: 240000 from duration)  Fri 01-05 09:00        yes     no
//     p7  Two   2024-01-05 09:00   90000 Partner, reason_end backbtn   Fri 01-05 10:00        yes     no
//     p8  One   2024-02-10 15:00  NULL (polled: 200000 from duration)  Sat 02-10 16:00        yes     no
//     p9  Three 2024-03-31 00:30  150000 Linux, not shuffled, online   Sun 03-31 01:30 (CET)  yes     no
//     p10 Four  2024-03-31 22:30   45000 cast_to_…, shuffle, offline   Mon 04-01 00:30 (CEST) yes     no

#include "engine/stats/playsnapshot.h"
#include "engine/stats/spotifytop.h"
#include "engine/stats/statistics.h"
#include "engine/store/store.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace engine;

namespace
{

qint64 utc(int year, int month, int day, int hour, int minute)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), Qt::UTC).toMSecsSinceEpoch();
}

QTimeZone berlin()
{
    return QTimeZone("Europe/Berlin");
}

const char *const catalogueSql =
    "INSERT INTO artists (id, spotify_id, name, name_key, updated_at_ms) VALUES"
    " (1, 'sA', 'Alpha', 'alpha', 0), (2, 'sB', 'Beta', 'beta', 0),"
    " (3, NULL, 'Gamma', 'gamma', 0);"
    "INSERT INTO albums (id, spotify_id, name, release_date, updated_at_ms) VALUES"
    " (1, 'sAl1', 'Al1', '1995-05-01', 0), (2, 'sAl2', 'Al2', '2003', 0),"
    " (3, NULL, 'Al3', NULL, 0);"
    "INSERT INTO album_artists VALUES (1, 0, 1), (2, 0, 2), (3, 0, 3);"
    "INSERT INTO tracks (id, spotify_id, name, name_key, album_id, duration_ms, "
    "updated_at_ms) VALUES (1, 'sT1', 'One', 'one', 1, 200000, 0),"
    " (2, 'sT2', 'Two', 'two', 2, 180000, 0), (3, NULL, 'Three', 'three', 3, NULL, 0),"
    " (4, 'sT4', 'Four', 'four', NULL, 240000, 0);"
    "INSERT INTO track_artists VALUES (1, 0, 1), (2, 0, 2), (2, 1, 1), (3, 0, 3), (4, 0, 2);"
    "INSERT INTO tags VALUES (1, 'rock'), (2, 'pop'), (3, 'jazz');"
    "INSERT INTO track_tags VALUES (1, 1, 3), (1, 2, 1);"
    "INSERT INTO artist_tags VALUES (1, 1, 5), (2, 3, 2);";

struct PlayValues {
    qint64 track;
    qint64 playedAtMs;
    QVariant msPlayed;
    QString source;
    QVariant skipped;
    QVariant shuffle;
    QVariant offline;
    QVariant incognito;
    QVariant reasonEnd;
    QVariant platform;
};

const QVariant null;

QList<PlayValues> samplePlays()
{
    const QString imported = QStringLiteral("imported");
    const QString polled = QStringLiteral("polled");
    return {
        {1,
         utc(2024, 1, 1, 10, 0),
         200000,
         imported,
         0,
         1,
         0,
         0,
         QStringLiteral("trackdone"),
         QStringLiteral("Android OS 9 API 28 (samsung, SM-G960F)")},
        {1,
         utc(2024, 1, 1, 23, 30),
         100000,
         imported,
         0,
         0,
         1,
         0,
         QStringLiteral("trackdone"),
         QStringLiteral("iOS 14.4 (iPhone12,1)")},
        {2,
         utc(2024, 1, 2, 12, 0),
         20000,
         imported,
         0,
         1,
         0,
         0,
         QStringLiteral("endplay"),
         QStringLiteral("Windows 10 (10.0.19042; x64)")},
        {2,
         utc(2024, 1, 3, 12, 0),
         60000,
         imported,
         null,
         null,
         null,
         0,
         QStringLiteral("fwdbtn"),
         QStringLiteral("OS X 10.15.7 [x86 8]")},
        {3,
         utc(2024, 1, 3, 18, 0),
         120000,
         imported,
         1,
         1,
         0,
         1,
         QStringLiteral("trackdone"),
         QStringLiteral("web_player linux ;chrome 87;desktop")},
        {4, utc(2024, 1, 5, 8, 0), null, polled, null, null, null, null, null, null},
        {2,
         utc(2024, 1, 5, 9, 0),
         90000,
         imported,
         0,
         0,
         0,
         0,
         QStringLiteral("backbtn"),
         QStringLiteral("Partner sonos_one Sonos;One;")},
        {1, utc(2024, 2, 10, 15, 0), null, polled, null, null, null, null, null, null},
        {3,
         utc(2024, 3, 31, 0, 30),
         150000,
         imported,
         0,
         0,
         0,
         0,
         QStringLiteral("trackdone"),
         QStringLiteral("Linux [x86-64 0]")},
        {4,
         utc(2024, 3, 31, 22, 30),
         45000,
         imported,
         0,
         1,
         1,
         0,
         QStringLiteral("trackdone"),
         QStringLiteral("cast_to_kitchen_speaker")},
    };
}

} // namespace

class TestStatistics : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    PlaySnapshot m_berlin;
    PlaySnapshot m_utc;

    static void insertPlays(SqliteDatabase &database, const QList<PlayValues> &plays)
    {
        for (const PlayValues &p : plays) {
            const auto inserted = database.exec(
                "INSERT INTO plays (track_id, played_at_ms, ms_played, source, skipped, shuffle, offline, "
                "incognito, reason_end, platform) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                {p.track,
                 p.playedAtMs,
                 p.msPlayed,
                 p.source,
                 p.skipped,
                 p.shuffle,
                 p.offline,
                 p.incognito,
                 p.reasonEnd,
                 p.platform});
            QVERIFY2(inserted, qPrintable(inserted ? QString() : inserted.error().message));
        }
    }

    static std::unique_ptr<Store> openStore(const QString &dir)
    {
        Store::Outcome opened = Store::open(dir, QStringLiteral(TUNESCOUT_SOURCE_DIR "/migrations/client"));
        return std::move(opened.store);
    }

    PlaySnapshot load(const QTimeZone &zone)
    {
        auto loaded = PlaySnapshot::load(m_store->database(), zone);
        if (!loaded) {
            qWarning() << loaded.error().message;
            return {};
        }
        return std::move(loaded).value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(berlin().isValid());
        m_store = openStore(m_dir.path());
        QVERIFY(m_store);
        QVERIFY(m_store->database().exec(catalogueSql));
        insertPlays(m_store->database(), samplePlays());
        QVERIFY(m_store->database().exec(
            "INSERT INTO top_snapshots VALUES (1, 'artists', 'short_term', '2024-01-01', 0),"
            " (2, 'artists', 'short_term', '2024-01-08', 0), (3, 'tracks', 'long_term', '2024-01-08', 0);"
            "INSERT INTO top_snapshot_items (snapshot_id, rank, artist_id, track_id) VALUES"
            " (1, 1, 1, NULL), (1, 2, 2, NULL), (2, 1, 2, NULL), (2, 2, 3, NULL), (2, 3, 1, NULL),"
            " (3, 1, NULL, 2);"));
        m_berlin = load(berlin());
        m_utc = load(QTimeZone::utc());
        QCOMPARE(m_berlin.rows().size(), std::size_t(10));
    }

    void rowsAreCountedAndSkippedByTheDocumentedRules()
    {
        // Counted: all but p3 (20000 < 30000). Skips: p3 (short), p4 (fwdbtn), p5 (skipped); p7's backbtn is not.
        QList<bool> counted;
        QList<bool> skips;
        for (const PlaySnapshot::Row &row : m_berlin.rows()) {
            counted.append(row.has(PlaySnapshot::Counted));
            skips.append(row.has(PlaySnapshot::Skip));
        }
        QCOMPARE(counted, (QList<bool>{true, true, false, true, true, true, true, true, true, true}));
        QCOMPARE(skips, (QList<bool>{false, false, true, true, true, false, false, false, false, false}));
        // Polled rows take their minutes from the track's duration: p6 240000 (Four), p8 200000 (One).
        QCOMPARE(m_berlin.rows()[5].msPlayed, 240000);
        QCOMPARE(m_berlin.rows()[7].msPlayed, 200000);
    }

    void overviewOfAllTime()
    {
        const Overview o = overview(m_berlin, {});
        QCOMPARE(o.plays, 9); // 10 rows minus p3
        // 200000 + 100000 + 60000 + 120000 + 240000 + 90000 + 200000 + 150000 + 45000
        QCOMPARE(o.msPlayed, 1205000);
        QCOMPARE(o.rows, 10);
        QCOMPARE(o.skips, 3); // p3, p4, p5
        QCOMPARE(o.tracks, 4);
        QCOMPARE(o.artists, 3);
        QCOMPARE(o.albums, 3); // Four has no album
        // Berlin days: 01-01, 01-02, 01-03, 01-05, 02-10, 03-31, 04-01
        QCOMPARE(o.daysListened, 7);
        QCOMPARE(o.firstPlayedAtMs, utc(2024, 1, 1, 10, 0));
        QCOMPARE(o.lastPlayedAtMs, utc(2024, 3, 31, 22, 30));
        // In UTC p2 falls on 01-01 and p10 on 03-31: 01-01, 01-03, 01-05, 02-10, 03-31.
        QCOMPARE(overview(m_utc, {}).daysListened, 5);
    }

    void topListsByPlaysAndMinutes()
    {
        // Tracks: One 3 plays (p1 p2 p8) 500000 ms; Two 2 (p4 p7) 150000; Three 2 (p5 p9) 270000; Four 2 (p6 p10)
        // 285000. The plays tie at 2 goes to more minutes: Four, Three, Two.
        QList<TopItem> tracks = topItems(m_berlin, TopKind::Tracks, {}, Measure::Plays, 10);
        QCOMPARE(tracks.size(), 4);
        QCOMPARE(tracks[0].name, QStringLiteral("One"));
        QCOMPARE(tracks[0].plays, 3);
        QCOMPARE(tracks[0].msPlayed, 500000);
        QCOMPARE(tracks[0].artistNames, QStringList{QStringLiteral("Alpha")});
        QCOMPARE(tracks[0].albumName, QStringLiteral("Al1"));
        QCOMPARE(tracks[0].spotifyId, QStringLiteral("sT1"));
        QCOMPARE(tracks[1].name, QStringLiteral("Four"));
        QCOMPARE(tracks[1].msPlayed, 285000);
        QCOMPARE(tracks[2].name, QStringLiteral("Three"));
        QVERIFY(tracks[2].spotifyId.isEmpty()); // name-only
        QCOMPARE(tracks[2].artistNames, QStringList{QStringLiteral("Gamma")});
        QCOMPARE(tracks[3].name, QStringLiteral("Two"));
        QCOMPARE(tracks[3].artistNames, (QStringList{QStringLiteral("Beta"), QStringLiteral("Alpha")}));
        QCOMPARE(tracks[3].minutes(), 2.5); // 150000 / 60000

        // Artists (a play counts for every credited artist): Alpha = One + Two = 3 + 2 = 5 plays,
        // 500000 + 150000 = 650000 ms; Beta = Two + Four = 2 + 2 = 4, 150000 + 285000 = 435000; Gamma 2, 270000.
        const QList<TopItem> artists = topItems(m_berlin, TopKind::Artists, {}, Measure::Minutes, 2);
        QCOMPARE(artists.size(), 2);
        QCOMPARE(artists[0].name, QStringLiteral("Alpha"));
        QCOMPARE(artists[0].plays, 5);
        QCOMPARE(artists[0].msPlayed, 650000);
        QCOMPARE(artists[1].name, QStringLiteral("Beta"));
        QCOMPARE(artists[1].msPlayed, 435000);

        // Albums: Al1 3 / 500000; Al3 2 / 270000; Al2 2 / 150000 (Four has none).
        const QList<TopItem> albums = topItems(m_berlin, TopKind::Albums, {}, Measure::Plays, 10);
        QCOMPARE(albums.size(), 3);
        QCOMPARE(albums[0].name, QStringLiteral("Al1"));
        QCOMPARE(albums[1].name, QStringLiteral("Al3"));
        QCOMPARE(albums[1].plays, 2);
        QCOMPARE(albums[1].artistNames, QStringList{QStringLiteral("Gamma")});
        QCOMPARE(albums[2].name, QStringLiteral("Al2"));
        QCOMPARE(albums[2].msPlayed, 150000);
    }

    void topListsOfADateRange()
    {
        // January in Berlin: One p1 p2 (2, 300000), Two p4 p7 (2, 150000), Four p6 (1, 240000), Three p5 (1, 120000).
        const TimeRange january = rangeOfLocalDays(QDate(2024, 1, 1), QDate(2024, 1, 31), berlin());
        const QList<TopItem> tracks = topItems(m_berlin, TopKind::Tracks, january, Measure::Plays, 10);
        QCOMPARE(tracks.size(), 4);
        QCOMPARE(tracks[0].name, QStringLiteral("One"));
        QCOMPARE(tracks[0].msPlayed, 300000);
        QCOMPARE(tracks[1].name, QStringLiteral("Two"));
        QCOMPARE(tracks[2].name, QStringLiteral("Four"));
        QCOMPARE(tracks[3].name, QStringLiteral("Three"));
        // By minutes: One 300000, Four 240000, Two 150000, Three 120000.
        const QList<TopItem> byMinutes = topItems(m_berlin, TopKind::Tracks, january, Measure::Minutes, 10);
        QCOMPARE(byMinutes[1].name, QStringLiteral("Four"));
        QCOMPARE(byMinutes[2].name, QStringLiteral("Two"));
        // The range is half-open: [p1, p2) holds p1 only.
        const QList<TopItem> one =
            topItems(m_berlin, TopKind::Tracks, {utc(2024, 1, 1, 10, 0), utc(2024, 1, 1, 23, 30)}, Measure::Plays, 10);
        QCOMPARE(one.size(), 1);
        QCOMPARE(one[0].plays, 1);
        QCOMPARE(topItems(m_berlin, TopKind::Tracks, january, Measure::Plays, 0).size(), 0);
    }

    void tiesAreBrokenByNameThenId()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store);
        QVERIFY(store->database().exec(
            "INSERT INTO artists (id, spotify_id, name, name_key, updated_at_ms) VALUES (1, NULL, 'x', 'x', 0);"
            "INSERT INTO tracks (id, spotify_id, name, name_key, duration_ms, updated_at_ms) VALUES"
            " (1, NULL, 'beta', 'beta', 1000, 0), (2, NULL, 'Alpha', 'alpha', 1000, 0),"
            " (3, 'b', 'alpha', 'alpha', 1000, 0);"
            "INSERT INTO plays (track_id, played_at_ms, source) VALUES (1, 1, 'polled'), (2, 2, 'polled'),"
            " (3, 3, 'polled');"));
        auto snapshot = PlaySnapshot::load(store->database(), QTimeZone::utc());
        QVERIFY(snapshot);
        // Equal plays and minutes: "Alpha" and "alpha" (same name, case aside: lower id first), then "beta".
        const QList<TopItem> top = topItems(snapshot.value(), TopKind::Tracks, {}, Measure::Plays, 3);
        QCOMPARE(top.size(), 3);
        QCOMPARE(top[0].id, 2);
        QCOMPARE(top[1].id, 3);
        QCOMPARE(top[2].id, 1);
        // Name-only artists still get their plays.
        const QList<TopItem> artists = topItems(snapshot.value(), TopKind::Artists, {}, Measure::Plays, 3);
        QCOMPARE(artists.size(), 0); // the tracks credit no artist
    }

    void minutesPerDayWeekAndMonth()
    {
        // Days from 01-01 to 04-01: 31 + 29 + 31 + 1 = 92 entries.
        const QList<PeriodTotal> days = listeningTrend(m_berlin, Period::Day, {});
        QCOMPARE(days.size(), 92);
        QCOMPARE(days[0].start, QDate(2024, 1, 1));
        QCOMPARE(days[0].plays, 1); // p1
        QCOMPARE(days[1].plays, 1); // p2 at 00:30 local; p3 is not counted
        QCOMPARE(days[1].msPlayed, 100000);
        QCOMPARE(days[2].plays, 2); // p4, p5
        QCOMPARE(days[2].msPlayed, 180000); // 60000 + 120000
        QCOMPARE(days[3].plays, 0);
        QCOMPARE(days[4].msPlayed, 330000); // p6 240000 + p7 90000
        QCOMPARE(days[90].start, QDate(2024, 3, 31));
        QCOMPARE(days[90].msPlayed, 150000); // p9
        QCOMPARE(days[91].msPlayed, 45000); // p10, 00:30 CEST on 04-01

        // ISO weeks from Monday 01-01 to Monday 04-01: 91 days = 13 weeks, 14 entries.
        const QList<PeriodTotal> weeks = listeningTrend(m_berlin, Period::Week, {});
        QCOMPARE(weeks.size(), 14);
        QCOMPARE(weeks[0].plays, 6); // p1 p2 p4 p5 p6 p7
        QCOMPARE(weeks[0].msPlayed, 810000); // 200000 + 100000 + 60000 + 120000 + 240000 + 90000
        QCOMPARE(weeks[5].start, QDate(2024, 2, 5));
        QCOMPARE(weeks[5].msPlayed, 200000); // p8
        QCOMPARE(weeks[12].start, QDate(2024, 3, 25));
        QCOMPARE(weeks[12].plays, 1); // p9
        QCOMPARE(weeks[13].start, QDate(2024, 4, 1));
        QCOMPARE(weeks[13].plays, 1); // p10: after the DST switch it is already Monday
        // In UTC p10 is still Sunday 03-31, so the last week is the one of 03-25 with p9 and p10.
        const QList<PeriodTotal> utcWeeks = listeningTrend(m_utc, Period::Week, {});
        QCOMPARE(utcWeeks.size(), 13);
        QCOMPARE(utcWeeks[12].plays, 2);

        const QList<PeriodTotal> months = listeningTrend(m_berlin, Period::Month, {});
        QCOMPARE(months.size(), 4);
        QCOMPARE(months[0].start, QDate(2024, 1, 1));
        QCOMPARE(months[0].msPlayed, 810000);
        QCOMPARE(months[1].plays, 1);
        QCOMPARE(months[2].msPlayed, 150000);
        QCOMPARE(months[3].start, QDate(2024, 4, 1));
        QCOMPARE(months[3].msPlayed, 45000);
    }

    void listeningClockInLocalTime()
    {
        // Index (ISO weekday - 1) * 24 + hour.
        const ListeningClock clock = listeningClock(m_berlin, {});
        QCOMPARE(clock.plays[11], 1); // p1 Mon 11:00
        QCOMPARE(clock.msPlayed[11], 200000);
        QCOMPARE(clock.plays[24], 1); // p2 Tue 00:30
        QCOMPARE(clock.plays[37], 0); // p3 Tue 13:00 is not counted
        QCOMPARE(clock.plays[61], 1); // p4 Wed 13:00: 2 * 24 + 13
        QCOMPARE(clock.plays[67], 1); // p5 Wed 19:00
        QCOMPARE(clock.msPlayed[105], 240000); // p6 Fri 09:00: 4 * 24 + 9
        QCOMPARE(clock.msPlayed[106], 90000); // p7 Fri 10:00
        QCOMPARE(clock.plays[136], 1); // p8 Sat 16:00: 5 * 24 + 16
        QCOMPARE(clock.plays[145], 1); // p9 Sun 01:30 CET: 6 * 24 + 1
        QCOMPARE(clock.msPlayed[0], 45000); // p10 Mon 00:30 CEST
        qint64 total = 0;
        for (const qint64 plays : clock.plays) {
            total += plays;
        }
        QCOMPARE(total, 9);
        // The same plays in UTC: p10 is Sunday 22:00 (6 * 24 + 22 = 166), p1 Monday 10:00.
        const ListeningClock utcClock = listeningClock(m_utc, {});
        QCOMPARE(utcClock.plays[166], 1);
        QCOMPARE(utcClock.plays[10], 1);
        QCOMPARE(utcClock.plays[0], 0);
    }

    void streaksOfLocalDays()
    {
        // Berlin days 01-01 01-02 01-03 | 01-05 | 02-10 | 03-31 04-01.
        const Streaks s = streaks(m_berlin, {}, QDate(2024, 4, 2));
        QCOMPARE(s.longest.days, 3);
        QCOMPARE(s.longest.first, QDate(2024, 1, 1));
        QCOMPARE(s.longest.last, QDate(2024, 1, 3));
        QCOMPARE(s.current.days, 2); // ends yesterday: nothing played today yet
        QCOMPARE(s.current.first, QDate(2024, 3, 31));
        QCOMPARE(streaks(m_berlin, {}, QDate(2024, 4, 1)).current.days, 2); // ends today
        QCOMPARE(streaks(m_berlin, {}, QDate(2024, 4, 3)).current.days, 0); // broken yesterday
        // In UTC: 01-01, 01-03, 01-05, 02-10, 03-31: every run is one day; the earliest wins.
        const Streaks inUtc = streaks(m_utc, {}, QDate(2024, 4, 1));
        QCOMPARE(inUtc.longest.days, 1);
        QCOMPARE(inUtc.longest.first, QDate(2024, 1, 1));
        QCOMPARE(inUtc.current.days, 1);
        QCOMPARE(inUtc.current.first, QDate(2024, 3, 31));
        // Limited to a range, the January run is cut at 01-02; a day with only a skip (p3) does not count.
        const Streaks cut = streaks(m_berlin, rangeOfLocalDays(QDate(2024, 1, 2), QDate(2024, 1, 2), berlin()), {});
        QCOMPARE(cut.longest.days, 1);
        QCOMPARE(cut.current.days, 0);
        const TimeRange onlySkip{utc(2024, 1, 2, 0, 0), utc(2024, 1, 2, 23, 0)};
        QCOMPARE(streaks(m_berlin, onlySkip, QDate(2024, 1, 2)).longest.days, 0);
    }

    void skipRatesOverallAndPerArtist()
    {
        // Rows per track: One 3 (0 skips), Two 3 (p3 p4 skipped), Three 2 (p5), Four 2 (0).
        // Alpha = One + Two = 6 rows, 2 skips; Beta = Two + Four = 5 rows, 2 skips; Gamma = 2 rows, 1 skip.
        const SkipReport report = skipRates(m_berlin, {}, 10);
        QCOMPARE(report.overall.rows, 10);
        QCOMPARE(report.overall.skips, 3);
        QCOMPARE(report.overall.rate(), 0.3);
        QCOMPARE(report.artists.size(), 3);
        QCOMPARE(report.artists[0].name, QStringLiteral("Alpha"));
        QCOMPARE(report.artists[0].rows, 6);
        QCOMPARE(report.artists[0].skips, 2);
        QCOMPARE(report.artists[1].name, QStringLiteral("Beta"));
        QCOMPARE(report.artists[1].rate(), 0.4); // 2 / 5
        QCOMPARE(report.artists[2].name, QStringLiteral("Gamma"));
        QCOMPARE(report.artists[2].rate(), 0.5); // 1 / 2
        QCOMPARE(skipRates(m_berlin, {}, 1).artists.size(), 1);
    }

    void discoveryOfArtists()
    {
        // Alpha first at p1; Beta at p4 (p3 was too short to count); Gamma at p5; all in January 2024.
        const DiscoveryTimeline d = discovery(m_berlin, {});
        QCOMPARE(d.firstListens.size(), 3);
        QCOMPARE(d.firstListens[0].name, QStringLiteral("Alpha"));
        QCOMPARE(d.firstListens[0].firstPlayedAtMs, utc(2024, 1, 1, 10, 0));
        QCOMPARE(d.firstListens[1].name, QStringLiteral("Beta"));
        QCOMPARE(d.firstListens[1].firstPlayedAtMs, utc(2024, 1, 3, 12, 0));
        QCOMPARE(d.firstListens[2].name, QStringLiteral("Gamma"));
        QVERIFY(d.firstListens[2].spotifyId.isEmpty());
        QCOMPARE(d.newArtistsPerMonth.size(), 1);
        QCOMPARE(d.newArtistsPerMonth[0].month, QDate(2024, 1, 1));
        QCOMPARE(d.newArtistsPerMonth[0].count, 3);
        // From February on every artist was already known: nothing is new.
        const DiscoveryTimeline later = discovery(m_berlin, rangeOfLocalDays(QDate(2024, 2, 1), {}, berlin()));
        QVERIFY(later.firstListens.isEmpty());
        QVERIFY(later.newArtistsPerMonth.isEmpty());
        // From 01-03 (Berlin): Beta and Gamma.
        QCOMPARE(discovery(m_berlin, rangeOfLocalDays(QDate(2024, 1, 3), {}, berlin())).firstListens.size(), 2);
    }

    void platformShuffleAndOfflineShares()
    {
        // Counted plays with a platform: p1 Android, p2 iOS, p4 macOS, p5 Web, p7 Partner, p9 Linux, p10 cast = 7
        // (p3 Windows is not counted; polled p6 and p8 have none).
        const ListeningShares shares = listeningShares(m_berlin, {});
        QCOMPARE(shares.platformKnown, 7);
        QCOMPARE(shares.platforms.size(), 6);
        QCOMPARE(shares.platforms[0].group, PlatformGroup::CastAndSpeakers);
        QCOMPARE(shares.platforms[0].plays, 2);
        // Ties of one play each keep the enum order.
        QCOMPARE(shares.platforms[1].group, PlatformGroup::Android);
        QCOMPARE(shares.platforms[2].group, PlatformGroup::IOS);
        QCOMPARE(shares.platforms[3].group, PlatformGroup::MacOS);
        QCOMPARE(shares.platforms[4].group, PlatformGroup::Linux);
        QCOMPARE(shares.platforms[5].group, PlatformGroup::Web);
        // Shuffle known on p1 p2 p5 p7 p9 p10 (6), on for p1 p5 p10 (3). Offline known on the same 6, on for p2 p10.
        QCOMPARE(shares.shuffleKnown, 6);
        QCOMPARE(shares.shufflePlays, 3);
        QCOMPARE(shares.offlineKnown, 6);
        QCOMPARE(shares.offlinePlays, 2);
    }

    void platformNormalisation_data()
    {
        QTest::addColumn<QString>("platform");
        QTest::addColumn<PlatformGroup>("group");
        QTest::addRow("android-long") << QStringLiteral("Android OS 9 API 28 (samsung, SM-G960F)")
                                      << PlatformGroup::Android;
        QTest::addRow("android-short") << QStringLiteral("android") << PlatformGroup::Android;
        QTest::addRow("ios-long") << QStringLiteral("iOS 14.4 (iPhone12,1)") << PlatformGroup::IOS;
        QTest::addRow("ios-short") << QStringLiteral("ios") << PlatformGroup::IOS;
        QTest::addRow("windows") << QStringLiteral("Windows 10 (10.0.19042; x64)") << PlatformGroup::Windows;
        QTest::addRow("windows-short") << QStringLiteral("windows") << PlatformGroup::Windows;
        QTest::addRow("osx") << QStringLiteral("OS X 10.15.7 [x86 8]") << PlatformGroup::MacOS;
        QTest::addRow("osx-short") << QStringLiteral("osx") << PlatformGroup::MacOS;
        QTest::addRow("linux") << QStringLiteral("Linux [x86-64 0]") << PlatformGroup::Linux;
        QTest::addRow("web-player") << QStringLiteral("web_player linux ;chrome 87;desktop") << PlatformGroup::Web;
        QTest::addRow("web-player-windows") << QStringLiteral("WebPlayer (websocket RFC6455)") << PlatformGroup::Web;
        QTest::addRow("partner") << QStringLiteral("Partner amazon_salmon Amazon;Echo_Dot;")
                                 << PlatformGroup::CastAndSpeakers;
        QTest::addRow("partner-android-tv")
            << QStringLiteral("Partner android_tv Sony;BRAVIA 4K") << PlatformGroup::CastAndSpeakers;
        QTest::addRow("cast") << QStringLiteral("cast_to_living_room") << PlatformGroup::CastAndSpeakers;
        QTest::addRow("other") << QStringLiteral("not_applicable") << PlatformGroup::Other;
        QTest::addRow("padded") << QStringLiteral("  ANDROID  ") << PlatformGroup::Android;
        QTest::addRow("empty") << QString() << PlatformGroup::Unknown;
    }

    void platformNormalisation()
    {
        QFETCH(QString, platform);
        QFETCH(PlatformGroup, group);
        QCOMPARE(normalisePlatform(platform), group);
    }

    void releaseEraDistribution()
    {
        // One (Al1, 1995) 3 plays 500000 -> 1990s; Two (Al2, 2003) 2 / 150000 -> 2000s;
        // unknown: Three (no date) 2 / 270000 + Four (no album) 2 / 285000 = 4 / 555000.
        const QList<EraCount> eras = releaseEras(m_berlin, {});
        QCOMPARE(eras.size(), 3);
        QCOMPARE(eras[0].decade, 0);
        QCOMPARE(eras[0].plays, 4);
        QCOMPARE(eras[0].msPlayed, 555000);
        QCOMPARE(eras[1].decade, 1990);
        QCOMPARE(eras[1].plays, 3);
        QCOMPARE(eras[2].decade, 2000);
        QCOMPARE(eras[2].plays, 2);
    }

    void genresWeightedByVotes()
    {
        // One (own tags rock 3, pop 1) x 3 plays: rock 2.25, pop 0.75.
        // Two (no own tags: Beta jazz 2 + Alpha rock 5) x 2: jazz 2 * 2/7, rock 2 * 5/7.
        // Four (Beta: jazz 2) x 2: jazz 2. Three (Gamma has no tags) x 2: untagged.
        const Genres g = genres(m_berlin, {}, 10);
        QCOMPARE(g.taggedPlays, 7);
        QCOMPARE(g.untaggedPlays, 2);
        QCOMPARE(g.tags.size(), 3);
        QCOMPARE(g.tags[0].tag, QStringLiteral("rock"));
        QVERIFY(qFuzzyCompare(g.tags[0].plays, 2.25 + 10.0 / 7.0));
        QCOMPARE(g.tags[1].tag, QStringLiteral("jazz"));
        QVERIFY(qFuzzyCompare(g.tags[1].plays, 4.0 / 7.0 + 2.0));
        QCOMPARE(g.tags[2].tag, QStringLiteral("pop"));
        QVERIFY(qFuzzyCompare(g.tags[2].plays, 0.75));
        QCOMPARE(genres(m_berlin, {}, 1).tags.size(), 1);
    }

    void spotifyTopListsAndTheirHistory()
    {
        SqliteDatabase &database = m_store->database();
        const auto latest = latestSpotifyTop(database, SpotifyTopKind::Artists, TopRange::ShortTerm);
        QVERIFY(latest);
        QVERIFY(latest.value().has_value());
        const SpotifyTopList &list = *latest.value();
        QCOMPARE(list.takenOn, QDate(2024, 1, 8));
        QCOMPARE(list.entries.size(), 3);
        QCOMPARE(list.entries[0].name, QStringLiteral("Beta"));
        QCOMPARE(list.entries[1].name, QStringLiteral("Gamma"));
        QCOMPARE(list.entries[2].rank, 3);
        QCOMPARE(list.entries[2].spotifyId, QStringLiteral("sA"));

        const auto tracks = latestSpotifyTop(database, SpotifyTopKind::Tracks, TopRange::LongTerm);
        QVERIFY(tracks && tracks.value());
        QCOMPARE(tracks.value()->entries.size(), 1);
        QCOMPARE(tracks.value()->entries[0].artistNames,
                 (QStringList{QStringLiteral("Beta"), QStringLiteral("Alpha")}));
        const auto never = latestSpotifyTop(database, SpotifyTopKind::Tracks, TopRange::MediumTerm);
        QVERIFY(never);
        QVERIFY(!never.value().has_value());

        // 01-01: Alpha 1, Beta 2. 01-08: Beta 1, Gamma 2, Alpha 3. Ordered by the latest rank.
        const auto history = spotifyTopHistory(database, SpotifyTopKind::Artists, TopRange::ShortTerm);
        QVERIFY(history);
        QCOMPARE(history.value().dates, (QList<QDate>{QDate(2024, 1, 1), QDate(2024, 1, 8)}));
        QCOMPARE(history.value().items.size(), 3);
        QCOMPARE(history.value().items[0].name, QStringLiteral("Beta"));
        QCOMPARE(history.value().items[0].ranks, (QList<int>{2, 1}));
        QCOMPARE(history.value().items[1].name, QStringLiteral("Gamma"));
        QCOMPARE(history.value().items[1].ranks, (QList<int>{0, 2}));
        QCOMPARE(history.value().items[2].name, QStringLiteral("Alpha"));
        QCOMPARE(history.value().items[2].ranks, (QList<int>{1, 3}));
    }

    void rangePresets()
    {
        // "4w" ending Monday 2024-04-01 (CEST): 28 days from 03-05 00:00 CET (03-04 23:00 UTC) to 04-02 00:00 CEST.
        const auto fourWeeks = rangeForPreset(QStringLiteral("4w"), QDate(2024, 4, 1), berlin());
        QVERIFY(fourWeeks);
        QCOMPARE(fourWeeks->fromMs, utc(2024, 3, 4, 23, 0));
        QCOMPARE(fourWeeks->toMs, utc(2024, 4, 1, 22, 0));
        // "1m" ending 03-31: from the day after 02-29, i.e. 03-01.
        const auto month = rangeForPreset(QStringLiteral("1m"), QDate(2024, 3, 31), QTimeZone::utc());
        QVERIFY(month);
        QCOMPARE(month->fromMs, utc(2024, 3, 1, 0, 0));
        QCOMPARE(month->toMs, utc(2024, 4, 1, 0, 0));
        const auto year = rangeForPreset(QStringLiteral("1y"), QDate(2024, 3, 31), QTimeZone::utc());
        QVERIFY(year);
        QCOMPARE(year->fromMs, utc(2023, 4, 1, 0, 0));
        QVERIFY(rangeForPreset(QStringLiteral("all"), QDate(2024, 3, 31), QTimeZone::utc())->isAllTime());
        QVERIFY(!rangeForPreset(QStringLiteral("0w"), QDate(2024, 3, 31), QTimeZone::utc()));
        QVERIFY(!rangeForPreset(QStringLiteral("4x"), QDate(2024, 3, 31), QTimeZone::utc()));
        QVERIFY(!rangeForPreset(QStringLiteral("w"), QDate(2024, 3, 31), QTimeZone::utc()));
    }

    void emptyCache()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store);
        auto loaded = PlaySnapshot::load(store->database(), berlin());
        QVERIFY(loaded);
        const PlaySnapshot &empty = loaded.value();
        QCOMPARE(empty.rows().size(), std::size_t(0));
        const Overview o = overview(empty, {});
        QCOMPARE(o.plays, 0);
        QVERIFY(!o.firstPlayedAtMs);
        QVERIFY(topItems(empty, TopKind::Artists, {}, Measure::Plays, 10).isEmpty());
        QVERIFY(listeningTrend(empty, Period::Month, {}).isEmpty());
        QCOMPARE(listeningClock(empty, {}).plays[0], 0);
        QCOMPARE(streaks(empty, {}, QDate(2024, 1, 1)).longest.days, 0);
        QCOMPARE(skipRates(empty, {}, 10).overall.rate(), 0.0);
        QVERIFY(discovery(empty, {}).firstListens.isEmpty());
        QCOMPARE(listeningShares(empty, {}).platformKnown, 0);
        QVERIFY(releaseEras(empty, {}).isEmpty());
        QCOMPARE(genres(empty, {}, 10).untaggedPlays, 0);
        const auto top = latestSpotifyTop(store->database(), SpotifyTopKind::Artists, TopRange::LongTerm);
        QVERIFY(top && !top.value());
        const auto history = spotifyTopHistory(store->database(), SpotifyTopKind::Artists, TopRange::LongTerm);
        QVERIFY(history && history.value().dates.isEmpty());
    }

    void refreshPicksUpNewPlays()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store);
        QVERIFY(store->database().exec(catalogueSql));
        insertPlays(store->database(), samplePlays());
        auto loaded = PlaySnapshot::load(store->database(), berlin());
        QVERIFY(loaded);
        PlaySnapshot &snapshot = loaded.value();
        QCOMPARE(snapshot.refresh(store->database()).value(), 0);
        // A play older than every other arrives (as an import would add it): it is merged into time order.
        insertPlays(store->database(),
                    {{4, utc(2023, 12, 31, 12, 0), 50000, QStringLiteral("imported"), 0, 0, 0, 0, null, null}});
        QCOMPARE(snapshot.refresh(store->database()).value(), 1);
        QCOMPARE(snapshot.rows().size(), std::size_t(11));
        QCOMPARE(snapshot.rows()[0].playedAtMs, utc(2023, 12, 31, 12, 0));
        QCOMPARE(overview(snapshot, {}).plays, 10);
        // A play of a track the snapshot has never seen reads the catalogue again.
        QVERIFY(store->database().exec("INSERT INTO tracks (id, name, name_key, updated_at_ms) VALUES (5, 'Five', "
                                       "'five', 0)"));
        insertPlays(store->database(),
                    {{5, utc(2024, 5, 1, 12, 0), 70000, QStringLiteral("imported"), 0, 0, 0, 0, null, null}});
        QVERIFY(snapshot.refresh(store->database()));
        QCOMPARE(snapshot.rows().size(), std::size_t(12));
        QCOMPARE(
            topItems(snapshot, TopKind::Tracks, rangeOfLocalDays(QDate(2024, 5, 1), {}, berlin()), Measure::Plays, 1)[0]
                .name,
            QStringLiteral("Five"));
    }
};

QTEST_GUILESS_MAIN(TestStatistics)
#include "tst_statistics.moc"
