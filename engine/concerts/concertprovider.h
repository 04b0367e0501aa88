#pragma once

#include "engine/concerts/concertevent.h"
#include "engine/enrich/tokenbucket.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <deque>
#include <functional>
#include <optional>

class QNetworkReply;

namespace engine
{

// What to ask a provider for: the shows of one artist from `from` on, near a point.
struct ConcertQuery {
    QString artistName;
    QString providerArtistId; // Ticketmaster attraction id or SeatGeek performer id, when known: searched by id
    std::optional<GeoPoint> near;
    double radiusKm = 50.0;
    QDateTime from; // UTC; invalid: no lower bound
    QDateTime to; // UTC; invalid: no upper bound
};

// The numbers a provider's adapter follows. The defaults are the providers' published limits.
struct ConcertProviderPolicy {
    int pageSize = 100;
    int maxPages = 5; // per query; Ticketmaster serves no item past the 1,000th anyway
    int requestsPerSecond = 5;
    int dailyBudget = 5000; // requests a day; 0: none
    int maxAttempts = 4; // per page, for 429 (per second), 5xx and answers that did not arrive
    std::chrono::milliseconds transferTimeout = std::chrono::seconds(20);
    std::chrono::milliseconds backoffBase = std::chrono::seconds(1);
    std::chrono::milliseconds backoffCap = std::chrono::seconds(30);
};

// A concert listing service. One query runs at a time, the others wait in order; each adapter keeps its
// provider's rate limit (requests spaced a little over 1/requestsPerSecond apart), a daily budget of requests, pages
// through the results and retries what the provider asks to retry. Answers are untrusted: a body that is not the
// provider's shape is an error naming the provider and what was wrong; a single event that cannot be read is
// skipped with a warning (tunescout.concerts) naming it, so one bad event does not hide the others.
class ConcertProvider : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const Result<QList<ConcertEvent>> &)>;

    ~ConcertProvider() override;

    virtual QString id() const = 0; // "ticketmaster", "seatgeek": stored with each event
    virtual QString displayName() const = 0;

    void setPolicy(const ConcertProviderPolicy &policy);
    const ConcertProviderPolicy &policy() const;

    // Runs `query` after the ones already queued; `done` is called on this object's thread.
    void search(const ConcertQuery &query, Callback done);

    int requestsSent() const; // in this process, retries included
    int requestsToday() const; // counted against the daily budget
    QStringList warnings() const; // events skipped since the start

protected:
    explicit ConcertProvider(QObject *parent);

    struct Page {
        QList<ConcertEvent> events;
        bool more = false; // another page follows
    };
    virtual QNetworkRequest pageRequest(const ConcertQuery &query, int page) const = 0;
    virtual Result<Page> parsePage(const QByteArray &body, int page, QStringList &warnings) const = 0;
    // A failed answer's own explanation (Apigee's faultstring, SeatGeek's message), empty when none.
    virtual QString errorDetail(const QByteArray &body) const = 0;
    // The setting that holds the credential, for "refused the key" messages.
    virtual QString credentialName() const = 0;
    // Called with every answer: providers that report their quota in headers update the budget here.
    virtual void readQuotaHeaders(QNetworkReply *reply);

    // The budget as the provider reported it: no more requests before resetAtMs (ms since the epoch).
    void quotaExhaustedUntil(qint64 resetAtMs);

private:
    struct Job {
        ConcertQuery query;
        Callback done;
        int page = 0;
        int attempts = 0;
        QList<ConcertEvent> events;
    };

    void sendNext();
    void replyFinished(QNetworkReply *reply);
    void retryLater(const QString &why, std::optional<std::chrono::milliseconds> retryAfter);
    void finishJob(const Result<QList<ConcertEvent>> &result);
    bool budgetLeft(QString *why);

    ConcertProviderPolicy m_policy;
    QNetworkAccessManager m_network;
    QElapsedTimer m_clock;
    TokenBucket m_bucket;
    QTimer m_wait;
    QRandomGenerator m_random;
    QPointer<QNetworkReply> m_reply;
    std::deque<Job> m_jobs;
    int m_sent = 0;
    int m_today = 0;
    QDate m_budgetDay;
    qint64 m_exhaustedUntilMs = 0;
    QStringList m_warnings;
};

// Ticketmaster Discovery v2: GET <base>/discovery/v2/events.json?apikey=…, by attractionId when known,
// else keyword; near a point by geoPoint (a geohash) with radius in km; music only; sorted by date; pages
// from 0. Reads Rate-Limit-Available and Rate-Limit-Reset.
class TicketmasterProvider : public ConcertProvider
{
    Q_OBJECT

public:
    static constexpr auto DefaultUrl = "https://app.ticketmaster.com";
    static constexpr auto UrlVariable = "TUNESCOUT_TICKETMASTER_URL";
    static constexpr auto KeyVariable = "TUNESCOUT_TICKETMASTER_KEY";

    TicketmasterProvider(const QUrl &baseUrl, const QString &apiKey, QObject *parent = nullptr);

    QString id() const override;
    QString displayName() const override;

protected:
    QNetworkRequest pageRequest(const ConcertQuery &query, int page) const override;
    Result<Page> parsePage(const QByteArray &body, int page, QStringList &warnings) const override;
    QString errorDetail(const QByteArray &body) const override;
    QString credentialName() const override;
    void readQuotaHeaders(QNetworkReply *reply) override;

private:
    QUrl m_baseUrl;
    QString m_apiKey;
};

// SeatGeek Platform v2: GET <base>/events?client_id=…, by performers.id when known, else q; near a point by
// lat/lon with range in km; concerts only; sorted by date; pages from 1. SeatGeek publishes no numbers: the
// default policy keeps Ticketmaster's 5 a second and has no daily budget.
class SeatGeekProvider : public ConcertProvider
{
    Q_OBJECT

public:
    static constexpr auto DefaultUrl = "https://api.seatgeek.com/2";
    static constexpr auto UrlVariable = "TUNESCOUT_SEATGEEK_URL";
    static constexpr auto ClientIdVariable = "TUNESCOUT_SEATGEEK_CLIENT_ID";

    SeatGeekProvider(const QUrl &baseUrl, const QString &clientId, QObject *parent = nullptr);

    QString id() const override;
    QString displayName() const override;

protected:
    QNetworkRequest pageRequest(const ConcertQuery &query, int page) const override;
    Result<Page> parsePage(const QByteArray &body, int page, QStringList &warnings) const override;
    QString errorDetail(const QByteArray &body) const override;
    QString credentialName() const override;

private:
    QUrl m_baseUrl;
    QString m_clientId;
};

// Where the providers are and the credentials to use, from the environment and the settings file
// (ClientConfig reads them). A provider without a credential is not used.
struct ConcertProvidersConfig {
    QUrl ticketmasterUrl = QUrl(QString::fromLatin1(TicketmasterProvider::DefaultUrl));
    QString ticketmasterKey;
    QUrl seatGeekUrl = QUrl(QString::fromLatin1(SeatGeekProvider::DefaultUrl));
    QString seatGeekClientId;
};

} // namespace engine
