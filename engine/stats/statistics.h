#pragma once

#include "engine/stats/platform.h"
#include "engine/stats/playsnapshot.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <limits>
#include <optional>

// Listening statistics computed from a PlaySnapshot. Every function is pure: the same snapshot and arguments
// give the same result, ties included. Plays, minutes and skips follow the rules in playsnapshot.h.
namespace engine
{

// A half-open interval of UTC milliseconds [fromMs, toMs). The default covers all time.
struct TimeRange {
    qint64 fromMs = std::numeric_limits<qint64>::min();
    qint64 toMs = std::numeric_limits<qint64>::max();

    bool isAllTime() const
    {
        return fromMs == std::numeric_limits<qint64>::min() && toMs == std::numeric_limits<qint64>::max();
    }
    friend bool operator==(const TimeRange &, const TimeRange &) = default;
};

// From the start of local day `from` to the end of local day `to` (both included); an invalid date leaves
// that end open.
TimeRange rangeOfLocalDays(QDate from, QDate to, const QTimeZone &zone);
// A preset ending with the local day `today` (included): "Nd", "Nw", "Nm", "Ny" (N days, weeks, months or
// years, e.g. "4w" is the 28 days ending today) or "all". nullopt for anything else.
std::optional<TimeRange> rangeForPreset(const QString &preset, QDate today, const QTimeZone &zone);

enum class Measure { Plays, Minutes };
enum class TopKind { Artists, Tracks, Albums };

// One entry of a top list. Artists: name is the artist's. Tracks: artistNames and albumName describe it.
// Albums: artistNames are the album's artists.
struct TopItem {
    qint64 id = 0; // the row id in artists, tracks or albums
    QString spotifyId; // empty for a name-only row
    QString name;
    QStringList artistNames;
    QString albumName;
    qint64 plays = 0;
    qint64 msPlayed = 0;

    double minutes() const
    {
        return double(msPlayed) / 60'000.0;
    }
};

// The `limit` items with the most counted plays (or minutes) in `range`. A play counts for every artist the
// track credits. Ties go to the item with more of the other measure, then to the name (case-insensitive),
// then to the lower id. Tracks without an album are left out of the album list.
QList<TopItem> topItems(const PlaySnapshot &snapshot, TopKind kind, TimeRange range, Measure by, int limit);

struct Overview {
    qint64 plays = 0; // counted plays
    qint64 msPlayed = 0;
    qint64 rows = 0; // every row, skips included
    qint64 skips = 0;
    int tracks = 0; // distinct, with at least one counted play
    int artists = 0;
    int albums = 0;
    int daysListened = 0;
    std::optional<qint64> firstPlayedAtMs; // first and last counted play in the range
    std::optional<qint64> lastPlayedAtMs;
};
Overview overview(const PlaySnapshot &snapshot, TimeRange range);

enum class Period { Day, Week, Month };
// Counted plays and minutes of one local day, ISO week (starting on its Monday) or calendar month (starting
// on its 1st).
struct PeriodTotal {
    QDate start;
    qint64 plays = 0;
    qint64 msPlayed = 0;
};
// Every period from the one of the first counted play in the range to the one of the last, empty ones included.
QList<PeriodTotal> listeningTrend(const PlaySnapshot &snapshot, Period period, TimeRange range);

// Counted plays and minutes by local weekday and hour: index (ISO weekday - 1) * 24 + hour, Monday 0:00 first.
struct ListeningClock {
    std::array<qint64, 168> plays{};
    std::array<qint64, 168> msPlayed{};
};
ListeningClock listeningClock(const PlaySnapshot &snapshot, TimeRange range);

// A run of consecutive local days with at least one counted play. days is 0 for none.
struct Streak {
    int days = 0;
    QDate first;
    QDate last;
};
struct Streaks {
    Streak longest; // the earliest of equally long runs
    Streak current; // the run that ends today, or yesterday when nothing was played today yet
};
Streaks streaks(const PlaySnapshot &snapshot, TimeRange range, QDate today);

struct SkipCount {
    qint64 id = 0; // the artist's row id; 0 for the overall figure
    QString name;
    qint64 rows = 0; // every row, short ones included
    qint64 skips = 0;

    double rate() const
    {
        return rows > 0 ? double(skips) / double(rows) : 0.0;
    }
};
struct SkipReport {
    SkipCount overall;
    QList<SkipCount> artists; // most rows first (then name, then id), at most `limit`
};
// A row counts for every artist its track credits.
SkipReport skipRates(const PlaySnapshot &snapshot, TimeRange range, int limit);

struct ArtistDiscovery {
    qint64 id = 0;
    QString spotifyId;
    QString name;
    qint64 firstPlayedAtMs = 0; // the artist's first counted play ever
};
struct MonthCount {
    QDate month; // the 1st of the month
    int count = 0;
};
struct DiscoveryTimeline {
    QList<ArtistDiscovery> firstListens; // artists first heard within the range, in the order they were
    QList<MonthCount> newArtistsPerMonth; // from the first to the last month with a discovery, empty ones included
};
DiscoveryTimeline discovery(const PlaySnapshot &snapshot, TimeRange range);

struct PlatformShare {
    PlatformGroup group = PlatformGroup::Other;
    qint64 plays = 0;
};
// Shares among counted plays where the value is known: plays / known.
struct ListeningShares {
    QList<PlatformShare> platforms; // groups with plays, most first (then in enum order); never Unknown
    qint64 platformKnown = 0;
    qint64 shufflePlays = 0;
    qint64 shuffleKnown = 0;
    qint64 offlinePlays = 0;
    qint64 offlineKnown = 0;
};
ListeningShares listeningShares(const PlaySnapshot &snapshot, TimeRange range);

// Counted plays by the decade of the album's release (1990 for the 1990s); decade 0 collects plays whose
// track has no album or no release date. Sorted by decade, unknown first.
struct EraCount {
    int decade = 0;
    qint64 plays = 0;
    qint64 msPlayed = 0;
};
QList<EraCount> releaseEras(const PlaySnapshot &snapshot, TimeRange range);

struct GenreShare {
    QString tag;
    double plays = 0; // counted plays weighted by the tag's share of its track's votes
};
struct Genres {
    QList<GenreShare> tags; // most plays first, then by name; at most `limit`
    qint64 taggedPlays = 0;
    qint64 untaggedPlays = 0; // counted plays of tracks without tags of their own or of their artists
};
Genres genres(const PlaySnapshot &snapshot, TimeRange range, int limit);

} // namespace engine
