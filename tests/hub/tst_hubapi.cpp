#include "hub/api.h"
#include "hub/database.h"
#include "hub/dto.h"
#include "hub/http.h"
#include "hub/ratelimiter.h"
#include "hub/readiness.h"
#include "hub/store.h"
#include "hub/tokens.h"
#include "tunescoutversion.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
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

// The Api with a Store on a database that does not exist: these tests cover what is answered before any
// query, and a request that reached the database would get 503 instead of the status they expect.
struct ApiUnderTest {
    FakeReadiness readiness;
    hub::Database database{hub::ConnectionString(QStringLiteral("host=/nonexistent/tunescout dbname=none")), 1};
    hub::Store store{database};
    hub::Api api{readiness, store};
};

hub::HttpRequest request(const char *method, const char *path, const QByteArray &body = {})
{
    hub::HttpRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    return request;
}

hub::HttpRequest jsonRequest(const char *method, const char *path, const QByteArray &body)
{
    hub::HttpRequest request = ::request(method, path, body);
    request.headers.append({QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")});
    return request;
}

QJsonObject playItem(const QString &id, const QJsonObject &payload)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("kind"), QStringLiteral("play")},
                       {QStringLiteral("payload"), payload}};
}

const QString someUuid = QStringLiteral("0b6c1f3e-8f0a-4c35-9a51-3f1f7e1d2c10");
const QString trackUri = QStringLiteral("spotify:track:4uLU6hMCjMI75M1A2tKUQC");
const qint64 nowMs = 1764000000000; // 2025-11-24

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
    void problemsCarryAMachineCode();
    void everyRouteIsInTheOpenApiDocument();
    void authenticatedRoutesNeedAToken_data();
    void authenticatedRoutesNeedAToken();
    void pairRejectsBadBodies_data();
    void pairRejectsBadBodies();
    void syncBatchShape_data();
    void syncBatchShape();
    void syncItemValidation_data();
    void syncItemValidation();
    void validItemsKeepTheirColumns();
    void payloadHashIsCanonical();
    void deviceTokensAndInviteCodes();
    void metricsCountRequestsByRoute();
    void pairingIsRateLimitedPerAddress();
    void pairingLimitsAreConfigurable();
    void routesWithoutTokenAreRateLimitedPerAddress();
    void rateLimiterWindows();
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
    ApiUnderTest under;
    const FakeReadiness &readiness = under.readiness;
    const hub::Api &api = under.api;
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
    ApiUnderTest under;
    const FakeReadiness &readiness = under.readiness;
    const hub::Api &api = under.api;
    const hub::HttpResponse response = api.handle(request("GET", "/readyz"));
    QCOMPARE(response.status, 200);
    QCOMPARE(bodyOf(response),
             (QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")}, {QStringLiteral("schema_version"), 3}}));
    QCOMPARE(readiness.calls, 1);
}

void TestHubApi::readyzWhenNotReady()
{
    ApiUnderTest under;
    FakeReadiness &readiness = under.readiness;
    readiness.next = {false, QStringLiteral("the database is unreachable"), -1};
    const hub::Api &api = under.api;
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
    ApiUnderTest under;
    const hub::Api &api = under.api;
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
    ApiUnderTest under;
    const FakeReadiness &readiness = under.readiness;
    const hub::Api &api = under.api;
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

void TestHubApi::problemsCarryAMachineCode()
{
    ApiUnderTest under;
    const QJsonObject notFound = bodyOf(under.api.handle(request("GET", "/nowhere")));
    QCOMPARE(notFound.value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
    const hub::HttpResponse specific =
        hub::HttpError(403, QByteArrayLiteral("invite_used"), QStringLiteral("Used.")).toResponse();
    QCOMPARE(bodyOf(specific).value(QStringLiteral("code")).toString(), QStringLiteral("invite_used"));
    QCOMPARE(bodyOf(specific).value(QStringLiteral("title")).toString(), QStringLiteral("Forbidden"));
}

void TestHubApi::everyRouteIsInTheOpenApiDocument()
{
    ApiUnderTest under;
    const hub::HttpResponse response = under.api.handle(request("GET", "/api/v1/openapi.yaml"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.contentType, QByteArray("application/yaml"));
    QVERIFY(response.body.startsWith("openapi: 3."));

    // The operations under "paths:": a path at two spaces of indentation, its methods at four.
    QSet<QByteArray> documented;
    QByteArray currentPath;
    bool inPaths = false;
    static const QRegularExpression pathLine(QStringLiteral("^  (/\\S*):\\s*$"));
    static const QRegularExpression methodLine(QStringLiteral("^    (get|put|post|delete|patch|head|options):"));
    for (const QByteArray &line : response.body.split('\n')) {
        if (line == "paths:") {
            inPaths = true;
            continue;
        }
        if (!inPaths || line.isEmpty()) {
            continue;
        }
        if (!line.startsWith(' ')) {
            inPaths = false;
            continue;
        }
        const QString text = QString::fromUtf8(line);
        if (const QRegularExpressionMatch path = pathLine.match(text); path.hasMatch()) {
            currentPath = path.captured(1).toUtf8();
        } else if (const QRegularExpressionMatch method = methodLine.match(text); method.hasMatch()) {
            documented.insert(method.captured(1).toUpper().toUtf8() + ' ' + currentPath);
        }
    }
    const QList<QByteArray> routes = under.api.routeNames();
    QVERIFY(routes.size() >= 10);
    for (const QByteArray &route : routes) {
        QVERIFY2(documented.contains(route), route.constData());
    }
    // Nor does the document describe routes that do not exist.
    QCOMPARE(documented.size(), routes.size());
}

void TestHubApi::authenticatedRoutesNeedAToken_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QString>("code");
    const QList<std::pair<QByteArray, QByteArray>> routes{{"POST", "/api/v1/sync"},
                                                          {"GET", "/api/v1/me"},
                                                          {"DELETE", "/api/v1/me"},
                                                          {"GET", "/api/v1/me/export"},
                                                          {"GET", "/api/v1/households/1/members"}};
    for (const auto &[method, path] : routes) {
        const QByteArray name = method + ' ' + path;
        QTest::addRow("%s without a token", name.constData())
            << method << path << QByteArray() << QStringLiteral("missing_token");
        QTest::addRow("%s with garbage", name.constData())
            << method << path << QByteArray("Bearer abc") << QStringLiteral("invalid_token");
        QTest::addRow("%s with Basic", name.constData())
            << method << path << QByteArray("Basic dXNlcjpwYXNz") << QStringLiteral("invalid_token");
        QTest::addRow("%s with a token that is too long", name.constData())
            << method << path << (QByteArray("Bearer ") + hub::newDeviceToken() + 'x')
            << QStringLiteral("invalid_token");
    }
}

void TestHubApi::authenticatedRoutesNeedAToken()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, authorization);
    QFETCH(QString, code);
    ApiUnderTest under;
    hub::HttpRequest call = jsonRequest(method.constData(), path.constData(), "{\"items\":[]}");
    if (!authorization.isEmpty()) {
        call.headers.append({QByteArrayLiteral("authorization"), authorization});
    }
    const hub::HttpResponse response = under.api.handle(call);
    QCOMPARE(response.status, 401);
    QCOMPARE(response.contentType, QByteArray("application/problem+json"));
    QCOMPARE(bodyOf(response).value(QStringLiteral("code")).toString(), code);
    QVERIFY(header(response, "WWW-Authenticate").startsWith("Bearer "));
}

void TestHubApi::pairRejectsBadBodies_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("detail");
    const QByteArray json("application/json");
    QTest::addRow("no content type") << QByteArray() << QByteArray("{}") << 415
                                     << QStringLiteral("unsupported_media_type")
                                     << QStringLiteral("Content-Type: application/json");
    QTest::addRow("form content type") << QByteArray("application/x-www-form-urlencoded") << QByteArray("code=1") << 415
                                       << QStringLiteral("unsupported_media_type") << QString();
    QTest::addRow("malformed JSON") << json << QByteArray("{\"code\": ") << 400 << QStringLiteral("malformed_json")
                                    << QStringLiteral("at byte 9");
    QTest::addRow("not an object") << json << QByteArray("[1]") << 400 << QStringLiteral("malformed_json")
                                   << QStringLiteral("must be a JSON object");
    QTest::addRow("invalid UTF-8") << json << QByteArray("{\"code\":\"\xff\xfe\"}") << 400
                                   << QStringLiteral("malformed_json") << QString();
    QTest::addRow("100000 levels deep") << json << (QByteArray(100000, '[') + QByteArray(100000, ']')) << 400
                                        << QStringLiteral("json_too_deep") << QStringLiteral("deeper than 16 levels");
    QTest::addRow("17 levels deep") << json
                                    << (QByteArray("{\"code\":") + QByteArray(16, '[') + QByteArray(16, ']') + '}')
                                    << 400 << QStringLiteral("json_too_deep") << QStringLiteral("(at byte 23)");
    QTest::addRow("unknown field") << json
                                   << QByteArray(
                                          "{\"code\":\"ABCDE-FGHJK\",\"display_name\":\"A\",\"device_label\":\"B\","
                                          "\"role\":\"admin\"}")
                                   << 400 << QStringLiteral("unknown_field") << QStringLiteral("\"role\"");
    QTest::addRow("no display name") << json << QByteArray("{\"code\":\"ABCDE-FGHJK\",\"device_label\":\"B\"}") << 400
                                     << QStringLiteral("invalid_field") << QStringLiteral("\"display_name\"");
    QTest::addRow("blank device label")
        << json << QByteArray("{\"code\":\"ABCDE-FGHJK\",\"display_name\":\"A\",\"device_label\":\"  \"}") << 400
        << QStringLiteral("invalid_field") << QStringLiteral("\"device_label\"");
    QTest::addRow("number as name") << json
                                    << QByteArray(
                                           "{\"code\":\"ABCDE-FGHJK\",\"display_name\":5,\"device_label\":\"B\"}")
                                    << 400 << QStringLiteral("invalid_field") << QStringLiteral("\"display_name\"");
    QTest::addRow("control character in name")
        << json << QByteArray("{\"code\":\"ABCDE-FGHJK\",\"display_name\":\"A\\u0007\",\"device_label\":\"B\"}") << 400
        << QStringLiteral("invalid_field") << QStringLiteral("control characters");
    QTest::addRow("name too long") << json
                                   << (QByteArray("{\"code\":\"ABCDE-FGHJK\",\"display_name\":\"")
                                       + QByteArray(201, 'a') + "\",\"device_label\":\"B\"}")
                                   << 400 << QStringLiteral("invalid_field") << QStringLiteral("longer than 200");
    QTest::addRow("code with punctuation")
        << json << QByteArray("{\"code\":\"'; DROP TABLE invites;--\",\"display_name\":\"A\",\"device_label\":\"B\"}")
        << 400 << QStringLiteral("invalid_invite") << QStringLiteral("not an invite code");
}

void TestHubApi::pairRejectsBadBodies()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, detail);
    ApiUnderTest under;
    hub::HttpRequest call = request("POST", "/api/v1/pair", body);
    if (!contentType.isEmpty()) {
        call.headers.append({QByteArrayLiteral("content-type"), contentType});
    }
    const hub::HttpResponse response = under.api.handle(call);
    QCOMPARE(response.status, status);
    const QJsonObject problem = bodyOf(response);
    QCOMPARE(problem.value(QStringLiteral("code")).toString(), code);
    QVERIFY2(problem.value(QStringLiteral("detail")).toString().contains(detail),
             qPrintable(problem.value(QStringLiteral("detail")).toString()));
}

void TestHubApi::syncBatchShape_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("detail");
    QJsonArray many;
    for (int i = 0; i < 501; ++i) {
        many.append(QJsonObject());
    }
    QTest::addRow("501 items") << QJsonObject{{QStringLiteral("items"), many}} << 400
                               << QStringLiteral("too_many_items")
                               << QStringLiteral("The batch has 501 items; a batch takes at most 500.");
    QTest::addRow("no items") << QJsonObject() << 400 << QStringLiteral("invalid_field") << QStringLiteral("\"items\"");
    QTest::addRow("items not an array") << QJsonObject{{QStringLiteral("items"), QStringLiteral("all")}} << 400
                                        << QStringLiteral("invalid_field") << QStringLiteral("an array");
    QTest::addRow("unknown top-level field")
        << QJsonObject{{QStringLiteral("items"), QJsonArray()}, {QStringLiteral("member_id"), 2}} << 400
        << QStringLiteral("unknown_field") << QStringLiteral("\"member_id\"");
}

void TestHubApi::syncBatchShape()
{
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, detail);
    try {
        hub::parseSyncBatch(body, nowMs);
        QFAIL("the batch was accepted");
    } catch (const hub::HttpError &error) {
        QCOMPARE(error.status(), status);
        QCOMPARE(QString::fromLatin1(error.code()), code);
        QVERIFY2(error.detail().contains(detail), qPrintable(error.detail()));
    }
}

void TestHubApi::syncItemValidation_data()
{
    QTest::addColumn<QJsonValue>("item");
    QTest::addColumn<QString>("reason");
    const QJsonObject play{{QStringLiteral("track_name"), QStringLiteral("Song")},
                           {QStringLiteral("track_uri"), trackUri},
                           {QStringLiteral("played_at_ms"), nowMs - 1000}};
    const auto withPlay = [&](const QString &key, const QJsonValue &value) {
        QJsonObject changed = play;
        if (value.isUndefined()) {
            changed.remove(key);
        } else {
            changed.insert(key, value);
        }
        return QJsonValue(playItem(someUuid, changed));
    };
    const auto feedback = [](const QJsonObject &payload) {
        return QJsonValue(QJsonObject{{QStringLiteral("id"), someUuid},
                                      {QStringLiteral("kind"), QStringLiteral("feedback")},
                                      {QStringLiteral("payload"), payload}});
    };
    const auto snapshot = [](const QJsonObject &payload) {
        return QJsonValue(QJsonObject{{QStringLiteral("id"), someUuid},
                                      {QStringLiteral("kind"), QStringLiteral("library_snapshot")},
                                      {QStringLiteral("payload"), payload}});
    };
    QTest::addRow("not an object") << QJsonValue(5) << QStringLiteral("Item 0 is not an object.");
    QTest::addRow("no id") << QJsonValue(QJsonObject{{QStringLiteral("kind"), QStringLiteral("play")}})
                           << QStringLiteral("Item 0 needs an \"id\" that is a UUID");
    QTest::addRow("id not a UUID") << QJsonValue(playItem(QStringLiteral("1'; DROP TABLE plays;--"), play))
                                   << QStringLiteral("Item 0 needs an \"id\" that is a UUID");
    QTest::addRow("unknown kind") << QJsonValue(QJsonObject{{QStringLiteral("id"), someUuid},
                                                            {QStringLiteral("kind"), QStringLiteral("rating")},
                                                            {QStringLiteral("payload"), play}})
                                  << QStringLiteral("must be play, feedback or library_snapshot");
    QTest::addRow("unknown item field") << QJsonValue(QJsonObject{{QStringLiteral("id"), someUuid},
                                                                  {QStringLiteral("kind"), QStringLiteral("play")},
                                                                  {QStringLiteral("member_id"), 7},
                                                                  {QStringLiteral("payload"), play}})
                                        << QStringLiteral("item 0 has the unknown field \"member_id\"");
    QTest::addRow("payload not an object") << QJsonValue(QJsonObject{{QStringLiteral("id"), someUuid},
                                                                     {QStringLiteral("kind"), QStringLiteral("play")},
                                                                     {QStringLiteral("payload"), QJsonArray()}})
                                           << QStringLiteral("needs a \"payload\" object");
    QTest::addRow("track URI of an album")
        << withPlay(QStringLiteral("track_uri"), QStringLiteral("spotify:album:4uLU6hMCjMI75M1A2tKUQC"))
        << QStringLiteral("\"track_uri\" in the play is not a Spotify track URI");
    QTest::addRow("track URI too short") << withPlay(QStringLiteral("track_uri"), QStringLiteral("spotify:track:abc"))
                                         << QStringLiteral("not a Spotify track URI");
    QTest::addRow("no track name") << withPlay(QStringLiteral("track_name"), QJsonValue::Undefined)
                                   << QStringLiteral("the play needs the field \"track_name\"");
    QTest::addRow("track name too long") << withPlay(QStringLiteral("track_name"), QString(1025, QLatin1Char('a')))
                                         << QStringLiteral("longer than 1024 bytes");
    QTest::addRow("NUL in track name") << withPlay(QStringLiteral("track_name"),
                                                   QString(QStringLiteral("a") + QChar(0)))
                                       << QStringLiteral("contains a NUL character");
    QTest::addRow("lone surrogate in track name")
        << withPlay(QStringLiteral("track_name"), QString(QStringLiteral("a") + QChar(0xD800)))
        << QStringLiteral("is not valid Unicode");
    QTest::addRow("played_at in the future") << withPlay(QStringLiteral("played_at_ms"), nowMs + 25 * 3600 * 1000LL)
                                             << QStringLiteral("more than 24 hours in the future");
    QTest::addRow("played_at before 2000")
        << withPlay(QStringLiteral("played_at_ms"), 1000) << QStringLiteral("before 2000-01-01");
    QTest::addRow("played_at as text") << withPlay(QStringLiteral("played_at_ms"), QStringLiteral("yesterday"))
                                       << QStringLiteral("must be a whole number");
    QTest::addRow("played_at fractional")
        << withPlay(QStringLiteral("played_at_ms"), double(nowMs) - 0.5) << QStringLiteral("must be a whole number");
    QTest::addRow("ms_played negative") << withPlay(QStringLiteral("ms_played"), -5)
                                        << QStringLiteral("\"ms_played\" in the play must be from 0 to 86400000");
    QTest::addRow("unknown payload field")
        << withPlay(QStringLiteral("rating"), 5) << QStringLiteral("the play has the unknown field \"rating\"");
    QTest::addRow("artist without name") << withPlay(QStringLiteral("artists"), QJsonArray{QJsonObject{}})
                                         << QStringLiteral("an artist of the play needs the field \"name\"");
    QTest::addRow("context type unknown") << withPlay(QStringLiteral("context_type"), QStringLiteral("radio"))
                                          << QStringLiteral("\"context_type\" in the play must be");
    QTest::addRow("feedback kind unknown")
        << feedback({{QStringLiteral("kind"), QStringLiteral("love")},
                     {QStringLiteral("uri"), trackUri},
                     {QStringLiteral("created_at_ms"), nowMs}})
        << QStringLiteral("\"kind\" in the feedback must be like, unlike, hide_track, hide_artist or not_now.");
    QTest::addRow("hide_artist of a track") << feedback({{QStringLiteral("kind"), QStringLiteral("hide_artist")},
                                                         {QStringLiteral("uri"), trackUri},
                                                         {QStringLiteral("created_at_ms"), nowMs}})
                                            << QStringLiteral("\"uri\" in the feedback is not a Spotify artist URI");
    QTest::addRow("not_now without expiry") << feedback({{QStringLiteral("kind"), QStringLiteral("not_now")},
                                                         {QStringLiteral("uri"), trackUri},
                                                         {QStringLiteral("created_at_ms"), nowMs}})
                                            << QStringLiteral("the feedback needs the field \"expires_at_ms\"");
    QTest::addRow("like with expiry") << feedback({{QStringLiteral("kind"), QStringLiteral("like")},
                                                   {QStringLiteral("uri"), trackUri},
                                                   {QStringLiteral("created_at_ms"), nowMs},
                                                   {QStringLiteral("expires_at_ms"), nowMs + 1000}})
                                      << QStringLiteral("Only not_now feedback has \"expires_at_ms\".");
    QTest::addRow("snapshot with an album")
        << snapshot(
               {{QStringLiteral("taken_at_ms"), nowMs},
                {QStringLiteral("saved_tracks"), QJsonArray{QStringLiteral("spotify:album:4uLU6hMCjMI75M1A2tKUQC")}}})
        << QStringLiteral("Each of \"saved_tracks\" in the library snapshot must be a Spotify track URI.");
    QTest::addRow("snapshot without time") << snapshot({{QStringLiteral("saved_tracks"), QJsonArray()}})
                                           << QStringLiteral("the library snapshot needs the field \"taken_at_ms\"");
}

void TestHubApi::syncItemValidation()
{
    QFETCH(QJsonValue, item);
    QFETCH(QString, reason);
    const QList<hub::SyncItem> items =
        hub::parseSyncBatch(QJsonObject{{QStringLiteral("items"), QJsonArray{item}}}, nowMs);
    QCOMPARE(items.size(), 1);
    QVERIFY(!items.constFirst().valid);
    QVERIFY2(items.constFirst().invalidReason.contains(reason), qPrintable(items.constFirst().invalidReason));
}

void TestHubApi::validItemsKeepTheirColumns()
{
    const QJsonArray items{
        playItem(someUuid.toUpper(),
                 {{QStringLiteral("track_name"), QString::fromUtf8("Song \xF0\x9F\x8E\xB5 '; DROP TABLE plays;-- $1")},
                  {QStringLiteral("track_uri"), trackUri},
                  {QStringLiteral("played_at_ms"), nowMs - 1000},
                  {QStringLiteral("ms_played"), 61000},
                  {QStringLiteral("artists"),
                   QJsonArray{
                       QJsonObject{{QStringLiteral("name"), QStringLiteral("A")},
                                   {QStringLiteral("uri"), QStringLiteral("spotify:artist:0OdUWJ0sBjDrqHygGUXeCF")}}}},
                  {QStringLiteral("source"), QStringLiteral("polled")}}),
        QJsonObject{{QStringLiteral("id"), someUuid},
                    {QStringLiteral("kind"), QStringLiteral("feedback")},
                    {QStringLiteral("payload"),
                     QJsonObject{{QStringLiteral("kind"), QStringLiteral("not_now")},
                                 {QStringLiteral("uri"), trackUri},
                                 {QStringLiteral("created_at_ms"), nowMs},
                                 {QStringLiteral("expires_at_ms"), nowMs + 86400000}}}},
        QJsonObject{{QStringLiteral("id"), someUuid},
                    {QStringLiteral("kind"), QStringLiteral("library_snapshot")},
                    {QStringLiteral("payload"),
                     QJsonObject{{QStringLiteral("taken_at_ms"), nowMs},
                                 {QStringLiteral("saved_tracks"), QJsonArray{trackUri}}}}},
    };
    const QList<hub::SyncItem> parsed = hub::parseSyncBatch(QJsonObject{{QStringLiteral("items"), items}}, nowMs);
    QCOMPARE(parsed.size(), 3);
    for (const hub::SyncItem &item : parsed) {
        QVERIFY2(item.valid, qPrintable(item.invalidReason));
        QCOMPARE(item.clientId, someUuid);
        QCOMPARE(item.payloadSha256.size(), 64);
    }
    QCOMPARE(parsed.at(0).kind, hub::SyncKind::Play);
    QCOMPARE(parsed.at(0).uri, trackUri);
    QCOMPARE(parsed.at(0).msPlayed, 61000);
    QCOMPARE(parsed.at(0).timeMs, nowMs - 1000);
    QCOMPARE(parsed.at(1).kind, hub::SyncKind::Feedback);
    QCOMPARE(parsed.at(1).feedbackKind, QStringLiteral("not_now"));
    QCOMPARE(parsed.at(2).kind, hub::SyncKind::LibrarySnapshot);
    QCOMPARE(parsed.at(2).timeMs, nowMs);
}

void TestHubApi::payloadHashIsCanonical()
{
    // As the Api parses a sync body: the payloads are rebuilt only when the text holds a U+FEFF.
    const auto parse = [](const QByteArray &json) {
        return hub::parseSyncBatch(QJsonDocument::fromJson(json).object(), nowMs, hub::hasByteOrderMark(json))
            .constFirst();
    };
    const hub::SyncItem first = parse("{\"items\":[{\"id\":\"0b6c1f3e-8f0a-4c35-9a51-3f1f7e1d2c10\",\"kind\":\"play\","
                                      "\"payload\":{\"track_name\":\"A\",\"played_at_ms\":1700000000000}}]}");
    const hub::SyncItem reordered =
        parse("{\"items\":[{\"kind\":\"play\",\"payload\":{ \"played_at_ms\" : 1700000000000 ,"
              " \"track_name\":\"A\"},\"id\":\"0B6C1F3E-8F0A-4C35-9A51-3F1F7E1D2C10\"}]}");
    const hub::SyncItem changed =
        parse("{\"items\":[{\"id\":\"0b6c1f3e-8f0a-4c35-9a51-3f1f7e1d2c10\",\"kind\":\"play\","
              "\"payload\":{\"track_name\":\"B\",\"played_at_ms\":1700000000000}}]}");
    QVERIFY(first.valid && reordered.valid && changed.valid);
    QCOMPARE(reordered.clientId, first.clientId);
    QCOMPARE(reordered.payloadSha256, first.payloadSha256);
    QVERIFY(changed.payloadSha256 != first.payloadSha256);

    // A U+FEFF at the start of a key (fuzz_hub_dto's crashes/bom-inside-a-key): Qt's parser drops it but leaves the
    // key where it would have sorted. The stored payload is in order, finds its keys and parses back to itself.
    const hub::SyncItem bom = parse("{\"items\":[{\"id\":\"0b6c1f3e-8f0a-4c35-9a51-3f1f7e1d2c10\",\"kind\":\"play\","
                                    "\"payload\":{\"track_name\":\"A\",\"played_at_ms\":1700000000000,"
                                    "\"\xef\xbb\xbf"
                                    "context_type\":\"playlist\"}}]}");
    QVERIFY(bom.valid);
    QCOMPARE(bom.payload.value(QStringLiteral("context_type")).toString(), QStringLiteral("playlist"));
    QCOMPARE(QJsonDocument::fromJson(bom.payloadJson).object(), bom.payload);

    // Escaped, the parser keeps the U+FEFF, and writing the payload out raw would lose it; two in a row, a trip
    // through the text drops one; inside an object within the payload, the same. Each is stored without the
    // leading U+FEFFs, like the raw one, and parses back to itself.
    const QByteArray payloadStart = "{\"items\":[{\"id\":\"0b6c1f3e-8f0a-4c35-9a51-3f1f7e1d2c10\",\"kind\":\"play\","
                                    "\"payload\":{\"track_name\":\"A\",\"played_at_ms\":1700000000000,";
    for (const QByteArray &key : {QByteArray("\\ufeffcontext_type"),
                                  QByteArray("\\uFEFF\\ufeffcontext_type"),
                                  QByteArray("\xef\xbb\xbf\xef\xbb\xbf"
                                             "context_type")}) {
        const hub::SyncItem marked = parse(payloadStart + '"' + key + "\":\"playlist\"}}]}");
        QVERIFY2(marked.valid, key.constData());
        QCOMPARE(marked.payload.value(QStringLiteral("context_type")).toString(), QStringLiteral("playlist"));
        QCOMPARE(QJsonDocument::fromJson(marked.payloadJson).object(), marked.payload);
        QCOMPARE(marked.payloadSha256, bom.payloadSha256);
    }
    const hub::SyncItem album = parse(payloadStart
                                      + "\"album\":{\"\\ufeffname\":\"B\",\"uri\":"
                                        "\"spotify:album:4uLU6hMCjMI75M1A2tKUQC\"}}}]}");
    QVERIFY(album.valid);
    QCOMPARE(album.payload.value(QStringLiteral("album")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("B"));
    QCOMPARE(QJsonDocument::fromJson(album.payloadJson).object(), album.payload);

    // At the start of a value, raw or escaped, the same: dropped, and the payload parses back to itself.
    for (const QByteArray &mark : {QByteArray("\xef\xbb\xbf"), QByteArray("\\ufeff"), QByteArray("\\ufeff\\ufeff")}) {
        const hub::SyncItem value = parse(payloadStart + "\"context_type\":\"" + mark + "playlist\"}}]}");
        QVERIFY2(value.valid, mark.constData());
        QCOMPARE(value.payload.value(QStringLiteral("context_type")).toString(), QStringLiteral("playlist"));
        QCOMPARE(QJsonDocument::fromJson(value.payloadJson).object(), value.payload);
    }

    QVERIFY(hub::hasByteOrderMark("{\"\xef\xbb\xbf\":1}"));
    QVERIFY(hub::hasByteOrderMark("{\"a\":\"\\uFeFf\"}"));
    QVERIFY(!hub::hasByteOrderMark("{\"a\":\"\\u00e9 \\ufefe \xef\xbb\"}"));
}

void TestHubApi::deviceTokensAndInviteCodes()
{
    const QByteArray token = hub::newDeviceToken();
    QCOMPARE(token.size(), 47);
    QVERIFY(token.startsWith("hub_"));
    QVERIFY(hub::isWellFormedDeviceToken(token));
    QVERIFY(hub::newDeviceToken() != token);
    QVERIFY(!hub::isWellFormedDeviceToken(token.left(46)));
    QVERIFY(!hub::isWellFormedDeviceToken("hub_" + QByteArray(43, '+')));
    QVERIFY(!hub::isWellFormedDeviceToken("tok_" + token.mid(4)));

    const QString code = hub::newInviteCode();
    QVERIFY2(QRegularExpression(QStringLiteral("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$")).match(code).hasMatch(),
             qPrintable(code));
    QCOMPARE(hub::normalizeInviteCode(code), QString(code).remove(QLatin1Char('-')));
    // As people type them: lower case, spaces, O for 0 and l for 1.
    QCOMPARE(hub::normalizeInviteCode(QStringLiteral("7kq2m x9d4r")), QStringLiteral("7KQ2MX9D4R"));
    QCOMPARE(hub::normalizeInviteCode(QStringLiteral("O0lI1")), QStringLiteral("00111"));
    QCOMPARE(hub::normalizeInviteCode(QStringLiteral("ABC;D")), QString());
    QCOMPARE(hub::normalizeInviteCode(QStringLiteral("UUUUU")), QString());
}

void TestHubApi::metricsCountRequestsByRoute()
{
    ApiUnderTest under;
    QCOMPARE(under.api.handle(request("GET", "/healthz")).status, 200);
    QCOMPARE(under.api.handle(request("GET", "/healthz")).status, 200);
    QCOMPARE(under.api.handle(request("GET", "/api/v1/me")).status, 401);
    QCOMPARE(under.api.handle(request("GET", "/secret-token-in-path")).status, 404);
    const hub::HttpResponse response = under.api.handle(request("GET", "/metrics"));
    QCOMPARE(response.status, 200);
    QVERIFY(response.contentType.startsWith("text/plain; version=0.0.4"));
    const QByteArray text = response.body;
    QVERIFY2(text.contains("tunescout_hub_http_requests_total{route=\"GET /healthz\",status=\"200\"} 2\n"),
             text.constData());
    QVERIFY(text.contains("tunescout_hub_http_requests_total{route=\"GET /api/v1/me\",status=\"401\"} 1\n"));
    QVERIFY(text.contains("tunescout_hub_http_requests_total{route=\"unmatched\",status=\"404\"} 1\n"));
    QVERIFY(
        text.contains("tunescout_hub_http_request_duration_seconds_bucket{route=\"GET /healthz\",le=\"+Inf\"} 2\n"));
    QVERIFY(text.contains("tunescout_hub_http_request_duration_seconds_count{route=\"GET /healthz\"} 2\n"));
    QVERIFY(text.contains("# TYPE tunescout_hub_http_request_duration_seconds histogram\n"));
    QVERIFY(text.contains("tunescout_hub_sync_items_total{outcome=\"created\"} 0\n"));
    QVERIFY(!text.contains("secret-token-in-path"));
}

void TestHubApi::pairingIsRateLimitedPerAddress()
{
    ApiUnderTest under;
    const auto attempt = [&under](const QByteArray &address) {
        hub::HttpRequest call = jsonRequest("POST", "/api/v1/pair", "{}");
        call.remoteAddress = address;
        return under.api.handle(call);
    };
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(attempt("198.51.100.7").status, 400);
    }
    const hub::HttpResponse refused = attempt("198.51.100.7");
    QCOMPARE(refused.status, 429);
    QCOMPARE(bodyOf(refused).value(QStringLiteral("code")).toString(), QStringLiteral("rate_limited"));
    const int retryAfter = header(refused, "Retry-After").toInt();
    QVERIFY2(retryAfter >= 1 && retryAfter <= 60, header(refused, "Retry-After").constData());
    QVERIFY(bodyOf(refused).value(QStringLiteral("detail")).toString().contains(QStringLiteral("try again in")));
    // Another address is not held back.
    QCOMPARE(attempt("198.51.100.8").status, 400);
}

void TestHubApi::pairingLimitsAreConfigurable()
{
    FakeReadiness readiness;
    hub::Database database{hub::ConnectionString(QStringLiteral("host=/nonexistent/tunescout dbname=none")), 1};
    hub::Store store{database};
    const hub::Api api(readiness, store, {}, hub::AddressLimits{{20, 40}, 2, 3});
    const auto attempt = [&api](const QByteArray &address) {
        hub::HttpRequest call = jsonRequest("POST", "/api/v1/pair", "{}");
        call.remoteAddress = address;
        return api.handle(call);
    };
    QCOMPARE(attempt("198.51.100.7").status, 400);
    QCOMPARE(attempt("198.51.100.7").status, 400);
    const hub::HttpResponse refused = attempt("198.51.100.7");
    QCOMPARE(refused.status, 429);
    const int retryAfter = header(refused, "Retry-After").toInt();
    QVERIFY2(retryAfter >= 1 && retryAfter <= 60, header(refused, "Retry-After").constData());
    QCOMPARE(attempt("198.51.100.8").status, 400);
}

void TestHubApi::routesWithoutTokenAreRateLimitedPerAddress()
{
    FakeReadiness readiness;
    hub::Database database{hub::ConnectionString(QStringLiteral("host=/nonexistent/tunescout dbname=none")), 1};
    hub::Store store{database};
    // One request a second, three at once: far slower than this test, so the fourth is refused whatever the
    // machine's speed.
    const hub::Api api(readiness, store, {}, hub::AddressLimits{{1, 3}, 5, 20});
    const auto get = [&api](const char *path, const QByteArray &address) {
        hub::HttpRequest call = request("GET", path);
        call.remoteAddress = address;
        return api.handle(call);
    };
    QCOMPARE(get("/healthz", "192.0.2.1").status, 200);
    QCOMPARE(get("/readyz", "192.0.2.1").status, 200);
    QCOMPARE(get("/api/v1/openapi.yaml", "192.0.2.1").status, 200);
    const hub::HttpResponse refused = get("/metrics", "192.0.2.1");
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.contentType, QByteArray("application/problem+json"));
    QCOMPARE(bodyOf(refused).value(QStringLiteral("code")).toString(), QStringLiteral("rate_limited"));
    QCOMPARE(header(refused, "Retry-After"), QByteArray("1"));
    QVERIFY(
        bodyOf(refused).value(QStringLiteral("detail")).toString().contains(QStringLiteral("without a device token")));
    // Pairing from that address shares the bucket: refused before the body is looked at.
    hub::HttpRequest pairing = jsonRequest("POST", "/api/v1/pair", "{}");
    pairing.remoteAddress = "192.0.2.1";
    QCOMPARE(api.handle(pairing).status, 429);
    // Another address has a bucket of its own.
    QCOMPARE(get("/healthz", "192.0.2.2").status, 200);
    // A route with a token is counted per token, not per address: a well-formed token passes this limit and
    // reaches the (absent) database.
    hub::HttpRequest authenticated = request("GET", "/api/v1/me");
    authenticated.remoteAddress = "192.0.2.1";
    authenticated.headers.append({QByteArrayLiteral("authorization"), "Bearer " + hub::newDeviceToken()});
    QCOMPARE(api.handle(authenticated).status, 503);
}

void TestHubApi::rateLimiterWindows()
{
    hub::RateLimiter limiter({{60 * 1000, 5}, {3600 * 1000, 20}});
    const QByteArray key("203.0.113.1");
    qint64 now = 1000000;
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(limiter.tryAcquire(key, now + i), 0);
    }
    QCOMPARE(limiter.tryAcquire(key, now + 10), 60);
    // When the first attempt leaves the minute, one more is allowed.
    QCOMPARE(limiter.tryAcquire(key, now + 60 * 1000), 0);
    QVERIFY(limiter.tryAcquire(key, now + 60 * 1000) > 0);

    // The hour: 20 attempts spread over 20 minutes, then the 21st waits for the first to be an hour old.
    hub::RateLimiter hourly({{60 * 1000, 5}, {3600 * 1000, 20}});
    for (int i = 0; i < 20; ++i) {
        QCOMPARE(hourly.tryAcquire(key, now + i * 60 * 1000), 0);
    }
    const qint64 later = now + 20 * 60 * 1000;
    QCOMPARE(hourly.tryAcquire(key, later), 40 * 60);
    QCOMPARE(hourly.tryAcquire(key, now + 3600 * 1000), 0);
}

QTEST_GUILESS_MAIN(TestHubApi)
#include "tst_hubapi.moc"
