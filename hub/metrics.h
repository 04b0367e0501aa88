#pragma once

#include <QByteArray>
#include <QMap>

#include <array>
#include <mutex>
#include <utility>

namespace hub
{

// Counters for GET /metrics in the Prometheus text format (0.0.4). Thread-safe: every HTTP worker records
// into one instance. Labels hold only route names the Api registered (never a raw path or method, which a
// client could use to grow the label set without bound).
class Metrics
{
public:
    enum SyncOutcomeIndex {
        SyncCreated,
        SyncDuplicate,
        SyncConflict,
        SyncInvalid,
        SyncOutcomeCount,
    };
    // Training runs of serve's schedule.
    enum TrainingRunIndex {
        TrainingTrained,
        TrainingAlreadyRunning,
        TrainingNoData,
        TrainingFailed,
        TrainingRunCount,
    };

    void recordRequest(const QByteArray &route, int status, double seconds);
    void recordSyncItems(const std::array<quint64, SyncOutcomeCount> &counts);
    void recordTrainingRun(TrainingRunIndex outcome);
    // HB-10: a request answered 503 overloaded because the connection found the queue full, seconds from
    // accepting its connection to the answer being written (the hub's share of a 503's latency).
    void recordShed(double seconds);
    QByteArray render() const;

private:
    struct Histogram {
        std::array<quint64, 12> buckets{}; // counts per upper bound (not cumulative)
        quint64 count = 0;
        double sum = 0;

        void add(double seconds);
        // The _bucket, _sum and _count lines of NAME, with LABELS (route="…", or empty) besides le.
        QByteArray render(const QByteArray &name, const QByteArray &labels) const;
    };

    mutable std::mutex m_mutex;
    QMap<std::pair<QByteArray, int>, quint64> m_requests;
    QMap<QByteArray, Histogram> m_latency;
    std::array<quint64, SyncOutcomeCount> m_syncItems{};
    std::array<quint64, TrainingRunCount> m_trainingRuns{};
    Histogram m_shed;
};

} // namespace hub
