#include "engine/store/store.h"

#include "engine/store/outboxsalvage.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <sqlite3.h>

namespace engine
{

Q_LOGGING_CATEGORY(lcStore, "tunescout.store.open")

namespace
{

const QStringList sidecarSuffixes = {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")};

enum class Health { Healthy, Damaged, Unreadable, Newer };

struct Inspection {
    Health health = Health::Healthy;
    int userVersion = 0;
    QString detail;
};

// Only SQLite's verdict on the contents makes a file damaged. A disk error, a lock or a permission problem
// says nothing about them, and moving such a file aside would hide the unsent outbox in it.
Health healthAfter(const Error &error)
{
    return error.code == Error::Code::Corrupt ? Health::Damaged : Health::Unreadable;
}

// quick_check reports a page it could not read as a finding, not as an error ("unable to get the page. error
// code=266", "failed to get page 7"): that is the disk failing, not the file's contents being damaged.
bool reportsReadFailure(const QString &report)
{
    if (report.contains(QLatin1String("failed to get page"))) {
        return true;
    }
    static const QRegularExpression pageError(QStringLiteral("unable to get the page\\. error code=(\\d+)"));
    for (auto match = pageError.globalMatch(report); match.hasNext();) {
        if ((match.next().captured(1).toInt() & 0xff) != SQLITE_CORRUPT) {
            return true;
        }
    }
    return false;
}

// Looks at an existing cache read-only, so that a file we end up refusing is never modified.
Inspection inspect(const QString &path, int latestVersion, const QString &vfsName)
{
    if (QFileInfo(path).size() == 0) {
        return {Health::Damaged, 0, QStringLiteral("the file is empty")};
    }
    auto opened = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadOnly, vfsName);
    if (!opened) {
        return {healthAfter(opened.error()), 0, opened.error().message};
    }
    SqliteDatabase database = std::move(opened).value();
    const auto version = database.scalar("PRAGMA user_version");
    if (!version) {
        return {healthAfter(version.error()), 0, version.error().message};
    }
    const int userVersion = version.value().toInt();
    if (userVersion > latestVersion) {
        return {Health::Newer, userVersion, {}};
    }
    auto check = database.prepare("PRAGMA quick_check");
    const auto findings = check ? check.value().query() : Result<QList<QVariantList>>(check.error());
    if (!findings) {
        return {healthAfter(findings.error()), userVersion, findings.error().message};
    }
    QStringList lines;
    for (const QVariantList &row : findings.value()) {
        lines.append(row.value(0).toString());
    }
    const QString report = lines.join(QLatin1Char('\n'));
    if (report == QLatin1String("ok")) {
        return {Health::Healthy, userVersion, {}};
    }
    if (reportsReadFailure(report)) {
        return {Health::Unreadable,
                userVersion,
                QStringLiteral("TuneScout could not read %1 (%2). Check that the disk is present and healthy.")
                    .arg(path, report)};
    }
    return {Health::Damaged, userVersion, report};
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
    const auto applied = database.transaction([&database, &migration]() -> Result<void> {
        if (auto stepped = database.exec(migration.sql); !stepped) {
            return stepped;
        }
        return database.exec(QByteArray("PRAGMA user_version=") + QByteArray::number(migration.version));
    });
    if (!applied) {
        return Error{applied.error().code,
                     QStringLiteral("Updating the cache to schema %1 (%2) failed; it was left at the previous "
                                    "version. %3")
                         .arg(migration.version)
                         .arg(migration.fileName, applied.error().message)};
    }
    return {};
}

QString countOfEvents(int count)
{
    return count == 1 ? QStringLiteral("1 unsent listening event")
                      : QStringLiteral("%1 unsent listening events").arg(count);
}

// SQ-4 step 3: the fresh cache gets the outbox events of the damaged one that can still be read, since they
// exist nowhere else. Returns the sentence for the notice.
QString salvageInto(SqliteDatabase &database, StoreStatus &status, const QString &dataDir)
{
    // The scratch copy goes next to the cache: the same disk, and a folder already known to be writable.
    QTemporaryDir scratch(QDir(dataDir).filePath(QStringLiteral("salvage-XXXXXX")));
    if (!scratch.isValid()) {
        return QStringLiteral("Its unsent listening events could not be recovered: no scratch folder could be made "
                              "in %1 (%2).")
            .arg(dataDir, scratch.errorString());
    }
    const OutboxSalvage salvage = salvageOutbox(status.quarantinedPath, scratch.path(), database);
    status.salvagedEvents = salvage.recovered;
    status.unreadableEvents = salvage.lost;
    if (!salvage.outboxFound) {
        return QStringLiteral("No unsent listening events could be read from it.");
    }
    return QStringLiteral("Recovered %1; %2 could not be read.")
        .arg(countOfEvents(salvage.recovered))
        .arg(salvage.lost);
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
    const auto rows = statement.value().query();
    if (!rows) {
        return rows.error();
    }
    QStringList findings;
    for (const QVariantList &row : rows.value()) {
        findings.append(row.value(0).toString());
    }
    return findings.join(QLatin1Char('\n'));
}

Store::Outcome Store::open(const QString &dataDir, const QString &migrationsDir, const QString &vfsName)
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
    // SQLite would open a read-only file and fail only at the first write, long after start-up.
    if (file.exists() && !file.isWritable()) {
        return fail(StoreStatus::State::Failed,
                    QStringLiteral("The cache file %1 is read-only, and TuneScout needs to write to it. Make it "
                                   "writable (chmod u+w), or choose another folder with --data-dir or "
                                   "TUNESCOUT_DATA_DIR.")
                        .arg(status.databasePath));
    }

    bool recovered = false;
    int existingVersion = 0;
    if (file.exists()) {
        const Inspection inspection = inspect(status.databasePath, status.latestSchemaVersion, vfsName);
        if (inspection.health == Health::Newer) {
            status.schemaVersion = inspection.userVersion;
            return fail(StoreStatus::State::NewerSchema,
                        migrations.value().pendingFrom(inspection.userVersion).error().message);
        }
        if (inspection.health == Health::Unreadable) {
            return fail(
                StoreStatus::State::Failed,
                QStringLiteral("The cache could not be opened and was left as it is. %1").arg(inspection.detail));
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

    auto opened = SqliteDatabase::open(status.databasePath, SqliteDatabase::Mode::ReadWriteCreate, vfsName);
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
            QFile::remove(status.backupPath);
            // SQLite words some disk errors here oddly ("output file already exists" when it cannot stat the
            // file), so the sentence names the likely causes itself.
            return fail(StoreStatus::State::Failed,
                        QStringLiteral("TuneScout could not back up the cache to %1 before updating it, and left the "
                                       "cache as it was. Check that the disk has free space and is healthy. (%2)")
                            .arg(status.backupPath, backedUp.error().message));
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
        const QString salvaged = salvageInto(database, status, dataDir);
        status.message = QStringLiteral("The cache file was damaged and has been moved aside to %1. A fresh cache "
                                        "was created; your listening data will be fetched again. %2")
                             .arg(status.quarantinedPath, salvaged);
        qCWarning(lcStore).noquote() << status.message;
    }
    return Outcome{std::unique_ptr<Store>(new Store(std::move(database), status)), status};
}

} // namespace engine
