#pragma once

#include "engine/recommend/types.h"

#include <vector>

namespace engine::recommend
{

// The most-popular baseline's scores: how many rows (users) hold each item.
std::vector<float> itemPopularity(const Interactions &counts);

// The item kNN baseline keeps this many neighbours per item (the anchors' k = 50).
inline constexpr int kKnnNeighbours = 50;

} // namespace engine::recommend
