#include "engine/spotify/spotifypolicy.h"

#include <QRegularExpression>

#include <algorithm>
#include <iterator>
#include <vector>

namespace engine
{

std::chrono::milliseconds quotaPause(const QDateTime &now, std::optional<std::chrono::milliseconds> retryAfter)
{
    const QDateTime utc = now.toUTC();
    const QDateTime hourStart(utc.date(), QTime(utc.time().hour(), 0), Qt::UTC);
    const std::chrono::milliseconds toBoundary(utc.msecsTo(hourStart.addSecs(3600)));
    return std::max(toBoundary, retryAfter.value_or(std::chrono::milliseconds(0)));
}

bool isRemovedInDevelopmentMode(const QByteArray &method, const QString &path)
{
    struct Removed {
        const char *methods; // space-separated; empty: every method
        const char *pattern;
    };
    // SPOTIFY.md §1.3, as Spotify's own OpenAPI marks it deprecated since 2026-02-08.
    static const Removed removed[] = {
        {"GET", "^/(tracks|artists|albums|shows|episodes|audiobooks|chapters)$"},
        {"GET", "^/artists/[^/]+/(top-tracks|related-artists)$"},
        {"", "^/recommendations(/.*)?$"},
        {"", "^/audio-features(/.*)?$"},
        {"", "^/audio-analysis(/.*)?$"},
        {"", "^/browse(/.*)?$"},
        {"", "^/markets$"},
        {"", "^/users/[^/]+(/playlists)?$"},
        {"PUT DELETE", "^/me/(tracks|albums|episodes|shows|audiobooks|following)$"},
        {"GET", "^/me/(tracks|albums|episodes|shows|audiobooks|following)/contains$"},
        {"", "^/playlists/[^/]+/followers(/contains)?$"},
        {"", "^/playlists/[^/]+/tracks$"},
    };
    static const auto patterns = [] {
        std::vector<QRegularExpression> compiled;
        for (const Removed &entry : removed) {
            compiled.emplace_back(QString::fromLatin1(entry.pattern));
        }
        return compiled;
    }();
    for (size_t i = 0; i < std::size(removed); ++i) {
        const QByteArray methods(removed[i].methods);
        if (!methods.isEmpty() && !methods.split(' ').contains(method)) {
            continue;
        }
        if (patterns[i].match(path).hasMatch()) {
            return true;
        }
    }
    return false;
}

} // namespace engine
