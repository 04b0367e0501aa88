#pragma once

#include "engine/recommend/als.h"
#include "engine/recommend/dataset.h"
#include "engine/recommend/hybrid.h"
#include "engine/recommend/metrics.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace engine::recommend
{

// The offline protocol: per seed, hold out a fraction of each user's items, train every model on the rest, rank
// the whole catalogue minus the user's training items, and score the top k against the held-out items.
struct EvaluationOptions {
    AlsOptions als; // its seed is replaced by each run's seed
    double holdout = 0.2;
    std::uint64_t seed = 42; // run r uses seed + r for the split and for ALS's initialisation
    int seeds = 1;
    int k = 10;
    HybridWeights weights = kDefaultHybridWeights;
    // Before the first run, search the hybrid's weights on a validation split carved from its training side (the
    // test side is never looked at) and evaluate the hybrid with the best.
    bool tune = false;
};

// One model's figures, one entry per seed.
struct ModelEvaluation {
    std::string name; // "als", "hybrid", "most-popular", "item-knn"
    std::vector<RankingMetrics> metrics;
    std::vector<double> coverage;
    std::vector<double> secondsPerIteration; // ALS only: the mean wall time of one iteration
};

struct WeightTrial {
    HybridWeights weights;
    double validationNdcg;
};

struct EvaluationReport {
    int users = 0;
    int items = 0;
    long long interactions = 0;
    int testUsers = 0; // users with held-out items in the first run
    std::vector<ModelEvaluation> models;
    HybridWeights hybridWeights; // what the hybrid rows used
    std::vector<WeightTrial> trials; // with tune: every weighting tried, best first
    double seconds = 0;
};

// Status lines for a person watching ("seed 42: training ALS"); return false to cancel.
using EvaluationProgress = std::function<bool(const std::string &status)>;

// nullopt when cancelled (or ALS could not train).
std::optional<EvaluationReport>
evaluate(const Dataset &dataset, const EvaluationOptions &options, const EvaluationProgress &progress = {});

// Mean and (population) standard deviation of one figure over the seeds.
struct Spread {
    double mean = 0;
    double std = 0;
};
Spread spread(const std::vector<double> &values);
Spread spread(const std::vector<RankingMetrics> &metrics, double RankingMetrics::*figure);

} // namespace engine::recommend
