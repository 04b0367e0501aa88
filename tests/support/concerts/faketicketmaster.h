#pragma once

#include "tests/support/concerts/fakeconcertserver.h"

#include <QByteArray>
#include <QSet>
#include <QString>
#include <QUrl>

#include <mutex>

namespace testsupport
{

// Ticketmaster Discovery v2 `GET /discovery/v2/events.json`, as the swagger, the fixtures and the live
// API's observed behaviour have it. See tests/support/concerts/README.md for what is modelled.
class FakeTicketmaster : public FakeConcertServer
{
public:
    explicit FakeTicketmaster(const FakeConcertCatalogue &catalogue = FakeConcertCatalogue::standard());
    ~FakeTicketmaster() override;

    static QString defaultApiKey();
    void addApiKey(const QString &apiKey);
    void removeApiKey(const QString &apiKey);

    QUrl eventsUrl() const; // <baseUrl>/discovery/v2/events.json, without the key

    // The documented 429 body (reference/concerts/ticketmaster-429.json) for `apiKey`.
    static QByteArray rateLimitBody(const QString &apiKey);

    static constexpr int kDefaultRequestsPerSecond = 5;
    static constexpr int kDefaultDailyQuota = 5000;
    static constexpr int kMaxPageSize = 200;
    static constexpr int kMaxPagingDepth = 1000;

protected:
    ConcertHttpReply handle(const ConcertHttpRequest &request, FakeConcertRequest &record) override;
    ConcertHttpReply
    scriptedFailure(int status, const ConcertHttpRequest &request, FakeConcertRequest &record) override;

private:
    ConcertHttpReply search(const ConcertHttpRequest &request, const RateLimitState &rateLimit) const;
    bool isValidKey(const QString &apiKey) const;

    mutable std::mutex m_keysMutex;
    QSet<QString> m_apiKeys;
};

} // namespace testsupport
