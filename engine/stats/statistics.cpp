#include "engine/stats/statistics.h"

#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>
#include <vector>

namespace engine
{

namespace
{

using Row = PlaySnapshot::Row;

// Counted plays and minutes per track in a range: the first step of most statistics, one pass over the rows.
struct TrackTotals {
    std::vector<qint64> plays;
    std::vector<qint64> msPlayed;
};

TrackTotals trackTotals(const PlaySnapshot &snapshot, TimeRange range)
{
    TrackTotals totals;
    totals.plays.assign(snapshot.tracks().size(), 0);
    totals.msPlayed.assign(snapshot.tracks().size(), 0);
    for (const Row &row : snapshot.rowsBetween(range.fromMs, range.toMs)) {
        if (row.has(PlaySnapshot::Counted)) {
            ++totals.plays[row.track];
            totals.msPlayed[row.track] += row.msPlayed;
        }
    }
    return totals;
}

// Indexes of the `limit` best entries: more of `primary`, then more of `secondary`, then name, then id.
template<typename NameOf, typename IdOf>
std::vector<qint32>
bestOf(const std::vector<qint64> &primary, const std::vector<qint64> &secondary, int limit, NameOf nameOf, IdOf idOf)
{
    std::vector<qint32> candidates;
    for (qint32 i = 0; i < qint32(primary.size()); ++i) {
        if (primary[i] > 0) {
            candidates.push_back(i);
        }
    }
    const auto better = [&](qint32 a, qint32 b) {
        if (primary[a] != primary[b]) {
            return primary[a] > primary[b];
        }
        if (secondary[a] != secondary[b]) {
            return secondary[a] > secondary[b];
        }
        const int byName = nameOf(a).compare(nameOf(b), Qt::CaseInsensitive);
        if (byName != 0) {
            return byName < 0;
        }
        return idOf(a) < idOf(b);
    };
    const auto count = std::min<std::size_t>(candidates.size(), std::size_t(std::max(limit, 0)));
    std::partial_sort(candidates.begin(), candidates.begin() + qsizetype(count), candidates.end(), better);
    candidates.resize(count);
    return candidates;
}

QStringList artistNames(const PlaySnapshot &snapshot, const std::vector<qint32> &artists)
{
    QStringList names;
    for (const qint32 artist : artists) {
        names.append(snapshot.artists()[artist].name);
    }
    return names;
}

QDate periodStart(QDate date, Period period)
{
    switch (period) {
    case Period::Day:
        return date;
    case Period::Week:
        return date.addDays(1 - date.dayOfWeek());
    case Period::Month:
        return QDate(date.year(), date.month(), 1);
    }
    return date;
}

QDate nextPeriod(QDate start, Period period)
{
    switch (period) {
    case Period::Day:
        return start.addDays(1);
    case Period::Week:
        return start.addDays(7);
    case Period::Month:
        return start.addMonths(1);
    }
    return start.addDays(1);
}

} // namespace

TimeRange rangeOfLocalDays(QDate from, QDate to, const QTimeZone &zone)
{
    TimeRange range;
    if (from.isValid()) {
        range.fromMs = from.startOfDay(zone).toMSecsSinceEpoch();
    }
    if (to.isValid()) {
        range.toMs = to.addDays(1).startOfDay(zone).toMSecsSinceEpoch();
    }
    return range;
}

std::optional<TimeRange> rangeForPreset(const QString &preset, QDate today, const QTimeZone &zone)
{
    if (preset == QLatin1String("all")) {
        return TimeRange{};
    }
    static const QRegularExpression pattern(QStringLiteral("^([1-9][0-9]{0,3})([dwmy])$"));
    const QRegularExpressionMatch match = pattern.match(preset);
    if (!match.hasMatch() || !today.isValid()) {
        return std::nullopt;
    }
    const int count = match.captured(1).toInt();
    const QChar unit = match.captured(2).at(0);
    // The period ends with today, so it begins the day after the same date one period earlier.
    QDate first;
    if (unit == u'd') {
        first = today.addDays(1 - count);
    } else if (unit == u'w') {
        first = today.addDays(1 - 7 * qint64(count));
    } else if (unit == u'm') {
        first = today.addMonths(-count).addDays(1);
    } else {
        first = today.addYears(-count).addDays(1);
    }
    return rangeOfLocalDays(first, today, zone);
}

QList<TopItem> topItems(const PlaySnapshot &snapshot, TopKind kind, TimeRange range, Measure by, int limit)
{
    const TrackTotals totals = trackTotals(snapshot, range);
    const auto &tracks = snapshot.tracks();
    const auto pick = [by](const std::vector<qint64> &plays, const std::vector<qint64> &ms) {
        return by == Measure::Plays ? std::pair(&plays, &ms) : std::pair(&ms, &plays);
    };
    QList<TopItem> items;

    if (kind == TopKind::Tracks) {
        const auto [primary, secondary] = pick(totals.plays, totals.msPlayed);
        const auto best = bestOf(
            *primary,
            *secondary,
            limit,
            [&](qint32 i) -> const QString & {
                return tracks[i].name;
            },
            [&](qint32 i) {
                return tracks[i].id;
            });
        for (const qint32 i : best) {
            const auto &track = tracks[i];
            items.append({track.id,
                          track.spotifyId,
                          track.name,
                          artistNames(snapshot, track.artists),
                          track.album >= 0 ? snapshot.albums()[track.album].name : QString(),
                          totals.plays[i],
                          totals.msPlayed[i]});
        }
        return items;
    }

    const bool artists = kind == TopKind::Artists;
    const std::size_t size = artists ? snapshot.artists().size() : snapshot.albums().size();
    std::vector<qint64> plays(size, 0);
    std::vector<qint64> ms(size, 0);
    for (qint32 t = 0; t < qint32(tracks.size()); ++t) {
        if (totals.plays[t] == 0) {
            continue;
        }
        if (artists) {
            for (const qint32 artist : tracks[t].artists) {
                plays[artist] += totals.plays[t];
                ms[artist] += totals.msPlayed[t];
            }
        } else if (tracks[t].album >= 0) {
            plays[tracks[t].album] += totals.plays[t];
            ms[tracks[t].album] += totals.msPlayed[t];
        }
    }
    const auto [primary, secondary] = pick(plays, ms);
    if (artists) {
        const auto &all = snapshot.artists();
        for (const qint32 i : bestOf(
                 *primary,
                 *secondary,
                 limit,
                 [&](qint32 a) -> const QString & {
                     return all[a].name;
                 },
                 [&](qint32 a) {
                     return all[a].id;
                 })) {
            items.append({all[i].id, all[i].spotifyId, all[i].name, {}, {}, plays[i], ms[i]});
        }
    } else {
        const auto &all = snapshot.albums();
        for (const qint32 i : bestOf(
                 *primary,
                 *secondary,
                 limit,
                 [&](qint32 a) -> const QString & {
                     return all[a].name;
                 },
                 [&](qint32 a) {
                     return all[a].id;
                 })) {
            items.append({all[i].id,
                          all[i].spotifyId,
                          all[i].name,
                          artistNames(snapshot, all[i].artists),
                          all[i].name,
                          plays[i],
                          ms[i]});
        }
    }
    return items;
}

Overview overview(const PlaySnapshot &snapshot, TimeRange range)
{
    Overview result;
    const auto rows = snapshot.rowsBetween(range.fromMs, range.toMs);
    std::vector<char> trackSeen(snapshot.tracks().size(), 0);
    qint32 lastDay = 0;
    bool anyDay = false;
    std::vector<qint32> days;
    for (const Row &row : rows) {
        ++result.rows;
        if (row.has(PlaySnapshot::Skip)) {
            ++result.skips;
        }
        if (!row.has(PlaySnapshot::Counted)) {
            continue;
        }
        ++result.plays;
        result.msPlayed += row.msPlayed;
        trackSeen[row.track] = 1;
        if (!result.firstPlayedAtMs) {
            result.firstPlayedAtMs = row.playedAtMs;
        }
        result.lastPlayedAtMs = row.playedAtMs;
        if (!anyDay || row.localDay != lastDay) {
            days.push_back(row.localDay);
            lastDay = row.localDay;
            anyDay = true;
        }
    }
    // Local days almost always rise with time; a clock turned back over midnight can repeat one.
    std::sort(days.begin(), days.end());
    result.daysListened = int(std::unique(days.begin(), days.end()) - days.begin());

    std::vector<char> artistSeen(snapshot.artists().size(), 0);
    std::vector<char> albumSeen(snapshot.albums().size(), 0);
    for (qint32 t = 0; t < qint32(trackSeen.size()); ++t) {
        if (!trackSeen[t]) {
            continue;
        }
        ++result.tracks;
        const auto &track = snapshot.tracks()[t];
        for (const qint32 artist : track.artists) {
            if (!artistSeen[artist]) {
                artistSeen[artist] = 1;
                ++result.artists;
            }
        }
        if (track.album >= 0 && !albumSeen[track.album]) {
            albumSeen[track.album] = 1;
            ++result.albums;
        }
    }
    return result;
}

QList<PeriodTotal> listeningTrend(const PlaySnapshot &snapshot, Period period, TimeRange range)
{
    // Totals per local day first (a dense array between the first and last day), then folded into periods.
    qint32 firstDay = std::numeric_limits<qint32>::max();
    qint32 lastDay = std::numeric_limits<qint32>::min();
    const auto rows = snapshot.rowsBetween(range.fromMs, range.toMs);
    for (const Row &row : rows) {
        if (row.has(PlaySnapshot::Counted)) {
            firstDay = std::min(firstDay, row.localDay);
            lastDay = std::max(lastDay, row.localDay);
        }
    }
    QList<PeriodTotal> result;
    if (firstDay > lastDay) {
        return result;
    }
    std::vector<qint64> plays(std::size_t(lastDay - firstDay + 1), 0);
    std::vector<qint64> ms(plays.size(), 0);
    for (const Row &row : rows) {
        if (row.has(PlaySnapshot::Counted)) {
            ++plays[std::size_t(row.localDay - firstDay)];
            ms[std::size_t(row.localDay - firstDay)] += row.msPlayed;
        }
    }
    const QDate last = PlaySnapshot::dateOfDay(lastDay);
    for (QDate start = periodStart(PlaySnapshot::dateOfDay(firstDay), period); start <= last;
         start = nextPeriod(start, period)) {
        PeriodTotal total{start, 0, 0};
        const qint32 begin = std::max(PlaySnapshot::dayOfDate(start), firstDay);
        const qint32 end = std::min(PlaySnapshot::dayOfDate(nextPeriod(start, period)), lastDay + 1);
        for (qint32 day = begin; day < end; ++day) {
            total.plays += plays[std::size_t(day - firstDay)];
            total.msPlayed += ms[std::size_t(day - firstDay)];
        }
        result.append(total);
    }
    return result;
}

ListeningClock listeningClock(const PlaySnapshot &snapshot, TimeRange range)
{
    ListeningClock clock;
    for (const Row &row : snapshot.rowsBetween(range.fromMs, range.toMs)) {
        if (row.has(PlaySnapshot::Counted)) {
            ++clock.plays[row.hourOfWeek];
            clock.msPlayed[row.hourOfWeek] += row.msPlayed;
        }
    }
    return clock;
}

Streaks streaks(const PlaySnapshot &snapshot, TimeRange range, QDate today)
{
    std::vector<qint32> days;
    for (const Row &row : snapshot.rowsBetween(range.fromMs, range.toMs)) {
        if (row.has(PlaySnapshot::Counted) && (days.empty() || days.back() != row.localDay)) {
            days.push_back(row.localDay);
        }
    }
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());

    Streaks result;
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < days.size(); ++i) {
        const bool endsHere = i + 1 == days.size() || days[i + 1] != days[i] + 1;
        if (!endsHere) {
            continue;
        }
        const int length = int(i - runStart + 1);
        const Streak run{length, PlaySnapshot::dateOfDay(days[runStart]), PlaySnapshot::dateOfDay(days[i])};
        if (length > result.longest.days) {
            result.longest = run;
        }
        const qint32 todayNumber = today.isValid() ? PlaySnapshot::dayOfDate(today) : 0;
        if (today.isValid() && (days[i] == todayNumber || days[i] == todayNumber - 1)) {
            result.current = run;
        }
        runStart = i + 1;
    }
    return result;
}

SkipReport skipRates(const PlaySnapshot &snapshot, TimeRange range, int limit)
{
    SkipReport report;
    std::vector<qint64> rows(snapshot.tracks().size(), 0);
    std::vector<qint64> skips(snapshot.tracks().size(), 0);
    for (const Row &row : snapshot.rowsBetween(range.fromMs, range.toMs)) {
        ++rows[row.track];
        if (row.has(PlaySnapshot::Skip)) {
            ++skips[row.track];
        }
    }
    std::vector<qint64> artistRows(snapshot.artists().size(), 0);
    std::vector<qint64> artistSkips(snapshot.artists().size(), 0);
    for (qint32 t = 0; t < qint32(rows.size()); ++t) {
        report.overall.rows += rows[t];
        report.overall.skips += skips[t];
        if (rows[t] == 0) {
            continue;
        }
        for (const qint32 artist : snapshot.tracks()[t].artists) {
            artistRows[artist] += rows[t];
            artistSkips[artist] += skips[t];
        }
    }
    const auto &artists = snapshot.artists();
    const std::vector<qint64> noSecondary(artists.size(), 0);
    for (const qint32 i : bestOf(
             artistRows,
             noSecondary,
             limit,
             [&](qint32 a) -> const QString & {
                 return artists[a].name;
             },
             [&](qint32 a) {
                 return artists[a].id;
             })) {
        report.artists.append({artists[i].id, artists[i].name, artistRows[i], artistSkips[i]});
    }
    return report;
}

DiscoveryTimeline discovery(const PlaySnapshot &snapshot, TimeRange range)
{
    // The snapshot keeps each artist's first counted play ever, so this is a pass over the artists, not the plays.
    DiscoveryTimeline result;
    const auto &artists = snapshot.artists();
    std::vector<qint32> found;
    for (qint32 a = 0; a < qint32(artists.size()); ++a) {
        const qint64 first = artists[a].firstPlayedAtMs;
        if (first != std::numeric_limits<qint64>::max() && first >= range.fromMs && first < range.toMs) {
            found.push_back(a);
        }
    }
    // In the order they were first heard; an artist first heard on the same play as another follows its credit
    // order, which for different tracks means the row id order of the artists.
    std::sort(found.begin(), found.end(), [&](qint32 a, qint32 b) {
        return artists[a].firstPlayedAtMs != artists[b].firstPlayedAtMs
            ? artists[a].firstPlayedAtMs < artists[b].firstPlayedAtMs
            : artists[a].id < artists[b].id;
    });
    QDate lastMonth;
    for (const qint32 a : found) {
        const auto &artist = artists[a];
        result.firstListens.append({artist.id, artist.spotifyId, artist.name, artist.firstPlayedAtMs});
        const QDate day = PlaySnapshot::dateOfDay(artist.firstLocalDay);
        const QDate month(day.year(), day.month(), 1);
        if (lastMonth == month) {
            ++result.newArtistsPerMonth.last().count;
            continue;
        }
        // Months without a discovery in between are listed too, so that the timeline has no holes.
        if (lastMonth.isValid()) {
            for (QDate m = lastMonth.addMonths(1); m < month; m = m.addMonths(1)) {
                result.newArtistsPerMonth.append({m, 0});
            }
        }
        result.newArtistsPerMonth.append({month, 1});
        lastMonth = month;
    }
    return result;
}

ListeningShares listeningShares(const PlaySnapshot &snapshot, TimeRange range)
{
    ListeningShares shares;
    std::array<qint64, PlatformGroupCount> platforms{};
    for (const Row &row : snapshot.rowsBetween(range.fromMs, range.toMs)) {
        if (!row.has(PlaySnapshot::Counted)) {
            continue;
        }
        ++platforms[std::size_t(row.platform)];
        if (row.has(PlaySnapshot::ShuffleKnown)) {
            ++shares.shuffleKnown;
            shares.shufflePlays += row.has(PlaySnapshot::Shuffle) ? 1 : 0;
        }
        if (row.has(PlaySnapshot::OfflineKnown)) {
            ++shares.offlineKnown;
            shares.offlinePlays += row.has(PlaySnapshot::Offline) ? 1 : 0;
        }
    }
    for (int g = 0; g < PlatformGroupCount; ++g) {
        if (PlatformGroup(g) != PlatformGroup::Unknown && platforms[std::size_t(g)] > 0) {
            shares.platforms.append({PlatformGroup(g), platforms[std::size_t(g)]});
            shares.platformKnown += platforms[std::size_t(g)];
        }
    }
    std::stable_sort(shares.platforms.begin(), shares.platforms.end(), [](const auto &a, const auto &b) {
        return a.plays > b.plays;
    });
    return shares;
}

QList<EraCount> releaseEras(const PlaySnapshot &snapshot, TimeRange range)
{
    const TrackTotals totals = trackTotals(snapshot, range);
    std::map<int, EraCount> byDecade;
    for (qint32 t = 0; t < qint32(totals.plays.size()); ++t) {
        if (totals.plays[t] == 0) {
            continue;
        }
        const qint32 album = snapshot.tracks()[t].album;
        const int year = album >= 0 ? snapshot.albums()[album].releaseYear : 0;
        const int decade = year / 10 * 10;
        EraCount &era = byDecade[decade];
        era.decade = decade;
        era.plays += totals.plays[t];
        era.msPlayed += totals.msPlayed[t];
    }
    QList<EraCount> result;
    for (const auto &[decade, era] : byDecade) {
        result.append(era);
    }
    return result;
}

Genres genres(const PlaySnapshot &snapshot, TimeRange range, int limit)
{
    const TrackTotals totals = trackTotals(snapshot, range);
    Genres result;
    std::vector<double> weights(std::size_t(snapshot.tagNames().size()), 0.0);
    for (qint32 t = 0; t < qint32(totals.plays.size()); ++t) {
        if (totals.plays[t] == 0) {
            continue;
        }
        const auto &tags = snapshot.tracks()[t].tags;
        if (tags.empty()) {
            result.untaggedPlays += totals.plays[t];
            continue;
        }
        result.taggedPlays += totals.plays[t];
        for (const PlaySnapshot::TagWeight &tag : tags) {
            weights[std::size_t(tag.tag)] += tag.weight * double(totals.plays[t]);
        }
    }
    std::vector<qint32> order;
    for (qint32 i = 0; i < qint32(weights.size()); ++i) {
        if (weights[std::size_t(i)] > 0) {
            order.push_back(i);
        }
    }
    const auto &names = snapshot.tagNames();
    std::sort(order.begin(), order.end(), [&](qint32 a, qint32 b) {
        if (weights[std::size_t(a)] != weights[std::size_t(b)]) {
            return weights[std::size_t(a)] > weights[std::size_t(b)];
        }
        return names.at(a) < names.at(b);
    });
    for (const qint32 i : order) {
        if (result.tags.size() >= limit) {
            break;
        }
        result.tags.append({names.at(i), weights[std::size_t(i)]});
    }
    return result;
}

} // namespace engine
