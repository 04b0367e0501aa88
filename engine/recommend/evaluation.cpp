#include "engine/recommend/evaluation.h"

#include "engine/recommend/baselines.h"
#include "engine/recommend/colistening.h"
#include "engine/recommend/content.h"
#include "engine/recommend/holdout.h"
#include "engine/recommend/parallel.h"
#include "engine/recommend/similarity.h"
#include "engine/recommend/topitems.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

namespace engine::recommend
{

namespace
{

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// The item kNN baseline works on the binarised matrix: which artists a user plays, not how often. That is the
// variant that matches the anchors' 0.146 / 0.180 (measured 0.1485 / 0.1866 at seed 42); on raw play counts a user's
// top artist drowns the rest (0.042 / 0.053).
constexpr bool kKnnBinary = true;

// Everything trained on one training matrix, shared by the rankings of every user.
struct Models {
    AlsModel als;
    ItemSimilarity knn;
    ItemSimilarity coListening; // empty when the tags carry no days
    TagVectors tags;
    std::vector<float> popularity;
    double secondsPerIteration = 0;
};

// Whether a tag use belongs to a (user, item) pair hidden from training: a user who tagged an artist they are about
// to be tested on would otherwise give the answer away.
bool isHidden(const TagUse &use, const std::vector<std::vector<int>> &hidden)
{
    if (use.user < 0 || std::size_t(use.user) >= hidden.size()) {
        return false;
    }
    const auto &held = hidden[std::size_t(use.user)];
    return std::binary_search(held.begin(), held.end(), use.item);
}

// Tag uses become item tag counts, except those of hidden pairs.
std::vector<TagAssignment> visibleTags(const Dataset &dataset, const std::vector<std::vector<int>> &hidden)
{
    std::vector<TagAssignment> assignments;
    assignments.reserve(dataset.tagUses.size());
    for (const TagUse &use : dataset.tagUses) {
        if (!isHidden(use, hidden)) {
            assignments.push_back({use.item, use.tag, 1.0f});
        }
    }
    return assignments;
}

// HetRec records no listening times, so it has no listening sessions. The nearest thing it does record is the day
// on which a user tagged artists: the artists one user tagged on one day stand in for the tracks of one session, to
// measure and tune the co-listening signal. Hidden (user, item) pairs are left out, as for the tags.
std::vector<std::vector<int>> taggingDays(const Dataset &dataset, const std::vector<std::vector<int>> &hidden)
{
    std::map<std::pair<int, qint64>, std::vector<int>> days;
    for (const TagUse &use : dataset.tagUses) {
        if (use.user >= 0 && use.day >= 0 && !isHidden(use, hidden)) {
            auto &items = days[{use.user, use.day}];
            if (std::find(items.begin(), items.end(), use.item) == items.end()) {
                items.push_back(use.item);
            }
        }
    }
    std::vector<std::vector<int>> sessions;
    sessions.reserve(days.size());
    for (auto &[key, items] : days) {
        sessions.push_back(std::move(items));
    }
    return sessions;
}

std::optional<Models> train(const Interactions &counts,
                            const Dataset &dataset,
                            const std::vector<std::vector<int>> &hidden,
                            const AlsOptions &alsOptions,
                            const std::string &label,
                            const EvaluationProgress &progress)
{
    Models models;
    bool cancelled = false;
    const auto started = Clock::now();
    auto als = trainAls(counts, alsOptions, [&](int iteration, int iterations, double) {
        cancelled = progress
            && !progress(label + ": ALS iteration " + std::to_string(iteration) + " of " + std::to_string(iterations));
        return !cancelled;
    });
    if (!als || cancelled) {
        return std::nullopt;
    }
    models.secondsPerIteration = secondsSince(started) / std::max(alsOptions.iterations, 1);
    models.als = std::move(*als);
    models.knn = cosineNeighbours(counts, kKnnNeighbours, kKnnBinary, alsOptions.threads);
    const auto tags = visibleTags(dataset, hidden);
    models.tags = tfidfVectors(tags, int(counts.cols()), dataset.tagCount);
    const auto sessions = taggingDays(dataset, hidden);
    if (!sessions.empty()) {
        models.coListening = coListeningSimilarity(sessions, int(counts.cols()), kKnnNeighbours);
    }
    models.popularity = itemPopularity(counts);
    return models;
}

std::vector<std::pair<int, float>> userItems(const Interactions &train, int user, bool binary)
{
    std::vector<std::pair<int, float>> items;
    for (Interactions::InnerIterator it(train, user); it; ++it) {
        items.emplace_back(it.col(), binary ? 1.0f : std::log1p(it.value()));
    }
    return items;
}

// The signals of one user, owned here, viewed by a RankRequest.
struct UserSignals {
    std::vector<float> als;
    std::vector<float> knn;
    std::vector<float> content;
    std::vector<float> coListening;

    UserSignals(const Models &models, const Interactions &train, int user)
        : als(std::size_t(models.als.items.rows()))
    {
        Eigen::Map<Eigen::VectorXf>(als.data(), models.als.items.rows()) =
            models.als.items * models.als.users.row(user).transpose();
        knn = neighbourScores(models.knn, userItems(train, user, kKnnBinary));
        const auto items = userItems(train, user, false);
        content = contentScores(models.tags, items);
        if (models.coListening.rows() > 0) {
            coListening = neighbourScores(models.coListening, items);
        }
    }

    RankRequest request(const HybridWeights &weights, int k, std::span<const int> excluded) const
    {
        RankRequest request;
        request.signals[std::size_t(Signal::Als)].scores = als;
        request.signals[std::size_t(Signal::Knn)].scores = knn;
        request.signals[std::size_t(Signal::Content)].scores = content;
        request.signals[std::size_t(Signal::CoListening)].scores = coListening;
        request.weights = weights;
        request.k = k;
        request.excludedItems = excluded;
        request.explain = false;
        return request;
    }
};

std::vector<int> itemsOf(const std::vector<ScoredItem> &scored)
{
    std::vector<int> items;
    items.reserve(scored.size());
    for (const ScoredItem &s : scored) {
        items.push_back(s.item);
    }
    return items;
}

std::vector<int> itemsOf(const std::vector<Recommendation> &ranked)
{
    std::vector<int> items;
    items.reserve(ranked.size());
    for (const Recommendation &r : ranked) {
        items.push_back(r.item);
    }
    return items;
}

// Runs `work(user, slot)` for every user with held-out items on `threads` threads; slot is the thread's index.
template<typename Work>
void forTestUsers(const std::vector<std::vector<int>> &test, int threads, Work &&work)
{
    std::vector<int> users;
    for (std::size_t user = 0; user < test.size(); ++user) {
        if (!test[user].empty()) {
            users.push_back(int(user));
        }
    }
    detail::parallelChunks(int(users.size()), std::max(threads, 1), [&](int chunk, int thread) {
        work(users[std::size_t(chunk)], thread);
    });
}

std::vector<HybridWeights> weightGrid()
{
    std::vector<HybridWeights> grid;
    for (float knn : {0.0f, 0.1f, 0.25f, 0.5f, 1.0f}) {
        for (float content : {0.0f, 0.1f, 0.2f, 0.4f, 0.6f, 0.8f, 1.2f}) {
            grid.push_back({1.0f, knn, content, 0.0f});
        }
    }
    return grid;
}

std::vector<std::vector<int>> merged(const std::vector<std::vector<int>> &a, const std::vector<std::vector<int>> &b)
{
    std::vector<std::vector<int>> both(a.size());
    for (std::size_t user = 0; user < a.size(); ++user) {
        std::merge(a[user].begin(), a[user].end(), b[user].begin(), b[user].end(), std::back_inserter(both[user]));
    }
    return both;
}

// Every weighting of `grid` with its nDCG@k on the validation split, in the grid's order.
std::vector<WeightTrial> scoreWeights(const Models &models,
                                      const HoldoutSplit &validation,
                                      const std::vector<HybridWeights> &grid,
                                      int k,
                                      int threads)
{
    std::vector<std::vector<MetricsAccumulator>> perThread(
        std::size_t(std::max(threads, 1)),
        std::vector<MetricsAccumulator>(grid.size(), MetricsAccumulator(int(validation.train.cols()))));
    forTestUsers(validation.test, threads, [&](int user, int slot) {
        const UserSignals signals(models, validation.train, user);
        const std::vector<int> excluded = rowItems(validation.train, user);
        for (std::size_t g = 0; g < grid.size(); ++g) {
            const auto ranked = rankHybrid(signals.request(grid[g], k, excluded));
            perThread[std::size_t(slot)][g].add(itemsOf(ranked), validation.test[std::size_t(user)], k);
        }
    });
    std::vector<WeightTrial> trials;
    for (std::size_t g = 0; g < grid.size(); ++g) {
        for (std::size_t t = 1; t < perThread.size(); ++t) {
            perThread[0][g].merge(perThread[t][g]);
        }
        trials.push_back({grid[g], perThread[0][g].mean().ndcg});
    }
    return trials;
}

bool betterFirst(const WeightTrial &a, const WeightTrial &b)
{
    return a.validationNdcg > b.validationNdcg;
}

// The weights' search on a validation split carved from the training side: first kNN × content (ALS at 1), then,
// when the data has sessions, the co-listening weight beside the best of those, and beside the best content weight
// without kNN: the product's shape, where one listener's history gives no kNN of other users.
std::optional<std::vector<WeightTrial>> tuneWeights(const Dataset &dataset,
                                                    const HoldoutSplit &split,
                                                    const EvaluationOptions &options,
                                                    const AlsOptions &alsOptions,
                                                    const EvaluationProgress &progress)
{
    const HoldoutSplit validation = holdoutSplit(split.train, options.holdout, ~options.seed);
    const auto models = train(validation.train,
                              dataset,
                              merged(split.test, validation.test),
                              alsOptions,
                              "seed " + std::to_string(alsOptions.seed) + " validation",
                              progress);
    if (!models) {
        return std::nullopt;
    }
    std::vector<WeightTrial> trials = scoreWeights(*models, validation, weightGrid(), options.k, alsOptions.threads);
    std::stable_sort(trials.begin(), trials.end(), betterFirst);
    if (models->coListening.rows() > 0) {
        const HybridWeights best = trials.front().weights;
        const HybridWeights bestWithoutKnn = std::find_if(trials.begin(), trials.end(), [](const WeightTrial &t) {
                                                 return t.weights.knn == 0;
                                             })->weights;
        std::vector<HybridWeights> grid;
        for (const HybridWeights &base : {best, bestWithoutKnn}) {
            for (float coListening : {0.1f, 0.25f, 0.5f, 1.0f, 2.0f}) {
                HybridWeights weights = base;
                weights.coListening = coListening;
                grid.push_back(weights);
            }
        }
        const auto more = scoreWeights(*models, validation, grid, options.k, alsOptions.threads);
        trials.insert(trials.end(), more.begin(), more.end());
        std::stable_sort(trials.begin(), trials.end(), betterFirst);
    }
    return trials;
}

enum Model { Als, Hybrid, MostPopular, ItemKnn, ModelCount };

} // namespace

std::optional<EvaluationReport>
evaluate(const Dataset &dataset, const EvaluationOptions &options, const EvaluationProgress &progress)
{
    const auto started = Clock::now();
    EvaluationReport report;
    report.users = int(dataset.counts.rows());
    report.items = int(dataset.counts.cols());
    report.interactions = dataset.counts.nonZeros();
    report.hybridWeights = options.weights;
    report.models = {{"als", {}, {}, {}},
                     {"hybrid", {}, {}, {}},
                     {"most-popular", {}, {}, {}},
                     {"item-knn", {}, {}, {}}};
    const auto say = [&](const std::string &status) {
        return !progress || progress(status);
    };
    const int threads = std::max(options.als.threads, 1);

    for (int run = 0; run < std::max(options.seeds, 1); ++run) {
        const std::uint64_t seed = options.seed + std::uint64_t(run);
        AlsOptions alsOptions = options.als;
        alsOptions.seed = seed;
        const HoldoutSplit split = holdoutSplit(dataset.counts, options.holdout, seed);
        if (run == 0) {
            report.testUsers = int(std::count_if(split.test.begin(), split.test.end(), [](const auto &t) {
                return !t.empty();
            }));
            if (options.tune) {
                if (!say("seed " + std::to_string(seed) + ": tuning the hybrid's weights on a validation split")) {
                    return std::nullopt;
                }
                auto trials = tuneWeights(dataset, split, options, alsOptions, progress);
                if (!trials) {
                    return std::nullopt;
                }
                report.trials = std::move(*trials);
                report.hybridWeights = report.trials.front().weights;
            }
        }
        const auto models =
            train(split.train, dataset, split.test, alsOptions, "seed " + std::to_string(seed), progress);
        if (!models) {
            return std::nullopt;
        }
        if (!say("seed " + std::to_string(seed) + ": ranking")) {
            return std::nullopt;
        }
        std::vector<std::vector<MetricsAccumulator>> perThread(
            std::size_t(threads),
            std::vector<MetricsAccumulator>(ModelCount, MetricsAccumulator(report.items)));
        forTestUsers(split.test, threads, [&](int user, int slot) {
            auto &accumulators = perThread[std::size_t(slot)];
            const auto &test = split.test[std::size_t(user)];
            const std::vector<int> excluded = rowItems(split.train, user);
            const UserSignals signals(*models, split.train, user);
            accumulators[Als].add(
                itemsOf(topItems(models->als.users.row(user).transpose(), models->als.items, options.k, excluded)),
                test,
                options.k);
            accumulators[Hybrid].add(itemsOf(rankHybrid(signals.request(report.hybridWeights, options.k, excluded))),
                                     test,
                                     options.k);
            accumulators[MostPopular].add(itemsOf(topScores(models->popularity, options.k, excluded)), test, options.k);
            accumulators[ItemKnn].add(itemsOf(topScores(signals.knn, options.k, excluded)), test, options.k);
        });
        for (int model = 0; model < ModelCount; ++model) {
            for (int t = 1; t < threads; ++t) {
                perThread[0][std::size_t(model)].merge(perThread[std::size_t(t)][std::size_t(model)]);
            }
            ModelEvaluation &row = report.models[std::size_t(model)];
            row.metrics.push_back(perThread[0][std::size_t(model)].mean());
            row.coverage.push_back(perThread[0][std::size_t(model)].coverage());
            if (model == Als) {
                row.secondsPerIteration.push_back(models->secondsPerIteration);
            }
        }
    }
    report.seconds = secondsSince(started);
    return report;
}

Spread spread(const std::vector<double> &values)
{
    Spread result;
    if (values.empty()) {
        return result;
    }
    for (double v : values) {
        result.mean += v;
    }
    result.mean /= double(values.size());
    double squares = 0;
    for (double v : values) {
        squares += (v - result.mean) * (v - result.mean);
    }
    result.std = std::sqrt(squares / double(values.size()));
    return result;
}

Spread spread(const std::vector<RankingMetrics> &metrics, double RankingMetrics::*figure)
{
    std::vector<double> values;
    values.reserve(metrics.size());
    for (const RankingMetrics &m : metrics) {
        values.push_back(m.*figure);
    }
    return spread(values);
}

} // namespace engine::recommend
