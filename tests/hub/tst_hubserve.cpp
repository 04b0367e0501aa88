#include "tests/hub/hubtestsupport.h"
#include "tests/support/faultproxy/faultproxy.h"
#include "tests/support/testenv.h"
#include "tunescoutversion.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QUuid>

#include <memory>

#include <pqxx/transaction>
#include <signal.h>

using hubtest::ScratchDatabase;

namespace
{

struct Reply {
    int status = 0; // 0: no HTTP response at all
    QByteArray contentType;
    QByteArray body;
    QJsonObject json;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

// tunescout-hub serve as a child process, and HTTP to it over loopback.
class HubProcess
{
public:
    explicit HubProcess(const QString &databaseUrl, const QStringList &extraArguments = {})
        : m_port(hubtest::freePort())
        , m_finished(&m_process, &QProcess::finished)
    {
        m_network.setProxy(QNetworkProxy::NoProxy);
        m_process.setProcessEnvironment(hubtest::hubEnvironment());
        m_process.start(hubtest::hubBinary(),
                        QStringList{QStringLiteral("serve"),
                                    QStringLiteral("--database-url"),
                                    databaseUrl,
                                    QStringLiteral("--listen"),
                                    QStringLiteral("127.0.0.1:%1").arg(m_port),
                                    QStringLiteral("--threads"),
                                    QStringLiteral("4")}
                            + extraArguments);
    }

    ~HubProcess()
    {
        if (isRunning()) {
            m_process.kill();
            m_finished.wait(5000);
        }
    }

    quint16 port() const
    {
        return m_port;
    }

    QProcess &process()
    {
        return m_process;
    }

    // Starting counts: QProcess::start() returns before the child runs.
    bool isRunning() const
    {
        return m_process.state() != QProcess::NotRunning;
    }

    bool waitForExit(int timeoutMs = 20000)
    {
        return !m_finished.isEmpty() || m_finished.wait(timeoutMs);
    }

    QString standardError()
    {
        m_standardError += QString::fromLocal8Bit(m_process.readAllStandardError());
        return m_standardError;
    }

    // Closes the kept-alive connections to the hub.
    void disconnect()
    {
        m_network.clearConnectionCache();
    }

    Reply get(const char *path)
    {
        return finish(m_network.get(request(path)));
    }

    Reply send(const char *method, const char *path, const QByteArray &body)
    {
        return finish(m_network.sendCustomRequest(request(path), method, body));
    }

    // A JSON request, with a device token when one is given.
    // port: another way to the hub (a fault proxy in front of it); 0 for the hub itself.
    Reply sendJson(const char *method,
                   const char *path,
                   const QByteArray &body,
                   const QByteArray &token = {},
                   quint16 port = 0)
    {
        QNetworkRequest jsonRequest = request(path);
        if (port != 0) {
            QUrl url = jsonRequest.url();
            url.setPort(port);
            jsonRequest.setUrl(url);
        }
        jsonRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!token.isEmpty()) {
            jsonRequest.setRawHeader("Authorization", "Bearer " + token);
        }
        return finish(m_network.sendCustomRequest(jsonRequest, method, body));
    }

private:
    QNetworkRequest request(const char *path) const
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(QLatin1String(path))));
        request.setTransferTimeout(10000);
        return request;
    }

    static Reply finish(QNetworkReply *networkReply)
    {
        const std::unique_ptr<QNetworkReply> owner(networkReply);
        QSignalSpy finished(networkReply, &QNetworkReply::finished);
        if (!networkReply->isFinished() && !finished.wait(15000)) {
            return {};
        }
        Reply reply;
        reply.status = networkReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply.contentType = networkReply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        reply.body = networkReply->readAll();
        reply.json = QJsonDocument::fromJson(reply.body).object();
        reply.error = networkReply->error();
        return reply;
    }

    quint16 m_port;
    QProcess m_process;
    QSignalSpy m_finished;
    QNetworkAccessManager m_network;
    QString m_standardError;
};

const QString secret = QStringLiteral("hub-test-secret-7f3a");

} // namespace

// Polls /healthz until it answers 200; fails at once if the hub exits instead.
#define VERIFY_HUB_HEALTHY(hub)                                                                                        \
    do {                                                                                                               \
        QTRY_VERIFY_WITH_TIMEOUT(!(hub).isRunning() || (hub).get("/healthz").status == 200, 20000);                    \
        QVERIFY2((hub).isRunning(), qPrintable((hub).standardError()));                                                \
    } while (false)

class TestHubServe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void healthAndReadiness();
    void unknownPathAndWrongMethod();
    void oversizedBodyIsRejectedQuickly();
    void pairSyncAndRevokeOverHttp();
    void t18_idempotentSyncUnderFaults();
    void stopsCleanlyOnSignal_data();
    void stopsCleanlyOnSignal();
    void readinessFollowsTheDatabase();
    void refusesToStartWithoutItsDatabase();
    void refusesToStartWhenThePortIsTaken();
};

void TestHubServe::init()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
}

void TestHubServe::healthAndReadiness()
{
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    HubProcess hub(database.url());
    VERIFY_HUB_HEALTHY(hub);

    const Reply health = hub.get("/healthz");
    QCOMPARE(health.status, 200);
    QCOMPARE(health.contentType, QByteArray("application/json"));
    QCOMPARE(health.json,
             (QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                          {QStringLiteral("version"), QStringLiteral(TUNESCOUT_VERSION)}}));

    const Reply ready = hub.get("/readyz");
    QCOMPARE(ready.status, 200);
    QCOMPARE(ready.json.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
    QCOMPARE(ready.json.value(QStringLiteral("schema_version")).toInt(), database.schemaVersion());
    QVERIFY(database.schemaVersion() >= 1);
    QVERIFY2(hub.standardError().contains(QStringLiteral("Listening on 127.0.0.1:%1").arg(hub.port())),
             qPrintable(hub.standardError()));
}

void TestHubServe::unknownPathAndWrongMethod()
{
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    HubProcess hub(database.url());
    VERIFY_HUB_HEALTHY(hub);

    const Reply missing = hub.get("/no/such/thing?token=abc");
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.contentType, QByteArray("application/problem+json"));
    QCOMPARE(missing.json.value(QStringLiteral("status")).toInt(), 404);
    QCOMPARE(missing.json.value(QStringLiteral("title")).toString(), QStringLiteral("Not Found"));

    const Reply wrongMethod = hub.send("POST", "/healthz", "{}");
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(wrongMethod.contentType, QByteArray("application/problem+json"));
    QCOMPARE(wrongMethod.json.value(QStringLiteral("title")).toString(), QStringLiteral("Method Not Allowed"));

    const Reply smallBody = hub.send("POST", "/v1/anything", QByteArray(1000, 'x'));
    QCOMPARE(smallBody.status, 404);
}

void TestHubServe::oversizedBodyIsRejectedQuickly()
{
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    HubProcess hub(database.url());
    VERIFY_HUB_HEALTHY(hub);

    QElapsedTimer timer;
    timer.start();
    const Reply tooLarge = hub.send("POST", "/v1/anything", QByteArray(2 * 1024 * 1024, 'x'));
    QCOMPARE(tooLarge.status, 413);
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(tooLarge.contentType, QByteArray("application/problem+json"));
    QCOMPARE(tooLarge.json.value(QStringLiteral("status")).toInt(), 413);

    // The hub is still there for the next request.
    QCOMPARE(hub.get("/healthz").status, 200);
}

void TestHubServe::pairSyncAndRevokeOverHttp()
{
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    HubProcess hub(database.url());
    VERIFY_HUB_HEALTHY(hub);
    const QStringList databaseOption{QStringLiteral("--database-url"), database.url()};
    QCOMPARE(hubtest::runHub(QStringList{QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("Home")}
                             + databaseOption)
                 .exitCode,
             0);
    const hubtest::HubRun invite =
        hubtest::runHub(QStringList{QStringLiteral("invite"), QStringLiteral("Home")} + databaseOption);
    QCOMPARE(invite.exitCode, 0);
    const QString code = invite.standardOutput.section(QStringLiteral(": "), 1, 1).section(QLatin1Char('\n'), 0, 0);

    const Reply paired =
        hub.sendJson("POST",
                     "/api/v1/pair",
                     "{\"code\":\"" + code.toLatin1() + "\",\"display_name\":\"Alex\",\"device_label\":\"laptop\"}");
    QCOMPARE(paired.status, 201);
    QCOMPARE(paired.contentType, QByteArray("application/json"));
    const QByteArray token = paired.json.value(QStringLiteral("token")).toString().toLatin1();
    QCOMPARE(token.size(), 47);

    const QByteArray batch = "{\"items\":[{\"id\":\"0b6c1f3e-8f0a-4c35-9a51-3f1f7e1d2c10\",\"kind\":\"play\","
                             "\"payload\":{\"track_name\":\"A\",\"played_at_ms\":1700000000000}}]}";
    const Reply synced = hub.sendJson("POST", "/api/v1/sync", batch, token);
    QCOMPARE(synced.status, 200);
    QCOMPARE(synced.json.value(QStringLiteral("created")).toInt(), 1);
    QCOMPARE(hub.sendJson("POST", "/api/v1/sync", batch, token).json.value(QStringLiteral("duplicate")).toInt(), 1);

    // Over the body limit: refused before the body is read, whatever the route.
    QElapsedTimer timer;
    timer.start();
    const Reply tooLarge = hub.sendJson("POST", "/api/v1/sync", QByteArray(2 * 1024 * 1024, ' '), token);
    QCOMPARE(tooLarge.status, 413);
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(tooLarge.contentType, QByteArray("application/problem+json"));

    // Revoked by the admin while the hub runs: the next request is refused.
    QCOMPARE(hubtest::runHub(QStringList{QStringLiteral("device"), QStringLiteral("revoke"), QStringLiteral("1")}
                             + databaseOption)
                 .exitCode,
             0);
    const Reply revoked = hub.sendJson("POST", "/api/v1/sync", batch, token);
    QCOMPARE(revoked.status, 401);
    QCOMPARE(revoked.json.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_token"));

    const Reply document = hub.get("/api/v1/openapi.yaml");
    QCOMPARE(document.status, 200);
    QVERIFY(document.body.contains("/api/v1/sync:"));
    const Reply metrics = hub.get("/metrics");
    QVERIFY2(metrics.body.contains("tunescout_hub_http_requests_total{route=\"POST /api/v1/sync\",status=\"401\"} 1\n"),
             metrics.body.constData());
    // Tokens and codes never reach the log.
    QVERIFY(!hub.standardError().contains(QString::fromLatin1(token)));
    QVERIFY(!hub.standardError().contains(code));
}

void TestHubServe::t18_idempotentSyncUnderFaults()
{
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    HubProcess hub(database.url());
    VERIFY_HUB_HEALTHY(hub);
    const QStringList databaseOption{QStringLiteral("--database-url"), database.url()};
    QCOMPARE(hubtest::runHub(QStringList{QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("Home")}
                             + databaseOption)
                 .exitCode,
             0);
    const hubtest::HubRun invite =
        hubtest::runHub(QStringList{QStringLiteral("invite"), QStringLiteral("1")} + databaseOption);
    const QString code = invite.standardOutput.section(QStringLiteral(": "), 1, 1).section(QLatin1Char('\n'), 0, 0);
    const Reply paired =
        hub.sendJson("POST",
                     "/api/v1/pair",
                     "{\"code\":\"" + code.toLatin1() + "\",\"display_name\":\"Alex\",\"device_label\":\"laptop\"}");
    QCOMPARE(paired.status, 201);
    const QByteArray token = paired.json.value(QStringLiteral("token")).toString().toLatin1();

    // RELIABILITY T18: 30% of the answers reset, 200 ms ± 100 of latency; the client sends its outbox in
    // batches of 500 and deletes only what the hub acknowledged, until nothing is left.
    testsupport::FaultProxy proxy(QStringLiteral("127.0.0.1"), hub.port(), 18);
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    // After the first bytes of the answer, so the client cannot quietly resend (Qt does, for a connection that
    // closes before any answer).
    proxy.setResetPeer(0.3, 64);
    proxy.setLatency(200, 100);
    constexpr int events = 5000;
    QList<QJsonObject> outbox;
    for (int i = 0; i < events; ++i) {
        outbox.append(QJsonObject{{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                                  {QStringLiteral("kind"), QStringLiteral("play")},
                                  {QStringLiteral("payload"),
                                   QJsonObject{{QStringLiteral("track_name"), QStringLiteral("Song %1").arg(i)},
                                               {QStringLiteral("played_at_ms"), qint64(1700000000000) + i * 1000}}}});
    }
    const QList<QJsonObject> sent = outbox;
    int attempts = 0;
    int failures = 0;
    while (!outbox.isEmpty() && attempts < 200) {
        ++attempts;
        QJsonArray batch;
        for (qsizetype i = 0; i < qMin<qsizetype>(500, outbox.size()); ++i) {
            batch.append(outbox.at(i));
        }
        const Reply reply = hub.sendJson("POST",
                                         "/api/v1/sync",
                                         QJsonDocument(QJsonObject{{QStringLiteral("items"), batch}}).toJson(),
                                         token,
                                         proxy.port());
        if (reply.status != 200) {
            ++failures;
            continue;
        }
        QSet<QString> acknowledged;
        for (const QJsonValue &result : reply.json.value(QStringLiteral("results")).toArray()) {
            const QString status = result.toObject().value(QStringLiteral("status")).toString();
            QVERIFY2(status == QLatin1String("created") || status == QLatin1String("duplicate"), qPrintable(status));
            acknowledged.insert(result.toObject().value(QStringLiteral("id")).toString());
        }
        outbox.removeIf([&acknowledged](const QJsonObject &item) {
            return acknowledged.contains(item.value(QStringLiteral("id")).toString());
        });
    }
    QVERIFY2(outbox.isEmpty(),
             qPrintable(QStringLiteral("%1 events left after %2 attempts").arg(outbox.size()).arg(attempts)));
    // The faults struck: answers were lost and their batches came again, sent by this loop after a failure or
    // quietly by Qt's HTTP stack (it resends a request whose connection broke before it read the answer, POST
    // too), and the hub answered the items it already had as duplicates.
    const QByteArray metrics = hub.get("/metrics").body;
    const QByteArray duplicateLine = "tunescout_hub_sync_items_total{outcome=\"duplicate\"} ";
    const qsizetype at = metrics.indexOf(duplicateLine);
    QVERIFY2(at >= 0, metrics.constData());
    const qint64 duplicates =
        metrics.mid(at + duplicateLine.size(), metrics.indexOf('\n', at) - at - duplicateLine.size()).toLongLong();
    QVERIFY2(proxy.resetsInjected() > 0 && duplicates > 0,
             qPrintable(QStringLiteral("the faults never struck: %1 attempts, %2 failed, %3 resets, %4 duplicates")
                            .arg(attempts)
                            .arg(failures)
                            .arg(proxy.resetsInjected())
                            .arg(duplicates)));
    QCOMPARE(database.scalar("SELECT count(*) FROM plays"), events);
    QCOMPARE(database.scalar("SELECT count(DISTINCT client_id) FROM plays"), events);

    // The same batch again, directly: every item a duplicate.
    QJsonArray first;
    for (int i = 0; i < 500; ++i) {
        first.append(sent.at(i));
    }
    const Reply again = hub.sendJson("POST",
                                     "/api/v1/sync",
                                     QJsonDocument(QJsonObject{{QStringLiteral("items"), first}}).toJson(),
                                     token);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("duplicate")).toInt(), 500);
    // The same id with an altered payload: conflict, and the stored row is unchanged.
    QJsonObject altered = sent.at(0);
    altered.insert(QStringLiteral("payload"),
                   QJsonObject{{QStringLiteral("track_name"), QStringLiteral("Altered")},
                               {QStringLiteral("played_at_ms"), qint64(1700000000000)}});
    const Reply conflict =
        hub.sendJson("POST",
                     "/api/v1/sync",
                     QJsonDocument(QJsonObject{{QStringLiteral("items"), QJsonArray{altered}}}).toJson(),
                     token);
    QCOMPARE(conflict.json.value(QStringLiteral("conflict")).toInt(), 1);
    QCOMPARE(database.scalar("SELECT count(*) FROM plays WHERE payload->>'track_name' = 'Song 0'"), 1);
    QCOMPARE(database.scalar("SELECT count(*) FROM plays WHERE payload->>'track_name' = 'Altered'"), 0);
    QCOMPARE(database.scalar("SELECT count(*) FROM plays"), events);
}

void TestHubServe::stopsCleanlyOnSignal_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<bool>("keepConnectionOpen");
    QTest::addRow("SIGTERM") << int(SIGTERM) << false;
    QTest::addRow("SIGINT") << int(SIGINT) << false;
    // An idle kept-alive connection holds a worker until its keep-alive timeout (5 s): still within the 8 s
    // that HB-11 allows.
    QTest::addRow("SIGTERM with an idle keep-alive connection") << int(SIGTERM) << true;
}

void TestHubServe::stopsCleanlyOnSignal()
{
    QFETCH(int, signalNumber);
    QFETCH(bool, keepConnectionOpen);
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    HubProcess hub(database.url());
    VERIFY_HUB_HEALTHY(hub);
    if (!keepConnectionOpen) {
        hub.disconnect();
    }

    QElapsedTimer timer;
    timer.start();
    QCOMPARE(::kill(pid_t(hub.process().processId()), signalNumber), 0);
    QVERIFY2(hub.waitForExit(), qPrintable(hub.standardError()));
    QVERIFY2(timer.elapsed() < 8000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(hub.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(hub.process().exitCode(), 0);
    QVERIFY2(hub.standardError().contains(QStringLiteral("Stopped.")), qPrintable(hub.standardError()));
}

void TestHubServe::readinessFollowsTheDatabase()
{
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    const QString url = hubtest::urlForDatabase(testsupport::postgresUrl(), database.name(), secret);
    HubProcess hub(url);
    VERIFY_HUB_HEALTHY(hub);
    QCOMPARE(hub.get("/readyz").status, 200);
    const int latest = database.schemaVersion();

    // Behind on the schema: not ready, and the reason says so.
    {
        pqxx::work transaction(database.connection());
        transaction.exec_params0("DELETE FROM schema_migrations WHERE version = $1", latest);
        transaction.commit();
    }
    const Reply behind = hub.get("/readyz");
    QCOMPARE(behind.status, 503);
    QCOMPARE(behind.contentType, QByteArray("application/json"));
    QCOMPARE(behind.json.value(QStringLiteral("status")).toString(), QStringLiteral("unavailable"));
    QCOMPARE(behind.json.value(QStringLiteral("reason")).toString(),
             QStringLiteral("the database schema is at version %1; this hub needs version %2 (run tunescout-hub "
                            "migrate)")
                 .arg(latest - 1)
                 .arg(latest));
    {
        pqxx::work transaction(database.connection());
        transaction.exec_params0("INSERT INTO schema_migrations (version, name) VALUES ($1, 'restored')", latest);
        transaction.commit();
    }
    QCOMPARE(hub.get("/readyz").status, 200);

    // The database goes away under the hub (its sessions are ended): not ready, alive, and no secrets told.
    database.drop();
    const Reply gone = hub.get("/readyz");
    QCOMPARE(gone.status, 503);
    QCOMPARE(gone.json.value(QStringLiteral("reason")).toString(), QStringLiteral("the database is unreachable"));
    for (const QString &leak : {secret, database.name(), testsupport::postgresUrl()}) {
        QVERIFY2(!QString::fromUtf8(gone.body).contains(leak), gone.body.constData());
    }
    QCOMPARE(hub.get("/healthz").status, 200);
    QVERIFY(hub.isRunning());
    QVERIFY2(!hub.standardError().contains(secret), qPrintable(hub.standardError()));
}

void TestHubServe::refusesToStartWithoutItsDatabase()
{
    // Decision: serve migrates before it listens (HB-14), so with no database it never starts listening and
    // exits 1 instead of answering 503 forever.
    const QString url =
        hubtest::urlForDatabase(testsupport::postgresUrl(), QStringLiteral("tunescout_hubtest_does_not_exist"), secret);
    HubProcess hub(url);
    QVERIFY2(hub.waitForExit(), qPrintable(hub.standardError()));
    QCOMPARE(hub.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(hub.process().exitCode(), 1);
    const QString errors = hub.standardError();
    QVERIFY2(errors.contains(QStringLiteral("tunescout-hub: Cannot connect to the database: ")), qPrintable(errors));
    QVERIFY2(errors.contains(QStringLiteral("tunescout-hub: Not serving: the database is not ready.")),
             qPrintable(errors));
    QVERIFY2(!errors.contains(secret), qPrintable(errors));
    QVERIFY2(!errors.contains(QStringLiteral("Listening on")), qPrintable(errors));
    QCOMPARE(hub.get("/healthz").status, 0);
}

void TestHubServe::refusesToStartWhenThePortIsTaken()
{
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    const quint16 port = squatter.serverPort();

    QProcess process;
    process.setProcessEnvironment(hubtest::hubEnvironment());
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(hubtest::hubBinary(),
                  {QStringLiteral("serve"),
                   QStringLiteral("--database-url"),
                   database.url(),
                   QStringLiteral("--listen"),
                   QStringLiteral("127.0.0.1:%1").arg(port)});
    QVERIFY(finished.wait(20000));
    const QString errors = QString::fromLocal8Bit(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 1);
    QVERIFY2(errors.contains(QStringLiteral("tunescout-hub: Cannot listen on 127.0.0.1:%1: the address is already in "
                                            "use")
                                 .arg(port)),
             qPrintable(errors));
}

QTEST_GUILESS_MAIN(TestHubServe)
#include "tst_hubserve.moc"
