#include "engine/hubclient/householdpicks.h"

#include "engine/discover/feedbackrepository.h"
#include "engine/recommend/foldin.h"

#include <QHash>

#include <algorithm>
#include <limits>
#include <numeric>
#include <vector>

namespace engine
{

namespace
{

struct LocalTrack {
    QString name;
    QString artistUri;
    QString artistName;
    QString albumName;
};

QString uriOf(const char *type, const QString &id)
{
    return id.isEmpty() ? QString() : QStringLiteral("spotify:%1:%2").arg(QLatin1String(type), id);
}

// Whether any artist of the pick is one the user hid: the cache's first artist, or any the hub named.
bool byHiddenArtist(const HouseholdPick &pick, const HubModelTrack *track, const FeedbackState &state)
{
    if (state.hiddenArtists.contains(pick.artistUri)) {
        return true;
    }
    return track && std::any_of(track->artists.cbegin(), track->artists.cend(), [&state](const HubModelArtist &a) {
               return state.hiddenArtists.contains(a.uri);
           });
}

// Who the per-artist cap counts a pick for: the artist's URI, or its name when it came without one (an artist a
// member's player synced without a URI); empty when no artist is known.
QString capKeyOf(const HouseholdPick &pick)
{
    if (!pick.artistUri.isEmpty()) {
        return pick.artistUri;
    }
    return pick.artistName.isEmpty() ? QString() : QStringLiteral("name:") + pick.artistName.toCaseFolded();
}

// Decayed skips per artist URI, by the cache's first artist of each skipped track (the user played it, so the
// cache knows it).
Result<QHash<QString, double>> skipsByArtist(SqliteDatabase &database, const FeedbackState &state)
{
    QHash<QString, double> skips;
    if (state.skips.isEmpty()) {
        return skips;
    }
    auto artist = database.prepare("SELECT a.spotify_id FROM tracks t JOIN track_artists ta ON ta.track_id = t.id AND "
                                   "ta.position = 0 JOIN artists a ON a.id = ta.artist_id WHERE t.spotify_id = ?1 "
                                   "AND a.spotify_id IS NOT NULL");
    if (!artist) {
        return artist.error();
    }
    for (auto it = state.skips.cbegin(); it != state.skips.cend(); ++it) {
        if (auto bound = artist.value().rebind({it.key().mid(int(qstrlen("spotify:track:")))}); !bound) {
            return bound.error();
        }
        const auto row = artist.value().step();
        if (!row) {
            return row.error();
        }
        if (row.value()) {
            skips[uriOf("artist", artist.value().columnText(0))] += it.value();
        }
        artist.value().reset();
    }
    return skips;
}

// Skips of an artist's tracks lower the artist's other tracks, as on the rest of the Discover page: by
// kArtistSkipPenalty a skip (at most kMaxBehaviourBias) of the best score, so that the same share of the ranking
// moves whatever the scale of the model's scores. A track is the artist's when the cache's first artist or any
// artist the hub named is.
Result<void> lowerSkippedArtists(SqliteDatabase &database,
                                 const HubModel &model,
                                 const FeedbackState &state,
                                 Eigen::VectorXf &scores)
{
    const auto skips = skipsByArtist(database, state);
    if (!skips) {
        return skips.error();
    }
    if (skips.value().isEmpty() || scores.size() == 0) {
        return {};
    }
    // The cache's tracks by the skipped artists.
    QHash<QString, double> trackSkips;
    auto tracks = database.prepare("SELECT t.spotify_id FROM tracks t JOIN track_artists ta ON ta.track_id = t.id AND "
                                   "ta.position = 0 JOIN artists a ON a.id = ta.artist_id WHERE a.spotify_id = ?1 AND "
                                   "t.spotify_id IS NOT NULL");
    if (!tracks) {
        return tracks.error();
    }
    for (auto it = skips.value().cbegin(); it != skips.value().cend(); ++it) {
        if (auto bound = tracks.value().rebind({it.key().mid(int(qstrlen("spotify:artist:")))}); !bound) {
            return bound.error();
        }
        while (true) {
            const auto row = tracks.value().step();
            if (!row) {
                return row.error();
            }
            if (!row.value()) {
                break;
            }
            trackSkips.insert(uriOf("track", tracks.value().columnText(0)), it.value());
        }
        tracks.value().reset();
    }
    for (const HubModelTrack &track : model.householdTracks) {
        for (const HubModelArtist &artist : track.artists) {
            if (const double skipped = skips.value().value(artist.uri); skipped > trackSkips.value(track.uri)) {
                trackSkips.insert(track.uri, skipped);
            }
        }
    }
    const float unit = std::max(scores.cwiseAbs().maxCoeff(), std::numeric_limits<float>::min());
    for (qsizetype i = 0; i < model.itemIds.size(); ++i) {
        if (const double skipped = trackSkips.value(model.itemIds.at(i)); skipped > 0) {
            scores[i] -= unit * std::min(kArtistSkipPenalty * float(skipped), kMaxBehaviourBias);
        }
    }
    return {};
}

} // namespace

Result<HouseholdPicks>
householdPicks(SqliteDatabase &database, const HubModel &model, const HouseholdPicksOptions &options)
{
    HouseholdPicks picks;
    picks.modelVersion = model.version;
    const auto als = model.foldInOptions();
    if (!als) {
        return als.error();
    }
    QHash<QString, int> itemOf;
    for (qsizetype i = 0; i < model.itemIds.size(); ++i) {
        itemOf.insert(model.itemIds.at(i), int(i));
    }

    // Every play counts, as every play counted in the hub's training.
    auto plays = database.prepare("SELECT t.spotify_id, count(*) FROM plays p JOIN tracks t ON t.id = p.track_id "
                                  "WHERE t.spotify_id IS NOT NULL GROUP BY t.spotify_id");
    if (!plays) {
        return plays.error();
    }
    std::vector<std::pair<int, float>> counts;
    std::vector<bool> played(std::size_t(model.itemIds.size()), false);
    while (true) {
        const auto row = plays.value().step();
        if (!row) {
            return row.error();
        }
        if (!row.value()) {
            break;
        }
        if (const auto found = itemOf.constFind(uriOf("track", plays.value().columnText(0))); found != itemOf.cend()) {
            counts.emplace_back(*found, float(plays.value().columnInt64(1)));
            played[std::size_t(*found)] = true;
        }
    }
    plays.value().reset();
    picks.playedInModel = int(counts.size());
    if (counts.empty()) {
        return picks;
    }

    auto feedback = FeedbackRepository::create(database);
    if (!feedback) {
        return feedback.error();
    }
    const auto state = feedback.value().state(options.nowMs);
    if (!state) {
        return state.error();
    }
    auto local = database.prepare(
        "SELECT t.name, a.spotify_id, a.name, al.name FROM tracks t LEFT JOIN albums al ON al.id = t.album_id "
        "LEFT JOIN track_artists ta ON ta.track_id = t.id AND ta.position = 0 LEFT JOIN artists a ON a.id = "
        "ta.artist_id WHERE t.spotify_id = ?1");
    if (!local) {
        return local.error();
    }
    const auto localTrack = [&local](const QString &uri) -> Result<std::optional<LocalTrack>> {
        if (auto bound = local.value().rebind({uri.mid(int(qstrlen("spotify:track:")))}); !bound) {
            return bound.error();
        }
        const auto row = local.value().step();
        if (!row) {
            return row.error();
        }
        std::optional<LocalTrack> track;
        if (row.value()) {
            SqliteStatement &s = local.value();
            track = LocalTrack{s.columnText(0), uriOf("artist", s.columnText(1)), s.columnText(2), s.columnText(3)};
        }
        local.value().reset();
        return track;
    };
    QHash<QString, const HubModelTrack *> household;
    for (const HubModelTrack &track : model.householdTracks) {
        household.insert(track.uri, &track);
    }

    const recommend::RowMatrix factors = model.itemFactors();
    const recommend::FoldIn foldIn(factors, als.value());
    Eigen::VectorXf scores = factors * foldIn.userVector(counts);
    if (auto lowered = lowerSkippedArtists(database, model, state.value(), scores); !lowered) {
        return lowered.error();
    }
    std::vector<int> order(std::size_t(scores.size()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&scores](int a, int b) {
        return scores[a] > scores[b];
    });
    QHash<QString, int> perArtist;
    for (const int item : order) {
        if (picks.items.size() >= options.limit) {
            break;
        }
        const QString &uri = model.itemIds.at(item);
        if (played[std::size_t(item)] || state.value().excludesTrack(uri)) {
            continue;
        }
        HouseholdPick pick;
        pick.trackUri = uri;
        pick.score = scores[item];
        const HubModelTrack *track = household.value(uri);
        if (track) {
            pick.trackName = track->name;
            for (const QString &member : track->members) {
                if (member != options.memberName) {
                    pick.playedBy.append(member);
                }
            }
            // Played in the household by this member alone (on another of their devices): theirs already.
            if (pick.playedBy.isEmpty()) {
                continue;
            }
        }
        const auto known = localTrack(uri);
        if (!known) {
            return known.error();
        }
        if (known.value()) {
            pick.trackName = known.value()->name;
            pick.artistUri = known.value()->artistUri;
            pick.artistName = known.value()->artistName;
            pick.albumName = known.value()->albumName;
        }
        if (pick.trackName.isEmpty()) {
            continue;
        }
        if (pick.artistName.isEmpty() && track && !track->artists.isEmpty()) {
            pick.artistUri = track->artists.first().uri;
            pick.artistName = track->artists.first().name;
        }
        if (byHiddenArtist(pick, track, state.value())) {
            continue;
        }
        if (const QString artist = capKeyOf(pick); !artist.isEmpty()) {
            int &listed = perArtist[artist];
            if (options.perArtistCap > 0 && listed >= options.perArtistCap) {
                continue;
            }
            ++listed;
        }
        picks.items.append(pick);
    }
    return picks;
}

} // namespace engine
