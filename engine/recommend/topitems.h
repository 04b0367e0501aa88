#pragma once

// Scoring one user against every item: one matrix-vector product and a partial selection of the best k.

#include "engine/recommend/types.h"

#include <Eigen/Core>

#include <span>
#include <vector>

namespace engine::recommend
{

// Top k items by dot product with `user`, excluding the sorted `excluded` item ids; ties by lower item id.
// Best first; fewer than k when fewer items remain. Items whose score is NaN are never returned.
std::vector<ScoredItem> topItems(const Eigen::Ref<const Eigen::VectorXf> &user,
                                 const RowMatrix &items,
                                 int k,
                                 std::span<const int> excluded = {},
                                 int threads = 1);

} // namespace engine::recommend
