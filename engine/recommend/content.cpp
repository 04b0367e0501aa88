#include "engine/recommend/content.h"

#include <cmath>

namespace engine::recommend
{

TagVectors tfidfVectors(std::span<const TagAssignment> assignments, int itemCount, int tagCount)
{
    std::vector<Eigen::Triplet<float, int>> triplets;
    triplets.reserve(assignments.size());
    for (const TagAssignment &a : assignments) {
        if (a.item >= 0 && a.item < itemCount && a.tag >= 0 && a.tag < tagCount && a.count > 0.0f) {
            triplets.emplace_back(a.item, a.tag, a.count);
        }
    }
    TagVectors vectors(itemCount, tagCount);
    vectors.setFromTriplets(triplets.begin(), triplets.end());
    std::vector<int> itemsWithTag(std::size_t(tagCount), 0);
    int taggedItems = 0;
    for (int item = 0; item < itemCount; ++item) {
        bool tagged = false;
        for (TagVectors::InnerIterator it(vectors, item); it; ++it) {
            ++itemsWithTag[std::size_t(it.col())];
            tagged = true;
        }
        taggedItems += tagged ? 1 : 0;
    }
    for (int item = 0; item < itemCount; ++item) {
        double squares = 0;
        for (TagVectors::InnerIterator it(vectors, item); it; ++it) {
            const double idf = std::log(double(taggedItems) / itemsWithTag[std::size_t(it.col())]);
            it.valueRef() = float(std::log1p(double(it.value())) * idf);
            squares += double(it.value()) * it.value();
        }
        const float norm = float(std::sqrt(squares));
        for (TagVectors::InnerIterator it(vectors, item); it; ++it) {
            it.valueRef() = norm > 0.0f ? it.value() / norm : 0.0f;
        }
    }
    return vectors;
}

float contentSimilarity(const TagVectors &vectors, int a, int b)
{
    return vectors.row(a).dot(vectors.row(b));
}

Eigen::VectorXf userProfile(const TagVectors &vectors, WeightedItems userItems)
{
    Eigen::VectorXf profile = Eigen::VectorXf::Zero(vectors.cols());
    for (const auto &[item, weight] : userItems) {
        for (TagVectors::InnerIterator it(vectors, item); it; ++it) {
            profile[it.col()] += weight * it.value();
        }
    }
    return profile;
}

std::vector<float> contentScores(const TagVectors &vectors, WeightedItems userItems)
{
    std::vector<float> scores(std::size_t(vectors.rows()), 0.0f);
    const Eigen::VectorXf profile = userProfile(vectors, userItems);
    const float norm = profile.norm();
    if (norm == 0.0f) {
        return scores;
    }
    Eigen::Map<Eigen::VectorXf>(scores.data(), vectors.rows()) = vectors * (profile / norm);
    return scores;
}

} // namespace engine::recommend
