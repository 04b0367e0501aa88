#include "engine/recommend/colistening.h"

#include <algorithm>

namespace engine::recommend
{

std::vector<std::vector<int>> splitSessions(std::span<const TimedPlay> plays, std::int64_t gapMs)
{
    std::vector<TimedPlay> ordered(plays.begin(), plays.end());
    std::stable_sort(ordered.begin(), ordered.end(), [](const TimedPlay &a, const TimedPlay &b) {
        return a.playedAtMs < b.playedAtMs;
    });
    std::vector<std::vector<int>> sessions;
    for (std::size_t i = 0; i < ordered.size(); ++i) {
        if (i == 0 || ordered[i].playedAtMs - ordered[i - 1].playedAtMs >= gapMs) {
            sessions.emplace_back();
        }
        sessions.back().push_back(ordered[i].item);
    }
    return sessions;
}

Interactions sequenceRows(std::span<const std::vector<int>> sequences, int itemCount)
{
    std::vector<Eigen::Triplet<float, int>> triplets;
    for (std::size_t row = 0; row < sequences.size(); ++row) {
        for (int item : sequences[row]) {
            if (item >= 0 && item < itemCount) {
                triplets.emplace_back(int(row), item, 1.0f);
            }
        }
    }
    Interactions rows(Eigen::Index(sequences.size()), itemCount);
    rows.setFromTriplets(triplets.begin(), triplets.end()); // repeats add up to counts
    return rows;
}

Interactions appendRows(const Interactions &top, const Interactions &bottom)
{
    std::vector<Eigen::Triplet<float, int>> triplets;
    triplets.reserve(std::size_t(top.nonZeros() + bottom.nonZeros()));
    for (int row = 0; row < top.outerSize(); ++row) {
        for (Interactions::InnerIterator it(top, row); it; ++it) {
            triplets.emplace_back(row, it.col(), it.value());
        }
    }
    for (int row = 0; row < bottom.outerSize(); ++row) {
        for (Interactions::InnerIterator it(bottom, row); it; ++it) {
            triplets.emplace_back(int(top.rows()) + row, it.col(), it.value());
        }
    }
    Interactions both(top.rows() + bottom.rows(), std::max(top.cols(), bottom.cols()));
    both.setFromTriplets(triplets.begin(), triplets.end());
    return both;
}

ItemSimilarity coListeningSimilarity(std::span<const std::vector<int>> sequences, int itemCount, int neighbours)
{
    // Membership, not counts: an item repeated within one session is not more co-listened with the others.
    return cosineNeighbours(sequenceRows(sequences, itemCount), neighbours, true);
}

} // namespace engine::recommend
