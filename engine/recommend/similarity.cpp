#include "engine/recommend/similarity.h"

#include "engine/recommend/parallel.h"

#include <algorithm>
#include <cmath>

namespace engine::recommend
{

namespace
{

struct Neighbour {
    int item;
    float similarity;
};

// The neighbours of items [begin, end): accumulate the dot products of item i with every item sharing a row,
// through the rows i appears in; then divide by the norms and keep the best.
void neighboursOf(const Interactions &rows,
                  const Interactions &columns,
                  const std::vector<float> &norms,
                  int neighbours,
                  bool binary,
                  int begin,
                  int end,
                  std::vector<std::vector<Neighbour>> &out)
{
    std::vector<float> dot(std::size_t(rows.cols()), 0.0f);
    std::vector<int> touched;
    for (int item = begin; item < end; ++item) {
        touched.clear();
        for (Interactions::InnerIterator user(columns, item); user; ++user) {
            const float a = binary ? 1.0f : user.value();
            for (Interactions::InnerIterator other(rows, user.col()); other; ++other) {
                if (other.col() == item) {
                    continue;
                }
                float &sum = dot[std::size_t(other.col())];
                if (sum == 0.0f) {
                    touched.push_back(other.col());
                }
                sum += a * (binary ? 1.0f : other.value());
            }
        }
        std::vector<Neighbour> found;
        found.reserve(touched.size());
        for (int other : touched) {
            const float denominator = norms[std::size_t(item)] * norms[std::size_t(other)];
            if (denominator > 0.0f) {
                found.push_back({other, dot[std::size_t(other)] / denominator});
            }
            dot[std::size_t(other)] = 0.0f;
        }
        const auto order = [](const Neighbour &x, const Neighbour &y) {
            return x.similarity > y.similarity || (x.similarity == y.similarity && x.item < y.item);
        };
        if (int(found.size()) > neighbours) {
            std::partial_sort(found.begin(), found.begin() + neighbours, found.end(), order);
            found.resize(std::size_t(neighbours));
        }
        std::sort(found.begin(), found.end(), [](const Neighbour &x, const Neighbour &y) {
            return x.item < y.item;
        });
        out[std::size_t(item)] = std::move(found);
    }
}

} // namespace

ItemSimilarity cosineNeighbours(const Interactions &rows, int neighbours, bool binary, int threads)
{
    const int items = int(rows.cols());
    const Interactions columns = Interactions(rows.transpose());
    std::vector<float> norms(std::size_t(items), 0.0f);
    for (int item = 0; item < items; ++item) {
        float sum = 0.0f;
        for (Interactions::InnerIterator it(columns, item); it; ++it) {
            sum += binary ? 1.0f : it.value() * it.value();
        }
        norms[std::size_t(item)] = std::sqrt(sum);
    }
    std::vector<std::vector<Neighbour>> lists(static_cast<std::size_t>(items));
    // Each chunk of items writes only its own lists: the result does not depend on the threads.
    constexpr int chunkItems = 512;
    detail::parallelChunks((items + chunkItems - 1) / chunkItems, std::max(threads, 1), [&](int chunk, int) {
        const int begin = chunk * chunkItems;
        neighboursOf(rows, columns, norms, neighbours, binary, begin, std::min(items, begin + chunkItems), lists);
    });
    ItemSimilarity similarity(items, items);
    std::vector<int> sizes(static_cast<std::size_t>(items));
    for (int item = 0; item < items; ++item) {
        sizes[std::size_t(item)] = int(lists[std::size_t(item)].size());
    }
    similarity.reserve(sizes);
    for (int item = 0; item < items; ++item) {
        for (const Neighbour &n : lists[std::size_t(item)]) {
            similarity.insert(item, n.item) = n.similarity;
        }
    }
    similarity.makeCompressed();
    return similarity;
}

float similarity(const ItemSimilarity &similarity, int a, int b)
{
    const int *begin = similarity.innerIndexPtr() + similarity.outerIndexPtr()[a];
    const int *end = similarity.innerIndexPtr() + similarity.outerIndexPtr()[a + 1];
    const int *found = std::lower_bound(begin, end, b);
    return found != end && *found == b ? similarity.valuePtr()[found - similarity.innerIndexPtr()] : 0.0f;
}

std::vector<float> neighbourScores(const ItemSimilarity &similarity, WeightedItems userItems)
{
    std::vector<float> scores(std::size_t(similarity.cols()), 0.0f);
    for (const auto &[item, weight] : userItems) {
        for (ItemSimilarity::InnerIterator it(similarity, item); it; ++it) {
            scores[std::size_t(it.col())] += weight * it.value();
        }
    }
    return scores;
}

} // namespace engine::recommend
