#include "engine/discover/discovery.h"

#include "engine/recommend/colistening.h"
#include "engine/recommend/content.h"
#include "engine/recommend/foldin.h"
#include "engine/recommend/similarity.h"

#include <QDateTime>
#include <QHash>
#include <QLoggingCategory>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcDiscover, "tunescout.discover")

namespace engine
{

using recommend::Recommendation;
using recommend::Signal;

namespace
{

// Each track keeps this many co-listened neighbours: plenty for one listener's sessions.
constexpr int kCoListeningNeighbours = 50;
// A play counts from 30 s on, as in the statistics (a polled play, whose length is unknown, counts).
constexpr qint64 kCountedPlayMs = 30000;

struct TrackInfo {
    QString uri;
    QString name;
    QString album;
    QString artistUri;
    QString artistName;
};

QString spotifyUri(const char *type, const QString &id)
{
    return id.isEmpty() ? QString() : QStringLiteral("spotify:%1:%2").arg(QLatin1String(type), id);
}

std::vector<int> sortedUnique(std::vector<int> ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

} // namespace

QString discoverListName(DiscoverList list)
{
    switch (list) {
    case DiscoverList::ForYouNow:
        return QStringLiteral("for_you_now");
    case DiscoverList::Rediscover:
        return QStringLiteral("rediscover");
    case DiscoverList::DeeperCuts:
        return QStringLiteral("deeper_cuts");
    }
    return {};
}

struct Discovery::Model {
    QString fingerprint;
    std::vector<TrackInfo> tracks;
    QHash<QString, int> itemOfUri;
    std::vector<int> artistOf; // compact artist per item, -1 when none
    QHash<QString, int> artistOfUri;
    std::vector<int> artistPlays; // per compact artist
    std::vector<int> playCount; // per item
    std::vector<qint64> lastPlayedMs; // per item, 0 when never
    std::vector<recommend::TimedPlay> plays; // counted plays in time order
    std::vector<int> topArtists; // compact ids: Spotify's top lists, followed, most played
    int rows = 0;
    std::optional<recommend::AlsModel> als;
    std::vector<float> itemNorms;
    std::unique_ptr<recommend::FoldIn> foldIn;
    recommend::ItemSimilarity coListening;
    recommend::TagVectors tags;
    bool hasTags = false;

    int itemCount() const
    {
        return int(tracks.size());
    }

    float factorCosine(int a, int b) const
    {
        if (!als || itemNorms[std::size_t(a)] == 0.0f || itemNorms[std::size_t(b)] == 0.0f) {
            return 0.0f;
        }
        return als->items.row(a).dot(als->items.row(b)) / (itemNorms[std::size_t(a)] * itemNorms[std::size_t(b)]);
    }

    QString seedName(int item) const
    {
        if (item < 0) {
            return {};
        }
        const TrackInfo &track = tracks[std::size_t(item)];
        return track.artistName.isEmpty() ? track.name : track.name + QStringLiteral(" — ") + track.artistName;
    }

    DiscoverItem item(int index, float score) const
    {
        const TrackInfo &track = tracks[std::size_t(index)];
        DiscoverItem out;
        out.trackUri = track.uri;
        out.trackName = track.name;
        out.artistUri = track.artistUri;
        out.artistName = track.artistName;
        out.albumName = track.album;
        out.score = score;
        return out;
    }
};

Discovery::Discovery() = default;
Discovery::~Discovery() = default;

namespace
{

Result<QString> dataFingerprint(SqliteDatabase &database)
{
    const auto value = database.scalar(
        "SELECT (SELECT count(*) FROM plays) || ':' || (SELECT coalesce(max(id), 0) FROM plays) || ':' || "
        "(SELECT count(*) FROM playlist_items) || ':' || (SELECT count(*) FROM saved_tracks) || ':' || "
        "(SELECT count(*) FROM track_tags) || ':' || (SELECT count(*) FROM artist_tags) || ':' || "
        "(SELECT count(*) FROM followed_artists) || ':' || (SELECT count(*) FROM top_snapshots) || ':' || "
        "(SELECT count(*) FROM tracks)");
    if (!value) {
        return value.error();
    }
    return value.value().toString();
}

// Runs `sql` and calls `row(statement)` for each row, with the typed reads.
template<typename Row>
Result<void> forEachRow(SqliteDatabase &database, const QByteArray &sql, Row row)
{
    auto statement = database.prepare(sql);
    if (!statement) {
        return statement.error();
    }
    SqliteStatement &s = statement.value();
    for (;;) {
        const auto stepped = s.step();
        if (!stepped) {
            return stepped.error();
        }
        if (!stepped.value()) {
            break;
        }
        row(s);
    }
    s.reset();
    return {};
}

} // namespace

Result<void> Discovery::ensureModel(SqliteDatabase &database, const DiscoverOptions &options)
{
    auto fingerprint = dataFingerprint(database);
    if (!fingerprint) {
        return fingerprint.error();
    }
    if (m_model && m_model->fingerprint == fingerprint.value()) {
        return {};
    }
    auto model = std::make_unique<Model>();
    model->fingerprint = fingerprint.value();
    QHash<qint64, int> itemOfTrack;
    QHash<qint64, int> artistOfId;
    std::vector<qint64> trackIds;
    auto loaded = forEachRow(database,
                             "SELECT t.id, t.spotify_id, t.name, al.name, a.id, a.spotify_id, a.name FROM tracks t "
                             "LEFT JOIN albums al ON al.id = t.album_id LEFT JOIN track_artists ta ON "
                             "ta.track_id = t.id AND ta.position = 0 LEFT JOIN artists a ON a.id = ta.artist_id "
                             "ORDER BY t.id",
                             [&](SqliteStatement &s) {
                                 const int item = int(model->tracks.size());
                                 itemOfTrack.insert(s.columnInt64(0), item);
                                 TrackInfo track{spotifyUri("track", s.columnText(1)),
                                                 s.columnText(2),
                                                 s.columnText(3),
                                                 spotifyUri("artist", s.columnText(5)),
                                                 s.columnText(6)};
                                 int artist = -1;
                                 if (!s.isNull(4)) {
                                     const qint64 artistId = s.columnInt64(4);
                                     artist = artistOfId.value(artistId, -1);
                                     if (artist < 0) {
                                         artist = int(artistOfId.size());
                                         artistOfId.insert(artistId, artist);
                                         if (!track.artistUri.isEmpty()) {
                                             model->artistOfUri.insert(track.artistUri, artist);
                                         }
                                     }
                                 }
                                 if (!track.uri.isEmpty()) {
                                     model->itemOfUri.insert(track.uri, item);
                                 }
                                 model->tracks.push_back(std::move(track));
                                 model->artistOf.push_back(artist);
                             });
    if (!loaded) {
        return loaded.error();
    }
    const int items = model->itemCount();
    model->playCount.assign(std::size_t(items), 0);
    model->lastPlayedMs.assign(std::size_t(items), 0);
    model->artistPlays.assign(std::size_t(artistOfId.size()), 0);
    loaded = forEachRow(database,
                        "SELECT track_id, played_at_ms FROM plays WHERE ms_played IS NULL OR ms_played >= "
                            + QByteArray::number(kCountedPlayMs) + " ORDER BY played_at_ms, id",
                        [&](SqliteStatement &s) {
                            const int item = itemOfTrack.value(s.columnInt64(0), -1);
                            if (item < 0) {
                                return;
                            }
                            const qint64 at = s.columnInt64(1);
                            model->plays.push_back({item, at});
                            ++model->playCount[std::size_t(item)];
                            model->lastPlayedMs[std::size_t(item)] = at;
                            if (model->artistOf[std::size_t(item)] >= 0) {
                                ++model->artistPlays[std::size_t(model->artistOf[std::size_t(item)])];
                            }
                        });
    if (!loaded) {
        return loaded.error();
    }

    // Rows: listening sessions, playlists, and the saved tracks as one more row.
    std::vector<std::vector<int>> sequences = recommend::splitSessions(model->plays);
    qint64 playlist = -1;
    loaded = forEachRow(database,
                        "SELECT playlist_id, track_id FROM playlist_items WHERE track_id IS NOT NULL "
                        "ORDER BY playlist_id, position",
                        [&](SqliteStatement &s) {
                            const int item = itemOfTrack.value(s.columnInt64(1), -1);
                            if (item < 0) {
                                return;
                            }
                            if (s.columnInt64(0) != playlist) {
                                playlist = s.columnInt64(0);
                                sequences.emplace_back();
                            }
                            sequences.back().push_back(item);
                        });
    if (!loaded) {
        return loaded.error();
    }
    std::vector<int> saved;
    loaded = forEachRow(database, "SELECT track_id FROM saved_tracks ORDER BY track_id", [&](SqliteStatement &s) {
        const int item = itemOfTrack.value(s.columnInt64(0), -1);
        if (item >= 0) {
            saved.push_back(item);
        }
    });
    if (!loaded) {
        return loaded.error();
    }
    if (!saved.empty()) {
        sequences.push_back(std::move(saved));
    }
    std::erase_if(sequences, [](const std::vector<int> &row) {
        return row.empty();
    });
    model->rows = int(sequences.size());

    // Top artists: Spotify's latest top lists, the followed artists, and the most played.
    std::vector<int> top;
    loaded = forEachRow(database,
                        "SELECT i.artist_id FROM top_snapshot_items i JOIN top_snapshots s ON s.id = i.snapshot_id "
                        "WHERE s.kind = 'artists' AND s.taken_on = (SELECT max(x.taken_on) FROM top_snapshots x "
                        "WHERE x.kind = 'artists' AND x.time_range = s.time_range) "
                        "UNION SELECT artist_id FROM followed_artists",
                        [&](SqliteStatement &s) {
                            const int artist = artistOfId.value(s.columnInt64(0), -1);
                            if (artist >= 0) {
                                top.push_back(artist);
                            }
                        });
    if (!loaded) {
        return loaded.error();
    }
    std::vector<int> byPlays(model->artistPlays.size());
    for (std::size_t a = 0; a < byPlays.size(); ++a) {
        byPlays[a] = int(a);
    }
    const auto most = std::min<std::size_t>(byPlays.size(), std::size_t(std::max(options.topArtistsByPlays, 0)));
    std::partial_sort(byPlays.begin(), byPlays.begin() + std::ptrdiff_t(most), byPlays.end(), [&](int a, int b) {
        const int pa = model->artistPlays[std::size_t(a)];
        const int pb = model->artistPlays[std::size_t(b)];
        return pa != pb ? pa > pb : a < b;
    });
    for (std::size_t i = 0; i < most && model->artistPlays[std::size_t(byPlays[i])] > 0; ++i) {
        top.push_back(byPlays[i]);
    }
    model->topArtists = sortedUnique(std::move(top));

    // Open tags: a track's own, else its first artist's.
    std::vector<recommend::TagAssignment> assignments;
    int tagCount = 0;
    loaded = forEachRow(database,
                        "SELECT track_id, tag_id, votes FROM track_tags UNION ALL "
                        "SELECT ta.track_id, at.tag_id, at.votes FROM track_artists ta JOIN artist_tags at ON "
                        "at.artist_id = ta.artist_id WHERE ta.position = 0 AND NOT EXISTS (SELECT 1 FROM track_tags "
                        "tt WHERE tt.track_id = ta.track_id)",
                        [&](SqliteStatement &s) {
                            const int item = itemOfTrack.value(s.columnInt64(0), -1);
                            const int tag = int(s.columnInt64(1));
                            if (item >= 0 && tag >= 0 && s.columnInt64(2) > 0) {
                                assignments.push_back({item, tag, float(s.columnInt64(2))});
                                tagCount = std::max(tagCount, tag + 1);
                            }
                        });
    if (!loaded) {
        return loaded.error();
    }
    model->hasTags = !assignments.empty();
    if (model->hasTags) {
        model->tags = recommend::tfidfVectors(assignments, items, tagCount);
    }

    if (!sequences.empty() && items > 0) {
        const recommend::Interactions counts = recommend::sequenceRows(sequences, items);
        model->als = recommend::trainAls(counts, options.als);
        if (!model->als) {
            qCWarning(lcDiscover) << "ALS could not be trained:"
                                  << QString::fromStdString(recommend::validateAls(counts, options.als));
        } else {
            model->itemNorms.resize(std::size_t(items));
            for (int i = 0; i < items; ++i) {
                model->itemNorms[std::size_t(i)] = model->als->items.row(i).norm();
            }
            model->foldIn = std::make_unique<recommend::FoldIn>(model->als->items, options.als, counts);
        }
        model->coListening = recommend::coListeningSimilarity(sequences, items, kCoListeningNeighbours);
    }
    qCInfo(lcDiscover) << "trained on" << model->rows << "rows of" << items << "tracks";
    m_model = std::move(model);
    m_rankingKey.clear();
    return {};
}

namespace
{

using UserItems = std::vector<std::pair<int, float>>;

// Adds up the weights of repeated items.
UserItems merged(UserItems items)
{
    std::sort(items.begin(), items.end());
    UserItems out;
    for (const auto &[item, weight] : items) {
        if (!out.empty() && out.back().first == item) {
            out.back().second += weight;
        } else {
            out.emplace_back(item, weight);
        }
    }
    return out;
}

// The feedback in force at nowMs.
Result<FeedbackState> feedbackAt(SqliteDatabase &database, qint64 nowMs)
{
    auto repository = FeedbackRepository::create(database);
    if (!repository) {
        return repository.error();
    }
    return repository.value().state(nowMs);
}

// Per item: what its skips, its artist's skips and its full plays add to its score (kSkipPenalty and the rest).
std::vector<float> behaviourBias(const QHash<QString, int> &itemOfUri,
                                 const std::vector<int> &artistOf,
                                 int artists,
                                 const FeedbackState &state)
{
    std::vector<float> bias(artistOf.size(), 0.0f);
    std::vector<float> artistSkips(std::size_t(artists), 0.0f);
    for (auto it = state.skips.cbegin(); it != state.skips.cend(); ++it) {
        if (const int item = itemOfUri.value(it.key(), -1); item >= 0) {
            bias[std::size_t(item)] -= kSkipPenalty * float(it.value());
            if (const int artist = artistOf[std::size_t(item)]; artist >= 0) {
                artistSkips[std::size_t(artist)] += float(it.value());
            }
        }
    }
    for (auto it = state.fullPlays.cbegin(); it != state.fullPlays.cend(); ++it) {
        if (const int item = itemOfUri.value(it.key(), -1); item >= 0) {
            bias[std::size_t(item)] += kFullPlayBoost * float(it.value());
        }
    }
    for (std::size_t item = 0; item < bias.size(); ++item) {
        const float artistPenalty =
            artistOf[item] >= 0 ? kArtistSkipPenalty * artistSkips[std::size_t(artistOf[item])] : 0.0f;
        bias[item] = std::clamp(bias[item] - artistPenalty, -kMaxBehaviourBias, kMaxBehaviourBias);
    }
    return bias;
}

// The model's ids of the hidden artists it knows, sorted.
std::vector<int> hiddenArtistIds(const QHash<QString, int> &artistOfUri, const FeedbackState &state)
{
    std::vector<int> ids;
    for (const QString &uri : state.hiddenArtists) {
        if (const int artist = artistOfUri.value(uri, -1); artist >= 0) {
            ids.push_back(artist);
        }
    }
    return sortedUnique(std::move(ids));
}

} // namespace

// One list: the hybrid ranker over the items `allowed` leaves in, for the user `userItems` describes. The ALS
// signal is the fold-in of `userItems` unless `als` brings its own scores.
static std::vector<Recommendation> rankList(const auto &model,
                                            const UserItems &userItems,
                                            const std::vector<char> &allowed,
                                            const std::vector<int> &excludedArtists,
                                            int k,
                                            const DiscoverOptions &options,
                                            std::span<const float> bias,
                                            std::vector<float> als = {})
{
    const int items = model.itemCount();
    if (als.empty() && model.als && model.foldIn) {
        const Eigen::VectorXf user = model.foldIn->userVector(userItems);
        const Eigen::VectorXf scores = model.als->items * user;
        als.assign(scores.data(), scores.data() + scores.size());
    }
    const std::vector<float> coListening = model.coListening.rows() == items
        ? recommend::neighbourScores(model.coListening, userItems)
        : std::vector<float>{};
    const std::vector<float> content =
        model.hasTags ? recommend::contentScores(model.tags, userItems) : std::vector<float>{};

    recommend::RankRequest request;
    request.signals[std::size_t(Signal::Als)] = {als, [&model](int seed, int item) {
                                                     return seed == item
                                                         ? 0.0f
                                                         : std::max(0.0f, model.factorCosine(seed, item));
                                                 }};
    request.signals[std::size_t(Signal::CoListening)] = {coListening, [&model](int seed, int item) {
                                                             return recommend::similarity(model.coListening,
                                                                                          seed,
                                                                                          item);
                                                         }};
    request.signals[std::size_t(Signal::Content)] = {content, [&model](int seed, int item) {
                                                         return seed == item
                                                             ? 0.0f
                                                             : recommend::contentSimilarity(model.tags, seed, item);
                                                     }};
    request.k = k;
    std::vector<int> excluded;
    for (int i = 0; i < items; ++i) {
        if (!allowed[std::size_t(i)]) {
            excluded.push_back(i);
        }
    }
    request.excludedItems = excluded;
    request.artistOf = model.artistOf;
    request.excludedArtists = excludedArtists;
    request.perArtistCap = options.perArtistCap;
    request.mmrLambda = model.als ? options.mmrLambda : 1.0f;
    request.diversitySimilarity = [&model](int a, int b) {
        return model.factorCosine(a, b);
    };
    request.bias = bias;
    request.userItems = userItems;
    // Every signal is empty for a cache with nothing to learn from: nothing to rank.
    if (als.empty() && coListening.empty() && content.empty()) {
        return {};
    }
    auto ranked = recommend::rankHybrid(request);
    // Nothing supports an item that every signal scores at the bottom: not a recommendation.
    std::erase_if(ranked, [](const Recommendation &r) {
        return !(r.score > 0.0f);
    });
    return ranked;
}

Result<DiscoverResult> Discovery::recommend(SqliteDatabase &database, const DiscoverOptions &options)
{
    if (const auto built = ensureModel(database, options); !built) {
        return built.error();
    }
    const auto feedback = feedbackAt(database, options.nowMs);
    if (!feedback) {
        return feedback.error();
    }
    const FeedbackState &state = feedback.value();
    // Just-played windows move by the hour; "not now" expiring changes the set's size.
    const QString key = QStringLiteral("%1/%2/%3/%4/%5")
                            .arg(m_model->fingerprint)
                            .arg(state.revision)
                            .arg(state.notNow.size())
                            .arg(options.limit)
                            .arg(options.nowMs / (60 * 60 * 1000));
    if (key == m_rankingKey) {
        DiscoverResult cached = m_ranking;
        cached.fromCache = true;
        return cached;
    }

    const Model &model = *m_model;
    const int items = model.itemCount();
    DiscoverResult result;
    result.trainedTracks = model.als ? items : 0;
    result.trainedRows = model.rows;

    const std::vector<int> excludedArtists = hiddenArtistIds(model.artistOfUri, state);
    const std::vector<float> bias =
        behaviourBias(model.itemOfUri, model.artistOf, int(model.artistPlays.size()), state);

    // What may be recommended at all: tracks with a URI, not hidden, not "not now", not just played.
    std::vector<char> base(std::size_t(items), 0);
    for (int i = 0; i < items; ++i) {
        const TrackInfo &track = model.tracks[std::size_t(i)];
        base[std::size_t(i)] = !track.uri.isEmpty() && !state.excludesTrack(track.uri)
            && model.lastPlayedMs[std::size_t(i)] < options.nowMs - options.justPlayedMs;
    }

    // The user now: recent plays weighted by recency, anchored at the last play (a history that ended months
    // ago still has a "now"), and the liked tracks.
    UserItems recent;
    if (!model.plays.empty()) {
        const qint64 latest = std::min<qint64>(options.nowMs, model.plays.back().playedAtMs);
        for (auto it = model.plays.rbegin(); it != model.plays.rend(); ++it) {
            const qint64 age = latest - it->playedAtMs;
            if (age > options.recentWindowMs) {
                break;
            }
            recent.emplace_back(
                it->item,
                float(std::exp2(-double(std::max<qint64>(age, 0)) / double(options.recencyHalfLifeMs))));
        }
    }
    for (const QString &uri : state.liked) {
        if (const int item = model.itemOfUri.value(uri, -1); item >= 0) {
            recent.emplace_back(item, options.likeWeight);
        }
    }
    recent = merged(std::move(recent));

    std::vector<char> taken(std::size_t(items), 0);
    const auto explain = [&](const Recommendation &r) {
        DiscoverItem item = model.item(r.item, r.score);
        item.reason.signal = r.signal;
        item.reason.seedName = model.seedName(r.seed);
        item.reason.explanation =
            QString::fromStdString(recommend::explanationText(r, item.reason.seedName.toStdString()));
        // Played to the end lately more than any signal vouches for it: say that, it is what the user knows.
        const double fullPlays = state.fullPlays.value(item.trackUri);
        if (r.bias > r.contribution && fullPlays >= 0.5) {
            item.reason.fullPlays = int(std::lround(fullPlays));
            item.reason.explanation =
                QStringLiteral("You played it to the end %1 times lately").arg(item.reason.fullPlays);
        }
        taken[std::size_t(r.item)] = 1;
        return item;
    };

    // Rediscover first: a forgotten favourite belongs there rather than in "for you now". Ranked by the whole
    // history's taste.
    {
        UserItems history;
        for (int i = 0; i < items; ++i) {
            if (model.playCount[std::size_t(i)] > 0) {
                history.emplace_back(i, float(model.playCount[std::size_t(i)]));
            }
        }
        std::vector<char> allowed(base);
        for (int i = 0; i < items; ++i) {
            allowed[std::size_t(i)] = allowed[std::size_t(i)] && !taken[std::size_t(i)]
                && model.playCount[std::size_t(i)] >= options.forgottenMinPlays
                && model.lastPlayedMs[std::size_t(i)] < options.nowMs - options.forgottenAfterMs;
        }
        for (const Recommendation &r :
             rankList(model, history, allowed, excludedArtists, options.limit, options, bias)) {
            DiscoverItem item = explain(r);
            item.reason.playCount = model.playCount[std::size_t(r.item)];
            item.reason.lastPlayedMs = model.lastPlayedMs[std::size_t(r.item)];
            item.reason.explanation =
                QStringLiteral("You played it %1 times, last in %2")
                    .arg(item.reason.playCount)
                    .arg(
                        QDateTime::fromMSecsSinceEpoch(item.reason.lastPlayedMs).toString(QStringLiteral("MMMM yyyy")));
            result.lists[int(DiscoverList::Rediscover)].append(item);
        }
    }

    // For you now: what fits the recent listening, leaving out what it already holds.
    {
        std::vector<char> allowed(base);
        for (int i = 0; i < items; ++i) {
            allowed[std::size_t(i)] = allowed[std::size_t(i)] && !taken[std::size_t(i)];
        }
        for (const auto &[item, weight] : recent) {
            allowed[std::size_t(item)] = 0;
        }
        for (const Recommendation &r :
             rankList(model, recent, allowed, excludedArtists, options.limit, options, bias)) {
            result.lists[int(DiscoverList::ForYouNow)].append(explain(r));
        }
    }

    // Deeper cuts: tracks of the top and followed artists hardly played yet.
    {
        std::vector<char> allowed(base);
        for (int i = 0; i < items; ++i) {
            const int artist = model.artistOf[std::size_t(i)];
            allowed[std::size_t(i)] = allowed[std::size_t(i)] && !taken[std::size_t(i)] && artist >= 0
                && std::binary_search(model.topArtists.begin(), model.topArtists.end(), artist)
                && model.playCount[std::size_t(i)] <= options.deeperCutMaxPlays;
        }
        for (const Recommendation &r :
             rankList(model, recent, allowed, excludedArtists, options.limit, options, bias)) {
            DiscoverItem item = explain(r);
            const int artist = model.artistOf[std::size_t(r.item)];
            item.reason.playCount = model.artistPlays[std::size_t(artist)];
            item.reason.explanation = QStringLiteral("A deeper cut from %1, one of your top artists (%2 plays)")
                                          .arg(item.artistName)
                                          .arg(item.reason.playCount);
            result.lists[int(DiscoverList::DeeperCuts)].append(item);
        }
    }

    m_rankingKey = key;
    m_ranking = result;
    return result;
}

Result<SimilarResult>
Discovery::similar(SqliteDatabase &database, const QString &uri, int limit, const DiscoverOptions &options)
{
    if (!isSpotifyUri(uri, QLatin1String("track"))) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("'%1' is not a Spotify track URI (spotify:track:<id>).").arg(uri)};
    }
    if (const auto built = ensureModel(database, options); !built) {
        return built.error();
    }
    const Model &model = *m_model;
    const int seed = model.itemOfUri.value(uri, -1);
    if (seed < 0) {
        return Error{Error::Code::NotFound,
                     QStringLiteral("The track %1 is not in the cache: sync or import first, or pick a track "
                                    "you have played, saved or put in a playlist.")
                         .arg(uri)};
    }
    const auto feedback = feedbackAt(database, options.nowMs);
    if (!feedback) {
        return feedback.error();
    }
    std::vector<char> allowed(std::size_t(model.itemCount()), 0);
    for (int i = 0; i < model.itemCount(); ++i) {
        const QString &trackUri = model.tracks[std::size_t(i)].uri;
        allowed[std::size_t(i)] = i != seed && !trackUri.isEmpty() && !feedback.value().hiddenTracks.contains(trackUri);
    }
    const std::vector<int> excludedArtists = hiddenArtistIds(model.artistOfUri, feedback.value());
    DiscoverOptions similarOptions = options;
    similarOptions.perArtistCap = 0;
    SimilarResult result;
    result.seed = model.item(seed, 1.0f);
    // Item-factor cosine rather than the fold-in's dot product: a popular track's long factor vector would
    // otherwise make it similar to everything.
    std::vector<float> als;
    if (model.als) {
        als.resize(std::size_t(model.itemCount()));
        for (int i = 0; i < model.itemCount(); ++i) {
            als[std::size_t(i)] = model.factorCosine(seed, i);
        }
    }
    for (const Recommendation &r : rankList(model,
                                            UserItems{{seed, 1.0f}},
                                            allowed,
                                            excludedArtists,
                                            limit,
                                            similarOptions,
                                            {},
                                            std::move(als))) {
        DiscoverItem item = model.item(r.item, r.score);
        item.reason.signal = r.signal;
        item.reason.seedName = model.seedName(r.seed);
        item.reason.explanation =
            QString::fromStdString(recommend::explanationText(r, item.reason.seedName.toStdString()));
        result.items.append(item);
    }
    return result;
}

} // namespace engine
