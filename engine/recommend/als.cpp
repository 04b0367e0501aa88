#include "engine/recommend/als.h"

#include "engine/recommend/alskernel.h"
#include "engine/recommend/parallel.h"
#include "engine/recommend/rowsolve.h"
#include "engine/recommend/weighting.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace engine::recommend
{
namespace
{

constexpr int MaxFactors = 1024;
constexpr int MaxThreads = 256;

detail::CgRowsKernel cgKernel()
{
    return detail::cpuHasAvx2() ? detail::cgRowsAvx2 : detail::cgRowsBaseline;
}

// The same small uniform start as `implicit` and the reference (U[0, 1) · 0.01), from a generator whose sequence
// the standard fixes, drawn in one sequence (users, then items): independent of the thread count.
void initialise(RowMatrix &users, RowMatrix &items, std::uint64_t seed)
{
    std::mt19937_64 engine(seed);
    const auto fill = [&engine](RowMatrix &m) {
        float *data = m.data();
        for (Eigen::Index k = 0; k < m.size(); ++k) {
            data[k] = static_cast<float>(engine() >> 40) * 0x1p-24f * 0.01f;
        }
    };
    fill(users);
    fill(items);
}

// Chunk boundaries of about equal work for dynamic sharing among threads: a row costs its dense products
// (factors multiply-adds per factor) plus two per stored entry. Boundaries only decide who computes a row,
// never its result.
std::vector<int> rowChunks(const Interactions &c, int factors, int threads)
{
    const int rows = static_cast<int>(c.rows());
    std::vector<int> bounds{0};
    if (threads <= 1) {
        bounds.push_back(rows);
        return bounds;
    }
    const double total = static_cast<double>(rows) * factors + 2.0 * static_cast<double>(c.nonZeros());
    const double perChunk = total / (16.0 * threads);
    double acc = 0;
    const int *outer = c.outerIndexPtr();
    for (int u = 0; u < rows; ++u) {
        acc += factors + 2.0 * (outer[u + 1] - outer[u]);
        if (acc >= perChunk) {
            bounds.push_back(u + 1);
            acc = 0;
        }
    }
    if (bounds.back() != rows) {
        bounds.push_back(rows);
    }
    return bounds;
}

// Solves every row of `c` (rows of `solved`) for the fixed `other` factors.
void halfStep(const Interactions &c,
              RowMatrix &solved,
              const RowMatrix &other,
              const AlsOptions &options,
              detail::CgRowsKernel kernel)
{
    const int f = options.factors;
    const Eigen::MatrixXf g = detail::gram(other, options.regularization, options.threads);
    const std::vector<int> bounds = rowChunks(c, f, options.threads);
    const int chunks = static_cast<int>(bounds.size()) - 1;

    if (options.solver == Solver::ConjugateGradient) {
        const detail::CgHalfStep step{c.outerIndexPtr(),
                                      c.innerIndexPtr(),
                                      c.valuePtr(),
                                      other.data(),
                                      g.data(),
                                      solved.data(),
                                      f,
                                      options.cgSteps};
        std::vector<float> scratch(static_cast<std::size_t>(3 * f * options.threads));
        detail::parallelChunks(chunks, options.threads, [&](int chunk, int thread) {
            kernel(step,
                   bounds[static_cast<std::size_t>(chunk)],
                   bounds[static_cast<std::size_t>(chunk) + 1],
                   scratch.data() + static_cast<std::size_t>(3 * f * thread));
        });
        return;
    }

    // Built in place: copying an Eigen 3.4 LLT that has not computed anything reads its uninitialised status.
    std::vector<detail::ExactRowSolver> solvers;
    solvers.reserve(static_cast<std::size_t>(options.threads));
    for (int thread = 0; thread < options.threads; ++thread) {
        solvers.emplace_back(f);
    }
    detail::parallelChunks(chunks, options.threads, [&](int chunk, int thread) {
        detail::ExactRowSolver &solver = solvers[static_cast<std::size_t>(thread)];
        for (int u = bounds[static_cast<std::size_t>(chunk)]; u < bounds[static_cast<std::size_t>(chunk) + 1]; ++u) {
            const int first = c.outerIndexPtr()[u];
            solver.solve(g,
                         other,
                         c.innerIndexPtr() + first,
                         c.valuePtr() + first,
                         c.outerIndexPtr()[u + 1] - first,
                         solved.row(u).data());
        }
    });
}

double loss(const Interactions &c, const RowMatrix &users, const RowMatrix &items, float regularization, int threads)
{
    // Σ over all pairs of (x·y)² is xᵀ(YᵀY)x per row; the stored pairs then correct it to c(1 − x·y)².
    const Eigen::MatrixXf g = detail::gram(items, 0.0f, threads);
    constexpr int BlockRows = 1024;
    const int rows = static_cast<int>(c.rows());
    const int blocks = (rows + BlockRows - 1) / BlockRows;
    std::vector<double> partial(static_cast<std::size_t>(blocks), 0.0);
    detail::parallelChunks(blocks, threads, [&](int block, int) {
        double sum = 0;
        for (int u = block * BlockRows; u < std::min(rows, (block + 1) * BlockRows); ++u) {
            const auto x = users.row(u);
            sum += static_cast<double>(x.dot(x * g));
            for (Interactions::InnerIterator it(c, u); it; ++it) {
                const double t = x.dot(items.row(it.index()));
                const double conf = it.value();
                sum += (conf - 1.0) * t * t - 2.0 * conf * t + conf;
            }
        }
        partial[static_cast<std::size_t>(block)] = sum;
    });
    double total = 0;
    for (double sum : partial) {
        total += sum;
    }
    return total
        + static_cast<double>(regularization)
        * (static_cast<double>(users.squaredNorm()) + static_cast<double>(items.squaredNorm()));
}

} // namespace

bool detail::cpuHasAvx2()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return false;
#endif
}

std::string validateAls(const Interactions &counts, const AlsOptions &options)
{
    const auto number = [](double v) {
        std::string text = std::to_string(v);
        text.erase(text.find_last_not_of('0') + 1);
        if (!text.empty() && text.back() == '.') {
            text.pop_back();
        }
        return text;
    };
    if (options.factors < 1 || options.factors > MaxFactors) {
        return "factors must be between 1 and " + std::to_string(MaxFactors) + ", not "
            + std::to_string(options.factors);
    }
    if (options.iterations < 1) {
        return "iterations must be at least 1, not " + std::to_string(options.iterations);
    }
    if (options.solver == Solver::ConjugateGradient && options.cgSteps < 1) {
        return "CG steps must be at least 1, not " + std::to_string(options.cgSteps);
    }
    if (options.threads < 1 || options.threads > MaxThreads) {
        return "threads must be between 1 and " + std::to_string(MaxThreads) + ", not "
            + std::to_string(options.threads);
    }
    if (!std::isfinite(options.regularization) || options.regularization < 0) {
        return "regularization must be a number of at least 0, not " + number(options.regularization);
    }
    if (!std::isfinite(options.alpha) || options.alpha < 0) {
        return "alpha must be a number of at least 0, not " + number(options.alpha);
    }
    if (options.weighting == Weighting::Bm25) {
        if (!std::isfinite(options.bm25K1) || options.bm25K1 < 0) {
            return "BM25 K1 must be a number of at least 0, not " + number(options.bm25K1);
        }
        if (!std::isfinite(options.bm25B) || options.bm25B < 0 || options.bm25B > 1) {
            return "BM25 B must be between 0 and 1, not " + number(options.bm25B);
        }
    }
    if (counts.rows() == 0 || counts.cols() == 0) {
        return "there is nothing to train on: the interaction matrix has " + std::to_string(counts.rows())
            + " rows and " + std::to_string(counts.cols()) + " columns";
    }
    for (int u = 0; u < counts.outerSize(); ++u) {
        for (Interactions::InnerIterator it(counts, u); it; ++it) {
            if (!std::isfinite(it.value()) || it.value() <= 0) {
                return "the count at row " + std::to_string(u) + ", column " + std::to_string(it.index()) + " is "
                    + number(it.value()) + ": counts must be positive";
            }
        }
    }
    return {};
}

Interactions confidence(const Interactions &counts, const AlsOptions &options)
{
    Interactions c = counts;
    c.makeCompressed();
    float *values = c.valuePtr();
    const int *outer = c.outerIndexPtr();
    const int *inner = c.innerIndexPtr();
    const int rows = static_cast<int>(c.rows());

    if (options.weighting == Weighting::Log1p) {
        for (Eigen::Index e = 0; e < c.nonZeros(); ++e) {
            values[e] = static_cast<float>(detail::log1pConfidence(values[e], options.alpha));
        }
        return c;
    }

    std::vector<double> rowsWithItem(static_cast<std::size_t>(c.cols()), 0.0);
    std::vector<double> rowTotal(static_cast<std::size_t>(rows), 0.0);
    double allTotal = 0;
    for (int u = 0; u < rows; ++u) {
        for (int e = outer[u]; e < outer[u + 1]; ++e) {
            rowsWithItem[static_cast<std::size_t>(inner[e])] += 1.0;
            rowTotal[static_cast<std::size_t>(u)] += values[e];
        }
        allTotal += rowTotal[static_cast<std::size_t>(u)];
    }
    const double averageTotal = allTotal / rows;
    for (int u = 0; u < rows; ++u) {
        for (int e = outer[u]; e < outer[u + 1]; ++e) {
            const double idf = detail::bm25Idf(rows, rowsWithItem[static_cast<std::size_t>(inner[e])]);
            values[e] = static_cast<float>(detail::bm25Confidence(values[e],
                                                                  rowTotal[static_cast<std::size_t>(u)],
                                                                  averageTotal,
                                                                  idf,
                                                                  options.bm25K1,
                                                                  options.bm25B,
                                                                  options.alpha));
        }
    }
    return c;
}

AlsModel initialAls(Eigen::Index users, Eigen::Index items, const AlsOptions &options)
{
    AlsModel model{RowMatrix(users, options.factors), RowMatrix(items, options.factors), options};
    initialise(model.users, model.items, options.seed);
    return model;
}

std::optional<AlsModel> trainAls(const Interactions &counts, const AlsOptions &options, const AlsProgress &progress)
{
    if (!validateAls(counts, options).empty()) {
        return std::nullopt;
    }
    const Interactions userItems = confidence(counts, options);
    Interactions itemUsers = userItems.transpose();
    itemUsers.makeCompressed();

    AlsModel model = initialAls(counts.rows(), counts.cols(), options);
    const detail::CgRowsKernel kernel = cgKernel();

    for (int iteration = 1; iteration <= options.iterations; ++iteration) {
        halfStep(userItems, model.users, model.items, options, kernel);
        halfStep(itemUsers, model.items, model.users, options, kernel);
        const double current = options.computeLoss
            ? loss(userItems, model.users, model.items, options.regularization, options.threads)
            : std::numeric_limits<double>::quiet_NaN();
        if (progress && !progress(iteration, options.iterations, current)) {
            return std::nullopt;
        }
    }
    return model;
}

double alsLoss(const Interactions &confidence, const AlsModel &model)
{
    return loss(confidence, model.users, model.items, model.options.regularization, 1);
}

} // namespace engine::recommend
