#include "engine/recommend/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace engine::recommend::detail
{

void parallelChunks(int chunks, int threads, const std::function<void(int chunk, int thread)> &work)
{
    const int used = std::clamp(threads, 1, std::max(chunks, 1));
    if (used == 1) {
        for (int chunk = 0; chunk < chunks; ++chunk) {
            work(chunk, 0);
        }
        return;
    }
    std::atomic<int> next{0};
    const auto run = [&](int thread) {
        for (int chunk = next.fetch_add(1, std::memory_order_relaxed); chunk < chunks;
             chunk = next.fetch_add(1, std::memory_order_relaxed)) {
            work(chunk, thread);
        }
    };
    std::vector<std::jthread> helpers;
    helpers.reserve(static_cast<std::size_t>(used - 1));
    for (int thread = 1; thread < used; ++thread) {
        helpers.emplace_back(run, thread);
    }
    run(0);
}

} // namespace engine::recommend::detail
