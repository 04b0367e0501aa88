#include "engine/recommend/baselines.h"

namespace engine::recommend
{

std::vector<float> itemPopularity(const Interactions &counts)
{
    std::vector<float> popularity(std::size_t(counts.cols()), 0.0f);
    for (int row = 0; row < counts.outerSize(); ++row) {
        for (Interactions::InnerIterator it(counts, row); it; ++it) {
            popularity[std::size_t(it.col())] += 1.0f;
        }
    }
    return popularity;
}

} // namespace engine::recommend
