#include "tests/support/spotify/fakespotify.h"

#include "tests/support/spotify/fakespotifyrandom.h"

#include <QFile>
#include <QRegularExpression>
#include <QTimeZone>

#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

namespace testsupport
{

namespace
{

// 1x1 slate-blue PNG (with valid CRCs: libpng refuses bad ones): every image URL of the fake answers with it,
// so that UI code loading cover art over loopback gets a real image.
const unsigned char tinyPng[] = {0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
                                 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
                                 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78,
                                 0xda, 0x63, 0x88, 0xca, 0xeb, 0xf9, 0x0f, 0x00, 0x04, 0xce, 0x02, 0x54, 0x91, 0xef,
                                 0x23, 0x1e, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

// tests/support/spotify/preview.mp3, compiled in (see CMakeLists.txt for how it was made).
QByteArray previewMp3()
{
    static const QByteArray clip = [] {
        QFile file(QStringLiteral(":/fakespotify/preview.mp3"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    return clip;
}

FakeSpotifyRequest toFakeRequest(const httplib::Request &req)
{
    FakeSpotifyRequest out;
    out.method = QByteArray::fromStdString(req.method);
    const QByteArray target = QByteArray::fromStdString(req.target);
    const qsizetype question = target.indexOf('?');
    out.path = QUrl::fromPercentEncoding(question < 0 ? target : target.left(question));
    if (question >= 0)
        out.query = FakeSpotifyRequest::parseUrlEncoded(target.mid(question + 1));
    for (const auto &[name, value] : req.headers) {
        // cpp-httplib files the peer's and its own address among the headers.
        if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT")
            continue;
        out.headers.append({QByteArray::fromStdString(name), QByteArray::fromStdString(value)});
    }
    out.body = QByteArray::fromStdString(req.body);
    return out;
}

// cpp-httplib's workers wait out the keep-alive timeout on idle connections before its stop() can
// join them; shutting those sockets down makes stopping immediate. They are the connected sockets
// of this process whose local end is the fake's port.
void shutdownAcceptedSockets(int port)
{
    std::error_code error;
    for (const auto &entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
        bool isNumber = false;
        const int fd = QString::fromStdString(entry.path().filename().string()).toInt(&isNumber);
        if (!isNumber)
            continue;
        sockaddr_in local{};
        socklen_t length = sizeof(local);
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &length) != 0 || local.sin_family != AF_INET
            || ntohs(local.sin_port) != port)
            continue;
        sockaddr_in peer{};
        length = sizeof(peer);
        if (::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &length) == 0)
            ::shutdown(fd, SHUT_RDWR);
    }
}

} // namespace

struct FakeSpotify::Private {
    explicit Private(const Options &opts)
        : options(opts)
        , startMs(opts.startTime.isValid() ? opts.startTime.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch())
        , startSteady(std::chrono::steady_clock::now())
        , library(FakeSpotifyLibrary::generate(opts.seed, startMs))
        , accounts(opts.seed, opts.clientId)
        , random(opts.seed ^ 0x9e57ab1e5eedULL)
        , premium(opts.premium)
        , profile(opts.profile)
    {
        accounts.setConsent(opts.consent);
        player.reset(library, startMs, opts.deviceActive);
    }

    qint64 nowLocked() const
    {
        const auto elapsed =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - startSteady);
        return startMs + elapsed.count() + offsetMs;
    }

    QString rootUrl() const
    {
        return QStringLiteral("http://127.0.0.1:%1").arg(port);
    }

    FakeSpotifyResponse route(const FakeSpotifyRequest &request, qint64 nowMs)
    {
        const QString &path = request.path;
        if (path == QLatin1String("/v1") || path.startsWith(QLatin1String("/v1/"))) {
            FakeSpotifyApiContext
                context{library, player, accounts, random, rootUrl(), profile, removedAnswer, premium, nowMs};
            return api.handle(request, context);
        }
        if (path == QLatin1String("/api/token"))
            return accounts.token(request, nowMs);
        if (request.method == "GET" && path == QLatin1String("/authorize"))
            return accounts.authorize(request, nowMs);
        if (request.method == "GET" && path == QLatin1String("/authorize/accept"))
            return accounts.decide(request, nowMs, true);
        if (request.method == "GET" && path == QLatin1String("/authorize/deny"))
            return accounts.decide(request, nowMs, false);
        if (request.method == "GET" && path.startsWith(QLatin1String("/image/")))
            return FakeSpotifyResponse::text(200,
                                             QByteArrayLiteral("image/png"),
                                             QByteArray(reinterpret_cast<const char *>(tinyPng), sizeof(tinyPng)));
        if (request.method == "GET" && path.startsWith(QLatin1String("/preview/")))
            return previewClip(path);
        return FakeSpotifyResponse::apiError(404, QStringLiteral("Service not found"));
    }

    // The preview_url of every track of the extended profile (`/preview/<track id>.mp3`) answers with the same
    // real MP3 clip, so that a media player in a test decodes and plays it; unknown tracks answer 404 as a
    // vanished clip would.
    FakeSpotifyResponse previewClip(const QString &path) const
    {
        static const QRegularExpression pattern(QStringLiteral("^/preview/([0-9A-Za-z]{22})\\.mp3$"));
        const QRegularExpressionMatch match = pattern.match(path);
        if (!match.hasMatch() || library.track(match.captured(1)) == nullptr)
            return FakeSpotifyResponse::apiError(404, QStringLiteral("Service not found"));
        return FakeSpotifyResponse::text(200, QByteArrayLiteral("audio/mpeg"), previewMp3());
    }

    QString operationFor(const FakeSpotifyRequest &request) const
    {
        const QString template_ = api.operationPath(request.method, request.path);
        return QString::fromLatin1(request.method) + QLatin1Char(' ')
            + (template_.isEmpty() ? request.path : template_);
    }

    FakeSpotifyResponse handle(const FakeSpotifyRequest &request)
    {
        std::unique_lock lock(mutex);
        const std::optional<FakeSpotifyFault> fault = faults.take(request.method, request.path);
        if (fault && fault->delayMs > 0) {
            // A slow upstream: wait without holding up other requests, and give up when stopping.
            stopSignal.wait_for(lock, std::chrono::milliseconds(fault->delayMs), [this] {
                return stopping;
            });
        }
        const qint64 now = nowLocked();
        const FakeSpotifyResponse response = fault && fault->status != 0 ? fault->response() : route(request, now);
        log.append({request, operationFor(request), response.status, now});
        return response;
    }

    void serve(const httplib::Request &req, httplib::Response &res)
    {
        const FakeSpotifyResponse response = handle(toFakeRequest(req));
        res.status = response.status;
        for (const auto &[name, value] : response.headers)
            res.set_header(name.toStdString(), value.toStdString());
        if (!response.contentType.isEmpty())
            res.set_content(response.body.toStdString(), response.contentType.toStdString());
    }

    Options options;
    qint64 startMs = 0;
    std::chrono::steady_clock::time_point startSteady;
    qint64 offsetMs = 0;

    mutable std::mutex mutex;
    std::condition_variable stopSignal;
    bool stopping = false;

    std::unique_ptr<httplib::Server> server;
    std::thread thread;
    std::atomic<bool> listenReturned = false;
    int port = 0;

    FakeSpotifyLibrary library;
    FakeSpotifyAccounts accounts;
    FakeSpotifyPlayer player;
    FakeSpotifyApi api;
    FakeSpotifyFaultList faults;
    FakeSpotifyRandom random;
    QList<RecordedRequest> log;
    bool premium = true;
    FakeSpotifyProfile profile = FakeSpotifyProfile::Development2026;
    FakeSpotifyRemovedAnswer removedAnswer = FakeSpotifyRemovedAnswer::NotFound;
};

FakeSpotify::FakeSpotify()
    : FakeSpotify(Options())
{
}

FakeSpotify::FakeSpotify(const Options &options)
    : d(std::make_unique<Private>(options))
{
}

FakeSpotify::~FakeSpotify()
{
    stop();
}

QString FakeSpotify::allScopes()
{
    return FakeSpotifyAccounts::knownScopes().join(QLatin1Char(' '));
}

bool FakeSpotify::start()
{
    if (d->server)
        return true;
    auto server = std::make_unique<httplib::Server>();
    server->set_tcp_nodelay(true);
    // More workers than the connections a few QNetworkAccessManagers keep open (6 per host each),
    // since every idle keep-alive connection holds one.
    server->new_task_queue = [] {
        return new httplib::ThreadPool(32);
    };
    const auto handler = [this](const httplib::Request &req, httplib::Response &res) {
        d->serve(req, res);
    };
    server->Get(".*", handler);
    server->Post(".*", handler);
    server->Put(".*", handler);
    server->Delete(".*", handler);
    server->Patch(".*", handler);
    server->Options(".*", handler);

    int port = d->options.port;
    if (port == 0)
        port = server->bind_to_any_port("127.0.0.1");
    else if (!server->bind_to_port("127.0.0.1", port))
        port = -1;
    if (port <= 0)
        return false;
    {
        std::lock_guard lock(d->mutex);
        d->port = port;
        d->stopping = false;
    }
    d->server = std::move(server);
    d->listenReturned = false;
    d->thread = std::thread([this] {
        d->server->listen_after_bind();
        d->listenReturned = true;
    });
    // cpp-httplib's stop() does nothing until the listening thread has marked itself running, and a
    // stop() before that would leave the thread in accept() for good: wait for it (microseconds).
    while (!d->server->is_running() && !d->listenReturned)
        std::this_thread::yield();
    if (d->server->is_running())
        return true;
    stop();
    return false;
}

void FakeSpotify::stop()
{
    if (!d->server)
        return;
    {
        std::lock_guard lock(d->mutex);
        d->stopping = true;
    }
    d->stopSignal.notify_all();
    d->server->stop();
    shutdownAcceptedSockets(d->port);
    d->thread.join();
    d->server.reset();
}

bool FakeSpotify::isRunning() const
{
    return d->server && d->server->is_running();
}

quint16 FakeSpotify::port() const
{
    std::lock_guard lock(d->mutex);
    return quint16(d->port);
}

QUrl FakeSpotify::accountsUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()));
}

QUrl FakeSpotify::apiUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port()));
}

QUrl FakeSpotify::authorizeUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/authorize").arg(port()));
}

QUrl FakeSpotify::tokenUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/api/token").arg(port()));
}

qint64 FakeSpotify::nowMs() const
{
    std::lock_guard lock(d->mutex);
    return d->nowLocked();
}

QDateTime FakeSpotify::now() const
{
    return QDateTime::fromMSecsSinceEpoch(nowMs(), QTimeZone::utc());
}

void FakeSpotify::advanceClock(std::chrono::milliseconds by)
{
    std::lock_guard lock(d->mutex);
    d->offsetMs += by.count();
}

void FakeSpotify::setConsent(Consent consent)
{
    std::lock_guard lock(d->mutex);
    d->accounts.setConsent(consent);
}

void FakeSpotify::setRotateRefreshTokens(bool rotate)
{
    std::lock_guard lock(d->mutex);
    d->accounts.setRotateRefreshTokens(rotate);
}

FakeSpotify::Tokens FakeSpotify::issueTokens(const QString &scope)
{
    std::lock_guard lock(d->mutex);
    return d->accounts.issueTokens(scope, d->nowLocked());
}

void FakeSpotify::expireAccessTokens()
{
    std::lock_guard lock(d->mutex);
    d->accounts.expireAccessTokens(d->nowLocked());
}

void FakeSpotify::revokeGrants()
{
    std::lock_guard lock(d->mutex);
    d->accounts.revokeGrants();
}

bool FakeSpotify::revokeGrant(const QString &refreshToken)
{
    std::lock_guard lock(d->mutex);
    return d->accounts.revokeGrant(refreshToken);
}

void FakeSpotify::ageGrants(std::chrono::milliseconds by)
{
    std::lock_guard lock(d->mutex);
    d->accounts.ageGrants(by.count());
}

int FakeSpotify::tokenRequestCount(const QString &grantType) const
{
    std::lock_guard lock(d->mutex);
    return d->accounts.tokenRequestCount(grantType);
}

int FakeSpotify::grantCount() const
{
    std::lock_guard lock(d->mutex);
    return d->accounts.grantCount();
}

QStringList FakeSpotify::issuedSecrets() const
{
    std::lock_guard lock(d->mutex);
    return d->accounts.issuedSecrets();
}

QList<FakeSpotify::RecordedRequest> FakeSpotify::requests() const
{
    std::lock_guard lock(d->mutex);
    return d->log;
}

int FakeSpotify::requestCount(const QByteArray &method, const QString &pathPattern) const
{
    const QRegularExpression pattern(pathPattern);
    std::lock_guard lock(d->mutex);
    int count = 0;
    for (const RecordedRequest &entry : std::as_const(d->log)) {
        if ((method.isEmpty() || entry.request.method == method)
            && (pathPattern.isEmpty() || pattern.match(entry.request.path).hasMatch()))
            ++count;
    }
    return count;
}

void FakeSpotify::clearRequests()
{
    std::lock_guard lock(d->mutex);
    d->log.clear();
}

void FakeSpotify::addFault(const Fault &fault)
{
    std::lock_guard lock(d->mutex);
    d->faults.add(fault);
}

void FakeSpotify::clearFaults()
{
    std::lock_guard lock(d->mutex);
    d->faults.clear();
}

int FakeSpotify::pendingFaults() const
{
    std::lock_guard lock(d->mutex);
    return d->faults.pending();
}

void FakeSpotify::setPremium(bool premium)
{
    std::lock_guard lock(d->mutex);
    d->premium = premium;
}

bool FakeSpotify::isPremium() const
{
    std::lock_guard lock(d->mutex);
    return d->premium;
}

void FakeSpotify::setProfile(Profile profile)
{
    std::lock_guard lock(d->mutex);
    d->profile = profile;
}

FakeSpotify::Profile FakeSpotify::profile() const
{
    std::lock_guard lock(d->mutex);
    return d->profile;
}

void FakeSpotify::setRemovedAnswer(RemovedAnswer answer)
{
    std::lock_guard lock(d->mutex);
    d->removedAnswer = answer;
}

void FakeSpotify::withLibrary(const std::function<void(FakeSpotifyLibrary &)> &access)
{
    std::lock_guard lock(d->mutex);
    access(d->library);
}

void FakeSpotify::withPlayer(const std::function<void(FakeSpotifyPlayer &, FakeSpotifyLibrary &)> &access)
{
    std::lock_guard lock(d->mutex);
    d->player.advance(d->library, d->nowLocked());
    access(d->player, d->library);
}

void FakeSpotify::appendPlay(const QString &trackId, const QString &contextUri, qint64 playedAtMs)
{
    std::lock_guard lock(d->mutex);
    d->library.appendPlay(trackId, playedAtMs < 0 ? d->nowLocked() : playedAtMs, contextUri);
}

FakeSpotifyPlayback FakeSpotify::playback() const
{
    std::lock_guard lock(d->mutex);
    d->player.advance(d->library, d->nowLocked());
    return d->player.playback();
}

void FakeSpotify::deactivateDevices()
{
    std::lock_guard lock(d->mutex);
    d->player.deactivate(d->nowLocked());
}

bool FakeSpotify::activateDevice(const QString &deviceId)
{
    std::lock_guard lock(d->mutex);
    return d->player.activate(deviceId, d->nowLocked());
}

QString FakeSpotify::operationPath(const QByteArray &method, const QString &path) const
{
    std::lock_guard lock(d->mutex);
    return d->api.operationPath(method, path);
}

QStringList FakeSpotify::removedOperations() const
{
    std::lock_guard lock(d->mutex);
    return d->api.removedOperations();
}

} // namespace testsupport
