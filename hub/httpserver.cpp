#include "hub/httpserver.h"

#include "hub/api.h"
#include "hub/logging.h"

#include <QFile>

#include <httplib.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using engine::Error;
using engine::Result;

namespace hub
{

namespace
{

void writeResponse(const HttpResponse &response, httplib::Response &out)
{
    out.status = response.status;
    for (const auto &[name, value] : response.headers) {
        out.set_header(name.toStdString(), value.toStdString());
    }
    out.set_content(response.body.toStdString(), response.contentType.toStdString());
}

QString describeRequestError(int status)
{
    switch (status) {
    case 413:
        return QStringLiteral("The request body is larger than this hub accepts.");
    case 414:
        return QStringLiteral("The request URI is too long.");
    case 400:
        return QStringLiteral("The request is not valid HTTP.");
    }
    return QStringLiteral("The request could not be handled.");
}

// Set while a shedding thread runs a connection: the handler answers 503 without asking the Api.
thread_local bool t_shedding = false;
// When the accept loop handed the connection being run to the task queue, right after accept(): the shed measure
// (tunescout_hub_http_shed_seconds) counts from there, so it includes the time the connection waited for a thread.
thread_local std::chrono::steady_clock::time_point t_enqueued;

// HB-10: httplib::ThreadPool queues accepted connections without bound, so under overload every request waits
// behind all the others and latency grows without limit. This pool keeps at most maxQueue connections waiting
// for a worker. A connection that finds the queue full goes to the shedding threads instead, which answer its
// requests 503 at once (the handler sees t_shedding). cpp-httplib 0.11.4 gives enqueue() no way to refuse a
// task, and the task is an opaque closure over the socket, so running it on a thread that knows it is shedding
// is the one way to answer without a worker. The shed queue is bounded by the open-file limit only (every entry
// holds a socket); answering costs so little that it stays short. The library closes a connection after the
// answer only if the request asked for it, so the 503 makes it close (see shedResponse); a few shedding threads
// still, so that a client that is slow to send its request does not hold up the others.
class BoundedTaskQueue final : public httplib::TaskQueue
{
public:
    BoundedTaskQueue(int threads, int maxQueue)
        : m_maxQueue(size_t(maxQueue))
    {
        for (int i = 0; i < threads; ++i) {
            m_threads.emplace_back([this] {
                run(m_pending, m_pendingReady, false);
            });
        }
        for (int i = 0; i < sheddingThreads; ++i) {
            m_threads.emplace_back([this] {
                run(m_shed, m_shedReady, true);
            });
        }
    }

    ~BoundedTaskQueue() override
    {
        shutdown();
    }
    Q_DISABLE_COPY_MOVE(BoundedTaskQueue)

    void enqueue(std::function<void()> task) override
    {
        bool shed = false;
        std::function<void()> timed = [task = std::move(task), enqueued = std::chrono::steady_clock::now()] {
            t_enqueued = enqueued;
            task();
        };
        {
            const std::lock_guard lock(m_mutex);
            shed = m_pending.size() >= m_maxQueue;
            (shed ? m_shed : m_pending).push_back(std::move(timed));
        }
        (shed ? m_shedReady : m_pendingReady).notify_one();
    }

    // What is queued still runs: after the server stopped listening, httplib closes such a connection without
    // reading it, which a client retries.
    void shutdown() override
    {
        {
            const std::lock_guard lock(m_mutex);
            if (m_shutdown) {
                return;
            }
            m_shutdown = true;
        }
        m_pendingReady.notify_all();
        m_shedReady.notify_all();
        for (std::thread &thread : m_threads) {
            thread.join();
        }
    }

private:
    static constexpr int sheddingThreads = 4;
    // HB-10's 503 in < 50 ms: under overload the workers have all the CPU they can use (requests, JSON, waiting
    // PostgreSQL work), and a shedding thread with the same priority waits its turn behind them. A few nice
    // levels lower for the workers (about a third of the weight each; raising the others would need
    // CAP_SYS_NICE) let the accept loop and the shedding threads run first, and change nothing while there is
    // CPU to spare.
    static constexpr int workerNiceIncrement = 5;

    void run(std::deque<std::function<void()>> &queue, std::condition_variable &ready, bool shedding)
    {
        t_shedding = shedding;
        if (!shedding
            && setpriority(PRIO_PROCESS, id_t(gettid()), getpriority(PRIO_PROCESS, 0) + workerNiceIncrement) != 0) {
            qCWarning(lcHttp).noquote() << QStringLiteral("Cannot lower a worker thread's priority: %1")
                                               .arg(QString::fromLocal8Bit(std::strerror(errno)));
        }
        for (;;) {
            std::function<void()> task;
            {
                std::unique_lock lock(m_mutex);
                ready.wait(lock, [&] {
                    return !queue.empty() || m_shutdown;
                });
                if (queue.empty()) {
                    return;
                }
                task = std::move(queue.front());
                queue.pop_front();
            }
            task();
        }
    }

    const size_t m_maxQueue;
    std::mutex m_mutex;
    std::condition_variable m_pendingReady;
    std::condition_variable m_shedReady;
    std::deque<std::function<void()>> m_pending;
    std::deque<std::function<void()>> m_shed;
    bool m_shutdown = false;
    std::vector<std::thread> m_threads;
};

// The kernel's queue of connections not yet accepted. cpp-httplib 0.11.4 listens with a backlog of 5 (compiled
// into Debian's library), so a burst beyond that has its SYNs dropped and its clients wait a second for the
// retransmission: under overload even the 503s would take over a second. Accepting is cheap, so a long kernel
// queue drains quickly into BoundedTaskQueue, which decides.
constexpr int listenBacklog = 1024;

// Mozilla's "intermediate" TLS 1.2 ciphers (HB-4) without the DHE ones, which need parameters we do not ship;
// TLS 1.3's suites are OpenSSL's defaults.
constexpr char tls12Ciphers[] = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

std::unique_ptr<httplib::Server> makeServer(const TlsFiles &tls)
{
    if (!tls.enabled()) {
        return std::make_unique<httplib::Server>();
    }
    const std::string certificate = QFile::encodeName(tls.certificatePath).toStdString();
    const std::string key = QFile::encodeName(tls.keyPath).toStdString();
    return std::make_unique<httplib::SSLServer>([certificate, key](SSL_CTX &context) {
        SSL_CTX_set_options(&context,
                            SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
        return SSL_CTX_set_min_proto_version(&context, TLS1_2_VERSION) == 1
            && SSL_CTX_set_cipher_list(&context, tls12Ciphers) == 1
            && SSL_CTX_use_certificate_chain_file(&context, certificate.c_str()) == 1
            && SSL_CTX_use_PrivateKey_file(&context, key.c_str(), SSL_FILETYPE_PEM) == 1
            && SSL_CTX_check_private_key(&context) == 1;
    });
}

double secondsSinceEnqueued()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t_enqueued).count();
}

// HB-10's 503 for a shed connection, which the hub closes once it is written. cpp-httplib 0.11.4 keeps a
// connection open after any answer unless the request said Connection: close (the answer's header does not
// count), so a client that keeps its connections would hold a shedding thread until the keep-alive timeout, and
// would send its next request into the same 503. The one way its keep-alive loop ends after an answer is a write
// that fails: the body goes out through a content provider that writes all of it and then reports failure, so the
// client has the whole answer (Content-Length) and the library shuts the socket down at once. The provider runs
// as the body is written, which is where the shed time is measured.
void shedResponse(const Api &api, const httplib::Request &in, httplib::Response &out)
{
    const HttpResponse response = HttpError(503,
                                            QByteArrayLiteral("overloaded"),
                                            QStringLiteral("The hub has more requests waiting than it accepts; try "
                                                           "again in a moment."),
                                            {{QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")},
                                             {QByteArrayLiteral("Connection"), QByteArrayLiteral("close")}})
                                      .toResponse();
    // No body is written for HEAD, so there is nothing to fail: counted here, and the connection stays open.
    if (in.method == "HEAD") {
        api.recordShed(secondsSinceEnqueued());
        writeResponse(response, out);
        return;
    }
    out.status = response.status;
    for (const auto &[name, value] : response.headers) {
        out.set_header(name.toStdString(), value.toStdString());
    }
    auto body = std::make_shared<const std::string>(response.body.toStdString());
    out.set_content_provider(body->size(),
                             response.contentType.toStdString(),
                             [&api, body](size_t offset, size_t length, httplib::DataSink &sink) {
                                 sink.write(body->data() + offset, length);
                                 api.recordShed(secondsSinceEnqueued());
                                 return false;
                             });
}

} // namespace

HttpServer::HttpServer(const Api &api, const HttpLimits &limits, const TlsFiles &tls)
    : m_api(api)
    , m_tls(tls)
    , m_server(makeServer(tls))
{
    const int threads = limits.threads;
    const int maxQueue = limits.maxQueue;
    m_server->new_task_queue = [threads, maxQueue] {
        return new BoundedTaskQueue(threads, maxQueue);
    };
    m_server->set_socket_options([this](socket_t socket) {
        httplib::default_socket_options(socket);
        m_listenSocket = socket;
    });
    m_server->set_tcp_nodelay(true);
    m_server->set_payload_max_length(size_t(limits.maxBodyBytes));
    m_server->set_read_timeout(limits.readTimeoutS, 0);
    m_server->set_write_timeout(limits.writeTimeoutS, 0);
    m_server->set_keep_alive_max_count(size_t(limits.keepAliveMaxCount));
    m_server->set_keep_alive_timeout(limits.keepAliveTimeoutS);

    const httplib::Server::Handler handler = [this](const httplib::Request &in, httplib::Response &out) {
        // A shed connection gets 503 without the Api (no database work, no rate-limit bucket), except the
        // liveness probe, which is cheap and must not make a supervisor restart a hub that is merely busy.
        if (t_shedding && !(in.method == "GET" && in.path == "/healthz")) {
            shedResponse(m_api, in, out);
            return;
        }
        HttpRequest request;
        request.method = QByteArray::fromStdString(in.method);
        request.path = QByteArray::fromStdString(in.path);
        request.body = QByteArray::fromStdString(in.body);
        request.remoteAddress = QByteArray::fromStdString(in.remote_addr);
        for (const auto &[name, value] : in.params) {
            request.query.append({QByteArray::fromStdString(name), QByteArray::fromStdString(value)});
        }
        for (const char *name : {"authorization", "content-type", "if-none-match"}) {
            if (in.has_header(name)) {
                request.headers.append({QByteArray(name), QByteArray::fromStdString(in.get_header_value(name))});
            }
        }
        const HttpResponse response = m_api.handle(request);
        qCDebug(lcHttp).noquote() << QString::fromLatin1(response.route) << response.status;
        writeResponse(response, out);
    };
    // One catch-all per method: the Api routes, so that it alone decides between 404 and 405.
    const std::string anyPath = ".*";
    m_server->Get(anyPath, handler);
    m_server->Post(anyPath, handler);
    m_server->Put(anyPath, handler);
    m_server->Patch(anyPath, handler);
    m_server->Delete(anyPath, handler);
    m_server->Options(anyPath, handler);

    // Requests cpp-httplib rejects itself (body too large, malformed) get the same problem+json shape.
    // cpp-httplib calls it for every answer of status 400 or more: those the handler wrote (a body, or the shed
    // 503's content provider) are left alone.
    m_server->set_error_handler([](const httplib::Request &, httplib::Response &out) {
        if (!out.body.empty() || out.content_length_ > 0) {
            return;
        }
        qCDebug(lcHttp) << "rejected a request with status" << out.status;
        writeResponse(HttpResponse::problem(out.status, describeRequestError(out.status)), out);
    });
    m_server->set_exception_handler([](const httplib::Request &, httplib::Response &out, std::exception_ptr) {
        qCWarning(lcHttp) << "A request failed with an unexpected exception.";
        writeResponse(HttpResponse::problem(500, QStringLiteral("The hub failed to handle the request.")), out);
    });
}

HttpServer::~HttpServer()
{
    stop();
}

Result<void> HttpServer::bind(const QString &host, quint16 port)
{
    // The files were checked before (checkCertificateAndKey); this catches what only OpenSSL's loader sees.
    if (!m_server->is_valid()) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("Cannot serve HTTPS with the certificate %1 and the key %2: OpenSSL refused them.")
                         .arg(m_tls.certificatePath, m_tls.keyPath)};
    }
    errno = 0;
    if (!m_server->bind_to_port(host.toStdString(), port)) {
        const int error = errno;
        const QString why = error == EADDRINUSE ? QStringLiteral("the address is already in use (is another "
                                                                 "tunescout-hub or another server running there?)")
            : error != 0                        ? QString::fromLocal8Bit(std::strerror(error))
                                                : QStringLiteral("the address cannot be resolved or used here");
        return Error{Error::Code::Unavailable,
                     QStringLiteral("Cannot listen on %1:%2: %3. Choose another address with --listen or "
                                    "TUNESCOUT_HUB_LISTEN.")
                         .arg(host)
                         .arg(port)
                         .arg(why)};
    }
    // listen() again on a listening socket only changes its backlog.
    if (::listen(m_listenSocket, listenBacklog) != 0) {
        qCWarning(lcHttp).noquote() << QStringLiteral("Cannot raise the listen backlog to %1: %2")
                                           .arg(listenBacklog)
                                           .arg(QString::fromLocal8Bit(std::strerror(errno)));
    }
    return {};
}

void HttpServer::start(std::function<void()> onFailure)
{
    {
        const std::lock_guard lock(m_mutex);
        m_serving = true;
    }
    m_thread = std::thread([this, onFailure = std::move(onFailure)] {
        serve(onFailure);
    });
}

void HttpServer::serve(const std::function<void()> &onFailure)
{
    m_server->listen_after_bind();
    bool stopRequested = false;
    {
        const std::lock_guard lock(m_mutex);
        m_serving = false;
        stopRequested = m_stopRequested;
    }
    m_finished.notify_all();
    if (!stopRequested && onFailure) {
        onFailure();
    }
}

void HttpServer::stop()
{
    {
        std::unique_lock lock(m_mutex);
        m_stopRequested = true;
        // httplib's stop() does nothing until its accept loop runs, which may not have happened yet, and it
        // must run only once (it asserts on a second call): wait for the loop to run, stop it, wait for the
        // serving thread to return.
        bool stopped = false;
        while (m_serving) {
            if (!stopped && m_server->is_running()) {
                m_server->stop();
                stopped = true;
            }
            m_finished.wait_for(lock, std::chrono::milliseconds(50));
        }
    }
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

} // namespace hub
