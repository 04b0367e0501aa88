#pragma once

// The exact regularised least-squares solve of one row, shared by the Cholesky trainer and fold-in:
//   (G + Σ_i (c_i − 1) y_i y_iᵀ) x = Σ_i c_i y_i,   G = YᵀY + λI.

#include "engine/recommend/types.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

namespace engine::recommend::detail
{

class ExactRowSolver
{
public:
    explicit ExactRowSolver(int factors);

    // items/confidences: `count` stored entries of the row. Writes `factors` floats to `out`.
    void solve(const Eigen::MatrixXf &gram,
               const RowMatrix &other,
               const int *items,
               const float *confidences,
               int count,
               float *out);

private:
    Eigen::MatrixXf m_a;
    Eigen::VectorXf m_b;
    Eigen::LLT<Eigen::MatrixXf> m_llt;
};

// YᵀY + regularization·I, summed over fixed blocks of rows in a fixed order (so the result does not depend on
// `threads`), the blocks shared among `threads` threads.
Eigen::MatrixXf gram(const RowMatrix &factors, float regularization, int threads);

} // namespace engine::recommend::detail
