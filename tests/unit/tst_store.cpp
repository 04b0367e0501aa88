#include "engine/store/store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using engine::SqliteDatabase;
using engine::Store;
using engine::StoreStatus;

namespace
{

const QString builtInMigrations = QStringLiteral(TUNESCOUT_SOURCE_DIR "/migrations/client");

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// A copy of the shipped migrations plus `extra` (file name → SQL), to model an upgrade.
void writeMigrations(const QString &dir, const QList<std::pair<QString, QByteArray>> &extra)
{
    QDir().mkpath(dir);
    for (const QString &name : QDir(builtInMigrations).entryList({QStringLiteral("*.sql")})) {
        QFile::copy(QDir(builtInMigrations).filePath(name), QDir(dir).filePath(name));
    }
    for (const auto &[name, sql] : extra) {
        QFile file(QDir(dir).filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(sql);
    }
}

QVariant query(const QString &path, const QByteArray &sql)
{
    auto opened = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadOnly);
    if (!opened) {
        return {};
    }
    const auto value = opened.value().scalar(sql);
    return value ? value.value() : QVariant();
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsAFreshCache()
    {
        QTemporaryDir dir;
        Store::Outcome outcome = Store::open(dir.filePath(QStringLiteral("nested/data")), builtInMigrations);
        QVERIFY2(outcome.store, qPrintable(outcome.status.message));
        const StoreStatus &status = outcome.status;
        QCOMPARE(status.state, StoreStatus::State::Ready);
        QVERIFY(status.latestSchemaVersion >= 1);
        QCOMPARE(status.schemaVersion, status.latestSchemaVersion);
        QCOMPARE(status.migrationsApplied, status.latestSchemaVersion);
        QVERIFY(status.backupPath.isEmpty());
        QVERIFY(QFile::exists(status.databasePath));

        SqliteDatabase &db = outcome.store->database();
        QCOMPARE(db.scalar("PRAGMA journal_mode").value().toString(), QStringLiteral("wal"));
        QCOMPARE(db.scalar("PRAGMA synchronous").value().toInt(), 2); // FULL
        QCOMPARE(db.scalar("PRAGMA foreign_keys").value().toInt(), 1);
        QCOMPARE(db.scalar("PRAGMA busy_timeout").value().toInt(), 5000);
        QCOMPARE(db.scalar("PRAGMA user_version").value().toInt(), status.latestSchemaVersion);
        QVERIFY(db.scalar("SELECT value FROM cache_metadata WHERE key = 'created_at_ms'").value().toLongLong()
                > 1700000000000LL);
        QCOMPARE(outcome.store->integrityCheck().value(), QStringLiteral("ok"));
    }

    void reopeningChangesNothing()
    {
        QTemporaryDir dir;
        QVERIFY(Store::open(dir.path(), builtInMigrations).store);
        const Store::Outcome again = Store::open(dir.path(), builtInMigrations);
        QVERIFY(again.store);
        QCOMPARE(again.status.state, StoreStatus::State::Ready);
        QCOMPARE(again.status.migrationsApplied, 0);
        QVERIFY(again.status.backupPath.isEmpty());
    }

    void migratesAnOlderCacheAfterBackingItUp()
    {
        QTemporaryDir dir;
        const QString v1 = dir.filePath(QStringLiteral("v1"));
        writeMigrations(v1, {});
        {
            Store::Outcome outcome = Store::open(dir.path(), v1);
            QVERIFY(outcome.store);
            QVERIFY(outcome.store->database().exec("INSERT INTO cache_metadata VALUES ('marker', 'kept')"));
        }
        const QString v2 = dir.filePath(QStringLiteral("v2"));
        const int next = Store::open(dir.path(), v1).status.latestSchemaVersion + 1;
        writeMigrations(v2,
                        {{QStringLiteral("%1_create_widgets.sql").arg(next, 4, 10, QLatin1Char('0')),
                          "CREATE TABLE widgets (id INTEGER PRIMARY KEY) STRICT;"}});

        Store::Outcome outcome = Store::open(dir.path(), v2);
        QVERIFY2(outcome.store, qPrintable(outcome.status.message));
        QCOMPARE(outcome.status.schemaVersion, next);
        QCOMPARE(outcome.status.migrationsApplied, 1);
        QVERIFY(QFile::exists(outcome.status.backupPath));
        QCOMPARE(query(outcome.status.backupPath, "PRAGMA user_version").toInt(), next - 1);
        QCOMPARE(query(outcome.status.backupPath, "SELECT value FROM cache_metadata WHERE key = 'marker'").toString(),
                 QStringLiteral("kept"));
        QCOMPARE(outcome.store->database().scalar("SELECT count(*) FROM widgets").value().toInt(), 0);
        QCOMPARE(outcome.store->database().scalar("SELECT value FROM cache_metadata WHERE key = 'marker'").value(),
                 QVariant(QStringLiteral("kept")));
    }

    void aFailingMigrationLeavesTheSchemaAsItWas()
    {
        QTemporaryDir dir;
        const QString v1 = dir.filePath(QStringLiteral("v1"));
        writeMigrations(v1, {});
        const int latest = Store::open(dir.path(), v1).status.latestSchemaVersion;

        const QString broken = dir.filePath(QStringLiteral("broken"));
        writeMigrations(broken,
                        {{QStringLiteral("%1_create_half.sql").arg(latest + 1, 4, 10, QLatin1Char('0')),
                          "CREATE TABLE half_done (id INTEGER); INSERT INTO no_such_table VALUES (1);"}});
        const Store::Outcome outcome = Store::open(dir.path(), broken);
        QVERIFY(!outcome.store);
        QCOMPARE(outcome.status.state, StoreStatus::State::Failed);
        QVERIFY2(outcome.status.message.contains(QStringLiteral("left at the previous version")),
                 qPrintable(outcome.status.message));
        QVERIFY(outcome.status.message.contains(QStringLiteral("no_such_table")));

        const QString path = QDir(dir.path()).filePath(QString::fromLatin1(Store::DatabaseFileName));
        QCOMPARE(query(path, "PRAGMA user_version").toInt(), latest);
        QCOMPARE(query(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").toInt(), 0);
        QVERIFY(Store::open(dir.path(), v1).store);
    }

    void refusesACacheFromANewerBuildWithoutTouchingIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QString::fromLatin1(Store::DatabaseFileName));
        {
            auto db = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadWriteCreate);
            QVERIFY(db);
            QVERIFY(db.value().exec("CREATE TABLE future (x); PRAGMA user_version = 999;"));
        }
        const QByteArray before = fileHash(path);
        const QStringList filesBefore = QDir(dir.path()).entryList(QDir::Files);

        const Store::Outcome outcome = Store::open(dir.path(), builtInMigrations);
        QVERIFY(!outcome.store);
        QCOMPARE(outcome.status.state, StoreStatus::State::NewerSchema);
        QCOMPARE(outcome.status.schemaVersion, 999);
        QVERIFY2(outcome.status.message.contains(QStringLiteral("newer version of TuneScout")),
                 qPrintable(outcome.status.message));
        QCOMPARE(fileHash(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), filesBefore);
    }

    void quarantinesAnUnreadableCache_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addRow("zero-length") << QStringLiteral("empty");
        QTest::addRow("not-a-database") << QStringLiteral("garbage");
        QTest::addRow("overwritten-header") << QStringLiteral("header");
        QTest::addRow("truncated-to-1000-bytes") << QStringLiteral("truncate");
        QTest::addRow("zero-filled-page-2") << QStringLiteral("page2");
    }

    void quarantinesAnUnreadableCache()
    {
        QFETCH(QString, damage);
        QTemporaryDir dir;
        const QString path = dir.filePath(QString::fromLatin1(Store::DatabaseFileName));
        {
            Store::Outcome outcome = Store::open(dir.path(), builtInMigrations);
            QVERIFY(outcome.store);
            // Enough rows to spread the table over several pages.
            QVERIFY(outcome.store->database().exec(
                "CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT);"
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)"
                "INSERT INTO filler SELECT i, printf('%0200d', i) FROM n;"
                "PRAGMA wal_checkpoint(TRUNCATE);"));
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        if (damage == QLatin1String("empty")) {
            QVERIFY(file.resize(0));
        } else if (damage == QLatin1String("garbage")) {
            QVERIFY(file.resize(0));
            file.write(QByteArray(8192, 'x'));
        } else if (damage == QLatin1String("header")) {
            file.write("This is not SQLite at all");
        } else if (damage == QLatin1String("truncate")) {
            QVERIFY(file.resize(1000));
        } else {
            const int pageSize = 4096;
            QVERIFY(file.seek(pageSize));
            file.write(QByteArray(pageSize, '\0'));
        }
        file.close();

        Store::Outcome outcome = Store::open(dir.path(), builtInMigrations);
        QVERIFY2(outcome.store, qPrintable(outcome.status.message));
        QCOMPARE(outcome.status.state, StoreStatus::State::Recovered);
        QVERIFY(outcome.status.quarantinedPath.contains(QStringLiteral(".corrupt-")));
        QVERIFY(QFile::exists(outcome.status.quarantinedPath));
        QVERIFY(outcome.status.message.contains(outcome.status.quarantinedPath));
        QCOMPARE(outcome.status.schemaVersion, outcome.status.latestSchemaVersion);
        QCOMPARE(outcome.store->integrityCheck().value(), QStringLiteral("ok"));
    }

    void aFolderInPlaceOfTheCacheIsExplained()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QString::fromLatin1(Store::DatabaseFileName)));
        const Store::Outcome outcome = Store::open(dir.path(), builtInMigrations);
        QVERIFY(!outcome.store);
        QCOMPARE(outcome.status.state, StoreStatus::State::Failed);
        QVERIFY2(outcome.status.message.contains(QStringLiteral("is a folder")), qPrintable(outcome.status.message));
    }

    void aReadOnlyCacheIsExplainedAndLeftAlone()
    {
        QTemporaryDir dir;
        QVERIFY(Store::open(dir.path(), builtInMigrations).store);
        const QString path = dir.filePath(QString::fromLatin1(Store::DatabaseFileName));
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
        if (QFileInfo(path).isWritable()) {
            QSKIP("file permissions do not bind this user (root)");
        }
        const QByteArray before = fileHash(path);
        const Store::Outcome outcome = Store::open(dir.path(), builtInMigrations);
        QVERIFY(!outcome.store);
        QCOMPARE(outcome.status.state, StoreStatus::State::Failed);
        QVERIFY2(outcome.status.message.contains(QStringLiteral("read-only")), qPrintable(outcome.status.message));
        QCOMPARE(fileHash(path), before);
        QVERIFY(QDir(dir.path()).entryList({QStringLiteral("*.corrupt-*")}).isEmpty());
    }

    void anUncreatableDataFolderIsExplained()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("plain-file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const Store::Outcome outcome = Store::open(blocker.fileName() + QStringLiteral("/data"), builtInMigrations);
        QVERIFY(!outcome.store);
        QCOMPARE(outcome.status.state, StoreStatus::State::Failed);
        QVERIFY(outcome.status.message.contains(QStringLiteral("--data-dir")));
    }

    void resolvesTheDataFolder()
    {
        QStandardPaths::setTestModeEnabled(true);
        qunsetenv("TUNESCOUT_DATA_DIR");
        QCOMPARE(engine::resolveDataDir({}), QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
        qputenv("TUNESCOUT_DATA_DIR", "/srv/from-env");
        QCOMPARE(engine::resolveDataDir({}), QStringLiteral("/srv/from-env"));
        QCOMPARE(engine::resolveDataDir(QStringLiteral("/srv/from-option/")), QStringLiteral("/srv/from-option"));
        QCOMPARE(engine::resolveDataDir(QStringLiteral("relative")),
                 QDir::current().absoluteFilePath(QStringLiteral("relative")));
        qunsetenv("TUNESCOUT_DATA_DIR");
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
