#include "tests/recommend/denseals.h"

#include <Eigen/Cholesky>

#include <random>
#include <vector>

namespace densetest
{

engine::recommend::Interactions randomCounts(int users, int items, double density, std::uint64_t seed)
{
    std::mt19937_64 engine(seed);
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    std::uniform_int_distribution<int> count(1, 20);
    std::vector<Eigen::Triplet<float>> triplets;
    for (int u = 0; u < users; ++u) {
        for (int i = 0; i < items; ++i) {
            if (coin(engine) < density) {
                triplets.emplace_back(u, i, static_cast<float>(count(engine)));
            }
        }
    }
    engine::recommend::Interactions m(users, items);
    m.setFromTriplets(triplets.begin(), triplets.end());
    return m;
}

Eigen::MatrixXd denseConfidence(const engine::recommend::Interactions &confidence)
{
    Eigen::MatrixXd c = Eigen::MatrixXd::Ones(confidence.rows(), confidence.cols());
    for (int u = 0; u < confidence.outerSize(); ++u) {
        for (engine::recommend::Interactions::InnerIterator it(confidence, u); it; ++it) {
            c(u, it.index()) = it.value();
        }
    }
    return c;
}

Eigen::MatrixXd densePreference(const engine::recommend::Interactions &confidence)
{
    Eigen::MatrixXd p = Eigen::MatrixXd::Zero(confidence.rows(), confidence.cols());
    for (int u = 0; u < confidence.outerSize(); ++u) {
        for (engine::recommend::Interactions::InnerIterator it(confidence, u); it; ++it) {
            p(u, it.index()) = 1.0;
        }
    }
    return p;
}

namespace
{

// A_u = Yᵀ diag(c_u) Y + λI and b_u = Yᵀ diag(c_u) p_u, formed over every column.
void normalEquations(const Eigen::MatrixXd &c,
                     const Eigen::MatrixXd &p,
                     const Eigen::MatrixXd &other,
                     double regularization,
                     Eigen::Index u,
                     Eigen::MatrixXd &a,
                     Eigen::VectorXd &b)
{
    const Eigen::VectorXd cu = c.row(u).transpose();
    a = other.transpose() * cu.asDiagonal() * other;
    a.diagonal().array() += regularization;
    b = other.transpose() * (cu.array() * p.row(u).transpose().array()).matrix();
}

bool emptyRow(const Eigen::MatrixXd &p, Eigen::Index u)
{
    return p.row(u).sum() == 0.0;
}

} // namespace

Eigen::MatrixXd
exactStep(const Eigen::MatrixXd &c, const Eigen::MatrixXd &p, const Eigen::MatrixXd &other, double regularization)
{
    Eigen::MatrixXd solved(c.rows(), other.cols());
    Eigen::MatrixXd a;
    Eigen::VectorXd b;
    for (Eigen::Index u = 0; u < c.rows(); ++u) {
        normalEquations(c, p, other, regularization, u, a, b);
        solved.row(u) = emptyRow(p, u) ? Eigen::VectorXd::Zero(other.cols()).eval() : a.ldlt().solve(b).eval();
    }
    return solved;
}

Eigen::MatrixXd cgStep(const Eigen::MatrixXd &c,
                       const Eigen::MatrixXd &p,
                       const Eigen::MatrixXd &solved,
                       const Eigen::MatrixXd &other,
                       double regularization,
                       int cgSteps)
{
    Eigen::MatrixXd result = solved;
    Eigen::MatrixXd a;
    Eigen::VectorXd b;
    for (Eigen::Index u = 0; u < c.rows(); ++u) {
        if (emptyRow(p, u)) {
            result.row(u).setZero();
            continue;
        }
        normalEquations(c, p, other, regularization, u, a, b);
        Eigen::VectorXd x = solved.row(u).transpose();
        Eigen::VectorXd r = b - a * x;
        Eigen::VectorXd d = r;
        double rs = r.squaredNorm();
        for (int step = 0; step < cgSteps && rs >= 1e-20; ++step) {
            const Eigen::VectorXd ad = a * d;
            const double alpha = rs / d.dot(ad);
            x += alpha * d;
            r -= alpha * ad;
            const double next = r.squaredNorm();
            d = r + (next / rs) * d;
            rs = next;
        }
        result.row(u) = x.transpose();
    }
    return result;
}

double relativeDifference(const Eigen::MatrixXd &a, const Eigen::MatrixXd &b)
{
    return (a - b).norm() / std::max(b.norm(), 1e-30);
}

} // namespace densetest
