#include "engine/recommend/rowsolve.h"

#include "engine/recommend/parallel.h"

#include <Eigen/QR>

#include <vector>

namespace engine::recommend::detail
{

ExactRowSolver::ExactRowSolver(int factors)
    : m_a(factors, factors)
    , m_b(factors)
    , m_llt(factors)
{
}

void ExactRowSolver::solve(const Eigen::MatrixXf &gram,
                           const RowMatrix &other,
                           const int *items,
                           const float *confidences,
                           int count,
                           float *out)
{
    Eigen::Map<Eigen::VectorXf> x(out, gram.rows());
    if (count == 0) {
        x.setZero();
        return;
    }
    m_a = gram;
    m_b.setZero();
    for (int e = 0; e < count; ++e) {
        const auto y = other.row(items[e]).transpose();
        m_a.selfadjointView<Eigen::Lower>().rankUpdate(y, confidences[e] - 1.0f);
        m_b += confidences[e] * y;
    }
    m_llt.compute(m_a);
    if (m_llt.info() == Eigen::Success) {
        x = m_llt.solve(m_b);
        return;
    }
    // Without regularisation the system can be singular (fewer stored items than factors): the pseudo-inverse
    // of a rank-revealing decomposition then gives the least-norm solution instead of garbage.
    const Eigen::MatrixXf full = m_a.selfadjointView<Eigen::Lower>();
    x = full.completeOrthogonalDecomposition().solve(m_b);
}

Eigen::MatrixXf gram(const RowMatrix &factors, float regularization, int threads)
{
    constexpr Eigen::Index BlockRows = 4096;
    const Eigen::Index f = factors.cols();
    const int blocks = static_cast<int>((factors.rows() + BlockRows - 1) / BlockRows);
    std::vector<Eigen::MatrixXf> partial(static_cast<std::size_t>(blocks));
    parallelChunks(blocks, threads, [&](int block, int) {
        const Eigen::Index first = block * BlockRows;
        const auto rows = factors.middleRows(first, std::min(BlockRows, factors.rows() - first));
        Eigen::MatrixXf &sum = partial[static_cast<std::size_t>(block)];
        sum.setZero(f, f);
        sum.selfadjointView<Eigen::Lower>().rankUpdate(rows.transpose());
    });
    Eigen::MatrixXf lower = Eigen::MatrixXf::Zero(f, f);
    for (const Eigen::MatrixXf &sum : partial) {
        lower += sum;
    }
    // Exactly symmetric, so that the CG kernel may read it row by row.
    Eigen::MatrixXf result = lower.selfadjointView<Eigen::Lower>();
    result.diagonal().array() += regularization;
    return result;
}

} // namespace engine::recommend::detail
