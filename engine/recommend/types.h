#pragma once

// The shared vocabulary of engine/recommend: factor matrices, the interaction matrix, scored items.
// No Qt and no I/O here: the hub links this library too.

#include <Eigen/Core>
#include <Eigen/SparseCore>

namespace engine::recommend
{

// One row per user (or session, playlist) or per item; row-major so that a row's factors are contiguous.
using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Rows are users (or sessions/playlists), columns are items, values are raw counts (> 0).
using Interactions = Eigen::SparseMatrix<float, Eigen::RowMajor, int>;

struct ScoredItem {
    int item;
    float score;
};

} // namespace engine::recommend
