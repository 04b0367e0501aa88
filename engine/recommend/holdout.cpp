#include "engine/recommend/holdout.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace engine::recommend
{

HoldoutSplit holdoutSplit(const Interactions &counts, double fraction, std::uint64_t seed)
{
    HoldoutSplit split;
    split.test.resize(std::size_t(counts.rows()));
    std::vector<Eigen::Triplet<float, int>> kept;
    kept.reserve(std::size_t(counts.nonZeros()));
    // mt19937_64's output is fixed by the standard; the distributions are not, so the shuffle draws its own
    // indices and the split is the same with any standard library.
    std::mt19937_64 generator(seed);
    std::vector<std::pair<int, float>> row;
    for (int user = 0; user < counts.rows(); ++user) {
        row.clear();
        for (Interactions::InnerIterator it(counts, user); it; ++it) {
            row.emplace_back(it.col(), it.value());
        }
        const int n = int(row.size());
        int held = 0;
        if (n >= 2) {
            held = std::clamp(int(std::lround(fraction * n)), 1, n - 1);
            for (int i = n - 1; i > 0; --i) {
                const auto j = std::size_t(generator() % std::uint64_t(i + 1));
                std::swap(row[std::size_t(i)], row[j]);
            }
        }
        auto &test = split.test[std::size_t(user)];
        for (int i = 0; i < n; ++i) {
            if (i < held) {
                test.push_back(row[std::size_t(i)].first);
            } else {
                kept.emplace_back(user, row[std::size_t(i)].first, row[std::size_t(i)].second);
            }
        }
        std::sort(test.begin(), test.end());
    }
    split.train.resize(counts.rows(), counts.cols());
    split.train.setFromTriplets(kept.begin(), kept.end());
    return split;
}

std::vector<int> rowItems(const Interactions &matrix, int row)
{
    std::vector<int> items;
    for (Interactions::InnerIterator it(matrix, row); it; ++it) {
        items.push_back(it.col());
    }
    return items;
}

} // namespace engine::recommend
