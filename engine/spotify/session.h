#pragma once

#include "engine/spotify/accesstokenprovider.h"
#include "engine/spotify/secretstore.h"
#include "engine/spotify/spotifyjson.h"
#include "engine/spotify/tokenendpoint.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace engine
{

// The signed-in Spotify session (RELIABILITY.md OA-8, OA-9, TS-1, TS-2, TS-5). The refresh token lives in the
// secret store and, while signed in, in memory; the access token and its expiry only in memory. Refreshes are
// single-flight and commit in a crash-safe order: the new refresh token reaches the store, then replaces the
// one in memory, and only then is the new access token published and are the waiting callers answered. Under
// PKCE a refresh token works once, so this order is what keeps a crash or two racing refreshes from signing
// the user out. Any invalid_grant ends the session (NeedsSignIn) without a retry. Without a usable keychain
// the session still works, for this run only (session-only mode). Tokens never reach a log.
//
//     SignedOut --restore()--> Restoring --token in the store, refreshed--> SignedIn
//                                  |  \--nothing stored, or no keychain--> SignedOut
//                                  \--invalid_grant or a rejected client--> NeedsSignIn
//     any --adopt(tokens from a sign-in)--> SignedIn --invalid_grant on refresh--> NeedsSignIn
//     any --signOut()--> SignedOut
//
// A refresh that fails for a passing reason (no network, a timeout, a 5xx) leaves the state alone, sets
// errorMessage() and is retried: by the next refreshAccessToken(), or on its own after Options::retryDelay,
// doubling up to 10 minutes. Everything runs on the thread the session lives on.
class Session : public QObject, public AccessTokenProvider
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(EndReason endReason READ endReason NOTIFY stateChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
    Q_PROPERTY(bool persistent READ isPersistent NOTIFY persistenceChanged)
    Q_PROPERTY(QString persistenceMessage READ persistenceMessage NOTIFY persistenceChanged)

public:
    enum class State {
        SignedOut, // nobody is signed in, and nothing is remembered
        Restoring, // reading the remembered sign-in and refreshing it
        SignedIn, // a refresh token is held; the access token may be pending after a failed refresh
        NeedsSignIn, // the remembered sign-in ended; endReason() says why
    };
    Q_ENUM(State)

    enum class EndReason {
        None,
        Revoked, // "Refresh token revoked": access was removed in the Spotify account, or the password reset
        Expired, // any other invalid_grant: Spotify ends every sign-in six months after it began
        ClientRejected, // Spotify refused the Client ID (invalid_client …): the setup needs fixing
    };
    Q_ENUM(EndReason)

    enum class Persistence {
        Keychain, // the refresh token is in the system keychain: the sign-in survives a restart
        SessionOnly, // no usable keychain (TS-2): the sign-in lasts until TuneScout quits
        NotSaved, // the keychain failed to save the latest refresh token: held in memory only
    };
    Q_ENUM(Persistence)

    struct Options {
        QUrl accountsUrl; // SpotifyEndpoints::accountsUrl
        QString clientId;
        QString secretKey = QStringLiteral("spotify-refresh-token");
        std::chrono::milliseconds requestTimeout = TokenEndpoint::DefaultTimeout;
        std::chrono::milliseconds retryDelay = std::chrono::seconds(30);
    };

    // `store` is normally a KeychainSecretStore; it and `network` must outlive the session. A store that is not
    // persistent, or a keychain that turns out to be unusable, means session-only mode.
    Session(const Options &options, SecretStore *store, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~Session() override;

    // At start: reads the remembered refresh token and refreshes it. Does nothing unless SignedOut.
    void restore();
    // Takes over the tokens of a completed sign-in: stores the refresh token first, then publishes the access
    // token. `done` runs on `context`'s thread with true once the session is SignedIn with these tokens, or
    // false when a later adopt() or signOut() superseded them or the tokens carry no refresh token.
    void adopt(const spotifyjson::TokenResponse &tokens, QObject *context, std::function<void(bool)> done);
    // Forgets the sign-in: deletes the stored refresh token, clears memory, answers waiting callers with false
    // and emits signedOut() so that per-user caches can be wiped (TS-5).
    void signOut();

    QByteArray accessToken() const override;
    // Answers false without asking Spotify when nobody is signed in. A refresh that failed for a passing reason
    // answers false too, but leaves the session SignedIn.
    void refreshAccessToken(const QByteArray &rejected, QObject *context, std::function<void(bool)> done) override;

    State state() const;
    EndReason endReason() const;
    // The last problem, for a person: why a sign-in is needed, or why a refresh failed; empty when none.
    QString errorMessage() const;
    Persistence persistence() const;
    bool isPersistent() const;
    // The banner while the sign-in is not remembered, e.g. "Not remembered — no system keyring"; else empty.
    QString persistenceMessage() const;
    // Where sign-ins exchange their code, with this session's client ID and timeout.
    const TokenEndpoint &tokenEndpoint() const;

Q_SIGNALS:
    void stateChanged();
    void errorMessageChanged();
    void persistenceChanged();
    void accessTokenChanged();
    void signedOut();

protected:
    // Test seam: runs after Spotify handed out a new refresh token and before it is written to the store, the
    // moment a crash costs the most (RELIABILITY.md T11 kills the process here).
    virtual void beforeStoringRefreshToken();

private:
    struct Waiter {
        QPointer<QObject> context;
        std::function<void(bool)> done;
    };

    void startRefresh();
    void refreshFinished(const TokenEndpoint::Reply &reply);
    void commit(const spotifyjson::TokenResponse &tokens);
    void storeRefreshToken(const QByteArray &refreshToken, std::function<void()> then);
    void publish(const spotifyjson::TokenResponse &tokens, const QByteArray &refreshToken);
    void endSession(EndReason reason, const QString &message, bool eraseStoredToken);
    void useSessionOnlyStore(const SecretStore::Answer &answer);
    void setPersistence(Persistence persistence, const QString &message);
    void setState(State state);
    void setErrorMessage(const QString &message);
    void abortRequest();
    void answerWaiters(bool ok);
    static void answer(const Waiter &waiter, bool ok);

    TokenEndpoint m_endpoint;
    QString m_secretKey;
    SecretStore *m_store;
    MemorySecretStore *m_sessionOnlyStore = nullptr;
    QTimer m_refreshTimer; // the proactive refresh, or the retry after a passing failure
    QPointer<QNetworkReply> m_reply;
    const std::chrono::milliseconds m_firstRetryDelay;
    std::chrono::milliseconds m_retryDelay;

    State m_state = State::SignedOut;
    EndReason m_endReason = EndReason::None;
    Persistence m_persistence = Persistence::Keychain;
    QString m_persistenceMessage;
    QString m_errorMessage;
    QByteArray m_accessToken;
    QByteArray m_refreshToken;

    // Set while the store is read, a refresh runs or new tokens are being stored: callers wait for the outcome.
    bool m_busy = false;
    // Bumped whenever what is in flight stops mattering (adopt, signOut): late answers carrying an older value
    // are dropped.
    quint64 m_generation = 0;
    std::vector<Waiter> m_waiters;
    Waiter m_adoption;
};

} // namespace engine
