#pragma once

// Recommendations from the local cache: the model is trained on this computer from what the cache holds
// (plays, playlists, saved tracks, open tags) and nothing else — Development Mode leaves Spotify's own
// recommendations, related artists and audio features out of reach.

#include "engine/discover/feedbackrepository.h"
#include "engine/model/result.h"
#include "engine/recommend/als.h"
#include "engine/recommend/hybrid.h"
#include "engine/store/sqlitedatabase.h"

#include <QList>
#include <QString>

#include <memory>

namespace engine
{

enum class DiscoverList {
    ForYouNow, // fold-in of the recent plays: what fits the listening of the last days
    Rediscover, // forgotten favourites: often played long ago, not lately
    DeeperCuts, // tracks of the top and followed artists the user has hardly played
};
inline constexpr int kDiscoverListCount = 3;

QString discoverListName(DiscoverList list); // "for_you_now", "rediscover", "deeper_cuts"

struct DiscoverOptions {
    qint64 nowMs = 0;
    int limit = 20; // items per list
    recommend::AlsOptions als; // the product defaults of engine/recommend
    // Plays in this window before now make up "for you now", each weighted by 2^(−age ÷ half-life).
    qint64 recentWindowMs = 30LL * 24 * 60 * 60 * 1000;
    qint64 recencyHalfLifeMs = 3LL * 24 * 60 * 60 * 1000;
    // Tracks played this recently are never recommended.
    qint64 justPlayedMs = 2LL * 24 * 60 * 60 * 1000;
    // A forgotten favourite: at least this many plays, none in the last `forgottenAfterMs`.
    int forgottenMinPlays = 5;
    qint64 forgottenAfterMs = 180LL * 24 * 60 * 60 * 1000;
    // A deeper cut: a track of a top or followed artist played at most this often.
    int deeperCutMaxPlays = 1;
    int topArtistsByPlays = 20; // besides Spotify's top lists and the followed artists
    // A like counts as this many plays of the track in the fold-in.
    float likeWeight = 3.0f;
    int perArtistCap = 2;
    float mmrLambda = 0.8f;
};

// Why an item is in its list: the hybrid ranker's strongest signal and the user's track behind it, plus what the
// list itself knows. The CLI prints `explanation`; the app phrases its own from the fields, to translate them.
struct DiscoverReason {
    recommend::Signal signal = recommend::Signal::Als;
    QString seedName; // the supporting track ("Song — Artist"), empty when none
    int playCount = 0; // Rediscover: the track's plays; DeeperCuts: the artist's plays
    qint64 lastPlayedMs = 0; // Rediscover: the last play
    // For you now: the recent full plays (decayed, rounded) when they, not a signal, put the track here; else 0.
    int fullPlays = 0;
    QString explanation; // in English
};

struct DiscoverItem {
    QString trackUri;
    QString trackName;
    QString artistUri; // empty for a name-only artist
    QString artistName;
    QString albumName;
    float score = 0;
    DiscoverReason reason;
};

struct DiscoverResult {
    QList<DiscoverItem> lists[kDiscoverListCount];
    int trainedTracks = 0; // the catalogue the model knows; 0 when the cache has nothing to learn from
    int trainedRows = 0; // sessions, playlists and the saved tracks
    bool fromCache = false; // true when nothing changed since the previous ranking
    const QList<DiscoverItem> &list(DiscoverList which) const
    {
        return lists[int(which)];
    }
};

struct SimilarResult {
    DiscoverItem seed;
    QList<DiscoverItem> items;
};

// Trains and ranks on the store's thread. Keeps the trained model until the plays, playlists, saved tracks or
// tags change, and the last ranking until the feedback changes too, so asking again costs nothing.
class Discovery
{
public:
    Discovery();
    ~Discovery();
    Discovery(const Discovery &) = delete;
    Discovery &operator=(const Discovery &) = delete;

    Result<DiscoverResult> recommend(SqliteDatabase &database, const DiscoverOptions &options);
    // Tracks like the track `uri` (co-listening, item factors, tags). NotFound for a URI the cache does not know,
    // InvalidInput for one that is not a track URI.
    Result<SimilarResult>
    similar(SqliteDatabase &database, const QString &uri, int limit, const DiscoverOptions &options);

private:
    struct Model;
    Result<void> ensureModel(SqliteDatabase &database, const DiscoverOptions &options);

    std::unique_ptr<Model> m_model;
    QString m_rankingKey;
    DiscoverResult m_ranking;
};

} // namespace engine
