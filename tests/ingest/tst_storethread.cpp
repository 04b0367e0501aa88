#include "engine/ingest/storethread.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <optional>

using namespace engine;

namespace
{

constexpr int AnswerTimeoutMs = 10000;

// Opens the cache in `dir` and waits for the answer.
std::optional<StoreStatus> openAndWait(StoreThread &store, const QString &dir)
{
    QObject context;
    std::optional<StoreStatus> status;
    store.open(dir, &context, [&status](const StoreStatus &answer) {
        status = answer;
    });
    if (!QTest::qWaitFor(
            [&status] {
                return status.has_value();
            },
            AnswerTimeoutMs)) {
        return std::nullopt;
    }
    return status;
}

} // namespace

class TestStoreThread : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jobsRunOnTheStoreThreadInOrder()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        StoreThread store;
        const auto status = openAndWait(store, dir.path());
        QVERIFY(status);
        QCOMPARE(status->state, StoreStatus::State::Ready);

        QObject context;
        QList<int> answered;
        QList<QThread *> jobThreads;
        QList<QThread *> answerThreads;
        for (int i = 0; i < 5; ++i) {
            store.post(
                [i, &jobThreads](Store &cache) -> Result<int> {
                    jobThreads.append(QThread::currentThread());
                    const auto version = cache.database().scalar("PRAGMA user_version");
                    if (!version) {
                        return version.error();
                    }
                    return i;
                },
                &context,
                [&answered, &answerThreads](Result<int> result) {
                    answerThreads.append(QThread::currentThread());
                    answered.append(result ? result.value() : -1);
                });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 5, AnswerTimeoutMs);
        QCOMPARE(answered, (QList<int>{0, 1, 2, 3, 4}));
        for (QThread *thread : std::as_const(jobThreads)) {
            QVERIFY(thread != QThread::currentThread());
            QCOMPARE(thread, jobThreads.first());
        }
        for (QThread *thread : std::as_const(answerThreads)) {
            QCOMPARE(thread, QThread::currentThread());
        }
    }

    void answerIsDroppedWithItsContext()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        StoreThread store;
        QVERIFY(openAndWait(store, dir.path()));

        std::atomic<int> ran = 0;
        bool droppedAnswered = false;
        auto gone = std::make_unique<QObject>();
        store.post(
            [&ran](Store &) -> Result<int> {
                return ++ran;
            },
            gone.get(),
            [&droppedAnswered](Result<int>) {
                droppedAnswered = true;
            });
        gone.reset();

        QObject context;
        bool answered = false;
        store.post(
            [&ran](Store &) -> Result<int> {
                return ++ran;
            },
            &context,
            [&answered](Result<int>) {
                answered = true;
            });
        QTRY_VERIFY_WITH_TIMEOUT(answered, AnswerTimeoutMs);
        QCOMPARE(ran.load(), 2); // the job itself ran: only its answer had nobody left to go to
        QVERIFY(!droppedAnswered);
    }

    void jobsWithoutACacheAnswerUnavailable()
    {
        StoreThread store;
        QObject context;
        std::optional<Error> error;
        bool ran = false;
        store.post(
            [&ran](Store &) -> Result<int> {
                ran = true;
                return 1;
            },
            &context,
            [&error](Result<int> result) {
                if (!result) {
                    error = result.error();
                }
            });
        QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), AnswerTimeoutMs);
        QCOMPARE(error->code, Error::Code::Unavailable);
        QVERIFY(!ran);
    }

    void unusableDataDirectoryIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString notADirectory = dir.filePath(QStringLiteral("file"));
        QFile file(notADirectory);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();

        StoreThread store;
        const auto status = openAndWait(store, notADirectory);
        QVERIFY(status);
        QCOMPARE(status->state, StoreStatus::State::Failed);
        QVERIFY(!status->message.isEmpty());
    }

    void stopFinishesPostedJobsThenRefusesMore()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        StoreThread store;
        QVERIFY(openAndWait(store, dir.path()));

        QObject context;
        std::atomic<int> ran = 0;
        for (int i = 0; i < 20; ++i) {
            store.post(
                [&ran](Store &cache) -> Result<int> {
                    if (auto written = cache.database().exec(
                            "INSERT INTO sync_gaps (from_ms, to_ms, detected_at_ms) VALUES (1, 2, 3)");
                        !written) {
                        return written.error();
                    }
                    return ++ran;
                },
                &context,
                [](Result<int>) {});
        }
        store.stop();
        QCOMPARE(ran.load(), 20);
        QVERIFY(store.isStopped());

        std::optional<Error> error;
        store.post(
            [](Store &) -> Result<int> {
                return 1;
            },
            &context,
            [&error](Result<int> result) {
                if (!result) {
                    error = result.error();
                }
            });
        QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), AnswerTimeoutMs);
        QCOMPARE(error->code, Error::Code::Unavailable);

        // Closed cleanly: another writer opens the same cache and finds every row.
        StoreThread reopened;
        QVERIFY(openAndWait(reopened, dir.path()));
        std::optional<qint64> rows;
        reopened.post(
            [](Store &cache) {
                return cache.database().scalar("SELECT count(*) FROM sync_gaps");
            },
            &context,
            [&rows](Result<QVariant> result) {
                rows = result ? result.value().toLongLong() : -1;
            });
        QTRY_VERIFY_WITH_TIMEOUT(rows.has_value(), AnswerTimeoutMs);
        QCOMPARE(*rows, 20);
    }
};

QTEST_GUILESS_MAIN(TestStoreThread)
#include "tst_storethread.moc"
