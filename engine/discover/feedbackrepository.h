#pragma once

#include "engine/model/result.h"
#include "engine/store/outboxrepository.h"
#include "engine/store/sqlitedatabase.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <optional>

namespace engine
{

// What the user said about a recommendation, or did in the player (Skip, FullPlay: migration 0006).
enum class FeedbackKind { Like, Unlike, HideTrack, HideArtist, NotNow, Skip, FullPlay };

// "like", "unlike", "hide_track", "hide_artist", "not_now", "skip", "full_play"
QString feedbackKindName(FeedbackKind kind);
std::optional<FeedbackKind> feedbackKindFromName(const QString &name);

// "Not now" leaves a track out of the recommendations for this long.
inline constexpr qint64 kNotNowMs = 7LL * 24 * 60 * 60 * 1000;

// Skips and full plays count less the older they are: half as much after this long, so that a track skipped in
// one mood last winter can come back.
inline constexpr qint64 kBehaviourHalfLifeMs = 30LL * 24 * 60 * 60 * 1000;

// What skips and full plays (FeedbackState, decayed by kBehaviourHalfLifeMs) add to a track's hybrid score, whose
// signals weigh 2.1 together (kDefaultHybridWeights), so these are shares of that scale. A skip of the track itself
// is a clear "not this one": four recent skips outweigh the strongest signal. A skip of another track by the same
// artist says less (a mood, one song), so it weighs a fifth as much. A full play is a quieter "yes": the track was
// let run, not chosen, so it counts less than a skip and less than a like (which moves the fold-in instead).
inline constexpr float kSkipPenalty = 0.25f;
inline constexpr float kArtistSkipPenalty = 0.05f;
inline constexpr float kFullPlayBoost = 0.15f;
// No amount of behaviour moves a track by more than this either way: many skips of one track on a repeat-one
// loop should not bury its artist, and a looped track should not crowd out everything else. Household picks, which
// rank by the household model's scores alone, take the artist penalty on the scale of the best of those.
inline constexpr float kMaxBehaviourBias = 1.0f;

// The feedback in force at one moment, by Spotify URI.
struct FeedbackState {
    QSet<QString> liked; // tracks whose latest like/unlike is a like
    QSet<QString> hiddenTracks;
    QSet<QString> hiddenArtists;
    QSet<QString> notNow; // tracks whose "not now" has not expired
    // Per track: its skips and its full plays, each weighted by 2^(−age ÷ kBehaviourHalfLifeMs).
    QHash<QString, double> skips;
    QHash<QString, double> fullPlays;
    qint64 revision = 0; // the newest feedback row: changes whenever feedback is recorded

    bool excludesTrack(const QString &uri) const
    {
        return hiddenTracks.contains(uri) || notNow.contains(uri);
    }
};

// A like or unlike not yet answered by Spotify (migrations/client/0007).
struct PendingLibraryWrite {
    QString uri;
    bool saved = false; // true: PUT /me/library (a like); false: DELETE (an unlike)
    qint64 queuedAtMs = 0;
};

// How long the queued likes and unlikes wait before the next try, after Spotify asked to slow down (429) or failed
// (5xx): kept in cache_metadata (keys library_writes_not_before_ms and library_writes_failures) so that a restart
// does not send them into the same rate limit again. Zeroes when nothing holds them back.
struct LibraryWriteBackoff {
    qint64 notBeforeMs = 0; // Unix ms; nothing is sent before
    int failures = 0; // consecutive tries that ended in such a failure

    friend bool operator==(const LibraryWriteBackoff &, const LibraryWriteBackoff &) = default;
};

// The feedback table (migrations/client/0004): an append-only log of events, each queued for the hub in the
// outbox in the same transaction, with the outbox's event id. Lives on the store's thread and no longer than the
// SqliteDatabase it was created on.
class FeedbackRepository
{
public:
    static Result<FeedbackRepository> create(SqliteDatabase &database);

    // Records one event at `nowMs` and queues it for the hub. `uri` must be a track URI
    // (spotify:track:<letters and digits>) or, for HideArtist, an artist URI; anything else is InvalidInput
    // naming the URI. Returns the event id.
    Result<QString> record(FeedbackKind kind, const QString &uri, qint64 nowMs);
    // A Like or Unlike also queues the write to the Spotify library (pendingLibraryWrites) in the same transaction.
    //
    // The feedback in force at `nowMs` (expired "not now" left out).
    Result<FeedbackState> state(qint64 nowMs);

    // The likes and unlikes Spotify has not answered yet, oldest first.
    Result<QList<PendingLibraryWrite>> pendingLibraryWrites();
    // Spotify answered `write`: drops it, unless a newer word on the same track replaced it meanwhile.
    Result<void> clearLibraryWrite(const PendingLibraryWrite &write);
    // The backoff of the whole queue of library writes; zeroes when none was stored.
    Result<LibraryWriteBackoff> libraryWriteBackoff();
    // Stores `backoff`; zeroes remove it.
    Result<void> setLibraryWriteBackoff(const LibraryWriteBackoff &backoff);
    // Whether the track is liked as far as this computer knows: a pending write, else the latest like or unlike,
    // else the synced saved tracks. `pending` (may be null) tells whether a write still waits for Spotify, whose
    // own answer must then not override this one.
    Result<bool> isLiked(const QString &trackUri, bool *pending = nullptr);

private:
    explicit FeedbackRepository(SqliteDatabase &database);

    SqliteDatabase *m_database = nullptr;
    std::optional<OutboxRepository> m_outbox;
    SqliteStatement m_insert;
    SqliteStatement m_select;
    SqliteStatement m_queueWrite;
    SqliteStatement m_selectWrites;
    SqliteStatement m_clearWrite;
    SqliteStatement m_selectWrite;
    SqliteStatement m_selectMetadata;
    SqliteStatement m_setMetadata;
    SqliteStatement m_clearBackoff;
    SqliteStatement m_latestLike;
    SqliteStatement m_saved;
};

// Whether `uri` is spotify:<type>:<letters and digits>.
bool isSpotifyUri(const QString &uri, QLatin1String type);

} // namespace engine
