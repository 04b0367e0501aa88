#pragma once

#include "engine/recommend/similarity.h"
#include "engine/recommend/types.h"

#include <cstdint>
#include <span>
#include <vector>

namespace engine::recommend
{

// A play of one item at a moment (any clock in milliseconds; only differences matter).
struct TimedPlay {
    int item;
    std::int64_t playedAtMs;
};

// Two plays this far apart or more belong to different listening sessions.
inline constexpr std::int64_t kSessionGapMs = 30 * 60 * 1000;

// The plays in time order, cut where consecutive plays are `gapMs` or more apart; each session lists its items in
// play order, repeats included.
std::vector<std::vector<int>> splitSessions(std::span<const TimedPlay> plays, std::int64_t gapMs = kSessionGapMs);

// One row per sequence (a session or a playlist), the value of an item being how often it occurs in it: the
// extra rows that let a single listener's history train ALS item factors.
Interactions sequenceRows(std::span<const std::vector<int>> sequences, int itemCount);

// `top` with `bottom`'s rows appended below (same number of columns): users, then sessions and playlists.
Interactions appendRows(const Interactions &top, const Interactions &bottom);

// Items played in the same sessions (or listed in the same playlists): cosine over sequence membership, each
// item keeping its `neighbours` most co-listened items.
ItemSimilarity coListeningSimilarity(std::span<const std::vector<int>> sequences, int itemCount, int neighbours);

} // namespace engine::recommend
