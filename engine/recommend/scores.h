#pragma once

#include "engine/recommend/types.h"

#include <span>
#include <utility>
#include <vector>

namespace engine::recommend
{

// A user's items with a weight each (a play count, a like's boost …): what every signal scores from.
using WeightedItems = std::span<const std::pair<int, float>>;

// The k best items of dense per-item scores, excluding the sorted `excluded` ids; ties by lower item id.
std::vector<ScoredItem> topScores(std::span<const float> scores, int k, std::span<const int> excluded = {});

} // namespace engine::recommend
