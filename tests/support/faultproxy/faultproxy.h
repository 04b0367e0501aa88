#pragma once

#include <QString>
#include <QUrl>

#include <memory>

namespace testsupport
{

// A TCP proxy from 127.0.0.1:<ephemeral> to a loopback upstream that injects the faults Toxiproxy calls
// toxics: latency with jitter, reset_peer, timeout 0 (a stall), bandwidth, and a disabled proxy (down).
// It runs on its own thread with POSIX sockets and poll(), so it keeps working while the test's thread is
// blocked. Every public function is thread-safe; the fault setters take effect before they return.
class FaultProxy
{
public:
    // `seed` makes jitter and reset decisions repeatable for the same sequence of traffic.
    FaultProxy(const QString &upstreamHost, quint16 upstreamPort, quint64 seed = 1);
    ~FaultProxy();
    FaultProxy(const FaultProxy &) = delete;
    FaultProxy &operator=(const FaultProxy &) = delete;

    // Listens and starts the proxy thread. Fails for an upstream that is not a loopback address ("localhost"
    // counts; no other name is resolved) or when no port can be bound; errorString() says why.
    bool start();
    QString errorString() const;
    bool isRunning() const;

    quint16 port() const;
    QUrl url() const; // http://127.0.0.1:<port>
    QUrl proxiedUrl(const QUrl &upstreamUrl) const; // the same URL with the proxy's host and port

    // Faults combine; passThrough() removes them all (but does not bring a downed proxy up).
    void passThrough();
    // Each chunk of data, in either direction, is held back `ms` ± `jitterMs` (order is kept).
    void setLatency(int ms, int jitterMs = 0);
    // With `probability` per response (the first upstream bytes after a request), forward at most
    // `afterBytes` of it and then, 150 ms later, reset the client's connection (RST) and close the upstream one.
    void setResetPeer(double probability, qint64 afterBytes = 0);
    // A black hole: connections are accepted and read (up to the buffer bound) but nothing is forwarded
    // or answered. A client that gives up closes its connection for good; data of connections still
    // open flows once the stall is removed, as with Toxiproxy's timeout 0.
    void stall();
    void setStalled(bool stalled);
    // Per connection and direction; 0 is unlimited.
    void setBandwidth(qint64 bytesPerSecond);
    // Down closes the listening socket (connecting is refused) and every open connection; up listens on
    // the same port again and returns false if it cannot.
    void down();
    bool up();
    bool isDown() const;

    qint64 connectionsAccepted() const;
    qint64 resetsInjected() const;
    qint64 bytesToUpstream() const;
    qint64 bytesToClient() const;
    qint64 upstreamConnectFailures() const;
    int activeConnections() const;

    static constexpr int kMaxConnections = 256; // further connections are reset at once
    static constexpr qint64 kMaxBufferedBytes = 256 * 1024; // per connection and direction

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace testsupport
