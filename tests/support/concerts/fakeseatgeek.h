#pragma once

#include "tests/support/concerts/fakeconcertserver.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QUrl>

#include <mutex>

namespace testsupport
{

// SeatGeek Platform v2 `GET /2/events`. See tests/support/concerts/README.md for what is modelled.
class FakeSeatGeek : public FakeConcertServer
{
public:
    explicit FakeSeatGeek(const FakeConcertCatalogue &catalogue = FakeConcertCatalogue::standard());
    ~FakeSeatGeek() override;

    static QString defaultClientId();
    // An empty secret accepts any (the secret is optional for SeatGeek); a set one must match when sent.
    void addClient(const QString &clientId, const QString &clientSecret = {});
    void removeClient(const QString &clientId);

    QUrl eventsUrl() const; // <baseUrl>/2/events, without credentials

    static constexpr int kDefaultRequestsPerSecond = 10;
    static constexpr int kDefaultPerPage = 10;

protected:
    ConcertHttpReply handle(const ConcertHttpRequest &request, FakeConcertRequest &record) override;
    ConcertHttpReply
    scriptedFailure(int status, const ConcertHttpRequest &request, FakeConcertRequest &record) override;

private:
    struct Credentials {
        QString clientId;
        QString clientSecret;
        bool secretSent = false;
    };
    static Credentials credentialsOf(const ConcertHttpRequest &request);
    ConcertHttpReply search(const ConcertHttpRequest &request) const;

    mutable std::mutex m_clientsMutex;
    QHash<QString, QString> m_clients; // client ID → secret
};

} // namespace testsupport
