#include "engine/recommend/topitems.h"

#include "engine/recommend/parallel.h"

#include <algorithm>
#include <cmath>

namespace engine::recommend
{
namespace
{

// Higher score first, then lower item id: a total order, so the result does not depend on how the items were
// shared among threads.
bool better(const ScoredItem &a, const ScoredItem &b)
{
    return a.score > b.score || (a.score == b.score && a.item < b.item);
}

} // namespace

std::vector<ScoredItem> topItems(const Eigen::Ref<const Eigen::VectorXf> &user,
                                 const RowMatrix &items,
                                 int k,
                                 std::span<const int> excluded,
                                 int threads)
{
    const auto rows = static_cast<int>(items.rows());
    if (k <= 0 || rows == 0 || user.size() != items.cols()) {
        return {};
    }
    std::vector<int> sortedCopy;
    if (!std::is_sorted(excluded.begin(), excluded.end())) {
        sortedCopy.assign(excluded.begin(), excluded.end());
        std::sort(sortedCopy.begin(), sortedCopy.end());
        excluded = sortedCopy;
    }

    // Blocks small enough that their scores stay in cache between the product and the selection.
    constexpr int BlockRows = 8192;
    const int blocks = (rows + BlockRows - 1) / BlockRows;
    const int used = std::clamp(threads, 1, blocks);
    // Per thread: a heap whose front is the worst of its best k.
    std::vector<std::vector<ScoredItem>> heaps(static_cast<std::size_t>(used));
    std::vector<Eigen::VectorXf> scores(static_cast<std::size_t>(used), Eigen::VectorXf(BlockRows));
    for (auto &heap : heaps) {
        heap.reserve(static_cast<std::size_t>(k));
    }

    detail::parallelChunks(blocks, used, [&](int block, int thread) {
        const int first = block * BlockRows;
        const int count = std::min(BlockRows, rows - first);
        auto blockScores = scores[static_cast<std::size_t>(thread)].head(count);
        blockScores.noalias() = items.middleRows(first, count) * user;
        std::vector<ScoredItem> &heap = heaps[static_cast<std::size_t>(thread)];
        auto skip = std::lower_bound(excluded.begin(), excluded.end(), first);
        for (int r = 0; r < count; ++r) {
            const ScoredItem candidate{first + r, blockScores[r]};
            while (skip != excluded.end() && *skip < candidate.item) {
                ++skip;
            }
            if ((skip != excluded.end() && *skip == candidate.item) || std::isnan(candidate.score)) {
                continue;
            }
            if (heap.size() < static_cast<std::size_t>(k)) {
                heap.push_back(candidate);
                std::push_heap(heap.begin(), heap.end(), better);
            } else if (better(candidate, heap.front())) {
                std::pop_heap(heap.begin(), heap.end(), better);
                heap.back() = candidate;
                std::push_heap(heap.begin(), heap.end(), better);
            }
        }
    });

    std::vector<ScoredItem> result;
    for (const auto &heap : heaps) {
        result.insert(result.end(), heap.begin(), heap.end());
    }
    const auto keep = std::min(result.size(), static_cast<std::size_t>(k));
    std::partial_sort(result.begin(), result.begin() + static_cast<std::ptrdiff_t>(keep), result.end(), better);
    result.resize(keep);
    return result;
}

} // namespace engine::recommend
