// The hub's household concerts on the client (engine/concerts/householdconcerts.h) and the library snapshot a
// sync queues for the hub (engine/store/librarysnapshot.h), on a real SQLite cache: reading the hub's answer,
// errors that name the entry, the cache keeping one show per artist and an empty answer, and the snapshot
// queued only when the library changed.

#include "engine/concerts/householdconcerts.h"
#include "engine/store/libraryrepository.h"
#include "engine/store/librarysnapshot.h"
#include "engine/store/outboxrepository.h"
#include "engine/store/store.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace engine;

namespace
{

QJsonObject member(qint64 id, const QString &name, bool you, bool follows, int topRank, qint64 plays)
{
    return QJsonObject{{QStringLiteral("member_id"), id},
                       {QStringLiteral("display_name"), name},
                       {QStringLiteral("you"), you},
                       {QStringLiteral("follows"), follows},
                       {QStringLiteral("top_rank"), topRank > 0 ? QJsonValue(topRank) : QJsonValue()},
                       {QStringLiteral("plays"), plays}};
}

QJsonObject concert(const QString &eventId, const QString &artist, const QString &date, const QJsonArray &who)
{
    return QJsonObject{
        {QStringLiteral("artist"),
         QJsonObject{{QStringLiteral("uri"), QString(QStringLiteral("spotify:artist:") + artist.left(1).repeated(22))},
                     {QStringLiteral("name"), artist},
                     {QStringLiteral("billed_as"), artist},
                     {QStringLiteral("headliner"), true},
                     {QStringLiteral("matched_by"), QStringLiteral("name")}}},
        {QStringLiteral("provider"), QStringLiteral("ticketmaster")},
        {QStringLiteral("provider_event_id"), eventId},
        {QStringLiteral("name"), QString(artist + QStringLiteral(" live"))},
        {QStringLiteral("local_date"), date},
        {QStringLiteral("local_time"), QStringLiteral("20:00")},
        {QStringLiteral("venue"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("Funkhaus")},
                     {QStringLiteral("city"), QStringLiteral("Berlin")},
                     {QStringLiteral("country_code"), QStringLiteral("DE")},
                     {QStringLiteral("latitude"), 52.48},
                     {QStringLiteral("longitude"), 13.5}}},
        {QStringLiteral("ticket_url"), QString(QStringLiteral("https://tickets.example/") + eventId)},
        {QStringLiteral("distance_km"), 8.2},
        {QStringLiteral("fetched_at"), QStringLiteral("2026-11-20T10:00:00Z")},
        {QStringLiteral("cache_age_s"), 3600},
        {QStringLiteral("stale"), false},
        {QStringLiteral("who"), who}};
}

QJsonObject answer(const QJsonArray &concerts)
{
    return QJsonObject{{QStringLiteral("home"),
                        QJsonObject{{QStringLiteral("place"), QStringLiteral("Berlin")},
                                    {QStringLiteral("latitude"), 52.52},
                                    {QStringLiteral("longitude"), 13.405},
                                    {QStringLiteral("radius_km"), 50}}},
                       {QStringLiteral("radius_km"), 40},
                       {QStringLiteral("concerts"), concerts}};
}

} // namespace

class TestHouseholdConcerts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheHubsAnswer()
    {
        const QJsonArray who{member(1, QStringLiteral("Ana"), false, true, 2, 0),
                             member(2, QStringLiteral("Robin"), true, false, 0, 14)};
        const auto parsed = parseHouseholdConcerts(
            answer({concert(QStringLiteral("E1"), QStringLiteral("The National"), QStringLiteral("2026-12-26"), who)}),
            1000);
        QVERIFY(parsed);
        QCOMPARE(parsed.value().homePlace, QStringLiteral("Berlin"));
        QCOMPARE(parsed.value().radiusKm, 40.0);
        QCOMPARE(parsed.value().concerts.size(), 1);
        const HouseholdConcert &show = parsed.value().concerts.first();
        QCOMPARE(show.artistName, QStringLiteral("The National"));
        QCOMPARE(show.event.localDate, QDate(2026, 12, 26));
        QCOMPARE(show.event.localTime, QTime(20, 0));
        QCOMPARE(show.event.city, QStringLiteral("Berlin"));
        QVERIFY(show.event.location.has_value());
        QCOMPARE(*show.distanceKm, 8.2);
        QCOMPARE(show.fetchedAtMs, QDateTime(QDate(2026, 11, 20), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch());
        QCOMPARE(show.who.size(), 2);
        QCOMPARE(show.who.at(0).topRank, 2);
        QVERIFY(show.who.at(0).follows && !show.who.at(0).you);
        QCOMPARE(show.who.at(1).plays, 14);
        QVERIFY(show.who.at(1).you);
    }

    void badEntriesAreNamed()
    {
        QJsonObject broken =
            concert(QStringLiteral("E2"), QStringLiteral("Khruangbin"), QStringLiteral("26.12.2026"), {});
        const auto parsed = parseHouseholdConcerts(
            answer({concert(QStringLiteral("E1"), QStringLiteral("A"), QStringLiteral("2026-12-01"), {}), broken}),
            0);
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().message.contains(QLatin1String("concerts[1]")), qPrintable(parsed.error().message));
        QVERIFY(parsed.error().message.contains(QLatin1String("26.12.2026")));
        QVERIFY(!parseHouseholdConcerts(QJsonObject{{QStringLiteral("error"), 1}}, 0));
    }

    void cacheKeepsEachArtistsShowAndEmptyAnswers()
    {
        QTemporaryDir dir;
        auto store = Store::open(dir.path()).store;
        QVERIFY(store);
        QVERIFY(!loadHouseholdConcerts(store->database(), 7).value().has_value());
        // One show with two of the household's artists on the bill, and a later one.
        const QJsonObject first =
            answer({concert(QStringLiteral("E1"), QStringLiteral("Alpha"), QStringLiteral("2026-12-01"), {}),
                    concert(QStringLiteral("E1"), QStringLiteral("Beta"), QStringLiteral("2026-12-01"), {}),
                    concert(QStringLiteral("E3"),
                            QStringLiteral("Gamma"),
                            QStringLiteral("2027-01-05"),
                            {member(1, QStringLiteral("Ana"), false, true, 0, 3)})});
        QVERIFY(saveHouseholdConcerts(store->database(), 7, first, 5000));
        auto loaded = loadHouseholdConcerts(store->database(), 7);
        QVERIFY(loaded);
        QVERIFY(loaded.value().has_value());
        QCOMPARE(loaded.value()->receivedAtMs, 5000);
        QCOMPARE(loaded.value()->homePlace, QStringLiteral("Berlin"));
        QCOMPARE(loaded.value()->radiusKm, 40.0);
        QStringList artists;
        for (const HouseholdConcert &show : loaded.value()->concerts) {
            artists.append(show.artistName);
        }
        QCOMPARE(artists, (QStringList{QStringLiteral("Alpha"), QStringLiteral("Beta"), QStringLiteral("Gamma")}));
        QCOMPARE(loaded.value()->concerts.at(2).who.first().displayName, QStringLiteral("Ana"));
        // Another household's cache is its own.
        QVERIFY(!loadHouseholdConcerts(store->database(), 8).value().has_value());

        // The next answer replaces it; an empty one is remembered as empty.
        QVERIFY(saveHouseholdConcerts(store->database(), 7, answer({}), 9000));
        loaded = loadHouseholdConcerts(store->database(), 7);
        QVERIFY(loaded && loaded.value().has_value());
        QVERIFY(loaded.value()->concerts.isEmpty());
        QCOMPARE(loaded.value()->receivedAtMs, 9000);
    }

    void librarySnapshotIsQueuedWhenTheLibraryChanged()
    {
        QTemporaryDir dir;
        auto store = Store::open(dir.path()).store;
        QVERIFY(store);
        // Nothing in the library: nothing to tell the hub.
        QVERIFY(!enqueueLibrarySnapshot(store->database(), 1).value().has_value());
        auto library = LibraryRepository::create(store->database());
        QVERIFY(library);
        const Artist national{QStringLiteral("2cCUtGK9sDU2EoElnk0GNB"), QStringLiteral("The National"), {}, {}};
        const Artist khruangbin{QStringLiteral("2mVVjNmdjXZZDvhgQWiakk"), QStringLiteral("Khruangbin"), {}, {}};
        QVERIFY(library.value().replaceFollowedArtists({national}));
        QVERIFY(library.value().saveTopSnapshot(TopRange::LongTerm,
                                                QDate(2026, 11, 1),
                                                QList<Artist>{khruangbin, national}));
        QVERIFY(library.value().saveTopSnapshot(TopRange::ShortTerm, QDate(2026, 11, 2), QList<Artist>{national}));

        const auto queued = enqueueLibrarySnapshot(store->database(), 42);
        QVERIFY(queued);
        QVERIFY(queued.value().has_value());
        auto outbox = OutboxRepository::create(store->database());
        const auto events = outbox.value().pending(10).value();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().kind, OutboxKind::LibrarySnapshot);
        const QJsonObject payload = events.first().payload;
        QCOMPARE(payload.value(QStringLiteral("taken_at_ms")).toInteger(), 42);
        QCOMPARE(payload.value(QStringLiteral("followed_artists")).toArray(),
                 (QJsonArray{QStringLiteral("spotify:artist:2cCUtGK9sDU2EoElnk0GNB")}));
        // The long-term list, best first, not the newer short-term one.
        QCOMPARE(payload.value(QStringLiteral("top_artists")).toArray(),
                 (QJsonArray{QStringLiteral("spotify:artist:2mVVjNmdjXZZDvhgQWiakk"),
                             QStringLiteral("spotify:artist:2cCUtGK9sDU2EoElnk0GNB")}));
        QCOMPARE(payload.value(QStringLiteral("artists")).toArray().size(), 2);

        // Unchanged: nothing more. Changed: one more.
        QVERIFY(!enqueueLibrarySnapshot(store->database(), 43).value().has_value());
        QVERIFY(library.value().replaceFollowedArtists({national, khruangbin}));
        QVERIFY(enqueueLibrarySnapshot(store->database(), 44).value().has_value());
        QCOMPARE(outbox.value().pendingCount().value(), 2);
    }
};

QTEST_GUILESS_MAIN(TestHouseholdConcerts)

#include "tst_householdconcerts.moc"
