#include "engine/recommend/metrics.h"

#include <algorithm>
#include <cmath>

namespace engine::recommend
{

RankingMetrics rankingMetrics(std::span<const int> ranked, std::span<const int> relevant, int k)
{
    RankingMetrics metrics;
    if (relevant.empty() || k <= 0) {
        return metrics;
    }
    const int depth = std::min<int>(k, int(ranked.size()));
    const int idealHits = std::min<int>(k, int(relevant.size()));
    int hits = 0;
    double dcg = 0;
    double precisionSum = 0;
    for (int rank = 0; rank < depth; ++rank) {
        if (std::binary_search(relevant.begin(), relevant.end(), ranked[rank])) {
            ++hits;
            dcg += 1.0 / std::log2(rank + 2.0);
            precisionSum += double(hits) / (rank + 1);
        }
    }
    double idcg = 0;
    for (int rank = 0; rank < idealHits; ++rank) {
        idcg += 1.0 / std::log2(rank + 2.0);
    }
    metrics.precision = double(hits) / k;
    metrics.recall = double(hits) / double(relevant.size());
    metrics.ndcg = dcg / idcg;
    metrics.map = precisionSum / idealHits;
    return metrics;
}

MetricsAccumulator::MetricsAccumulator(int itemCount)
    : m_recommended(std::size_t(std::max(itemCount, 0)), 0)
{
}

void MetricsAccumulator::add(std::span<const int> ranked, std::span<const int> relevant, int k)
{
    if (relevant.empty()) {
        return;
    }
    const RankingMetrics one = rankingMetrics(ranked, relevant, k);
    m_sum.precision += one.precision;
    m_sum.recall += one.recall;
    m_sum.ndcg += one.ndcg;
    m_sum.map += one.map;
    ++m_users;
    for (int i = 0; i < std::min<int>(k, int(ranked.size())); ++i) {
        if (ranked[i] >= 0 && std::size_t(ranked[i]) < m_recommended.size()) {
            m_recommended[std::size_t(ranked[i])] = 1;
        }
    }
}

void MetricsAccumulator::merge(const MetricsAccumulator &other)
{
    m_sum.precision += other.m_sum.precision;
    m_sum.recall += other.m_sum.recall;
    m_sum.ndcg += other.m_sum.ndcg;
    m_sum.map += other.m_sum.map;
    m_users += other.m_users;
    for (std::size_t i = 0; i < std::min(m_recommended.size(), other.m_recommended.size()); ++i) {
        m_recommended[i] = char(m_recommended[i] | other.m_recommended[i]);
    }
}

RankingMetrics MetricsAccumulator::mean() const
{
    if (m_users == 0) {
        return {};
    }
    return {m_sum.precision / m_users, m_sum.recall / m_users, m_sum.ndcg / m_users, m_sum.map / m_users};
}

double MetricsAccumulator::coverage() const
{
    if (m_recommended.empty()) {
        return 0;
    }
    return double(std::count(m_recommended.begin(), m_recommended.end(), 1)) / double(m_recommended.size());
}

} // namespace engine::recommend
