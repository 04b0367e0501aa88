#pragma once

#include "engine/recommend/types.h"

#include <cstdint>
#include <vector>

namespace engine::recommend
{

// The evaluation protocol's split: each user's items, shuffled with a seeded generator, lose a fraction to the
// test side (at least one, never all). Users with fewer than two items stay whole in training.
struct HoldoutSplit {
    Interactions train; // same shape as the input
    std::vector<std::vector<int>> test; // per user, the held-out items, sorted
};

// `fraction` in (0, 1). The same counts, fraction and seed always give the same split, on every platform.
HoldoutSplit holdoutSplit(const Interactions &counts, double fraction, std::uint64_t seed);

// The items of one row of a row-major sparse matrix, sorted (the exclusions of a user's ranking).
std::vector<int> rowItems(const Interactions &matrix, int row);

} // namespace engine::recommend
