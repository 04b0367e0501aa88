#pragma once

#include "engine/ingest/storethread.h"
#include "engine/stats/statistics.h"
#include "itemdetail.h"
#include "rankhistorymodel.h"
#include "statslistmodel.h"

#include <QList>
#include <QObject>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <utility>

class QJSEngine;
class QQmlEngine;

namespace engine
{
class PlaySnapshot;
}

// The listening statistics the Dashboards pages show, for one period and one measure at a time.
//
// Everything is computed on the store's thread: the PlaySnapshot (engine/stats) is loaded there the first time
// the dashboards are shown, and every query runs there as a StoreThread job; only finished figures come back to
// the GUI thread. Results are cached per period and measure, so going back to a period shows it at once. After a
// sync or an import, historyChanged() brings the snapshot up to date and drops what was cached.
class Dashboard : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY stateChanged)
    Q_PROPERTY(QString preset READ preset NOTIFY rangeChanged)
    Q_PROPERTY(QString customFrom READ customFrom NOTIFY rangeChanged)
    Q_PROPERTY(QString customTo READ customTo NOTIFY rangeChanged)
    Q_PROPERTY(QString rangeLabel READ rangeLabel NOTIFY rangeChanged)
    Q_PROPERTY(QString rangeError READ rangeError NOTIFY rangeChanged)
    Q_PROPERTY(Measure measure READ measure WRITE setMeasure NOTIFY measureChanged)
    Q_PROPERTY(TrendPeriod trendPeriod READ trendPeriod WRITE setTrendPeriod NOTIFY trendPeriodChanged)

    Q_PROPERTY(bool periodEmpty READ periodEmpty NOTIFY resultsChanged)
    Q_PROPERTY(QString playsText READ playsText NOTIFY resultsChanged)
    Q_PROPERTY(QString minutesText READ minutesText NOTIFY resultsChanged)
    Q_PROPERTY(QString hoursText READ hoursText NOTIFY resultsChanged)
    Q_PROPERTY(QString artistsText READ artistsText NOTIFY resultsChanged)
    Q_PROPERTY(QString tracksText READ tracksText NOTIFY resultsChanged)
    Q_PROPERTY(QString daysText READ daysText NOTIFY resultsChanged)
    Q_PROPERTY(QString longestStreakText READ longestStreakText NOTIFY resultsChanged)
    Q_PROPERTY(QString longestStreakDates READ longestStreakDates NOTIFY resultsChanged)
    Q_PROPERTY(QString currentStreakText READ currentStreakText NOTIFY resultsChanged)
    Q_PROPERTY(QString skipRateText READ skipRateText NOTIFY resultsChanged)
    Q_PROPERTY(QString shuffleText READ shuffleText NOTIFY resultsChanged)
    Q_PROPERTY(QString offlineText READ offlineText NOTIFY resultsChanged)
    Q_PROPERTY(QString clockPeakText READ clockPeakText NOTIFY resultsChanged)
    Q_PROPERTY(QList<qreal> clockValues READ clockValues NOTIFY resultsChanged)
    Q_PROPERTY(double clockMax READ clockMax NOTIFY resultsChanged)
    Q_PROPERTY(QString genresNote READ genresNote NOTIFY resultsChanged)
    Q_PROPERTY(StatsListModel *topArtists READ topArtists CONSTANT)
    Q_PROPERTY(StatsListModel *topTracks READ topTracks CONSTANT)
    Q_PROPERTY(StatsListModel *topAlbums READ topAlbums CONSTANT)
    Q_PROPERTY(StatsListModel *trend READ trend CONSTANT)
    Q_PROPERTY(StatsListModel *newArtists READ newArtists CONSTANT)
    Q_PROPERTY(StatsListModel *firstListens READ firstListens CONSTANT)
    Q_PROPERTY(StatsListModel *eras READ eras CONSTANT)
    Q_PROPERTY(StatsListModel *genres READ genres CONSTANT)
    Q_PROPERTY(StatsListModel *platforms READ platforms CONSTANT)

    Q_PROPERTY(SpotifyKind spotifyTopKind READ spotifyTopKind WRITE setSpotifyTopKind NOTIFY spotifyTopChanged)
    Q_PROPERTY(SpotifyRange spotifyTopRange READ spotifyTopRange WRITE setSpotifyTopRange NOTIFY spotifyTopChanged)
    Q_PROPERTY(QString spotifyTopNote READ spotifyTopNote NOTIFY spotifyTopChanged)
    Q_PROPERTY(StatsListModel *spotifyTop READ spotifyTop CONSTANT)
    Q_PROPERTY(RankHistoryModel *spotifyHistory READ spotifyHistory CONSTANT)

    Q_PROPERTY(ItemDetail *detail READ detail CONSTANT)

    Q_PROPERTY(bool exportBusy READ exportBusy NOTIFY exportChanged)
    Q_PROPERTY(bool exportFailed READ exportFailed NOTIFY exportChanged)
    Q_PROPERTY(QString exportMessage READ exportMessage NOTIFY exportChanged)

public:
    enum class State {
        Idle, // not shown yet: nothing loaded
        Loading, // reading the history
        Ready, // figures for the current period are shown (possibly while the next ones are computed)
        Empty, // the cache holds no plays at all
        Failed, // the history could not be read: errorMessage says why
    };
    Q_ENUM(State)
    enum class Measure { Plays, Minutes };
    Q_ENUM(Measure)
    enum class TrendPeriod { Day, Week, Month };
    Q_ENUM(TrendPeriod)
    enum class ItemKind { Artist, Track, Album };
    Q_ENUM(ItemKind)
    enum class SpotifyKind { Artists, Tracks };
    Q_ENUM(SpotifyKind)
    enum class SpotifyRange { FourWeeks, SixMonths, Lifetime };
    Q_ENUM(SpotifyRange)

    Dashboard(engine::StoreThread *store, QObject *parent = nullptr);
    ~Dashboard() override;

    static Dashboard *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    State state() const;
    bool busy() const;
    QString errorMessage() const;
    QString preset() const;
    QString customFrom() const;
    QString customTo() const;
    QString rangeLabel() const;
    QString rangeError() const;
    Measure measure() const;
    void setMeasure(Measure measure);
    TrendPeriod trendPeriod() const;
    void setTrendPeriod(TrendPeriod period);

    bool periodEmpty() const;
    QString playsText() const;
    QString minutesText() const;
    QString hoursText() const;
    QString artistsText() const;
    QString tracksText() const;
    QString daysText() const;
    QString longestStreakText() const;
    QString longestStreakDates() const;
    QString currentStreakText() const;
    QString skipRateText() const;
    QString shuffleText() const;
    QString offlineText() const;
    QString clockPeakText() const;
    QList<qreal> clockValues() const;
    double clockMax() const;
    QString genresNote() const;
    StatsListModel *topArtists();
    StatsListModel *topTracks();
    StatsListModel *topAlbums();
    StatsListModel *trend();
    StatsListModel *newArtists();
    StatsListModel *firstListens();
    StatsListModel *eras();
    StatsListModel *genres();
    StatsListModel *platforms();

    SpotifyKind spotifyTopKind() const;
    void setSpotifyTopKind(SpotifyKind kind);
    SpotifyRange spotifyTopRange() const;
    void setSpotifyTopRange(SpotifyRange range);
    QString spotifyTopNote() const;
    StatsListModel *spotifyTop();
    // The ranks of the list's leaders over the snapshots kept, for the chart above the list.
    RankHistoryModel *spotifyHistory();

    ItemDetail *detail();

    bool exportBusy() const;
    bool exportFailed() const;
    QString exportMessage() const;

    // Loads the history the first time (the Dashboards page calls it when it is first shown).
    Q_INVOKABLE void activate();
    // "4w", "6m", "1y" or "all" (engine::rangeForPreset), ending today.
    Q_INVOKABLE void setPreset(const QString &preset);
    // Both days included, as YYYY-MM-DD; either may be empty for an open end. On bad input rangeError says
    // what is wrong and the period stays as it was.
    Q_INVOKABLE bool setCustomRange(const QString &from, const QString &to);
    Q_INVOKABLE void openDetail(ItemKind kind, qint64 id);
    Q_INVOKABLE void closeDetail();

    // Writes the plays of the current period, or its top 50 artists, tracks and albums by the current measure,
    // to `file` as "csv" or "json" (engine/stats/export.h), on the store's thread. The file is replaced only once
    // it is complete; exportMessage says what was written or what went wrong.
    Q_INVOKABLE void exportPlays(const QUrl &file, const QString &format);
    Q_INVOKABLE void exportTopLists(const QUrl &file, const QString &format);
    // Saves the share card QML rendered (the QImage of an ItemGrabResult) as a PNG at `file`.
    Q_INVOKABLE bool saveShareImage(const QVariant &image, const QUrl &file);

    // New plays are in the cache (a sync finished); `rewritten` when existing rows changed too (an import
    // merges), which needs a full reload rather than picking up the new rows.
    void historyChanged(bool rewritten);
    // Genre tags were stored (a MusicBrainz lookup ran). The snapshot holds each track's tag weights, so it is
    // read again, and every cached period's genres are dropped with it; the figures on show stay until then.
    void tagsChanged();

    // What was computed for one period and measure; defined in dashboard.cpp.
    struct Figures;

Q_SIGNALS:
    void stateChanged();
    void busyChanged();
    void rangeChanged();
    void measureChanged();
    void trendPeriodChanged();
    void resultsChanged();
    void spotifyTopChanged();
    // The figures for the current period are on display (also when they came from the cache).
    void figuresShown();
    void exportChanged();

private:
    using SnapshotPtr = std::shared_ptr<engine::PlaySnapshot>;

    void setState(State state, const QString &error = QString());
    void setBusy(bool busy);
    void load();
    void compute();
    void show(const std::shared_ptr<const Figures> &figures);
    void showTrend();
    void loadSpotifyTop();
    void loadDetail();
    QString cacheKey() const;
    std::shared_ptr<const Figures> cached(const QString &key);
    void remember(const QString &key, const std::shared_ptr<const Figures> &figures);
    void startExport(const QUrl &file, const QString &format, bool topLists);
    void setExportResult(bool failed, const QString &message);

    engine::StoreThread *m_store;
    SnapshotPtr m_snapshot; // touched only by jobs on the store's thread
    State m_state = State::Idle;
    QString m_error;
    bool m_busy = false;
    bool m_loading = false;
    quint64 m_generation = 0; // bumped whenever the snapshot changes: older answers are dropped
    QString m_preset = QStringLiteral("all"); // a first look at the whole history
    QDate m_customFrom;
    QDate m_customTo;
    QString m_rangeError;
    engine::TimeRange m_range;
    Measure m_measure = Measure::Plays;
    TrendPeriod m_trendPeriod = TrendPeriod::Week;
    // The most recently shown last; a few MB each on a long history (every day's trend, every first listen),
    // so only the last CachedFigures are kept.
    QList<std::pair<QString, std::shared_ptr<const Figures>>> m_cache;
    std::shared_ptr<const Figures> m_figures;

    StatsListModel m_topArtists;
    StatsListModel m_topTracks;
    StatsListModel m_topAlbums;
    StatsListModel m_trend;
    StatsListModel m_newArtists;
    StatsListModel m_firstListens;
    StatsListModel m_eras;
    StatsListModel m_genres;
    StatsListModel m_platforms;

    SpotifyKind m_spotifyKind = SpotifyKind::Artists;
    SpotifyRange m_spotifyRange = SpotifyRange::FourWeeks;
    QString m_spotifyNote;
    StatsListModel m_spotifyTop;
    RankHistoryModel m_spotifyHistory;
    quint64 m_spotifyRequest = 0;

    ItemDetail m_detail;
    ItemKind m_detailKind = ItemKind::Artist;
    qint64 m_detailId = 0;
    quint64 m_detailRequest = 0;

    bool m_exportBusy = false;
    bool m_exportFailed = false;
    QString m_exportMessage;
};
