#pragma once

#include "engine/recommend/scores.h"

#include <array>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace engine::recommend
{

// The signals the hybrid ranker combines.
enum class Signal { Als, Knn, Content, CoListening };
inline constexpr int kSignalCount = 4;

struct HybridWeights {
    float als = 0;
    float knn = 0;
    float content = 0;
    float coListening = 0;

    float operator[](Signal signal) const;
};

// Tuned with `tunescout-cli eval --tune` on a validation split carved from the training side of HetRec Last.fm 2K
// (seed 42: 20 % of each user's training items; ALS configuration B: α = 1 on log1p, λ = 10, 64 factors, 15
// iterations; MMR off), over kNN ∈ {0, 0.1, 0.25, 0.5, 1} × content ∈ {0, 0.1, 0.2, 0.4, 0.6, 0.8, 1.2} with ALS
// at 1. Best: kNN 0.25, content 0.6, validation nDCG@10 0.1814 (ALS alone 0.1648; 0.1802 with content 0.4). On the
// test split the hybrid then reaches p@10 0.2057 / nDCG@10 0.2500 against ALS's 0.1943 / 0.2349 (seed 42), and
// 0.2042 / 0.2484 with co-listening at 0.25 as below.
// HetRec records no listening times. The co-listening weight was searched next (`--tune`'s second stage) with the
// artists one user tagged on one day standing in for a session, beside kNN 0.25 / content 0.6 and beside content 0.6
// without kNN (the product's shape: one listener has no kNN of other users). Validation nDCG@10 without kNN: 0.1751
// at co-listening 0, 0.1750 at 0.1, 0.1740 at 0.25, 0.1649 at 0.5, 0.1338 at 1; beside kNN: 0.1814, 0.1808, 0.1795,
// 0.1724, 0.1475: on that stand-in it adds nothing, costs under 1 % up to 0.25 (test split, seeds 42 … 46: hybrid
// nDCG@10 0.2438 with it at 0.25, 0.2461 without) and hurts from 0.5 on. It stays at 0.25, the top of that flat
// range, because in the product it is what a like moves: one listener has no kNN, and at 0.1 a like of one track
// leaves the order of "for you now" as it was in tst_discovery's fixture, where at 0.25 the liked track's session
// partners move up. A day's tagging is also a looser neighbourhood than a listening session.
inline constexpr HybridWeights kDefaultHybridWeights{1.0f, 0.25f, 0.6f, 0.25f};

// One signal's contribution for one user.
struct SignalScores {
    // Dense over the catalogue, higher is better, any scale (the ranker normalises); empty: the signal is missing
    // for this user and weighs 0. The caller owns the scores.
    std::span<const float> scores;
    // How much the user's item `seed` supports `item` under this signal, to name the seed of an explanation;
    // empty: explanations of this signal name no seed.
    std::function<float(int seed, int item)> support;
};

struct RankRequest {
    std::array<SignalScores, kSignalCount> signals;
    HybridWeights weights = kDefaultHybridWeights;
    int k = 10;
    // Sorted item ids never to recommend: what the user already has, just played, hid or disliked.
    std::span<const int> excludedItems;
    // Item → artist id (empty: no artists known); sorted artist ids the user hid or disliked.
    std::span<const int> artistOf;
    std::span<const int> excludedArtists;
    int perArtistCap = 0; // at most this many items of one artist; 0: no cap
    // Maximal marginal relevance: each next item maximises λ·relevance − (1 − λ)·max similarity to those already
    // chosen. 1 (the default) ranks by relevance alone.
    float mmrLambda = 1.0f;
    std::function<float(int a, int b)> diversitySimilarity; // cosine of item factors or of tag vectors
    // Added to each item's weighted sum as it is, after the normalisation (empty: nothing): what the user's
    // behaviour says about the item itself (skips, full plays), on the scale of the weights.
    std::span<const float> bias;
    // The user's items and weights: the candidates for each explanation's seed.
    WeightedItems userItems;
    bool explain = true;
};

struct Recommendation {
    int item;
    float score; // the weighted sum of the normalised signals
    Signal signal; // the signal that contributed most
    int seed; // the user's item that best supports it under that signal, -1 when none
    float contribution = 0; // that signal's share of the score
    float bias = 0; // the request's bias for the item
};

// Normalises each present signal to [0, 1] over the items that may be recommended (min–max), adds them up with the
// weights, and picks k items: excluded items and artists skipped, the per-artist cap held, MMR applied when λ < 1.
std::vector<Recommendation> rankHybrid(const RankRequest &request);

// The explanation in English for the terminal ("Because you play Björk"); the app phrases its own from
// (signal, seed) so that it can be translated.
std::string explanationText(const Recommendation &recommendation, std::string_view seedName);

} // namespace engine::recommend
