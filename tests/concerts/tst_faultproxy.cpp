#include "tests/support/concerts/faketicketmaster.h"
#include "tests/support/concerts/loopbackhttp.h"
#include "tests/support/faultproxy/faultproxy.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace testsupport;

namespace
{

QByteArray compactJson(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).toJson(QJsonDocument::Compact);
}

bool isTimeout(QNetworkReply::NetworkError error)
{
    // A transfer timeout aborts the reply; which code that gives has changed between Qt versions.
    return error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError;
}

} // namespace

class TestFaultProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void passesRequestsThrough();
    void latencyDelaysEachDirection_data();
    void latencyDelaysEachDirection();
    void bandwidthLimitsThroughput();
    void resetPeer_data();
    void resetPeer();
    void resetDecisionsFollowTheSeed();
    void stallTimesOutAndRecovers();
    void downRefusesAndUpRestores();
    void upstreamDownClosesTheClient();
    void refusesNonLoopbackUpstreams_data();
    void refusesNonLoopbackUpstreams();
    void servesWhileTheTestThreadIsBlocked();
    void destructionClosesEverything();

private:
    QUrl proxiedEventsUrl(const QString &query = QStringLiteral("size=5")) const;
    LoopbackReply get(const QUrl &url, int transferTimeoutMs = 0, bool uncompressed = false);
    // One request on its own connection, with the test thread blocked in the socket's waitFor* calls.
    static QByteArray blockingExchange(quint16 port, const QByteArray &request);
    QByteArray rawRequest() const;

    std::unique_ptr<FakeTicketmaster> m_upstream;
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

void TestFaultProxy::init()
{
    m_upstream = std::make_unique<FakeTicketmaster>();
    QVERIFY(m_upstream->isListening());
    m_upstream->setRequestsPerSecond(0);
    m_proxy = std::make_unique<FaultProxy>(QStringLiteral("127.0.0.1"), m_upstream->port());
    QVERIFY2(m_proxy->start(), qPrintable(m_proxy->errorString()));
    QVERIFY(m_proxy->isRunning());
    QVERIFY(m_proxy->port() != 0);
    m_network = std::make_unique<QNetworkAccessManager>();
    m_network->setProxy(QNetworkProxy::NoProxy);
}

void TestFaultProxy::cleanup()
{
    m_network.reset();
    m_proxy.reset();
    m_upstream.reset();
}

QUrl TestFaultProxy::proxiedEventsUrl(const QString &query) const
{
    QUrl url = m_proxy->proxiedUrl(m_upstream->eventsUrl());
    url.setQuery(QStringLiteral("apikey=") + FakeTicketmaster::defaultApiKey() + QLatin1Char('&') + query);
    return url;
}

LoopbackReply TestFaultProxy::get(const QUrl &url, int transferTimeoutMs, bool uncompressed)
{
    QNetworkRequest request(url);
    if (transferTimeoutMs > 0)
        request.setTransferTimeout(transferTimeoutMs);
    if (uncompressed)
        request.setRawHeader(QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("identity"));
    return loopbackGet(*m_network, request);
}

QByteArray TestFaultProxy::rawRequest() const
{
    return QByteArrayLiteral("GET /discovery/v2/events.json?size=1&apikey=")
        + FakeTicketmaster::defaultApiKey().toUtf8()
        + QByteArrayLiteral(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

QByteArray TestFaultProxy::blockingExchange(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    socket.waitForBytesWritten(5000);
    QByteArray response;
    while (socket.waitForReadyRead(5000))
        response += socket.readAll();
    return response + socket.readAll();
}

void TestFaultProxy::passesRequestsThrough()
{
    QUrl direct = m_upstream->eventsUrl();
    direct.setQuery(proxiedEventsUrl().query());
    const LoopbackReply expected = get(direct);
    QCOMPARE(expected.status, 200);

    const LoopbackReply proxied = get(proxiedEventsUrl());
    QCOMPARE(proxied.status, 200);
    QCOMPARE(compactJson(proxied.body), compactJson(expected.body));
    QCOMPARE(proxied.header("Rate-Limit"), QByteArrayLiteral("5000"));
    QCOMPARE(m_upstream->requestCount(), 2);
    QVERIFY(m_proxy->connectionsAccepted() >= 1);
    QVERIFY(m_proxy->bytesToUpstream() > 0);
    // Counted after send() returns on the proxy's thread, so the client may have read the answer first.
    QTRY_VERIFY(m_proxy->bytesToClient() > 0);
    QCOMPARE(m_proxy->resetsInjected(), 0);
}

void TestFaultProxy::latencyDelaysEachDirection_data()
{
    QTest::addColumn<int>("latencyMs");
    QTest::addColumn<int>("jitterMs");

    QTest::addRow("150-ms") << 150 << 0;
    QTest::addRow("120-ms-jitter-40") << 120 << 40;
}

void TestFaultProxy::latencyDelaysEachDirection()
{
    QFETCH(int, latencyMs);
    QFETCH(int, jitterMs);

    m_proxy->setLatency(latencyMs, jitterMs);
    const LoopbackReply reply = get(proxiedEventsUrl());
    QCOMPARE(reply.status, 200);
    // The request waits once on its way in and the response once on its way out. A lower bound only: a
    // loaded machine may take longer, never shorter.
    const qint64 atLeast = 2 * qint64(latencyMs - jitterMs);
    QVERIFY2(reply.elapsedMs >= atLeast, qPrintable(QStringLiteral("%1 ms < %2 ms").arg(reply.elapsedMs).arg(atLeast)));

    m_proxy->passThrough();
    QCOMPARE(get(proxiedEventsUrl()).status, 200);
}

void TestFaultProxy::bandwidthLimitsThroughput()
{
    constexpr qint64 bytesPerSecond = 100 * 1000;
    m_proxy->setBandwidth(bytesPerSecond);
    // Uncompressed, so that tens of kilobytes cross the proxy.
    const LoopbackReply reply = get(proxiedEventsUrl(QStringLiteral("size=20")), 0, true);
    QCOMPARE(reply.status, 200);
    QTRY_VERIFY2(m_proxy->bytesToClient() > 20 * 1000, qPrintable(QString::number(m_proxy->bytesToClient())));
    // What the proxy counted by now: its last send() may be counted after the client read it, which only makes
    // the bound below lower.
    const qint64 transferred = m_proxy->bytesToClient();
    // At most a 50 ms burst goes out at once; the rest is paced.
    const qint64 atLeast = (transferred - bytesPerSecond / 20) * 1000 / bytesPerSecond;
    QVERIFY2(
        reply.elapsedMs >= atLeast,
        qPrintable(QStringLiteral("%1 bytes in %2 ms < %3 ms").arg(transferred).arg(reply.elapsedMs).arg(atLeast)));
}

void TestFaultProxy::resetPeer_data()
{
    QTest::addColumn<double>("probability");
    QTest::addColumn<qint64>("afterBytes");
    QTest::addColumn<bool>("fails");

    QTest::addRow("always-before-any-byte") << 1.0 << qint64(0) << true;
    QTest::addRow("always-after-16-bytes") << 1.0 << qint64(16) << true;
    QTest::addRow("never") << 0.0 << qint64(0) << false;
}

void TestFaultProxy::resetPeer()
{
    QFETCH(double, probability);
    QFETCH(qint64, afterBytes);
    QFETCH(bool, fails);

    m_proxy->setResetPeer(probability, afterBytes);
    const LoopbackReply reply = get(proxiedEventsUrl());
    QVERIFY(reply.finished);
    // The upstream did its work either way: only the answer is lost.
    QVERIFY(m_upstream->requestCount() >= 1);
    if (!fails) {
        QCOMPARE(reply.status, 200);
        QCOMPARE(m_proxy->resetsInjected(), 0);
        return;
    }
    QCOMPARE(reply.error, QNetworkReply::RemoteHostClosedError);
    QVERIFY(m_proxy->resetsInjected() >= 1);
    QVERIFY(m_proxy->bytesToClient() <= afterBytes * m_proxy->resetsInjected());

    m_proxy->passThrough();
    QCOMPARE(get(proxiedEventsUrl()).status, 200);
}

void TestFaultProxy::resetDecisionsFollowTheSeed()
{
    const auto outcomes = [this](quint64 seed) {
        FaultProxy proxy(QStringLiteral("127.0.0.1"), m_upstream->port(), seed);
        if (!proxy.start())
            return QString();
        proxy.setResetPeer(0.5);
        QString pattern;
        for (int i = 0; i < 12; ++i)
            pattern += blockingExchange(proxy.port(), rawRequest()).startsWith("HTTP/1.1 200") ? u'.' : u'R';
        return pattern;
    };
    const QString first = outcomes(42);
    QCOMPARE(first.size(), 12);
    QCOMPARE(outcomes(42), first);
    // Twelve fair coin flips: both sides show up.
    QVERIFY2(first.contains(u'R') && first.contains(u'.'), qPrintable(first));
}

void TestFaultProxy::stallTimesOutAndRecovers()
{
    m_proxy->stall();
    const LoopbackReply stalled = get(proxiedEventsUrl(), 300);
    QVERIFY(stalled.finished);
    QVERIFY2(isTimeout(stalled.error), qPrintable(QString::number(stalled.error)));
    QCOMPARE(stalled.status, 0);
    QCOMPARE(m_upstream->requestCount(), 0);
    // The client gave up and closed; the black hole drops that connection rather than deliver it later.
    QTRY_COMPARE(m_proxy->activeConnections(), 0);

    m_proxy->passThrough();
    QCOMPARE(get(proxiedEventsUrl()).status, 200);
    QCOMPARE(m_upstream->requestCount(), 1);
}

void TestFaultProxy::downRefusesAndUpRestores()
{
    const quint16 port = m_proxy->port();
    QCOMPARE(get(proxiedEventsUrl()).status, 200);

    m_proxy->down();
    QVERIFY(m_proxy->isDown());
    QCOMPARE(m_proxy->activeConnections(), 0);

    QTcpSocket probe;
    QSignalSpy failed(&probe, &QTcpSocket::errorOccurred);
    probe.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(failed.wait(5000));
    QCOMPARE(probe.error(), QAbstractSocket::ConnectionRefusedError);
    // The client still holds the kept-alive connection the proxy just closed: it must notice and then be
    // refused, not wait.
    const LoopbackReply refused = get(proxiedEventsUrl(), 5000);
    QCOMPARE(refused.error, QNetworkReply::ConnectionRefusedError);

    QVERIFY(m_proxy->up());
    QVERIFY(!m_proxy->isDown());
    QCOMPARE(m_proxy->port(), port);
    QCOMPARE(get(proxiedEventsUrl()).status, 200);
    QCOMPARE(m_upstream->requestCount(), 2);
}

void TestFaultProxy::upstreamDownClosesTheClient()
{
    QVERIFY(m_upstream->setDown(true));
    const LoopbackReply reply = get(proxiedEventsUrl());
    QVERIFY(reply.finished);
    QCOMPARE(reply.error, QNetworkReply::RemoteHostClosedError);
    QVERIFY(m_proxy->upstreamConnectFailures() >= 1);

    QVERIFY(m_upstream->setDown(false));
    QCOMPARE(get(proxiedEventsUrl()).status, 200);
}

void TestFaultProxy::refusesNonLoopbackUpstreams_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("accepted");

    QTest::addRow("documentation-network") << QStringLiteral("192.0.2.1") << false;
    QTest::addRow("private-network") << QStringLiteral("10.0.0.1") << false;
    QTest::addRow("any-address") << QStringLiteral("0.0.0.0") << false;
    QTest::addRow("ipv6-documentation") << QStringLiteral("2001:db8::1") << false;
    QTest::addRow("host-name") << QStringLiteral("example.com") << false;
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("ipv4-loopback") << QStringLiteral("127.0.0.1") << true;
    QTest::addRow("other-ipv4-loopback") << QStringLiteral("127.0.0.2") << true;
    QTest::addRow("localhost") << QStringLiteral("localhost") << true;
    QTest::addRow("ipv6-loopback") << QStringLiteral("::1") << true;
}

void TestFaultProxy::refusesNonLoopbackUpstreams()
{
    QFETCH(QString, host);
    QFETCH(bool, accepted);

    FaultProxy proxy(host, 8080);
    QCOMPARE(proxy.start(), accepted);
    QCOMPARE(proxy.isRunning(), accepted);
    if (!accepted)
        QVERIFY(proxy.errorString().contains(QLatin1String("loopback")));
}

void TestFaultProxy::servesWhileTheTestThreadIsBlocked()
{
    // No event loop runs on this thread until the exchange is over: the proxy must not need one.
    m_proxy->setLatency(50);
    const QByteArray response = blockingExchange(m_proxy->port(), rawRequest());
    QVERIFY2(response.startsWith("HTTP/1.1 200"), response.left(200).constData());
    QVERIFY(response.contains("\"_embedded\""));
}

void TestFaultProxy::destructionClosesEverything()
{
    m_proxy->stall();
    QTcpSocket socket;
    QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_proxy->port());
    QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
    socket.write(rawRequest());
    QTRY_COMPARE(m_proxy->activeConnections(), 1);

    const quint16 port = m_proxy->port();
    m_proxy.reset();
    QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);

    QTcpSocket late;
    QSignalSpy failed(&late, &QTcpSocket::errorOccurred);
    late.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(failed.wait(5000));
    QCOMPARE(late.error(), QAbstractSocket::ConnectionRefusedError);
}

QTEST_GUILESS_MAIN(TestFaultProxy)
#include "tst_faultproxy.moc"
