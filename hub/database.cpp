#include "hub/database.h"

#include "hub/logging.h"

#include <chrono>

namespace hub
{

namespace
{

// HB-10: a query that runs longer than this is cancelled and the request answered with an error.
constexpr const char *statementTimeoutMs = "5000";
// HB-10: how long a request waits for a free connection before it is answered with 503.
constexpr auto checkoutTimeout = std::chrono::seconds(1);

} // namespace

DatabaseBusy::DatabaseBusy()
    : std::runtime_error("no database connection became free in time")
{
}

Database::Database(ConnectionString connectionString,
                   int maxConnections,
                   std::function<void(pqxx::connection &)> prepare)
    : m_connectionString(std::move(connectionString))
    , m_maxConnections(qMax(1, maxConnections))
    , m_prepare(std::move(prepare))
{
}

Database::~Database() = default;

std::string idArrayText(const QList<qint64> &ids)
{
    std::string text = "{";
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i > 0) {
            text += ',';
        }
        text += std::to_string(ids.at(i));
    }
    return text + '}';
}

const ConnectionString &Database::connectionString() const
{
    return m_connectionString;
}

std::unique_ptr<pqxx::connection> Database::take()
{
    std::unique_lock lock(m_mutex);
    if (!m_returned.wait_for(lock, checkoutTimeout, [this] {
            return !m_idle.empty() || m_open < m_maxConnections;
        })) {
        throw DatabaseBusy();
    }
    if (!m_idle.empty()) {
        std::unique_ptr<pqxx::connection> connection = std::move(m_idle.back());
        m_idle.pop_back();
        return connection;
    }
    ++m_open;
    lock.unlock();
    try {
        return open();
    } catch (...) {
        forget();
        throw;
    }
}

void Database::giveBack(std::unique_ptr<pqxx::connection> connection)
{
    {
        const std::lock_guard lock(m_mutex);
        if (connection && connection->is_open()) {
            m_idle.push_back(std::move(connection));
        } else {
            --m_open;
        }
    }
    m_returned.notify_one();
}

void Database::forget()
{
    {
        const std::lock_guard lock(m_mutex);
        --m_open;
    }
    m_returned.notify_one();
}

std::unique_ptr<pqxx::connection> Database::open() const
{
    auto connection = std::make_unique<pqxx::connection>(m_connectionString.toStdString());
    connection->set_variable("statement_timeout", statementTimeoutMs);
    connection->prepare(selectSchemaVersion, "SELECT coalesce(max(version), 0) FROM schema_migrations");
    if (m_prepare) {
        m_prepare(*connection);
    }
    qCDebug(lcDatabase) << "opened a database connection";
    return connection;
}

void Database::noteReconnect() const
{
    qCInfo(lcDatabase) << "A database connection broke; reconnecting.";
}

Database::Lease::Lease(Database &database)
    : m_database(database)
    , m_connection(database.take())
{
}

Database::Lease::~Lease()
{
    if (m_connection) {
        m_database.giveBack(std::move(m_connection));
    }
}

pqxx::connection &Database::Lease::connection()
{
    return *m_connection;
}

void Database::Lease::discard()
{
    m_connection.reset();
    m_database.forget();
}

} // namespace hub
