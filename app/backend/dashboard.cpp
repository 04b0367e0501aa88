#include "dashboard.h"

#include "engine/stats/export.h"
#include "engine/stats/itemhistory.h"
#include "engine/stats/playsnapshot.h"
#include "engine/stats/spotifytop.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QImage>
#include <QJSEngine>
#include <QLocale>
#include <QLoggingCategory>
#include <QSaveFile>

#include <algorithm>

Q_LOGGING_CATEGORY(lcDashboard, "tunescout.app.dashboard")

using Entry = StatsListModel::Entry;

namespace
{

Dashboard *s_instance = nullptr;

constexpr int TopListLength = 50;
constexpr int GenreCount = 15;
// Lines on the rank chart: more would be a tangle no one can follow.
constexpr int RankChartLines = 10;
// How many periods and measures keep their figures: the four presets by plays and by minutes.
constexpr qsizetype CachedFigures = 8;

QString number(qint64 value)
{
    return QLocale().toString(value);
}

QString wholeMinutes(qint64 ms)
{
    return QLocale().toString(ms / 60'000);
}

QString percent(qint64 part, qint64 whole)
{
    if (whole <= 0) {
        return Dashboard::tr("—");
    }
    return Dashboard::tr("%1%").arg(QLocale().toString(100.0 * double(part) / double(whole), 'f', 0));
}

// The date formats are translated: German writes the day with a full stop ("4. Nov. 2023").
QString dayText(QDate date)
{
    return QLocale().toString(date, Dashboard::tr("d MMM yyyy", "date format: day"));
}

QString monthText(QDate date)
{
    return QLocale().toString(date, QStringLiteral("MMM yyyy"));
}

QString momentText(const std::optional<qint64> &ms, const QTimeZone &zone)
{
    if (!ms) {
        return Dashboard::tr("—");
    }
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(*ms, zone),
                              Dashboard::tr("d MMM yyyy, HH:mm", "date format: day and time"));
}

// "1 play" keeps a string of its own, so the figures read well without a translation loaded (the CLI, the tests);
// the other counts go through %Ln, whose forms let a language with more plurals than English say them right.
QString countOfPlays(qint64 plays)
{
    return plays == 1 ? Dashboard::tr("1 play") : Dashboard::tr("%Ln plays", nullptr, int(plays));
}

QString measured(Dashboard::Measure measure, qint64 plays, qint64 ms)
{
    return measure == Dashboard::Measure::Plays ? countOfPlays(plays) : Dashboard::tr("%1 min").arg(wholeMinutes(ms));
}

double measuredValue(Dashboard::Measure measure, qint64 plays, qint64 ms)
{
    return measure == Dashboard::Measure::Plays ? double(plays) : double(ms) / 60'000.0;
}

QString streakText(int days)
{
    return days == 1 ? Dashboard::tr("1 day") : Dashboard::tr("%Ln days", nullptr, days);
}

QString weekdayName(int isoWeekday)
{
    return QLocale().standaloneDayName(isoWeekday, QLocale::LongFormat);
}

int itemKindOf(engine::TopKind kind)
{
    switch (kind) {
    case engine::TopKind::Artists:
        return int(Dashboard::ItemKind::Artist);
    case engine::TopKind::Tracks:
        return int(Dashboard::ItemKind::Track);
    case engine::TopKind::Albums:
        return int(Dashboard::ItemKind::Album);
    }
    return -1;
}

engine::TopKind topKindOf(Dashboard::ItemKind kind)
{
    switch (kind) {
    case Dashboard::ItemKind::Artist:
        return engine::TopKind::Artists;
    case Dashboard::ItemKind::Track:
        return engine::TopKind::Tracks;
    case Dashboard::ItemKind::Album:
        return engine::TopKind::Albums;
    }
    return engine::TopKind::Artists;
}

QString kindName(Dashboard::ItemKind kind)
{
    switch (kind) {
    case Dashboard::ItemKind::Artist:
        return Dashboard::tr("Artist");
    case Dashboard::ItemKind::Track:
        return Dashboard::tr("Track");
    case Dashboard::ItemKind::Album:
        return Dashboard::tr("Album");
    }
    return {};
}

QList<Entry> topEntries(const QList<engine::TopItem> &items, engine::TopKind kind, Dashboard::Measure measure)
{
    QList<Entry> entries;
    entries.reserve(items.size());
    for (const engine::TopItem &item : items) {
        Entry entry;
        entry.label = item.name;
        entry.detail = item.artistNames.join(QStringLiteral(", "));
        if (kind == engine::TopKind::Tracks && !item.albumName.isEmpty()) {
            entry.detail = Dashboard::tr("%1 · %2").arg(entry.detail, item.albumName);
        }
        entry.value = measuredValue(measure, item.plays, item.msPlayed);
        entry.valueText = measured(measure, item.plays, item.msPlayed);
        entry.itemId = item.id;
        entry.itemKind = itemKindOf(kind);
        entries.append(entry);
    }
    return entries;
}

QList<Entry> trendEntries(const QList<engine::PeriodTotal> &totals, engine::Period period, Dashboard::Measure measure)
{
    QList<Entry> entries;
    entries.reserve(totals.size());
    for (const engine::PeriodTotal &total : totals) {
        Entry entry;
        switch (period) {
        case engine::Period::Day:
            entry.label = dayText(total.start);
            break;
        case engine::Period::Week:
            entry.label = Dashboard::tr("Week of %1").arg(dayText(total.start));
            break;
        case engine::Period::Month:
            entry.label = monthText(total.start);
            break;
        }
        entry.detail = total.start.toString(Qt::ISODate);
        entry.value = measuredValue(measure, total.plays, total.msPlayed);
        entry.valueText = measured(measure, total.plays, total.msPlayed);
        entries.append(entry);
    }
    return entries;
}

} // namespace

// Everything one period and measure shows, formatted on the store's thread so the GUI thread only assigns it.
struct Dashboard::Figures {
    bool empty = true;
    QString plays;
    QString minutes;
    QString hours;
    QString artists;
    QString tracks;
    QString days;
    QString longestStreak;
    QString longestStreakDates;
    QString currentStreak;
    QString skipRate;
    QString shuffle;
    QString offline;
    QString clockPeak;
    QList<qreal> clock;
    QString genresNote;
    QList<Entry> topArtists;
    QList<Entry> topTracks;
    QList<Entry> topAlbums;
    std::array<QList<Entry>, 3> trends; // by TrendPeriod
    QList<Entry> newArtists;
    QList<Entry> firstListens;
    QList<Entry> eras;
    QList<Entry> genres;
    QList<Entry> platforms;
    qint64 computeMs = 0;

    static Figures compute(const engine::PlaySnapshot &snapshot, engine::TimeRange range, Measure measure, QDate today);
};

Dashboard::Figures
Dashboard::Figures::compute(const engine::PlaySnapshot &snapshot, engine::TimeRange range, Measure measure, QDate today)
{
    QElapsedTimer timer;
    timer.start();
    Figures figures;
    const engine::Overview overview = engine::overview(snapshot, range);
    figures.empty = overview.plays == 0;
    figures.plays = number(overview.plays);
    figures.minutes = wholeMinutes(overview.msPlayed);
    figures.hours = number(overview.msPlayed / 3'600'000);
    figures.artists = number(overview.artists);
    figures.tracks = number(overview.tracks);
    figures.days = number(overview.daysListened);

    const engine::Streaks streaks = engine::streaks(snapshot, range, today);
    figures.longestStreak = streakText(streaks.longest.days);
    figures.longestStreakDates = streaks.longest.days > 0
        ? tr("%1 – %2").arg(dayText(streaks.longest.first), dayText(streaks.longest.last))
        : QString();
    figures.currentStreak = streakText(streaks.current.days);

    const engine::SkipReport skips = engine::skipRates(snapshot, range, 0);
    figures.skipRate = percent(skips.overall.skips, skips.overall.rows);

    const engine::ListeningShares shares = engine::listeningShares(snapshot, range);
    figures.shuffle = percent(shares.shufflePlays, shares.shuffleKnown);
    figures.offline = percent(shares.offlinePlays, shares.offlineKnown);
    for (const engine::PlatformShare &share : shares.platforms) {
        Entry entry;
        entry.label = engine::platformGroupName(share.group);
        entry.value = double(share.plays);
        entry.valueText = percent(share.plays, shares.platformKnown);
        figures.platforms.append(entry);
    }

    const engine::ListeningClock clock = engine::listeningClock(snapshot, range);
    qsizetype peak = -1;
    for (qsizetype slot = 0; slot < qsizetype(clock.plays.size()); ++slot) {
        const double value = measuredValue(measure, clock.plays[std::size_t(slot)], clock.msPlayed[std::size_t(slot)]);
        figures.clock.append(value);
        if (value > 0 && (peak < 0 || value > figures.clock.at(peak))) {
            peak = slot;
        }
    }
    if (peak >= 0) {
        const int hour = int(peak % 24);
        figures.clockPeak = tr("You listen most on %1s from %2:00 to %3:00.")
                                .arg(weekdayName(int(peak / 24) + 1))
                                .arg(hour, 2, 10, QLatin1Char('0'))
                                .arg((hour + 1) % 24, 2, 10, QLatin1Char('0'));
    }

    const auto by = measure == Measure::Plays ? engine::Measure::Plays : engine::Measure::Minutes;
    figures.topArtists = topEntries(engine::topItems(snapshot, engine::TopKind::Artists, range, by, TopListLength),
                                    engine::TopKind::Artists,
                                    measure);
    figures.topTracks = topEntries(engine::topItems(snapshot, engine::TopKind::Tracks, range, by, TopListLength),
                                   engine::TopKind::Tracks,
                                   measure);
    figures.topAlbums = topEntries(engine::topItems(snapshot, engine::TopKind::Albums, range, by, TopListLength),
                                   engine::TopKind::Albums,
                                   measure);

    for (const engine::Period period : {engine::Period::Day, engine::Period::Week, engine::Period::Month}) {
        figures.trends[std::size_t(period)] =
            trendEntries(engine::listeningTrend(snapshot, period, range), period, measure);
    }

    const engine::DiscoveryTimeline discovery = engine::discovery(snapshot, range);
    for (const engine::MonthCount &month : discovery.newArtistsPerMonth) {
        Entry entry;
        entry.label = monthText(month.month);
        entry.detail = month.month.toString(Qt::ISODate);
        entry.value = month.count;
        entry.valueText = month.count == 1 ? tr("1 new artist") : tr("%Ln new artists", nullptr, int(month.count));
        figures.newArtists.append(entry);
    }
    // The most recent discoveries first: those are the ones a person remembers and looks for.
    for (auto it = discovery.firstListens.crbegin(); it != discovery.firstListens.crend(); ++it) {
        Entry entry;
        entry.label = it->name;
        entry.detail = momentText(it->firstPlayedAtMs, snapshot.zone());
        entry.value = double(it->firstPlayedAtMs);
        entry.valueText = dayText(QDateTime::fromMSecsSinceEpoch(it->firstPlayedAtMs, snapshot.zone()).date());
        entry.itemId = it->id;
        entry.itemKind = int(ItemKind::Artist);
        figures.firstListens.append(entry);
    }

    for (const engine::EraCount &era : engine::releaseEras(snapshot, range)) {
        Entry entry;
        entry.label = era.decade == 0 ? tr("Unknown") : tr("%1s").arg(era.decade);
        entry.value = measuredValue(measure, era.plays, era.msPlayed);
        entry.valueText = measured(measure, era.plays, era.msPlayed);
        figures.eras.append(entry);
    }

    const engine::Genres genres = engine::genres(snapshot, range, GenreCount);
    const qint64 counted = genres.taggedPlays + genres.untaggedPlays;
    for (const engine::GenreShare &share : genres.tags) {
        Entry entry;
        entry.label = share.tag;
        entry.value = share.plays;
        entry.valueText = percent(qint64(share.plays + 0.5), genres.taggedPlays);
        figures.genres.append(entry);
    }
    if (snapshot.tagNames().isEmpty()) {
        figures.genresNote = tr("No genre tags are loaded yet. They come from MusicBrainz when the optional tag "
                                "lookup has run; until then this chart stays empty.");
    } else if (counted > 0 && genres.untaggedPlays > 0) {
        figures.genresNote =
            tr("Tags are known for %1 of the plays in this period.").arg(percent(genres.taggedPlays, counted));
    }
    figures.computeMs = timer.elapsed();
    return figures;
}

Dashboard::Dashboard(engine::StoreThread *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    m_range = engine::rangeForPreset(m_preset, QDate::currentDate(), QTimeZone::systemTimeZone()).value_or(m_range);
}

Dashboard::~Dashboard()
{
    s_instance = nullptr;
}

Dashboard *Dashboard::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "Dashboard::create", "main() creates Dashboard before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void Dashboard::activate()
{
    if (m_state == State::Idle || m_state == State::Failed) {
        load();
    }
}

void Dashboard::load()
{
    if (m_state != State::Ready) {
        setState(State::Loading);
    }
    setBusy(true);
    const quint64 generation = ++m_generation;
    struct Loaded {
        SnapshotPtr snapshot;
        qint64 rows = 0;
        qint64 loadMs = 0;
    };
    m_store->post(
        [](engine::Store &store) -> engine::Result<Loaded> {
            QElapsedTimer timer;
            timer.start();
            auto snapshot = engine::PlaySnapshot::load(store.database());
            if (!snapshot) {
                return snapshot.error();
            }
            Loaded loaded;
            loaded.snapshot = std::make_shared<engine::PlaySnapshot>(std::move(snapshot).value());
            loaded.rows = qint64(loaded.snapshot->rows().size());
            loaded.loadMs = timer.elapsed();
            return loaded;
        },
        this,
        [this, generation](engine::Result<Loaded> loaded) {
            if (generation != m_generation) {
                return;
            }
            if (!loaded) {
                qCWarning(lcDashboard) << "could not read the listening history:" << loaded.error().message;
                setBusy(false);
                setState(State::Failed, tr("The listening history could not be read: %1").arg(loaded.error().message));
                return;
            }
            qCInfo(lcDashboard) << "history loaded:" << loaded.value().rows << "rows in" << loaded.value().loadMs
                                << "ms";
            m_snapshot = loaded.value().snapshot;
            m_cache.clear();
            loadSpotifyTop();
            if (loaded.value().rows == 0) {
                setBusy(false);
                setState(State::Empty);
                Q_EMIT figuresShown();
                return;
            }
            if (m_state != State::Ready) {
                setState(State::Ready);
            }
            compute();
            if (m_detail.isOpen()) {
                loadDetail();
            }
        });
}

void Dashboard::historyChanged(bool rewritten)
{
    if (!m_snapshot) {
        return; // nothing loaded yet: the first load reads the new plays anyway
    }
    if (rewritten || m_state == State::Failed) {
        load();
        return;
    }
    const quint64 generation = m_generation;
    SnapshotPtr snapshot = m_snapshot;
    m_store->post(
        [snapshot](engine::Store &store) -> engine::Result<int> {
            return snapshot->refresh(store.database());
        },
        this,
        [this, generation](engine::Result<int> added) {
            if (generation != m_generation) {
                return;
            }
            loadSpotifyTop();
            if (!added) {
                qCWarning(lcDashboard) << "could not pick up new plays:" << added.error().message;
                load();
                return;
            }
            if (added.value() == 0) {
                return;
            }
            ++m_generation;
            m_cache.clear();
            if (m_state != State::Ready) {
                setState(State::Ready);
            }
            compute();
            if (m_detail.isOpen()) {
                loadDetail();
            }
        });
}

void Dashboard::tagsChanged()
{
    if (!m_snapshot) {
        return; // nothing loaded yet: the first load reads the tags anyway
    }
    load();
}

QString Dashboard::cacheKey() const
{
    return QStringLiteral("%1|%2|%3").arg(m_range.fromMs).arg(m_range.toMs).arg(int(m_measure));
}

std::shared_ptr<const Dashboard::Figures> Dashboard::cached(const QString &key)
{
    const auto found = std::find_if(m_cache.begin(), m_cache.end(), [&key](const auto &entry) {
        return entry.first == key;
    });
    if (found == m_cache.end()) {
        return nullptr;
    }
    auto figures = found->second;
    m_cache.erase(found);
    m_cache.append({key, figures});
    return figures;
}

void Dashboard::remember(const QString &key, const std::shared_ptr<const Figures> &figures)
{
    m_cache.removeIf([&key](const auto &entry) {
        return entry.first == key;
    });
    m_cache.append({key, figures});
    if (m_cache.size() > CachedFigures) {
        m_cache.remove(0, m_cache.size() - CachedFigures);
    }
}

void Dashboard::compute()
{
    if (m_state != State::Ready || !m_snapshot) {
        return;
    }
    const QString key = cacheKey();
    if (const auto figures = cached(key)) {
        show(figures);
        return;
    }
    setBusy(true);
    const quint64 generation = m_generation;
    m_store->post(
        [snapshot = m_snapshot, range = m_range, measure = m_measure, today = QDate::currentDate()](
            engine::Store &) -> engine::Result<std::shared_ptr<const Figures>> {
            return std::make_shared<const Figures>(Figures::compute(*snapshot, range, measure, today));
        },
        this,
        [this, key, generation](engine::Result<std::shared_ptr<const Figures>> figures) {
            if (generation != m_generation || !figures) {
                return;
            }
            qCInfo(lcDashboard) << "figures computed in" << figures.value()->computeMs << "ms";
            remember(key, figures.value());
            if (key == cacheKey()) {
                show(figures.value());
            }
        });
}

void Dashboard::show(const std::shared_ptr<const Figures> &figures)
{
    m_figures = figures;
    m_topArtists.setEntries(figures->topArtists);
    m_topTracks.setEntries(figures->topTracks);
    m_topAlbums.setEntries(figures->topAlbums);
    m_newArtists.setEntries(figures->newArtists);
    m_firstListens.setEntries(figures->firstListens);
    m_eras.setEntries(figures->eras);
    m_genres.setEntries(figures->genres);
    m_platforms.setEntries(figures->platforms);
    showTrend();
    setBusy(false);
    Q_EMIT resultsChanged();
    Q_EMIT figuresShown();
}

void Dashboard::showTrend()
{
    m_trend.setEntries(m_figures ? m_figures->trends[std::size_t(m_trendPeriod)] : QList<Entry>());
}

void Dashboard::loadSpotifyTop()
{
    if (!m_snapshot) {
        return;
    }
    const quint64 request = ++m_spotifyRequest;
    const auto kind =
        m_spotifyKind == SpotifyKind::Artists ? engine::SpotifyTopKind::Artists : engine::SpotifyTopKind::Tracks;
    const auto range = std::array{engine::TopRange::ShortTerm,
                                  engine::TopRange::MediumTerm,
                                  engine::TopRange::LongTerm}[std::size_t(m_spotifyRange)];
    m_store->post(
        [kind, range](engine::Store &store) {
            return engine::spotifyTopHistory(store.database(), kind, range);
        },
        this,
        [this, request](engine::Result<engine::SpotifyTopHistory> history) {
            if (request != m_spotifyRequest) {
                return;
            }
            QList<Entry> entries;
            if (!history) {
                m_spotifyNote = tr("Spotify's lists could not be read: %1").arg(history.error().message);
            } else if (history.value().dates.isEmpty()) {
                m_spotifyNote = tr("Spotify's own lists appear here after a sync while signed in.");
            } else {
                const auto &dates = history.value().dates;
                const qsizetype last = dates.size() - 1;
                m_spotifyNote = dates.size() == 1 ? tr("Spotify's list of %1.").arg(dayText(dates.constLast()))
                                                  : tr("Spotify's list of %1; changes since %2 (%3 snapshots kept).")
                                                        .arg(dayText(dates.constLast()), dayText(dates.at(last - 1)))
                                                        .arg(dates.size());
                for (const auto &line : history.value().items) {
                    const int rank = line.ranks.value(last);
                    if (rank == 0) {
                        continue; // items come best-ranked on the latest day first; the rest dropped off
                    }
                    Entry entry;
                    entry.label = line.name;
                    entry.value = rank;
                    entry.valueText = tr("#%1").arg(rank);
                    entry.itemId = line.id;
                    entry.itemKind = int(m_spotifyKind == SpotifyKind::Artists ? ItemKind::Artist : ItemKind::Track);
                    const int before = last > 0 ? line.ranks.value(last - 1) : rank;
                    if (before == 0) {
                        entry.change = tr("new");
                    } else if (before > rank) {
                        entry.change = tr("▲ %1").arg(before - rank);
                    } else if (before < rank) {
                        entry.change = tr("▼ %1").arg(rank - before);
                    }
                    const auto onList = std::count_if(line.ranks.cbegin(), line.ranks.cend(), [](int r) {
                        return r > 0;
                    });
                    entry.detail =
                        onList == 1 ? tr("on the list once") : tr("on the list %Ln times", nullptr, int(onList));
                    entries.append(entry);
                }
            }
            m_spotifyTop.setEntries(entries);
            m_spotifyHistory.setContent(
                history ? RankHistoryModel::chart(history.value(), RankChartLines) : RankHistoryModel::Content(),
                int(m_spotifyKind == SpotifyKind::Artists ? ItemKind::Artist : ItemKind::Track));
            Q_EMIT spotifyTopChanged();
        });
}

void Dashboard::openDetail(ItemKind kind, qint64 id)
{
    m_detailKind = kind;
    m_detailId = id;
    m_detail.startLoading(kindName(kind));
    loadDetail();
}

void Dashboard::closeDetail()
{
    ++m_detailRequest;
    m_detail.close();
}

void Dashboard::loadDetail()
{
    if (!m_snapshot) {
        m_detail.setContent({}, {});
        return;
    }
    const quint64 request = ++m_detailRequest;
    const ItemKind kind = m_detailKind;
    m_store->post(
        [snapshot = m_snapshot, kind, id = m_detailId, range = m_range](
            engine::Store &) -> engine::Result<std::optional<engine::ItemHistory>> {
            return engine::itemHistory(*snapshot, topKindOf(kind), id, range);
        },
        this,
        [this, request, kind](engine::Result<std::optional<engine::ItemHistory>> history) {
            if (request != m_detailRequest) {
                return;
            }
            ItemDetail::Content content;
            content.kindName = kindName(kind);
            QList<Entry> months;
            if (history && history.value()) {
                const engine::ItemHistory &item = *history.value();
                const QTimeZone zone = QTimeZone::systemTimeZone();
                content.found = true;
                content.title = item.name;
                content.subtitle = item.artistNames.join(QStringLiteral(", "));
                if (!item.albumName.isEmpty()) {
                    content.subtitle = tr("%1 · %2").arg(content.subtitle, item.albumName);
                }
                content.playsText = number(item.plays);
                content.minutesText = wholeMinutes(item.msPlayed);
                content.firstListen = momentText(item.firstPlayedAtMs, zone);
                content.lastListen = momentText(item.lastPlayedAtMs, zone);
                content.skipRateText = percent(item.skips, item.rows);
                months = trendEntries(item.months, engine::Period::Month, Measure::Plays);
            }
            m_detail.setContent(content, months);
        });
}

void Dashboard::setPreset(const QString &preset)
{
    const auto range = engine::rangeForPreset(preset, QDate::currentDate(), QTimeZone::systemTimeZone());
    if (!range) {
        m_rangeError = tr("Unknown period “%1”: use 4w, 6m, 1y or all.").arg(preset);
        Q_EMIT rangeChanged();
        return;
    }
    m_preset = preset;
    m_range = *range;
    m_rangeError.clear();
    Q_EMIT rangeChanged();
    compute();
    if (m_detail.isOpen()) {
        loadDetail();
    }
}

bool Dashboard::setCustomRange(const QString &from, const QString &to)
{
    const auto parse = [](const QString &text, QDate &date) {
        date = QDate();
        if (text.trimmed().isEmpty()) {
            return true;
        }
        date = QDate::fromString(text.trimmed(), Qt::ISODate);
        return date.isValid();
    };
    QDate first;
    QDate last;
    if (!parse(from, first)) {
        m_rangeError = tr("“%1” is not a date: write the first day as YYYY-MM-DD, e.g. 2024-03-01.").arg(from);
    } else if (!parse(to, last)) {
        m_rangeError = tr("“%1” is not a date: write the last day as YYYY-MM-DD, e.g. 2024-03-31.").arg(to);
    } else if (first.isValid() && last.isValid() && first > last) {
        m_rangeError = tr("The first day (%1) is after the last day (%2).").arg(dayText(first), dayText(last));
    } else {
        m_rangeError.clear();
    }
    if (!m_rangeError.isEmpty()) {
        Q_EMIT rangeChanged();
        return false;
    }
    m_preset = QStringLiteral("custom");
    m_customFrom = first;
    m_customTo = last;
    m_range = engine::rangeOfLocalDays(first, last, QTimeZone::systemTimeZone());
    Q_EMIT rangeChanged();
    compute();
    if (m_detail.isOpen()) {
        loadDetail();
    }
    return true;
}

void Dashboard::setState(State state, const QString &error)
{
    if (m_state == state && m_error == error) {
        return;
    }
    m_state = state;
    m_error = error;
    Q_EMIT stateChanged();
}

void Dashboard::setBusy(bool busy)
{
    if (m_busy != busy) {
        m_busy = busy;
        Q_EMIT busyChanged();
    }
}

Dashboard::State Dashboard::state() const
{
    return m_state;
}

bool Dashboard::busy() const
{
    return m_busy;
}

QString Dashboard::errorMessage() const
{
    return m_error;
}

QString Dashboard::preset() const
{
    return m_preset;
}

QString Dashboard::customFrom() const
{
    return m_customFrom.toString(Qt::ISODate);
}

QString Dashboard::customTo() const
{
    return m_customTo.toString(Qt::ISODate);
}

QString Dashboard::rangeLabel() const
{
    if (m_range.isAllTime()) {
        return tr("All time");
    }
    const QTimeZone zone = QTimeZone::systemTimeZone();
    const auto day = [&zone](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, zone).date();
    };
    const bool openStart = m_range.fromMs == std::numeric_limits<qint64>::min();
    const bool openEnd = m_range.toMs == std::numeric_limits<qint64>::max();
    if (openStart) {
        return tr("Until %1").arg(dayText(day(m_range.toMs - 1)));
    }
    if (openEnd) {
        return tr("Since %1").arg(dayText(day(m_range.fromMs)));
    }
    return tr("%1 – %2").arg(dayText(day(m_range.fromMs)), dayText(day(m_range.toMs - 1)));
}

QString Dashboard::rangeError() const
{
    return m_rangeError;
}

Dashboard::Measure Dashboard::measure() const
{
    return m_measure;
}

void Dashboard::setMeasure(Measure measure)
{
    if (m_measure == measure) {
        return;
    }
    m_measure = measure;
    Q_EMIT measureChanged();
    compute();
}

Dashboard::TrendPeriod Dashboard::trendPeriod() const
{
    return m_trendPeriod;
}

void Dashboard::setTrendPeriod(TrendPeriod period)
{
    if (m_trendPeriod == period) {
        return;
    }
    m_trendPeriod = period;
    showTrend();
    Q_EMIT trendPeriodChanged();
}

bool Dashboard::periodEmpty() const
{
    return !m_figures || m_figures->empty;
}

QString Dashboard::playsText() const
{
    return m_figures ? m_figures->plays : QString();
}

QString Dashboard::minutesText() const
{
    return m_figures ? m_figures->minutes : QString();
}

QString Dashboard::hoursText() const
{
    return m_figures ? m_figures->hours : QString();
}

QString Dashboard::artistsText() const
{
    return m_figures ? m_figures->artists : QString();
}

QString Dashboard::tracksText() const
{
    return m_figures ? m_figures->tracks : QString();
}

QString Dashboard::daysText() const
{
    return m_figures ? m_figures->days : QString();
}

QString Dashboard::longestStreakText() const
{
    return m_figures ? m_figures->longestStreak : QString();
}

QString Dashboard::longestStreakDates() const
{
    return m_figures ? m_figures->longestStreakDates : QString();
}

QString Dashboard::currentStreakText() const
{
    return m_figures ? m_figures->currentStreak : QString();
}

QString Dashboard::skipRateText() const
{
    return m_figures ? m_figures->skipRate : QString();
}

QString Dashboard::shuffleText() const
{
    return m_figures ? m_figures->shuffle : QString();
}

QString Dashboard::offlineText() const
{
    return m_figures ? m_figures->offline : QString();
}

QString Dashboard::clockPeakText() const
{
    return m_figures ? m_figures->clockPeak : QString();
}

QString Dashboard::genresNote() const
{
    return m_figures ? m_figures->genresNote : QString();
}

QList<qreal> Dashboard::clockValues() const
{
    return m_figures ? m_figures->clock : QList<qreal>(168, 0.0);
}

double Dashboard::clockMax() const
{
    return m_figures && !m_figures->clock.isEmpty()
        ? *std::max_element(m_figures->clock.cbegin(), m_figures->clock.cend())
        : 0.0;
}

StatsListModel *Dashboard::topArtists()
{
    return &m_topArtists;
}

StatsListModel *Dashboard::topTracks()
{
    return &m_topTracks;
}

StatsListModel *Dashboard::topAlbums()
{
    return &m_topAlbums;
}

StatsListModel *Dashboard::trend()
{
    return &m_trend;
}

StatsListModel *Dashboard::newArtists()
{
    return &m_newArtists;
}

StatsListModel *Dashboard::firstListens()
{
    return &m_firstListens;
}

StatsListModel *Dashboard::eras()
{
    return &m_eras;
}

StatsListModel *Dashboard::genres()
{
    return &m_genres;
}

StatsListModel *Dashboard::platforms()
{
    return &m_platforms;
}

StatsListModel *Dashboard::spotifyTop()
{
    return &m_spotifyTop;
}

RankHistoryModel *Dashboard::spotifyHistory()
{
    return &m_spotifyHistory;
}

Dashboard::SpotifyKind Dashboard::spotifyTopKind() const
{
    return m_spotifyKind;
}

void Dashboard::setSpotifyTopKind(SpotifyKind kind)
{
    if (m_spotifyKind != kind) {
        m_spotifyKind = kind;
        Q_EMIT spotifyTopChanged();
        loadSpotifyTop();
    }
}

Dashboard::SpotifyRange Dashboard::spotifyTopRange() const
{
    return m_spotifyRange;
}

void Dashboard::setSpotifyTopRange(SpotifyRange range)
{
    if (m_spotifyRange != range) {
        m_spotifyRange = range;
        Q_EMIT spotifyTopChanged();
        loadSpotifyTop();
    }
}

QString Dashboard::spotifyTopNote() const
{
    return m_spotifyNote;
}

ItemDetail *Dashboard::detail()
{
    return &m_detail;
}

bool Dashboard::exportBusy() const
{
    return m_exportBusy;
}

bool Dashboard::exportFailed() const
{
    return m_exportFailed;
}

QString Dashboard::exportMessage() const
{
    return m_exportMessage;
}

void Dashboard::setExportResult(bool failed, const QString &message)
{
    m_exportBusy = false;
    m_exportFailed = failed;
    m_exportMessage = message;
    Q_EMIT exportChanged();
}

void Dashboard::exportPlays(const QUrl &file, const QString &format)
{
    startExport(file, format, false);
}

void Dashboard::exportTopLists(const QUrl &file, const QString &format)
{
    startExport(file, format, true);
}

void Dashboard::startExport(const QUrl &file, const QString &format, bool topLists)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : QString();
    if (path.isEmpty()) {
        setExportResult(true, tr("Choose a file on this computer to export to (not “%1”).").arg(file.toString()));
        return;
    }
    if (format != QLatin1String("csv") && format != QLatin1String("json")) {
        setExportResult(true, tr("Unknown export format “%1”: use csv or json.").arg(format));
        return;
    }
    if (!m_snapshot) {
        setExportResult(true, tr("The listening history is not loaded yet."));
        return;
    }
    m_exportBusy = true;
    m_exportMessage = tr("Exporting to %1…").arg(path);
    m_exportFailed = false;
    Q_EMIT exportChanged();
    const auto exportFormat = format == QLatin1String("json") ? engine::ExportFormat::Json : engine::ExportFormat::Csv;
    const auto by = m_measure == Measure::Plays ? engine::Measure::Plays : engine::Measure::Minutes;
    const QJsonObject rangeDescription{
        {QStringLiteral("label"), rangeLabel()},
        {QStringLiteral("from"),
         m_range.fromMs == engine::TimeRange().fromMs ? QJsonValue() : QJsonValue(engine::isoUtc(m_range.fromMs))},
        {QStringLiteral("to"),
         m_range.toMs == engine::TimeRange().toMs ? QJsonValue() : QJsonValue(engine::isoUtc(m_range.toMs))},
        {QStringLiteral("time_zone"), QString::fromUtf8(QTimeZone::systemTimeZone().id())}};
    m_store->post(
        [snapshot = m_snapshot, range = m_range, by, rangeDescription, exportFormat, topLists, path](
            engine::Store &store) -> engine::Result<qint64> {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly)) {
                return engine::Error{engine::Error::Code::Io, tr("Cannot write %1: %2").arg(path, file.errorString())};
            }
            engine::ExportWriter writer(&file);
            qint64 written = 0;
            if (topLists) {
                engine::exportTopLists(*snapshot, range, by, TopListLength, rangeDescription, exportFormat, writer);
            } else {
                auto plays = engine::exportPlays(store.database(), range, exportFormat, writer);
                if (!plays) {
                    return plays.error();
                }
                written = plays.value();
            }
            if (!writer.flush() || !file.commit()) {
                return engine::Error{engine::Error::Code::Io, tr("Cannot write %1: %2").arg(path, file.errorString())};
            }
            return written;
        },
        this,
        [this, path, topLists](engine::Result<qint64> written) {
            if (!written) {
                setExportResult(true, written.error().message);
            } else if (topLists) {
                setExportResult(false, tr("Top lists saved to %1.").arg(path));
            } else {
                setExportResult(false, tr("%1 saved to %2.").arg(countOfPlays(written.value()), path));
            }
        });
}

bool Dashboard::saveShareImage(const QVariant &image, const QUrl &file)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : QString();
    const QImage picture = image.value<QImage>();
    if (path.isEmpty()) {
        setExportResult(true, tr("Choose a file on this computer for the image (not “%1”).").arg(file.toString()));
        return false;
    }
    if (picture.isNull()) {
        setExportResult(true, tr("The share image could not be drawn."));
        return false;
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || !picture.save(&out, "PNG") || !out.commit()) {
        setExportResult(true, tr("Cannot write %1: %2").arg(path, out.errorString()));
        return false;
    }
    setExportResult(false, tr("Share image saved to %1.").arg(path));
    return true;
}
