#pragma once

#include "engine/hubclient/hubclient.h"
#include "engine/spotify/secretstore.h"

#include <QNetworkAccessManager>
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

// Settings → Household hub: pairing this device with a hub (with the fingerprint of a self-signed hub to
// confirm), its state, and the outbox upload after each Spotify sync and every 15 minutes while paired. The
// work is engine::HubClient's, with the cache on the store's thread; every text is made here.
class HubLink : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool loaded READ isLoaded NOTIFY changed)
    Q_PROPERTY(bool paired READ isPaired NOTIFY changed)
    Q_PROPERTY(bool revoked READ isRevoked NOTIFY changed)
    Q_PROPERTY(bool busy READ isBusy NOTIFY changed)
    Q_PROPERTY(QString url READ url NOTIFY changed)
    Q_PROPERTY(QString fingerprint READ fingerprint NOTIFY changed)
    Q_PROPERTY(QString memberText READ memberText NOTIFY changed)
    Q_PROPERTY(QString statusText READ statusText NOTIFY changed)
    Q_PROPERTY(QString errorText READ errorText NOTIFY changed)
    Q_PROPERTY(QString fingerprintToConfirm READ fingerprintToConfirm NOTIFY changed)
    // Whether this member's plays join the hub's training (GET/PUT /api/v1/me/training): known once the hub
    // answered; trainingError says why it is not known or why a change failed.
    Q_PROPERTY(bool trainingKnown READ isTrainingKnown NOTIFY trainingChanged)
    Q_PROPERTY(bool training READ training NOTIFY trainingChanged)
    Q_PROPERTY(bool trainingBusy READ isTrainingBusy NOTIFY trainingChanged)
    Q_PROPERTY(QString trainingError READ trainingError NOTIFY trainingChanged)

public:
    static constexpr int UploadIntervalMs = 15 * 60 * 1000;

    // `store` and `account` outlive this object.
    HubLink(engine::StoreThread *store, Account *account, QObject *parent = nullptr);
    ~HubLink() override;

    static HubLink *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    bool isLoaded() const;
    bool isPaired() const;
    bool isRevoked() const;
    bool isBusy() const;
    QString url() const;
    QString fingerprint() const;
    QString memberText() const;
    QString statusText() const;
    QString errorText() const;
    QString fingerprintToConfirm() const;
    bool isTrainingKnown() const;
    bool training() const;
    bool isTrainingBusy() const;
    QString trainingError() const;
    // The household of the pairing (0 when not paired) and the client that reads from its hub.
    qint64 householdId() const;
    engine::HubClient &client();

    // Reads the pairing and upload state from the cache.
    Q_INVOKABLE void refresh();
    Q_INVOKABLE void pair(const QString &url, const QString &inviteCode, const QString &name, bool allowInsecureHttp);
    // The user compared fingerprintToConfirm with the hub's: pair trusting it, or give up.
    Q_INVOKABLE void confirmFingerprint();
    Q_INVOKABLE void rejectFingerprint();
    Q_INVOKABLE void uploadNow();
    // Asks the hub whether its household model changed (If-None-Match) and keeps a new one in the cache; emits
    // modelChanged when it did. Runs after every upload too. A call while one runs joins it.
    Q_INVOKABLE void downloadModel();
    Q_INVOKABLE void unpair();
    // Asks the hub for this member's training choice; done by refresh once paired.
    Q_INVOKABLE void loadTraining();
    // Opts this member in to the hub's training, or out.
    Q_INVOKABLE void setTraining(bool optIn);

Q_SIGNALS:
    void changed();
    // An upload ended: the outbox may be smaller.
    void uploaded();
    // A new version of the household model is in the cache.
    void modelChanged();
    void trainingChanged();

private:
    void paired(const engine::HubPairOutcome &outcome);
    // Runs HubClient's cache work on the store's thread.
    engine::HubClient::StoreRunner storeRunner();
    void trainingAnswered(const engine::HubReadReply &reply);

    engine::StoreThread *m_store;
    engine::KeychainSecretStore m_keychain;
    QNetworkAccessManager m_network;
    engine::HubClient m_client;
    QTimer m_timer;
    bool m_loaded = false;
    bool m_busy = false;
    bool m_downloading = false;
    std::optional<engine::HubPairing> m_pairing;
    engine::HubUploadState m_state;
    QString m_error;
    engine::HubPairRequest m_pending; // the pairing that waits for the user's word on a fingerprint
    QString m_fingerprintToConfirm;
    std::optional<bool> m_training;
    bool m_trainingBusy = false;
    QString m_trainingError;
};
