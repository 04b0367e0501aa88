#pragma once

#include "hub/api.h"
#include "hub/database.h"
#include "hub/readiness.h"
#include "hub/store.h"
#include "tests/hub/hubtestsupport.h"

#include <QJsonArray>
#include <QJsonObject>

#include <memory>

namespace hubtest
{

struct Answer {
    int status = 0;
    QJsonObject json;
    QByteArray body;
    QString code;
    QList<std::pair<QByteArray, QByteArray>> headers;

    QByteArray header(const QByteArray &name) const;
};

// A migrated scratch database with the hub's Api on it, called in-process as HttpServer calls it.
class InProcessHub
{
public:
    InProcessHub();

    bool isReady() const;

    // query: the decoded query parameters; extraHeaders: lower-case names.
    Answer call(const char *method,
                const char *path,
                const QByteArray &token = {},
                const QByteArray &body = {},
                const QList<std::pair<QByteArray, QByteArray>> &query = {},
                const QList<std::pair<QByteArray, QByteArray>> &extraHeaders = {});

    qint64 createHousehold(const QString &name);
    QString invite(qint64 household);
    // Pairs a device labelled `label` of the member `name` (from an address of its own): the pairing answer.
    Answer pair(const QString &code, const QString &name, const QString &label = QStringLiteral("laptop"));
    // A paired device of a new member of household: its token.
    QByteArray member(qint64 household, const QString &name);
    Answer sync(const QByteArray &token, const QJsonArray &items);

    // Members are declared in destruction order: the pool closes before the database is dropped.
    ScratchDatabase database;
    std::unique_ptr<hub::Database> pool;
    std::unique_ptr<hub::DatabaseReadiness> readiness;
    std::unique_ptr<hub::Store> store;
    std::unique_ptr<hub::Api> api;

private:
    int m_pairings = 0;
};

} // namespace hubtest

#define VERIFY_IN_PROCESS_HUB(hub)                                                                                     \
    QVERIFY2((hub).isReady(), qPrintable(QStringLiteral("no hub database: ") + (hub).database.errorString()))
