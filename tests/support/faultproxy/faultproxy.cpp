#include "tests/support/faultproxy/faultproxy.h"

#include <QHostAddress>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <deque>
#include <functional>
#include <future>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace testsupport
{

namespace
{

using Clock = std::chrono::steady_clock;

#ifdef MSG_NOSIGNAL
constexpr int kSendFlags = MSG_NOSIGNAL;
#else
constexpr int kSendFlags = 0;
#endif

constexpr size_t kReadChunk = 16 * 1024;
constexpr int kAcceptsPerWakeup = 64;
// How long a reset waits after the last bytes forwarded before it (see progress()).
constexpr std::chrono::milliseconds kResetGrace{150};

// splitmix64: the standard distributions differ between library implementations, and a seeded run must
// make the same decisions everywhere.
class Random
{
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    {
    }

    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    double unit()
    {
        return double(next() >> 11) * (1.0 / 9007199254740992.0);
    }

private:
    quint64 m_state;
};

void setNonBlocking(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL, 0) | O_NONBLOCK);
    ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD, 0) | FD_CLOEXEC);
}

void setNoDelay(int fd)
{
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
}

// SO_LINGER with a zero timeout turns close() into an RST.
void resetAndClose(int fd)
{
    if (fd < 0)
        return;
    const linger abortive{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof(abortive));
    ::close(fd);
}

void closeQuietly(int fd)
{
    if (fd >= 0)
        ::close(fd);
}

struct Chunk {
    std::vector<char> bytes;
    size_t offset = 0;
    Clock::time_point due;
};

// One direction of a proxied connection.
struct Flow {
    std::deque<Chunk> chunks;
    qint64 buffered = 0;
    bool sourceClosed = false; // end of stream read from the source
    bool sinkShutdown = false; // that end passed on to the sink
    bool sinkBlocked = false; // the sink's send buffer was full at the last write
    double tokens = 0.0;
    Clock::time_point refilledAt = Clock::now();
    Clock::time_point lastDue = Clock::time_point::min();
};

struct Connection {
    int client = -1;
    int upstream = -1;
    bool upstreamConnected = false;
    Flow toUpstream;
    Flow toClient;
    bool responseSeen = false; // upstream bytes arrived since the client last sent
    bool exchangeDecided = false; // the reset dice were rolled for this response
    bool resetArmed = false;
    qint64 resetBudget = 0; // response bytes still to forward before the reset
    std::optional<Clock::time_point> resetAt; // all of them forwarded: when the reset goes out
    bool done = false;
};

struct Faults {
    int latencyMs = 0;
    int jitterMs = 0;
    double resetProbability = 0.0;
    qint64 resetAfterBytes = 0;
    bool stalled = false;
    qint64 bandwidth = 0;
};

} // namespace

struct FaultProxy::Private {
    QString upstreamHost;
    quint16 upstreamPort = 0;
    sockaddr_storage upstreamAddress{};
    socklen_t upstreamAddressLength = 0;
    QString error;

    std::atomic<qint64> accepted{0};
    std::atomic<qint64> resets{0};
    std::atomic<qint64> toUpstreamBytes{0};
    std::atomic<qint64> toClientBytes{0};
    std::atomic<qint64> connectFailures{0};
    std::atomic<int> active{0};
    std::atomic<quint16> port{0};
    std::atomic<bool> isDown{false};

    // Commands from other threads, run by the proxy thread between polls.
    std::mutex commandMutex;
    std::deque<std::function<void()>> commands;
    bool loopRunning = false;
    int wakeRead = -1;
    int wakeWrite = -1;
    std::thread thread;

    // Owned by the proxy thread once it runs.
    bool stopping = false;
    int listener = -1;
    Clock::time_point acceptPausedUntil;
    Faults faults;
    Random random;
    std::list<Connection> connections;

    explicit Private(quint64 seed)
        : random(seed)
    {
    }

    void wake()
    {
        const char byte = 1;
        // A full pipe already holds a wake-up; nothing is lost when this write fails.
        [[maybe_unused]] const ssize_t written = ::write(wakeWrite, &byte, 1);
    }

    void runInLoop(const std::function<void()> &command)
    {
        std::unique_lock lock(commandMutex);
        if (!loopRunning) {
            command();
            return;
        }
        auto finished = std::make_shared<std::promise<void>>();
        std::future<void> result = finished->get_future();
        commands.emplace_back([command, finished] {
            command();
            finished->set_value();
        });
        lock.unlock();
        wake();
        result.wait();
    }

    bool openListener(quint16 wantedPort)
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) {
            error = QStringLiteral("socket: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        const int on = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(wantedPort);
        if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0 || ::listen(fd, 64) != 0) {
            error = QStringLiteral("cannot listen on 127.0.0.1:%1: %2")
                        .arg(wantedPort)
                        .arg(QString::fromLocal8Bit(std::strerror(errno)));
            ::close(fd);
            return false;
        }
        socklen_t length = sizeof(address);
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
        port = ntohs(address.sin_port);
        setNonBlocking(fd);
        listener = fd;
        return true;
    }

    void closeListener()
    {
        closeQuietly(listener);
        listener = -1;
    }

    void abortConnection(Connection &connection)
    {
        resetAndClose(connection.client);
        resetAndClose(connection.upstream);
        connection.client = connection.upstream = -1;
        connection.done = true;
    }

    void finishConnection(Connection &connection)
    {
        closeQuietly(connection.client);
        closeQuietly(connection.upstream);
        connection.client = connection.upstream = -1;
        connection.done = true;
    }

    void reap()
    {
        connections.remove_if([](const Connection &connection) {
            return connection.done;
        });
        active = int(connections.size());
    }

    void acceptPending()
    {
        for (int i = 0; i < kAcceptsPerWakeup && listener >= 0; ++i) {
            const int client = ::accept(listener, nullptr, nullptr);
            if (client < 0) {
                // Out of descriptors the listener stays readable: rest a while instead of spinning on it.
                if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
                    acceptPausedUntil = Clock::now() + std::chrono::milliseconds(100);
                return; // EAGAIN, or a connection that vanished before we took it
            }
            ++accepted;
            if (connections.size() >= size_t(kMaxConnections)) {
                resetAndClose(client);
                continue;
            }
            setNonBlocking(client);
            setNoDelay(client);
            const int upstream = ::socket(upstreamAddress.ss_family, SOCK_STREAM, 0);
            if (upstream < 0) {
                resetAndClose(client);
                continue;
            }
            setNonBlocking(upstream);
            setNoDelay(upstream);
            Connection connection;
            connection.client = client;
            connection.upstream = upstream;
            const int result =
                ::connect(upstream, reinterpret_cast<const sockaddr *>(&upstreamAddress), upstreamAddressLength);
            if (result == 0) {
                connection.upstreamConnected = true;
            } else if (errno != EINPROGRESS) {
                ++connectFailures;
                finishConnection(connection);
                continue;
            }
            connections.push_back(std::move(connection));
        }
    }

    Clock::duration nextDelay()
    {
        if (faults.latencyMs <= 0 && faults.jitterMs <= 0)
            return Clock::duration::zero();
        int delayMs = faults.latencyMs;
        if (faults.jitterMs > 0)
            delayMs += int(random.next() % quint64(2 * faults.jitterMs + 1)) - faults.jitterMs;
        return std::chrono::milliseconds(std::max(0, delayMs));
    }

    double bucketCapacity() const
    {
        // 50 ms worth: small enough that the rate holds over short transfers.
        return std::max(1.0, double(faults.bandwidth) / 20.0);
    }

    void refill(Flow &flow, Clock::time_point now) const
    {
        const double seconds = std::chrono::duration<double>(now - flow.refilledAt).count();
        flow.refilledAt = now;
        flow.tokens = std::min(bucketCapacity(), flow.tokens + seconds * double(faults.bandwidth));
    }

    void enqueue(Flow &flow, const char *data, size_t size, Clock::time_point now)
    {
        Chunk chunk;
        chunk.bytes.assign(data, data + size);
        chunk.due = std::max(now + nextDelay(), flow.lastDue);
        flow.lastDue = chunk.due;
        flow.buffered += qint64(size);
        flow.chunks.push_back(std::move(chunk));
    }

    bool canRead(const Connection &connection, const Flow &flow) const
    {
        if (flow.sourceClosed || flow.buffered >= kMaxBufferedBytes)
            return false;
        // A response being cut short is not read any further.
        return !(&flow == &connection.toClient && connection.resetArmed && connection.resetBudget <= 0);
    }

    // Reads what `from` has for `flow`; false when the connection ended.
    bool readFrom(Connection &connection, int from, Flow &flow, Clock::time_point now)
    {
        char buffer[kReadChunk];
        const size_t room = size_t(std::min<qint64>(qint64(sizeof(buffer)), kMaxBufferedBytes - flow.buffered));
        const ssize_t count = ::recv(from, buffer, room, 0);
        if (count < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
                return true;
            abortConnection(connection);
            return false;
        }
        if (count == 0) {
            flow.sourceClosed = true;
            if (&flow == &connection.toUpstream && faults.stalled) {
                // Nobody waits for an answer any more: the black hole swallows the connection.
                finishConnection(connection);
                return false;
            }
            return true;
        }
        size_t forward = size_t(count);
        if (&flow == &connection.toUpstream) {
            if (connection.responseSeen) {
                connection.responseSeen = false;
                connection.exchangeDecided = false;
            }
        } else {
            connection.responseSeen = true;
            if (!connection.exchangeDecided) {
                connection.exchangeDecided = true;
                // Always drawn, so that the sequence does not depend on the probability.
                const double draw = random.unit();
                if (draw < faults.resetProbability) {
                    connection.resetArmed = true;
                    connection.resetBudget = faults.resetAfterBytes;
                }
            }
            if (connection.resetArmed) {
                forward = size_t(std::min<qint64>(qint64(forward), connection.resetBudget));
                connection.resetBudget -= qint64(forward);
            }
        }
        if (forward > 0)
            enqueue(flow, buffer, forward, now);
        return true;
    }

    // Writes what is due; false when the connection ended.
    bool flush(Connection &connection, Flow &flow, int to, Clock::time_point now)
    {
        if (faults.stalled)
            return true;
        flow.sinkBlocked = false;
        while (!flow.chunks.empty()) {
            Chunk &chunk = flow.chunks.front();
            if (chunk.due > now)
                break;
            size_t length = chunk.bytes.size() - chunk.offset;
            if (faults.bandwidth > 0) {
                refill(flow, now);
                const double allowed = std::floor(flow.tokens);
                if (allowed < 1.0)
                    break;
                length = std::min(length, size_t(allowed));
            }
            const ssize_t written = ::send(to, chunk.bytes.data() + chunk.offset, length, kSendFlags);
            if (written < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                    flow.sinkBlocked = true;
                    break;
                }
                abortConnection(connection);
                return false;
            }
            chunk.offset += size_t(written);
            flow.buffered -= written;
            if (faults.bandwidth > 0)
                flow.tokens -= double(written);
            (&flow == &connection.toUpstream ? toUpstreamBytes : toClientBytes) += written;
            if (chunk.offset == chunk.bytes.size())
                flow.chunks.pop_front();
        }
        return true;
    }

    void progress(Connection &connection, Clock::time_point now)
    {
        if (connection.done)
            return;
        if (connection.upstreamConnected && !flush(connection, connection.toUpstream, connection.upstream, now))
            return;
        if (!flush(connection, connection.toClient, connection.client, now))
            return;
        if (connection.resetArmed && connection.resetBudget <= 0 && connection.toClient.chunks.empty()) {
            // An RST makes the peer's kernel drop what it received and the application has not read yet: sent at
            // once, it could erase the bytes forwarded before it, and the client would see a connection that closed
            // without an answer, which Qt's HTTP stack quietly sends again. The grace lets the client read them.
            if (!connection.resetAt)
                connection.resetAt = now + kResetGrace;
            if (now < *connection.resetAt)
                return;
            // Counted first: the client may see the reset and read the counter before this thread goes on.
            ++resets;
            resetAndClose(connection.client);
            closeQuietly(connection.upstream);
            connection.client = connection.upstream = -1;
            connection.done = true;
            return;
        }
        if (faults.stalled)
            return;
        // Half-closes travel through, so that HTTP/1.0-style "close to end the body" works.
        for (auto [flow, sink] : {std::pair{&connection.toUpstream, connection.upstream},
                                  std::pair{&connection.toClient, connection.client}}) {
            if (flow->sourceClosed && flow->chunks.empty() && !flow->sinkShutdown
                && (flow != &connection.toUpstream || connection.upstreamConnected)) {
                ::shutdown(sink, SHUT_WR);
                flow->sinkShutdown = true;
            }
        }
        if (connection.toUpstream.sinkShutdown && connection.toClient.sinkShutdown)
            finishConnection(connection);
    }

    void handleUpstreamConnect(Connection &connection, short revents)
    {
        if (!(revents & (POLLOUT | POLLERR | POLLHUP)))
            return;
        int socketError = 0;
        socklen_t length = sizeof(socketError);
        ::getsockopt(connection.upstream, SOL_SOCKET, SO_ERROR, &socketError, &length);
        if (socketError != 0) {
            ++connectFailures;
            finishConnection(connection);
            return;
        }
        connection.upstreamConnected = true;
    }

    void handleEvents(Connection &connection, bool client, short revents, Clock::time_point now)
    {
        if (connection.done || revents == 0)
            return;
        if (!client && !connection.upstreamConnected) {
            handleUpstreamConnect(connection, revents);
            return;
        }
        if (revents & POLLNVAL) {
            abortConnection(connection);
            return;
        }
        const int fd = client ? connection.client : connection.upstream;
        Flow &incoming = client ? connection.toUpstream : connection.toClient;
        Flow &outgoing = client ? connection.toClient : connection.toUpstream;
        if ((revents & (POLLIN | POLLHUP | POLLERR)) && canRead(connection, incoming)) {
            if (!readFrom(connection, fd, incoming, now))
                return;
        } else if (revents & POLLERR) {
            abortConnection(connection);
            return;
        }
        if (revents & POLLOUT)
            outgoing.sinkBlocked = false;
    }

    // When the next chunk becomes due or the next tokens arrive; nothing for flows that wait on poll().
    int pollTimeout(Clock::time_point now)
    {
        std::optional<Clock::time_point> deadline;
        for (Connection &connection : connections) {
            for (Flow *flow : {&connection.toUpstream, &connection.toClient}) {
                if (faults.stalled || flow->chunks.empty() || flow->sinkBlocked)
                    continue;
                if (flow == &connection.toUpstream && !connection.upstreamConnected)
                    continue;
                Clock::time_point at = flow->chunks.front().due;
                if (faults.bandwidth > 0) {
                    refill(*flow, now);
                    if (flow->tokens < 1.0) {
                        const double wanted = std::min(bucketCapacity(), double(flow->buffered));
                        const double seconds = (wanted - flow->tokens) / double(faults.bandwidth);
                        at = std::max(
                            at,
                            now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds)));
                    }
                }
                deadline = deadline ? std::min(*deadline, at) : at;
            }
        }
        for (const Connection &connection : connections) {
            if (!connection.done && connection.resetAt)
                deadline = deadline ? std::min(*deadline, *connection.resetAt) : *connection.resetAt;
        }
        if (now < acceptPausedUntil)
            deadline = deadline ? std::min(*deadline, acceptPausedUntil) : acceptPausedUntil;
        if (!deadline)
            return -1;
        const auto wait = std::chrono::ceil<std::chrono::milliseconds>(*deadline - now).count();
        // Never 0: a deadline that cannot be met yet must not turn into a spin.
        return int(std::clamp<qint64>(wait, 1, 60000));
    }

    void runCommands()
    {
        std::deque<std::function<void()>> pending;
        {
            std::lock_guard lock(commandMutex);
            pending.swap(commands);
        }
        for (const auto &command : pending)
            command();
    }

    void loop()
    {
        std::vector<pollfd> fds;
        std::vector<std::pair<Connection *, bool>> owners; // per pollfd after the first two: (connection, client?)
        while (true) {
            runCommands();
            if (stopping)
                break;
            const Clock::time_point now = Clock::now();
            for (Connection &connection : connections)
                progress(connection, now);
            reap();

            fds.clear();
            owners.clear();
            fds.push_back(pollfd{wakeRead, POLLIN, 0});
            // A negative fd is ignored by poll().
            fds.push_back(pollfd{now < acceptPausedUntil ? -1 : listener, POLLIN, 0});
            for (Connection &connection : connections) {
                short clientEvents = 0;
                short upstreamEvents = 0;
                if (canRead(connection, connection.toUpstream))
                    clientEvents |= POLLIN;
                if (connection.toClient.sinkBlocked && !faults.stalled)
                    clientEvents |= POLLOUT;
                if (!connection.upstreamConnected) {
                    upstreamEvents = POLLOUT;
                } else {
                    if (canRead(connection, connection.toClient))
                        upstreamEvents |= POLLIN;
                    if (connection.toUpstream.sinkBlocked && !faults.stalled)
                        upstreamEvents |= POLLOUT;
                }
                // A socket with nothing to wait for stays out of the set: its POLLHUP would wake us forever.
                fds.push_back(pollfd{clientEvents ? connection.client : -1, clientEvents, 0});
                owners.emplace_back(&connection, true);
                fds.push_back(pollfd{upstreamEvents ? connection.upstream : -1, upstreamEvents, 0});
                owners.emplace_back(&connection, false);
            }

            const int ready = ::poll(fds.data(), nfds_t(fds.size()), pollTimeout(now));
            if (ready < 0 && errno != EINTR)
                break;
            if (ready <= 0)
                continue;
            if (fds[0].revents & POLLIN) {
                char drain[64];
                while (::read(wakeRead, drain, sizeof(drain)) > 0) { }
            }
            if (fds[1].fd >= 0 && (fds[1].revents & POLLIN))
                acceptPending();
            const Clock::time_point after = Clock::now();
            for (size_t i = 2; i < fds.size(); ++i) {
                if (fds[i].fd >= 0)
                    handleEvents(*owners[i - 2].first, owners[i - 2].second, fds[i].revents, after);
            }
        }
        for (Connection &connection : connections)
            finishConnection(connection);
        connections.clear();
        active = 0;
        closeListener();
    }
};

FaultProxy::FaultProxy(const QString &upstreamHost, quint16 upstreamPort, quint64 seed)
    : d(std::make_unique<Private>(seed))
{
    d->upstreamHost = upstreamHost;
    d->upstreamPort = upstreamPort;
}

FaultProxy::~FaultProxy()
{
    if (d->thread.joinable()) {
        d->runInLoop([this] {
            d->stopping = true;
        });
        d->thread.join();
    }
    closeQuietly(d->wakeRead);
    closeQuietly(d->wakeWrite);
}

bool FaultProxy::start()
{
    if (d->thread.joinable())
        return true;
    // Literal addresses only: resolving a name could reach beyond this machine.
    const QHostAddress address = d->upstreamHost.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
        ? QHostAddress(QHostAddress::LocalHost)
        : QHostAddress(d->upstreamHost);
    if (address.isNull() || !address.isLoopback()) {
        d->error = QStringLiteral("refusing upstream %1: only loopback addresses are allowed").arg(d->upstreamHost);
        return false;
    }
    if (d->upstreamPort == 0) {
        d->error = QStringLiteral("upstream port 0");
        return false;
    }
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        auto *ipv4 = reinterpret_cast<sockaddr_in *>(&d->upstreamAddress);
        ipv4->sin_family = AF_INET;
        ipv4->sin_port = htons(d->upstreamPort);
        ipv4->sin_addr.s_addr = htonl(address.toIPv4Address());
        d->upstreamAddressLength = sizeof(sockaddr_in);
    } else {
        auto *ipv6 = reinterpret_cast<sockaddr_in6 *>(&d->upstreamAddress);
        ipv6->sin6_family = AF_INET6;
        ipv6->sin6_port = htons(d->upstreamPort);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&ipv6->sin6_addr, bytes.c, sizeof(bytes.c));
        d->upstreamAddressLength = sizeof(sockaddr_in6);
    }

    int pipeEnds[2];
    if (::pipe(pipeEnds) != 0) {
        d->error = QStringLiteral("pipe: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    d->wakeRead = pipeEnds[0];
    d->wakeWrite = pipeEnds[1];
    setNonBlocking(d->wakeRead);
    setNonBlocking(d->wakeWrite);
    if (!d->openListener(0))
        return false;
    {
        std::lock_guard lock(d->commandMutex);
        d->loopRunning = true;
    }
    d->thread = std::thread([this] {
        d->loop();
        std::lock_guard lock(d->commandMutex);
        d->loopRunning = false;
        // Whoever still waits on a command gets released.
        for (const auto &command : d->commands)
            command();
        d->commands.clear();
    });
    return true;
}

QString FaultProxy::errorString() const
{
    return d->error;
}

bool FaultProxy::isRunning() const
{
    std::lock_guard lock(d->commandMutex);
    return d->loopRunning;
}

quint16 FaultProxy::port() const
{
    return d->port;
}

QUrl FaultProxy::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

QUrl FaultProxy::proxiedUrl(const QUrl &upstreamUrl) const
{
    QUrl url = upstreamUrl;
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

void FaultProxy::passThrough()
{
    d->runInLoop([this] {
        d->faults = Faults{};
    });
}

void FaultProxy::setLatency(int ms, int jitterMs)
{
    d->runInLoop([this, ms, jitterMs] {
        d->faults.latencyMs = std::max(0, ms);
        d->faults.jitterMs = std::max(0, jitterMs);
    });
}

void FaultProxy::setResetPeer(double probability, qint64 afterBytes)
{
    d->runInLoop([this, probability, afterBytes] {
        d->faults.resetProbability = std::clamp(probability, 0.0, 1.0);
        d->faults.resetAfterBytes = std::max<qint64>(0, afterBytes);
    });
}

void FaultProxy::stall()
{
    setStalled(true);
}

void FaultProxy::setStalled(bool stalled)
{
    d->runInLoop([this, stalled] {
        d->faults.stalled = stalled;
    });
}

void FaultProxy::setBandwidth(qint64 bytesPerSecond)
{
    d->runInLoop([this, bytesPerSecond] {
        d->faults.bandwidth = std::max<qint64>(0, bytesPerSecond);
        const Clock::time_point now = Clock::now();
        for (Connection &connection : d->connections) {
            for (Flow *flow : {&connection.toUpstream, &connection.toClient}) {
                flow->tokens = 0.0;
                flow->refilledAt = now;
            }
        }
    });
}

void FaultProxy::down()
{
    d->runInLoop([this] {
        d->closeListener();
        // Closed, not reset, as Toxiproxy does: Qt 6.4 can leave a request unfinished when it goes out on
        // a kept-alive connection that was reset a moment before.
        for (Connection &connection : d->connections)
            d->finishConnection(connection);
        d->reap();
        d->isDown = true;
    });
}

bool FaultProxy::up()
{
    bool listening = false;
    d->runInLoop([this, &listening] {
        listening = d->listener >= 0 || d->openListener(d->port);
        if (listening)
            d->isDown = false;
    });
    return listening;
}

bool FaultProxy::isDown() const
{
    return d->isDown;
}

qint64 FaultProxy::connectionsAccepted() const
{
    return d->accepted;
}

qint64 FaultProxy::resetsInjected() const
{
    return d->resets;
}

qint64 FaultProxy::bytesToUpstream() const
{
    return d->toUpstreamBytes;
}

qint64 FaultProxy::bytesToClient() const
{
    return d->toClientBytes;
}

qint64 FaultProxy::upstreamConnectFailures() const
{
    return d->connectFailures;
}

int FaultProxy::activeConnections() const
{
    return d->active;
}

} // namespace testsupport
