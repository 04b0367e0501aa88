#include "tests/hub/inprocesshub.h"

#include "hub/migrator.h"
#include "hub/tokens.h"

#include <QJsonDocument>

namespace hubtest
{

namespace
{

Answer answerOf(const hub::HttpResponse &response)
{
    Answer answer{response.status,
                  QJsonDocument::fromJson(response.body).object(),
                  response.body,
                  {},
                  response.headers};
    answer.code = answer.json.value(QStringLiteral("code")).toString();
    return answer;
}

} // namespace

QByteArray Answer::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

InProcessHub::InProcessHub()
{
    const engine::Result<engine::MigrationSet> migrations = hub::Migrator::load();
    if (!database.errorString().isEmpty() || !migrations) {
        return;
    }
    const hub::Migrator migrator(migrations.value());
    if (!migrator.migrate(hub::ConnectionString(database.url()))) {
        return;
    }
    pool = std::make_unique<hub::Database>(hub::ConnectionString(database.url()), 2, &hub::Store::prepare);
    readiness = std::make_unique<hub::DatabaseReadiness>(*pool, migrator.latestVersion());
    store = std::make_unique<hub::Store>(*pool);
    api = std::make_unique<hub::Api>(*readiness, *store);
}

bool InProcessHub::isReady() const
{
    return api != nullptr;
}

Answer InProcessHub::call(const char *method,
                          const char *path,
                          const QByteArray &token,
                          const QByteArray &body,
                          const QList<std::pair<QByteArray, QByteArray>> &query,
                          const QList<std::pair<QByteArray, QByteArray>> &extraHeaders)
{
    hub::HttpRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    request.query = query;
    request.headers = extraHeaders;
    if (!body.isEmpty()) {
        request.headers.append({QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")});
    }
    if (!token.isEmpty()) {
        request.headers.append({QByteArrayLiteral("authorization"), "Bearer " + token});
    }
    return answerOf(api->handle(request));
}

qint64 InProcessHub::createHousehold(const QString &name)
{
    return store->createHousehold(name).id;
}

QString InProcessHub::invite(qint64 household)
{
    const QString code = hub::newInviteCode();
    store->createInvite(household, hub::sha256Hex(hub::normalizeInviteCode(code).toLatin1()), 10);
    return code;
}

Answer InProcessHub::pair(const QString &code, const QString &name, const QString &label)
{
    const QJsonObject body{{QStringLiteral("code"), code},
                           {QStringLiteral("display_name"), name},
                           {QStringLiteral("device_label"), label}};
    hub::HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.path = QByteArrayLiteral("/api/v1/pair");
    request.body = QJsonDocument(body).toJson();
    request.headers.append({QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")});
    // Each pairing comes from a device of its own: the per-address limit is tst_hubapi's.
    request.remoteAddress = "192.0.2." + QByteArray::number(++m_pairings);
    return answerOf(api->handle(request));
}

QByteArray InProcessHub::member(qint64 household, const QString &name)
{
    return pair(invite(household), name).json.value(QStringLiteral("token")).toString().toLatin1();
}

Answer InProcessHub::sync(const QByteArray &token, const QJsonArray &items)
{
    return call("POST", "/api/v1/sync", token, QJsonDocument(QJsonObject{{QStringLiteral("items"), items}}).toJson());
}

} // namespace hubtest
