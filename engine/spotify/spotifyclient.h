#pragma once

#include "engine/model/result.h"
#include "engine/spotify/spotifyerror.h"
#include "engine/spotify/spotifyjson.h"
#include "engine/spotify/spotifypolicy.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

class QNetworkReply;

namespace engine
{

class AccessTokenProvider;

// What the Client ID may use: a Development Mode app (every app a user can create in 2026) or an app with
// extended quota, which keeps the endpoints SPOTIFY.md §1.3 lists as removed.
enum class SpotifyApiProfile {
    DevelopmentMode,
    Extended,
};

enum class SpotifyPriority {
    Foreground, // a person is waiting: a click, a page being opened
    Background, // sync and polling: yields to Foreground, and pauses while the quota is spent
};

// Every item of a paged list.
template<typename T>
struct SpotifyList {
    QList<T> items;
    int total = 0; // offset paging: Spotify's `total`; cursor paging: the items seen
    int skippedItems = 0; // null items, or items without what TuneScout needs
};

// The one client every Spotify Web API call goes through (RELIABILITY.md UP-1). One per application, on
// the GUI thread, never blocking: requests queue in the client (at most SpotifyPolicy::maxInFlight on the
// wire, Foreground before Background, FIFO within each) and answers come back through callbacks on the
// event loop, never from inside the call that made the request.
//
// Failure handling is the table of RELIABILITY.md §6.2, here and nowhere else, so callers never retry:
// - 429: one pause gate for every request of this client for Retry-After (or 5 s) plus up to 1 s of
//   jitter; the request that got it goes first when the gate opens; after 3 consecutive 429s, RateLimited.
//   A Foreground request fails with RateLimited rather than wait longer than a minute behind the gate.
// - 429 with QUOTA_EXCEEDED: QuotaExceeded at once; Background requests then wait until the next full hour
//   (or Retry-After when later). Foreground requests are still sent: one per action is no retry storm.
// - 5xx (500/502/503/504), resets and timeouts: GET, PUT and DELETE retry with full jitter, at most 4
//   attempts, waiting at least a 503's Retry-After; POST never retries (it may have happened).
// - 401: the token provider refreshes once and the request is replayed once; another 401, or a failed
//   refresh, is SessionExpired.
// - 400, 403, 404: mapped to their kinds, never retried.
// - The retry budget and the circuit breaker of UP-4 bound what all requests together may retry.
// Endpoints that Development Mode removed fail with EndpointUnavailable without a request, unless the
// profile is Extended.
//
// A callback runs only while its `context` lives; a request whose context is destroyed is dropped. A callback
// must not destroy the client (deleteLater() it instead).
class SpotifyClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const SpotifyResult<SpotifyResponse> &)>;
    template<typename T>
    using ListCallback = std::function<void(const SpotifyResult<SpotifyList<T>> &)>;
    template<typename T>
    using OffsetPageParser = Result<spotifyjson::OffsetPage<T>> (*)(const QByteArray &);
    template<typename T>
    using CursorPageParser = Result<spotifyjson::CursorPage<T>> (*)(const QByteArray &);

    // Which cursor leads to the next page: `before` walks recently-played back in time; `after` walks it
    // towards the present, and walks followed artists (whose cursor is the last artist ID).
    enum class Cursor {
        After,
        Before,
    };

    static constexpr int PageLimit = 50; // the largest page Spotify serves

    // `apiUrl` is the Web API base (SpotifyEndpoints::apiUrl); `tokens` outlives the client.
    SpotifyClient(const QUrl &apiUrl,
                  AccessTokenProvider *tokens,
                  SpotifyApiProfile profile,
                  QObject *parent = nullptr);
    ~SpotifyClient() override;

    // Set before the first request (it resets the retry budget and the circuit); tests shorten delays.
    void setPolicy(const SpotifyPolicy &policy);
    // The clock that Retry-After dates and the quota's hour boundary are read on.
    void setWallClock(std::function<QDateTime()> clock);
    // The jitter's randomness; seeded from the system by default.
    void setRandomSeed(quint32 seed);

    // `path` is relative to the API base ("/me/player/play"); `body` is JSON (empty: none).
    void get(const QString &path, const QUrlQuery &query, SpotifyPriority priority, QObject *context, Callback done);
    void put(const QString &path,
             const QUrlQuery &query,
             const QByteArray &body,
             SpotifyPriority priority,
             QObject *context,
             Callback done);
    void post(const QString &path,
              const QUrlQuery &query,
              const QByteArray &body,
              SpotifyPriority priority,
              QObject *context,
              Callback done);
    void del(const QString &path,
             const QUrlQuery &query,
             const QByteArray &body,
             SpotifyPriority priority,
             QObject *context,
             Callback done);

    // Ends every request that is waiting or on the wire with Cancelled, e.g. when the user signs out.
    void cancelAll();

    // Every page of an offset-paged list (`PagingObject`), PageLimit items a request unless `query` sets a
    // limit, one request after the other until Spotify has no `next`. A failed page fails the whole list.
    template<typename T>
    void fetchAllOffset(const QString &path,
                        QUrlQuery query,
                        OffsetPageParser<T> parsePage,
                        SpotifyPriority priority,
                        QObject *context,
                        std::type_identity_t<ListCallback<T>> done);

    // Every page of a cursor-paged list (`CursorPagingObject`): recently-played (before/after are Unix ms)
    // or followed artists (after is the last ID). Ends when Spotify has no `next` or the cursor stops moving.
    template<typename T>
    void fetchAllCursor(const QString &path,
                        QUrlQuery query,
                        Cursor cursor,
                        CursorPageParser<T> parsePage,
                        SpotifyPriority priority,
                        QObject *context,
                        std::type_identity_t<ListCallback<T>> done);

Q_SIGNALS:
    // Connectivity hooks (RELIABILITY.md UP-5), once per attempt that went on the wire: Spotify answered with any
    // HTTP status, so the network works; or the attempt ended without an answer (refused, reset, timed out).
    // Cancelled attempts and requests failed without sending report neither.
    void answered();
    void unreachable();

private:
    struct Request;
    using RequestPointer = std::shared_ptr<Request>;
    // What to ask for after a page: the next page's query, nothing (the list is complete), or an error.
    using PageStep = std::function<Result<std::optional<QUrlQuery>>(const QByteArray &body)>;
    using PagesDone = std::function<void(const std::optional<SpotifyError> &)>;
    struct PageWalk;

    void submit(const QByteArray &method,
                const QString &path,
                const QUrlQuery &query,
                const QByteArray &body,
                SpotifyPriority priority,
                QObject *context,
                Callback done);
    void schedulePump();
    void pump();
    void dispatch(const RequestPointer &request);
    void replyFinished(const RequestPointer &request);
    void retryOrFail(const RequestPointer &request,
                     const SpotifyError &error,
                     std::optional<std::chrono::milliseconds> retryAfter);
    void tooManyRequests(const RequestPointer &request,
                         const SpotifyError &error,
                         std::optional<std::chrono::milliseconds> retryAfter);
    void unauthorized(const RequestPointer &request, const SpotifyError &error);
    void requeue(const RequestPointer &request);
    void finish(const RequestPointer &request, const SpotifyResult<SpotifyResponse> &result);
    void wakeAt(qint64 deadlineMs);
    std::chrono::milliseconds jitter(std::chrono::milliseconds most);
    qint64 nowMs() const;
    std::deque<RequestPointer> &queueFor(SpotifyPriority priority);

    void walkPages(const QString &path,
                   const QUrlQuery &query,
                   SpotifyPriority priority,
                   QObject *context,
                   PageStep step,
                   PagesDone done);
    void fetchPage(const std::shared_ptr<PageWalk> &walk, const QUrlQuery &query);

    QUrl m_apiUrl;
    AccessTokenProvider *m_tokens;
    SpotifyApiProfile m_profile;
    SpotifyPolicy m_policy;
    QNetworkAccessManager m_network;
    QElapsedTimer m_clock; // the monotonic clock of gates, pauses, the budget and the circuit
    std::function<QDateTime()> m_wallClock;
    QRandomGenerator m_random;
    RetryBudget m_budget;
    CircuitBreaker m_circuit;

    std::deque<RequestPointer> m_foreground;
    std::deque<RequestPointer> m_background;
    std::vector<RequestPointer> m_inFlight;
    std::vector<RequestPointer> m_parked; // waiting out a backoff or a token refresh
    qint64 m_gateUntilMs = 0; // 429: nothing is sent before
    qint64 m_quotaUntilMs = 0; // QUOTA_EXCEEDED: no Background request is sent before
    QTimer m_wakeTimer;
    qint64 m_wakeAtMs = 0;
    bool m_pumpScheduled = false;
};

template<typename T>
void SpotifyClient::fetchAllOffset(const QString &path,
                                   QUrlQuery query,
                                   OffsetPageParser<T> parsePage,
                                   SpotifyPriority priority,
                                   QObject *context,
                                   std::type_identity_t<ListCallback<T>> done)
{
    if (!query.hasQueryItem(QStringLiteral("limit"))) {
        query.addQueryItem(QStringLiteral("limit"), QString::number(PageLimit));
    }
    auto list = std::make_shared<SpotifyList<T>>();
    const auto step = [list, query, parsePage](const QByteArray &body) -> Result<std::optional<QUrlQuery>> {
        auto parsed = parsePage(body);
        if (!parsed) {
            return parsed.error();
        }
        spotifyjson::OffsetPage<T> &page = parsed.value();
        const int seen = int(page.items.size()) + page.skippedItems;
        list->items.append(std::move(page.items));
        list->skippedItems += page.skippedItems;
        list->total = page.total;
        // The next page starts after what this one held; `next` only says whether there is one, so that
        // the token never follows a URL out of the body. A page that is empty, or an offset past `total`,
        // ends the walk even when `next` says otherwise.
        const int nextOffset = page.offset + seen;
        if (page.next.isEmpty() || seen == 0 || (page.total > 0 && nextOffset >= page.total)) {
            return std::optional<QUrlQuery>();
        }
        QUrlQuery next = query;
        next.removeAllQueryItems(QStringLiteral("offset"));
        next.addQueryItem(QStringLiteral("offset"), QString::number(nextOffset));
        return std::optional<QUrlQuery>(next);
    };
    walkPages(path, query, priority, context, step, [list, done](const std::optional<SpotifyError> &error) {
        if (error) {
            done(*error);
        } else {
            done(std::move(*list));
        }
    });
}

template<typename T>
void SpotifyClient::fetchAllCursor(const QString &path,
                                   QUrlQuery query,
                                   Cursor cursor,
                                   CursorPageParser<T> parsePage,
                                   SpotifyPriority priority,
                                   QObject *context,
                                   std::type_identity_t<ListCallback<T>> done)
{
    if (!query.hasQueryItem(QStringLiteral("limit"))) {
        query.addQueryItem(QStringLiteral("limit"), QString::number(PageLimit));
    }
    struct State {
        SpotifyList<T> list;
        QString lastCursor;
    };
    auto state = std::make_shared<State>();
    const auto step = [state, query, cursor, parsePage](const QByteArray &body) -> Result<std::optional<QUrlQuery>> {
        auto parsed = parsePage(body);
        if (!parsed) {
            return parsed.error();
        }
        spotifyjson::CursorPage<T> &page = parsed.value();
        state->list.total += int(page.items.size()) + page.skippedItems;
        state->list.skippedItems += page.skippedItems;
        state->list.items.append(std::move(page.items));
        const QString position = cursor == Cursor::After ? page.after : page.before;
        if (page.next.isEmpty() || position.isEmpty() || position == state->lastCursor) {
            return std::optional<QUrlQuery>();
        }
        state->lastCursor = position;
        // Spotify takes one of the two cursors, never both.
        QUrlQuery next = query;
        next.removeAllQueryItems(QStringLiteral("after"));
        next.removeAllQueryItems(QStringLiteral("before"));
        next.addQueryItem(cursor == Cursor::After ? QStringLiteral("after") : QStringLiteral("before"), position);
        return std::optional<QUrlQuery>(next);
    };
    walkPages(path, query, priority, context, step, [state, done](const std::optional<SpotifyError> &error) {
        if (error) {
            done(*error);
        } else {
            done(std::move(state->list));
        }
    });
}

} // namespace engine
