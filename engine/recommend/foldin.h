#pragma once

// Fold-in: the factors of a user who was not trained, from fixed item factors, with one exact regularised
// least-squares solve — the same solve ALS makes for a user's row, so folding in a trained user's own counts
// gives back (after a final user half-step) that user's vector.

#include "engine/recommend/als.h"
#include "engine/recommend/types.h"

#include <Eigen/Core>

#include <span>
#include <utility>
#include <vector>

namespace engine::recommend
{

class FoldIn
{
public:
    // Caches YᵀY + regularization·I once for the fixed item factors. With BM25 weighting, this constructor
    // has no training statistics: every item counts with idf 1 and every user with the average length, so
    // prefer the constructor below that takes the training counts.
    FoldIn(const RowMatrix &items, const AlsOptions &options);
    // The same, keeping what BM25 needs from the counts the items were trained on (rows, each item's number of
    // rows and the average row total), so that a user gets exactly the confidences training gave it.
    FoldIn(const RowMatrix &items, const AlsOptions &options, const Interactions &trainingCounts);

    // counts: (item, raw count) of one user; the same weighting as training; an exact regularised LS solve.
    // Items outside the item range and counts that are not positive are ignored; an empty list gives zeros.
    Eigen::VectorXf userVector(std::span<const std::pair<int, float>> counts) const;

private:
    const RowMatrix &m_items;
    AlsOptions m_options;
    Eigen::MatrixXf m_gram;
    // BM25 statistics (empty when unknown).
    std::vector<float> m_idf;
    double m_averageLength = 0;
};

} // namespace engine::recommend
