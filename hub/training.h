#pragma once

#include "hub/config.h"
#include "hub/connectionstring.h"
#include "hub/metrics.h"

#include <QString>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include <pqxx/connection>

namespace hub
{

// The session advisory lock a training run holds (pg_try_advisory_lock), so that of all the hub instances on
// one database exactly one trains at a time. Distinct from the migration lock.
constexpr qint64 trainingLockKey = 0x74756e6574726e31; // "tunetrn1"

enum class TrainOutcome {
    Trained,
    AlreadyRunning, // another run held the lock: nothing was done
    NoData, // no opted-in member has plays: no model was made
};

struct TrainReport {
    TrainOutcome outcome = TrainOutcome::NoData;
    qint64 version = 0; // the new model's, when trained
    int members = 0;
    int items = 0;
    qint64 plays = 0;
    int pruned = 0; // older versions removed
};

// One training run on a connection of its own (the lock belongs to its session): reads the opted-in members'
// plays per track, trains ALS (engine/recommend) with the configured settings (recorded in the model's params),
// stores the item factors as a new model version and keeps the newest modelsKept versions. Throws what libpqxx
// throws; the lock ends with the session either way.
TrainReport trainModel(const ConnectionString &connectionString, int modelsKept, const AlsConfig &als = {});

class Database;

// The member side of training: whether a member's plays join the model (members.training_opt_in).
class TrainingStore
{
public:
    explicit TrainingStore(Database &database);
    // Prepares the statements on a new connection (Store::prepare calls it).
    static void prepare(pqxx::connection &connection);

    void setOptIn(qint64 memberId, bool optIn);
    bool optIn(qint64 memberId);

private:
    Database &m_database;
};

// serve's schedule (train_interval): a thread that trains once at start and then every interval, on a
// connection of its own, and reports each run's outcome. Every instance of a scaled-out hub runs one; the
// advisory lock makes all but one of them answer "already running". stop() waits for a run in progress.
class TrainingScheduler
{
public:
    using Report = std::function<void(Metrics::TrainingRunIndex)>;

    TrainingScheduler(ConnectionString connectionString,
                      int intervalMin,
                      int modelsKept,
                      Report report,
                      AlsConfig als = {});
    ~TrainingScheduler();
    Q_DISABLE_COPY_MOVE(TrainingScheduler)

    // Does nothing when the interval is 0.
    void start();
    void stop();

private:
    void loop();

    const ConnectionString m_connectionString;
    const int m_intervalMin;
    const int m_modelsKept;
    const Report m_report;
    const AlsConfig m_als;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

// A line for a person about the run ("Trained model version 4 from …").
QString describe(const TrainReport &report);

} // namespace hub
