#pragma once

#include "engine/ingest/syncoverview.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

class Account;
class QJSEngine;
class QQmlEngine;

namespace engine
{
class StoreThread;
}

// The sync as the UI sees it (RELIABILITY.md UP-5): whether TuneScout is offline and since when its data dates,
// how old the cache is, the progress of a sync that runs, stretches where plays may be missing, and what waits
// for the hub. The state comes from the engine (Connectivity, SyncService) and the cache (syncoverview, read on
// the store's thread); every text is made here, QML only shows it.
class SyncStatus : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool offline READ isOffline NOTIFY changed)
    Q_PROPERTY(QString offlineTitle READ offlineTitle NOTIFY changed)
    Q_PROPERTY(QString offlineDetail READ offlineDetail NOTIFY changed)
    Q_PROPERTY(QString dataAge READ dataAge NOTIFY changed)
    Q_PROPERTY(QString userName READ userName NOTIFY changed)
    Q_PROPERTY(bool syncing READ isSyncing NOTIFY changed)
    Q_PROPERTY(int stepsDone READ stepsDone NOTIFY changed)
    Q_PROPERTY(int stepsTotal READ stepsTotal NOTIFY changed)
    Q_PROPERTY(QString progressText READ progressText NOTIFY changed)
    Q_PROPERTY(QString gapNotice READ gapNotice NOTIFY changed)
    Q_PROPERTY(int pendingEvents READ pendingEvents NOTIFY changed)
    Q_PROPERTY(QString pendingEventsText READ pendingEventsText NOTIFY changed)

public:
    // `account` and `store` outlive this object; `hubConfigured` says whether a hub URL is set.
    SyncStatus(Account *account, engine::StoreThread *store, bool hubConfigured, QObject *parent = nullptr);
    ~SyncStatus() override;

    static SyncStatus *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    // "today 14:02", "yesterday 09:15", "3 days ago", or the date: when something happened, for a person.
    static QString momentPhrase(const QDateTime &then, const QDateTime &now);
    // "just now", "5 minutes ago", "2 hours ago", "3 days ago".
    static QString agePhrase(qint64 ageMs);

    bool isOffline() const;
    QString offlineTitle() const;
    QString offlineDetail() const;
    QString dataAge() const;
    // Whose Spotify data the cache holds: the profile's display name (or user id) once a sync fetched it.
    QString userName() const;
    bool isSyncing() const;
    int stepsDone() const;
    int stepsTotal() const;
    QString progressText() const;
    QString gapNotice() const; // empty when there is no gap the user has not dismissed
    int pendingEvents() const;
    QString pendingEventsText() const;
    // Whether the last read of the cache has arrived (tests wait for it).
    bool isLoaded() const;

    // Reads the cache again; `changed` follows.
    Q_INVOKABLE void refresh();
    // Whether a hub takes the outbox: a hub URL is configured or this device is paired (HubLink).
    void setHubConfigured(bool configured);
    // Hides the gaps shown now; gaps found later are shown again. Remembered in the cache.
    Q_INVOKABLE void dismissGaps();

Q_SIGNALS:
    void changed();

private:
    void followSyncService();

    Account *m_account;
    engine::StoreThread *m_store;
    bool m_hubConfigured;
    engine::SyncOverview m_overview;
    bool m_loaded = false;
    QTimer m_clock; // relative times ("5 minutes ago") age while nothing else changes
};
