#pragma once

#include "engine/recommend/scores.h"
#include "engine/recommend/types.h"

#include <span>
#include <vector>

namespace engine::recommend
{

// One item's tag, given `count` times (by HetRec's users in evaluation; MusicBrainz's votes in the product).
struct TagAssignment {
    int item;
    int tag;
    float count;
};

// Rows = items, columns = tags: TF-IDF weights, tf = log1p(count) (more votes count, with diminishing returns),
// idf = ln(tagged items ÷ items with the tag); each tagged item's row has unit length, an untagged item's is empty.
using TagVectors = Eigen::SparseMatrix<float, Eigen::RowMajor, int>;

// Assignments of the same (item, tag) add up; those outside [0, itemCount) × [0, tagCount) are ignored.
TagVectors tfidfVectors(std::span<const TagAssignment> assignments, int itemCount, int tagCount);

// Cosine similarity of two items' tag vectors (0 when either has no tags).
float contentSimilarity(const TagVectors &vectors, int a, int b);

// The user's profile in tag space: Σ w_i · v_i over the user's items.
Eigen::VectorXf userProfile(const TagVectors &vectors, WeightedItems userItems);

// cos(profile, v_j) for every item j of the catalogue (all 0 when the profile is empty).
std::vector<float> contentScores(const TagVectors &vectors, WeightedItems userItems);

} // namespace engine::recommend
