#include "engine/recommend/hybrid.h"

#include <algorithm>
#include <limits>

namespace engine::recommend
{

float HybridWeights::operator[](Signal signal) const
{
    switch (signal) {
    case Signal::Als:
        return als;
    case Signal::Knn:
        return knn;
    case Signal::Content:
        return content;
    case Signal::CoListening:
        return coListening;
    }
    return 0;
}

namespace
{

// MMR looks this far down the relevance order: enough to find diverse items, cheap for any catalogue.
int candidatePoolSize(int k)
{
    return std::max(100, 10 * k);
}

bool contains(std::span<const int> sorted, int value)
{
    return std::binary_search(sorted.begin(), sorted.end(), value);
}

int seedOf(const SignalScores &signal, WeightedItems userItems, int item)
{
    if (!signal.support) {
        return -1;
    }
    int seed = -1;
    float best = 0.0f;
    for (const auto &[userItem, weight] : userItems) {
        const float support = weight * signal.support(userItem, item);
        if (support > best) {
            best = support;
            seed = userItem;
        }
    }
    return seed;
}

} // namespace

std::vector<Recommendation> rankHybrid(const RankRequest &request)
{
    std::size_t itemCount = 0;
    for (const SignalScores &signal : request.signals) {
        itemCount = std::max(itemCount, signal.scores.size());
    }
    std::vector<char> allowed(itemCount, 1);
    for (int item : request.excludedItems) {
        if (item >= 0 && std::size_t(item) < itemCount) {
            allowed[std::size_t(item)] = 0;
        }
    }
    if (!request.excludedArtists.empty()) {
        for (std::size_t item = 0; item < std::min(itemCount, request.artistOf.size()); ++item) {
            if (contains(request.excludedArtists, request.artistOf[item])) {
                allowed[item] = 0;
            }
        }
    }

    // Per signal: offset and scale of the min–max normalisation over the allowed items.
    std::vector<float> combined(itemCount, 0.0f);
    std::array<std::pair<float, float>, kSignalCount> normalisation{};
    for (int s = 0; s < kSignalCount; ++s) {
        const SignalScores &signal = request.signals[std::size_t(s)];
        const float weight = request.weights[Signal(s)];
        if (signal.scores.size() != itemCount || weight == 0.0f) {
            continue;
        }
        float low = std::numeric_limits<float>::infinity();
        float high = -std::numeric_limits<float>::infinity();
        for (std::size_t item = 0; item < itemCount; ++item) {
            if (allowed[item]) {
                low = std::min(low, signal.scores[item]);
                high = std::max(high, signal.scores[item]);
            }
        }
        if (!(high > low)) {
            continue; // a constant signal says nothing about the order
        }
        const float scale = weight / (high - low);
        normalisation[std::size_t(s)] = {low, scale};
        for (std::size_t item = 0; item < itemCount; ++item) {
            combined[item] += (signal.scores[item] - low) * scale;
        }
    }
    if (request.bias.size() == itemCount) {
        for (std::size_t item = 0; item < itemCount; ++item) {
            combined[item] += request.bias[item];
        }
    }

    std::vector<int> excluded;
    for (std::size_t item = 0; item < itemCount; ++item) {
        if (!allowed[item]) {
            excluded.push_back(int(item));
        }
    }
    const bool diversify = request.mmrLambda < 1.0f && request.diversitySimilarity;
    const bool capped = request.perArtistCap > 0 && !request.artistOf.empty();
    const int poolSize = diversify || capped ? std::max(candidatePoolSize(request.k), request.k) : request.k;
    std::vector<ScoredItem> pool = topScores(combined, poolSize, excluded);

    const auto artist = [&](int item) {
        return std::size_t(item) < request.artistOf.size() ? request.artistOf[std::size_t(item)] : -1;
    };
    std::vector<std::pair<int, int>> artistCounts; // (artist, items chosen)
    const auto artistFull = [&](int item) {
        if (!capped || artist(item) < 0) {
            return false;
        }
        for (const auto &[id, count] : artistCounts) {
            if (id == artist(item)) {
                return count >= request.perArtistCap;
            }
        }
        return false;
    };
    const auto countArtist = [&](int item) {
        if (!capped || artist(item) < 0) {
            return;
        }
        for (auto &[id, count] : artistCounts) {
            if (id == artist(item)) {
                ++count;
                return;
            }
        }
        artistCounts.emplace_back(artist(item), 1);
    };

    const float topScore = pool.empty() ? 0.0f : pool.front().score;
    std::vector<char> taken(pool.size(), 0);
    std::vector<ScoredItem> chosen;
    while (int(chosen.size()) < request.k) {
        int best = -1;
        float bestValue = -std::numeric_limits<float>::infinity();
        for (std::size_t i = 0; i < pool.size(); ++i) {
            if (taken[i] || artistFull(pool[i].item)) {
                continue;
            }
            float value = pool[i].score;
            if (diversify) {
                float redundancy = 0.0f;
                for (const ScoredItem &c : chosen) {
                    redundancy = std::max(redundancy, request.diversitySimilarity(pool[i].item, c.item));
                }
                const float relevance = topScore > 0.0f ? pool[i].score / topScore : 0.0f;
                value = request.mmrLambda * relevance - (1.0f - request.mmrLambda) * redundancy;
            }
            if (value > bestValue) {
                bestValue = value;
                best = int(i);
            }
            if (!diversify) {
                break; // the pool is in relevance order: the first eligible item is the best
            }
        }
        if (best < 0) {
            break;
        }
        taken[std::size_t(best)] = 1;
        chosen.push_back(pool[std::size_t(best)]);
        countArtist(pool[std::size_t(best)].item);
    }

    std::vector<Recommendation> ranked;
    ranked.reserve(chosen.size());
    for (const ScoredItem &c : chosen) {
        Recommendation r{c.item, c.score, Signal::Als, -1};
        float strongest = -1.0f;
        for (int s = 0; s < kSignalCount; ++s) {
            const auto &[low, scale] = normalisation[std::size_t(s)];
            if (scale == 0.0f) {
                continue;
            }
            const float contribution = (request.signals[std::size_t(s)].scores[std::size_t(c.item)] - low) * scale;
            if (contribution > strongest) {
                strongest = contribution;
                r.signal = Signal(s);
            }
        }
        r.contribution = std::max(strongest, 0.0f);
        if (request.bias.size() == itemCount) {
            r.bias = request.bias[std::size_t(c.item)];
        }
        if (request.explain) {
            r.seed = seedOf(request.signals[std::size_t(r.signal)], request.userItems, c.item);
        }
        ranked.push_back(r);
    }
    return ranked;
}

std::string explanationText(const Recommendation &recommendation, std::string_view seedName)
{
    const std::string seed(seedName);
    const bool named = recommendation.seed >= 0 && !seed.empty();
    switch (recommendation.signal) {
    case Signal::Als:
        return named ? "Because you play " + seed : std::string("Fits what you play");
    case Signal::Knn:
        return named ? "Listeners of " + seed + " also play this" : std::string("Listeners like you play this");
    case Signal::Content:
        return named ? "Similar tags to " + seed : std::string("Tags you like");
    case Signal::CoListening:
        return named ? "Often played in a session with " + seed : std::string("Often played in your sessions");
    }
    return {};
}

} // namespace engine::recommend
