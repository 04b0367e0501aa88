// RELIABILITY.md T14 (SQ-2, SQ-5): disk-full and I/O errors injected through a VFS while a batch of plays and
// outbox events is written in one transaction, while the cache is opened and while migration 0002 runs.
// Whatever fails, nothing crashes, a transaction lands whole or not at all, the error is a Storage error a
// person can act on, nobody issues a ROLLBACK that SQLite already did, and once the fault clears the cache
// takes writes and passes integrity_check.
#include "faultvfs.h"

#include "engine/store/libraryrepository.h"
#include "engine/store/outboxrepository.h"
#include "engine/store/playrepository.h"
#include "engine/store/store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace engine;
using testsupport::FaultVfs;

namespace
{

const QString builtInMigrations = QStringLiteral(TUNESCOUT_SOURCE_DIR "/migrations/client");
const QString faultVfs = QString::fromLatin1(FaultVfs::Name);
constexpr int sweep = 60; // N in "fail the Nth call"; a sweep stops early once N is past the last call
constexpr int basePlays = 300;
constexpr int baseOutbox = 40;
constexpr int batchPlays = 12;
constexpr int batchEvents = 8;

// Everything SQLite reports through SQLITE_CONFIG_LOG that would mean a misuse of the API by us.
QStringList misuse;

void recordSqliteLog(void *, int code, const char *message)
{
    const QString text = QString::fromUtf8(message);
    if ((code & 0xff) == SQLITE_MISUSE || text.contains(QLatin1String("no transaction is active"))
        || text.contains(QLatin1String("within a transaction"))) {
        misuse.append(QStringLiteral("%1: %2").arg(code).arg(text));
    }
}

Track track(const QString &prefix, int i)
{
    Track track;
    track.spotifyId = QStringLiteral("%1-track-%2").arg(prefix).arg(i);
    track.name = QStringLiteral("Track %1 of %2").arg(i).arg(prefix);
    track.durationMs = 180'000 + i;
    track.isrc = QStringLiteral("QZ%1").arg(i, 10, 10, QLatin1Char('0'));
    track.artists = {
        ArtistRef{QStringLiteral("%1-artist-%2").arg(prefix).arg(i % 7), QStringLiteral("Artist %1").arg(i % 7)}};
    track.album.spotifyId = QStringLiteral("%1-album-%2").arg(prefix).arg(i % 11);
    track.album.name = QStringLiteral("Album %1").arg(i % 11);
    track.album.artists = track.artists;
    return track;
}

QList<Play> plays(const QString &prefix, int count)
{
    QList<Play> plays;
    for (int i = 0; i < count; ++i) {
        Play play;
        play.track = track(prefix, i);
        play.playedAtMs = 1'760'000'000'000 + qint64(i) * 200'000;
        play.contextUri = QStringLiteral("spotify:album:%1").arg(play.track.album.spotifyId);
        plays.append(play);
    }
    return plays;
}

QString cachePath(const QString &dir)
{
    return QDir(dir).filePath(QString::fromLatin1(Store::DatabaseFileName));
}

qint64 count(SqliteDatabase &db, const QByteArray &sql)
{
    const auto value = db.scalar(sql);
    return value ? value.value().toLongLong() : -1;
}

// SQLite's error paths are under test here, not the disk: in memory (where Linux offers /dev/shm) the
// sweep's few thousand fsyncs cost nothing, and its run time does not depend on how busy the disk is.
QString workTemplate()
{
    const QString memory = QStringLiteral("/dev/shm");
    const QFileInfo info(memory);
    return (info.isDir() && info.isWritable() ? memory : QDir::tempPath())
        + QStringLiteral("/tst_sqlite_faults-XXXXXX");
}

template<typename T>
QByteArray why(const Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

// What a person reads when the disk is full or failing (SqliteDatabase::errorFromLast).
bool isStorageMessage(const QString &message)
{
    return message.contains(QLatin1String("The disk is full"))
        || message.contains(QLatin1String("TuneScout could not"));
}

} // namespace

class TestSqliteFaults : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_work{workTemplate()};
    QString m_templateV1;
    QString m_templateV2;
    QString m_migrationsV2;

    QString freshCopy(const QString &templateDir, const QString &name)
    {
        const QString dir = m_work.filePath(name);
        QDir().mkpath(dir);
        QFile::copy(cachePath(templateDir), cachePath(dir));
        return dir;
    }

    // spill: a page cache of a few pages makes SQLite write dirty pages to the WAL in the middle of the
    // transaction, so that faults also land inside statements (where SQLite rolls back by itself), not only
    // in COMMIT.
    static void addFaultColumns()
    {
        QTest::addColumn<FaultVfs::Operation>("operation");
        QTest::addColumn<int>("errorCode");
        QTest::addColumn<bool>("sticky");
        QTest::addColumn<bool>("spill");
    }

    static void addReadFaultRows()
    {
        QTest::addRow("read-io-error") << FaultVfs::Operation::Read << SQLITE_IOERR_READ << false << false;
        QTest::addRow("read-io-error-sticky") << FaultVfs::Operation::Read << SQLITE_IOERR_READ << true << false;
        QTest::addRow("filesize-io-error") << FaultVfs::Operation::FileSize << SQLITE_IOERR_FSTAT << false << false;
    }

    static void addWriteFaultRows()
    {
        QTest::addRow("write-disk-full") << FaultVfs::Operation::Write << SQLITE_FULL << true << false;
        QTest::addRow("write-io-error") << FaultVfs::Operation::Write << SQLITE_IOERR_WRITE << false << false;
        QTest::addRow("sync-io-error") << FaultVfs::Operation::Sync << SQLITE_IOERR_FSYNC << false << false;
    }

    static void addSpillFaultRows()
    {
        QTest::addRow("write-disk-full-while-spilling") << FaultVfs::Operation::Write << SQLITE_FULL << true << true;
        QTest::addRow("write-io-error-while-spilling")
            << FaultVfs::Operation::Write << SQLITE_IOERR_WRITE << false << true;
        QTest::addRow("read-io-error-while-spilling")
            << FaultVfs::Operation::Read << SQLITE_IOERR_READ << false << true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        // SQLITE_CONFIG_LOG may only be set while SQLite is not initialised.
        QCOMPARE(sqlite3_shutdown(), SQLITE_OK);
        QCOMPARE(sqlite3_config(SQLITE_CONFIG_LOG, recordSqliteLog, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_initialize(), SQLITE_OK);
        QVERIFY(FaultVfs::install());

        m_templateV2 = m_work.filePath(QStringLiteral("template-v2"));
        {
            Store::Outcome outcome = Store::open(m_templateV2, builtInMigrations);
            QVERIFY2(outcome.store, qPrintable(outcome.status.message));
            auto library = LibraryRepository::create(outcome.store->database());
            QVERIFY(library);
            auto playRepository = PlayRepository::create(outcome.store->database(), library.value());
            auto outbox = OutboxRepository::create(outcome.store->database());
            QVERIFY(playRepository && outbox);
            QCOMPARE(playRepository.value().insertPlays(plays(QStringLiteral("base"), basePlays)).value(), basePlays);
            for (int i = 0; i < baseOutbox; ++i) {
                QVERIFY(outbox.value().enqueue(OutboxKind::Play, QJsonObject{{QStringLiteral("base"), i}}));
            }
        }

        // Schema 1, and exactly the step to schema 2 that the migration sweep interrupts.
        const QString v1Migrations = m_work.filePath(QStringLiteral("migrations-v1"));
        m_migrationsV2 = m_work.filePath(QStringLiteral("migrations-v2"));
        for (const QString &dir : {v1Migrations, m_migrationsV2}) {
            QVERIFY(QDir().mkpath(dir));
            const QString first = QStringLiteral("0001_create_cache_metadata.sql");
            QVERIFY(QFile::copy(QDir(builtInMigrations).filePath(first), QDir(dir).filePath(first)));
        }
        const QString second = QStringLiteral("0002_create_library.sql");
        QVERIFY(QFile::copy(QDir(builtInMigrations).filePath(second), QDir(m_migrationsV2).filePath(second)));

        m_templateV1 = m_work.filePath(QStringLiteral("template-v1"));
        Store::Outcome v1 = Store::open(m_templateV1, v1Migrations);
        QVERIFY2(v1.store, qPrintable(v1.status.message));
        QCOMPARE(v1.status.schemaVersion, 1);
        QVERIFY(v1.store->database().exec("INSERT INTO cache_metadata VALUES ('marker', 'from v1')"));
    }

    void init()
    {
        misuse.clear();
    }

    void cleanup()
    {
        FaultVfs::disarm();
        QCOMPARE(misuse, QStringList());
    }

    // Shows that the misuse check in cleanup() can fail: a ROLLBACK without a transaction is logged.
    void aRollbackWithoutATransactionIsNoticed()
    {
        auto db = SqliteDatabase::open(m_work.filePath(QStringLiteral("scratch.sqlite")),
                                       SqliteDatabase::Mode::ReadWriteCreate);
        QVERIFY(db);
        QVERIFY(!db.value().exec("ROLLBACK"));
        QCOMPARE(misuse.size(), 1);
        misuse.clear();
    }

    void aWriteBatchIsAllOrNothing_data()
    {
        addFaultColumns();
        addWriteFaultRows();
        addReadFaultRows();
        addSpillFaultRows();
    }

    void aWriteBatchIsAllOrNothing()
    {
        QFETCH(FaultVfs::Operation, operation);
        QFETCH(int, errorCode);
        QFETCH(bool, sticky);
        QFETCH(bool, spill);
        const QList<Play> batch = plays(QStringLiteral("batch"), batchPlays);
        int failed = 0;
        int rolledBackBySqlite = 0;
        int callsInACleanRun = 0;
        for (int n = 1; n <= sweep; ++n) {
            const QString dir =
                freshCopy(m_templateV2,
                          QStringLiteral("batch-%1-%2").arg(QString::fromLatin1(QTest::currentDataTag())).arg(n));
            Result<void> written;
            {
                Store::Outcome outcome = Store::open(dir, builtInMigrations, faultVfs);
                QVERIFY2(outcome.store, qPrintable(outcome.status.message));
                SqliteDatabase &db = outcome.store->database();
                auto library = LibraryRepository::create(db);
                QVERIFY(library);
                auto playRepository = PlayRepository::create(db, library.value());
                auto outbox = OutboxRepository::create(db);
                QVERIFY(playRepository && outbox);
                if (spill) {
                    QVERIFY(db.exec("PRAGMA cache_size = 4"));
                }

                FaultVfs::arm(operation, n, errorCode, sticky);
                bool failedInside = false;
                written = db.transaction([&]() -> Result<void> {
                    if (const auto added = playRepository.value().insertPlays(batch); !added) {
                        failedInside = true;
                        rolledBackBySqlite += db.isAutocommit() ? 1 : 0;
                        return added.error();
                    }
                    for (int i = 0; i < batchEvents; ++i) {
                        if (const auto queued =
                                outbox.value().enqueue(OutboxKind::Play, QJsonObject{{QStringLiteral("batch"), i}});
                            !queued) {
                            failedInside = true;
                            rolledBackBySqlite += db.isAutocommit() ? 1 : 0;
                            return queued.error();
                        }
                    }
                    return {};
                });
                rolledBackBySqlite += !written && !failedInside && db.isAutocommit() ? 1 : 0;
                const int injected = FaultVfs::injected();
                FaultVfs::disarm();
                if (injected == 0) {
                    callsInACleanRun = FaultVfs::calls();
                }

                QVERIFY(db.isAutocommit());
                if (!written) {
                    ++failed;
                    QVERIFY2(injected > 0, why(written).constData());
                    QCOMPARE(written.error().code, Error::Code::Storage);
                    QVERIFY2(isStorageMessage(written.error().message), why(written).constData());
                    QVERIFY2(written.error().message.contains(cachePath(dir)), why(written).constData());
                }
                // The fault has cleared: the same connection takes the next write.
                const auto after =
                    outbox.value().enqueue(OutboxKind::Feedback, QJsonObject{{QStringLiteral("after"), n}});
                QVERIFY2(after, qPrintable(QStringLiteral("N=%1: %2").arg(n).arg(QString::fromUtf8(why(after)))));
            }

            Store::Outcome reopened = Store::open(dir, builtInMigrations);
            QVERIFY2(reopened.store, qPrintable(reopened.status.message));
            QCOMPARE(reopened.status.state, StoreStatus::State::Ready);
            QCOMPARE(reopened.store->integrityCheck().value(), QStringLiteral("ok"));
            SqliteDatabase &db = reopened.store->database();
            const int landed = written ? 1 : 0;
            QCOMPARE(count(db, "SELECT count(*) FROM plays"), basePlays + landed * batchPlays);
            QCOMPARE(count(db, "SELECT count(*) FROM tracks"), basePlays + landed * batchPlays);
            // Every new polled play queued its own event in the same transaction.
            QCOMPARE(count(db, "SELECT count(*) FROM outbox WHERE kind = 'play'"),
                     baseOutbox + basePlays + landed * (batchEvents + batchPlays));
            QCOMPARE(count(db, "SELECT count(*) FROM outbox WHERE kind = 'feedback'"), 1);
            if (callsInACleanRun > 0) {
                break; // N is past the last call: every larger N is the same clean run
            }
        }
        qInfo("%d transactions failed (%d already rolled back by SQLite); a clean run makes %s calls",
              failed,
              rolledBackBySqlite,
              callsInACleanRun ? qPrintable(QString::number(callsInACleanRun)) : "more than 60");
        QVERIFY(failed > 0);
    }

    void anOpenThatCannotReadLeavesTheCacheInPlace_data()
    {
        addFaultColumns();
        addReadFaultRows();
    }

    void anOpenThatCannotReadLeavesTheCacheInPlace()
    {
        QFETCH(FaultVfs::Operation, operation);
        QFETCH(int, errorCode);
        QFETCH(bool, sticky);
        int failed = 0;
        for (int n = 1; n <= sweep; ++n) {
            const QString dir =
                freshCopy(m_templateV2,
                          QStringLiteral("open-%1-%2").arg(QString::fromLatin1(QTest::currentDataTag())).arg(n));
            FaultVfs::arm(operation, n, errorCode, sticky);
            StoreStatus status = Store::open(dir, builtInMigrations, faultVfs).status;
            const bool clean = FaultVfs::injected() == 0;
            FaultVfs::disarm();
            if (status.state == StoreStatus::State::Failed) {
                ++failed;
                QVERIFY2(isStorageMessage(status.message), qPrintable(status.message));
            } else {
                QCOMPARE(status.state, StoreStatus::State::Ready);
            }
            QVERIFY(status.quarantinedPath.isEmpty());
            QCOMPARE(QDir(dir).entryList({QStringLiteral("*.corrupt-*")}), QStringList());

            Store::Outcome reopened = Store::open(dir, builtInMigrations);
            QVERIFY2(reopened.store, qPrintable(reopened.status.message));
            QCOMPARE(reopened.status.state, StoreStatus::State::Ready);
            QCOMPARE(count(reopened.store->database(), "SELECT count(*) FROM plays"), basePlays);
            QCOMPARE(reopened.store->integrityCheck().value(), QStringLiteral("ok"));
            if (clean) {
                break;
            }
        }
        qInfo("%d opens failed", failed);
    }

    void aMigrationInterruptedByAFaultKeepsTheOldVersion_data()
    {
        addFaultColumns();
        addWriteFaultRows();
        addReadFaultRows();
    }

    void aMigrationInterruptedByAFaultKeepsTheOldVersion()
    {
        QFETCH(FaultVfs::Operation, operation);
        QFETCH(int, errorCode);
        QFETCH(bool, sticky);
        int failed = 0;
        for (int n = 1; n <= sweep; ++n) {
            const QString dir =
                freshCopy(m_templateV1,
                          QStringLiteral("migrate-%1-%2").arg(QString::fromLatin1(QTest::currentDataTag())).arg(n));
            FaultVfs::arm(operation, n, errorCode, sticky);
            const StoreStatus status = Store::open(dir, m_migrationsV2, faultVfs).status;
            const bool clean = FaultVfs::injected() == 0;
            FaultVfs::disarm();
            if (status.state == StoreStatus::State::Failed) {
                ++failed;
                QVERIFY2(isStorageMessage(status.message), qPrintable(status.message));
                auto left = SqliteDatabase::open(cachePath(dir), SqliteDatabase::Mode::ReadOnly);
                QVERIFY(left);
                QCOMPARE(count(left.value(), "PRAGMA user_version"), 1);
                QCOMPARE(count(left.value(), "SELECT count(*) FROM sqlite_schema WHERE name = 'plays'"), 0);
            } else {
                QCOMPARE(status.state, StoreStatus::State::Ready);
                QCOMPARE(status.schemaVersion, 2);
            }

            Store::Outcome reopened = Store::open(dir, m_migrationsV2);
            QVERIFY2(reopened.store, qPrintable(reopened.status.message));
            QCOMPARE(reopened.status.state, StoreStatus::State::Ready);
            QCOMPARE(reopened.status.schemaVersion, 2);
            QCOMPARE(reopened.status.migrationsApplied, status.state == StoreStatus::State::Failed ? 1 : 0);
            QCOMPARE(reopened.store->integrityCheck().value(), QStringLiteral("ok"));
            QCOMPARE(count(reopened.store->database(), "SELECT count(*) FROM cache_metadata WHERE value = 'from v1'"),
                     1);
            if (clean) {
                break;
            }
        }
        qInfo("%d migrations failed", failed);
        QVERIFY(failed > 0);
    }
};

QTEST_GUILESS_MAIN(TestSqliteFaults)
#include "tst_sqlite_faults.moc"
