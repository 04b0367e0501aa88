// The Ticketmaster and SeatGeek adapters against the fake providers over loopback HTTP: the requests they
// send, paging, the rate limit, 429, the daily budget, a provider that is down, refused credentials and
// answers that are not the provider's shape.

#include "engine/concerts/concertprovider.h"
#include "engine/concerts/location.h"
#include "tests/support/concerts/fakeseatgeek.h"
#include "tests/support/concerts/faketicketmaster.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace engine;
using namespace testsupport;
using namespace Qt::StringLiterals;

namespace
{

// Runs one search and waits for its answer.
Result<QList<ConcertEvent>> searchAndWait(ConcertProvider &provider, const ConcertQuery &query, int timeoutMs = 20000)
{
    std::optional<Result<QList<ConcertEvent>>> answer;
    provider.search(query, [&answer](const Result<QList<ConcertEvent>> &result) {
        answer = result;
    });
    if (!QTest::qWaitFor(
            [&answer] {
                return answer.has_value();
            },
            timeoutMs)) {
        return Error{Error::Code::Internal, u"The provider did not answer within %1 ms."_s.arg(timeoutMs)};
    }
    return *answer;
}

ConcertQuery queryFor(const QString &artist)
{
    ConcertQuery query;
    query.artistName = artist;
    query.from = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    return query;
}

ConcertProviderPolicy fastRetries(ConcertProviderPolicy policy)
{
    policy.backoffBase = std::chrono::milliseconds(20);
    policy.backoffCap = std::chrono::milliseconds(50);
    return policy;
}

// The adapters' parsers, reached the way a subclass reaches them, for bodies the fakes never send.
class ReadableTicketmaster : public TicketmasterProvider
{
public:
    using TicketmasterProvider::parsePage;
    using TicketmasterProvider::TicketmasterProvider;
};

class ReadableSeatGeek : public SeatGeekProvider
{
public:
    using SeatGeekProvider::parsePage;
    using SeatGeekProvider::SeatGeekProvider;
};

} // namespace

class TestConcertProviders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_ticketmaster = std::make_unique<FakeTicketmaster>();
        m_seatGeek = std::make_unique<FakeSeatGeek>();
        QVERIFY(m_ticketmaster->isListening());
        QVERIFY(m_seatGeek->isListening());
    }
    void cleanup()
    {
        m_seatGeek.reset();
        m_ticketmaster.reset();
    }

    void ticketmasterPagesAndMapsTheEvent()
    {
        TicketmasterProvider provider(m_ticketmaster->baseUrl(), FakeTicketmaster::defaultApiKey());
        ConcertProviderPolicy policy;
        policy.pageSize = 1;
        provider.setPolicy(policy);
        const auto found = searchAndWait(provider, queryFor(u"Nils Frahm"_s));
        QVERIFY2(found.ok(), qPrintable(found.ok() ? QString() : found.error().message));
        QCOMPARE(found.value().size(), 3);
        const QList<FakeConcertRequest> requests = m_ticketmaster->requests();
        QCOMPARE(requests.size(), 3);
        for (int page = 0; page < 3; ++page) {
            const QUrlQuery &query = requests.at(page).query;
            QCOMPARE(requests.at(page).path, u"/discovery/v2/events.json"_s);
            QCOMPARE(query.queryItemValue(u"page"_s), QString::number(page));
            QCOMPARE(query.queryItemValue(u"size"_s), u"1"_s);
            QCOMPARE(query.queryItemValue(u"keyword"_s), u"Nils Frahm"_s);
            QCOMPARE(query.queryItemValue(u"classificationName"_s), u"music"_s);
            QCOMPARE(query.queryItemValue(u"startDateTime"_s), u"2026-01-01T00:00:00Z"_s);
            QCOMPARE(requests.at(page).credential, FakeTicketmaster::defaultApiKey());
            QCOMPARE(requests.at(page).status, 200);
        }
        // The fixture's event, field by field.
        const auto fixture = std::find_if(found.value().cbegin(), found.value().cend(), [](const ConcertEvent &e) {
            return e.venueName == u"Funkhaus"_s;
        });
        QVERIFY(fixture != found.value().cend());
        QCOMPARE(fixture->provider, u"ticketmaster"_s);
        QCOMPARE(fixture->city, u"Berlin"_s);
        QCOMPARE(fixture->countryCode, u"DE"_s);
        QVERIFY(fixture->localTime.isValid());
        QVERIFY(fixture->location.has_value());
        QVERIFY(std::abs(fixture->location->latitude - 52.4833) < 1e-6);
        QCOMPARE(fixture->performers.size(), 1);
        QCOMPARE(fixture->performers.first().name, u"Nils Frahm"_s);
        QCOMPARE(fixture->performers.first().providerId, u"K8vZ9fakeA1"_s);
        // Ticketmaster links the act to Spotify by URL only; the id is read out of it.
        QCOMPARE(fixture->performers.first().spotifyId, u"5gqhueRUZEa7VDnQt4HODp"_s);
        QVERIFY(fixture->ticketUrl.isValid());
    }

    void ticketmasterAsksNearAPoint()
    {
        TicketmasterProvider provider(m_ticketmaster->baseUrl(), FakeTicketmaster::defaultApiKey());
        ConcertQuery query = queryFor(u"Nils Frahm"_s);
        query.near = GeoPoint{52.52, 13.405};
        query.radiusKm = 40;
        const auto found = searchAndWait(provider, query);
        QVERIFY(found.ok());
        // Only the Berlin date is within 40 km of Berlin.
        QCOMPARE(found.value().size(), 1);
        QCOMPARE(found.value().first().city, u"Berlin"_s);
        const QUrlQuery sent = m_ticketmaster->requests().constFirst().query;
        QCOMPARE(sent.queryItemValue(u"geoPoint"_s), geohash(GeoPoint{52.52, 13.405}, 9));
        QCOMPARE(sent.queryItemValue(u"radius"_s), u"40"_s);
        QCOMPARE(sent.queryItemValue(u"unit"_s), u"km"_s);
    }

    void searchesByProviderIdWhenKnown()
    {
        TicketmasterProvider ticketmaster(m_ticketmaster->baseUrl(), FakeTicketmaster::defaultApiKey());
        ConcertQuery query = queryFor(u"Nils Frahm"_s);
        query.providerArtistId = u"K8vZ9fakeA1"_s;
        const auto byAttraction = searchAndWait(ticketmaster, query);
        QVERIFY(byAttraction.ok());
        QCOMPARE(byAttraction.value().size(), 3);
        const QUrlQuery sent = m_ticketmaster->requests().constFirst().query;
        QCOMPARE(sent.queryItemValue(u"attractionId"_s), u"K8vZ9fakeA1"_s);
        QVERIFY(!sent.hasQueryItem(u"keyword"_s));

        SeatGeekProvider seatGeek(QUrl(m_seatGeek->baseUrl().toString() + u"/2"_s), FakeSeatGeek::defaultClientId());
        query.providerArtistId = u"777"_s;
        const auto byPerformer = searchAndWait(seatGeek, query);
        QVERIFY(byPerformer.ok());
        QCOMPARE(byPerformer.value().size(), 1);
        QCOMPARE(m_seatGeek->requests().constFirst().query.queryItemValue(u"performers.id"_s), u"777"_s);
    }

    void ticketmasterRetriesAfter429()
    {
        TicketmasterProvider provider(m_ticketmaster->baseUrl(), FakeTicketmaster::defaultApiKey());
        provider.setPolicy(fastRetries(ConcertProviderPolicy()));
        m_ticketmaster->rateLimitNext(2);
        const auto found = searchAndWait(provider, queryFor(u"Nils Frahm"_s));
        QVERIFY(found.ok());
        QCOMPARE(found.value().size(), 3);
        QCOMPARE(m_ticketmaster->requestCount(429), 2);
        QCOMPARE(m_ticketmaster->requestCount(200), 1);
    }

    void ticketmasterGivesUpAfterRepeated429WithTheProvidersWords()
    {
        TicketmasterProvider provider(m_ticketmaster->baseUrl(), FakeTicketmaster::defaultApiKey());
        ConcertProviderPolicy policy = fastRetries(ConcertProviderPolicy());
        policy.maxAttempts = 2;
        provider.setPolicy(policy);
        m_ticketmaster->rateLimitNext(5);
        const auto found = searchAndWait(provider, queryFor(u"Nils Frahm"_s));
        QVERIFY(!found.ok());
        QCOMPARE(found.error().code, Error::Code::Unavailable);
        QVERIFY2(
            found.error().message.contains(u"Ticketmaster asked to slow down (HTTP 429: Rate limit quota violation"_s),
            qPrintable(found.error().message));
        // The key is never repeated in a message.
        QVERIFY(!found.error().message.contains(FakeTicketmaster::defaultApiKey()));
        QCOMPARE(m_ticketmaster->requestCount(), 2);
    }

    void ticketmasterKeepsFiveRequestsASecond()
    {
        // The fake answers 429 to a sixth request within any one second; twelve searches in a row get none.
        TicketmasterProvider provider(m_ticketmaster->baseUrl(), FakeTicketmaster::defaultApiKey());
        int answered = 0;
        for (int i = 0; i < 12; ++i) {
            provider.search(queryFor(u"Björk"_s), [&answered](const Result<QList<ConcertEvent>> &result) {
                QVERIFY(result.ok());
                ++answered;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, 12, 20000);
        QCOMPARE(m_ticketmaster->requestCount(429), 0);
        QCOMPARE(m_ticketmaster->requestCount(200), 12);
    }

    void ticketmasterStopsWhenTheDailyQuotaIsUsedUp()
    {
        m_ticketmaster->setDailyQuota(2);
        TicketmasterProvider provider(m_ticketmaster->baseUrl(), FakeTicketmaster::defaultApiKey());
        QVERIFY(searchAndWait(provider, queryFor(u"Björk"_s)).ok());
        QVERIFY(searchAndWait(provider, queryFor(u"Björk"_s)).ok());
        // Rate-Limit-Available said 0: the third search is not sent at all.
        const auto third = searchAndWait(provider, queryFor(u"Björk"_s));
        QVERIFY(!third.ok());
        QCOMPARE(third.error().code, Error::Code::Unavailable);
        QVERIFY2(third.error().message.contains(u"Ticketmaster's daily quota is used up until"_s),
                 qPrintable(third.error().message));
        QCOMPARE(m_ticketmaster->requestCount(), 2);
    }

    void ownDailyBudget()
    {
        TicketmasterProvider provider(m_ticketmaster->baseUrl(), FakeTicketmaster::defaultApiKey());
        ConcertProviderPolicy policy;
        policy.dailyBudget = 1;
        provider.setPolicy(policy);
        QVERIFY(searchAndWait(provider, queryFor(u"Björk"_s)).ok());
        const auto second = searchAndWait(provider, queryFor(u"Björk"_s));
        QVERIFY(!second.ok());
        QVERIFY2(second.error().message.contains(u"budget of 1 requests a day to Ticketmaster"_s),
                 qPrintable(second.error().message));
        QCOMPARE(provider.requestsToday(), 1);
        QCOMPARE(m_ticketmaster->requestCount(), 1);
    }

    void providerDown()
    {
        TicketmasterProvider provider(m_ticketmaster->baseUrl(), FakeTicketmaster::defaultApiKey());
        ConcertProviderPolicy policy = fastRetries(ConcertProviderPolicy());
        policy.maxAttempts = 3;
        provider.setPolicy(policy);
        QVERIFY(m_ticketmaster->setDown(true));
        const auto found = searchAndWait(provider, queryFor(u"Björk"_s));
        QVERIFY(!found.ok());
        QCOMPARE(found.error().code, Error::Code::Network);
        QVERIFY2(found.error().message.startsWith(u"Ticketmaster could not be reached"_s),
                 qPrintable(found.error().message));
        QVERIFY(found.error().message.contains(u"gave up after 3 attempts"_s));
        QCOMPARE(provider.requestsSent(), 3);
    }

    void serverErrorsAreRetried()
    {
        TicketmasterProvider provider(m_ticketmaster->baseUrl(), FakeTicketmaster::defaultApiKey());
        provider.setPolicy(fastRetries(ConcertProviderPolicy()));
        m_ticketmaster->failNext(1, 503);
        m_ticketmaster->dropNext(1);
        const auto found = searchAndWait(provider, queryFor(u"Nils Frahm"_s));
        QVERIFY2(found.ok(), qPrintable(found.ok() ? QString() : found.error().message));
        QCOMPARE(found.value().size(), 3);
        QCOMPARE(m_ticketmaster->requestCount(503), 1);
    }

    void refusedKeyNamesTheSetting()
    {
        TicketmasterProvider provider(m_ticketmaster->baseUrl(), u"not-a-key"_s);
        const auto found = searchAndWait(provider, queryFor(u"Björk"_s));
        QVERIFY(!found.ok());
        QCOMPARE(found.error().code, Error::Code::InvalidInput);
        QVERIFY2(found.error().message.contains(u"TUNESCOUT_TICKETMASTER_KEY"_s), qPrintable(found.error().message));
        QVERIFY(found.error().message.contains(u"HTTP 401"_s));
        QCOMPARE(m_ticketmaster->requestCount(), 1);
    }

    void seatGeekPagesAndMaps()
    {
        SeatGeekProvider provider(QUrl(m_seatGeek->baseUrl().toString() + u"/2"_s), FakeSeatGeek::defaultClientId());
        ConcertProviderPolicy policy = provider.policy();
        policy.pageSize = 2;
        provider.setPolicy(policy);
        const auto found = searchAndWait(provider, queryFor(u"The National"_s));
        QVERIFY2(found.ok(), qPrintable(found.ok() ? QString() : found.error().message));
        qsizetype expected = 0;
        const FakeConcertCatalogue catalogue = FakeConcertCatalogue::standard();
        for (const FakeConcert &concert : catalogue.concerts()) {
            const bool national =
                std::any_of(concert.performers.cbegin(), concert.performers.cend(), [](const auto &p) {
                    return p.name == u"The National"_s;
                });
            expected += concert.onSeatGeek() && national ? 1 : 0;
        }
        QVERIFY(expected > 2);
        // SeatGeek's free-text search also finds "National Anthem": telling them apart is matching's job.
        const auto national = std::count_if(found.value().cbegin(), found.value().cend(), [](const ConcertEvent &e) {
            return e.performers.value(0).name == u"The National"_s;
        });
        QCOMPARE(national, expected);
        const QList<FakeConcertRequest> requests = m_seatGeek->requests();
        QCOMPARE(requests.size(), int((found.value().size() + 1) / 2));
        QCOMPARE(requests.constFirst().path, u"/2/events"_s);
        QCOMPARE(requests.constFirst().query.queryItemValue(u"page"_s), u"1"_s);
        QCOMPARE(requests.constFirst().query.queryItemValue(u"q"_s), u"The National"_s);
        QCOMPARE(requests.constFirst().query.queryItemValue(u"taxonomies.name"_s), u"concert"_s);
        for (const ConcertEvent &event : found.value()) {
            QCOMPARE(event.provider, u"seatgeek"_s);
            QVERIFY(event.location.has_value());
            QVERIFY(event.startUtc.isValid());
            QCOMPARE(event.startUtc.timeSpec(), Qt::UTC);
            QVERIFY(!event.performers.isEmpty());
        }
    }

    void seatGeekRetriesAfter429AndNamesARefusedClient()
    {
        SeatGeekProvider provider(QUrl(m_seatGeek->baseUrl().toString() + u"/2"_s), FakeSeatGeek::defaultClientId());
        provider.setPolicy(fastRetries(provider.policy()));
        m_seatGeek->rateLimitNext(1);
        QVERIFY(searchAndWait(provider, queryFor(u"Nils Frahm"_s)).ok());
        QCOMPARE(m_seatGeek->requestCount(429), 1);

        SeatGeekProvider stranger(QUrl(m_seatGeek->baseUrl().toString() + u"/2"_s), u"unknown-client"_s);
        const auto refused = searchAndWait(stranger, queryFor(u"Nils Frahm"_s));
        QVERIFY(!refused.ok());
        QVERIFY2(
            refused.error().message.contains(u"SeatGeek refused the credential from TUNESCOUT_SEATGEEK_CLIENT_ID"_s),
            qPrintable(refused.error().message));
    }

    void untrustedAnswers()
    {
        ReadableTicketmaster ticketmaster(QUrl(u"http://127.0.0.1:9"_s), u"k"_s);
        QStringList warnings;
        auto notJson = ticketmaster.parsePage("<html>busy</html>", 0, warnings);
        QVERIFY(!notJson.ok());
        QVERIFY2(notJson.error().message.startsWith(u"Ticketmaster answered with something that is not JSON"_s),
                 qPrintable(notJson.error().message));
        auto notList = ticketmaster.parsePage("{\"_embedded\":{\"events\":{\"id\":\"x\"}}}", 0, warnings);
        QVERIFY(!notList.ok());
        QVERIFY(notList.error().message.contains(u"\"_embedded.events\" that is not a list"_s));
        // One bad event is skipped with a warning naming it; the others are kept, every field optional.
        auto mixed = ticketmaster.parsePage(
            "{\"_embedded\":{\"events\":["
            "{\"name\":\"No id\",\"dates\":{\"start\":{\"localDate\":\"2026-05-01\"}}},"
            "{\"id\":\"E2\",\"dates\":{\"start\":{\"localDate\":\"May 1st\"}}},"
            "{\"id\":\"E3\",\"name\":\"Bare\",\"dates\":{\"start\":{\"localDate\":\"2026-05-03\"}},"
            "\"_embedded\":{\"venues\":[{\"location\":{\"latitude\":\"north\",\"longitude\":\"13.4\"}}]}},"
            "{\"id\":\"E4\",\"dates\":{\"start\":{\"localDate\":\"2026-05-04\",\"localTime\":\"19:30:00\"}},"
            "\"_embedded\":{\"attractions\":[{\"id\":\"K1\"},{\"name\":\"Björk\",\"externalLinks\":{\"spotify\":[{"
            "\"url\":\"https://open.spotify.com/artist/bad\"}]}}]}}"
            "]},\"page\":{\"number\":0,\"totalPages\":1,\"size\":20}}",
            0,
            warnings);
        QVERIFY(mixed.ok());
        QCOMPARE(mixed.value().events.size(), 2);
        QVERIFY(!mixed.value().more);
        QCOMPARE(mixed.value().events.at(0).providerEventId, u"E3"_s);
        QVERIFY(!mixed.value().events.at(0).location.has_value());
        QCOMPARE(mixed.value().events.at(1).localTime, QTime(19, 30));
        // An act without a name is no act; a Spotify link that holds no artist id gives none.
        QCOMPARE(mixed.value().events.at(1).performers.size(), 1);
        QCOMPARE(mixed.value().events.at(1).performers.at(0).name, u"Björk"_s);
        QCOMPARE(mixed.value().events.at(1).performers.at(0).spotifyId, QString());
        QCOMPARE(warnings.size(), 2);
        QVERIFY2(warnings.at(0).startsWith(u"Ticketmaster event 0 of page 0 (without id) skipped: no \"id\""_s),
                 qPrintable(warnings.at(0)));
        QVERIFY2(warnings.at(1).contains(u"(E2) skipped: no valid \"dates.start.localDate\" (\"May 1st\")"_s),
                 qPrintable(warnings.at(1)));

        ReadableSeatGeek seatGeek(QUrl(u"http://127.0.0.1:9"_s), u"c"_s);
        auto noEvents = seatGeek.parsePage("{\"meta\":{}}", 0, warnings);
        QVERIFY(!noEvents.ok());
        QCOMPARE(noEvents.error().message, u"SeatGeek's answer (page 1) has no \"events\" list."_s);
    }

private:
    std::unique_ptr<FakeTicketmaster> m_ticketmaster;
    std::unique_ptr<FakeSeatGeek> m_seatGeek;
};

QTEST_GUILESS_MAIN(TestConcertProviders)
#include "tst_concertproviders.moc"
