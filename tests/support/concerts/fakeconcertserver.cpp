#include "tests/support/concerts/fakeconcertserver.h"

#include <QDateTime>
#include <QHash>

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace testsupport
{

namespace
{

constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;
constexpr qint64 kSecondMs = 1000;

// Enough workers for QNetworkAccessManager's six connections per host plus a proxy's, each of which
// holds a worker while it is kept alive.
constexpr size_t kWorkerThreads = 16;

struct Fault {
    enum class Kind { Status, RateLimit, Delay, Drop };
    Kind kind = Kind::Status;
    int status = 0;
    int delayMs = 0;
    int remaining = 0;
    int retryAfterS = 0; // RateLimit: a Retry-After header when above 0
};

struct KeyUsage {
    std::deque<qint64> recent; // allowed requests in the last second, oldest first
    qint64 dayStartMs = -1;
    int usedToday = 0;
    int overToday = 0;
};

QUrlQuery parseQuery(const std::string &target)
{
    const auto question = target.find('?');
    if (question == std::string::npos)
        return {};
    // Form encoding: '+' is a space, a literal plus arrives as %2B.
    QByteArray query = QByteArray::fromStdString(target.substr(question + 1));
    query.replace('+', "%20");
    return QUrlQuery(QString::fromUtf8(query));
}

} // namespace

struct FakeConcertServer::Private {
    FakeConcertServer *owner = nullptr;

    // Guards everything below but the server's lifecycle.
    mutable std::mutex mutex;
    std::condition_variable delayWake;
    bool interruptDelays = false;
    FakeConcertCatalogue catalogue;
    int requestsPerSecond = 0;
    int dailyQuota = 0;
    QHash<QString, KeyUsage> usage;
    std::optional<qint64> frozenTimeMs;
    std::deque<Fault> faults;
    QList<FakeConcertRequest> log;

    // Guards the server's lifecycle: start, stop, down and up.
    mutable std::mutex lifecycleMutex;
    std::unique_ptr<httplib::Server> server;
    std::thread listenThread;
    quint16 port = 0;
    bool down = false;

    qint64 nowLocked() const
    {
        return frozenTimeMs ? *frozenTimeMs : QDateTime::currentMSecsSinceEpoch();
    }

    std::optional<Fault> takeFault()
    {
        std::lock_guard lock(mutex);
        if (faults.empty())
            return std::nullopt;
        Fault fault = faults.front();
        if (--faults.front().remaining <= 0)
            faults.pop_front();
        return fault;
    }

    void appendLog(const FakeConcertRequest &record)
    {
        std::lock_guard lock(mutex);
        log.append(record);
    }

    void serve(const httplib::Request &request, httplib::Response &response)
    {
        ConcertHttpRequest in;
        in.method = QByteArray::fromStdString(request.method);
        in.path = QString::fromStdString(request.path);
        in.query = parseQuery(request.target);
        in.authorization = QByteArray::fromStdString(request.get_header_value("Authorization"));
        in.userAgent = QByteArray::fromStdString(request.get_header_value("User-Agent"));

        FakeConcertRequest record;
        record.method = in.method;
        record.path = in.path;
        record.query = in.query;
        record.userAgent = in.userAgent;
        {
            std::lock_guard lock(mutex);
            record.receivedAtMs = nowLocked();
        }

        const std::optional<Fault> fault = takeFault();
        if (fault && fault->kind == Fault::Kind::Delay) {
            std::unique_lock lock(mutex);
            delayWake.wait_for(lock, std::chrono::milliseconds(fault->delayMs), [this] {
                return interruptDelays;
            });
        }
        if (fault && fault->kind == Fault::Kind::Drop) {
            record.status = 0;
            appendLog(record);
            // The headers go out, then the provider refuses to produce the promised body and cpp-httplib
            // closes the connection: a response cut off mid-way.
            response.status = 200;
            response.set_content_provider(64,
                                          "application/json;charset=utf-8",
                                          [](size_t, size_t, httplib::DataSink &) {
                                              return false;
                                          });
            return;
        }

        ConcertHttpReply reply;
        if (fault && fault->kind == Fault::Kind::Status)
            reply = owner->scriptedFailure(fault->status, in, record);
        else if (fault && fault->kind == Fault::Kind::RateLimit) {
            reply = owner->scriptedFailure(429, in, record);
            if (fault->retryAfterS > 0)
                reply.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(fault->retryAfterS)});
        } else
            reply = owner->handle(in, record);

        record.status = reply.status;
        appendLog(record);
        response.status = reply.status;
        for (const auto &[name, value] : std::as_const(reply.headers))
            response.set_header(name.toStdString(), value.toStdString());
        response.set_content(reply.body.toStdString(), reply.contentType.toStdString());
    }

    bool startLocked(bool reusePort)
    {
        auto fresh = std::make_unique<httplib::Server>();
        fresh->new_task_queue = [] {
            return new httplib::ThreadPool(kWorkerThreads);
        };
        fresh->set_tcp_nodelay(true);
        // Bounds how long stop() waits for idle kept-alive connections.
        fresh->set_keep_alive_timeout(1);
        fresh->set_read_timeout(2, 0);
        fresh->set_write_timeout(5, 0);
        const auto handler = [this](const httplib::Request &request, httplib::Response &response) {
            serve(request, response);
        };
        fresh->Get(".*", handler);
        fresh->Post(".*", handler);
        fresh->Put(".*", handler);
        fresh->Patch(".*", handler);
        fresh->Delete(".*", handler);
        fresh->Options(".*", handler);

        if (reusePort) {
            if (!fresh->bind_to_port("127.0.0.1", port))
                return false;
        } else {
            const int bound = fresh->bind_to_any_port("127.0.0.1");
            if (bound <= 0)
                return false;
            port = quint16(bound);
        }
        {
            std::lock_guard lock(mutex);
            interruptDelays = false;
        }
        httplib::Server *raw = fresh.get();
        listenThread = std::thread([raw] {
            raw->listen_after_bind();
        });
        // stop() is a no-op until the listen loop runs, so wait for it (microseconds); the socket already
        // listens, so clients connecting meanwhile just wait in the backlog.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!raw->is_running() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::yield();
        server = std::move(fresh);
        return server->is_running();
    }

    void stopLocked()
    {
        if (!server)
            return;
        {
            std::lock_guard lock(mutex);
            interruptDelays = true;
        }
        delayWake.notify_all();
        server->stop();
        if (listenThread.joinable())
            listenThread.join();
        server.reset();
    }
};

FakeConcertServer::FakeConcertServer(int requestsPerSecond, int dailyQuota)
    : d(std::make_unique<Private>())
{
    d->owner = this;
    d->requestsPerSecond = requestsPerSecond;
    d->dailyQuota = dailyQuota;
}

FakeConcertServer::~FakeConcertServer()
{
    stop();
}

bool FakeConcertServer::start()
{
    std::lock_guard lock(d->lifecycleMutex);
    return d->startLocked(false);
}

void FakeConcertServer::stop()
{
    std::lock_guard lock(d->lifecycleMutex);
    d->stopLocked();
}

bool FakeConcertServer::isListening() const
{
    std::lock_guard lock(d->lifecycleMutex);
    return d->server && d->server->is_running();
}

quint16 FakeConcertServer::port() const
{
    std::lock_guard lock(d->lifecycleMutex);
    return d->port;
}

QUrl FakeConcertServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

void FakeConcertServer::setCatalogue(const FakeConcertCatalogue &catalogue)
{
    std::lock_guard lock(d->mutex);
    d->catalogue = catalogue;
}

FakeConcertCatalogue FakeConcertServer::catalogue() const
{
    std::lock_guard lock(d->mutex);
    return d->catalogue;
}

void FakeConcertServer::addConcert(const FakeConcert &concert)
{
    std::lock_guard lock(d->mutex);
    d->catalogue.add(concert);
}

void FakeConcertServer::setRequestsPerSecond(int limit)
{
    std::lock_guard lock(d->mutex);
    d->requestsPerSecond = std::max(0, limit);
}

void FakeConcertServer::setDailyQuota(int quota)
{
    std::lock_guard lock(d->mutex);
    d->dailyQuota = std::max(0, quota);
}

void FakeConcertServer::resetRateLimits()
{
    std::lock_guard lock(d->mutex);
    d->usage.clear();
}

void FakeConcertServer::setTime(qint64 msSinceEpoch)
{
    std::lock_guard lock(d->mutex);
    d->frozenTimeMs = msSinceEpoch;
}

void FakeConcertServer::advanceTime(qint64 ms)
{
    std::lock_guard lock(d->mutex);
    d->frozenTimeMs = d->nowLocked() + ms;
}

void FakeConcertServer::useRealTime()
{
    std::lock_guard lock(d->mutex);
    d->frozenTimeMs.reset();
}

qint64 FakeConcertServer::currentTime() const
{
    std::lock_guard lock(d->mutex);
    return d->nowLocked();
}

void FakeConcertServer::failNext(int count, int status)
{
    if (count <= 0)
        return;
    std::lock_guard lock(d->mutex);
    d->faults.push_back(Fault{Fault::Kind::Status, status, 0, count});
}

void FakeConcertServer::rateLimitNext(int count, int retryAfterSeconds)
{
    if (count <= 0)
        return;
    std::lock_guard lock(d->mutex);
    d->faults.push_back(Fault{Fault::Kind::RateLimit, 429, 0, count, std::max(0, retryAfterSeconds)});
}

void FakeConcertServer::delayNext(int count, int delayMs)
{
    if (count <= 0)
        return;
    std::lock_guard lock(d->mutex);
    d->faults.push_back(Fault{Fault::Kind::Delay, 0, std::max(0, delayMs), count});
}

void FakeConcertServer::dropNext(int count)
{
    if (count <= 0)
        return;
    std::lock_guard lock(d->mutex);
    d->faults.push_back(Fault{Fault::Kind::Drop, 0, 0, count});
}

void FakeConcertServer::clearFaults()
{
    std::lock_guard lock(d->mutex);
    d->faults.clear();
}

int FakeConcertServer::pendingFaults() const
{
    std::lock_guard lock(d->mutex);
    int pending = 0;
    for (const Fault &fault : d->faults)
        pending += fault.remaining;
    return pending;
}

bool FakeConcertServer::setDown(bool down)
{
    std::lock_guard lock(d->lifecycleMutex);
    if (down == d->down)
        return true;
    if (down) {
        d->stopLocked();
        d->down = true;
        return true;
    }
    if (!d->startLocked(true))
        return false;
    d->down = false;
    return true;
}

bool FakeConcertServer::isDown() const
{
    std::lock_guard lock(d->lifecycleMutex);
    return d->down;
}

QList<FakeConcertRequest> FakeConcertServer::requests() const
{
    std::lock_guard lock(d->mutex);
    return d->log;
}

int FakeConcertServer::requestCount() const
{
    std::lock_guard lock(d->mutex);
    return int(d->log.size());
}

int FakeConcertServer::requestCount(int status) const
{
    std::lock_guard lock(d->mutex);
    return int(std::count_if(d->log.cbegin(), d->log.cend(), [status](const FakeConcertRequest &record) {
        return record.status == status;
    }));
}

void FakeConcertServer::clearRequests()
{
    std::lock_guard lock(d->mutex);
    d->log.clear();
}

FakeConcertServer::RateLimitState FakeConcertServer::consumeRateLimit(const QString &key)
{
    std::lock_guard lock(d->mutex);
    const qint64 now = d->nowLocked();
    KeyUsage &usage = d->usage[key];
    if (usage.dayStartMs < 0 || now >= usage.dayStartMs + kDayMs) {
        usage.dayStartMs = now;
        usage.usedToday = 0;
        usage.overToday = 0;
    }
    while (!usage.recent.empty() && usage.recent.front() <= now - kSecondMs)
        usage.recent.pop_front();

    RateLimitState state;
    state.quota = d->dailyQuota;
    state.resetAtMs = usage.dayStartMs + kDayMs;
    const bool overSecond = d->requestsPerSecond > 0 && int(usage.recent.size()) >= d->requestsPerSecond;
    const bool overDay = d->dailyQuota > 0 && usage.usedToday >= d->dailyQuota;
    if (overSecond || overDay) {
        state.allowed = false;
        ++usage.overToday;
    } else {
        ++usage.usedToday;
        if (d->requestsPerSecond > 0)
            usage.recent.push_back(now);
    }
    state.remaining = d->dailyQuota > 0 ? std::max(0, d->dailyQuota - usage.usedToday) : 0;
    state.over = usage.overToday;
    return state;
}

FakeConcertServer::RateLimitState FakeConcertServer::rateLimitState(const QString &key) const
{
    std::lock_guard lock(d->mutex);
    const qint64 now = d->nowLocked();
    RateLimitState state;
    state.quota = d->dailyQuota;
    const auto found = d->usage.constFind(key);
    if (found == d->usage.cend() || now >= found->dayStartMs + kDayMs) {
        state.remaining = d->dailyQuota;
        state.resetAtMs = now + kDayMs;
        return state;
    }
    state.remaining = d->dailyQuota > 0 ? std::max(0, d->dailyQuota - found->usedToday) : 0;
    state.over = found->overToday;
    state.resetAtMs = found->dayStartMs + kDayMs;
    return state;
}

QString queryParam(const QUrlQuery &query, const QString &name)
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

QStringList queryListParam(const QUrlQuery &query, const QString &name)
{
    QStringList values;
    for (const QString &value : query.allQueryItemValues(name, QUrl::FullyDecoded)) {
        for (const QString &part : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            values.append(part.trimmed());
    }
    return values;
}

} // namespace testsupport
