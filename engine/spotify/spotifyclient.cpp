#include "engine/spotify/spotifyclient.h"

#include "engine/spotify/accesstokenprovider.h"

#include <QLoggingCategory>
#include <QMetaEnum>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcApi, "tunescout.spotify.api", QtInfoMsg)

namespace engine
{

using namespace std::chrono_literals;

struct SpotifyClient::Request {
    QByteArray method;
    QString path;
    QUrlQuery query;
    QByteArray body;
    SpotifyPriority priority = SpotifyPriority::Foreground;
    QPointer<QObject> context;
    Callback done;

    int attempts = 0;
    int rateLimitRetries = 0; // consecutive 429s
    bool refreshed = false; // the one refresh after a 401 is spent
    bool probe = false; // the circuit's half-open probe
    bool finished = false;
    QByteArray sentToken; // what a 401 rejected, for the provider's single-flight check
    QNetworkReply *reply = nullptr;
};

struct SpotifyClient::PageWalk {
    QString path;
    SpotifyPriority priority = SpotifyPriority::Background;
    QPointer<QObject> context;
    PageStep step;
    PagesDone done;
};

namespace
{

// Spotify's query values hold `+` (search), `:` and `,`; a bare `+` would arrive as a space, so every
// reserved character is percent-encoded.
QString encodedQuery(const QUrlQuery &query)
{
    QByteArray encoded;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!encoded.isEmpty()) {
            encoded += '&';
        }
        encoded += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return QString::fromLatin1(encoded);
}

bool isIdempotent(const QByteArray &method)
{
    return method == "GET" || method == "PUT" || method == "DELETE";
}

bool isRetriedServerStatus(int status)
{
    return status == 500 || status == 502 || status == 503 || status == 504;
}

// "GET /me/player": what the log may say about a request. Never the query, which can carry what a user
// searched for, and never a header.
QString label(const QByteArray &method, const QString &path)
{
    return QString::fromLatin1(method) + QLatin1Char(' ') + path;
}

SpotifyError localError(SpotifyError::Kind kind, const QString &detail)
{
    SpotifyError error;
    error.kind = kind;
    error.detail = detail;
    return error;
}

} // namespace

SpotifyClient::SpotifyClient(const QUrl &apiUrl,
                             AccessTokenProvider *tokens,
                             SpotifyApiProfile profile,
                             QObject *parent)
    : QObject(parent)
    , m_apiUrl(apiUrl)
    , m_tokens(tokens)
    , m_profile(profile)
    , m_wallClock([] {
        return QDateTime::currentDateTimeUtc();
    })
    , m_random(QRandomGenerator::global()->generate())
    , m_budget(m_policy.retryRatio, m_policy.retryFloor, m_policy.retryWindow)
    , m_circuit(m_policy.circuitThreshold, m_policy.circuitHalfOpenAfter)
{
    // A redirect would carry the access token wherever it points.
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_clock.start();
    m_wakeTimer.setSingleShot(true);
    // A coarse timer may fire up to 5% early, and a gate must not open before Retry-After has passed.
    m_wakeTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_wakeTimer, &QTimer::timeout, this, &SpotifyClient::pump);
}

SpotifyClient::~SpotifyClient()
{
    // Replies die with m_network, before QObject would disconnect them from this half-destroyed client.
    for (const RequestPointer &request : m_inFlight) {
        disconnect(request->reply, nullptr, this, nullptr);
        request->reply->abort();
    }
}

void SpotifyClient::setPolicy(const SpotifyPolicy &policy)
{
    m_policy = policy;
    m_budget = RetryBudget(policy.retryRatio, policy.retryFloor, policy.retryWindow);
    m_circuit = CircuitBreaker(policy.circuitThreshold, policy.circuitHalfOpenAfter);
}

void SpotifyClient::setWallClock(std::function<QDateTime()> clock)
{
    m_wallClock = std::move(clock);
}

void SpotifyClient::setRandomSeed(quint32 seed)
{
    m_random.seed(seed);
}

void SpotifyClient::get(const QString &path,
                        const QUrlQuery &query,
                        SpotifyPriority priority,
                        QObject *context,
                        Callback done)
{
    submit("GET", path, query, {}, priority, context, std::move(done));
}

void SpotifyClient::put(const QString &path,
                        const QUrlQuery &query,
                        const QByteArray &body,
                        SpotifyPriority priority,
                        QObject *context,
                        Callback done)
{
    submit("PUT", path, query, body, priority, context, std::move(done));
}

void SpotifyClient::post(const QString &path,
                         const QUrlQuery &query,
                         const QByteArray &body,
                         SpotifyPriority priority,
                         QObject *context,
                         Callback done)
{
    submit("POST", path, query, body, priority, context, std::move(done));
}

void SpotifyClient::del(const QString &path,
                        const QUrlQuery &query,
                        const QByteArray &body,
                        SpotifyPriority priority,
                        QObject *context,
                        Callback done)
{
    submit("DELETE", path, query, body, priority, context, std::move(done));
}

void SpotifyClient::submit(const QByteArray &method,
                           const QString &path,
                           const QUrlQuery &query,
                           const QByteArray &body,
                           SpotifyPriority priority,
                           QObject *context,
                           Callback done)
{
    auto request = std::make_shared<Request>();
    request->method = method;
    request->path = path;
    request->query = query;
    request->body = body;
    request->priority = priority;
    request->context = context ? context : this;
    request->done = std::move(done);

    if (m_profile == SpotifyApiProfile::DevelopmentMode && isRemovedInDevelopmentMode(method, path)) {
        qCInfo(lcApi).noquote() << label(method, path) << "is not available in Development Mode; not sent";
        QMetaObject::invokeMethod(
            this,
            [this, request] {
                finish(
                    request,
                    localError(SpotifyError::Kind::EndpointUnavailable, QStringLiteral("removed in Development Mode")));
            },
            Qt::QueuedConnection);
        return;
    }
    queueFor(priority).push_back(request);
    schedulePump();
}

void SpotifyClient::cancelAll()
{
    std::vector<RequestPointer> pending(m_inFlight);
    pending.insert(pending.end(), m_parked.begin(), m_parked.end());
    pending.insert(pending.end(), m_foreground.begin(), m_foreground.end());
    pending.insert(pending.end(), m_background.begin(), m_background.end());
    m_parked.clear();
    m_foreground.clear();
    m_background.clear();
    for (const RequestPointer &request : pending) {
        if (request->finished) {
            continue;
        }
        finish(request, localError(SpotifyError::Kind::Cancelled, QStringLiteral("cancelled")));
        if (request->reply) {
            request->reply->abort();
        }
    }
}

void SpotifyClient::schedulePump()
{
    // Batched to the next turn of the event loop: a caller never gets its answer from inside its own call,
    // and requests made together are ordered by priority before any is sent.
    if (!m_pumpScheduled) {
        m_pumpScheduled = true;
        QMetaObject::invokeMethod(this, &SpotifyClient::pump, Qt::QueuedConnection);
    }
}

void SpotifyClient::pump()
{
    m_pumpScheduled = false;
    const qint64 now = nowMs();
    // Failures are delivered after the loop, so that a callback that asks again cannot keep it going.
    std::vector<std::pair<RequestPointer, SpotifyError>> failed;

    if (now < m_gateUntilMs) {
        if (m_gateUntilMs - now > m_policy.longestForegroundWait.count()) {
            SpotifyError gated =
                localError(SpotifyError::Kind::RateLimited, QStringLiteral("waiting behind a long Retry-After"));
            gated.retryAfter = std::chrono::milliseconds(m_gateUntilMs - now);
            for (const RequestPointer &request : std::exchange(m_foreground, {})) {
                failed.emplace_back(request, gated);
            }
        }
        wakeAt(m_gateUntilMs);
    } else {
        while (int(m_inFlight.size()) < m_policy.maxInFlight) {
            std::deque<RequestPointer> *queue = !m_foreground.empty() ? &m_foreground
                : !m_background.empty() && now >= m_quotaUntilMs      ? &m_background
                                                                      : nullptr;
            if (!queue) {
                break;
            }
            const RequestPointer request = queue->front();
            if (request->context.isNull()) {
                queue->pop_front();
                request->finished = true;
                continue;
            }
            if (m_tokens->accessToken().isEmpty()) {
                queue->pop_front();
                failed.emplace_back(request,
                                    localError(SpotifyError::Kind::SessionExpired, QStringLiteral("not signed in")));
                continue;
            }
            const CircuitBreaker::Admission admission = m_circuit.admit(now);
            if (admission == CircuitBreaker::Admission::Wait) {
                break; // the probe's answer pumps again
            }
            queue->pop_front();
            if (admission == CircuitBreaker::Admission::Reject) {
                failed.emplace_back(request,
                                    localError(SpotifyError::Kind::CircuitOpen, QStringLiteral("circuit open")));
                continue;
            }
            request->probe = admission == CircuitBreaker::Admission::Probe;
            dispatch(request);
        }
    }
    if (!m_background.empty() && now < m_quotaUntilMs) {
        wakeAt(m_quotaUntilMs);
    }
    for (const auto &[request, error] : failed) {
        finish(request, error);
    }
}

void SpotifyClient::dispatch(const RequestPointer &request)
{
    ++request->attempts;
    if (request->attempts == 1) {
        m_budget.recordRequest(nowMs());
    }
    QUrl url = m_apiUrl;
    url.setPath(m_apiUrl.path() + request->path);
    url.setQuery(encodedQuery(request->query));
    QNetworkRequest networkRequest(url);
    networkRequest.setTransferTimeout(int(m_policy.transferTimeout.count()));
    request->sentToken = m_tokens->accessToken();
    networkRequest.setRawHeader("Authorization", "Bearer " + request->sentToken);
    if (!request->body.isEmpty()) {
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    // The body goes along even when empty, so that Qt sends Content-Length: 0: Spotify answers a PUT or POST
    // without Content-Length with 411.
    request->reply = request->method == "GET"
        ? m_network.get(networkRequest)
        : m_network.sendCustomRequest(networkRequest, request->method, request->body);
    m_inFlight.push_back(request);
    qCDebug(lcApi).noquote() << label(request->method, request->path) << "attempt" << request->attempts;
    connect(request->reply, &QNetworkReply::finished, this, [this, request] {
        replyFinished(request);
    });
}

void SpotifyClient::replyFinished(const RequestPointer &request)
{
    QNetworkReply *reply = std::exchange(request->reply, nullptr);
    reply->deleteLater();
    std::erase(m_inFlight, request);
    schedulePump();
    if (request->finished) {
        // Cancelled while on the wire: no verdict on the upstream.
        if (request->probe) {
            m_circuit.probeAbandoned();
        }
        return;
    }

    const qint64 now = nowMs();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0 || status >= 500) {
        m_circuit.recordFailure(now);
    } else {
        m_circuit.recordSuccess();
    }
    if (status == 0) {
        Q_EMIT unreachable();
    } else {
        Q_EMIT answered();
    }
    if (request->context.isNull()) {
        request->finished = true;
        return;
    }

    if (status == 0) {
        // The transfer timeout aborts the reply, which Qt reports as a cancellation.
        const QNetworkReply::NetworkError code = reply->error();
        const QString what = code == QNetworkReply::OperationCanceledError
            ? QStringLiteral("timed out")
            : QString::fromLatin1(QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(code));
        qCInfo(lcApi).noquote() << label(request->method, request->path) << "attempt" << request->attempts
                                << "failed:" << what;
        retryOrFail(request, localError(SpotifyError::Kind::Network, what), std::nullopt);
        return;
    }

    SpotifyResponse response{status, reply->readAll(), reply->rawHeaderPairs()};
    if (status >= 200 && status <= 299) {
        qCDebug(lcApi).noquote() << label(request->method, request->path) << "attempt" << request->attempts << status;
        finish(request, response);
        return;
    }
    SpotifyError error = spotifyErrorFor(status, response.body);
    qCInfo(lcApi).noquote() << label(request->method, request->path) << "attempt" << request->attempts << status
                            << error.reason;
    const auto retryAfter = parseRetryAfter(response.header("Retry-After"), m_wallClock());
    error.retryAfter = retryAfter;
    if (status == 429) {
        tooManyRequests(request, error, retryAfter);
        return;
    }
    request->rateLimitRetries = 0;
    if (status == 401) {
        unauthorized(request, error);
    } else if (isRetriedServerStatus(status)) {
        retryOrFail(request, error, status == 503 ? retryAfter : std::nullopt);
    } else {
        finish(request, error);
    }
}

void SpotifyClient::retryOrFail(const RequestPointer &request,
                                const SpotifyError &error,
                                std::optional<std::chrono::milliseconds> retryAfter)
{
    if (!isIdempotent(request->method) || request->attempts >= m_policy.maxAttempts) {
        finish(request, error);
        return;
    }
    std::chrono::milliseconds delay =
        fullJitterDelay(m_policy.backoffBase, m_policy.backoffCap, request->attempts, m_random);
    if (retryAfter) {
        if (request->priority == SpotifyPriority::Foreground && *retryAfter > m_policy.longestForegroundWait) {
            finish(request, error);
            return;
        }
        delay = std::max(delay, *retryAfter);
    }
    if (!m_budget.tryRetry(nowMs())) {
        qCWarning(lcApi).noquote() << "retry budget spent; not retrying" << label(request->method, request->path);
        finish(request, error);
        return;
    }
    m_parked.push_back(request);
    QTimer::singleShot(delay, Qt::PreciseTimer, this, [this, request] {
        if (!request->finished) {
            std::erase(m_parked, request);
            requeue(request);
        }
    });
}

void SpotifyClient::tooManyRequests(const RequestPointer &request,
                                    const SpotifyError &error,
                                    std::optional<std::chrono::milliseconds> retryAfter)
{
    if (error.kind == SpotifyError::Kind::QuotaExceeded) {
        const std::chrono::milliseconds pause = quotaPause(m_wallClock(), retryAfter);
        m_quotaUntilMs = std::max(m_quotaUntilMs, nowMs() + pause.count());
        qCWarning(lcApi) << "Spotify quota exceeded; background requests pause for" << pause.count() / 1000 << "s";
        finish(request, error);
        return;
    }
    const std::chrono::milliseconds wait =
        retryAfter.value_or(m_policy.defaultRetryAfter) + jitter(m_policy.gateJitter);
    m_gateUntilMs = std::max(m_gateUntilMs, nowMs() + wait.count());
    qCInfo(lcApi) << "rate limited; every request waits" << wait.count() << "ms";
    if (request->rateLimitRetries >= m_policy.maxRateLimitRetries
        || (request->priority == SpotifyPriority::Foreground && wait > m_policy.longestForegroundWait)) {
        finish(request, error);
        return;
    }
    ++request->rateLimitRetries;
    queueFor(request->priority).push_front(request);
    schedulePump();
}

void SpotifyClient::unauthorized(const RequestPointer &request, const SpotifyError &error)
{
    if (request->refreshed) {
        finish(request, error);
        return;
    }
    request->refreshed = true;
    m_parked.push_back(request);
    m_tokens->refreshAccessToken(request->sentToken, this, [this, request, error](bool refreshed) {
        if (request->finished) {
            return;
        }
        std::erase(m_parked, request);
        if (refreshed) {
            requeue(request);
        } else {
            finish(request, error);
        }
    });
}

void SpotifyClient::requeue(const RequestPointer &request)
{
    if (request->context.isNull()) {
        request->finished = true;
        return;
    }
    // It has waited longest: first in line once the gate, the quota and the slots allow.
    queueFor(request->priority).push_front(request);
    schedulePump();
}

void SpotifyClient::finish(const RequestPointer &request, const SpotifyResult<SpotifyResponse> &result)
{
    request->finished = true;
    if (!result) {
        qCInfo(lcApi).noquote() << label(request->method, request->path) << "failed after" << request->attempts
                                << "attempt(s):" << result.error().kindName() << result.error().detail;
    }
    if (request->context) {
        request->done(result);
    }
}

void SpotifyClient::wakeAt(qint64 deadlineMs)
{
    if (!m_wakeTimer.isActive() || deadlineMs < m_wakeAtMs) {
        m_wakeAtMs = deadlineMs;
        m_wakeTimer.start(int(std::max<qint64>(0, deadlineMs - nowMs())));
    }
}

std::chrono::milliseconds SpotifyClient::jitter(std::chrono::milliseconds most)
{
    return std::chrono::milliseconds(qint64(m_random.bounded(double(most.count()) + 1.0)));
}

qint64 SpotifyClient::nowMs() const
{
    return m_clock.elapsed();
}

std::deque<SpotifyClient::RequestPointer> &SpotifyClient::queueFor(SpotifyPriority priority)
{
    return priority == SpotifyPriority::Foreground ? m_foreground : m_background;
}

void SpotifyClient::walkPages(const QString &path,
                              const QUrlQuery &query,
                              SpotifyPriority priority,
                              QObject *context,
                              PageStep step,
                              PagesDone done)
{
    auto walk = std::make_shared<PageWalk>();
    walk->path = path;
    walk->priority = priority;
    walk->context = context ? context : this;
    walk->step = std::move(step);
    walk->done = std::move(done);
    fetchPage(walk, query);
}

void SpotifyClient::fetchPage(const std::shared_ptr<PageWalk> &walk, const QUrlQuery &query)
{
    get(walk->path, query, walk->priority, walk->context, [this, walk](const SpotifyResult<SpotifyResponse> &result) {
        if (!result) {
            walk->done(result.error());
            return;
        }
        const auto next = walk->step(result.value().body);
        if (!next) {
            SpotifyError error = localError(SpotifyError::Kind::BadResponse, next.error().message);
            error.status = result.value().status;
            walk->done(error);
        } else if (next.value()) {
            fetchPage(walk, *next.value());
        } else {
            walk->done(std::nullopt);
        }
    });
}

} // namespace engine
