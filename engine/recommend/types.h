#pragma once

#include <Eigen/Core>
#include <Eigen/SparseCore>

namespace engine::recommend
{

// One row per user (or item) of factors.
using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
// Rows = users (or sessions, playlists), columns = items, values = raw counts (> 0).
using Interactions = Eigen::SparseMatrix<float, Eigen::RowMajor, int>;

struct ScoredItem {
    int item;
    float score;
};

} // namespace engine::recommend
