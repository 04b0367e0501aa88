#pragma once

#include "hub/connectionstring.h"

#include <QList>
#include <QtGlobal>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <pqxx/connection>
#include <pqxx/except>

namespace hub
{

// Ids in PostgreSQL's text form of an array ("{1,2,3}"), bound as one parameter and cast in the SQL ($3::bigint[]).
std::string idArrayText(const QList<qint64> &ids);

// Thrown when no connection became free in time: the caller answers 503 instead of queueing without bound.
class DatabaseBusy : public std::runtime_error
{
public:
    DatabaseBusy();
};

// The hub's Postgres connections: a small pool, sized to the HTTP worker threads so that each worker has at
// most one connection and never waits for one. pqxx::connection is not thread-safe, so a connection belongs to
// one thread for the length of a lease. Every statement the request path uses is prepared here, by name.
class Database
{
public:
    // Prepared statements, named verb_object.
    static constexpr const char *selectSchemaVersion = "select_schema_version";

    // prepare runs on every new connection, for the statements of the caller (Store::prepare).
    Database(ConnectionString connectionString,
             int maxConnections,
             std::function<void(pqxx::connection &)> prepare = {});
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // Runs work(pqxx::connection &) on a pooled connection. A connection that broke is dropped and work runs
    // once more on a fresh one, so work must be safe to repeat (a read, or a transaction that rolled back).
    // Throws pqxx::broken_connection when the database cannot be reached, DatabaseBusy when the pool is
    // exhausted, and whatever work throws.
    template<typename Work>
    auto run(Work &&work) -> decltype(work(std::declval<pqxx::connection &>()))
    {
        for (int attempt = 1;; ++attempt) {
            Lease lease(*this);
            try {
                return work(lease.connection());
            } catch (const pqxx::broken_connection &) {
                lease.discard();
                if (attempt == 2) {
                    throw;
                }
                noteReconnect();
            }
        }
    }

    const ConnectionString &connectionString() const;

private:
    class Lease
    {
    public:
        explicit Lease(Database &database);
        ~Lease();
        Q_DISABLE_COPY_MOVE(Lease)
        pqxx::connection &connection();
        void discard();

    private:
        Database &m_database;
        std::unique_ptr<pqxx::connection> m_connection;
    };

    std::unique_ptr<pqxx::connection> take();
    void giveBack(std::unique_ptr<pqxx::connection> connection);
    void forget();
    std::unique_ptr<pqxx::connection> open() const;
    void noteReconnect() const;

    const ConnectionString m_connectionString;
    const int m_maxConnections;
    const std::function<void(pqxx::connection &)> m_prepare;
    std::mutex m_mutex;
    std::condition_variable m_returned;
    std::vector<std::unique_ptr<pqxx::connection>> m_idle;
    int m_open = 0;
};

} // namespace hub
