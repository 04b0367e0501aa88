#include "hub/readiness.h"

#include "hub/database.h"
#include "hub/logging.h"
#include "hub/migrator.h"

#include <pqxx/transaction>

namespace hub
{

ReadinessProbe::~ReadinessProbe() = default;

DatabaseReadiness::DatabaseReadiness(Database &database, int expectedVersion)
    : m_database(database)
    , m_expectedVersion(expectedVersion)
{
}

Readiness DatabaseReadiness::check()
{
    const Readiness readiness = probe();
    if (m_lastReady.exchange(readiness.ready) != readiness.ready) {
        if (readiness.ready) {
            qCInfo(lcDatabase) << "Ready again.";
        } else {
            qCWarning(lcDatabase).noquote() << "Not ready:" << readiness.reason;
        }
    }
    return readiness;
}

Readiness DatabaseReadiness::probe()
{
    int version = -1;
    try {
        version = m_database.run([](pqxx::connection &connection) {
            pqxx::read_transaction transaction(connection);
            return Migrator::currentVersion(transaction);
        });
    } catch (const pqxx::broken_connection &error) {
        qCDebug(lcDatabase).noquote() << "readiness:" << m_database.connectionString().redacted(error.what());
        return {false, QStringLiteral("the database is unreachable"), -1};
    } catch (const DatabaseBusy &) {
        return {false, QStringLiteral("every database connection is busy"), -1};
    } catch (const std::exception &error) {
        qCWarning(lcDatabase).noquote() << "The readiness query failed:"
                                        << m_database.connectionString().redacted(error.what()).trimmed();
        return {false, QStringLiteral("the database query failed"), -1};
    }
    if (version < m_expectedVersion) {
        return {false,
                QStringLiteral("the database schema is at version %1; this hub needs version %2 (run "
                               "tunescout-hub migrate)")
                    .arg(version)
                    .arg(m_expectedVersion),
                version};
    }
    if (version > m_expectedVersion) {
        return {false,
                QStringLiteral("the database schema is at version %1, newer than this hub knows (%2)")
                    .arg(version)
                    .arg(m_expectedVersion),
                version};
    }
    return {true, QString(), version};
}

} // namespace hub
