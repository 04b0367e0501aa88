#pragma once

#include "app/core/clientconfig.h"
#include "concertlistmodel.h"
#include "engine/concerts/concertfinder.h"
#include "engine/concerts/householdconcerts.h"
#include "engine/ingest/storethread.h"

#include <QObject>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <memory>

class HubLink;
class QJSEngine;
class QQmlEngine;

// The Concerts page: upcoming shows of the user's artists near the place chosen in Settings (engine/concerts).
//
// While this device is paired with a household hub, the shows are the hub's (GET /api/v1/concerts: the
// household's artists near its home, with who in the household follows or plays each), kept in the concert
// cache so that the page still shows them, with their age, when the hub cannot be reached. Without a hub the
// client asks the providers itself with its own keys.
//
// The search runs on the store's thread, the cache's one writer: a StoreThread job reads the user's artists and
// starts the ConcertFinder there, whose providers (and their QNetworkAccessManager) are made on that thread too,
// so their replies and the cache writes between them are handled by the store thread's event loop, between
// other jobs, never inside one. The answer comes back to the GUI thread queued through the StoreThread object.
class Concerts : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY stateChanged)
    Q_PROPERTY(QString providerNotice READ providerNotice NOTIFY stateChanged)
    Q_PROPERTY(QString place READ place NOTIFY placeChanged)
    Q_PROPERTY(double radiusKm READ radiusKm NOTIFY placeChanged)
    Q_PROPERTY(double maxRadiusKm READ maxRadiusKm CONSTANT)
    Q_PROPERTY(QString placeError READ placeError NOTIFY placeErrorChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    Q_PROPERTY(bool noticeIsError READ noticeIsError NOTIFY noticeChanged)
    Q_PROPERTY(QString artistFilter READ artistFilter WRITE setArtistFilter NOTIFY filtersChanged)
    Q_PROPERTY(double maxDistanceKm READ maxDistanceKm WRITE setMaxDistanceKm NOTIFY filtersChanged)
    Q_PROPERTY(int totalCount READ totalCount NOTIFY stateChanged)
    Q_PROPERTY(bool fromHub READ fromHub NOTIFY stateChanged)
    Q_PROPERTY(ConcertListModel *shows READ shows CONSTANT)

public:
    enum class State {
        NeedsPlace, // no place chosen: Settings
        NeedsProvider, // no Ticketmaster key nor SeatGeek client ID configured
        Idle, // not asked yet
        Loading, // the search runs
        NoArtists, // the cache knows no artists of the user's: sync or import first
        Failed, // errorMessage says why
        Ready, // the shows are listed (possibly none)
    };
    Q_ENUM(State)

    // `store` and `hub` (when given) outlive this object.
    Concerts(engine::StoreThread *store, const ClientConfig &config, HubLink *hub = nullptr, QObject *parent = nullptr);
    ~Concerts() override;

    static Concerts *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    State state() const;
    QString errorMessage() const;
    // What the providers said when some could not be asked ("Ticketmaster could not be reached …; showing what it
    // listed 30 hours ago"); empty when all answered.
    QString providerNotice() const;
    QString place() const;
    double radiusKm() const;
    double maxRadiusKm() const;
    QString placeError() const;
    QString notice() const;
    bool noticeIsError() const;
    QString artistFilter() const;
    void setArtistFilter(const QString &filter);
    // 0: no limit beyond the search radius.
    double maxDistanceKm() const;
    void setMaxDistanceKm(double km);
    int totalCount() const;
    // The shows listed are the household hub's.
    bool fromHub() const;
    ConcertListModel *shows();

    // Searches the first time (the page calls it when it is first shown).
    Q_INVOKABLE void activate();
    // Searches again: fresh cache entries answer, expired ones are asked of the providers.
    Q_INVOKABLE void refresh();
    // Checks the place (a city or "LAT,LON") and radius as typed, stores them in the settings file (concerts/near,
    // concerts/radius_km) for the next search (the page's activate()); false with placeError saying what is wrong.
    Q_INVOKABLE bool savePlace(const QString &place, const QString &radiusKm);
    // Writes the show with `index` (the model's showIndex role) as an iCalendar file to `file` (a file: URL).
    Q_INVOKABLE bool saveToCalendar(int index, const QUrl &file);
    // The file "add to calendar" suggests for the show with `index`: "<artist> <date>.ics" in the Downloads folder.
    Q_INVOKABLE QUrl suggestedCalendarFile(int index) const;

    // The finder's policy (time-to-live, clock); tests set one. Called before a search runs.
    void setFinderPolicy(const engine::ConcertFinderPolicy &policy);

    struct Engine; // the finder and its providers, on the store's thread

Q_SIGNALS:
    void stateChanged();
    void placeChanged();
    void placeErrorChanged();
    void noticeChanged();
    void filtersChanged();
    // A search finished (or failed) and is shown; tests wait for it.
    void searched();

private:
    void search();
    void searchHub();
    void showHub(const engine::Result<engine::HouseholdConcerts> &concerts, const QString &hubError);
    void hubChanged();
    State idleState() const;
    void show(const engine::Result<engine::ConcertSearch> &answer, qint64 nowMs);
    // m_entries from m_found (and m_who).
    void formatEntries(qint64 nowMs);
    void applyFilters();
    void setState(State state, const QString &error = QString());
    void setNotice(const QString &notice, bool error);
    QString whyOf(qsizetype index) const;

    engine::StoreThread *m_store;
    ClientConfig m_config;
    std::shared_ptr<Engine> m_engine; // touched only on the store's thread
    engine::ConcertFinderPolicy m_policy;
    State m_state = State::Idle;
    QString m_error;
    QString m_providerNotice;
    QString m_placeError;
    QString m_notice;
    bool m_noticeIsError = false;
    QString m_artistFilter;
    double m_maxDistanceKm = 0;
    bool m_searchAgain = false; // the place changed while a search ran
    HubLink *m_hub;
    bool m_fromHub = false;
    QString m_hubPlace; // the household's home, when the shows are the hub's
    double m_hubRadiusKm = 0;
    QList<engine::FoundConcert> m_found;
    QList<QList<engine::HouseholdListener>> m_who; // per entry of m_found when from the hub
    QList<ConcertListModel::Entry> m_entries; // m_found, formatted
    ConcertListModel m_shows;
};
