#pragma once

#include "engine/migrate/migrationset.h"
#include "engine/store/sqlitedatabase.h"

#include <QString>

#include <memory>

namespace engine
{

// Where the cache lives: the --data-dir option, else TUNESCOUT_DATA_DIR, else the platform's
// per-user application data folder.
QString resolveDataDir(const QString &commandLineValue);

// What opening the cache found and did. Everything here is safe to show to the user.
struct StoreStatus {
    enum class State {
        Ready, // opened (and migrated if needed)
        Recovered, // the old file was unreadable, moved aside, and a fresh cache created
        NewerSchema, // made by a newer TuneScout: refused and left untouched
        Failed, // could not be opened or created at all
    };
    State state = State::Failed;
    QString databasePath;
    int schemaVersion = 0;
    int latestSchemaVersion = 0;
    int migrationsApplied = 0;
    QString backupPath; // the VACUUM INTO copy taken before migrating an existing cache
    QString quarantinedPath; // where a damaged cache was moved
    int salvagedEvents = 0; // unsent outbox events copied from the damaged cache into the fresh one
    int unreadableEvents = 0; // outbox events known to be in the damaged cache that could not be read
    QString message; // a sentence for the user when state is not Ready, or a notice about what was done
};

QString storeStateName(StoreStatus::State state);

// The local SQLite cache. Opened once per profile on the thread that will use it (never the GUI thread).
class Store
{
public:
    static constexpr auto DatabaseFileName = "tunescout.sqlite";
    static constexpr auto BuiltInMigrations = ":/tunescout/migrations/client";

    struct Outcome {
        std::unique_ptr<Store> store; // null unless state is Ready or Recovered
        StoreStatus status;
    };

    // Opens or creates <dataDir>/tunescout.sqlite: quarantines a damaged file, refuses one from a newer build
    // without touching it, backs up an existing cache before migrating it, applies pending migrations (each
    // in its own transaction that also records user_version) and sets the connection pragmas. A file that
    // cannot be read because of an I/O error is reported (Failed) and left where it is: it may be healthy.
    // vfsName is for tests that inject I/O faults through their own sqlite3_vfs.
    static Outcome open(const QString &dataDir,
                        const QString &migrationsDir = QString::fromLatin1(BuiltInMigrations),
                        const QString &vfsName = QString());

    SqliteDatabase &database();
    const StoreStatus &status() const;

    // PRAGMA integrity_check: "ok" or SQLite's first findings.
    Result<QString> integrityCheck();

private:
    Store(SqliteDatabase database, StoreStatus status);

    SqliteDatabase m_database;
    StoreStatus m_status;
};

} // namespace engine
