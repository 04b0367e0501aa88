#pragma once

// Work sharing across a few threads for the recommender: no pool outlives a call, no OpenMP.

#include <functional>

namespace engine::recommend::detail
{

// Runs work(chunk, thread) for chunk = 0 … chunks − 1 on `threads` threads (the caller's included), each thread
// taking the next chunk when it is done with one, so a slow core or a heavy chunk does not hold up the others.
// `thread` (0 … threads − 1) lets the work use per-thread scratch space. Callers make each chunk's result
// independent of which thread ran it, so results do not depend on the thread count or the timing.
void parallelChunks(int chunks, int threads, const std::function<void(int chunk, int thread)> &work);

} // namespace engine::recommend::detail
