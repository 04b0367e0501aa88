#pragma once

// Implicit-feedback alternating least squares (Hu, Koren and Volinsky 2008) with the conjugate-gradient inner
// solver of Takács, Pilászy and Tikk (2011), or an exact Cholesky solve per row. The conventions are those of
// the `implicit` library and of ../shared/bench/als_reference.py: the preference is 1 wherever a count is stored,
// the confidence C is derived from the count, the regularisation is not scaled by the row's length, the CG is
// warm-started from the previous factors, and each iteration solves the users and then the items.

#include "engine/recommend/types.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace engine::recommend
{

// The confidence of a stored count: C = 1 + alpha * log1p(count), or C = 1 + alpha * bm25(count) with the
// BM25 weight of the `implicit` library (rows as documents, items as terms; K1 and B below).
enum class Weighting { Log1p, Bm25 };
enum class Solver { ConjugateGradient, Cholesky };

struct AlsOptions {
    int factors = 64;
    float regularization = 10.0f;
    float alpha = 1.0f;
    Weighting weighting = Weighting::Log1p;
    float bm25K1 = 100.0f;
    float bm25B = 0.8f;
    Solver solver = Solver::ConjugateGradient;
    int cgSteps = 3;
    int iterations = 15;
    int threads = 1;
    std::uint64_t seed = 42;
    // Computing the loss costs about one CG step per half-iteration: off unless a caller wants to show it.
    bool computeLoss = false;
};

struct AlsModel {
    RowMatrix users;
    RowMatrix items;
    AlsOptions options;
};

// Called after each iteration with (iteration 1-based, of total, loss or NaN if not computed); return false to
// cancel.
using AlsProgress = std::function<bool(int iteration, int iterations, double loss)>;

// Empty when the counts and options can be trained on; otherwise what is wrong, for a person (for example
// "factors must be between 1 and 1024, not 0" or "the count at row 3, column 7 is -2: counts must be positive").
std::string validateAls(const Interactions &counts, const AlsOptions &options);

// The C matrix the trainer uses: the same sparsity as `counts`, each value replaced by its confidence.
Interactions confidence(const Interactions &counts, const AlsOptions &options);

// The factors trainAls starts from for this seed: U[0, 1) · 0.01, as in `implicit` and the reference. For tests
// that retrace an iteration, and for callers that want to look at the starting point.
AlsModel initialAls(Eigen::Index users, Eigen::Index items, const AlsOptions &options);

// Trains users × factors and items × factors. Deterministic for a given seed: the factors do not even depend on
// the thread count, since every row is solved on its own and every sum runs in a fixed order. Returns nullopt
// when cancelled through `progress` or when validateAls() reports a problem.
std::optional<AlsModel>
trainAls(const Interactions &counts, const AlsOptions &options, const AlsProgress &progress = {});

// The objective for confidences C: sum over all (u, i) of C_ui (P_ui - x_u·y_i)^2 (C = 1, P = 0 where nothing is
// stored) + regularization * (|X|^2 + |Y|^2). Not normalised; for tests and progress reports.
double alsLoss(const Interactions &confidence, const AlsModel &model);

} // namespace engine::recommend
