// SQ-4 step 3: when Store::open moves a damaged cache aside, the unsent outbox events that can still be read
// come back into the fresh cache, unchanged, and the notice says how many did and did not.

#include "engine/store/outboxrepository.h"
#include "engine/store/store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace engine;

namespace
{

constexpr int EventCount = 300;
constexpr int PageSize = 4096;
const QString builtInMigrations = QStringLiteral(TUNESCOUT_SOURCE_DIR "/migrations/client");

QString marker(int index)
{
    return QStringLiteral("salvage-marker-%1").arg(index, 4, 10, QLatin1Char('0'));
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
                                          : QByteArray();
}

// A cache with EventCount outbox events (about ten to a page, so the table spans some thirty pages), the first
// ten of them already tried once, everything checkpointed into the main file. Returns the events as stored.
QList<OutboxEvent> makeCache(const QString &dataDir, const QByteArray &extraSql = {})
{
    Store::Outcome outcome = Store::open(dataDir, builtInMigrations);
    if (!outcome.store) {
        qWarning() << outcome.status.message;
        return {};
    }
    auto outbox = OutboxRepository::create(outcome.store->database());
    QStringList tried;
    for (int i = 0; i < EventCount; ++i) {
        const QJsonObject payload{{QStringLiteral("marker"), marker(i)},
                                  {QStringLiteral("track"), QStringLiteral("spotify:track:%1").arg(i)},
                                  {QStringLiteral("filler"), QString(300, QLatin1Char('f'))}};
        const auto id = outbox.value().enqueue(i % 7 == 0 ? OutboxKind::Feedback : OutboxKind::Play, payload);
        if (!id) {
            return {};
        }
        if (i < 10) {
            tried.append(id.value());
        }
    }
    if (!outbox.value().markAttempt(tried)
        || !outcome.store->database().exec(extraSql + "PRAGMA wal_checkpoint(TRUNCATE);")) {
        return {};
    }
    return outbox.value().pending(EventCount).value();
}

// The page the first copy of `needle` is on (1-based, as SQLite numbers them).
int pageOf(const QString &path, const QByteArray &needle)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const qsizetype at = file.readAll().indexOf(needle);
    return at < 0 ? 0 : int(at / PageSize) + 1;
}

bool zeroPage(const QString &path, int page)
{
    QFile file(path);
    return page > 0 && file.open(QIODevice::ReadWrite) && file.seek(qint64(page - 1) * PageSize)
        && file.write(QByteArray(PageSize, '\0')) == PageSize;
}

} // namespace

class TestOutboxSalvage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void salvagesWhatIsReadable_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<int>("minimumRecovered");
        QTest::addColumn<int>("maximumRecovered");
        QTest::addColumn<bool>("everyEventAccountedFor"); // recovered + unreadable == all (the index survived)
        // Page 2 belongs to the first table of the schema: every event is intact.
        QTest::addRow("zero-filled-page-2") << QStringLiteral("page2") << EventCount << EventCount << true;
        // SQLite refuses the file ("file is not a database"); a rebuilt header makes it readable again.
        QTest::addRow("overwritten-header") << QStringLiteral("header") << EventCount << EventCount << true;
        // One leaf of the outbox gone: its events are lost, those on every other page come back, and the
        // event_id index tells how many were lost.
        QTest::addRow("zero-filled-outbox-page")
            << QStringLiteral("outbox-page") << EventCount - 30 << EventCount - 1 << true;
        // An overwritten leaf: SQLite sees a page of garbage instead of zeros.
        QTest::addRow("garbage-outbox-page")
            << QStringLiteral("outbox-garbage") << EventCount - 30 << EventCount - 1 << true;
        // The file cut off halfway through the outbox: the events on the pages before the cut come back.
        QTest::addRow("truncated-in-the-outbox") << QStringLiteral("cut") << 100 << 150 << false;
        QTest::addRow("truncated-to-1000-bytes") << QStringLiteral("truncate") << 0 << 0 << false;
        QTest::addRow("zero-length") << QStringLiteral("empty") << 0 << 0 << false;
        QTest::addRow("not-a-database") << QStringLiteral("garbage") << 0 << 0 << false;
    }

    void salvagesWhatIsReadable()
    {
        QFETCH(QString, damage);
        QFETCH(int, minimumRecovered);
        QFETCH(int, maximumRecovered);
        QFETCH(bool, everyEventAccountedFor);

        QTemporaryDir dir;
        const QList<OutboxEvent> original = makeCache(dir.path());
        QCOMPARE(original.size(), EventCount);
        const QString path = dir.filePath(QString::fromLatin1(Store::DatabaseFileName));

        QFile file(path);
        if (damage == QLatin1String("page2")) {
            QVERIFY(zeroPage(path, 2));
        } else if (damage == QLatin1String("outbox-page") || damage == QLatin1String("outbox-garbage")) {
            const int page = pageOf(path, marker(150).toUtf8());
            QVERIFY(page > 2);
            if (damage == QLatin1String("outbox-page")) {
                QVERIFY(zeroPage(path, page));
            } else {
                QVERIFY(file.open(QIODevice::ReadWrite) && file.seek(qint64(page - 1) * PageSize));
                QCOMPARE(file.write(QByteArray(PageSize, '\x5a')), PageSize);
                file.close();
            }
        } else {
            QVERIFY(file.open(QIODevice::ReadWrite));
            if (damage == QLatin1String("header")) {
                file.write("This is not SQLite at all");
            } else if (damage == QLatin1String("cut")) {
                const int page = pageOf(path, marker(150).toUtf8());
                QVERIFY(page > 2);
                QVERIFY(file.resize(qint64(page - 1) * PageSize));
            } else if (damage == QLatin1String("truncate")) {
                QVERIFY(file.resize(1000));
            } else if (damage == QLatin1String("empty")) {
                QVERIFY(file.resize(0));
            } else {
                QVERIFY(file.resize(0));
                file.write(QByteArray(8192, 'x'));
            }
            file.close();
        }
        const QByteArray damagedHash = fileHash(path);

        Store::Outcome outcome = Store::open(dir.path(), builtInMigrations);
        QVERIFY2(outcome.store, qPrintable(outcome.status.message));
        const StoreStatus &status = outcome.status;
        QCOMPARE(status.state, StoreStatus::State::Recovered);
        QCOMPARE(fileHash(status.quarantinedPath), damagedHash); // salvage worked on a copy
        QVERIFY2(status.salvagedEvents >= minimumRecovered && status.salvagedEvents <= maximumRecovered,
                 qPrintable(status.message));
        if (everyEventAccountedFor) {
            QCOMPARE(status.salvagedEvents + status.unreadableEvents, EventCount);
        } else {
            QVERIFY(status.salvagedEvents + status.unreadableEvents <= EventCount);
        }
        if (status.salvagedEvents > 0) {
            QVERIFY2(
                status.message.contains(QStringLiteral("Recovered %1 unsent listening events; %2 could not be read.")
                                            .arg(status.salvagedEvents)
                                            .arg(status.unreadableEvents)),
                qPrintable(status.message));
        } else {
            QVERIFY2(status.message.contains(QStringLiteral("No unsent listening events could be read")),
                     qPrintable(status.message));
        }
        // No scratch copy is left behind.
        QVERIFY(QDir(dir.path()).entryList({QStringLiteral("salvage-*")}, QDir::AllEntries).isEmpty());

        // Every event that came back is exactly what was stored, in the order it was enqueued.
        auto outbox = OutboxRepository::create(outcome.store->database());
        QVERIFY(outbox);
        const QList<OutboxEvent> salvaged = outbox.value().pending(2 * EventCount).value();
        QCOMPARE(salvaged.size(), status.salvagedEvents);
        qsizetype next = 0;
        for (const OutboxEvent &event : salvaged) {
            while (next < original.size() && original.at(next).eventId != event.eventId) {
                ++next;
            }
            QVERIFY2(next < original.size(), qPrintable(event.eventId));
            QCOMPARE(event, original.at(next));
        }
        if (damage == QLatin1String("outbox-page") || damage == QLatin1String("outbox-garbage")) {
            const bool lostTheDamagedPage = std::none_of(salvaged.cbegin(), salvaged.cend(), [](const OutboxEvent &e) {
                return e.payload.value(QStringLiteral("marker")).toString() == marker(150);
            });
            QVERIFY(lostTheDamagedPage);
        }

        // The fresh cache works.
        QVERIFY(outbox.value().enqueue(OutboxKind::Play, QJsonObject{{QStringLiteral("after"), true}}));
        QCOMPARE(outcome.store->integrityCheck().value(), QStringLiteral("ok"));
    }

    void rowsThatFailTheOutboxChecksAreCountedAsUnreadable()
    {
        QTemporaryDir dir;
        const QList<OutboxEvent> original =
            makeCache(dir.path(),
                      "INSERT INTO outbox (event_id, kind, payload, created_at_ms) VALUES "
                      "('not-a-uuid', 'play', '{}', 1), "
                      "('00000000-0000-4000-8000-000000000001', 'play', '[1, 2]', 1), "
                      "('00000000-0000-4000-8000-000000000002', 'feedback', 'not json', 1), "
                      "('00000000-0000-4000-8000-000000000003', 'play', '{\"ok\": true}', 0);");
        QCOMPARE(original.size(), EventCount);
        const QString path = dir.filePath(QString::fromLatin1(Store::DatabaseFileName));
        QVERIFY(zeroPage(path, 2));

        Store::Outcome outcome = Store::open(dir.path(), builtInMigrations);
        QVERIFY2(outcome.store, qPrintable(outcome.status.message));
        QCOMPARE(outcome.status.salvagedEvents, EventCount);
        QCOMPARE(outcome.status.unreadableEvents, 4);
        QVERIFY2(outcome.status.message.contains(
                     QStringLiteral("Recovered %1 unsent listening events; 4 could not be read.").arg(EventCount)),
                 qPrintable(outcome.status.message));
    }

    // A crash leaves the newest events in the WAL, which moves aside with the damaged file: they count too.
    void eventsStillInTheWalComeBack()
    {
        QTemporaryDir dir;
        // The schema checkpointed into the file, so that page 2 there is the one SQLite reads.
        QVERIFY(Store::open(dir.path(), builtInMigrations).store);
        QProcess writer;
        writer.start(QStringLiteral(TUNESCOUT_OUTBOX_WRITER), {dir.path(), QStringLiteral("100000")});
        QSet<QString> acked;
        while (acked.size() < 40 && (writer.canReadLine() || writer.waitForReadyRead(30000))) {
            while (writer.canReadLine()) {
                const QByteArray line = writer.readLine().trimmed();
                QVERIFY(line.startsWith("ack "));
                acked.insert(QString::fromLatin1(line.mid(4)));
            }
        }
        writer.kill();
        QVERIFY(writer.waitForFinished());
        QVERIFY(acked.size() >= 40);
        const QString path = dir.filePath(QString::fromLatin1(Store::DatabaseFileName));
        QVERIFY(QFileInfo(path + QStringLiteral("-wal")).size() > 0);
        QVERIFY(zeroPage(path, 2));

        Store::Outcome outcome = Store::open(dir.path(), builtInMigrations);
        QVERIFY2(outcome.store, qPrintable(outcome.status.message));
        QCOMPARE(outcome.status.state, StoreStatus::State::Recovered);
        QVERIFY2(outcome.status.salvagedEvents >= acked.size(), qPrintable(outcome.status.message));
        QCOMPARE(outcome.status.unreadableEvents, 0);
        auto outbox = OutboxRepository::create(outcome.store->database());
        QVERIFY(outbox);
        QSet<QString> salvaged;
        const QList<OutboxEvent> pending = outbox.value().pending(2 * outcome.status.salvagedEvents).value();
        for (const OutboxEvent &event : pending) {
            salvaged.insert(event.eventId);
        }
        QVERIFY(salvaged.contains(acked));
    }

    void aDamagedCacheWithoutAnOutboxSaysSo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QString::fromLatin1(Store::DatabaseFileName));
        {
            // No outbox table, as in a cache from before schema 2.
            auto database = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadWriteCreate);
            QVERIFY(database);
            QVERIFY(database.value().exec("CREATE TABLE a (x); CREATE TABLE b (y); INSERT INTO a VALUES (1);"));
        }
        QVERIFY(zeroPage(path, 2));

        Store::Outcome outcome = Store::open(dir.path(), builtInMigrations);
        QVERIFY2(outcome.store, qPrintable(outcome.status.message));
        QCOMPARE(outcome.status.state, StoreStatus::State::Recovered);
        QCOMPARE(outcome.status.salvagedEvents, 0);
        QVERIFY2(outcome.status.message.contains(QStringLiteral("No unsent listening events could be read from it.")),
                 qPrintable(outcome.status.message));
    }
};

QTEST_GUILESS_MAIN(TestOutboxSalvage)
#include "tst_outboxsalvage.moc"
