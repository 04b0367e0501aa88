#pragma once

#include "engine/model/result.h"
#include "engine/spotify/authorizeurl.h"
#include "engine/spotify/loopbackrequest.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <memory>
#include <vector>

class QTcpSocket;
class QTimerEvent;

namespace engine
{

// Receives Spotify's redirect at the end of an Authorization Code + PKCE sign-in (RELIABILITY.md OA-1,
// OA-3, OA-6). Listens on the loopback interface only, on an ephemeral port, for one attempt: after the
// first callback carrying the right state (code or error) it answers the browser, closes the listener and
// emits exactly one of codeReceived(), cancelled(), failed() or invalidResponse(); after the lifetime
// without one it emits timedOut(). Everything is event-driven on the thread the object lives on, which is
// never blocked: a slow, silent, oversized or hostile client only ever costs a bounded buffer and a timer.
class LoopbackReceiver : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxConnections = 8;
    static constexpr std::chrono::milliseconds DefaultLifetime = std::chrono::minutes(5);
    static constexpr std::chrono::milliseconds DefaultHeaderTimeout = std::chrono::seconds(10);
    // How long an answered connection may take to flush its page before it is cut.
    static constexpr std::chrono::milliseconds LingerTimeout = std::chrono::seconds(2);

    explicit LoopbackReceiver(QObject *parent = nullptr);
    ~LoopbackReceiver() override;

    // Both apply to the next start(); tests shorten them.
    void setLifetime(std::chrono::milliseconds lifetime);
    std::chrono::milliseconds lifetime() const;
    void setHeaderTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds headerTimeout() const;

    // Binds 127.0.0.1 on an ephemeral port ([::1] only when IPv4 loopback cannot be bound) and waits for
    // the callback carrying `expectedState`. One receiver serves one attempt: a second start() fails.
    Result<void> start(const QByteArray &expectedState);
    // Closes the listener and every connection; no signal follows. Safe to call at any time.
    void stop();

    bool isListening() const;
    quint16 port() const;
    LoopbackHost host() const;
    // http://127.0.0.1:<port>/callback (or the [::1] form); empty before start().
    QUrl redirectUri() const;

Q_SIGNALS:
    void codeReceived(const QByteArray &code);
    void cancelled();
    void failed(const QString &errorCode);
    void invalidResponse();
    void timedOut();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    enum class State { Idle, Listening, Answering, Finished };
    struct Connection {
        QTcpSocket *socket = nullptr;
        QByteArray received;
        int timerId = 0; // the header deadline, then the linger deadline once answered
        bool answered = false;
    };

    void acceptConnections();
    void readFrom(QTcpSocket *socket);
    void answer(Connection &connection, const LoopbackDecision &decision);
    void connectionFinished(QTcpSocket *socket);
    void dropConnection(QTcpSocket *socket);
    void dropAllConnections();
    void release(Connection &connection);
    void deliverResult();
    void expire();
    std::vector<std::unique_ptr<Connection>>::iterator find(QTcpSocket *socket);

    QTcpServer m_server;
    QTimer m_lifetimeTimer;
    std::vector<std::unique_ptr<Connection>> m_connections; // oldest first
    State m_state = State::Idle;
    LoopbackExpectation m_expectation;
    std::chrono::milliseconds m_lifetime = DefaultLifetime;
    std::chrono::milliseconds m_headerTimeout = DefaultHeaderTimeout;
    // The flow's result, held back until the browser has its page.
    LoopbackDecision m_result;
    QTcpSocket *m_resultSocket = nullptr;
};

} // namespace engine
