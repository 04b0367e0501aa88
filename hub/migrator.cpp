#include "hub/migrator.h"

#include "hub/database.h"
#include "hub/logging.h"

#include <pqxx/except>
#include <pqxx/transaction>

using engine::Error;
using engine::Result;

namespace hub
{

namespace
{

// The advisory lock waits this long for another hub's migration before giving up with a clear message.
constexpr const char *setLockWaitTimeout = "SET LOCAL lock_timeout = '60s'";
// Once it holds the lock, DDL must not queue behind live traffic for long (HB-12).
constexpr const char *setDdlLockTimeout = "SET LOCAL lock_timeout = '5s'";
constexpr const char *setStatementTimeout = "SET LOCAL statement_timeout = '120s'";

constexpr const char *createSchemaMigrations = R"(CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
))";

QString trimmedMessage(const char *message)
{
    return QString::fromUtf8(message).trimmed();
}

} // namespace

QString Migrator::builtInDirectory()
{
    return QStringLiteral(":/tunescout/migrations/hub");
}

Result<engine::MigrationSet> Migrator::load(const QString &directory)
{
    return engine::MigrationSet::load(directory.isEmpty() ? builtInDirectory() : directory);
}

Migrator::Migrator(engine::MigrationSet migrations)
    : m_migrations(std::move(migrations))
{
}

int Migrator::latestVersion() const
{
    return m_migrations.latestVersion();
}

Result<MigrationReport> Migrator::migrate(const ConnectionString &connectionString) const
{
    try {
        pqxx::connection connection(connectionString.toStdString());
        return migrate(connection, connectionString);
    } catch (const std::exception &error) {
        // pqxx::broken_connection, or a libpq complaint about the connection string itself.
        return Error{Error::Code::Unavailable,
                     QStringLiteral("Cannot connect to the database: %1")
                         .arg(connectionString.redacted(error.what()).trimmed())};
    }
}

Result<MigrationReport> Migrator::migrate(pqxx::connection &connection, const ConnectionString &connectionString) const
{
    MigrationReport report;
    try {
        pqxx::work transaction(connection, "migrate");
        transaction.exec0(setLockWaitTimeout);
        transaction.exec0(setStatementTimeout);
        qCDebug(lcMigrate) << "waiting for the migration lock";
        transaction.exec_params("SELECT pg_advisory_xact_lock($1::bigint)", lockKey);
        transaction.exec0(setDdlLockTimeout);
        transaction.exec0(createSchemaMigrations);

        report.fromVersion = transaction.exec1("SELECT coalesce(max(version), 0) FROM schema_migrations")[0].as<int>();
        const Result<QList<engine::Migration>> pending = m_migrations.pendingFrom(report.fromVersion);
        if (!pending) {
            if (pending.error().code == Error::Code::NewerSchema) {
                return Error{Error::Code::NewerSchema,
                             QStringLiteral("The database schema is at version %1, newer than this tunescout-hub "
                                            "knows (up to %2). Run the tunescout-hub version that migrated it, or a "
                                            "newer one; nothing was changed.")
                                 .arg(report.fromVersion)
                                 .arg(m_migrations.latestVersion())};
            }
            return pending.error();
        }

        for (const engine::Migration &migration : pending.value()) {
            try {
                transaction.exec(migration.sql.toStdString());
            } catch (const pqxx::sql_error &error) {
                return Error{
                    Error::Code::Storage,
                    QStringLiteral("The migration %1 failed, so nothing was changed: the database stays at schema "
                                   "version %2. PostgreSQL said (SQLSTATE %3): %4")
                        .arg(migration.fileName)
                        .arg(report.fromVersion)
                        .arg(QString::fromStdString(error.sqlstate()), trimmedMessage(error.what()))};
            }
            transaction.exec_params0("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())",
                                     migration.version,
                                     migration.name.toStdString());
            report.applied << migration.fileName;
        }
        transaction.commit();
        report.toVersion = report.fromVersion + int(report.applied.size());
    } catch (const pqxx::broken_connection &error) {
        return Error{Error::Code::Unavailable,
                     QStringLiteral("Lost the database connection while migrating; nothing was changed: %1")
                         .arg(connectionString.redacted(error.what()).trimmed())};
    } catch (const pqxx::sql_error &error) {
        if (error.sqlstate() == "55P03") {
            return Error{Error::Code::Unavailable,
                         QStringLiteral("Another tunescout-hub has held the migration lock for over 60 s, or a table "
                                        "the migration needs is locked. Nothing was changed; try again.")};
        }
        return Error{Error::Code::Storage,
                     QStringLiteral("Migrating the database failed; nothing was changed: %1")
                         .arg(connectionString.redacted(error.what()).trimmed())};
    } catch (const pqxx::in_doubt_error &) {
        return Error{Error::Code::Unavailable,
                     QStringLiteral("The connection broke while committing the migrations; whether they were applied "
                                    "is unknown. Run tunescout-hub migrate again: it finds out and finishes the job.")};
    } catch (const std::exception &error) {
        return Error{Error::Code::Internal,
                     QStringLiteral("Migrating the database failed: %1").arg(connectionString.redacted(error.what()))};
    }
    return report;
}

int Migrator::currentVersion(pqxx::transaction_base &transaction)
{
    try {
        return transaction.exec_prepared1(Database::selectSchemaVersion)[0].as<int>();
    } catch (const pqxx::undefined_table &) {
        return 0;
    }
}

} // namespace hub
