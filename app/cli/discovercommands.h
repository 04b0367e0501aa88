#pragma once

#include <QString>

// `tunescout-cli recommend [--limit N] [--json]`: the Discover lists (for you now, rediscover, deeper cuts of
// your top artists), each item with its explanation, computed from the cache alone.
// household: only the household picks, after asking the paired hub for a newer model (exit 3 when not paired).
int runRecommend(const QString &dataDir, int limit, bool json, bool household);
// `tunescout-cli similar SPOTIFY_URI [--limit N] [--json]`: the tracks most like a cached track.
int runSimilar(const QString &dataDir, const QString &uri, int limit, bool json);
