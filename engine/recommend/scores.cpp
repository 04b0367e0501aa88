#include "engine/recommend/scores.h"

#include <algorithm>

namespace engine::recommend
{

namespace
{

bool better(const ScoredItem &a, const ScoredItem &b)
{
    return a.score > b.score || (a.score == b.score && a.item < b.item);
}

} // namespace

std::vector<ScoredItem> topScores(std::span<const float> scores, int k, std::span<const int> excluded)
{
    std::vector<ScoredItem> best;
    if (k <= 0) {
        return best;
    }
    best.reserve(std::size_t(k) + 1);
    auto skip = excluded.begin();
    // A bounded min-heap on "better": its front is the weakest of the k kept so far.
    for (int item = 0; item < int(scores.size()); ++item) {
        while (skip != excluded.end() && *skip < item) {
            ++skip;
        }
        if (skip != excluded.end() && *skip == item) {
            continue;
        }
        const ScoredItem candidate{item, scores[std::size_t(item)]};
        if (int(best.size()) < k) {
            best.push_back(candidate);
            std::push_heap(best.begin(), best.end(), better);
        } else if (better(candidate, best.front())) {
            std::pop_heap(best.begin(), best.end(), better);
            best.back() = candidate;
            std::push_heap(best.begin(), best.end(), better);
        }
    }
    std::sort_heap(best.begin(), best.end(), better);
    return best;
}

} // namespace engine::recommend
