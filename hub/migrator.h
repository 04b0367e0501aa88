#pragma once

#include "engine/migrate/migrationset.h"
#include "engine/model/result.h"
#include "hub/connectionstring.h"

#include <QStringList>

#include <pqxx/connection>
#include <pqxx/transaction_base>

namespace hub
{

struct MigrationReport {
    int fromVersion = 0;
    int toVersion = 0;
    QStringList applied; // file names, in order
};

// Brings the hub's Postgres schema to the latest version of a MigrationSet (HB-12/14). All pending steps run
// in ONE transaction that first takes a transaction-scoped advisory lock, so of several hubs starting at once
// exactly one applies each step, the others wait and then find nothing to do; and a step that fails rolls
// back everything, leaving schema and version as they were.
class Migrator
{
public:
    // The pg_advisory_xact_lock key: the ASCII bytes "TSHUBMIG" as a big-endian int64. Never change it: hubs
    // of different versions must exclude each other.
    static constexpr qint64 lockKey = 0x54534855424d4947;
    // Resource folder of the migrations compiled in from migrations/hub.
    static QString builtInDirectory();

    // The built-in migrations, or those in directory when it is not empty.
    static engine::Result<engine::MigrationSet> load(const QString &directory = {});

    explicit Migrator(engine::MigrationSet migrations);

    engine::Result<MigrationReport> migrate(const ConnectionString &connectionString) const;
    engine::Result<MigrationReport> migrate(pqxx::connection &connection,
                                            const ConnectionString &connectionString = {}) const;

    // The version recorded in schema_migrations, 0 when the table does not exist yet. Uses the prepared
    // statement Database::selectSchemaVersion.
    static int currentVersion(pqxx::transaction_base &transaction);

    int latestVersion() const;

private:
    engine::MigrationSet m_migrations;
};

} // namespace hub
