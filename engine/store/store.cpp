#include "engine/store/store.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>

namespace engine
{

Q_LOGGING_CATEGORY(lcStore, "tunescout.store.open")

namespace
{

const QStringList sidecarSuffixes = {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")};

enum class Health { Healthy, Damaged, Newer };

struct Inspection {
    Health health = Health::Healthy;
    int userVersion = 0;
    QString detail;
};

// Looks at an existing cache read-only, so that a file we end up refusing is never modified.
Inspection inspect(const QString &path, int latestVersion)
{
    if (QFileInfo(path).size() == 0) {
        return {Health::Damaged, 0, QStringLiteral("the file is empty")};
    }
    auto opened = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadOnly);
    if (!opened) {
        return {Health::Damaged, 0, opened.error().message};
    }
    SqliteDatabase database = std::move(opened).value();
    const auto version = database.scalar("PRAGMA user_version");
    if (!version) {
        return {Health::Damaged, 0, version.error().message};
    }
    const int userVersion = version.value().toInt();
    if (userVersion > latestVersion) {
        return {Health::Newer, userVersion, {}};
    }
    const auto check = database.scalar("PRAGMA quick_check");
    if (!check) {
        return {Health::Damaged, userVersion, check.error().message};
    }
    if (check.value().toString() != QLatin1String("ok")) {
        return {Health::Damaged, userVersion, check.value().toString()};
    }
    return {Health::Healthy, userVersion, {}};
}

// Moves the database and its WAL and shared-memory files aside together, so that a later start does not
// pair a fresh database with a stale WAL.
Result<QString> quarantine(const QString &path)
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    const QString target = path + QStringLiteral(".corrupt-") + stamp;
    for (const QString &suffix : sidecarSuffixes) {
        const QString from = path + suffix;
        if (!QFileInfo::exists(from)) {
            continue;
        }
        const QString to = target + suffix;
        QFile::remove(to);
        if (!QFile::rename(from, to)) {
            return Error{Error::Code::Storage,
                         QStringLiteral("The cache %1 is damaged and could not be moved aside to %2. Move or delete "
                                        "it by hand and start TuneScout again.")
                             .arg(from, to)};
        }
    }
    return target;
}

Result<void> applyPragmas(SqliteDatabase &database)
{
    // FULL durability: the outbox is the one thing in this file that cannot be fetched again.
    return database.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                         "PRAGMA busy_timeout=5000;");
}

Result<void> applyMigration(SqliteDatabase &database, const Migration &migration)
{
    if (auto begun = database.exec("BEGIN IMMEDIATE"); !begun) {
        return begun;
    }
    auto applied = database.exec(migration.sql);
    if (applied) {
        applied = database.exec(QByteArray("PRAGMA user_version=") + QByteArray::number(migration.version));
    }
    if (applied) {
        applied = database.exec("COMMIT");
    }
    if (!applied) {
        if (!database.isAutocommit()) {
            database.exec("ROLLBACK");
        }
        return Error{applied.error().code,
                     QStringLiteral("Updating the cache to schema %1 (%2) failed; it was left at the previous "
                                    "version. %3")
                         .arg(migration.version)
                         .arg(migration.fileName, applied.error().message)};
    }
    return {};
}

} // namespace

QString resolveDataDir(const QString &commandLineValue)
{
    if (!commandLineValue.isEmpty()) {
        return QDir::cleanPath(QDir::current().absoluteFilePath(commandLineValue));
    }
    const QString fromEnvironment = qEnvironmentVariable("TUNESCOUT_DATA_DIR");
    if (!fromEnvironment.isEmpty()) {
        return QDir::cleanPath(QDir::current().absoluteFilePath(fromEnvironment));
    }
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString storeStateName(StoreStatus::State state)
{
    switch (state) {
    case StoreStatus::State::Ready:
        return QStringLiteral("ready");
    case StoreStatus::State::Recovered:
        return QStringLiteral("recovered");
    case StoreStatus::State::NewerSchema:
        return QStringLiteral("newer-schema");
    case StoreStatus::State::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

Store::Store(SqliteDatabase database, StoreStatus status)
    : m_database(std::move(database))
    , m_status(std::move(status))
{
}

SqliteDatabase &Store::database()
{
    return m_database;
}

const StoreStatus &Store::status() const
{
    return m_status;
}

Result<QString> Store::integrityCheck()
{
    auto statement = m_database.prepare("PRAGMA integrity_check");
    if (!statement) {
        return statement.error();
    }
    SqliteStatement query = std::move(statement).value();
    QStringList findings;
    for (;;) {
        const auto row = query.step();
        if (!row) {
            return row.error();
        }
        if (!row.value()) {
            break;
        }
        findings.append(query.column(0).toString());
    }
    return findings.join(QLatin1Char('\n'));
}

Store::Outcome Store::open(const QString &dataDir, const QString &migrationsDir)
{
    StoreStatus status;
    const auto fail = [&status](StoreStatus::State state, const QString &message) {
        status.state = state;
        status.message = message;
        qCWarning(lcStore).noquote() << message;
        return Outcome{nullptr, status};
    };

    const auto migrations = MigrationSet::load(migrationsDir);
    if (!migrations) {
        return fail(StoreStatus::State::Failed, migrations.error().message);
    }
    status.latestSchemaVersion = migrations.value().latestVersion();

    if (!QDir().mkpath(dataDir)) {
        return fail(StoreStatus::State::Failed,
                    QStringLiteral("Cannot create the data folder %1. Check its permissions, or choose another "
                                   "folder with --data-dir or TUNESCOUT_DATA_DIR.")
                        .arg(dataDir));
    }
    status.databasePath = QDir(dataDir).filePath(QString::fromLatin1(DatabaseFileName));
    const QFileInfo file(status.databasePath);
    if (file.isDir()) {
        return fail(StoreStatus::State::Failed,
                    QStringLiteral("%1 is a folder, where TuneScout keeps its cache file. Move it away and start "
                                   "TuneScout again.")
                        .arg(status.databasePath));
    }

    bool recovered = false;
    int existingVersion = 0;
    if (file.exists()) {
        const Inspection inspection = inspect(status.databasePath, status.latestSchemaVersion);
        if (inspection.health == Health::Newer) {
            status.schemaVersion = inspection.userVersion;
            return fail(StoreStatus::State::NewerSchema,
                        migrations.value().pendingFrom(inspection.userVersion).error().message);
        }
        if (inspection.health == Health::Damaged) {
            qCWarning(lcStore).noquote() << "cache is unreadable:" << inspection.detail;
            const auto moved = quarantine(status.databasePath);
            if (!moved) {
                return fail(StoreStatus::State::Failed, moved.error().message);
            }
            status.quarantinedPath = moved.value();
            recovered = true;
        } else {
            existingVersion = inspection.userVersion;
        }
    }

    auto opened = SqliteDatabase::open(status.databasePath, SqliteDatabase::Mode::ReadWriteCreate);
    if (!opened) {
        return fail(StoreStatus::State::Failed, opened.error().message);
    }
    SqliteDatabase database = std::move(opened).value();
    if (const auto pragmas = applyPragmas(database); !pragmas) {
        return fail(StoreStatus::State::Failed, pragmas.error().message);
    }

    const QList<Migration> pending = migrations.value().pendingFrom(existingVersion).value();
    if (existingVersion > 0 && !pending.isEmpty()) {
        // VACUUM INTO takes a consistent copy through SQLite; copying the file of an open database does not.
        status.backupPath = QStringLiteral("%1.pre-v%2.bak").arg(status.databasePath).arg(existingVersion);
        QFile::remove(status.backupPath);
        const auto backedUp = database.exec("VACUUM INTO ?1", {status.backupPath});
        if (!backedUp) {
            return fail(
                StoreStatus::State::Failed,
                QStringLiteral("Could not back up the cache before updating it: %1").arg(backedUp.error().message));
        }
    }
    status.schemaVersion = existingVersion;
    for (const Migration &migration : pending) {
        if (const auto applied = applyMigration(database, migration); !applied) {
            return fail(StoreStatus::State::Failed, applied.error().message);
        }
        status.schemaVersion = migration.version;
        ++status.migrationsApplied;
    }

    status.state = recovered ? StoreStatus::State::Recovered : StoreStatus::State::Ready;
    if (recovered) {
        status.message = QStringLiteral("The cache file was damaged and has been moved aside to %1. A fresh cache "
                                        "was created; your listening data will be fetched again.")
                             .arg(status.quarantinedPath);
        qCWarning(lcStore).noquote() << status.message;
    }
    return Outcome{std::unique_ptr<Store>(new Store(std::move(database), status)), status};
}

} // namespace engine
