#include "app/cli/statscommands.h"

#include "app/cli/console.h"
#include "app/cli/exitcodes.h"
#include "engine/stats/export.h"
#include "engine/stats/playsnapshot.h"
#include "engine/stats/spotifytop.h"
#include "engine/stats/statistics.h"
#include "engine/store/libraryrepository.h"
#include "engine/store/store.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTextStream>

#include <memory>
#include <optional>

using namespace engine;

namespace
{

using cli::err;
using cli::out;

int usage(const QString &message)
{
    err() << message << "\nRun 'tunescout-cli --help' for the commands.\n";
    return Usage;
}

// What the command line asks for, checked: the range in the local zone, the measure and the list length.
struct Request {
    TimeRange range;
    QDate from; // as given, for the report; invalid when open
    QDate to;
    QString rangeLabel;
    Measure by = Measure::Plays;
    int limit = 10;
    Period period = Period::Month;
};

std::optional<QDate> parseDate(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!pattern.match(text).hasMatch() || !date.isValid()) {
        return std::nullopt;
    }
    return date;
}

// Fills `request` from the options; returns an error message for the user when a value is wrong.
QString parseRequest(const StatsCommandOptions &options, const QTimeZone &zone, int defaultLimit, Request &request)
{
    if (!options.range.isEmpty() && (!options.from.isEmpty() || !options.to.isEmpty())) {
        return QStringLiteral("Give either --range or --from/--to, not both.");
    }
    if (!options.range.isEmpty()) {
        const auto preset = rangeForPreset(options.range, QDate::currentDate(), zone);
        if (!preset) {
            return QStringLiteral("--range '%1' is not a range: use Nd, Nw, Nm or Ny (e.g. 4w, 6m, 1y) or all.")
                .arg(options.range);
        }
        request.range = *preset;
        request.rangeLabel = options.range;
    } else {
        if (!options.from.isEmpty()) {
            const auto from = parseDate(options.from);
            if (!from) {
                return QStringLiteral("--from '%1' is not a date: use YYYY-MM-DD.").arg(options.from);
            }
            request.from = *from;
        }
        if (!options.to.isEmpty()) {
            const auto to = parseDate(options.to);
            if (!to) {
                return QStringLiteral("--to '%1' is not a date: use YYYY-MM-DD.").arg(options.to);
            }
            request.to = *to;
        }
        if (request.from.isValid() && request.to.isValid() && request.to < request.from) {
            return QStringLiteral("--to %1 is before --from %2.").arg(options.to, options.from);
        }
        request.range = rangeOfLocalDays(request.from, request.to, zone);
        request.rangeLabel =
            request.range.isAllTime() ? QStringLiteral("all") : QStringLiteral("%1..%2").arg(options.from, options.to);
    }
    if (options.by.isEmpty() || options.by == QLatin1String("plays")) {
        request.by = Measure::Plays;
    } else if (options.by == QLatin1String("minutes")) {
        request.by = Measure::Minutes;
    } else {
        return QStringLiteral("--by '%1': use plays or minutes.").arg(options.by);
    }
    request.limit = defaultLimit;
    if (!options.limit.isEmpty()) {
        bool ok = false;
        request.limit = options.limit.toInt(&ok);
        if (!ok || request.limit < 1 || request.limit > 100000) {
            return QStringLiteral("--limit '%1': use a number from 1 to 100000.").arg(options.limit);
        }
    }
    if (options.period.isEmpty() || options.period == QLatin1String("month")) {
        request.period = Period::Month;
    } else if (options.period == QLatin1String("week")) {
        request.period = Period::Week;
    } else if (options.period == QLatin1String("day")) {
        request.period = Period::Day;
    } else {
        return QStringLiteral("--period '%1': use day, week or month.").arg(options.period);
    }
    return {};
}

QJsonValue jsonTime(std::optional<qint64> ms)
{
    return ms ? QJsonValue(isoUtc(*ms)) : QJsonValue();
}

QString percent(qint64 part, qint64 whole)
{
    return whole > 0 ? QString::number(100.0 * double(part) / double(whole), 'f', 1) + QLatin1Char('%')
                     : QStringLiteral("n/a");
}

void printTop(const QString &title, const QList<TopItem> &items)
{
    out() << title << ":\n";
    if (items.isEmpty()) {
        out() << "  (none)\n";
    }
    int rank = 0;
    for (const TopItem &item : items) {
        out() << QStringLiteral("  %1. ").arg(++rank, 3) << item.name;
        if (!item.artistNames.isEmpty()) {
            out() << " — " << item.artistNames.join(QStringLiteral(", "));
        }
        out() << QStringLiteral("  (%1 plays, %2 min)\n").arg(item.plays).arg(roundedMinutes(item.msPlayed));
    }
}

struct OpenedCache {
    std::unique_ptr<Store> store;
    PlaySnapshot snapshot;
};

// Opens the cache and reads its plays; prints why not and returns the exit code otherwise.
std::variant<OpenedCache, int> openCache(const QString &dataDir)
{
    Store::Outcome opened = Store::open(dataDir);
    if (!opened.store) {
        err() << opened.status.message << '\n';
        return int(Failure);
    }
    if (!opened.status.message.isEmpty()) {
        err() << opened.status.message << '\n';
    }
    auto snapshot = PlaySnapshot::load(opened.store->database());
    if (!snapshot) {
        err() << "Could not read the listening history: " << snapshot.error().message << '\n';
        return int(Failure);
    }
    return OpenedCache{std::move(opened.store), std::move(snapshot).value()};
}

QJsonObject rangeJson(const Request &request, const PlaySnapshot &snapshot)
{
    const bool openFrom = request.range.fromMs == TimeRange().fromMs;
    const bool openTo = request.range.toMs == TimeRange().toMs;
    return {{QStringLiteral("label"), request.rangeLabel},
            {QStringLiteral("from"), openFrom ? QJsonValue() : QJsonValue(isoUtc(request.range.fromMs))},
            {QStringLiteral("to"), openTo ? QJsonValue() : QJsonValue(isoUtc(request.range.toMs))},
            {QStringLiteral("time_zone"), QString::fromUtf8(snapshot.zone().id())}};
}

// The view's figures as JSON, and as text on `out()` when `text` is set.
std::optional<QJsonObject> statsView(const QString &view, const Request &request, OpenedCache &cache, bool text)
{
    const PlaySnapshot &s = cache.snapshot;
    const TimeRange range = request.range;
    QJsonObject result;
    if (view == QLatin1String("overview")) {
        const Overview o = overview(s, range);
        result = {{QStringLiteral("plays"), double(o.plays)},
                  {QStringLiteral("minutes"), roundedMinutes(o.msPlayed)},
                  {QStringLiteral("rows"), double(o.rows)},
                  {QStringLiteral("skips"), double(o.skips)},
                  {QStringLiteral("tracks"), o.tracks},
                  {QStringLiteral("artists"), o.artists},
                  {QStringLiteral("albums"), o.albums},
                  {QStringLiteral("days_listened"), o.daysListened},
                  {QStringLiteral("first_play"), jsonTime(o.firstPlayedAtMs)},
                  {QStringLiteral("last_play"), jsonTime(o.lastPlayedAtMs)}};
        if (text) {
            out() << "Plays:        " << o.plays << " (" << o.rows << " rows, " << o.skips << " skips)\n"
                  << "Minutes:      " << roundedMinutes(o.msPlayed) << '\n'
                  << "Tracks:       " << o.tracks << '\n'
                  << "Artists:      " << o.artists << '\n'
                  << "Albums:       " << o.albums << '\n'
                  << "Days:         " << o.daysListened << '\n';
            if (o.firstPlayedAtMs) {
                out() << "First play:   " << isoUtc(*o.firstPlayedAtMs) << '\n'
                      << "Last play:    " << isoUtc(*o.lastPlayedAtMs) << '\n';
            }
        }
    } else if (view == QLatin1String("top")) {
        for (const TopKind kind : {TopKind::Artists, TopKind::Tracks, TopKind::Albums}) {
            const QList<TopItem> items = topItems(s, kind, range, request.by, request.limit);
            result.insert(topKindKey(kind), topItemsJson(items));
            if (text) {
                printTop(QStringLiteral("Top %1").arg(topKindKey(kind)), items);
            }
        }
        result.insert(QStringLiteral("by"),
                      request.by == Measure::Plays ? QStringLiteral("plays") : QStringLiteral("minutes"));
        QJsonObject spotify;
        for (const SpotifyTopKind kind : {SpotifyTopKind::Artists, SpotifyTopKind::Tracks}) {
            for (const TopRange topRange : {TopRange::ShortTerm, TopRange::MediumTerm, TopRange::LongTerm}) {
                const auto list = latestSpotifyTop(cache.store->database(), kind, topRange);
                if (!list) {
                    err() << list.error().message << '\n';
                    return std::nullopt;
                }
                if (!list.value()) {
                    continue;
                }
                QJsonArray entries;
                for (const SpotifyTopEntry &entry : list.value()->entries) {
                    entries.append(
                        QJsonObject{{QStringLiteral("rank"), entry.rank},
                                    {QStringLiteral("spotify_id"), entry.spotifyId},
                                    {QStringLiteral("name"), entry.name},
                                    {QStringLiteral("artists"), QJsonArray::fromStringList(entry.artistNames)}});
                }
                spotify.insert(spotifyTopKindName(kind) + QLatin1Char('_') + topRangeName(topRange),
                               QJsonObject{{QStringLiteral("taken_on"), list.value()->takenOn.toString(Qt::ISODate)},
                                           {QStringLiteral("entries"), entries}});
            }
        }
        result.insert(QStringLiteral("spotify"), spotify);
        if (text) {
            out() << "Spotify's own top lists: "
                  << (spotify.isEmpty() ? QStringLiteral("none synced yet") : spotify.keys().join(QStringLiteral(", ")))
                  << " (see --json)\n";
        }
    } else if (view == QLatin1String("clock")) {
        const ListeningClock clock = listeningClock(s, range);
        QJsonArray plays;
        QJsonArray mins;
        static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
        if (text) {
            out() << "Plays by local weekday (rows) and hour (columns 0-23):\n";
        }
        for (int day = 0; day < 7; ++day) {
            QJsonArray dayPlays;
            QJsonArray dayMinutes;
            if (text) {
                out() << days[day];
            }
            for (int hour = 0; hour < 24; ++hour) {
                dayPlays.append(double(clock.plays[std::size_t(day * 24 + hour)]));
                dayMinutes.append(roundedMinutes(clock.msPlayed[std::size_t(day * 24 + hour)]));
                if (text) {
                    out() << QStringLiteral(" %1").arg(clock.plays[std::size_t(day * 24 + hour)], 5);
                }
            }
            if (text) {
                out() << '\n';
            }
            plays.append(dayPlays);
            mins.append(dayMinutes);
        }
        result = {{QStringLiteral("plays"), plays}, {QStringLiteral("minutes"), mins}};
    } else if (view == QLatin1String("trend")) {
        const QList<PeriodTotal> totals = listeningTrend(s, request.period, range);
        QJsonArray array;
        for (const PeriodTotal &total : totals) {
            array.append(QJsonObject{{QStringLiteral("start"), total.start.toString(Qt::ISODate)},
                                     {QStringLiteral("plays"), double(total.plays)},
                                     {QStringLiteral("minutes"), roundedMinutes(total.msPlayed)}});
            if (text) {
                out() << total.start.toString(Qt::ISODate)
                      << QStringLiteral("  %1 plays  %2 min\n")
                             .arg(total.plays, 6)
                             .arg(roundedMinutes(total.msPlayed), 9);
            }
        }
        const char *const names[] = {"day", "week", "month"};
        result = {{QStringLiteral("period"), QLatin1String(names[int(request.period)])},
                  {QStringLiteral("totals"), array}};
    } else if (view == QLatin1String("streaks")) {
        const Streaks st = streaks(s, range, QDate::currentDate());
        const auto streakJson = [](const Streak &streak) {
            return QJsonObject{
                {QStringLiteral("days"), streak.days},
                {QStringLiteral("first"), streak.days ? QJsonValue(streak.first.toString(Qt::ISODate)) : QJsonValue()},
                {QStringLiteral("last"), streak.days ? QJsonValue(streak.last.toString(Qt::ISODate)) : QJsonValue()}};
        };
        result = {{QStringLiteral("longest"), streakJson(st.longest)},
                  {QStringLiteral("current"), streakJson(st.current)}};
        if (text) {
            out() << "Longest streak: " << st.longest.days << " days";
            if (st.longest.days) {
                out() << " (" << st.longest.first.toString(Qt::ISODate) << " to "
                      << st.longest.last.toString(Qt::ISODate) << ")";
            }
            out() << "\nCurrent streak: " << st.current.days << " days\n";
        }
    } else if (view == QLatin1String("skips")) {
        const SkipReport report = skipRates(s, range, request.limit);
        QJsonArray artists;
        if (text) {
            out() << "Skipped: " << report.overall.skips << " of " << report.overall.rows << " rows ("
                  << percent(report.overall.skips, report.overall.rows) << ")\n";
        }
        for (const SkipCount &artist : report.artists) {
            artists.append(QJsonObject{{QStringLiteral("id"), double(artist.id)},
                                       {QStringLiteral("name"), artist.name},
                                       {QStringLiteral("rows"), double(artist.rows)},
                                       {QStringLiteral("skips"), double(artist.skips)},
                                       {QStringLiteral("rate"), artist.rate()}});
            if (text) {
                out() << "  " << artist.name << ": " << artist.skips << " of " << artist.rows << " ("
                      << percent(artist.skips, artist.rows) << ")\n";
            }
        }
        result = {{QStringLiteral("rows"), double(report.overall.rows)},
                  {QStringLiteral("skips"), double(report.overall.skips)},
                  {QStringLiteral("rate"), report.overall.rate()},
                  {QStringLiteral("artists"), artists}};
    } else if (view == QLatin1String("discovery")) {
        const DiscoveryTimeline d = discovery(s, range);
        QJsonArray months;
        for (const MonthCount &month : d.newArtistsPerMonth) {
            months.append(QJsonObject{{QStringLiteral("month"), month.month.toString(QStringLiteral("yyyy-MM"))},
                                      {QStringLiteral("new_artists"), month.count}});
            if (text) {
                out() << month.month.toString(QStringLiteral("yyyy-MM")) << "  " << month.count << " new artists\n";
            }
        }
        QJsonArray firsts;
        for (const ArtistDiscovery &artist :
             d.firstListens.mid(qMax<qsizetype>(0, d.firstListens.size() - request.limit))) {
            firsts.append(QJsonObject{
                {QStringLiteral("id"), double(artist.id)},
                {QStringLiteral("spotify_id"), artist.spotifyId.isEmpty() ? QJsonValue() : artist.spotifyId},
                {QStringLiteral("name"), artist.name},
                {QStringLiteral("first_play"), isoUtc(artist.firstPlayedAtMs)}});
        }
        if (text && !firsts.isEmpty()) {
            out() << "Most recent first listens:\n";
            for (const auto &value : firsts) {
                out() << "  " << value[QStringLiteral("first_play")].toString() << "  "
                      << value[QStringLiteral("name")].toString() << '\n';
            }
        }
        result = {{QStringLiteral("new_artists"), double(d.firstListens.size())},
                  {QStringLiteral("per_month"), months},
                  {QStringLiteral("latest_first_listens"), firsts}};
    } else if (view == QLatin1String("platforms")) {
        const ListeningShares shares = listeningShares(s, range);
        QJsonArray platforms;
        for (const PlatformShare &share : shares.platforms) {
            platforms.append(QJsonObject{{QStringLiteral("platform"), platformGroupKey(share.group)},
                                         {QStringLiteral("name"), platformGroupName(share.group)},
                                         {QStringLiteral("plays"), double(share.plays)}});
            if (text) {
                out() << platformGroupName(share.group) << ": " << share.plays << " ("
                      << percent(share.plays, shares.platformKnown) << ")\n";
            }
        }
        result = {{QStringLiteral("platforms"), platforms},
                  {QStringLiteral("platform_known"), double(shares.platformKnown)},
                  {QStringLiteral("shuffle_plays"), double(shares.shufflePlays)},
                  {QStringLiteral("shuffle_known"), double(shares.shuffleKnown)},
                  {QStringLiteral("offline_plays"), double(shares.offlinePlays)},
                  {QStringLiteral("offline_known"), double(shares.offlineKnown)}};
        if (text) {
            out() << "Shuffle: " << percent(shares.shufflePlays, shares.shuffleKnown) << " of " << shares.shuffleKnown
                  << " plays where known\n"
                  << "Offline: " << percent(shares.offlinePlays, shares.offlineKnown) << " of " << shares.offlineKnown
                  << " plays where known\n";
        }
    } else if (view == QLatin1String("eras")) {
        QJsonArray eras;
        for (const EraCount &era : releaseEras(s, range)) {
            eras.append(QJsonObject{{QStringLiteral("decade"), era.decade == 0 ? QJsonValue() : QJsonValue(era.decade)},
                                    {QStringLiteral("plays"), double(era.plays)},
                                    {QStringLiteral("minutes"), roundedMinutes(era.msPlayed)}});
            if (text) {
                out() << (era.decade == 0 ? QStringLiteral("unknown") : QStringLiteral("%1s").arg(era.decade)) << ": "
                      << era.plays << " plays\n";
            }
        }
        result = {{QStringLiteral("eras"), eras}};
    } else if (view == QLatin1String("genres")) {
        const Genres g = genres(s, range, request.limit);
        QJsonArray tags;
        for (const GenreShare &tag : g.tags) {
            tags.append(QJsonObject{{QStringLiteral("tag"), tag.tag}, {QStringLiteral("plays"), tag.plays}});
            if (text) {
                out() << tag.tag << ": " << QString::number(tag.plays, 'f', 1) << " plays\n";
            }
        }
        result = {{QStringLiteral("tags"), tags},
                  {QStringLiteral("tagged_plays"), double(g.taggedPlays)},
                  {QStringLiteral("untagged_plays"), double(g.untaggedPlays)}};
        if (text && g.taggedPlays == 0) {
            out() << "No tags yet: genres come from open MusicBrainz tags once they are looked up.\n";
        }
    }
    result.insert(QStringLiteral("view"), view);
    result.insert(QStringLiteral("range"), rangeJson(request, s));
    return result;
}

// Where the export goes: a file written in full or not at all (QSaveFile), or stdout.
class ExportSink
{
public:
    bool open(const QString &path)
    {
        if (path.isEmpty()) {
            m_device = std::make_unique<QFile>();
            m_writer = std::make_unique<ExportWriter>(m_device.get());
            return static_cast<QFile *>(m_device.get())->open(stdout, QIODevice::WriteOnly);
        }
        m_device = std::make_unique<QSaveFile>(path);
        m_writer = std::make_unique<ExportWriter>(m_device.get());
        return m_device->open(QIODevice::WriteOnly);
    }
    ExportWriter &writer()
    {
        return *m_writer;
    }
    bool finish()
    {
        const bool written = m_writer->flush();
        if (auto *file = qobject_cast<QSaveFile *>(m_device.get())) {
            return written && file->commit();
        }
        return written;
    }
    QString errorString() const
    {
        return m_device->errorString();
    }

private:
    std::unique_ptr<QFileDevice> m_device;
    std::unique_ptr<ExportWriter> m_writer;
};

} // namespace

int runStats(const StatsCommandOptions &options)
{
    static const QStringList views{QStringLiteral("overview"),
                                   QStringLiteral("top"),
                                   QStringLiteral("clock"),
                                   QStringLiteral("trend"),
                                   QStringLiteral("streaks"),
                                   QStringLiteral("skips"),
                                   QStringLiteral("discovery"),
                                   QStringLiteral("platforms"),
                                   QStringLiteral("eras"),
                                   QStringLiteral("genres")};
    const QString view = options.view.isEmpty() ? QStringLiteral("overview") : options.view;
    if (!views.contains(view)) {
        return usage(
            QStringLiteral("Unknown statistics '%1': use one of %2.").arg(view, views.join(QStringLiteral(", "))));
    }
    Request request;
    if (const QString problem = parseRequest(options, QTimeZone::systemTimeZone(), 10, request); !problem.isEmpty()) {
        return usage(problem);
    }
    auto opened = openCache(options.dataDir);
    if (auto *code = std::get_if<int>(&opened)) {
        return *code;
    }
    OpenedCache &cache = std::get<OpenedCache>(opened);
    if (!options.json) {
        out() << "Range: " << request.rangeLabel << " (time zone " << QString::fromUtf8(cache.snapshot.zone().id())
              << ")\n";
    }
    const auto result = statsView(view, request, cache, !options.json);
    if (!result) {
        return Failure;
    }
    if (options.json) {
        out() << QJsonDocument(*result).toJson(QJsonDocument::Indented);
    }
    return Success;
}

int runExport(const StatsCommandOptions &options)
{
    if (options.format != QLatin1String("csv") && options.format != QLatin1String("json")) {
        return usage(options.format.isEmpty() ? QStringLiteral("export needs --format csv or --format json.")
                                              : QStringLiteral("--format '%1': use csv or json.").arg(options.format));
    }
    const QString what = options.what.isEmpty() ? QStringLiteral("plays") : options.what;
    if (what != QLatin1String("plays") && what != QLatin1String("top")) {
        return usage(QStringLiteral("--what '%1': use plays or top.").arg(what));
    }
    Request request;
    if (const QString problem = parseRequest(options, QTimeZone::systemTimeZone(), 50, request); !problem.isEmpty()) {
        return usage(problem);
    }
    const ExportFormat format = options.format == QLatin1String("json") ? ExportFormat::Json : ExportFormat::Csv;
    ExportSink sink;
    if (!sink.open(options.output)) {
        err() << "Cannot write " << options.output << ": " << sink.errorString() << '\n';
        return Failure;
    }
    qint64 rows = 0;
    if (what == QLatin1String("plays")) {
        Store::Outcome opened = Store::open(options.dataDir);
        if (!opened.store) {
            err() << opened.status.message << '\n';
            return Failure;
        }
        const auto exported = exportPlays(opened.store->database(), request.range, format, sink.writer());
        if (!exported) {
            err() << "Could not read the listening history: " << exported.error().message << '\n';
            return Failure;
        }
        rows = exported.value();
    } else {
        auto opened = openCache(options.dataDir);
        if (auto *code = std::get_if<int>(&opened)) {
            return *code;
        }
        const PlaySnapshot &snapshot = std::get<OpenedCache>(opened).snapshot;
        exportTopLists(snapshot,
                       request.range,
                       request.by,
                       request.limit,
                       rangeJson(request, snapshot),
                       format,
                       sink.writer());
    }
    if (!sink.finish()) {
        err() << "Cannot write " << (options.output.isEmpty() ? QStringLiteral("to the output") : options.output)
              << ": " << sink.errorString() << '\n';
        return Failure;
    }
    if (!options.output.isEmpty()) {
        err() << "Wrote " << options.output;
        if (what == QLatin1String("plays")) {
            err() << " (" << rows << " plays)";
        }
        err() << ".\n";
    }
    return Success;
}
