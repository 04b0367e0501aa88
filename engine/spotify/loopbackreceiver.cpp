#include "engine/spotify/loopbackreceiver.h"

#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimerEvent>

#include <algorithm>
#include <utility>

namespace engine
{

namespace
{

// Only statuses and fixed reasons are logged here: never a code, a state or a callback URL.
Q_LOGGING_CATEGORY(lcSignIn, "tunescout.spotify.signin")

using Outcome = LoopbackDecision::Outcome;

} // namespace

LoopbackReceiver::LoopbackReceiver(QObject *parent)
    : QObject(parent)
    , m_server(this)
    , m_lifetimeTimer(this)
{
    m_lifetimeTimer.setSingleShot(true);
    connect(&m_lifetimeTimer, &QTimer::timeout, this, &LoopbackReceiver::expire);
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackReceiver::acceptConnections);
    connect(&m_server, &QTcpServer::acceptError, this, [](QAbstractSocket::SocketError error) {
        qCWarning(lcSignIn) << "accepting a connection failed:" << error;
    });
}

LoopbackReceiver::~LoopbackReceiver()
{
    stop();
}

void LoopbackReceiver::setLifetime(std::chrono::milliseconds lifetime)
{
    m_lifetime = lifetime;
}

std::chrono::milliseconds LoopbackReceiver::lifetime() const
{
    return m_lifetime;
}

void LoopbackReceiver::setHeaderTimeout(std::chrono::milliseconds timeout)
{
    m_headerTimeout = timeout;
}

std::chrono::milliseconds LoopbackReceiver::headerTimeout() const
{
    return m_headerTimeout;
}

Result<void> LoopbackReceiver::start(const QByteArray &expectedState)
{
    if (m_state != State::Idle) {
        return Error{Error::Code::Internal, QStringLiteral("This sign-in receiver was already used.")};
    }
    if (expectedState.isEmpty()) {
        return Error{Error::Code::Internal, QStringLiteral("The sign-in has no state to wait for.")};
    }
    // Never Any: the callback must not be reachable from the network (OA-1).
    LoopbackHost host = LoopbackHost::IPv4;
    if (!m_server.listen(QHostAddress::LocalHost, 0)) {
        const QString ipv4Error = m_server.errorString();
        if (!m_server.listen(QHostAddress::LocalHostIPv6, 0)) {
            return Error{Error::Code::Network,
                         QStringLiteral("TuneScout could not listen on this computer's loopback address to receive "
                                        "Spotify's sign-in (%1).")
                             .arg(ipv4Error)};
        }
        host = LoopbackHost::IPv6;
        qCWarning(lcSignIn) << "IPv4 loopback unavailable, listening on IPv6 loopback instead:" << ipv4Error;
    }
    m_expectation = {host, m_server.serverPort(), expectedState};
    m_state = State::Listening;
    m_lifetimeTimer.start(m_lifetime);
    qCInfo(lcSignIn) << "waiting for the sign-in callback on loopback port" << m_expectation.port;
    return {};
}

void LoopbackReceiver::stop()
{
    m_lifetimeTimer.stop();
    m_server.close();
    dropAllConnections();
    m_result = {};
    m_resultSocket = nullptr;
    if (m_state != State::Idle) {
        m_state = State::Finished;
    }
}

bool LoopbackReceiver::isListening() const
{
    return m_server.isListening();
}

quint16 LoopbackReceiver::port() const
{
    return m_expectation.port;
}

LoopbackHost LoopbackReceiver::host() const
{
    return m_expectation.host;
}

QUrl LoopbackReceiver::redirectUri() const
{
    return m_state == State::Idle ? QUrl() : loopbackRedirectUri(m_expectation.host, m_expectation.port);
}

void LoopbackReceiver::acceptConnections()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        if (m_state != State::Listening) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        if (m_connections.size() >= MaxConnections) {
            // The newcomer is kept and the oldest unanswered connection goes: a browser sends its request the
            // moment it connects, so the one that has waited longest is the likeliest idle preconnect or
            // slowloris, and refusing newcomers instead would let eight idle sockets lock out the callback.
            const auto oldest = std::find_if(m_connections.begin(), m_connections.end(), [](const auto &connection) {
                return !connection->answered;
            });
            qCInfo(lcSignIn) << "connection limit reached, closing the oldest connection";
            dropConnection((oldest != m_connections.end() ? *oldest : m_connections.front())->socket);
        }
        // Qt stops reading from the kernel once this much is buffered: an oversized request costs a bounded
        // buffer and is refused as soon as it breaks a limit.
        socket->setReadBufferSize(LoopbackMaxRequestBytes + 1);
        auto connection = std::make_unique<Connection>();
        connection->socket = socket;
        // Measured from the connection, not from the last byte, so dribbling does not extend it.
        connection->timerId = startTimer(m_headerTimeout);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            readFrom(socket);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            connectionFinished(socket);
        });
        connect(socket, &QTcpSocket::errorOccurred, this, [this, socket] {
            connectionFinished(socket);
        });
        m_connections.push_back(std::move(connection));
    }
}

void LoopbackReceiver::readFrom(QTcpSocket *socket)
{
    const auto it = find(socket);
    if (it == m_connections.end() || (*it)->answered) {
        return;
    }
    Connection &connection = **it;
    const qint64 room = LoopbackMaxRequestBytes + 1 - connection.received.size();
    if (room > 0) {
        connection.received += socket->read(room);
    }
    const LoopbackDecision decision = decideLoopbackRequest(connection.received, m_expectation);
    switch (decision.action) {
    case LoopbackDecision::Action::NeedMoreBytes:
        if (connection.received.size() > LoopbackMaxRequestBytes) {
            qCWarning(lcSignIn) << "request over the size limit left undecided, closing";
            dropConnection(socket);
        }
        return;
    case LoopbackDecision::Action::Close:
        qCInfo(lcSignIn) << "closed a connection without answering:" << decision.reason;
        dropConnection(socket);
        return;
    case LoopbackDecision::Action::Respond:
        answer(connection, decision);
        return;
    }
}

void LoopbackReceiver::answer(Connection &connection, const LoopbackDecision &decision)
{
    qCInfo(lcSignIn).nospace() << "answered " << decision.status << ": " << decision.reason;
    QTcpSocket *socket = connection.socket;
    connection.answered = true;
    connection.received = QByteArray();
    killTimer(connection.timerId);
    connection.timerId = startTimer(LingerTimeout);
    socket->write(loopbackResponse(decision));

    if (decision.outcome != Outcome::None && m_state == State::Listening) {
        // The attempt is over: nobody may connect any more, and the result waits until this browser has its
        // page, so that a receiver torn down on the signal does not cut the page off.
        m_state = State::Answering;
        m_result = decision;
        m_resultSocket = socket;
        m_lifetimeTimer.stop();
        m_server.close();
        std::vector<QTcpSocket *> others;
        for (const auto &other : m_connections) {
            if (other->socket != socket) {
                others.push_back(other->socket);
            }
        }
        for (QTcpSocket *other : others) {
            dropConnection(other);
        }
    }
    // May finish at once and call connectionFinished(); nothing is touched after it.
    socket->disconnectFromHost();
}

void LoopbackReceiver::connectionFinished(QTcpSocket *socket)
{
    const bool carriesResult = socket == m_resultSocket;
    dropConnection(socket);
    if (carriesResult) {
        m_resultSocket = nullptr;
        // Queued, so that a slot deleting this receiver does not run inside the socket's own signal.
        QMetaObject::invokeMethod(
            this,
            [this] {
                deliverResult();
            },
            Qt::QueuedConnection);
    }
}

void LoopbackReceiver::deliverResult()
{
    if (m_state != State::Answering) {
        return;
    }
    m_state = State::Finished;
    const LoopbackDecision result = std::exchange(m_result, LoopbackDecision());
    switch (result.outcome) {
    case Outcome::Code:
        Q_EMIT codeReceived(result.code);
        break;
    case Outcome::Cancelled:
        Q_EMIT cancelled();
        break;
    case Outcome::Failed:
        Q_EMIT failed(result.errorCode);
        break;
    case Outcome::InvalidResponse:
        Q_EMIT invalidResponse();
        break;
    case Outcome::None:
        break;
    }
}

void LoopbackReceiver::expire()
{
    if (m_state != State::Listening) {
        return;
    }
    qCInfo(lcSignIn) << "no sign-in callback within" << m_lifetime.count() << "ms, giving up";
    stop();
    Q_EMIT timedOut();
}

void LoopbackReceiver::timerEvent(QTimerEvent *event)
{
    const auto it = std::find_if(m_connections.begin(), m_connections.end(), [event](const auto &connection) {
        return connection->timerId == event->timerId();
    });
    if (it == m_connections.end()) {
        QObject::timerEvent(event);
        return;
    }
    QTcpSocket *socket = (*it)->socket;
    if ((*it)->answered) {
        qCInfo(lcSignIn) << "an answered connection did not close in time, cutting it";
        connectionFinished(socket);
    } else {
        qCInfo(lcSignIn) << "request headers incomplete after" << m_headerTimeout.count() << "ms, closing";
        dropConnection(socket);
    }
}

void LoopbackReceiver::dropConnection(QTcpSocket *socket)
{
    const auto it = find(socket);
    if (it == m_connections.end()) {
        return;
    }
    std::unique_ptr<Connection> connection = std::move(*it);
    m_connections.erase(it);
    release(*connection);
}

void LoopbackReceiver::dropAllConnections()
{
    std::vector<std::unique_ptr<Connection>> connections = std::exchange(m_connections, {});
    for (const auto &connection : connections) {
        release(*connection);
    }
}

void LoopbackReceiver::release(Connection &connection)
{
    killTimer(connection.timerId);
    // Signals first, so that abort() cannot call back into this receiver.
    connection.socket->disconnect(this);
    connection.socket->abort();
    connection.socket->deleteLater();
}

std::vector<std::unique_ptr<LoopbackReceiver::Connection>>::iterator LoopbackReceiver::find(QTcpSocket *socket)
{
    return std::find_if(m_connections.begin(), m_connections.end(), [socket](const auto &connection) {
        return connection->socket == socket;
    });
}

} // namespace engine
