// Concerts on the hub against a real PostgreSQL and the fake Ticketmaster and SeatGeek over loopback: the home
// location command, the refresh job (paging, matching, learned attraction ids, the persisted daily budget, 429,
// a provider that is down, one refresher at a time) and GET /api/v1/concerts (radius and dates, who follows or
// plays each artist, isolation between households, authentication).

#include "hub/concerts.h"
#include "tests/concerts/berlinshows.h"
#include "tests/hub/inprocesshub.h"
#include "tests/support/concerts/fakeseatgeek.h"
#include "tests/support/concerts/faketicketmaster.h"
#include "tests/support/testenv.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

#include <optional>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

using hubtest::Answer;
using hubtest::InProcessHub;
using testsupport::FakeConcert;
using testsupport::FakeConcertCatalogue;
using testsupport::FakeSeatGeek;
using testsupport::FakeTicketmaster;

namespace
{

const QString theNational = QStringLiteral("The National");
const QString khruangbin = QStringLiteral("Khruangbin");
const QString haniaRani = QStringLiteral("Hania Rani");

QString artistUri(const QString &name)
{
    return QStringLiteral("spotify:artist:") + testsupport::fakeSpotifyArtistId(name);
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject snapshot(const QStringList &followed, const QStringList &top)
{
    QJsonArray followedUris;
    QJsonArray topUris;
    QJsonArray names;
    for (const QString &name : followed) {
        followedUris.append(artistUri(name));
        names.append(QJsonObject{{QStringLiteral("uri"), artistUri(name)}, {QStringLiteral("name"), name}});
    }
    for (const QString &name : top) {
        topUris.append(artistUri(name));
        if (!followed.contains(name)) {
            names.append(QJsonObject{{QStringLiteral("uri"), artistUri(name)}, {QStringLiteral("name"), name}});
        }
    }
    return QJsonObject{{QStringLiteral("id"), newId()},
                       {QStringLiteral("kind"), QStringLiteral("library_snapshot")},
                       {QStringLiteral("payload"),
                        QJsonObject{{QStringLiteral("taken_at_ms"), QDateTime::currentMSecsSinceEpoch()},
                                    {QStringLiteral("followed_artists"), followedUris},
                                    {QStringLiteral("top_artists"), topUris},
                                    {QStringLiteral("artists"), names}}}};
}

QJsonObject play(const QString &artist, int n)
{
    const QJsonObject credit{{QStringLiteral("name"), artist}, {QStringLiteral("uri"), artistUri(artist)}};
    QJsonArray artists;
    artists.append(credit);
    const QJsonObject payload{
        {QStringLiteral("track_name"), QStringLiteral("Track %1").arg(n)},
        {QStringLiteral("track_uri"),
         QString(QStringLiteral("spotify:track:") + QStringLiteral("%1").arg(n, 22, 10, QLatin1Char('0')))},
        {QStringLiteral("played_at_ms"), QDateTime::currentMSecsSinceEpoch() - qint64(n) * 1000},
        {QStringLiteral("artists"), artists}};
    return QJsonObject{{QStringLiteral("id"), newId()},
                       {QStringLiteral("kind"), QStringLiteral("play")},
                       {QStringLiteral("payload"), payload}};
}

// A show of `act` in `days` days at the catalogue's first Berlin venue, or moved to another place.
FakeConcert show(const QString &act, int days, const QString &ticketmasterId)
{
    const QDate date = QDate::currentDate().addDays(days);
    const std::optional<FakeConcert> concert =
        concerttests::berlinShow(FakeConcertCatalogue::standard(), act, date, ticketmasterId);
    Q_ASSERT(concert);
    return *concert;
}

FakeConcert moved(FakeConcert concert, const QString &venue, const QString &city, double latitude, double longitude)
{
    concert.venue.ticketmasterId = QStringLiteral("KovZmoved") + concert.ticketmasterId;
    concert.venue.name = venue;
    concert.venue.city = city;
    concert.venue.latitude = latitude;
    concert.venue.longitude = longitude;
    return concert;
}

// The National twice near Berlin (Funkhaus, about 8 km from the centre; Potsdam, about 27 km), Khruangbin in
// Berlin, Hania Rani in London, each in the coming weeks.
FakeConcertCatalogue catalogue()
{
    FakeConcertCatalogue shows;
    shows.add(show(theNational, 30, QStringLiteral("G5hubNat1")));
    shows.add(moved(show(theNational, 45, QStringLiteral("G5hubNat2")),
                    QStringLiteral("Waschhaus"),
                    QStringLiteral("Potsdam"),
                    52.4005,
                    13.0660));
    shows.add(show(khruangbin, 60, QStringLiteral("G5hubKhr1")));
    FakeConcert london = moved(show(haniaRani, 20, QStringLiteral("G5hubHan1")),
                               QStringLiteral("Royal Albert Hall"),
                               QStringLiteral("London"),
                               51.5009,
                               -0.1774);
    london.venue.countryCode = QStringLiteral("GB");
    london.venue.countryName = QStringLiteral("Great Britain");
    shows.add(london);
    return shows;
}

hub::ConcertConfig ticketmasterConfig(const FakeTicketmaster &ticketmaster, int dailyBudget = 5000)
{
    hub::ConcertConfig config;
    config.ticketmasterKey = FakeTicketmaster::defaultApiKey();
    config.ticketmasterUrl = ticketmaster.baseUrl().toString();
    config.ticketmasterDailyBudget = dailyBudget;
    return config;
}

hub::ConcertRefreshReport refresh(InProcessHub &hub, const hub::ConcertConfig &config)
{
    hub::ConcertRefresher refresher(hub::ConnectionString(hub.database.url()), config);
    // One event a page, so that an artist with two shows takes two pages; retries after 20 ms, not seconds.
    refresher.setTuning({1, std::chrono::milliseconds(20)});
    return refresher.runAndWait();
}

// tunescout-hub concerts refresh against the fake, in a process of its own.
hubtest::HubRun refreshProcess(InProcessHub &hub, const FakeTicketmaster &ticketmaster, const QStringList &extra = {})
{
    return hubtest::runHub(QStringList{QStringLiteral("concerts"),
                                       QStringLiteral("refresh"),
                                       QStringLiteral("--database-url"),
                                       hub.database.url(),
                                       QStringLiteral("--ticketmaster-key"),
                                       FakeTicketmaster::defaultApiKey(),
                                       QStringLiteral("--ticketmaster-url"),
                                       ticketmaster.baseUrl().toString()}
                           + extra);
}

// Ages what the last refresh cached by two days, as if its time-to-live had passed.
void expireCache(InProcessHub &hub)
{
    hub.database.scalar("WITH a AS (UPDATE concert_searches SET fetched_at = fetched_at - interval '2 days', "
                        "expires_at = expires_at - interval '2 days' RETURNING 1), b AS (UPDATE concert_events SET "
                        "fetched_at = fetched_at - interval '2 days', expires_at = expires_at - interval '2 days' "
                        "RETURNING 1) SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM b)");
}

QList<std::pair<QByteArray, QByteArray>> query(const QByteArray &name, const QByteArray &value)
{
    return {{name, value}};
}

QStringList eventIds(const Answer &answer)
{
    QStringList ids;
    for (const QJsonValue &concert : answer.json.value(QStringLiteral("concerts")).toArray()) {
        ids << concert.toObject().value(QStringLiteral("provider_event_id")).toString();
    }
    return ids;
}

QJsonObject concertOf(const Answer &answer, const QString &eventId)
{
    for (const QJsonValue &concert : answer.json.value(QStringLiteral("concerts")).toArray()) {
        if (concert.toObject().value(QStringLiteral("provider_event_id")).toString() == eventId) {
            return concert.toObject();
        }
    }
    return {};
}

// On a connection of the hub's pool, where the statements are prepared.
void setHome(InProcessHub &hub, qint64 household, const hub::HomeLocation &home)
{
    hub.pool->run([&](pqxx::connection &connection) {
        pqxx::work transaction(connection);
        hub::ConcertStore::setHomeLocation(transaction, household, home);
        transaction.commit();
    });
}

// Two households: "Home" in Berlin with Alice and Bob, "Flat" in London with Carol.
struct Seeded {
    qint64 home = 0;
    qint64 flat = 0;
    QByteArray alice;
    QByteArray bob;
    QByteArray carol;
};

Seeded seed(InProcessHub &hub)
{
    Seeded seeded;
    seeded.home = hub.createHousehold(QStringLiteral("Home"));
    seeded.flat = hub.createHousehold(QStringLiteral("Flat"));
    seeded.alice = hub.member(seeded.home, QStringLiteral("Alice"));
    seeded.bob = hub.member(seeded.home, QStringLiteral("Bob"));
    seeded.carol = hub.member(seeded.flat, QStringLiteral("Carol"));
    // Alice follows The National and has Khruangbin and The National as long-term top artists; Bob follows
    // Khruangbin and plays The National; Carol follows Hania Rani.
    hub.sync(seeded.alice, {snapshot({theNational}, {khruangbin, theNational})});
    hub.sync(seeded.bob, {snapshot({khruangbin}, {}), play(theNational, 1), play(theNational, 2)});
    hub.sync(seeded.carol, {snapshot({haniaRani}, {})});
    setHome(hub, seeded.home, {QStringLiteral("Berlin"), 52.52, 13.405, 50});
    setHome(hub, seeded.flat, {QStringLiteral("London"), 51.5072, -0.1276, 30});
    return seeded;
}

int requestsInDatabase(InProcessHub &hub, const char *provider)
{
    return int(hub.database.scalar(std::string("SELECT coalesce(sum(requests), 0) FROM concert_request_budgets WHERE "
                                               "day = (now() AT TIME ZONE 'UTC')::date AND provider = '")
                                   + provider + "'"));
}

} // namespace

class TestHubConcerts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void snapshotsCarryTopArtistsAndNames();
    void householdLocationCommand();
    void refreshPagesMatchesAndLearnsAttractionIds();
    void dailyBudgetStopsAndSurvivesANewJob();
    void retriesAfter429();
    void providerDownKeepsTheCache();
    void oneRefresherAtATime();
    void scheduleRefreshesAtStart();
    void seatGeekShowsBothProvidersListOnce();
    void endpointFiltersAndSaysWho();
    void endpointIsolationAndErrors();
};

void TestHubConcerts::init()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
}

void TestHubConcerts::snapshotsCarryTopArtistsAndNames()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const QByteArray alice = hub.member(hub.createHousehold(QStringLiteral("Home")), QStringLiteral("Alice"));
    QJsonObject unnamed = snapshot({theNational}, {});
    QJsonObject payload = unnamed.value(QStringLiteral("payload")).toObject();
    payload.insert(QStringLiteral("artists"), QJsonArray{QJsonObject{{QStringLiteral("uri"), artistUri(theNational)}}});
    unnamed.insert(QStringLiteral("payload"), payload);
    QJsonObject badTop = snapshot({}, {});
    payload = badTop.value(QStringLiteral("payload")).toObject();
    payload.insert(QStringLiteral("top_artists"), QJsonArray{QStringLiteral("spotify:track:0000000000000000000001")});
    badTop.insert(QStringLiteral("payload"), payload);
    // An older client's snapshot, without the new fields, still lands.
    QJsonObject older = snapshot({theNational}, {});
    payload = older.value(QStringLiteral("payload")).toObject();
    payload.remove(QStringLiteral("top_artists"));
    payload.remove(QStringLiteral("artists"));
    older.insert(QStringLiteral("payload"), payload);

    const Answer answer = hub.sync(alice, {snapshot({theNational}, {khruangbin}), unnamed, badTop, older});
    QCOMPARE(answer.status, 200);
    const QJsonArray results = answer.json.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.at(0).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("created"));
    QCOMPARE(results.at(1).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("invalid"));
    QCOMPARE(results.at(1).toObject().value(QStringLiteral("reason")).toString(),
             QStringLiteral("an artist of the library snapshot needs the field \"name\"."));
    QCOMPARE(results.at(2).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("invalid"));
    QVERIFY2(results.at(2)
                 .toObject()
                 .value(QStringLiteral("reason"))
                 .toString()
                 .contains(QStringLiteral("\"top_artists\" in the library snapshot must be a Spotify artist URI")),
             qPrintable(results.at(2).toObject().value(QStringLiteral("reason")).toString()));
    QCOMPARE(results.at(3).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("created"));
}

void TestHubConcerts::householdLocationCommand()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const qint64 home = hub.createHousehold(QStringLiteral("Home"));
    const QStringList database{QStringLiteral("--database-url"), hub.database.url()};

    const hubtest::HubRun city = hubtest::runHub(QStringList{QStringLiteral("household"),
                                                             QStringLiteral("location"),
                                                             QStringLiteral("Home"),
                                                             QStringLiteral("berlin"),
                                                             QStringLiteral("--radius-km"),
                                                             QStringLiteral("30")}
                                                 + database);
    QCOMPARE(city.exitCode, 0);
    QVERIFY2(city.standardOutput.contains(QStringLiteral("within 30 km of Berlin")), qPrintable(city.standardOutput));
    QCOMPARE(hub.database.scalar("SELECT round(radius_km) FROM household_locations"), 30);
    QCOMPARE(hub.database.scalar("SELECT round(latitude) FROM household_locations"), 53);

    // Coordinates replace the city; the default radius is 50 km.
    const hubtest::HubRun point = hubtest::runHub(QStringList{QStringLiteral("household"),
                                                              QStringLiteral("location"),
                                                              QString::number(home),
                                                              QStringLiteral("51.5,-0.12")}
                                                  + database);
    QCOMPARE(point.exitCode, 0);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM household_locations"), 1);
    QCOMPARE(hub.database.scalar("SELECT round(radius_km) FROM household_locations"), 50);
    QCOMPARE(hub.database.scalar("SELECT round(longitude * 100) FROM household_locations"), -12);

    const hubtest::HubRun unknownPlace = hubtest::runHub(QStringList{QStringLiteral("household"),
                                                                     QStringLiteral("location"),
                                                                     QStringLiteral("Home"),
                                                                     QStringLiteral("Atlantis")}
                                                         + database);
    QCOMPARE(unknownPlace.exitCode, 2);
    QVERIFY2(unknownPlace.standardError.contains(QStringLiteral("Atlantis")), qPrintable(unknownPlace.standardError));
    const hubtest::HubRun badRadius = hubtest::runHub(QStringList{QStringLiteral("household"),
                                                                  QStringLiteral("location"),
                                                                  QStringLiteral("Home"),
                                                                  QStringLiteral("Berlin"),
                                                                  QStringLiteral("--radius-km"),
                                                                  QStringLiteral("0")}
                                                      + database);
    QCOMPARE(badRadius.exitCode, 2);
    QVERIFY2(badRadius.standardError.contains(QStringLiteral("--radius-km")), qPrintable(badRadius.standardError));
    const hubtest::HubRun unknownHousehold = hubtest::runHub(QStringList{QStringLiteral("household"),
                                                                         QStringLiteral("location"),
                                                                         QStringLiteral("Elsewhere"),
                                                                         QStringLiteral("Berlin")}
                                                             + database);
    QCOMPARE(unknownHousehold.exitCode, 1);
    QVERIFY2(unknownHousehold.standardError.contains(QStringLiteral("There is no household")),
             qPrintable(unknownHousehold.standardError));
    QCOMPARE(hub.database.scalar("SELECT round(radius_km) FROM household_locations"), 50);
}

void TestHubConcerts::refreshPagesMatchesAndLearnsAttractionIds()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    seed(hub);
    FakeTicketmaster ticketmaster(catalogue());
    QVERIFY(ticketmaster.isListening());

    const hub::ConcertRefreshReport first = refresh(hub, ticketmasterConfig(ticketmaster));
    QCOMPARE(first.outcome, hub::ConcertRefreshReport::Outcome::Refreshed);
    QCOMPARE(first.households, 2);
    QCOMPARE(first.artists, 3); // The National and Khruangbin for Home, Hania Rani for Flat
    QCOMPARE(first.providers.size(), 1);
    QVERIFY2(first.providers.at(0).error.isEmpty(), qPrintable(first.providers.at(0).error));
    QCOMPARE(first.providers.at(0).searches, 3);
    QCOMPARE(first.providers.at(0).events, 4);
    // The National's two shows come a page each.
    QCOMPARE(first.providers.at(0).requests, 4);
    QCOMPARE(ticketmaster.requestCount(), 4);
    int secondPages = 0;
    for (const testsupport::FakeConcertRequest &request : ticketmaster.requests()) {
        QCOMPARE(request.query.queryItemValue(QStringLiteral("unit")), QStringLiteral("km"));
        QVERIFY(!request.query.queryItemValue(QStringLiteral("geoPoint")).isEmpty());
        secondPages += request.query.queryItemValue(QStringLiteral("page")) == QLatin1String("1") ? 1 : 0;
    }
    QCOMPARE(secondPages, 1);
    QCOMPARE(requestsInDatabase(hub, "ticketmaster"), 4);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM concert_events"), 4);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM concert_matches WHERE matched_by = 'spotify_id'"), 4);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM concert_attractions WHERE provider = 'ticketmaster'"), 3);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM concert_events WHERE expires_at - fetched_at = interval '24 "
                                 "hours'"),
             4);

    // Fresh answers are not asked again.
    ticketmaster.clearRequests();
    const hub::ConcertRefreshReport fresh = refresh(hub, ticketmasterConfig(ticketmaster));
    QCOMPARE(fresh.fresh, 3);
    QCOMPARE(fresh.artists, 0);
    QCOMPARE(ticketmaster.requestCount(), 0);

    // Once expired, each artist is asked by the attraction id learned from the Spotify link.
    expireCache(hub);
    const hub::ConcertRefreshReport again = refresh(hub, ticketmasterConfig(ticketmaster));
    QCOMPARE(again.artists, 3);
    // Runs this close together may meet the fake's five a second across them (each run spaces its own
    // requests): a 429 is retried, so only the answered requests are counted.
    QCOMPARE(ticketmaster.requestCount(200), 4);
    for (const testsupport::FakeConcertRequest &request : ticketmaster.requests()) {
        QVERIFY(request.query.hasQueryItem(QStringLiteral("attractionId")));
        QVERIFY(!request.query.hasQueryItem(QStringLiteral("keyword")));
    }
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM concert_matches WHERE matched_by = 'attraction_id'"), 4);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM concert_events WHERE expires_at > now()"), 4);
    QCOMPARE(requestsInDatabase(hub, "ticketmaster"), 4 + ticketmaster.requestCount());
}

void TestHubConcerts::dailyBudgetStopsAndSurvivesANewJob()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    seed(hub);
    FakeTicketmaster ticketmaster(catalogue());

    // Four requests would do; a budget of two stops after two, whichever artist comes first.
    const hub::ConcertRefreshReport spent = refresh(hub, ticketmasterConfig(ticketmaster, 2));
    QCOMPARE(ticketmaster.requestCount(), 2);
    QVERIFY(spent.providers.at(0).budgetSpent);
    QVERIFY(spent.providers.at(0).skipped >= 1);
    QVERIFY(spent.providers.at(0).error.isEmpty());
    QCOMPARE(requestsInDatabase(hub, "ticketmaster"), 2);
    QVERIFY2(hub::describe(spent).contains(QStringLiteral("the daily budget is spent")),
             qPrintable(hub::describe(spent)));

    // A new job object starts from the persisted count: nothing is left.
    const hub::ConcertRefreshReport none = refresh(hub, ticketmasterConfig(ticketmaster, 2));
    QCOMPARE(ticketmaster.requestCount(), 2);
    QVERIFY(none.providers.at(0).budgetSpent);
    QCOMPARE(none.providers.at(0).requestsToday, 2);

    // So does a new process.
    const hubtest::HubRun process =
        refreshProcess(hub, ticketmaster, {QStringLiteral("--ticketmaster-daily-budget"), QStringLiteral("2")});
    QCOMPARE(process.exitCode, 0);
    QVERIFY2(process.standardOutput.contains(QStringLiteral("the daily budget is spent")),
             qPrintable(process.standardOutput + process.standardError));
    QVERIFY2(process.standardError.contains(QStringLiteral("the daily budget of 2 requests is spent")),
             qPrintable(process.standardError));
    QCOMPARE(ticketmaster.requestCount(), 2);

    // A larger budget allows exactly the difference.
    refresh(hub, ticketmasterConfig(ticketmaster, 3));
    QCOMPARE(ticketmaster.requestCount(), 3);
    QCOMPARE(requestsInDatabase(hub, "ticketmaster"), 3);
}

void TestHubConcerts::retriesAfter429()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    seed(hub);
    FakeTicketmaster ticketmaster(catalogue());
    // The first 429 says when to come back; the second does not (Ticketmaster's own answers carry none).
    ticketmaster.rateLimitNext(1, 2);
    ticketmaster.rateLimitNext(1);
    const hub::ConcertRefreshReport report = refresh(hub, ticketmasterConfig(ticketmaster));
    QVERIFY2(report.providers.at(0).error.isEmpty(), qPrintable(report.providers.at(0).error));
    QCOMPARE(report.providers.at(0).searches, 3);
    QCOMPARE(report.providers.at(0).events, 4);
    QCOMPARE(ticketmaster.requestCount(429), 2);
    QCOMPARE(ticketmaster.requestCount(), 6);
    // The retry waited the two seconds Retry-After asked for (the backoff alone would be 200 ms at most here).
    const QList<testsupport::FakeConcertRequest> log = ticketmaster.requests();
    QCOMPARE(log.at(0).status, 429);
    QVERIFY2(log.at(1).receivedAtMs - log.at(0).receivedAtMs >= 1900,
             qPrintable(QString::number(log.at(1).receivedAtMs - log.at(0).receivedAtMs)));
    // Refused requests count against the budget too.
    QCOMPARE(requestsInDatabase(hub, "ticketmaster"), 6);
}

void TestHubConcerts::providerDownKeepsTheCache()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const Seeded seeded = seed(hub);
    FakeTicketmaster ticketmaster(catalogue());
    refresh(hub, ticketmasterConfig(ticketmaster));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM concert_events"), 4);
    expireCache(hub);

    QVERIFY(ticketmaster.setDown(true));
    const hub::ConcertRefreshReport down = refresh(hub, ticketmasterConfig(ticketmaster));
    QCOMPARE(down.outcome, hub::ConcertRefreshReport::Outcome::Refreshed);
    QVERIFY2(down.providers.at(0).error.contains(QStringLiteral("could not be reached")),
             qPrintable(down.providers.at(0).error));
    QCOMPARE(down.providers.at(0).searches, 0);
    QCOMPARE(down.providers.at(0).skipped, 3);
    QVERIFY2(hub::describe(down).contains(QStringLiteral("its cached events were kept")),
             qPrintable(hub::describe(down)));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM concert_events"), 4);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM concert_matches"), 4);

    // The household still sees them, marked stale with their age.
    const Answer answer = hub.call("GET", "/api/v1/concerts", seeded.alice);
    QCOMPARE(answer.status, 200);
    const QJsonArray concerts = answer.json.value(QStringLiteral("concerts")).toArray();
    QCOMPARE(concerts.size(), 3);
    for (const QJsonValue &concert : concerts) {
        QCOMPARE(concert.toObject().value(QStringLiteral("stale")).toBool(), true);
        QVERIFY(concert.toObject().value(QStringLiteral("cache_age_s")).toInteger() >= 2 * 86400);
    }

    // The command says so with a failing status, for cron.
    const hubtest::HubRun process = refreshProcess(hub, ticketmaster);
    QCOMPARE(process.exitCode, 1);
    QVERIFY2(process.standardOutput.contains(QStringLiteral("Ticketmaster could not be reached")),
             qPrintable(process.standardOutput));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM concert_events"), 4);
}

void TestHubConcerts::oneRefresherAtATime()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    seed(hub);
    FakeTicketmaster ticketmaster(catalogue());
    {
        pqxx::nontransaction session(hub.database.connection());
        session.exec_params("SELECT pg_advisory_lock($1::bigint)", hub::concertsLockKey);
    }
    const hub::ConcertRefreshReport blocked = refresh(hub, ticketmasterConfig(ticketmaster));
    QCOMPARE(blocked.outcome, hub::ConcertRefreshReport::Outcome::AlreadyRunning);
    QCOMPARE(ticketmaster.requestCount(), 0);
    {
        pqxx::nontransaction session(hub.database.connection());
        session.exec_params("SELECT pg_advisory_unlock($1::bigint)", hub::concertsLockKey);
    }
    QCOMPARE(refresh(hub, ticketmasterConfig(ticketmaster)).outcome, hub::ConcertRefreshReport::Outcome::Refreshed);
    QCOMPARE(ticketmaster.requestCount(), 4);

    hub::ConcertConfig none;
    QCOMPARE(refresh(hub, none).outcome, hub::ConcertRefreshReport::Outcome::NoProviders);
    const hubtest::HubRun process = hubtest::runHub(
        {QStringLiteral("concerts"), QStringLiteral("refresh"), QStringLiteral("--database-url"), hub.database.url()});
    QCOMPARE(process.exitCode, 2);
    QVERIFY2(process.standardError.contains(QStringLiteral("TUNESCOUT_HUB_TICKETMASTER_KEY")),
             qPrintable(process.standardError));
}

void TestHubConcerts::scheduleRefreshesAtStart()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    seed(hub);
    FakeTicketmaster ticketmaster(catalogue());
    hub::ConcertConfig off = ticketmasterConfig(ticketmaster);
    off.intervalMin = 0;
    hub::ConcertScheduler never(hub::ConnectionString(hub.database.url()), off);
    never.start();
    // serve's schedule runs on the event loop: a refresh at start, then every interval (an hour here).
    hub::ConcertConfig hourly = ticketmasterConfig(ticketmaster);
    hourly.intervalMin = 60;
    hub::ConcertScheduler schedule(hub::ConnectionString(hub.database.url()), hourly);
    schedule.start();
    QTRY_COMPARE_WITH_TIMEOUT(hub.database.scalar("SELECT count(*) FROM concert_searches"), 3, 60000);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM concert_events"), 4);
    QCOMPARE(ticketmaster.requestCount(200), 3); // the default page size: one request an artist
}

void TestHubConcerts::seatGeekShowsBothProvidersListOnce()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const qint64 household = hub.createHousehold(QStringLiteral("Brooklyn"));
    const QByteArray dana = hub.member(household, QStringLiteral("Dana"));
    hub.sync(dana, {snapshot({theNational}, {})});
    setHome(hub, household, {QStringLiteral("Brooklyn"), 40.6782, -73.9442, 20});
    // A North American show: listed by both providers.
    FakeConcert brooklyn = moved(show(theNational, 25, QStringLiteral("G5hubNat9")),
                                 QStringLiteral("Kings Theatre"),
                                 QStringLiteral("Brooklyn"),
                                 40.6461,
                                 -73.9576);
    brooklyn.seatGeekId = 9100001;
    brooklyn.venue.seatGeekId = 424242;
    brooklyn.venue.countryCode = QStringLiteral("US");
    brooklyn.performers.first().seatGeekId = 9200001;
    FakeConcertCatalogue shows;
    shows.add(brooklyn);
    FakeTicketmaster ticketmaster(shows);
    FakeSeatGeek seatGeek(shows);
    hub::ConcertConfig config = ticketmasterConfig(ticketmaster);
    config.seatGeekClientId = FakeSeatGeek::defaultClientId();
    config.seatGeekUrl = seatGeek.baseUrl().toString() + QStringLiteral("/2");
    const hub::ConcertRefreshReport report = refresh(hub, config);
    QCOMPARE(report.providers.size(), 2);
    QCOMPARE(report.providers.at(1).provider, QStringLiteral("SeatGeek"));
    QVERIFY2(report.providers.at(1).error.isEmpty(), qPrintable(report.providers.at(1).error));
    QCOMPARE(report.providers.at(1).events, 1);
    QCOMPARE(seatGeek.requestCount(), 1);
    QCOMPARE(requestsInDatabase(hub, "seatgeek"), 1);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM concert_matches WHERE provider = 'seatgeek' AND matched_by = "
                                 "'name'"),
             1);

    const Answer answer = hub.call("GET", "/api/v1/concerts", dana);
    QCOMPARE(answer.status, 200);
    QCOMPARE(eventIds(answer), QStringList{QStringLiteral("G5hubNat9")});
}

void TestHubConcerts::endpointFiltersAndSaysWho()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const Seeded seeded = seed(hub);
    FakeTicketmaster ticketmaster(catalogue());
    refresh(hub, ticketmasterConfig(ticketmaster));

    const Answer all = hub.call("GET", "/api/v1/concerts", seeded.alice);
    QCOMPARE(all.status, 200);
    QCOMPARE(eventIds(all),
             (QStringList{QStringLiteral("G5hubNat1"), QStringLiteral("G5hubNat2"), QStringLiteral("G5hubKhr1")}));
    QCOMPARE(all.json.value(QStringLiteral("radius_km")).toDouble(), 50.0);
    QCOMPARE(all.json.value(QStringLiteral("home")).toObject().value(QStringLiteral("place")).toString(),
             QStringLiteral("Berlin"));

    const QJsonObject national = concertOf(all, QStringLiteral("G5hubNat1"));
    QCOMPARE(national.value(QStringLiteral("artist")).toObject().value(QStringLiteral("name")).toString(), theNational);
    QCOMPARE(national.value(QStringLiteral("artist")).toObject().value(QStringLiteral("uri")).toString(),
             artistUri(theNational));
    QCOMPARE(national.value(QStringLiteral("provider")).toString(), QStringLiteral("ticketmaster"));
    QCOMPARE(national.value(QStringLiteral("local_date")).toString(),
             QDate::currentDate().addDays(30).toString(Qt::ISODate));
    QCOMPARE(national.value(QStringLiteral("local_time")).toString(), QStringLiteral("20:00"));
    QCOMPARE(national.value(QStringLiteral("venue")).toObject().value(QStringLiteral("city")).toString(),
             QStringLiteral("Berlin"));
    QVERIFY(national.value(QStringLiteral("ticket_url")).toString().endsWith(QStringLiteral("G5hubNat1")));
    const double distance = national.value(QStringLiteral("distance_km")).toDouble();
    QVERIFY2(distance > 5 && distance < 10, qPrintable(QString::number(distance)));
    QCOMPARE(national.value(QStringLiteral("stale")).toBool(), false);
    QVERIFY(national.value(QStringLiteral("cache_age_s")).toInteger() < 600);

    // Who: Alice follows The National and has it second among her top artists; Bob played it twice.
    const QJsonArray who = national.value(QStringLiteral("who")).toArray();
    QCOMPARE(who.size(), 2);
    QCOMPARE(who.at(0).toObject().value(QStringLiteral("display_name")).toString(), QStringLiteral("Alice"));
    QCOMPARE(who.at(0).toObject().value(QStringLiteral("you")).toBool(), true);
    QCOMPARE(who.at(0).toObject().value(QStringLiteral("follows")).toBool(), true);
    QCOMPARE(who.at(0).toObject().value(QStringLiteral("top_rank")).toInt(), 2);
    QCOMPARE(who.at(0).toObject().value(QStringLiteral("plays")).toInteger(), 0);
    QCOMPARE(who.at(1).toObject().value(QStringLiteral("display_name")).toString(), QStringLiteral("Bob"));
    QCOMPARE(who.at(1).toObject().value(QStringLiteral("you")).toBool(), false);
    QCOMPARE(who.at(1).toObject().value(QStringLiteral("follows")).toBool(), false);
    QVERIFY(who.at(1).toObject().value(QStringLiteral("top_rank")).isNull());
    QCOMPARE(who.at(1).toObject().value(QStringLiteral("plays")).toInteger(), 2);
    // The same show seen by Bob: he is "you".
    const QJsonArray bobsView = concertOf(hub.call("GET", "/api/v1/concerts", seeded.bob), QStringLiteral("G5hubNat1"))
                                    .value(QStringLiteral("who"))
                                    .toArray();
    QCOMPARE(bobsView.at(0).toObject().value(QStringLiteral("you")).toBool(), false);
    QCOMPARE(bobsView.at(1).toObject().value(QStringLiteral("you")).toBool(), true);
    const QJsonArray khruangbinWho = concertOf(all, QStringLiteral("G5hubKhr1")).value(QStringLiteral("who")).toArray();
    QCOMPARE(khruangbinWho.at(0).toObject().value(QStringLiteral("top_rank")).toInt(), 1);
    QCOMPARE(khruangbinWho.at(1).toObject().value(QStringLiteral("follows")).toBool(), true);

    // Radius: Potsdam is about 27 km out.
    const Answer near = hub.call("GET", "/api/v1/concerts", seeded.alice, {}, query("radius_km", "15"));
    QCOMPARE(near.status, 200);
    QCOMPARE(eventIds(near), (QStringList{QStringLiteral("G5hubNat1"), QStringLiteral("G5hubKhr1")}));

    // Dates: from and to are inclusive local dates.
    const QByteArray day30 = QDate::currentDate().addDays(30).toString(Qt::ISODate).toLatin1();
    const QByteArray day45 = QDate::currentDate().addDays(45).toString(Qt::ISODate).toLatin1();
    const Answer window = hub.call("GET",
                                   "/api/v1/concerts",
                                   seeded.alice,
                                   {},
                                   {{QByteArrayLiteral("from"), day30}, {QByteArrayLiteral("to"), day45}});
    QCOMPARE(window.status, 200);
    QCOMPARE(eventIds(window), (QStringList{QStringLiteral("G5hubNat1"), QStringLiteral("G5hubNat2")}));
    const Answer later = hub.call("GET", "/api/v1/concerts", seeded.alice, {}, query("from", day45));
    QCOMPARE(eventIds(later), (QStringList{QStringLiteral("G5hubNat2"), QStringLiteral("G5hubKhr1")}));
}

void TestHubConcerts::endpointIsolationAndErrors()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const Seeded seeded = seed(hub);
    FakeTicketmaster ticketmaster(catalogue());
    refresh(hub, ticketmasterConfig(ticketmaster));

    const Answer flat = hub.call("GET", "/api/v1/concerts", seeded.carol);
    QCOMPARE(flat.status, 200);
    QCOMPARE(eventIds(flat), QStringList{QStringLiteral("G5hubHan1")});
    const QJsonArray who = concertOf(flat, QStringLiteral("G5hubHan1")).value(QStringLiteral("who")).toArray();
    QCOMPARE(who.size(), 1);
    QCOMPARE(who.at(0).toObject().value(QStringLiteral("display_name")).toString(), QStringLiteral("Carol"));
    QVERIFY(!eventIds(hub.call("GET", "/api/v1/concerts", seeded.alice)).contains(QStringLiteral("G5hubHan1")));

    QCOMPARE(hub.call("GET", "/api/v1/concerts").status, 401);
    QCOMPARE(hub.call("GET", "/api/v1/concerts", QByteArrayLiteral("hub_not-a-token")).status, 401);

    const QByteArray erin = hub.member(hub.createHousehold(QStringLiteral("Nowhere")), QStringLiteral("Erin"));
    const Answer noHome = hub.call("GET", "/api/v1/concerts", erin);
    QCOMPARE(noHome.status, 409);
    QCOMPARE(noHome.code, QStringLiteral("no_home_location"));

    for (const QByteArray &radius : {QByteArrayLiteral("0"), QByteArrayLiteral("501"), QByteArrayLiteral("far")}) {
        const Answer bad = hub.call("GET", "/api/v1/concerts", seeded.alice, {}, query("radius_km", radius));
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.code, QStringLiteral("invalid_radius"));
    }
    for (const QByteArray &date :
         {QByteArrayLiteral("2026-13-01"), QByteArrayLiteral("tomorrow"), QByteArrayLiteral("2026-1-1")}) {
        const Answer bad = hub.call("GET", "/api/v1/concerts", seeded.alice, {}, query("from", date));
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.code, QStringLiteral("invalid_date"));
    }
    const Answer backwards = hub.call("GET",
                                      "/api/v1/concerts",
                                      seeded.alice,
                                      {},
                                      {{QByteArrayLiteral("from"), QByteArrayLiteral("2030-01-02")},
                                       {QByteArrayLiteral("to"), QByteArrayLiteral("2030-01-01")}});
    QCOMPARE(backwards.status, 400);
}

QTEST_GUILESS_MAIN(TestHubConcerts)
#include "tst_hubconcerts.moc"
