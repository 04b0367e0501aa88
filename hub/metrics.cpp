#include "hub/metrics.h"

namespace hub
{

namespace
{

// Seconds. The upper end covers the 5 s statement timeout.
constexpr std::array<double, 12> bucketBounds{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 10);
}

} // namespace

void Metrics::Histogram::add(double seconds)
{
    for (size_t i = 0; i < bucketBounds.size(); ++i) {
        if (seconds <= bucketBounds[i]) {
            ++buckets[i];
            break;
        }
    }
    ++count;
    sum += seconds;
}

QByteArray Metrics::Histogram::render(const QByteArray &name, const QByteArray &labels) const
{
    const QByteArray bucketPrefix = name + "_bucket{" + (labels.isEmpty() ? QByteArray() : labels + ',') + "le=\"";
    const QByteArray suffixLabels = labels.isEmpty() ? QByteArray() : '{' + labels + '}';
    QByteArray out;
    quint64 cumulative = 0;
    for (size_t i = 0; i < bucketBounds.size(); ++i) {
        cumulative += buckets[i];
        out += bucketPrefix + number(bucketBounds[i]) + "\"} " + QByteArray::number(cumulative) + '\n';
    }
    out += bucketPrefix + "+Inf\"} " + QByteArray::number(count) + '\n';
    out += name + "_sum" + suffixLabels + ' ' + number(sum) + '\n';
    out += name + "_count" + suffixLabels + ' ' + QByteArray::number(count) + '\n';
    return out;
}

void Metrics::recordRequest(const QByteArray &route, int status, double seconds)
{
    const std::lock_guard lock(m_mutex);
    ++m_requests[{route, status}];
    m_latency[route].add(seconds);
}

void Metrics::recordSyncItems(const std::array<quint64, SyncOutcomeCount> &counts)
{
    const std::lock_guard lock(m_mutex);
    for (size_t i = 0; i < counts.size(); ++i) {
        m_syncItems[i] += counts[i];
    }
}

QByteArray Metrics::render() const
{
    const std::lock_guard lock(m_mutex);
    QByteArray out;
    out += "# HELP tunescout_hub_http_requests_total HTTP requests answered, by route and status.\n"
           "# TYPE tunescout_hub_http_requests_total counter\n";
    for (auto it = m_requests.begin(); it != m_requests.end(); ++it) {
        out += "tunescout_hub_http_requests_total{route=\"" + it.key().first + "\",status=\""
            + QByteArray::number(it.key().second) + "\"} " + QByteArray::number(it.value()) + '\n';
    }
    out += "# HELP tunescout_hub_http_request_duration_seconds Time to answer a request, by route.\n"
           "# TYPE tunescout_hub_http_request_duration_seconds histogram\n";
    for (auto it = m_latency.begin(); it != m_latency.end(); ++it) {
        out += it.value().render("tunescout_hub_http_request_duration_seconds", "route=\"" + it.key() + '"');
    }
    out += "# HELP tunescout_hub_sync_items_total Sync items received, by outcome.\n"
           "# TYPE tunescout_hub_sync_items_total counter\n";
    const char *const outcomes[] = {"created", "duplicate", "conflict", "invalid"};
    for (int i = 0; i < SyncOutcomeCount; ++i) {
        out += QByteArray("tunescout_hub_sync_items_total{outcome=\"") + outcomes[i] + "\"} "
            + QByteArray::number(m_syncItems[size_t(i)]) + '\n';
    }
    out += "# HELP tunescout_hub_training_runs_total Scheduled training runs, by outcome.\n"
           "# TYPE tunescout_hub_training_runs_total counter\n";
    const char *const runs[] = {"trained", "already_running", "no_data", "failed"};
    for (int i = 0; i < TrainingRunCount; ++i) {
        out += QByteArray("tunescout_hub_training_runs_total{outcome=\"") + runs[i] + "\"} "
            + QByteArray::number(m_trainingRuns[size_t(i)]) + '\n';
    }
    out += "# HELP tunescout_hub_http_shed_total Requests answered 503 overloaded because the request queue was "
           "full (HB-10).\n"
           "# TYPE tunescout_hub_http_shed_total counter\n"
           "tunescout_hub_http_shed_total "
        + QByteArray::number(m_shed.count) + '\n';
    out += "# HELP tunescout_hub_http_shed_seconds Time from accepting a shed connection to its 503 being written "
           "(HB-10: under 50 ms).\n"
           "# TYPE tunescout_hub_http_shed_seconds histogram\n"
        + m_shed.render("tunescout_hub_http_shed_seconds", {});
    return out;
}

void Metrics::recordTrainingRun(TrainingRunIndex outcome)
{
    const std::lock_guard lock(m_mutex);
    ++m_trainingRuns[size_t(outcome)];
}

void Metrics::recordShed(double seconds)
{
    const std::lock_guard lock(m_mutex);
    m_shed.add(seconds);
}

} // namespace hub
