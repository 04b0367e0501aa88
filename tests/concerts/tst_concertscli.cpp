// `tunescout-cli concerts` end to end: a cache with followed and played artists, the fake providers over
// loopback, the real binary. Text grouped by month with why, --json, --ics, the cache answering a second run,
// and a provider that is down leaving its cached shows with their age.

#include "engine/store/store.h"
#include "tests/concerts/berlinshows.h"
#include "tests/support/concerts/fakeseatgeek.h"
#include "tests/support/concerts/faketicketmaster.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace engine;
using namespace testsupport;
using namespace Qt::StringLiterals;

namespace
{

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestConcertsCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The user's cache: The National followed (Spotify id known), Nirvana followed, Hania Rani played.
        auto store = Store::open(m_dir.path()).store;
        QVERIFY(store);
        auto &db = store->database();
        const QVariantList national{fakeSpotifyArtistId(u"The National"_s), u"The National"_s, u"the national"_s};
        QVERIFY(db.exec("INSERT INTO artists (id, spotify_id, name, name_key, updated_at_ms) VALUES (1, ?1, ?2, ?3, 0)",
                        national)
                    .ok());
        QVERIFY(db.exec("INSERT INTO artists (id, name, name_key, updated_at_ms) VALUES (2, 'Nirvana', 'nirvana', 0)")
                    .ok());
        QVERIFY(db.exec("INSERT INTO followed_artists (artist_id, seen_at_ms) VALUES (1, 0), (2, 0)").ok());
        QVERIFY(db.exec("INSERT INTO tracks (id, name, name_key, updated_at_ms) VALUES (1, 'Bloodbuzz Ohio', "
                        "'bloodbuzz ohio', 0)")
                    .ok());
        QVERIFY(db.exec("INSERT INTO track_artists (track_id, position, artist_id) VALUES (1, 0, 1)").ok());
        for (int i = 0; i < 3; ++i) {
            QVERIFY(db.exec("INSERT INTO plays (track_id, played_at_ms, source) VALUES (1, ?1, 'polled')", {i * 1000})
                        .ok());
        }
        store.reset();

        // In five weeks in Berlin: The National, and its false friends in the same week.
        const QDate soon = QDate::currentDate().addDays(35);
        m_showDate = soon;
        const FakeConcertCatalogue standard = FakeConcertCatalogue::standard();
        FakeConcertCatalogue catalogue = standard;
        for (const auto &[act, date, id] : {std::tuple{u"The National"_s, soon, u"vvCliN1"_s},
                                            std::tuple{u"National Anthem"_s, soon.addDays(1), u"vvCliA1"_s},
                                            std::tuple{u"Smells Like Nirvana"_s, soon.addDays(2), u"vvCliT1"_s}}) {
            const auto show = concerttests::berlinShow(standard, act, date, id);
            QVERIFY(show);
            catalogue.add(*show);
        }
        m_ticketmaster = std::make_unique<FakeTicketmaster>(catalogue);
        m_seatGeek = std::make_unique<FakeSeatGeek>(catalogue);
        QVERIFY(m_ticketmaster->isListening());
    }
    void cleanupTestCase()
    {
        m_ticketmaster.reset();
        m_seatGeek.reset();
    }

    void textGroupedByMonthWithWhy()
    {
        const CliRun run = cli({u"concerts"_s, u"--near"_s, u"Berlin"_s, u"--radius-km"_s, u"40"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"within 40 km of Berlin"_s), qPrintable(run.out));
        QVERIFY(run.out.contains(QLocale(QLocale::English).toString(m_showDate, u"MMMM yyyy"_s) + u'\n'));
        QVERIFY(run.out.contains(u"The National"_s));
        QVERIFY(run.out.contains(u"why: you follow them, 3 plays"_s));
        QVERIFY(run.out.contains(u"https://www.ticketmaster.example/event/vvCliN1"_s));
        QVERIFY2(!run.out.contains(u"Anthem"_s), qPrintable(run.out));
        QVERIFY2(!run.out.contains(u"Smells Like Nirvana"_s), qPrintable(run.out));
        // Both providers asked once for each of the two artists.
        QCOMPARE(m_ticketmaster->requestCount(), 2);
        QCOMPARE(m_seatGeek->requestCount(), 2);
    }

    void jsonAndIcsFromTheCache()
    {
        const QString icsPath = m_dir.filePath(u"shows.ics"_s);
        const CliRun run = cli({u"concerts"_s,
                                u"--near"_s,
                                u"52.52,13.405"_s,
                                u"--radius-km"_s,
                                u"40"_s,
                                u"--json"_s,
                                u"--ics"_s,
                                icsPath});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // The same place (to about 5 km) and radius: answered by the cache, nothing asked.
        QCOMPARE(m_ticketmaster->requestCount(), 2);
        const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8()).object();
        const QJsonArray concerts = root.value(u"concerts"_s).toArray();
        QCOMPARE(concerts.size(), 1);
        const QJsonObject show = concerts.first().toObject();
        QCOMPARE(show.value(u"artist"_s).toString(), u"The National"_s);
        QCOMPARE(show.value(u"provider_event_id"_s).toString(), u"vvCliN1"_s);
        QCOMPARE(show.value(u"local_date"_s).toString(), m_showDate.toString(Qt::ISODate));
        QCOMPARE(show.value(u"matched_by"_s).toString(), u"spotify_id"_s);
        QCOMPARE(show.value(u"why"_s).toObject().value(u"followed"_s).toBool(), true);
        QCOMPARE(show.value(u"why"_s).toObject().value(u"plays"_s).toInt(), 3);
        QVERIFY(show.value(u"distance_km"_s).toDouble() < 40.0);
        QCOMPARE(show.value(u"stale"_s).toBool(), false);
        QCOMPARE(root.value(u"providers"_s).toArray().first().toObject().value(u"from_cache"_s).toInt(), 2);

        QFile ics(icsPath);
        QVERIFY(ics.open(QIODevice::ReadOnly));
        const QByteArray calendar = ics.readAll();
        QVERIFY(calendar.startsWith("BEGIN:VCALENDAR\r\n"));
        QCOMPARE(calendar.count("BEGIN:VEVENT"), 1);
        QVERIFY(calendar.contains("UID:ticketmaster-vvCliN1@tunescout\r\n"));
    }

    void downProviderShowsCachedShowsWithTheirAge()
    {
        // A day later: the cache has expired (its expiry moved into the past), and Ticketmaster is down.
        {
            auto store = Store::open(m_dir.path()).store;
            QVERIFY(store);
            QVERIFY(store->database()
                        .exec("UPDATE concert_queries SET expires_at_ms = 0, fetched_at_ms = fetched_at_ms - 7200000")
                        .ok());
        }
        QVERIFY(m_ticketmaster->setDown(true));
        const CliRun run = cli({u"concerts"_s, u"--near"_s, u"Berlin"_s, u"--radius-km"_s, u"40"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(u"Ticketmaster could not be reached"_s), qPrintable(run.err));
        QVERIFY2(run.err.contains(u"Showing what Ticketmaster listed before for 2 artists (the oldest 2 hours ago)"_s),
                 qPrintable(run.err));
        QVERIFY(run.out.contains(u"The National"_s));
        QVERIFY2(run.out.contains(u"listed 2 hours ago (the provider could not be asked now)"_s), qPrintable(run.out));
        QVERIFY(m_ticketmaster->setDown(false));
    }

    void badInputIsNamed()
    {
        CliRun run = cli({u"concerts"_s, u"--near"_s, u"Atlantis"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"--near: Unknown place 'Atlantis'"_s), qPrintable(run.err));
        run = cli({u"concerts"_s, u"--near"_s, u"Berlin"_s, u"--radius-km"_s, u"9000"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(u"--radius-km"_s));
        run = cli({u"concerts"_s});
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.err.contains(u"--near CITY"_s));
        run = cli({u"concerts"_s, u"--near"_s, u"Berlin"_s}, /*withProviders=*/false);
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.err.contains(u"TUNESCOUT_TICKETMASTER_KEY"_s));
    }

private:
    CliRun cli(const QStringList &arguments, bool withProviders = true)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"TUNESCOUT_DATA_DIR"_s, m_dir.path());
        environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
        environment.remove(u"TUNESCOUT_TICKETMASTER_KEY"_s);
        environment.remove(u"TUNESCOUT_SEATGEEK_CLIENT_ID"_s);
        if (withProviders) {
            environment.insert(u"TUNESCOUT_TICKETMASTER_URL"_s, m_ticketmaster->baseUrl().toString());
            environment.insert(u"TUNESCOUT_TICKETMASTER_KEY"_s, FakeTicketmaster::defaultApiKey());
            environment.insert(u"TUNESCOUT_SEATGEEK_URL"_s, m_seatGeek->baseUrl().toString() + u"/2"_s);
            environment.insert(u"TUNESCOUT_SEATGEEK_CLIENT_ID"_s, FakeSeatGeek::defaultClientId());
        }
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(TUNESCOUT_CLI_PATH), arguments);
        CliRun run;
        if (!process.waitForFinished(60000)) {
            process.kill();
            return run;
        }
        run.exitCode = process.exitCode();
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

    QTemporaryDir m_dir;
    QDate m_showDate;
    std::unique_ptr<FakeTicketmaster> m_ticketmaster;
    std::unique_ptr<FakeSeatGeek> m_seatGeek;
};

QTEST_GUILESS_MAIN(TestConcertsCli)
#include "tst_concertscli.moc"
