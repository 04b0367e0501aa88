// Enrichment, the app's side of the genre lookup, on a real cache and against the fake MusicBrainz over
// loopback: what a run's summary says, how many tracks are left, progress, that stored tags are announced, and
// that an unusable TUNESCOUT_MUSICBRAINZ_URL leaves nothing to start but a message saying what to fix.

#include "app/backend/enrichment.h"
#include "dashboardfixture.h"
#include "tests/support/musicbrainz/fakemusicbrainz.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace engine;

namespace
{

MusicBrainzEndpoint endpointAt(const QUrl &url)
{
    MusicBrainzEndpoint endpoint = MusicBrainzEndpoint::defaults();
    endpoint.baseUrl = url;
    return endpoint;
}

EnrichSummary summaryOf(int found, int notFound, int failed, int remaining, bool stopped, const QString &error = {})
{
    EnrichSummary s;
    s.found = found;
    s.notFound = notFound;
    s.failed = failed;
    s.remaining = remaining;
    s.stopped = stopped;
    s.error = error;
    return s;
}

} // namespace

class TestEnrichment : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<StoreThread> m_store;

    // The dashboard fixture, with ISRCs on "Near Song" (known to the fake) and "Other Song" (unknown to it).
    void openCache(bool withIsrcs)
    {
        QVERIFY(m_dir.isValid());
        {
            Store::Outcome opened =
                Store::open(m_dir.path(), QStringLiteral(TUNESCOUT_SOURCE_DIR "/migrations/client"));
            QVERIFY(opened.store);
            const auto written = writeDashboardFixture(opened.store->database());
            QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
            if (withIsrcs) {
                QVERIFY(opened.store->database().exec("UPDATE tracks SET isrc = 'GBAYE0601498' WHERE id = 1"));
                QVERIFY(opened.store->database().exec("UPDATE tracks SET isrc = 'QZES71234567' WHERE id = 2"));
            }
        }
        m_store = std::make_unique<StoreThread>();
        bool opened = false;
        m_store->open(m_dir.path(), this, [&opened](const StoreStatus &) {
            opened = true;
        });
        QTRY_VERIFY(opened);
    }

private Q_SLOTS:
    void cleanup()
    {
        m_store.reset();
        for (const char *file : {"tunescout.sqlite", "tunescout.sqlite-wal", "tunescout.sqlite-shm"}) {
            QFile::remove(m_dir.filePath(QString::fromLatin1(file)));
        }
    }

    void summaryText_data()
    {
        QTest::addColumn<EnrichSummary>("summary");
        QTest::addColumn<QString>("text");
        QTest::addRow("finished")
            << summaryOf(312, 40, 0, 0, false)
            << QStringLiteral("Found genres for %1 tracks, 40 not in MusicBrainz.").arg(QLocale().toString(312));
        QTest::addRow("one-track") << summaryOf(1, 0, 0, 0, false)
                                   << QStringLiteral("Found genres for 1 track, 0 not in MusicBrainz.");
        QTest::addRow("more-left") << summaryOf(2, 1, 0, 7, false)
                                   << QStringLiteral("Found genres for 2 tracks, 1 not in MusicBrainz. 7 tracks left "
                                                     "for the next run.");
        QTest::addRow("stopped") << summaryOf(2, 0, 0, 1, true)
                                 << QStringLiteral("Found genres for 2 tracks, 0 not in MusicBrainz. Stopped: 1 track "
                                                   "left for the next run.");
        QTest::addRow("unreadable-answers")
            << summaryOf(3, 0, 2, 0, false)
            << QStringLiteral(
                   "Found genres for 3 tracks, 0 not in MusicBrainz. MusicBrainz's answer for 2 tracks could "
                   "not be read; they are asked again after a day.");
        QTest::addRow("nothing-to-do") << summaryOf(0, 0, 0, 0, false)
                                       << QStringLiteral("Every track with an ISRC has been looked up; nothing was "
                                                         "sent.");
        QTest::addRow("stopped-at-once") << summaryOf(0, 0, 0, 5, true)
                                         << QStringLiteral("Stopped before a track was looked up.");
        // The error is errorMessage's to tell.
        QTest::addRow("failed-at-once") << summaryOf(0,
                                                     0,
                                                     0,
                                                     5,
                                                     false,
                                                     QStringLiteral("MusicBrainz could not be "
                                                                    "reached"))
                                        << QString();
    }

    void summaryText()
    {
        QFETCH(EnrichSummary, summary);
        QFETCH(QString, text);
        QCOMPARE(Enrichment::summaryText(summary), text);
    }

    void aBadUrlLeavesNothingToStart()
    {
        openCache(true);
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("TUNESCOUT_MUSICBRAINZ_URL"), QStringLiteral("musicbrainz.example/ws/2"));
        Enrichment enrichment(m_store.get(), MusicBrainzEndpoint::fromEnvironment(environment));
        QVERIFY(!enrichment.available());
        QVERIFY(!enrichment.canStart());
        QVERIFY(enrichment.errorMessage().contains(QStringLiteral("TUNESCOUT_MUSICBRAINZ_URL")));
        QVERIFY(enrichment.errorMessage().contains(QStringLiteral("musicbrainz.example/ws/2")));
        QSignalSpy changed(&enrichment, &Enrichment::changed);
        enrichment.start();
        enrichment.refreshPending();
        QVERIFY(!enrichment.running());
        QVERIFY(enrichment.pendingText().isEmpty());
        QVERIFY(!changed.wait(200));
    }

    void nothingToLookUpOffersNoStart()
    {
        openCache(false);
        testsupport::FakeMusicBrainz fake;
        Enrichment enrichment(m_store.get(), endpointAt(fake.apiUrl()));
        QVERIFY(enrichment.canStart()); // not counted yet
        QSignalSpy changed(&enrichment, &Enrichment::changed);
        enrichment.refreshPending();
        QVERIFY(changed.wait());
        QCOMPARE(enrichment.pendingText(), QStringLiteral("Every track with an ISRC has been looked up."));
        QVERIFY(!enrichment.canStart());
        QCOMPARE(fake.requestCount(), 0);
    }

    void aRunLooksUpReportsAndAnnouncesTheTags()
    {
        openCache(true);
        testsupport::FakeMusicBrainz fake;
        fake.addStandardRecordings();
        Enrichment enrichment(m_store.get(), endpointAt(fake.apiUrl()));
        QSignalSpy changed(&enrichment, &Enrichment::changed);
        enrichment.refreshPending();
        QVERIFY(changed.wait());
        QCOMPARE(enrichment.pendingText(), QStringLiteral("2 tracks with an ISRC not looked up yet."));
        QVERIFY(enrichment.canStart());
        QCOMPARE(fake.requestCount(), 0); // counting sends nothing

        QSignalSpy finished(&enrichment, &Enrichment::finished);
        QSignalSpy tags(&enrichment, &Enrichment::tagsChanged);
        QList<QString> progress;
        connect(&enrichment, &Enrichment::progressChanged, this, [&] {
            progress.append(enrichment.progressText());
        });
        enrichment.start();
        QVERIFY(enrichment.running());
        QVERIFY(!enrichment.canStart());
        QVERIFY(finished.wait(15000));
        QVERIFY(!enrichment.running());
        QVERIFY(progress.contains(QStringLiteral("0 of 2")));
        QVERIFY(progress.contains(QStringLiteral("1 of 2")));
        QCOMPARE(enrichment.summary(), QStringLiteral("Found genres for 1 track, 1 not in MusicBrainz."));
        QVERIFY(enrichment.errorMessage().isEmpty());
        QCOMPARE(tags.size(), 1);
        QCOMPARE(fake.requestCount(), 2);
        QTRY_COMPARE(enrichment.pendingText(), QStringLiteral("Every track with an ISRC has been looked up."));
    }

    void theErrorOfAFailedRunIsShown()
    {
        openCache(true);
        QUrl closed;
        {
            testsupport::FakeMusicBrainz gone; // a port that was just listening and is closed now
            closed = gone.apiUrl();
        }
        Enrichment enrichment(m_store.get(), endpointAt(closed));
        EnrichPolicy policy;
        policy.maxAttempts = 2;
        policy.backoffBase = std::chrono::milliseconds(100);
        enrichment.setPolicy(policy);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("MusicBrainz could not be reached")));
        QSignalSpy finished(&enrichment, &Enrichment::finished);
        QSignalSpy tags(&enrichment, &Enrichment::tagsChanged);
        enrichment.start();
        QVERIFY(finished.wait(15000));
        QVERIFY(enrichment.errorMessage().contains(QStringLiteral("MusicBrainz could not be reached")));
        QVERIFY(enrichment.summary().isEmpty());
        QVERIFY(enrichment.canStart());
        QCOMPARE(tags.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEnrichment)
#include "tst_enrichment.moc"
