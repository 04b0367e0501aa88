#include "tests/hubclient/hubclienttestsupport.h"

#include "tests/hub/hubtestsupport.h"

#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>

namespace hubclienttest
{

namespace
{

QByteArray metricsText(LoopbackHub &loopback)
{
    hub::HttpRequest metrics;
    metrics.method = QByteArrayLiteral("GET");
    metrics.path = QByteArrayLiteral("/metrics");
    return loopback.api().handle(metrics).body;
}

} // namespace

qint64 handledRequests(LoopbackHub &loopback, const QByteArray &route)
{
    const QByteArray prefix = "tunescout_hub_http_request_duration_seconds_count{route=\"" + route + "\"} ";
    for (const QByteArray &line : metricsText(loopback).split('\n')) {
        if (line.startsWith(prefix)) {
            return line.mid(prefix.size()).trimmed().toLongLong();
        }
    }
    return 0;
}

qint64 answeredWith(LoopbackHub &loopback, const QByteArray &route, int status)
{
    const QByteArray prefix =
        "tunescout_hub_http_requests_total{route=\"" + route + "\",status=\"" + QByteArray::number(status) + "\"} ";
    for (const QByteArray &line : metricsText(loopback).split('\n')) {
        if (line.startsWith(prefix)) {
            return line.mid(prefix.size()).trimmed().toLongLong();
        }
    }
    return 0;
}

bool answeredErrors(LoopbackHub &loopback, const QByteArray &route)
{
    const QByteArray text = metricsText(loopback);
    const QByteArray prefix = "tunescout_hub_http_requests_total{route=\"" + route + "\",status=\"";
    return text.contains(QByteArray(prefix + '4')) || text.contains(QByteArray(prefix + '5'));
}

LoopbackHub::LoopbackHub(hub::TokenBucketLimiter::Limits tokenLimits)
{
    if (!hub.isReady()) {
        return;
    }
    m_api = std::make_unique<hub::Api>(*hub.readiness, *hub.store, tokenLimits);
    m_server = std::make_unique<hub::HttpServer>(*m_api, hub::HttpLimits());
    m_port = hubtest::freePort();
    if (!m_server->bind(QStringLiteral("127.0.0.1"), m_port)) {
        m_server.reset();
        return;
    }
    m_server->start([] {});
}

LoopbackHub::~LoopbackHub()
{
    if (m_server) {
        m_server->stop();
    }
}

hub::Api &LoopbackHub::api()
{
    return *m_api;
}

bool LoopbackHub::isReady() const
{
    return m_server != nullptr;
}

QString LoopbackHub::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

quint16 LoopbackHub::port() const
{
    return m_port;
}

SelfSigned makeSelfSigned(const QString &directory, const QString &name, const QString &keyPath)
{
    SelfSigned made;
    made.certificatePath = directory + u'/' + name + QStringLiteral(".crt");
    made.keyPath = keyPath.isEmpty() ? directory + u'/' + name + QStringLiteral(".key") : keyPath;
    const QStringList key = keyPath.isEmpty() ? QStringList{QStringLiteral("-newkey"),
                                                            QStringLiteral("ec"),
                                                            QStringLiteral("-pkeyopt"),
                                                            QStringLiteral("ec_paramgen_curve:prime256v1"),
                                                            QStringLiteral("-nodes"),
                                                            QStringLiteral("-keyout"),
                                                            made.keyPath}
                                              : QStringList{QStringLiteral("-key"), made.keyPath};
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + key
                      + QStringList{QStringLiteral("-days"),
                                    QStringLiteral("2"),
                                    QStringLiteral("-subj"),
                                    QStringLiteral("/CN=") + name,
                                    QStringLiteral("-addext"),
                                    QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1"),
                                    QStringLiteral("-out"),
                                    made.certificatePath});
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0) {
        made.error = QStringLiteral("openssl req failed: ") + QString::fromLocal8Bit(openssl.readAllStandardError())
            + openssl.errorString();
        return made;
    }
    made.fingerprint = hubtest::opensslPublicKeyFingerprint(made.certificatePath);
    made.certificateFingerprint = hubtest::opensslCertificateFingerprint(made.certificatePath);
    if (made.fingerprint.isEmpty() || made.certificateFingerprint.isEmpty()) {
        made.error = QStringLiteral("the openssl tool gave no fingerprint for ") + made.certificatePath;
    }
    return made;
}

TlsTerminator::TlsTerminator(const SelfSigned &certificate, quint16 upstreamPort, QObject *parent)
    : QObject(parent)
    , m_upstreamPort(upstreamPort)
{
    QFile certificateFile(certificate.certificatePath);
    QFile keyFile(certificate.keyPath);
    if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot read ") + certificate.certificatePath;
        return;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(QSslCertificate(certificateFile.readAll(), QSsl::Pem));
    configuration.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem));
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_server.setSslConfiguration(configuration);
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, &TlsTerminator::accept);
}

bool TlsTerminator::listen(quint16 port)
{
    if (!m_error.isEmpty()) {
        return false;
    }
    if (!m_server.listen(QHostAddress::LocalHost, port)) {
        m_error = m_server.errorString();
        return false;
    }
    return true;
}

quint16 TlsTerminator::port() const
{
    return m_server.serverPort();
}

QString TlsTerminator::errorString() const
{
    return m_error;
}

void TlsTerminator::close()
{
    m_server.close();
    for (const QPointer<QSslSocket> &client : std::as_const(m_clients)) {
        if (client) {
            client->abort();
            client->deleteLater();
        }
    }
    m_clients.clear();
}

void TlsTerminator::accept()
{
    while (m_server.hasPendingConnections()) {
        auto *client = qobject_cast<QSslSocket *>(m_server.nextPendingConnection());
        if (!client) {
            continue;
        }
        client->setParent(this);
        m_clients.append(client);
        auto *upstream = new QTcpSocket(client);
        // Bytes the client sent before the hub's connection was up wait here.
        auto pending = std::make_shared<QByteArray>();
        connect(client, &QIODevice::readyRead, upstream, [client, upstream, pending] {
            const QByteArray bytes = client->readAll();
            if (upstream->state() == QAbstractSocket::ConnectedState) {
                upstream->write(bytes);
            } else {
                pending->append(bytes);
            }
        });
        connect(upstream, &QAbstractSocket::connected, client, [upstream, pending] {
            upstream->write(*pending);
            pending->clear();
        });
        connect(upstream, &QIODevice::readyRead, client, [client, upstream] {
            client->write(upstream->readAll());
        });
        connect(upstream, &QAbstractSocket::disconnected, client, [client] {
            client->disconnectFromHost();
        });
        connect(client, &QAbstractSocket::disconnected, client, [client, upstream] {
            upstream->disconnectFromHost();
            client->deleteLater();
        });
        upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
        if (client->bytesAvailable() > 0) {
            pending->append(client->readAll());
        }
    }
}

} // namespace hubclienttest
