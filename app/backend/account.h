#pragma once

#include "app/core/clientconfig.h"
#include "engine/ingest/connectivity.h"
#include "engine/ingest/storethread.h"
#include "engine/ingest/syncservice.h"
#include "engine/spotify/secretstore.h"
#include "engine/spotify/session.h"
#include "engine/spotify/signinflow.h"
#include "engine/spotify/spotifyclient.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QJSEngine;
class QQmlEngine;

// The Spotify account as the UI sees it: signing in and out, and keeping the cache in sync while signed in.
// Everything the QML shows is derived here; the engine's Session, SignInFlow and SyncService do the work.
class Account : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(State state READ state NOTIFY changed)
    Q_PROPERTY(QString summary READ summary NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY changed)
    Q_PROPERTY(bool canSignIn READ canSignIn NOTIFY changed)
    Q_PROPERTY(bool canSignOut READ canSignOut NOTIFY changed)
    Q_PROPERTY(bool signingIn READ isSigningIn NOTIFY changed)
    Q_PROPERTY(QString authorizeUrl READ authorizeUrl NOTIFY changed)
    Q_PROPERTY(bool canSync READ canSync NOTIFY changed)
    Q_PROPERTY(bool syncing READ isSyncing NOTIFY changed)
    Q_PROPERTY(QString syncStatus READ syncStatus NOTIFY changed)

public:
    enum class State { NotConfigured, SignedOut, Restoring, SigningIn, SignedIn, NeedsSignIn };
    Q_ENUM(State)

    Account(const ClientConfig &config,
            engine::StoreThread *store,
            engine::SignInFlow::BrowserOpener openBrowser,
            QObject *parent = nullptr);
    ~Account() override;

    static Account *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    // Uses another Client ID from now on (after the user saved one in Settings): forgets nothing stored.
    void setClientId(const QString &clientId);
    // Picks up the remembered sign-in, if any, and starts syncing with it.
    void restore();

    // Whether Spotify can be reached: one for the app, it outlives every rebuild.
    engine::Connectivity *connectivity();
    // The sync of the current Client ID; nullptr while none is set up. Replaced when the Client ID changes.
    engine::SyncService *syncService() const;
    // The Web API client of the current Client ID, for what the user does (like, save a playlist); nullptr while
    // none is set up. Replaced with syncServiceChanged().
    engine::SpotifyClient *spotifyClient() const;

    State state() const;
    QString summary() const;
    QString message() const;
    bool canSignIn() const;
    bool canSignOut() const;
    bool isSigningIn() const;
    QString authorizeUrl() const;
    bool canSync() const;
    bool isSyncing() const;
    QString syncStatus() const;

    Q_INVOKABLE void signIn();
    Q_INVOKABLE void cancelSignIn();
    Q_INVOKABLE void signOut();
    Q_INVOKABLE void syncNow();

Q_SIGNALS:
    void changed();
    // A sync finished: new plays or Spotify top lists may be in the cache.
    void synced();
    void syncServiceChanged();

private:
    void rebuild();
    void sessionChanged();

    ClientConfig m_config;
    engine::StoreThread *m_store;
    engine::SignInFlow::BrowserOpener m_openBrowser;
    QNetworkAccessManager m_network;
    engine::KeychainSecretStore m_keychain;
    engine::Connectivity m_connectivity;
    std::unique_ptr<engine::Session> m_session;
    std::unique_ptr<engine::SpotifyClient> m_client;
    std::unique_ptr<engine::SignInFlow> m_flow;
    std::unique_ptr<engine::SyncService> m_sync;
    QString m_lastSync;
};
