// HB-10 overload shedding through the real tunescout-hub over loopback: with every worker held and the queue
// full, a further connection is answered 503 with Retry-After at once (and closed), and the hub serves
// normally again as soon as the workers are free.

#include "tests/hub/hubtestsupport.h"
#include "tests/support/testenv.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

namespace
{

struct RawReply {
    int status = 0; // 0: no answer
    QByteArray head;
};

// One request on a fresh connection, with blocking sockets (the status line and headers are all it needs).
RawReply rawGet(quint16 port, const QByteArray &path)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000)) {
        return {};
    }
    socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray received;
    while (!received.contains("\r\n\r\n") && socket.waitForReadyRead(5000)) {
        received += socket.readAll();
    }
    RawReply reply;
    reply.head = received.left(received.indexOf("\r\n\r\n"));
    const QList<QByteArray> statusLine = reply.head.split('\n').constFirst().split(' ');
    reply.status = statusLine.size() >= 2 ? statusLine.at(1).toInt() : 0;
    return reply;
}

} // namespace

class TestHubLoad : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void overloadIsShedWith503();
};

void TestHubLoad::overloadIsShedWith503()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL (TUNESCOUT_TEST_PG_URL)");
    hubtest::ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    const quint16 port = hubtest::freePort();
    QProcess hub;
    hub.setProcessEnvironment(hubtest::hubEnvironment());
    // Two workers and one place in the queue; a silent connection holds a worker for the read timeout.
    hub.start(hubtest::hubBinary(),
              {QStringLiteral("serve"),
               QStringLiteral("--database-url"),
               database.url(),
               QStringLiteral("--listen"),
               QStringLiteral("127.0.0.1:%1").arg(port),
               QStringLiteral("--threads"),
               QStringLiteral("2"),
               QStringLiteral("--max-queued"),
               QStringLiteral("1"),
               QStringLiteral("--read-timeout-s"),
               QStringLiteral("60")});
    QTRY_VERIFY_WITH_TIMEOUT(hub.state() == QProcess::NotRunning || rawGet(port, "/healthz").status == 200, 20000);
    QVERIFY2(hub.state() != QProcess::NotRunning, hub.readAllStandardError().constData());

    // Two connections that never send a request hold both workers; a third waits in the queue.
    std::vector<std::unique_ptr<QTcpSocket>> silent;
    for (int i = 0; i < 3; ++i) {
        silent.push_back(std::make_unique<QTcpSocket>());
        silent.back()->connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(silent.back()->waitForConnected(5000));
    }
    // The hub accepts them in order on its own time: once it has, the next connection is shed.
    RawReply shed;
    QTRY_VERIFY_WITH_TIMEOUT((shed = rawGet(port, "/healthz")).status == 503, 10000);
    QElapsedTimer timer;
    timer.start();
    shed = rawGet(port, "/api/v1/me");
    const qint64 shedMs = timer.elapsed();
    QCOMPARE(shed.status, 503);
    QVERIFY2(shed.head.contains("Retry-After: 1"), shed.head.constData());
    QVERIFY2(shed.head.contains("application/problem+json"), shed.head.constData());
    // Generous for a loaded CI machine; HB-10 asks for < 50 ms, which this test prints.
    QVERIFY2(shedMs < 1000, qPrintable(QString::number(shedMs)));
    qInfo("503 answered in %lld ms with every worker busy", shedMs);

    // The workers are freed: served again.
    silent.clear();
    QTRY_COMPARE_WITH_TIMEOUT(rawGet(port, "/healthz").status, 200, 10000);

    hub.terminate();
    QVERIFY(hub.waitForFinished(10000));
    QCOMPARE(hub.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestHubLoad)
#include "tst_hubload.moc"
