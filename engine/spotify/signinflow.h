#pragma once

#include "engine/spotify/loopbackreceiver.h"
#include "engine/spotify/pkce.h"
#include "engine/spotify/tokenendpoint.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkReply;

namespace engine
{

class Session;

// One Spotify sign-in at a time: Authorization Code + PKCE through the system browser and the loopback receiver
// (RELIABILITY.md OA-3 … OA-7, OA-10). Each attempt has its own verifier and state, held in memory only for as
// long as the attempt runs; starting a new attempt cancels the old one.
//
//     Idle --start()--> WaitingForBrowser --code--> Exchanging --tokens stored by the session--> SignedIn
//                           |  \--access_denied or cancel()--> Cancelled           \--refused--> Failed
//                           |--OAuth error--> Failed          --lifetime over--> TimedOut
//                           \--the right state without a code or an error--> InvalidResponse
//
// The browser is opened through an injected function (QDesktopServices::openUrl in the app, printing in the
// CLI), so that the engine does not link QtGui; when it fails the flow keeps waiting and authorizeUrl() is there
// to be copied. The received code is exchanged exactly once: a refused code means a new attempt, never a retry.
class SignInFlow : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ isBusy NOTIFY stateChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY stateChanged)
    Q_PROPERTY(QUrl authorizeUrl READ authorizeUrl NOTIFY stateChanged)
    Q_PROPERTY(bool browserOpened READ browserOpened NOTIFY stateChanged)

public:
    enum class State {
        Idle,
        WaitingForBrowser, // listening on the loopback port for Spotify's redirect
        Exchanging, // trading the code for tokens, and handing them to the session
        SignedIn,
        Cancelled, // the user declined on Spotify's page, or cancel()
        Failed, // errorMessage() says why
        TimedOut, // the browser did not come back within lifetime()
        InvalidResponse, // the redirect carried the right state but neither a code nor an error
    };
    Q_ENUM(State)

    // Opens the URL in the user's browser; false when it could not.
    using BrowserOpener = std::function<bool(const QUrl &)>;

    // The session provides the accounts URL, the Client ID and the token endpoint, and receives the tokens; it
    // must outlive the flow.
    SignInFlow(Session *session, BrowserOpener openBrowser, QObject *parent = nullptr);
    ~SignInFlow() override;

    // How long an attempt waits for the browser (5 minutes, OA-3); applies to the next start().
    void setLifetime(std::chrono::milliseconds lifetime);
    std::chrono::milliseconds lifetime() const;

    // Begins a new attempt, cancelling the one running.
    void start();
    // Ends the running attempt as Cancelled; nothing happens when none runs.
    void cancel();

    State state() const;
    bool isBusy() const; // WaitingForBrowser or Exchanging
    QString errorMessage() const; // for Failed, TimedOut and InvalidResponse; empty otherwise
    // While waiting for the browser: the URL it was sent to, to be copied when it did not open.
    QUrl authorizeUrl() const;
    bool browserOpened() const;

Q_SIGNALS:
    void stateChanged();
    // The attempt ended: state() is SignedIn, Cancelled, Failed, TimedOut or InvalidResponse.
    void finished();

private:
    void exchange(const QByteArray &code);
    void exchanged(const TokenEndpoint::Reply &reply);
    void finish(State outcome, const QString &message);
    void endAttempt();

    Session *m_session;
    BrowserOpener m_openBrowser;
    std::chrono::milliseconds m_lifetime = LoopbackReceiver::DefaultLifetime;

    // The running attempt; everything here is forgotten when it ends.
    QPointer<LoopbackReceiver> m_receiver;
    QPointer<QNetworkReply> m_reply;
    PkcePair m_pkce;
    QUrl m_redirectUri;
    QUrl m_authorizeUrl;
    bool m_browserOpened = false;
    // Bumped when an attempt ends, so that late answers for it are dropped.
    quint64 m_attempt = 0;

    State m_state = State::Idle;
    QString m_errorMessage;
};

} // namespace engine
