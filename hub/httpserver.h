#pragma once

#include "engine/model/result.h"

#include <QString>
#include <QtGlobal>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace httplib
{
class Server;
}

namespace hub
{

class Api;

struct HttpLimits {
    qint64 maxBodyBytes = 1024 * 1024;
    int readTimeoutS = 10;
    int writeTimeoutS = 10;
    // Each open connection holds a worker for as long as it is kept alive, so this must exceed the number of
    // connections expected at once (PLATFORM §3.1).
    int threads = 16;
    // HB-10: accepted connections waiting for a worker; one more is answered 503 at once by the shedding
    // threads instead of waiting behind all the others.
    int maxQueue = 64;
    int keepAliveMaxCount = 100;
    int keepAliveTimeoutS = 5;
};

// HB-4: PEM files of the certificate and key the hub serves HTTPS with; both empty for plain HTTP.
struct TlsFiles {
    QString certificatePath;
    QString keyPath;

    bool enabled() const
    {
        return !certificatePath.isEmpty();
    }
};

// The transport: cpp-httplib with the limits set at run time (Debian ships it compiled, so its compile-time
// defaults cannot be changed), every request handed to the Api; with TlsFiles, its SSLServer (TLS 1.2 or newer).
// listen() binds in the caller's thread, so a port in use is reported before anything runs; start() serves on a thread
// of its own.
class HttpServer
{
public:
    HttpServer(const Api &api, const HttpLimits &limits, const TlsFiles &tls = {});
    ~HttpServer();
    Q_DISABLE_COPY_MOVE(HttpServer)

    engine::Result<void> bind(const QString &host, quint16 port);
    // onFailure runs on the server thread if serving stops without stop() having been called.
    void start(std::function<void()> onFailure);
    // Stops accepting, lets the requests in flight finish (bounded by the keep-alive and read timeouts) and
    // joins the threads. Safe to call more than once.
    void stop();

private:
    void serve(const std::function<void()> &onFailure);

    const Api &m_api;
    TlsFiles m_tls;
    std::unique_ptr<httplib::Server> m_server;
    int m_listenSocket = -1; // from the socket-options hook, to raise the backlog after binding
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_finished;
    bool m_serving = false;
    bool m_stopRequested = false;
};

} // namespace hub
