#pragma once

#include "tests/support/concerts/concertcatalogue.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

namespace testsupport
{

// One entry of a fake provider's request log.
struct FakeConcertRequest {
    QByteArray method;
    QString path;
    QUrlQuery query; // in the order sent, fully decoded
    QString credential; // the API key or client ID presented, empty when none
    QByteArray userAgent;
    int status = 0; // 0: the connection was dropped without an answer
    qint64 receivedAtMs = 0; // on the fake's clock
};

// What a provider's handler sees of a request and what it answers.
struct ConcertHttpRequest {
    QByteArray method;
    QString path;
    QUrlQuery query;
    QByteArray authorization;
    QByteArray userAgent;
};

struct ConcertHttpReply {
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json;charset=utf-8");
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

// The HTTP side shared by FakeTicketmaster and FakeSeatGeek: a cpp-httplib server on 127.0.0.1 and an
// ephemeral port with its own threads, the catalogue, per-key rate limits on an injectable clock,
// scripted faults and the request log. Every public function is thread-safe.
class FakeConcertServer
{
public:
    virtual ~FakeConcertServer();
    FakeConcertServer(const FakeConcertServer &) = delete;
    FakeConcertServer &operator=(const FakeConcertServer &) = delete;

    struct RateLimitState {
        bool allowed = true;
        int quota = 0; // 0: no daily quota
        int remaining = 0;
        int over = 0; // requests refused since the day started
        qint64 resetAtMs = 0; // when the day ends, ms since the epoch
    };

    bool isListening() const;
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:<port>

    void setCatalogue(const FakeConcertCatalogue &catalogue);
    FakeConcertCatalogue catalogue() const;
    void addConcert(const FakeConcert &concert);

    // Per key: a sliding one-second window, and a daily quota whose day starts with the key's first call
    // and lasts 24 hours (what Ticketmaster does). 0 switches a limit off.
    void setRequestsPerSecond(int limit);
    void setDailyQuota(int quota);
    void resetRateLimits();

    // The clock behind rate limits, quota resets and the log; real time unless frozen.
    void setTime(qint64 msSinceEpoch);
    void advanceTime(qint64 ms);
    void useRealTime();
    qint64 currentTime() const;

    // Scripted faults for the next requests, consumed in the order scripted. A delayed request is then
    // served normally; a failed one gets the provider's own error body for that status; a dropped one
    // gets its headers and then a closed connection.
    void failNext(int count, int status = 503);
    // retryAfterSeconds > 0 adds a Retry-After header, as a gateway in front of a provider may send; the
    // providers' own documentation promises none.
    void rateLimitNext(int count, int retryAfterSeconds = 0);
    void delayNext(int count, int delayMs);
    void dropNext(int count);
    void clearFaults();
    int pendingFaults() const;

    // Down: the listening socket is closed and open connections end, so connecting is refused. Up again:
    // listening on the same port. Returns false if the port could not be bound again.
    bool setDown(bool down);
    bool isDown() const;

    QList<FakeConcertRequest> requests() const;
    int requestCount() const;
    int requestCount(int status) const;
    void clearRequests();

protected:
    FakeConcertServer(int requestsPerSecond, int dailyQuota);

    // Derived constructors call start() last; derived destructors call stop() first, so that no request
    // reaches a half-destroyed handler.
    bool start();
    void stop();

    // Counts the request against `key` when it is allowed.
    RateLimitState consumeRateLimit(const QString &key);
    RateLimitState rateLimitState(const QString &key) const;

    // Called on the server's worker threads, concurrently.
    virtual ConcertHttpReply handle(const ConcertHttpRequest &request, FakeConcertRequest &record) = 0;
    virtual ConcertHttpReply
    scriptedFailure(int status, const ConcertHttpRequest &request, FakeConcertRequest &record) = 0;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Query helpers shared by the providers' fakes.
QString queryParam(const QUrlQuery &query, const QString &name);
// A parameter given as "a,b" or repeated, split and trimmed.
QStringList queryListParam(const QUrlQuery &query, const QString &name);

} // namespace testsupport
