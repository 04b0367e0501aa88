// How PlaySnapshot::load and refresh place plays: local day and hour of the week from the zone's UTC offset
// changes (both 2024 switches in Berlin, a half-hour zone, zones whose standard offset changed, a skipped
// day), checked against hand-worked values and against QDateTime for every play; and time order, with plays
// of the same instant kept in id order, for caches small and large enough to take each sorting path.

#include "engine/stats/playsnapshot.h"
#include "engine/store/store.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <tuple>
#include <vector>

using namespace engine;

namespace
{

qint64 utcMs(const char *isoUtc)
{
    QDateTime time = QDateTime::fromString(QString::fromLatin1(isoUtc), Qt::ISODateWithMs);
    time.setTimeSpec(Qt::UTC);
    return time.toMSecsSinceEpoch();
}

// Instants on either side of an offset change, with their zone: the windows the sweep covers.
struct Switch {
    const char *zone;
    const char *atUtc;
};
const Switch switches[] = {
    {"Europe/Berlin", "2024-03-31T01:00:00.000"}, // CET -> CEST: 02:00 becomes 03:00
    {"Europe/Berlin", "2024-10-27T01:00:00.000"}, // CEST -> CET: 03:00 becomes 02:00
    {"Asia/Kolkata", "2024-01-01T18:30:00.000"}, // no change: midnight at UTC+05:30
    {"Europe/Moscow", "2011-03-26T23:00:00.000"}, // +03 -> +04 for good
    {"Europe/Moscow", "2014-10-25T22:00:00.000"}, // +04 -> +03 again
    {"Pacific/Apia", "2011-12-30T10:00:00.000"}, // -10 -> +14: 2011-12-30 never happened
    {"America/St_Johns", "2024-03-10T05:30:00.000"}, // -03:30 -> -02:30
    {"Australia/Lord_Howe", "2024-04-06T15:00:00.000"}, // +11 -> +10:30, a half-hour switch
};

std::unique_ptr<Store> openStore(const QString &dir)
{
    Store::Outcome opened = Store::open(dir, QStringLiteral(TUNESCOUT_SOURCE_DIR "/migrations/client"));
    return std::move(opened.store);
}

const char *const catalogueSql = "INSERT INTO artists (id, name, name_key, updated_at_ms) VALUES (1, 'A', 'a', 0);"
                                 "INSERT INTO tracks (id, name, name_key, duration_ms, updated_at_ms) VALUES"
                                 " (1, 'One', 'one', 200000, 0), (2, 'Two', 'two', 200000, 0);"
                                 "INSERT INTO track_artists VALUES (1, 0, 1), (2, 0, 1);";

// Inserts (track id, played_at_ms) in the order given, so that ids follow that order.
Result<void> insertPlays(SqliteDatabase &database, const std::vector<std::pair<qint64, qint64>> &plays)
{
    return database.transaction([&]() -> Result<void> {
        auto prepared = database.prepare("INSERT OR IGNORE INTO plays (track_id, played_at_ms, ms_played, source) "
                                         "VALUES (?1, ?2, 60000, 'imported')");
        if (!prepared) {
            return prepared.error();
        }
        for (const auto &[track, at] : plays) {
            if (auto done = prepared.value().execute({track, at}); !done) {
                return done;
            }
        }
        return {};
    });
}

// What QDateTime says about an instant in a zone: the local day number and the hour of the week.
std::pair<qint32, int> reference(qint64 ms, const QTimeZone &zone)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms, zone);
    return {PlaySnapshot::dayOfDate(local.date()), (local.date().dayOfWeek() - 1) * 24 + local.time().hour()};
}

} // namespace

class TestSnapshotLoad : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;

    PlaySnapshot load(SqliteDatabase &database, const QTimeZone &zone)
    {
        auto loaded = PlaySnapshot::load(database, zone);
        if (!loaded) {
            qWarning() << loaded.error().message;
            return {};
        }
        return std::move(loaded).value();
    }

    // Every row's local day and hour of the week agree with QDateTime.
    static void compareWithQDateTime(const PlaySnapshot &snapshot)
    {
        for (const PlaySnapshot::Row &row : snapshot.rows()) {
            const auto [day, hourOfWeek] = reference(row.playedAtMs, snapshot.zone());
            QVERIFY2(row.localDay == day && row.hourOfWeek == hourOfWeek,
                     qPrintable(QStringLiteral("%1 at %2 (UTC): day %3 hour %4, QDateTime says day %5 hour %6")
                                    .arg(QString::fromLatin1(snapshot.zone().id()),
                                         QDateTime::fromMSecsSinceEpoch(row.playedAtMs, Qt::UTC).toString(Qt::ISODate))
                                    .arg(row.localDay)
                                    .arg(row.hourOfWeek)
                                    .arg(day)
                                    .arg(hourOfWeek)));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = openStore(m_dir.path());
        QVERIFY(m_store);
        QVERIFY(m_store->database().exec(catalogueSql));
        // Every 20 minutes and 7 seconds for 36 hours either side of each switch, plus each row of
        // localDayAndHour_data(): one cache, so each zone's snapshot spans every other zone's switches too.
        std::vector<std::pair<qint64, qint64>> plays;
        for (const Switch &change : switches) {
            const qint64 at = utcMs(change.atUtc);
            for (qint64 step = -36 * 3; step <= 36 * 3; ++step) {
                plays.push_back({1, at + step * (20 * 60'000 + 7'000)});
            }
        }
        for (const char *instant : {"2024-03-30T22:59:59.999",
                                    "2024-03-30T23:00:00.000",
                                    "2024-03-31T00:59:59.999",
                                    "2024-10-26T21:59:59.999",
                                    "2024-10-26T22:00:00.000",
                                    "2024-10-27T00:30:00.000",
                                    "2024-10-27T01:30:00.000",
                                    "2024-10-27T22:59:59.999",
                                    "2024-10-27T23:00:00.000",
                                    "2024-01-01T18:29:59.999",
                                    "2014-10-25T19:59:59.999",
                                    "2014-10-25T20:00:00.000",
                                    "2014-10-25T21:59:59.999",
                                    "2014-10-26T20:59:59.999",
                                    "2014-10-26T21:00:00.000",
                                    "2011-12-30T09:59:59.999"}) {
            plays.push_back({2, utcMs(instant)});
        }
        const auto inserted = insertPlays(m_store->database(), plays);
        QVERIFY2(inserted, qPrintable(inserted ? QString() : inserted.error().message));
    }

    void localDayAndHour_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QByteArray>("atUtc");
        QTest::addColumn<QDate>("localDate");
        QTest::addColumn<int>("hourOfWeek"); // Monday 00:00-01:00 is 0, Sunday 23:00-24:00 is 167
        const auto row = [](const char *zone, const char *atUtc, QDate date, int hourOfWeek) {
            QTest::addRow("%s %s", zone, atUtc) << QByteArray(zone) << QByteArray(atUtc) << date << hourOfWeek;
        };
        // Berlin springs forward at 01:00 UTC on 2024-03-31 (local 02:00 -> 03:00): Sunday has no 02:00 hour.
        row("Europe/Berlin", "2024-03-30T22:59:59.999", QDate(2024, 3, 30), 5 * 24 + 23);
        row("Europe/Berlin", "2024-03-30T23:00:00.000", QDate(2024, 3, 31), 6 * 24 + 0);
        row("Europe/Berlin", "2024-03-31T00:59:59.999", QDate(2024, 3, 31), 6 * 24 + 1);
        row("Europe/Berlin", "2024-03-31T01:00:00.000", QDate(2024, 3, 31), 6 * 24 + 3);
        // Berlin falls back at 01:00 UTC on 2024-10-27 (local 03:00 -> 02:00): Sunday has 02:00 twice.
        row("Europe/Berlin", "2024-10-26T21:59:59.999", QDate(2024, 10, 26), 5 * 24 + 23);
        row("Europe/Berlin", "2024-10-26T22:00:00.000", QDate(2024, 10, 27), 6 * 24 + 0);
        row("Europe/Berlin", "2024-10-27T00:30:00.000", QDate(2024, 10, 27), 6 * 24 + 2);
        row("Europe/Berlin", "2024-10-27T01:30:00.000", QDate(2024, 10, 27), 6 * 24 + 2);
        row("Europe/Berlin", "2024-10-27T22:59:59.999", QDate(2024, 10, 27), 6 * 24 + 23);
        row("Europe/Berlin", "2024-10-27T23:00:00.000", QDate(2024, 10, 28), 0);
        // Kolkata is UTC+05:30: its days start at 18:30 UTC.
        row("Asia/Kolkata", "2024-01-01T18:29:59.999", QDate(2024, 1, 1), 0 * 24 + 23);
        row("Asia/Kolkata", "2024-01-01T18:30:00.000", QDate(2024, 1, 2), 1 * 24 + 0);
        // Moscow went from +04 back to +03 at 22:00 UTC on 2014-10-25 (local 02:00 -> 01:00).
        row("Europe/Moscow", "2014-10-25T19:59:59.999", QDate(2014, 10, 25), 5 * 24 + 23);
        row("Europe/Moscow", "2014-10-25T20:00:00.000", QDate(2014, 10, 26), 6 * 24 + 0);
        row("Europe/Moscow", "2014-10-25T21:59:59.999", QDate(2014, 10, 26), 6 * 24 + 1);
        row("Europe/Moscow", "2014-10-25T22:00:00.000", QDate(2014, 10, 26), 6 * 24 + 1);
        row("Europe/Moscow", "2014-10-26T20:59:59.999", QDate(2014, 10, 26), 6 * 24 + 23);
        row("Europe/Moscow", "2014-10-26T21:00:00.000", QDate(2014, 10, 27), 0);
        // Samoa crossed the date line: Thursday 2011-12-29 23:59 (UTC-10) was followed by Saturday 12-31 00:00.
        row("Pacific/Apia", "2011-12-30T09:59:59.999", QDate(2011, 12, 29), 3 * 24 + 23);
        row("Pacific/Apia", "2011-12-30T10:00:00.000", QDate(2011, 12, 31), 5 * 24 + 0);
    }

    void localDayAndHour()
    {
        QFETCH(QByteArray, zone);
        QFETCH(QByteArray, atUtc);
        QFETCH(QDate, localDate);
        QFETCH(int, hourOfWeek);
        const QTimeZone timeZone(zone);
        QVERIFY(timeZone.isValid());
        const PlaySnapshot snapshot = load(m_store->database(), timeZone);
        const qint64 at = utcMs(atUtc.constData());
        const auto rows = snapshot.rowsBetween(at, at + 1);
        QVERIFY2(!rows.empty(), atUtc.constData());
        for (const PlaySnapshot::Row &row : rows) {
            QCOMPARE(PlaySnapshot::dateOfDay(row.localDay), localDate);
            QCOMPARE(int(row.hourOfWeek), hourOfWeek);
        }
    }

    void everyPlayAgreesWithQDateTime_data()
    {
        QTest::addColumn<QByteArray>("zone");
        for (const char *zone : {"UTC",
                                 "Europe/Berlin",
                                 "Asia/Kolkata",
                                 "Europe/Moscow",
                                 "Pacific/Apia",
                                 "America/St_Johns",
                                 "Australia/Lord_Howe"}) {
            QTest::newRow(zone) << QByteArray(zone);
        }
    }

    void everyPlayAgreesWithQDateTime()
    {
        QFETCH(QByteArray, zone);
        const QTimeZone timeZone(zone);
        QVERIFY(timeZone.isValid());
        const PlaySnapshot snapshot = load(m_store->database(), timeZone);
        QCOMPARE(snapshot.rows().size(), std::size_t(std::size(switches) * 217 + 16));
        compareWithQDateTime(snapshot);
    }

    void refreshPlacesNewPlaysAcrossSwitches()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store);
        QVERIFY(store->database().exec(catalogueSql));
        QVERIFY(insertPlays(store->database(), {{1, utcMs("2024-01-15T12:00:00.000")}}));
        const QTimeZone berlin("Europe/Berlin");
        auto loaded = PlaySnapshot::load(store->database(), berlin);
        QVERIFY(loaded);
        PlaySnapshot &snapshot = loaded.value();
        // New plays after both switches of the year and one before the first play loaded (summer 2023): the
        // offsets the snapshot knew covered January only.
        QVERIFY(insertPlays(store->database(),
                            {{1, utcMs("2024-03-31T01:30:00.000")},
                             {1, utcMs("2024-10-27T01:30:00.000")},
                             {2, utcMs("2023-07-01T22:30:00.000")}}));
        QCOMPARE(snapshot.refresh(store->database()).value(), 3);
        QCOMPARE(snapshot.rows().size(), std::size_t(4));
        compareWithQDateTime(snapshot);
        QCOMPARE(PlaySnapshot::dateOfDay(snapshot.rows()[0].localDay), QDate(2023, 7, 2)); // 00:30 CEST
        QCOMPARE(int(snapshot.rows()[2].hourOfWeek), 6 * 24 + 3); // 03:30 CEST
        QCOMPARE(int(snapshot.rows()[3].hourOfWeek), 6 * 24 + 2); // 02:30 CET
    }

    void rowIdsFarApartOrNegativeAreFound()
    {
        // Row ids are normally counted up from 1; these are not, so the snapshot cannot map them through an array.
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store);
        QVERIFY(store->database().exec(
            "INSERT INTO artists (id, name, name_key, updated_at_ms) VALUES (-3, 'Neg', 'neg', 0),"
            " (9000000000, 'Far', 'far', 0);"
            "INSERT INTO albums (id, name, release_date, updated_at_ms) VALUES (7000000000, 'Al', '1999', 0);"
            "INSERT INTO album_artists VALUES (7000000000, 0, -3);"
            "INSERT INTO tracks (id, name, name_key, album_id, duration_ms, updated_at_ms) VALUES"
            " (5000000000, 'Far track', 'far track', 7000000000, 200000, 0), (2, 'Near', 'near', NULL, 1000, 0);"
            "INSERT INTO track_artists VALUES (5000000000, 0, 9000000000), (5000000000, 1, -3), (2, 0, -3);"));
        QVERIFY(
            insertPlays(store->database(),
                        {{5'000'000'000, utcMs("2024-05-01T10:00:00.000")}, {2, utcMs("2024-05-01T11:00:00.000")}}));
        auto loaded = PlaySnapshot::load(store->database(), QTimeZone::utc());
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
        const PlaySnapshot &snapshot = loaded.value();
        QCOMPARE(snapshot.rows().size(), std::size_t(2));
        const PlaySnapshot::TrackInfo &far = snapshot.tracks()[std::size_t(snapshot.rows()[0].track)];
        QCOMPARE(far.name, QStringLiteral("Far track"));
        QCOMPARE(snapshot.albums()[std::size_t(far.album)].name, QStringLiteral("Al"));
        QCOMPARE(far.artists.size(), std::size_t(2));
        QCOMPARE(snapshot.artists()[std::size_t(far.artists[0])].name, QStringLiteral("Far"));
        QCOMPARE(snapshot.artists()[std::size_t(far.artists[1])].name, QStringLiteral("Neg"));
        QCOMPARE(snapshot.albums()[std::size_t(far.album)].artists, std::vector<qint32>{far.artists[1]});
        QCOMPARE(snapshot.tracks()[std::size_t(snapshot.rows()[1].track)].name, QStringLiteral("Near"));
    }

    void rowsAreInTimeOrderAndTiesInIdOrder_data()
    {
        QTest::addColumn<int>("instants");
        QTest::newRow("small") << 300; // fewer rows than the radix sort is worth
        QTest::newRow("large") << 6000;
    }

    void rowsAreInTimeOrderAndTiesInIdOrder()
    {
        QFETCH(int, instants);
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store);
        QVERIFY(store->database().exec(catalogueSql));
        // Instants in no order over 230 years (1900 to 2130, both sides of 1970); every third one is played by
        // both tracks, Two first, so that Two's row has the smaller id.
        std::vector<std::pair<qint64, qint64>> plays;
        const qint64 first = utcMs("1900-01-01T00:00:00.000");
        const qint64 last = utcMs("2130-01-01T00:00:00.000");
        for (int i = 0; i < instants; ++i) {
            const qint64 at = first + (last - first) / instants * ((i * 7919) % instants) + i % 997;
            if (i % 3 == 0) {
                plays.push_back({2, at});
            }
            plays.push_back({1, at});
        }
        QVERIFY(insertPlays(store->database(), plays));
        auto loaded = PlaySnapshot::load(store->database(), QTimeZone::utc());
        QVERIFY(loaded);
        // What a stable sort of the rows in id order by time gives: (time, track index).
        std::vector<std::pair<qint64, qint32>> expected;
        for (const auto &[track, at] : plays) {
            expected.push_back({at, qint32(track - 1)});
        }
        std::stable_sort(expected.begin(), expected.end(), [](const auto &a, const auto &b) {
            return a.first < b.first;
        });
        std::vector<std::pair<qint64, qint32>> actual;
        for (const PlaySnapshot::Row &row : loaded.value().rows()) {
            actual.push_back({row.playedAtMs, row.track});
        }
        QCOMPARE(actual.size(), expected.size());
        QVERIFY(actual == expected);
        QCOMPARE(actual[0].first, first);
        compareWithQDateTime(loaded.value());
    }
};

QTEST_GUILESS_MAIN(TestSnapshotLoad)
#include "tst_snapshotload.moc"
