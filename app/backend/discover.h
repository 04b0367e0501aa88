#pragma once

#include "discoverlistmodel.h"
#include "engine/discover/feedbackrepository.h"
#include "engine/ingest/storethread.h"
#include "librarysync.h"

#include <QObject>
#include <QSet>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>
#include <optional>

class Account;
class HubLink;
class QJSEngine;
class QQmlEngine;

// The Discover page's recommendations (engine/discover) and what the user says about them.
//
// One engine::Discovery (engine/discover) lives on the store's thread and is only touched by StoreThread jobs: it keeps
// the trained model between rankings, so only the first ranking (and the first after new plays) trains — seconds on a
// long history, never on the GUI thread. Every feedback verb records the event (FeedbackRepository, queued for the hub
// in the same transaction) and ranks again in the same job, so the lists change at once. A like or unlike also goes
// to the Spotify library through LibrarySync (queued in the cache until Spotify can be reached and the user is
// signed in), and a list can be saved as a new Spotify playlist; when Spotify refuses, the notice says so and the
// local feedback stays.
class Discover : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY stateChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    Q_PROPERTY(bool noticeIsError READ noticeIsError NOTIFY noticeChanged)
    Q_PROPERTY(bool savingPlaylist READ isSavingPlaylist NOTIFY savingPlaylistChanged)
    Q_PROPERTY(DiscoverListModel *forYouNow READ forYouNow CONSTANT)
    Q_PROPERTY(DiscoverListModel *rediscover READ rediscover CONSTANT)
    Q_PROPERTY(DiscoverListModel *deeperCuts READ deeperCuts CONSTANT)
    // The household hub's model with this cache's plays folded in (engine/hubclient householdpicks): listed
    // while paired and a model is kept; otherwise householdText says why there is nothing (empty when listed).
    Q_PROPERTY(DiscoverListModel *householdPicks READ householdPicks CONSTANT)
    Q_PROPERTY(QString householdText READ householdText NOTIFY householdChanged)

public:
    enum class State {
        Idle, // not shown yet: nothing computed
        Learning, // the first ranking is being computed (the model trains)
        Ready, // the lists are shown (possibly while the next ranking is computed)
        Empty, // the cache holds nothing to learn from: import or sync first
        Failed, // the cache could not be read: errorMessage says why
    };
    Q_ENUM(State)
    enum class List { ForYouNow, Rediscover, DeeperCuts, HouseholdPicks }; // engine::DiscoverList, then the hub's
    Q_ENUM(List)

    // `account` (may be null: nothing is sent to Spotify) and `store` outlive this object.
    Discover(engine::StoreThread *store, Account *account, QObject *parent = nullptr);
    ~Discover() override;

    static Discover *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    State state() const;
    bool busy() const;
    QString errorMessage() const;
    // What the last verb did ("Hidden “Song” for good."), or why it failed; empty before any.
    QString notice() const;
    bool noticeIsError() const;
    bool isSavingPlaylist() const;
    DiscoverListModel *forYouNow();
    DiscoverListModel *rediscover();
    DiscoverListModel *deeperCuts();
    DiscoverListModel *householdPicks();
    QString householdText() const;

    // The hub link whose pairing and model the household picks follow (may stay unset: no household picks).
    void setHubLink(HubLink *hub);

    // Ranks the first time (the Discover page calls it when it is first shown).
    Q_INVOKABLE void activate();
    // The user's word on a track (spotify:track:…) or, for hideArtist, an artist (spotify:artist:…).
    Q_INVOKABLE void like(const QString &trackUri);
    Q_INVOKABLE void unlike(const QString &trackUri);
    Q_INVOKABLE void hideTrack(const QString &trackUri);
    Q_INVOKABLE void hideArtist(const QString &artistUri);
    Q_INVOKABLE void notNow(const QString &trackUri);
    // Creates a private Spotify playlist ("TuneScout — For you now") with the list's tracks, in their order.
    Q_INVOKABLE void saveAsPlaylist(List list);

    // Plays, playlists or saved tracks changed (a sync or an import finished): ranks again once the page has been
    // shown; Discovery retrains only when what it learns from changed.
    void historyChanged();

    // The time rankings and feedback are computed for; the current time unless a test sets one.
    void setClock(std::function<qint64()> clock);

    // What one ranking brought back from the store's thread, and the engine::Discovery the jobs share; defined in
    // discover.cpp, which alone includes engine/discover/discovery.h: its engine::Discovery and engine/stats'
    // engine::Discovery (a statistic) cannot meet in one translation unit, and moc puts every header in one.
    struct Ranking;
    struct Engine;
    static constexpr int ListCount = 3; // engine::kDiscoverListCount

Q_SIGNALS:
    void stateChanged();
    void busyChanged();
    void noticeChanged();
    void householdChanged();
    void savingPlaylistChanged();
    // A Spotify write (like, unlike, save as playlist) was answered; tests wait for it.
    void spotifyAnswered();
    // A ranking (or a failed attempt) arrived and is shown; tests wait for it.
    void ranked();

private:
    struct Feedback {
        engine::FeedbackKind kind;
        QString uri;
        QString title; // the track's or artist's name, for the notice
    };

    void rank(const std::optional<Feedback> &feedback);
    void record(engine::FeedbackKind kind, const QString &uri);
    void show(const Ranking &ranking);
    void setState(State state, const QString &error = QString());
    void setNotice(const QString &notice, bool error);
    QString titleOf(const QString &uri) const;
    DiscoverListModel *listModel(List list);

    engine::StoreThread *m_store;
    Account *m_account;
    HubLink *m_hub = nullptr;
    bool m_savingPlaylist = false;
    std::shared_ptr<Engine> m_engine; // touched only by jobs on the store's thread
    std::function<qint64()> m_clock;
    State m_state = State::Idle;
    QString m_error;
    int m_pending = 0; // jobs posted and not answered yet
    quint64 m_request = 0; // the newest job: older answers are dropped
    QString m_notice;
    bool m_noticeIsError = false;
    DiscoverListModel m_lists[ListCount];
    DiscoverListModel m_household;
    QString m_householdText;
    bool m_hubPaired = false; // the pairing as HubLink last told it
    LibrarySync m_library; // likes and unlikes to the Spotify library, queued while it cannot be reached
};
