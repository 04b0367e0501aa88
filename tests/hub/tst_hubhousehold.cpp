// The household dashboards against a real PostgreSQL: GET /api/v1/household and /api/v1/household/{week,
// favourites,overlap,top} on a household seeded so that every figure can be worked out by hand, isolation
// between households, and the query plans on a realistic number of plays.

#include "hub/household.h"
#include "tests/hub/inprocesshub.h"
#include "tests/support/testenv.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QUuid>

#include <pqxx/nontransaction>
#include <pqxx/result>

using hubtest::Answer;
using hubtest::InProcessHub;

namespace
{

constexpr qint64 dayMs = 24 * 3600 * 1000;

const QString one = QStringLiteral("spotify:track:1111111111111111111111");
const QString two = QStringLiteral("spotify:track:2222222222222222222222");
const QString three = QStringLiteral("spotify:track:3333333333333333333333");
const QString four = QStringLiteral("spotify:track:4444444444444444444444");
const QString xUri = QStringLiteral("spotify:artist:XXXXXXXXXXXXXXXXXXXXXX");
const QString yUri = QStringLiteral("spotify:artist:YYYYYYYYYYYYYYYYYYYYYY");
const QString zUri = QStringLiteral("spotify:artist:ZZZZZZZZZZZZZZZZZZZZZZ");

QJsonObject artist(const QString &name, const QString &uri = {})
{
    QJsonObject object{{QStringLiteral("name"), name}};
    if (!uri.isEmpty()) {
        object.insert(QStringLiteral("uri"), uri);
    }
    return object;
}

QJsonObject play(const QString &track, const QString &name, const QJsonArray &artists, qint64 playedAtMs)
{
    return QJsonObject{{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                       {QStringLiteral("kind"), QStringLiteral("play")},
                       {QStringLiteral("payload"),
                        QJsonObject{{QStringLiteral("track_name"), name},
                                    {QStringLiteral("track_uri"), track},
                                    {QStringLiteral("artists"), artists},
                                    {QStringLiteral("played_at_ms"), playedAtMs},
                                    {QStringLiteral("source"), QStringLiteral("polled")}}}};
}

QJsonArray times(int count, const QJsonObject &item)
{
    QJsonArray items;
    for (int i = 0; i < count; ++i) {
        QJsonObject copy = item;
        copy.insert(QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
        items.append(copy);
    }
    return items;
}

QJsonArray concat(std::initializer_list<QJsonArray> parts)
{
    QJsonArray all;
    for (const QJsonArray &part : parts) {
        for (const QJsonValue &value : part) {
            all.append(value);
        }
    }
    return all;
}

// "name plays (member plays, …)" per item, for comparisons worked out by hand.
QStringList summary(const QJsonValue &items)
{
    QStringList lines;
    for (const QJsonValue &value : items.toArray()) {
        const QJsonObject item = value.toObject();
        QStringList members;
        for (const QJsonValue &member : item.value(QStringLiteral("members")).toArray()) {
            members << QStringLiteral("%1 %2")
                           .arg(member.toObject().value(QStringLiteral("display_name")).toString())
                           .arg(member.toObject().value(QStringLiteral("plays")).toInteger());
        }
        lines << QStringLiteral("%1 %2 (%3)")
                     .arg(item.value(QStringLiteral("name")).toString())
                     .arg(item.value(QStringLiteral("plays")).toInteger())
                     .arg(members.join(QStringLiteral(", ")));
    }
    return lines;
}

qint64 memberIdOf(InProcessHub &hub, const QByteArray &token)
{
    return hub.call("GET", "/api/v1/me", token)
        .json.value(QStringLiteral("member"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

// Alice and Bob in one household, Carol in another, each with plays a person can count:
//   Alice: One (X) ×3 and Two (Y) ×1 this week, Three (Z) ×2 twenty days ago.
//   Bob:   One (X) ×1 and Four (W, X; W without a URI) ×2 this week.
//   Carol: One (X) ×5 and Three (Z) ×4 this week, in the other household.
struct Seeded {
    QByteArray alice;
    QByteArray bob;
    QByteArray carol;
    qint64 bobId = 0;
    qint64 carolId = 0;
};

bool seed(InProcessHub &hub, Seeded &seeded)
{
    const qint64 home = hub.createHousehold(QStringLiteral("Home"));
    const qint64 elsewhere = hub.createHousehold(QStringLiteral("Elsewhere"));
    seeded.alice = hub.member(home, QStringLiteral("Alice"));
    seeded.bob = hub.member(home, QStringLiteral("Bob"));
    seeded.carol = hub.member(elsewhere, QStringLiteral("Carol"));
    seeded.bobId = memberIdOf(hub, seeded.bob);
    seeded.carolId = memberIdOf(hub, seeded.carol);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QJsonArray x{artist(QStringLiteral("X"), xUri)};
    const QJsonArray y{artist(QStringLiteral("Y"), yUri)};
    const QJsonArray z{artist(QStringLiteral("Z"), zUri)};
    const QJsonArray wx{artist(QStringLiteral("W")), artist(QStringLiteral("X"), xUri)};
    const QList<std::pair<QByteArray, QJsonArray>> batches{
        {seeded.alice,
         concat({times(3, play(one, QStringLiteral("One"), x, now - dayMs)),
                 times(1, play(two, QStringLiteral("Two"), y, now - 2 * dayMs)),
                 times(2, play(three, QStringLiteral("Three"), z, now - 20 * dayMs))})},
        {seeded.bob,
         concat({times(1, play(one, QStringLiteral("One"), x, now - 3 * dayMs)),
                 times(2, play(four, QStringLiteral("Four"), wx, now - 6 * dayMs))})},
        {seeded.carol,
         concat({times(5, play(one, QStringLiteral("One"), x, now - dayMs)),
                 times(4, play(three, QStringLiteral("Three"), z, now - dayMs))})},
    };
    for (const auto &[token, items] : batches) {
        if (hub.sync(token, items).json.value(QStringLiteral("created")).toInteger() != items.size()) {
            return false;
        }
    }
    return true;
}

} // namespace

class TestHubHousehold : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void members();
    void week();
    void favourites();
    void overlap();
    void top();
    void badParameters_data();
    void badParameters();
    void isolation_data();
    void isolation();
    void aggregation();
    void queriesUseTheIndexes();
};

void TestHubHousehold::init()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
}

void TestHubHousehold::members()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    Seeded seeded;
    QVERIFY(seed(hub, seeded));
    const Answer answer = hub.call("GET", "/api/v1/household", seeded.bob);
    QCOMPARE(answer.status, 200);
    QStringList names;
    for (const QJsonValue &member : answer.json.value(QStringLiteral("members")).toArray()) {
        names << member.toObject().value(QStringLiteral("display_name")).toString() + QLatin1Char(' ')
                + member.toObject().value(QStringLiteral("role")).toString();
    }
    QCOMPARE(names, (QStringList{QStringLiteral("Alice admin"), QStringLiteral("Bob member")}));
}

void TestHubHousehold::week()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    Seeded seeded;
    QVERIFY(seed(hub, seeded));
    const Answer answer = hub.call("GET", "/api/v1/household/week", seeded.alice);
    QCOMPARE(answer.status, 200);
    // Alice's plays of Three are twenty days old; Carol is in another household.
    QCOMPARE(answer.json.value(QStringLiteral("plays")).toInteger(), 7);
    QStringList perMember;
    for (const QJsonValue &member : answer.json.value(QStringLiteral("members")).toArray()) {
        perMember << QStringLiteral("%1 %2")
                         .arg(member.toObject().value(QStringLiteral("display_name")).toString())
                         .arg(member.toObject().value(QStringLiteral("plays")).toInteger());
    }
    QCOMPARE(perMember, (QStringList{QStringLiteral("Alice 4"), QStringLiteral("Bob 3")}));
    QCOMPARE(summary(answer.json.value(QStringLiteral("tracks"))),
             (QStringList{QStringLiteral("One 4 (Alice 3, Bob 1)"),
                          QStringLiteral("Four 2 (Bob 2)"),
                          QStringLiteral("Two 1 (Alice 1)")}));
    // X: Alice 3 (One), Bob 1 (One) + 2 (Four). W has no URI and is known by its name.
    QCOMPARE(summary(answer.json.value(QStringLiteral("artists"))),
             (QStringList{QStringLiteral("X 6 (Alice 3, Bob 3)"),
                          QStringLiteral("W 2 (Bob 2)"),
                          QStringLiteral("Y 1 (Alice 1)")}));
    const QJsonArray artists = answer.json.value(QStringLiteral("artists")).toArray();
    QCOMPARE(artists.at(0).toObject().value(QStringLiteral("uri")).toString(), xUri);
    QVERIFY(artists.at(1).toObject().value(QStringLiteral("uri")).isNull());
    const qint64 span = answer.json.value(QStringLiteral("until_ms")).toInteger()
        - answer.json.value(QStringLiteral("since_ms")).toInteger();
    QCOMPARE(span, 7 * dayMs);

    const Answer limited = hub.call("GET", "/api/v1/household/week", seeded.alice, {}, {{"limit", "1"}});
    QCOMPARE(summary(limited.json.value(QStringLiteral("tracks"))),
             QStringList{QStringLiteral("One 4 (Alice 3, Bob 1)")});
}

void TestHubHousehold::favourites()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    Seeded seeded;
    QVERIFY(seed(hub, seeded));
    const Answer answer = hub.call("GET", "/api/v1/household/favourites", seeded.bob);
    QCOMPARE(answer.status, 200);
    // Only One and X are played by both; Carol's plays of Three do not make it shared.
    QCOMPARE(summary(answer.json.value(QStringLiteral("tracks"))),
             QStringList{QStringLiteral("One 4 (Alice 3, Bob 1)")});
    QCOMPARE(summary(answer.json.value(QStringLiteral("artists"))),
             QStringList{QStringLiteral("X 6 (Alice 3, Bob 3)")});
}

void TestHubHousehold::overlap()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    Seeded seeded;
    QVERIFY(seed(hub, seeded));
    // Alice's artists {X, Y, Z}, Bob's {X, W}: one shared of four.
    const Answer answer =
        hub.call("GET", "/api/v1/household/overlap", seeded.alice, {}, {{"member", QByteArray::number(seeded.bobId)}});
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(QStringLiteral("jaccard")).toDouble(), 0.25);
    QCOMPARE(answer.json.value(QStringLiteral("shared_artists")).toInteger(), 1);
    QCOMPARE(answer.json.value(QStringLiteral("all_artists")).toInteger(), 4);
    QCOMPARE(answer.json.value(QStringLiteral("member")).toObject().value(QStringLiteral("display_name")).toString(),
             QStringLiteral("Bob"));
    QCOMPARE(summary(answer.json.value(QStringLiteral("top_shared_artists"))),
             QStringList{QStringLiteral("X 6 (Alice 3, Bob 3)")});
}

void TestHubHousehold::top()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    Seeded seeded;
    QVERIFY(seed(hub, seeded));
    const Answer month = hub.call("GET", "/api/v1/household/top", seeded.alice);
    QCOMPARE(month.status, 200);
    QCOMPARE(month.json.value(QStringLiteral("range")).toString(), QStringLiteral("month"));
    // Three and Four tie at 2 and are ordered by URI.
    QCOMPARE(summary(month.json.value(QStringLiteral("tracks"))),
             (QStringList{QStringLiteral("One 4 (Alice 3, Bob 1)"),
                          QStringLiteral("Three 2 (Alice 2)"),
                          QStringLiteral("Four 2 (Bob 2)"),
                          QStringLiteral("Two 1 (Alice 1)")}));
    const Answer week = hub.call("GET", "/api/v1/household/top", seeded.alice, {}, {{"range", "week"}});
    QCOMPARE(summary(week.json.value(QStringLiteral("tracks"))),
             (QStringList{QStringLiteral("One 4 (Alice 3, Bob 1)"),
                          QStringLiteral("Four 2 (Bob 2)"),
                          QStringLiteral("Two 1 (Alice 1)")}));
    const Answer all = hub.call("GET", "/api/v1/household/top", seeded.alice, {}, {{"range", "all"}, {"limit", "2"}});
    QCOMPARE(all.json.value(QStringLiteral("since_ms")).toInteger(), 0);
    QCOMPARE(summary(all.json.value(QStringLiteral("artists"))),
             (QStringList{QStringLiteral("X 6 (Alice 3, Bob 3)"), QStringLiteral("W 2 (Bob 2)")}));
}

void TestHubHousehold::badParameters_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("code");
    QTest::addRow("limit 0") << QByteArray("/api/v1/household/week") << QByteArray("limit") << QByteArray("0")
                             << QStringLiteral("invalid_limit");
    QTest::addRow("limit 51") << QByteArray("/api/v1/household/favourites") << QByteArray("limit") << QByteArray("51")
                              << QStringLiteral("invalid_limit");
    QTest::addRow("limit text") << QByteArray("/api/v1/household/top") << QByteArray("limit") << QByteArray("ten")
                                << QStringLiteral("invalid_limit");
    QTest::addRow("range") << QByteArray("/api/v1/household/top") << QByteArray("range") << QByteArray("decade")
                           << QStringLiteral("invalid_range");
    QTest::addRow("member missing") << QByteArray("/api/v1/household/overlap") << QByteArray("other") << QByteArray("1")
                                    << QStringLiteral("invalid_member");
    QTest::addRow("member text") << QByteArray("/api/v1/household/overlap") << QByteArray("member") << QByteArray("bob")
                                 << QStringLiteral("invalid_member");
}

void TestHubHousehold::badParameters()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(QString, code);
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const QByteArray token = hub.member(hub.createHousehold(QStringLiteral("Home")), QStringLiteral("Alice"));
    const Answer answer = hub.call("GET", path.constData(), token, {}, {{name, value}});
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.code, code);
    QVERIFY(!answer.json.value(QStringLiteral("detail")).toString().isEmpty());
}

void TestHubHousehold::isolation_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addRow("household") << QByteArray("/api/v1/household");
    QTest::addRow("week") << QByteArray("/api/v1/household/week");
    QTest::addRow("favourites") << QByteArray("/api/v1/household/favourites");
    QTest::addRow("top") << QByteArray("/api/v1/household/top");
    QTest::addRow("overlap") << QByteArray("/api/v1/household/overlap");
}

void TestHubHousehold::isolation()
{
    QFETCH(QByteArray, path);
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    Seeded seeded;
    QVERIFY(seed(hub, seeded));
    const QList<std::pair<QByteArray, QByteArray>> query{{"member", QByteArray::number(seeded.bobId)},
                                                         {"range", "all"}};
    QCOMPARE(hub.call("GET", path.constData(), {}, {}, query).status, 401);

    // Nothing of Carol, her household or her plays reaches Alice, whatever she asks.
    const Answer alice = hub.call("GET", path.constData(), seeded.alice, {}, query);
    QCOMPARE(alice.status, 200);
    QVERIFY(!alice.body.contains("Carol"));
    QVERIFY(!alice.body.contains("Elsewhere"));
    // And Carol sees only herself: Alice and Bob's names never appear.
    const QList<std::pair<QByteArray, QByteArray>> carolQuery{{"member", QByteArray::number(seeded.carolId)},
                                                              {"range", "all"}};
    const Answer carol = hub.call("GET", path.constData(), seeded.carol, {}, carolQuery);
    QCOMPARE(carol.status, 200);
    QVERIFY(!carol.body.contains("Alice"));
    QVERIFY(!carol.body.contains("Bob"));

    // A member of another household is unknown, as if the id did not exist.
    const Answer foreign = hub.call("GET",
                                    "/api/v1/household/overlap",
                                    seeded.alice,
                                    {},
                                    {{"member", QByteArray::number(seeded.carolId)}});
    QCOMPARE(foreign.status, 404);
    QCOMPARE(foreign.code, QStringLiteral("member_not_found"));
}

void TestHubHousehold::aggregation()
{
    // Ties: more plays first, then the lower member id; items by plays, then key.
    const QList<hub::HouseholdItem> items = hub::aggregateItems({{QStringLiteral("b"), QStringLiteral("B"), 2, 1},
                                                                 {QStringLiteral("a"), QStringLiteral("A"), 3, 1},
                                                                 {QStringLiteral("b"), QStringLiteral("B"), 1, 1},
                                                                 {QStringLiteral("c"), QStringLiteral("C"), 1, 5}});
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.at(0).key, QStringLiteral("c"));
    QCOMPARE(items.at(1).key, QStringLiteral("b"));
    QCOMPARE(items.at(1).plays, 2);
    QCOMPARE(items.at(1).members.at(0).memberId, 1);
    QCOMPARE(items.at(2).key, QStringLiteral("a"));
    QCOMPARE(hub::sharedItems(items).size(), 1);
    QCOMPARE(hub::sharedItems(items).at(0).key, QStringLiteral("b"));
    // Nobody played anything: no overlap, and no division by zero.
    const hub::TasteOverlap none = hub::tasteOverlap({}, 1, 2);
    QCOMPARE(none.jaccard, 0.0);
    QCOMPARE(none.unionCount, 0);
}

void TestHubHousehold::queriesUseTheIndexes()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    // 40 households of 5 members with 2,000 plays each over a year: 400,000 plays, the scale of a busy hub.
    pqxx::connection &connection = hub.database.connection();
    pqxx::nontransaction sql(connection);
    sql.exec0("INSERT INTO households (name) SELECT 'h' || i FROM generate_series(1, 40) i");
    sql.exec0("INSERT INTO members (household_id, display_name) SELECT h.id, 'm' || i FROM households h, "
              "generate_series(1, 5) i");
    sql.exec0(
        "INSERT INTO plays (member_id, client_id, played_at, track_uri, payload, payload_sha256) "
        "SELECT m.id, gen_random_uuid(), now() - (i % 365) * interval '1 day' - (i % 1440) * interval '1 minute', "
        "'spotify:track:' || lpad(to_hex(i % 5000), 22, '0'), "
        "jsonb_build_object('track_name', 't' || (i % 5000), 'artists', "
        "jsonb_build_array(jsonb_build_object('name', 'a' || (i % 700)))), "
        "md5(i::text) || md5(m.id::text) FROM members m, generate_series(1, 2000) i");
    sql.exec0("ANALYZE");
    const qint64 household = sql.exec1("SELECT min(id) FROM households")[0].as<qint64>();
    const std::string members =
        sql.exec_params1("SELECT array_agg(id)::text FROM members WHERE household_id = $1", household)[0].c_str();
    const qint64 weekAgo = QDateTime::currentMSecsSinceEpoch() - 7 * dayMs;
    for (const char *statement : {hub::householdTrackPlaysSql, hub::householdArtistPlaysSql}) {
        for (const qint64 since : {weekAgo, qint64(0)}) {
            const pqxx::result rows =
                sql.exec_params(std::string("EXPLAIN (ANALYZE, FORMAT TEXT) ") + statement, household, since, members);
            QString plan;
            for (const pqxx::row &row : rows) {
                plan += QString::fromUtf8(row[0].c_str()) + QLatin1Char('\n');
            }
            qInfo().noquote() << (since == 0 ? "all time:" : "last week:") << plan.section(QLatin1Char('\n'), -2);
            // A week reads its range of each member's plays; all time reads each member's plays (by either index
            // that starts with member_id), never every household's.
            const QRegularExpression index(since == 0
                                               ? QStringLiteral("Index (Only )?Scan (using|on) plays_")
                                               : QStringLiteral("Index Scan (using|on) plays_member_played_at_idx"));
            QVERIFY2(plan.contains(index), qPrintable(plan));
            QVERIFY2(!plan.contains(QLatin1String("Seq Scan on plays")), qPrintable(plan));
        }
    }
}

QTEST_GUILESS_MAIN(TestHubHousehold)
#include "tst_hubhousehold.moc"
