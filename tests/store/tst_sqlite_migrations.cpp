// RELIABILITY.md T15 (SQ-3): every released schema version, as a fixture cache with data, upgrades to the
// latest one without losing or changing a row, after a backup; a migration step that fails leaves no trace.
// A cache from a newer build is refused untouched: tst_store covers that.
#include "engine/migrate/migrationset.h"
#include "engine/store/libraryrepository.h"
#include "engine/store/outboxrepository.h"
#include "engine/store/store.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

using namespace engine;

namespace
{

const QString builtInMigrations = QStringLiteral(TUNESCOUT_SOURCE_DIR "/migrations/client");
const QString fixtures = QStringLiteral(TUNESCOUT_SOURCE_DIR "/tests/store/fixtures");

QString fixture(int version)
{
    return QDir(fixtures).filePath(QStringLiteral("client-v%1.sqlite").arg(version));
}

int latestVersion()
{
    const auto migrations = MigrationSet::load(builtInMigrations);
    return migrations ? migrations.value().latestVersion() : 0;
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

// A copy of the fixture where a test may change it, as <dir>/tunescout.sqlite.
QString copyFixture(int version, const QString &dir)
{
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(QString::fromLatin1(Store::DatabaseFileName));
    QFile::copy(fixture(version), path);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

struct TableDigest {
    QStringList columns;
    qint64 rows = 0;
    QByteArray sha256;

    friend bool operator==(const TableDigest &, const TableDigest &) = default;
};

// Row count and a hash of every value, table by table, in rowid order. With `shape`, only its tables' columns are
// read, so a table that a later migration gave more columns compares equal when the old columns kept their values.
QMap<QString, TableDigest> digest(const QString &path, const QMap<QString, TableDigest> &shape = {})
{
    QMap<QString, TableDigest> tables;
    auto opened = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadOnly);
    if (!opened) {
        return tables;
    }
    SqliteDatabase &db = opened.value();
    auto names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    const auto nameRows = names ? names.value().query() : Result<QList<QVariantList>>(names.error());
    if (!nameRows) {
        return tables;
    }
    for (const QVariantList &nameRow : nameRows.value()) {
        const QString table = nameRow.value(0).toString();
        QStringList columns = shape.value(table).columns;
        if (columns.isEmpty()) {
            auto info = db.prepare(QStringLiteral("SELECT name FROM pragma_table_info('%1')").arg(table).toUtf8());
            const auto infoRows = info ? info.value().query() : Result<QList<QVariantList>>(info.error());
            if (!infoRows) {
                continue;
            }
            for (const QVariantList &column : infoRows.value()) {
                columns << QStringLiteral("\"%1\"").arg(column.value(0).toString());
            }
        }
        auto select = db.prepare(
            QStringLiteral("SELECT %1 FROM \"%2\" ORDER BY rowid").arg(columns.join(QLatin1Char(',')), table).toUtf8());
        const auto rows = select ? select.value().query() : Result<QList<QVariantList>>(select.error());
        if (!rows) {
            continue;
        }
        QByteArray serialised;
        QDataStream stream(&serialised, QIODevice::WriteOnly);
        for (const QVariantList &row : rows.value()) {
            stream << row;
        }
        tables.insert(table,
                      TableDigest{columns,
                                  rows.value().size(),
                                  QCryptographicHash::hash(serialised, QCryptographicHash::Sha256).toHex()});
    }
    return tables;
}

QVariant scalar(const QString &path, const QByteArray &sql)
{
    auto opened = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadOnly);
    if (!opened) {
        return {};
    }
    const auto value = opened.value().scalar(sql);
    return value ? value.value() : QVariant();
}

void addFixtureRows()
{
    QTest::addColumn<int>("version");
    for (int version = 1; version <= latestVersion(); ++version) {
        QTest::addRow("client-v%d", version) << version;
    }
}

} // namespace

class TestSqliteMigrations : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_work;

private Q_SLOTS:
    void everyReleasedSchemaHasAFixture()
    {
        QVERIFY(latestVersion() >= 2);
        for (int version = 1; version <= latestVersion(); ++version) {
            QVERIFY2(
                QFile::exists(fixture(version)),
                qPrintable(QStringLiteral("%1 is missing: see tests/store/fixtures/README.md").arg(fixture(version))));
            // Never opened in place: even a read-only connection leaves -wal and -shm files next to a WAL database.
            const QString copy = copyFixture(version, m_work.filePath(QStringLiteral("exists-v%1").arg(version)));
            QCOMPARE(scalar(copy, "PRAGMA user_version").toInt(), version);
            QCOMPARE(scalar(copy, "PRAGMA journal_mode").toString(), QStringLiteral("wal"));
            QVERIFY(scalar(copy, "SELECT count(*) FROM cache_metadata").toInt() > 0);
        }
    }

    void upgradesEveryFixtureKeepingItsRows_data()
    {
        addFixtureRows();
    }

    void upgradesEveryFixtureKeepingItsRows()
    {
        QFETCH(int, version);
        const int latest = latestVersion();
        const QString dir = m_work.filePath(QStringLiteral("upgrade-v%1").arg(version));
        const QString path = copyFixture(version, dir);
        const QMap<QString, TableDigest> before = digest(path);
        QVERIFY(!before.isEmpty());

        {
            Store::Outcome outcome = Store::open(dir, builtInMigrations);
            QVERIFY2(outcome.store, qPrintable(outcome.status.message));
            QCOMPARE(outcome.status.state, StoreStatus::State::Ready);
            QCOMPARE(outcome.status.schemaVersion, latest);
            QCOMPARE(outcome.status.migrationsApplied, latest - version);
            if (version < latest) {
                QCOMPARE(outcome.status.backupPath, QStringLiteral("%1.pre-v%2.bak").arg(path).arg(version));
                QVERIFY(QFile::exists(outcome.status.backupPath));
                QCOMPARE(digest(outcome.status.backupPath), before);
            } else {
                QVERIFY(outcome.status.backupPath.isEmpty());
            }
            QCOMPARE(outcome.store->integrityCheck().value(), QStringLiteral("ok"));
            QCOMPARE(outcome.store->database().scalar("SELECT count(*) FROM pragma_foreign_key_check").value().toInt(),
                     0);

            // The repositories work on the upgraded cache and see the rows it had.
            auto library = LibraryRepository::create(outcome.store->database());
            QVERIFY(library);
            const LibraryCounts counts = library.value().counts().value();
            QCOMPARE(counts.tracks, before.value(QStringLiteral("tracks")).rows);
            QCOMPARE(counts.outboxPending, before.value(QStringLiteral("outbox")).rows);
            auto outbox = OutboxRepository::create(outcome.store->database());
            QVERIFY(outbox);
            QCOMPARE(outbox.value().pending(100).value().size(), counts.outboxPending);
        }

        const QMap<QString, TableDigest> after = digest(path, before);
        for (auto table = before.cbegin(); table != before.cend(); ++table) {
            QVERIFY2(after.value(table.key()) == table.value(), qPrintable(table.key()));
        }
        QCOMPARE(scalar(path, "PRAGMA user_version").toInt(), latest);

        Store::Outcome again = Store::open(dir, builtInMigrations);
        QVERIFY(again.store);
        QCOMPARE(again.status.migrationsApplied, 0);
    }

    void aFailedLastStepLeavesNoTrace_data()
    {
        addFixtureRows();
    }

    // The steps before the broken one are committed one by one (SQ-3), so the file must be byte for byte what
    // upgrading with only the good steps produces: for the latest fixture, the fixture itself. Both runs end
    // with a clean close, which checkpoints the WAL into the file and removes it, so the hashes are exact.
    void aFailedLastStepLeavesNoTrace()
    {
        QFETCH(int, version);
        const int latest = latestVersion();

        const QString goodDir = m_work.filePath(QStringLiteral("good-v%1").arg(version));
        const QString good = copyFixture(version, goodDir);
        QVERIFY(Store::open(goodDir, builtInMigrations).store);
        QVERIFY(!QFile::exists(good + QStringLiteral("-wal")));
        const QByteArray goodHash = fileHash(good);
        if (version == latest) {
            QCOMPARE(goodHash, fileHash(fixture(version)));
        }

        const QString broken = m_work.filePath(QStringLiteral("broken-migrations-v%1").arg(version));
        QVERIFY(QDir().mkpath(broken));
        for (const QString &name : QDir(builtInMigrations).entryList({QStringLiteral("*.sql")})) {
            QVERIFY(QFile::copy(QDir(builtInMigrations).filePath(name), QDir(broken).filePath(name)));
        }
        QFile step(
            QDir(broken).filePath(QStringLiteral("%1_break_everything.sql").arg(latest + 1, 4, 10, QLatin1Char('0'))));
        QVERIFY(step.open(QIODevice::WriteOnly));
        step.write("CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT;\n"
                   "INSERT INTO half_done VALUES (1);\n"
                   "UPDATE cache_metadata SET value = 'changed';\n"
                   "INSERT INTO no_such_table VALUES (1);\n");
        step.close();

        const QString brokenDir = m_work.filePath(QStringLiteral("broken-v%1").arg(version));
        const QString path = copyFixture(version, brokenDir);
        const QMap<QString, TableDigest> before = digest(path);
        const Store::Outcome outcome = Store::open(brokenDir, broken);
        QVERIFY(!outcome.store);
        QCOMPARE(outcome.status.state, StoreStatus::State::Failed);
        QVERIFY2(outcome.status.message.contains(QStringLiteral("left at the previous version")),
                 qPrintable(outcome.status.message));
        QCOMPARE(outcome.status.schemaVersion, latest);
        QVERIFY(QFile::exists(QStringLiteral("%1.pre-v%2.bak").arg(path).arg(version)));

        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        QCOMPARE(fileHash(path), goodHash);
        QCOMPARE(scalar(path, "PRAGMA user_version").toInt(), latest);
        QCOMPARE(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").toInt(), 0);
        const QMap<QString, TableDigest> after = digest(path, before);
        for (auto table = before.cbegin(); table != before.cend(); ++table) {
            QVERIFY2(after.value(table.key()) == table.value(), qPrintable(table.key()));
        }
    }
};

QTEST_GUILESS_MAIN(TestSqliteMigrations)
#include "tst_sqlite_migrations.moc"
