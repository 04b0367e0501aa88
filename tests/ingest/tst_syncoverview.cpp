// What the app shows about the sync, read from a real cache: the age of the data, the outbox, and the stretches of
// missing plays the user has not dismissed (the dismissal is kept in cache_metadata).

#include "engine/ingest/syncoverview.h"
#include "engine/store/outboxrepository.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace engine;

class TestSyncOverview : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<Store> m_store;

    SyncStateRepository states()
    {
        return SyncStateRepository::create(m_store->database()).value();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        Store::Outcome outcome = Store::open(m_dir.filePath(QString::number(++m_run)));
        QVERIFY2(outcome.store, qPrintable(outcome.status.message));
        m_store = std::move(outcome.store);
    }

    void cleanup()
    {
        m_store.reset();
    }

    void aNewCacheHasNothingToShow()
    {
        const auto overview = syncoverview::read(*m_store);
        QVERIFY(overview);
        QCOMPARE(overview.value(), SyncOverview{});
    }

    void theNewestSuccessAndTheOutboxAreShown()
    {
        SyncStateRepository sync = states();
        QVERIFY(sync.recordSuccess(QStringLiteral("profile"), 1000));
        QVERIFY(sync.recordSuccess(QStringLiteral("recently_played"), 5000));
        QVERIFY(sync.recordFailure(QStringLiteral("saved_tracks"), 9000, QStringLiteral("no answer")));
        auto outbox = OutboxRepository::create(m_store->database()).value();
        QVERIFY(outbox.enqueue(OutboxKind::Play, {}));
        QVERIFY(outbox.enqueue(OutboxKind::Feedback, {}));

        const auto overview = syncoverview::read(*m_store);
        QVERIFY(overview);
        // A failure later than every success does not make the data newer.
        QCOMPARE(overview.value().lastSuccessAtMs, std::optional<qint64>(5000));
        QCOMPARE(overview.value().outboxPending, 2);
    }

    void dismissedGapsStayHiddenAndNewOnesShow()
    {
        SyncStateRepository sync = states();
        QVERIFY(sync.recordGap(100, 200));
        QVERIFY(sync.recordGap(300, 400));
        const auto before = syncoverview::read(*m_store);
        QVERIFY(before);
        QCOMPARE(before.value().undismissedGaps.size(), 2);

        qint64 through = 0;
        for (const SyncGap &gap : before.value().undismissedGaps) {
            through = std::max(through, gap.detectedAtMs);
        }
        QVERIFY(syncoverview::dismissGapsThrough(*m_store, through));
        QVERIFY(syncoverview::read(*m_store).value().undismissedGaps.isEmpty());
        // A stale view dismissing older gaps does not bring the newer dismissal back.
        QVERIFY(syncoverview::dismissGapsThrough(*m_store, through - 1'000'000));
        QVERIFY(syncoverview::read(*m_store).value().undismissedGaps.isEmpty());

        // Kept in the cache: a new connection (the next start) sees the same.
        m_store.reset();
        Store::Outcome reopened = Store::open(m_dir.filePath(QString::number(m_run)));
        QVERIFY(reopened.store);
        m_store = std::move(reopened.store);
        QVERIFY(syncoverview::read(*m_store).value().undismissedGaps.isEmpty());

        // A gap found later shows again. Its detection time is the cache's clock, so make sure it is later.
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > through);
        QVERIFY(states().recordGap(500, 600));
        const auto after = syncoverview::read(*m_store);
        QVERIFY(after);
        QCOMPARE(after.value().undismissedGaps.size(), 1);
        QCOMPARE(after.value().undismissedGaps.first().fromMs, 500);
    }

    void anUnreadableDismissalHidesNothing()
    {
        QVERIFY(states().recordGap(100, 200));
        QVERIFY(m_store->database().exec("INSERT INTO cache_metadata (key, value) VALUES "
                                         "('sync_gaps_dismissed_through_ms', 'not a number')"));
        QCOMPARE(syncoverview::read(*m_store).value().undismissedGaps.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSyncOverview)
#include "tst_syncoverview.moc"
