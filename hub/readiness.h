#pragma once

#include <QString>

#include <atomic>

namespace hub
{

class Database;

struct Readiness {
    bool ready = false;
    // For the /readyz response: fixed phrases, never a driver message (those may name hosts or users).
    QString reason;
    int schemaVersion = -1; // -1: unknown
};

// Whether the hub can do its work right now. Behind an interface so the Api can be tested without Postgres.
class ReadinessProbe
{
public:
    virtual ~ReadinessProbe();
    virtual Readiness check() = 0;
};

// Ready when Postgres answers and its schema is at exactly the version this hub was built for.
class DatabaseReadiness : public ReadinessProbe
{
public:
    DatabaseReadiness(Database &database, int expectedVersion);
    Readiness check() override;

private:
    Readiness probe();

    Database &m_database;
    const int m_expectedVersion;
    std::atomic<bool> m_lastReady{true}; // log transitions only: load balancers poll often
};

} // namespace hub
