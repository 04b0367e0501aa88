#pragma once

#include <span>
#include <vector>

namespace engine::recommend
{

// Ranking quality of one top-k list against the items held out for that user (binary relevance).
struct RankingMetrics {
    double precision = 0; // hits ÷ k
    double recall = 0; // hits ÷ |relevant|
    double ndcg = 0; // DCG with a log2 discount ÷ the ideal DCG of min(k, |relevant|) hits
    double map = 0; // sum of precision at each hit ÷ min(k, |relevant|)
};

// `ranked`: the recommended items, best first (at most k are read); `relevant`: the held-out items, sorted.
// A user without relevant items has no defined metrics: the caller leaves them out of the mean.
RankingMetrics rankingMetrics(std::span<const int> ranked, std::span<const int> relevant, int k);

// Sums per-user metrics into their mean, and the distinct items recommended into the catalogue coverage.
class MetricsAccumulator
{
public:
    explicit MetricsAccumulator(int itemCount);
    void add(std::span<const int> ranked, std::span<const int> relevant, int k);
    void merge(const MetricsAccumulator &other);
    RankingMetrics mean() const;
    double coverage() const; // distinct items recommended ÷ catalogue size
    int users() const
    {
        return m_users;
    }

private:
    RankingMetrics m_sum;
    int m_users = 0;
    std::vector<char> m_recommended;
};

} // namespace engine::recommend
