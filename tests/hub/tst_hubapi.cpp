#include "hub/api.h"
#include "hub/http.h"
#include "hub/readiness.h"
#include "tunescoutversion.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace
{

class FakeReadiness : public hub::ReadinessProbe
{
public:
    hub::Readiness check() override
    {
        ++calls;
        return next;
    }

    hub::Readiness next{true, QString(), 3};
    int calls = 0;
};

hub::HttpRequest request(const char *method, const char *path, const QByteArray &body = {})
{
    return hub::HttpRequest{QByteArray(method), QByteArray(path), body};
}

QJsonObject bodyOf(const hub::HttpResponse &response)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &error);
    return error.error == QJsonParseError::NoError ? document.object() : QJsonObject();
}

QByteArray header(const hub::HttpResponse &response, const QByteArray &name)
{
    for (const auto &[key, value] : response.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

} // namespace

class TestHubApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void healthzReportsTheVersion_data();
    void healthzReportsTheVersion();
    void readyzWhenReady();
    void readyzWhenNotReady();
    void unknownPathIsNotFound_data();
    void unknownPathIsNotFound();
    void wrongMethodIsNotAllowed_data();
    void wrongMethodIsNotAllowed();
    void httpErrorBecomesProblemJson();
    void statusTitles();
};

void TestHubApi::healthzReportsTheVersion_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addRow("GET") << QByteArray("GET");
    QTest::addRow("HEAD") << QByteArray("HEAD");
}

void TestHubApi::healthzReportsTheVersion()
{
    QFETCH(QByteArray, method);
    FakeReadiness readiness;
    const hub::Api api(readiness);
    const hub::HttpResponse response = api.handle(request(method.constData(), "/healthz"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.contentType, QByteArray("application/json"));
    QCOMPARE(bodyOf(response),
             (QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                          {QStringLiteral("version"), QStringLiteral(TUNESCOUT_VERSION)}}));
    QCOMPARE(header(response, "Cache-Control"), QByteArray("no-store"));
    QCOMPARE(response.route, QByteArray("GET /healthz"));
    // Liveness never touches the database.
    QCOMPARE(readiness.calls, 0);
}

void TestHubApi::readyzWhenReady()
{
    FakeReadiness readiness;
    const hub::Api api(readiness);
    const hub::HttpResponse response = api.handle(request("GET", "/readyz"));
    QCOMPARE(response.status, 200);
    QCOMPARE(bodyOf(response),
             (QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")}, {QStringLiteral("schema_version"), 3}}));
    QCOMPARE(readiness.calls, 1);
}

void TestHubApi::readyzWhenNotReady()
{
    FakeReadiness readiness;
    readiness.next = {false, QStringLiteral("the database is unreachable"), -1};
    const hub::Api api(readiness);
    const hub::HttpResponse response = api.handle(request("GET", "/readyz"));
    QCOMPARE(response.status, 503);
    QCOMPARE(response.contentType, QByteArray("application/json"));
    QCOMPARE(bodyOf(response),
             (QJsonObject{{QStringLiteral("status"), QStringLiteral("unavailable")},
                          {QStringLiteral("reason"), QStringLiteral("the database is unreachable")}}));
}

void TestHubApi::unknownPathIsNotFound_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addRow("GET /") << QByteArray("GET") << QByteArray("/");
    QTest::addRow("GET /healthz/") << QByteArray("GET") << QByteArray("/healthz/");
    QTest::addRow("GET /HEALTHZ") << QByteArray("GET") << QByteArray("/HEALTHZ");
    QTest::addRow("POST /v1/events") << QByteArray("POST") << QByteArray("/v1/events");
}

void TestHubApi::unknownPathIsNotFound()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    FakeReadiness readiness;
    const hub::Api api(readiness);
    const hub::HttpResponse response = api.handle(request(method.constData(), path.constData(), "{}"));
    QCOMPARE(response.status, 404);
    QCOMPARE(response.contentType, QByteArray("application/problem+json"));
    const QJsonObject body = bodyOf(response);
    QCOMPARE(body.value(QStringLiteral("status")).toInt(), 404);
    QCOMPARE(body.value(QStringLiteral("title")).toString(), QStringLiteral("Not Found"));
    QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("about:blank"));
    QVERIFY(!body.value(QStringLiteral("detail")).toString().isEmpty());
    // The raw path of an unknown route stays out of the logs.
    QVERIFY(!response.route.contains(path));
}

void TestHubApi::wrongMethodIsNotAllowed_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addRow("POST /healthz") << QByteArray("POST") << QByteArray("/healthz");
    QTest::addRow("DELETE /readyz") << QByteArray("DELETE") << QByteArray("/readyz");
    QTest::addRow("OPTIONS /healthz") << QByteArray("OPTIONS") << QByteArray("/healthz");
}

void TestHubApi::wrongMethodIsNotAllowed()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    FakeReadiness readiness;
    const hub::Api api(readiness);
    const hub::HttpResponse response = api.handle(request(method.constData(), path.constData()));
    QCOMPARE(response.status, 405);
    QCOMPARE(response.contentType, QByteArray("application/problem+json"));
    QCOMPARE(header(response, "Allow"), QByteArray("GET, HEAD"));
    QCOMPARE(bodyOf(response).value(QStringLiteral("title")).toString(), QStringLiteral("Method Not Allowed"));
    QCOMPARE(readiness.calls, 0);
}

void TestHubApi::httpErrorBecomesProblemJson()
{
    const hub::HttpError error(409, QStringLiteral("Already paired."), {{QByteArray("Retry-After"), QByteArray("5")}});
    QCOMPARE(QByteArray(error.what()), QByteArray("409 Already paired."));
    const hub::HttpResponse response = error.toResponse();
    QCOMPARE(response.status, 409);
    QCOMPARE(response.contentType, QByteArray("application/problem+json"));
    QCOMPARE(header(response, "Retry-After"), QByteArray("5"));
    QCOMPARE(bodyOf(response).value(QStringLiteral("detail")).toString(), QStringLiteral("Already paired."));
}

void TestHubApi::statusTitles()
{
    QCOMPARE(hub::httpStatusTitle(413), QStringLiteral("Content Too Large"));
    QCOMPARE(hub::httpStatusTitle(503), QStringLiteral("Service Unavailable"));
    QCOMPARE(hub::httpStatusTitle(418), QStringLiteral("Client Error"));
    QCOMPARE(hub::httpStatusTitle(599), QStringLiteral("Server Error"));
}

QTEST_GUILESS_MAIN(TestHubApi)
#include "tst_hubapi.moc"
