// The hub's API against a real PostgreSQL: pairing, device tokens, idempotent sync, household isolation,
// export and deletion, metrics, and the admin commands of the real binary. The Api is called in-process (as
// HttpServer calls it), so each check is one function call; tst_hubserve covers the transport.

#include "hub/dto.h"
#include "hub/store.h"
#include "hub/tokens.h"
#include "tests/hub/hubtestsupport.h"
#include "tests/hub/inprocesshub.h"
#include "tests/support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QUuid>

#include <thread>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

using hubtest::Answer;
using hubtest::InProcessHub;
using hubtest::ScratchDatabase;

namespace
{

const QString trackUri = QStringLiteral("spotify:track:4uLU6hMCjMI75M1A2tKUQC");

QJsonObject play(const QString &id, const QString &name, qint64 playedAtMs)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("kind"), QStringLiteral("play")},
                       {QStringLiteral("payload"),
                        QJsonObject{{QStringLiteral("track_name"), name},
                                    {QStringLiteral("track_uri"), trackUri},
                                    {QStringLiteral("played_at_ms"), playedAtMs},
                                    {QStringLiteral("source"), QStringLiteral("polled")}}}};
}

QJsonObject feedback(const QString &id, const QString &kind, const QString &uri = trackUri)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("kind"), QStringLiteral("feedback")},
                       {QStringLiteral("payload"),
                        QJsonObject{{QStringLiteral("kind"), kind},
                                    {QStringLiteral("uri"), uri},
                                    {QStringLiteral("created_at_ms"), qint64(1700000000000)}}}};
}

// Whether, within 10 s, one session on database waits on a lock (a sync's insert on another transaction's row).
bool oneSessionWaitsOnALock(ScratchDatabase &database)
{
    return QTest::qWaitFor(
        [&] {
            return database.scalar("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                   "AND datname = current_database()")
                == 1;
        },
        10000);
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QStringList statuses(const Answer &answer)
{
    QStringList result;
    for (const QJsonValue &item : answer.json.value(QStringLiteral("results")).toArray()) {
        result << item.toObject().value(QStringLiteral("status")).toString();
    }
    return result;
}

} // namespace

class TestHubSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void t17_authnRevocation();
    void pairingInvites();
    void t18_idempotentSync();
    void idCommittedMeanwhileIsComparedToo();
    void batchRedoneAfterARaceStoresNothingTwice_data();
    void batchRedoneAfterARaceStoresNothingTwice();
    void t19_limitsAndInjection();
    void householdIsolation();
    void exportAndDelete();
    void metricsCountSyncOutcomes();
    void adminCommands();
};

void TestHubSync::init()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
}

void TestHubSync::t17_authnRevocation()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const qint64 household = hub.createHousehold(QStringLiteral("A"));
    const qint64 other = hub.createHousehold(QStringLiteral("B"));
    const Answer paired = hub.pair(hub.invite(household), QStringLiteral("Alex"));
    QCOMPARE(paired.status, 201);
    const QByteArray token = paired.json.value(QStringLiteral("token")).toString().toLatin1();
    QVERIFY(hub::isWellFormedDeviceToken(token));
    const qint64 deviceId =
        paired.json.value(QStringLiteral("device")).toObject().value(QStringLiteral("id")).toInteger();

    const Answer me = hub.call("GET", "/api/v1/me", token);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json.value(QStringLiteral("member")).toObject().value(QStringLiteral("display_name")).toString(),
             QStringLiteral("Alex"));
    // Shown once: nothing the hub answers later repeats it.
    QVERIFY(!me.body.contains(token));
    QVERIFY(!hub.call("GET", "/api/v1/me/export", token).body.contains(token));

    QCOMPARE(hub.call("GET", "/api/v1/me").status, 401);
    QCOMPARE(hub.call("GET", "/api/v1/me", "hub_" + QByteArray(43, 'A')).status, 401);
    // Another household's resource: 403, and no hint whether it exists.
    const QByteArray otherPath = "/api/v1/households/" + QByteArray::number(other) + "/members";
    const Answer foreign = hub.call("GET", otherPath.constData(), token);
    QCOMPARE(foreign.status, 403);
    QCOMPARE(foreign.code, QStringLiteral("other_household"));

    // The table holds the SHA-256 only: no column of any row holds the token.
    pqxx::nontransaction check(hub.database.connection());
    QCOMPARE(check
                 .exec_params1("SELECT count(*) FROM devices WHERE token_sha256 = $1",
                               hub::sha256Hex(token).toStdString())[0]
                 .as<int>(),
             1);
    QCOMPARE(
        check.exec_params1("SELECT count(*) FROM devices d WHERE position($1 in d::text) > 0", token.toStdString())[0]
            .as<int>(),
        0);
    QCOMPARE(
        check.exec_params1("SELECT count(*) FROM invites i WHERE position($1 in i::text) > 0", token.toStdString())[0]
            .as<int>(),
        0);
    QCOMPARE(check.exec1("SELECT count(*) FROM devices WHERE token_sha256 !~ '^[0-9a-f]{64}$'")[0].as<int>(), 0);

    // Revocation counts from the very next request.
    QCOMPARE(hub.store->revokeDevice(deviceId), hub::RevokeResult::Revoked);
    const Answer revoked = hub.call("GET", "/api/v1/me", token);
    QCOMPARE(revoked.status, 401);
    QCOMPARE(revoked.code, QStringLiteral("invalid_token"));
    QCOMPARE(hub.sync(token, {play(newId(), QStringLiteral("x"), 1700000000000)}).status, 401);

    // An expired token is refused the same way.
    const QByteArray second = hub.member(household, QStringLiteral("Sam"));
    QCOMPARE(hub.call("GET", "/api/v1/me", second).status, 200);
    check.exec_params0("UPDATE devices SET expires_at = now() - interval '1 second' WHERE token_sha256 = $1",
                       hub::sha256Hex(second).toStdString());
    QCOMPARE(hub.call("GET", "/api/v1/me", second).status, 401);
}

void TestHubSync::pairingInvites()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const qint64 household = hub.createHousehold(QStringLiteral("Home"));

    const QString code = hub.invite(household);
    // Typed the way people type: lower case, a space for the dash.
    const Answer first = hub.pair(code.toLower().replace(QLatin1Char('-'), QLatin1Char(' ')), QStringLiteral("Alex"));
    QCOMPARE(first.status, 201);
    QCOMPARE(first.json.value(QStringLiteral("member")).toObject().value(QStringLiteral("role")).toString(),
             QStringLiteral("admin"));
    const Answer reused = hub.pair(code, QStringLiteral("Eve"));
    QCOMPARE(reused.status, 403);
    QCOMPARE(reused.code, QStringLiteral("invite_used"));

    const Answer unknown = hub.pair(QStringLiteral("AAAAA-BBBBB"), QStringLiteral("Eve"));
    QCOMPARE(unknown.status, 403);
    QCOMPARE(unknown.code, QStringLiteral("invite_unknown"));

    const QString stale = hub.invite(household);
    {
        pqxx::work transaction(hub.database.connection());
        transaction.exec_params0("UPDATE invites SET created_at = now() - interval '1 hour', expires_at = now() - "
                                 "interval '1 minute' WHERE code_sha256 = $1",
                                 hub::sha256Hex(hub::normalizeInviteCode(stale).toLatin1()).toStdString());
        transaction.commit();
    }
    const Answer expired = hub.pair(stale, QStringLiteral("Eve"));
    QCOMPARE(expired.status, 403);
    QCOMPARE(expired.code, QStringLiteral("invite_expired"));
    QVERIFY(expired.json.value(QStringLiteral("detail")).toString().contains(QStringLiteral("expired")));

    // The same name in the same household is the same member with a second device; a new name, a new member.
    const Answer phone = hub.pair(hub.invite(household), QStringLiteral("Alex"), QStringLiteral("phone"));
    QCOMPARE(phone.status, 201);
    QCOMPARE(phone.json.value(QStringLiteral("member")).toObject().value(QStringLiteral("id")),
             first.json.value(QStringLiteral("member")).toObject().value(QStringLiteral("id")));
    const Answer sam = hub.pair(hub.invite(household), QStringLiteral("Sam"));
    QCOMPARE(sam.json.value(QStringLiteral("member")).toObject().value(QStringLiteral("role")).toString(),
             QStringLiteral("member"));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM members"), 2);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM devices"), 3);
    QCOMPARE(
        hub.database.scalar("SELECT count(*) FROM invites WHERE used_at IS NOT NULL AND used_by_device_id IS NOT NULL"),
        3);
}

void TestHubSync::t18_idempotentSync()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const QByteArray token = hub.member(hub.createHousehold(QStringLiteral("Home")), QStringLiteral("Alex"));
    QVERIFY(!token.isEmpty());

    QJsonArray batch;
    for (int i = 0; i < hub::maxSyncItems; ++i) {
        batch.append(play(newId(), QStringLiteral("Song %1").arg(i), 1700000000000 + i * 1000));
    }
    const Answer created = hub.sync(token, batch);
    QCOMPARE(created.status, 200);
    QCOMPARE(created.json.value(QStringLiteral("created")).toInt(), hub::maxSyncItems);
    QCOMPARE(statuses(created), QStringList(hub::maxSyncItems, QStringLiteral("created")));

    // The answer was lost and the client sends the same batch again.
    const Answer again = hub.sync(token, batch);
    QCOMPARE(again.status, 200);
    QCOMPARE(statuses(again), QStringList(hub::maxSyncItems, QStringLiteral("duplicate")));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM plays"), hub::maxSyncItems);

    // The same id with another payload: conflict, and the stored row stays as it was.
    const QString id = batch.at(7).toObject().value(QStringLiteral("id")).toString();
    const Answer altered = hub.sync(token, {play(id, QStringLiteral("Something else"), 1700000007000)});
    QCOMPARE(statuses(altered), QStringList{QStringLiteral("conflict")});
    QVERIFY(!altered.json.value(QStringLiteral("results"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("reason"))
                 .toString()
                 .isEmpty());
    {
        pqxx::nontransaction check(hub.database.connection());
        QCOMPARE(QString::fromStdString(check
                                            .exec_params1("SELECT payload->>'track_name' FROM plays WHERE client_id = "
                                                          "$1::uuid",
                                                          id.toStdString())[0]
                                            .as<std::string>()),
                 QStringLiteral("Song 7"));
    }
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM plays"), hub::maxSyncItems);

    // Within one batch: a repeat is a duplicate, a changed repeat a conflict; every kind is keyed the same way.
    const QString feedbackId = newId();
    const QJsonObject like = feedback(feedbackId, QStringLiteral("like"));
    const QJsonObject unlike = feedback(feedbackId, QStringLiteral("unlike"));
    const QJsonObject snapshot{{QStringLiteral("id"), newId()},
                               {QStringLiteral("kind"), QStringLiteral("library_snapshot")},
                               {QStringLiteral("payload"),
                                QJsonObject{{QStringLiteral("taken_at_ms"), qint64(1700000000000)},
                                            {QStringLiteral("saved_tracks"), QJsonArray{trackUri}}}}};
    const Answer mixed =
        hub.sync(token, {like, like, unlike, snapshot, snapshot, QJsonObject{{QStringLiteral("id"), 1}}});
    QCOMPARE(mixed.status, 200);
    QCOMPARE(statuses(mixed),
             (QStringList{QStringLiteral("created"),
                          QStringLiteral("duplicate"),
                          QStringLiteral("conflict"),
                          QStringLiteral("created"),
                          QStringLiteral("duplicate"),
                          QStringLiteral("invalid")}));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM feedback WHERE kind = 'like'"), 1);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM library_snapshots"), 1);
    QCOMPARE(mixed.json.value(QStringLiteral("results")).toArray().at(5).toObject().value(QStringLiteral("id")),
             QJsonValue(QJsonValue::Null));
}

void TestHubSync::idCommittedMeanwhileIsComparedToo()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const QByteArray token = hub.member(hub.createHousehold(QStringLiteral("Home")), QStringLiteral("Alex"));
    QVERIFY(!token.isEmpty());
    const qint64 memberId = hub.database.scalar("SELECT id FROM members");
    const QString raced = newId();
    const QString fresh = newId();

    // Another transaction (another upload of the same id, with another payload) has stored the id but not committed:
    // the sync's lookup does not see it, and its insert waits for that transaction and then skips the id.
    pqxx::connection other(hub.database.url().toStdString());
    pqxx::work holder(other);
    holder.exec_params0("INSERT INTO plays (member_id, client_id, played_at, payload, payload_sha256) "
                        "VALUES ($1, $2::uuid, now(), '{}'::jsonb, repeat('0', 64))",
                        memberId,
                        raced.toStdString());
    Answer answer;
    std::thread upload([&] {
        answer = hub.sync(token,
                          {play(raced, QStringLiteral("Song"), 1700000000000),
                           play(fresh, QStringLiteral("Other song"), 1700000001000)});
    });
    const bool waited = oneSessionWaitsOnALock(hub.database);
    holder.commit();
    upload.join();
    QVERIFY2(waited, "the sync never waited for the other transaction");

    // The id is looked up again after the insert, so the other payload is found and answered as a conflict.
    QCOMPARE(answer.status, 200);
    QCOMPARE(statuses(answer), (QStringList{QStringLiteral("conflict"), QStringLiteral("created")}));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM plays"), 2);
}

void TestHubSync::batchRedoneAfterARaceStoresNothingTwice_data()
{
    QTest::addColumn<bool>("otherCommits");
    QTest::addColumn<QString>("racedStatus");
    QTest::addRow("the other upload commits another payload") << true << QStringLiteral("conflict");
    QTest::addRow("the other upload rolls back") << false << QStringLiteral("created");
}

// The insert of a batch does not skip ids stored meanwhile: an id a concurrent upload commits after the lookup fails
// the transaction on the primary key, and the batch is redone, skipping such ids. The plays inserted before the
// failure are rolled back with it, so the redone batch creates them once and answers them as created, not as
// duplicates of themselves.
void TestHubSync::batchRedoneAfterARaceStoresNothingTwice()
{
    QFETCH(bool, otherCommits);
    QFETCH(QString, racedStatus);
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const QByteArray token = hub.member(hub.createHousehold(QStringLiteral("Home")), QStringLiteral("Alex"));
    QVERIFY(!token.isEmpty());
    const qint64 memberId = hub.database.scalar("SELECT id FROM members");
    const QString raced = newId();
    const QJsonObject like = feedback(raced, QStringLiteral("like"));

    pqxx::connection other(hub.database.url().toStdString());
    pqxx::work holder(other);
    holder.exec_params0("INSERT INTO feedback (member_id, client_id, kind, uri, created_at, payload, payload_sha256) "
                        "VALUES ($1, $2::uuid, 'unlike', $3, now(), '{}'::jsonb, repeat('0', 64))",
                        memberId,
                        raced.toStdString(),
                        trackUri.toStdString());
    Answer answer;
    std::thread upload([&] {
        answer = hub.sync(token,
                          {play(newId(), QStringLiteral("Song"), 1700000000000),
                           like,
                           play(newId(), QStringLiteral("Other song"), 1700000001000)});
    });
    const bool waited = oneSessionWaitsOnALock(hub.database);
    if (otherCommits) {
        holder.commit();
    } else {
        holder.abort();
    }
    upload.join();
    QVERIFY2(waited, "the sync never waited for the other transaction");

    QCOMPARE(answer.status, 200);
    QCOMPARE(statuses(answer), (QStringList{QStringLiteral("created"), racedStatus, QStringLiteral("created")}));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM plays"), 2);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM feedback"), 1);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM feedback WHERE kind = 'like'"), otherCommits ? 0 : 1);
}

void TestHubSync::t19_limitsAndInjection()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const QByteArray token = hub.member(hub.createHousehold(QStringLiteral("Home")), QStringLiteral("Alex"));
    QVERIFY(!token.isEmpty());

    QJsonArray tooMany;
    for (int i = 0; i <= hub::maxSyncItems; ++i) {
        tooMany.append(play(newId(), QStringLiteral("x"), 1700000000000));
    }
    const Answer many = hub.sync(token, tooMany);
    // RELIABILITY HB-6/T19: a batch of 501 is a bad request, nothing stored.
    QCOMPARE(many.status, 400);
    QCOMPARE(many.code, QStringLiteral("too_many_items"));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM plays"), 0);
    QVERIFY(many.json.value(QStringLiteral("detail")).toString().contains(QStringLiteral("at most 500")));

    const Answer malformed = hub.call("POST", "/api/v1/sync", token, "{\"items\": [");
    QCOMPARE(malformed.status, 400);
    QCOMPARE(malformed.code, QStringLiteral("malformed_json"));
    const Answer deep = hub.call("POST", "/api/v1/sync", token, QByteArray(100000, '[') + QByteArray(100000, ']'));
    QCOMPARE(deep.status, 400);
    QCOMPARE(deep.code, QStringLiteral("json_too_deep"));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM plays"), 0);

    // Hostile strings are data: stored and returned byte for byte.
    const QStringList hostile{QStringLiteral("'; DROP TABLE plays;--"),
                              QStringLiteral("$1"),
                              QString::fromUtf8("\xF0\x9F\x8E\xB8 caf\xC3\xA9 \xE2\x80\xAE"),
                              QStringLiteral("\\u0000 \" \\ {}")};
    QJsonArray items;
    for (const QString &name : hostile) {
        items.append(play(newId(), name, 1700000000000));
    }
    const Answer stored = hub.sync(token, items);
    QCOMPARE(stored.status, 200);
    QCOMPARE(stored.json.value(QStringLiteral("created")).toInt(), hostile.size());
    QStringList exported;
    for (const QJsonValue &item :
         hub.call("GET", "/api/v1/me/export", token).json.value(QStringLiteral("plays")).toArray()) {
        exported << item.toObject()
                        .value(QStringLiteral("payload"))
                        .toObject()
                        .value(QStringLiteral("track_name"))
                        .toString();
    }
    // Same played_at for all: the export orders them by id.
    exported.sort();
    QStringList expected = hostile;
    expected.sort();
    QCOMPARE(exported, expected);

    // A NUL character cannot be stored in Postgres text: the item is refused, the batch is not.
    const Answer nul = hub.sync(token,
                                {play(newId(), QStringLiteral("a") + QChar(0) + QStringLiteral("b"), 1700000000000),
                                 play(newId(), QStringLiteral("fine"), 1700000000000)});
    QCOMPARE(nul.status, 200);
    QCOMPARE(statuses(nul), (QStringList{QStringLiteral("invalid"), QStringLiteral("created")}));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM plays"), hostile.size() + 1);
}

void TestHubSync::householdIsolation()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const qint64 a = hub.createHousehold(QStringLiteral("A"));
    const qint64 b = hub.createHousehold(QStringLiteral("B"));
    const QByteArray alex = hub.member(a, QStringLiteral("Alex"));
    const QByteArray bo = hub.member(b, QStringLiteral("Bo"));
    // The same client id from two members is two rows: ids are scoped by member.
    const QString id = newId();
    QCOMPARE(statuses(hub.sync(alex, {play(id, QStringLiteral("Alex's song"), 1700000000000)})),
             QStringList{QStringLiteral("created")});
    QCOMPARE(statuses(hub.sync(bo, {play(id, QStringLiteral("Bo's song"), 1700000000000)})),
             QStringList{QStringLiteral("created")});

    const QByteArray pathA = "/api/v1/households/" + QByteArray::number(a) + "/members";
    const QByteArray pathB = "/api/v1/households/" + QByteArray::number(b) + "/members";
    QCOMPARE(hub.call("GET", pathB.constData(), alex).status, 403);
    QCOMPARE(hub.call("GET", pathA.constData(), bo).status, 403);
    const Answer members = hub.call("GET", pathA.constData(), alex);
    QCOMPARE(members.status, 200);
    const QJsonArray list = members.json.value(QStringLiteral("members")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("display_name")).toString(), QStringLiteral("Alex"));
    QCOMPARE(hub.call("GET", "/api/v1/households/abc/members", alex).status, 400);

    const QJsonArray plays = hub.call("GET", "/api/v1/me/export", alex).json.value(QStringLiteral("plays")).toArray();
    QCOMPARE(plays.size(), 1);
    QCOMPARE(plays.at(0)
                 .toObject()
                 .value(QStringLiteral("payload"))
                 .toObject()
                 .value(QStringLiteral("track_name"))
                 .toString(),
             QStringLiteral("Alex's song"));
}

void TestHubSync::exportAndDelete()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const qint64 household = hub.createHousehold(QStringLiteral("Home"));
    const QByteArray alex = hub.member(household, QStringLiteral("Alex"));
    const QByteArray alexPhone = hub.pair(hub.invite(household), QStringLiteral("Alex"), QStringLiteral("phone"))
                                     .json.value(QStringLiteral("token"))
                                     .toString()
                                     .toLatin1();
    const QByteArray sam = hub.member(household, QStringLiteral("Sam"));
    QJsonArray items{play(newId(), QStringLiteral("One"), 1700000000000),
                     play(newId(), QStringLiteral("Two"), 1700000001000)};
    items.append(
        feedback(newId(), QStringLiteral("hide_artist"), QStringLiteral("spotify:artist:0OdUWJ0sBjDrqHygGUXeCF")));
    QCOMPARE(hub.sync(alex, items).json.value(QStringLiteral("created")).toInt(), 3);
    QCOMPARE(hub.sync(sam, {play(newId(), QStringLiteral("Sam's"), 1700000000000)})
                 .json.value(QStringLiteral("created"))
                 .toInt(),
             1);

    const Answer exported = hub.call("GET", "/api/v1/me/export", alex);
    QCOMPARE(exported.status, 200);
    QCOMPARE(exported.json.value(QStringLiteral("member")).toObject().value(QStringLiteral("display_name")).toString(),
             QStringLiteral("Alex"));
    QCOMPARE(exported.json.value(QStringLiteral("devices")).toArray().size(), 2);
    QCOMPARE(exported.json.value(QStringLiteral("plays")).toArray().size(), 2);
    QCOMPARE(exported.json.value(QStringLiteral("feedback")).toArray().size(), 1);
    // Exported items have the shape of sync items: uploading them again changes nothing.
    QJsonArray again;
    for (const QString &part : {QStringLiteral("plays"), QStringLiteral("feedback")}) {
        for (const QJsonValue &value : exported.json.value(part).toArray()) {
            QJsonObject item = value.toObject();
            item.remove(QStringLiteral("received_at_ms"));
            again.append(item);
        }
    }
    QCOMPARE(statuses(hub.sync(alex, again)), QStringList(3, QStringLiteral("duplicate")));

    const Answer deleted = hub.call("DELETE", "/api/v1/me", alexPhone);
    QCOMPARE(deleted.status, 204);
    // Every device of the member stops working, and their rows are gone; the rest of the household stays.
    QCOMPARE(hub.call("GET", "/api/v1/me", alex).status, 401);
    QCOMPARE(hub.call("GET", "/api/v1/me", alexPhone).status, 401);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM members"), 1);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM devices"), 1);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM plays"), 1);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM feedback"), 0);
    QCOMPARE(hub.call("GET", "/api/v1/me", sam).status, 200);
}

void TestHubSync::metricsCountSyncOutcomes()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const QByteArray token = hub.member(hub.createHousehold(QStringLiteral("Home")), QStringLiteral("Alex"));
    const QString id = newId();
    hub.sync(token, {play(id, QStringLiteral("a"), 1700000000000), play(newId(), QStringLiteral("b"), 1700000000000)});
    hub.sync(token,
             {play(id, QStringLiteral("a"), 1700000000000),
              play(id, QStringLiteral("changed"), 1700000000000),
              QJsonObject()});
    const Answer metrics = hub.call("GET", "/metrics");
    QCOMPARE(metrics.status, 200);
    for (const char *line : {"tunescout_hub_sync_items_total{outcome=\"created\"} 2\n",
                             "tunescout_hub_sync_items_total{outcome=\"duplicate\"} 1\n",
                             "tunescout_hub_sync_items_total{outcome=\"conflict\"} 1\n",
                             "tunescout_hub_sync_items_total{outcome=\"invalid\"} 1\n",
                             "tunescout_hub_http_requests_total{route=\"POST /api/v1/sync\",status=\"200\"} 2\n",
                             "tunescout_hub_http_requests_total{route=\"POST /api/v1/pair\",status=\"201\"} 1\n",
                             "tunescout_hub_http_request_duration_seconds_count{route=\"POST /api/v1/sync\"} 2\n"}) {
        QVERIFY2(metrics.body.contains(line), line);
    }
}

void TestHubSync::adminCommands()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const QString url = hub.database.url();
    const auto admin = [&url](QStringList arguments) {
        arguments << QStringLiteral("--database-url") << url;
        return hubtest::runHub(arguments);
    };

    const hubtest::HubRun created =
        admin({QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("The Smiths")});
    QCOMPARE(created.exitCode, 0);
    QVERIFY2(created.standardOutput.startsWith(QStringLiteral("Created household 1 \"The Smiths\".")),
             qPrintable(created.standardOutput));

    const hubtest::HubRun invited = admin({QStringLiteral("invite"), QStringLiteral("The Smiths")});
    QCOMPARE(invited.exitCode, 0);
    const QRegularExpressionMatch match =
        QRegularExpression(
            QStringLiteral("Invite code for household 1 \"The Smiths\": ([0-9A-Z]{5}-[0-9A-Z]{5})\nValid "
                           "until \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(10 minutes\\)"))
            .match(invited.standardOutput);
    QVERIFY2(match.hasMatch(), qPrintable(invited.standardOutput));
    const Answer paired = hub.pair(match.captured(1), QStringLiteral("Alex"), QStringLiteral("Alex's laptop"));
    QCOMPARE(paired.status, 201);
    const QByteArray token = paired.json.value(QStringLiteral("token")).toString().toLatin1();
    QCOMPARE(hub.call("GET", "/api/v1/me", token).status, 200);

    const hubtest::HubRun table = admin({QStringLiteral("device"), QStringLiteral("list")});
    QCOMPARE(table.exitCode, 0);
    const QStringList lines = table.standardOutput.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).startsWith(QStringLiteral("ID  HOUSEHOLD   MEMBER  LABEL          STATE   LAST USED")),
             qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("1   The Smiths  Alex    Alex's laptop  active  ")),
             qPrintable(lines.at(1)));
    QVERIFY(!table.standardOutput.contains(QString::fromLatin1(token)));

    const hubtest::HubRun revoked = admin({QStringLiteral("device"), QStringLiteral("revoke"), QStringLiteral("1")});
    QCOMPARE(revoked.exitCode, 0);
    QCOMPARE(revoked.standardOutput,
             QStringLiteral("Revoked device 1; its token is refused from its next request on.\n"));
    QCOMPARE(hub.call("GET", "/api/v1/me", token).status, 401);

    const hubtest::HubRun json = admin({QStringLiteral("device"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 0);
    const QJsonArray devices = QJsonDocument::fromJson(json.standardOutput.toUtf8()).array();
    QCOMPARE(devices.size(), 1);
    QCOMPARE(devices.at(0).toObject().value(QStringLiteral("label")).toString(), QStringLiteral("Alex's laptop"));
    QCOMPARE(devices.at(0).toObject().value(QStringLiteral("member")).toString(), QStringLiteral("Alex"));
    QVERIFY(devices.at(0).toObject().value(QStringLiteral("revoked_at")).isString());

    const hubtest::HubRun status = admin({QStringLiteral("status"), QStringLiteral("--json")});
    QCOMPARE(status.exitCode, 0);
    const QJsonObject statusJson = QJsonDocument::fromJson(status.standardOutput.toUtf8()).object();
    QCOMPARE(statusJson.value(QStringLiteral("schema_version")).toInt(), hub.database.schemaVersion());
    const QJsonObject rows = statusJson.value(QStringLiteral("rows")).toObject();
    QCOMPARE(rows.value(QStringLiteral("households")).toInt(), 1);
    QCOMPARE(rows.value(QStringLiteral("members")).toInt(), 1);
    QCOMPARE(rows.value(QStringLiteral("devices")).toInt(), 1);
    QCOMPARE(rows.value(QStringLiteral("devices (active)")).toInt(), 0);
    QCOMPARE(rows.value(QStringLiteral("plays")).toInt(), 0);
    const hubtest::HubRun statusTable = admin({QStringLiteral("status")});
    QVERIFY2(statusTable.standardOutput.contains(
                 QStringLiteral("database schema version %1\n").arg(hub.database.schemaVersion())),
             qPrintable(statusTable.standardOutput));
    QVERIFY(statusTable.standardOutput.contains(QRegularExpression(QStringLiteral("\nhouseholds +1\n"))));

    // Mistakes: exit 1 with what to do.
    const hubtest::HubRun noHousehold = admin({QStringLiteral("invite"), QStringLiteral("The Joneses")});
    QCOMPARE(noHousehold.exitCode, 1);
    QVERIFY2(noHousehold.standardError.startsWith(QStringLiteral("tunescout-hub: There is no household with the id or "
                                                                 "name \"The Joneses\".")),
             qPrintable(noHousehold.standardError));
    const hubtest::HubRun noDevice = admin({QStringLiteral("device"), QStringLiteral("revoke"), QStringLiteral("99")});
    QCOMPARE(noDevice.exitCode, 1);
    QVERIFY(noDevice.standardError.contains(QStringLiteral("There is no device 99")));
    const hubtest::HubRun badId = admin({QStringLiteral("device"), QStringLiteral("revoke"), QStringLiteral("laptop")});
    QCOMPARE(badId.exitCode, 2);

    // A database behind this hub's schema is not touched: migrate first.
    ScratchDatabase empty;
    QVERIFY2(empty.errorString().isEmpty(), qPrintable(empty.errorString()));
    const hubtest::HubRun behind =
        hubtest::runHub({QStringLiteral("status"), QStringLiteral("--database-url"), empty.url()});
    QCOMPARE(behind.exitCode, 1);
    QVERIFY2(behind.standardError.contains(QStringLiteral("Run tunescout-hub migrate first.")),
             qPrintable(behind.standardError));
    QVERIFY(!empty.tableExists(QStringLiteral("households")));
}

QTEST_GUILESS_MAIN(TestHubSync)
#include "tst_hubsync.moc"
