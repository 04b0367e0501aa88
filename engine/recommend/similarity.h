#pragma once

#include "engine/recommend/scores.h"
#include "engine/recommend/types.h"

#include <vector>

namespace engine::recommend
{

// Item–item similarity as neighbour lists: row i holds i's nearest neighbours j (never i) with sim(i, j),
// sorted by j. Item kNN (rows = users) and co-listening (rows = sessions and playlists) both use it.
using ItemSimilarity = Eigen::SparseMatrix<float, Eigen::RowMajor, int>;

// Cosine similarity between the item columns of `rows`, keeping each item's `neighbours` most similar items
// (ties by lower id). `binary` counts each stored entry as 1 instead of its value.
ItemSimilarity cosineNeighbours(const Interactions &rows, int neighbours, bool binary, int threads = 1);

// sim(a, b) as stored (0 when b is not among a's neighbours).
float similarity(const ItemSimilarity &similarity, int a, int b);

// Per-item scores Σ_i w_i · sim(i, j) over the user's items i, for every item j of the catalogue.
std::vector<float> neighbourScores(const ItemSimilarity &similarity, WeightedItems userItems);

} // namespace engine::recommend
