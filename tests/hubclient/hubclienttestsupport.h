#pragma once

#include "hub/httpserver.h"
#include "hub/ratelimiter.h"
#include "tests/hub/inprocesshub.h"
#include "tests/support/testenv.h"

#include <QList>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslServer>
#include <QString>
#include <QTcpSocket>

#include <memory>

namespace hubclienttest
{

// The real hub (InProcessHub: the Api on a scratch database of the test cluster) served by its own
// HttpServer on 127.0.0.1, so the client talks HTTP over loopback to exactly what tunescout-hub serves.
class LoopbackHub
{
public:
    // tokenLimits: each device token's rate limit (HB-5), the hub's defaults unless a test needs 429s.
    explicit LoopbackHub(hub::TokenBucketLimiter::Limits tokenLimits = {});
    ~LoopbackHub();

    bool isReady() const;
    QString url() const; // http://127.0.0.1:PORT
    quint16 port() const;
    // The Api the server hands requests to (its metrics, its rate limits).
    hub::Api &api();

    hubtest::InProcessHub hub;

private:
    std::unique_ptr<hub::Api> m_api; // the one HttpServer serves: hub.api with tokenLimits
    std::unique_ptr<hub::HttpServer> m_server;
    quint16 m_port = 0;
};

// How many requests for `route` ("POST /api/v1/sync") the hub has handled, whatever it answered (its /metrics).
qint64 handledRequests(LoopbackHub &loopback, const QByteArray &route);
// How many requests for `route` the hub answered with `status` (its /metrics).
qint64 answeredWith(LoopbackHub &loopback, const QByteArray &route, int status);
// Whether the hub answered any request for `route` with a 4xx or 5xx status (its /metrics).
bool answeredErrors(LoopbackHub &loopback, const QByteArray &route);

// A self-signed certificate and key made with the openssl CLI, as a home hub would have one.
struct SelfSigned {
    QString certificatePath;
    QString keyPath;
    QString fingerprint; // of the public key, from the openssl tool (hubtest::opensslPublicKeyFingerprint): AB:CD:…
    QString certificateFingerprint; // of the whole certificate, as `openssl x509 -fingerprint -sha256` prints it
    QString error; // empty when made
};
// DIRECTORY/NAME.crt with a new key DIRECTORY/NAME.key, or, given keyPath, a certificate renewed for that key.
SelfSigned makeSelfSigned(const QString &directory, const QString &name, const QString &keyPath = {});

// TLS in front of a plain-HTTP hub, as a reverse proxy terminating TLS would be: accepts TLS on 127.0.0.1 with
// the given certificate and pipes the bytes to the hub.
class TlsTerminator : public QObject
{
    Q_OBJECT
public:
    TlsTerminator(const SelfSigned &certificate, quint16 upstreamPort, QObject *parent = nullptr);

    // Listens on `port` (0: any free one); false with errorString() when it cannot.
    bool listen(quint16 port = 0);
    quint16 port() const;
    QString errorString() const;
    // Stops listening and drops every connection.
    void close();

private:
    void accept();

    QSslServer m_server;
    quint16 m_upstreamPort;
    QString m_error;
    QList<QPointer<QSslSocket>> m_clients;
};

} // namespace hubclienttest

// The in-process hub of a LoopbackHub has its database, and its HttpServer listens (the test returns otherwise).
#define VERIFY_LOOPBACK_HUB(loopback)                                                                                  \
    VERIFY_IN_PROCESS_HUB((loopback).hub);                                                                             \
    QVERIFY((loopback).isReady())

// What the app's side of a hub test needs: the keyring for the device token, and PostgreSQL for the hub.
#define REQUIRE_KEYRING_AND_POSTGRES()                                                                                 \
    TUNESCOUT_REQUIRE_SERVICE(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),                                \
                              "a D-Bus session with an unlocked keyring");                                             \
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL")
