// The real tunescout-hub over loopback under load. HB-11/T21: SIGTERM with 50 batch uploads in flight; every
// one finishes or fails in a way the client retries, the hub exits 0 within 8 s, and after the retries the rows
// are exactly the sent ones.

#include "hub/database.h"
#include "hub/store.h"
#include "hub/tokens.h"
#include "tests/hub/hubtestsupport.h"
#include "tests/support/testenv.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>

#include <memory>
#include <vector>

#include <signal.h>

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

// tunescout-hub serve on a free port of 127.0.0.1, with extra options; healthy when it returns true.
bool startHub(QProcess &hub, quint16 port, const QString &databaseUrl, const QStringList &options)
{
    hub.setProcessEnvironment(hubtest::hubEnvironment());
    hub.start(hubtest::hubBinary(),
              QStringList{QStringLiteral("serve"),
                          QStringLiteral("--database-url"),
                          databaseUrl,
                          QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:%1").arg(port)}
                  + options);
    bool healthy = false;
    const bool settled = QTest::qWaitFor(
        [&] {
            healthy = rawGet(port, "/healthz").status == 200;
            return healthy || hub.state() == QProcess::NotRunning;
        },
        20000);
    return settled && healthy;
}

// A sync request on a connection of its own, written in full; the answer is read by finishUpload.
std::unique_ptr<QTcpSocket> startUpload(quint16 port, const QByteArray &token, const QByteArray &body)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket->waitForConnected(5000)) {
        return socket;
    }
    socket->write("POST /api/v1/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                  "Content-Type: application/json\r\nAuthorization: Bearer "
                  + token + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    while (socket->bytesToWrite() > 0 && socket->waitForBytesWritten(5000)) { }
    return socket;
}

// The status and JSON body of the answer; status 0 when the connection closed without one.
std::pair<int, QJsonObject> finishUpload(QTcpSocket &socket)
{
    QByteArray received;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(15000)) {
        received += socket.readAll();
    }
    received += socket.readAll();
    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        return {0, {}};
    }
    const QList<QByteArray> statusLine = received.left(received.indexOf("\r\n")).split(' ');
    return {statusLine.size() >= 2 ? statusLine.at(1).toInt() : 0,
            QJsonDocument::fromJson(received.mid(headEnd + 4)).object()};
}

QByteArray syncBody(const QList<QJsonObject> &items)
{
    QJsonArray array;
    for (const QJsonObject &item : items) {
        array.append(item);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("items"), array}}).toJson(QJsonDocument::Compact);
}

} // namespace

class TestHubLoad : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void t21_sigtermWithUploadsInFlight();
};

void TestHubLoad::t21_sigtermWithUploadsInFlight()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL (TUNESCOUT_TEST_PG_URL)");
    hubtest::ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    // Fewer workers than uploads, so that some wait in the queue when the signal comes; 50 requests at once
    // from one device are within this burst.
    const QStringList options{QStringLiteral("--threads"),
                              QStringLiteral("8"),
                              QStringLiteral("--token-burst"),
                              QStringLiteral("200")};
    QProcess hub;
    quint16 port = hubtest::freePort();
    QVERIFY2(startHub(hub, port, database.url(), options), hub.readAllStandardError().constData());

    // A device, paired through the Store on the schema the hub just migrated.
    const QByteArray token = hub::newDeviceToken();
    {
        hub::Database pool(hub::ConnectionString(database.url()), 1, &hub::Store::prepare);
        hub::Store store(pool);
        const qint64 household = store.createHousehold(QStringLiteral("Home")).id;
        const QByteArray code = hub::sha256Hex("ABCDEFGHJK");
        store.createInvite(household, code, 10);
        QCOMPARE(store.pair(code, QStringLiteral("Alex"), QStringLiteral("laptop"), hub::sha256Hex(token)).failure,
                 hub::PairFailure::None);
    }

    constexpr int uploads = 50;
    constexpr int perBatch = 500;
    QList<QList<QJsonObject>> outboxes;
    for (int upload = 0; upload < uploads; ++upload) {
        QList<QJsonObject> items;
        for (int i = 0; i < perBatch; ++i) {
            const qint64 playedAtMs = 1700000000000 + (qint64(upload) * perBatch + i) * 1000;
            items.append(QJsonObject{{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                                     {QStringLiteral("kind"), QStringLiteral("play")},
                                     {QStringLiteral("payload"),
                                      QJsonObject{{QStringLiteral("track_name"), QStringLiteral("Song %1").arg(i)},
                                                  {QStringLiteral("played_at_ms"), playedAtMs}}}});
        }
        outboxes.append(items);
    }

    std::vector<std::unique_ptr<QTcpSocket>> inFlight;
    for (const QList<QJsonObject> &outbox : std::as_const(outboxes)) {
        inFlight.push_back(startUpload(port, token, syncBody(outbox)));
    }
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(::kill(pid_t(hub.processId()), SIGTERM), 0);

    // Each upload is answered (200 with every item acknowledged, or 503 to retry) or its connection closes
    // unanswered, which the client retries as well (sync is idempotent).
    int answered = 0;
    int retriable = 0;
    for (int upload = 0; upload < uploads; ++upload) {
        const auto [status, json] = finishUpload(*inFlight.at(size_t(upload)));
        if (status == 200) {
            ++answered;
            QSet<QString> acknowledged;
            for (const QJsonValue &result : json.value(QStringLiteral("results")).toArray()) {
                const QString outcome = result.toObject().value(QStringLiteral("status")).toString();
                QVERIFY2(outcome == QLatin1String("created") || outcome == QLatin1String("duplicate"),
                         qPrintable(outcome));
                acknowledged.insert(result.toObject().value(QStringLiteral("id")).toString());
            }
            outboxes[upload].removeIf([&acknowledged](const QJsonObject &item) {
                return acknowledged.contains(item.value(QStringLiteral("id")).toString());
            });
            QVERIFY(outboxes.at(upload).isEmpty());
        } else {
            QVERIFY2(status == 0 || status == 503, qPrintable(QString::number(status)));
            ++retriable;
        }
    }
    QVERIFY2(hub.waitForFinished(10000), "the hub did not stop");
    const qint64 stopMs = timer.elapsed();
    QString standardError = QString::fromLocal8Bit(hub.readAllStandardError());
    QVERIFY2(stopMs <= 8000, qPrintable(QString::number(stopMs)));
    QCOMPARE(hub.exitStatus(), QProcess::NormalExit);
    QCOMPARE(hub.exitCode(), 0);
    QVERIFY2(standardError.contains(QStringLiteral("Stopped.")), qPrintable(standardError));
    qInfo("SIGTERM with %d uploads in flight: %d answered, %d to retry; stopped after %lld ms",
          uploads,
          answered,
          retriable,
          stopMs);

    // The clients retry against the restarted hub until everything is acknowledged.
    QProcess restarted;
    port = hubtest::freePort();
    QVERIFY2(startHub(restarted, port, database.url(), options), restarted.readAllStandardError().constData());
    for (int upload = 0; upload < uploads; ++upload) {
        if (outboxes.at(upload).isEmpty()) {
            continue;
        }
        const std::unique_ptr<QTcpSocket> retry = startUpload(port, token, syncBody(outboxes.at(upload)));
        const auto [status, json] = finishUpload(*retry);
        QCOMPARE(status, 200);
        QCOMPARE(json.value(QStringLiteral("created")).toInt() + json.value(QStringLiteral("duplicate")).toInt(),
                 perBatch);
    }
    QCOMPARE(database.scalar("SELECT count(*) FROM plays"), qint64(uploads) * perBatch);
    QCOMPARE(database.scalar("SELECT count(DISTINCT client_id) FROM plays"), qint64(uploads) * perBatch);
    restarted.terminate();
    QVERIFY(restarted.waitForFinished(10000));
    QCOMPARE(restarted.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestHubLoad)
#include "tst_hubload.moc"
