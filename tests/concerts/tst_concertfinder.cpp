// The concert finder on a real SQLite cache against the fake providers: matching the user's artists, the
// radius, cache freshness and expiry, a provider that is down (expired cache shown, marked stale with its
// age) and a show listed by both providers shown once.

#include "engine/concerts/concertfinder.h"
#include "engine/store/store.h"
#include "tests/concerts/berlinshows.h"
#include "tests/support/concerts/fakeseatgeek.h"
#include "tests/support/concerts/faketicketmaster.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace engine;
using namespace testsupport;
using namespace Qt::StringLiterals;

namespace
{

constexpr qint64 kHourMs = 60 * 60 * 1000;
const qint64 kNewYear = QDateTime(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch();

} // namespace

class TestConcertFinder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = Store::open(m_dir->path()).store;
        QVERIFY(m_store);
        // Berlin in early 2026: The National twice, and its false friends in the same weeks.
        const FakeConcertCatalogue standard = FakeConcertCatalogue::standard();
        FakeConcertCatalogue catalogue = standard;
        for (const auto &[act, date, id] : {std::tuple{u"The National"_s, QDate(2026, 2, 10), u"vvTestN1"_s},
                                            std::tuple{u"The National"_s, QDate(2026, 3, 15), u"vvTestN2"_s},
                                            std::tuple{u"National Anthem"_s, QDate(2026, 2, 11), u"vvTestA1"_s},
                                            std::tuple{u"Smells Like Nirvana"_s, QDate(2026, 2, 12), u"vvTestT1"_s}}) {
            const auto show = concerttests::berlinShow(standard, act, date, id);
            QVERIFY(show);
            catalogue.add(*show);
        }
        m_ticketmaster = std::make_unique<FakeTicketmaster>(catalogue);
        m_seatGeek = std::make_unique<FakeSeatGeek>();
        m_tmProvider =
            std::make_unique<TicketmasterProvider>(m_ticketmaster->baseUrl(), FakeTicketmaster::defaultApiKey());
        m_sgProvider = std::make_unique<SeatGeekProvider>(QUrl(m_seatGeek->baseUrl().toString() + u"/2"_s),
                                                          FakeSeatGeek::defaultClientId());
        for (ConcertProvider *provider :
             {static_cast<ConcertProvider *>(m_tmProvider.get()), static_cast<ConcertProvider *>(m_sgProvider.get())}) {
            ConcertProviderPolicy policy = provider->policy();
            policy.maxAttempts = 2;
            policy.backoffBase = std::chrono::milliseconds(10);
            policy.backoffCap = std::chrono::milliseconds(20);
            provider->setPolicy(policy);
        }
        m_now = kNewYear;
    }
    void cleanup()
    {
        m_tmProvider.reset();
        m_sgProvider.reset();
        m_ticketmaster.reset();
        m_seatGeek.reset();
        m_store.reset();
        m_dir.reset();
    }

    void findsTheArtistsShowsAndNotTheirFalseFriends()
    {
        const auto search = find(artists(), u"Berlin"_s);
        QVERIFY(search.ok());
        QVERIFY(!search.value().concerts.isEmpty());
        QSet<QString> names;
        for (const FoundConcert &found : search.value().concerts) {
            names.insert(found.artist.name);
            QVERIFY(found.distanceKm && *found.distanceKm <= 50.0);
            QVERIFY(found.event.localDate >= QDate(2026, 1, 1));
            QVERIFY(!found.event.isCancelled());
            QVERIFY(!found.stale);
            QCOMPARE(found.fetchedAtMs, kNewYear);
            // Headliners and acts with a Spotify link that is the artist's own.
            for (const ConcertPerformer &performer : found.event.performers) {
                QVERIFY2(!performer.name.contains(u"Anthem"_s) && !performer.name.contains(u"Smells"_s),
                         qPrintable(performer.name));
            }
        }
        QVERIFY(names.contains(u"The National"_s));
        const auto national = std::count_if(search.value().concerts.cbegin(),
                                            search.value().concerts.cend(),
                                            [](const FoundConcert &found) {
                                                return found.event.providerEventId.startsWith(u"vvTestN"_s);
                                            });
        QCOMPARE(national, 2);
        QVERIFY(!names.contains(u"Nirvana"_s)); // only a tribute night is listed
        // The artists are asked of both providers, then answered by the cache until the time-to-live ends.
        const int asked = m_ticketmaster->requestCount() + m_seatGeek->requestCount();
        QCOMPARE(asked, 2 * int(artists().size()));
        QCOMPARE(search.value().providers.at(0).fetched, int(artists().size()));

        m_now += 23 * kHourMs;
        const auto cached = find(artists(), u"Berlin"_s);
        QVERIFY(cached.ok());
        QCOMPARE(m_ticketmaster->requestCount() + m_seatGeek->requestCount(), asked);
        QCOMPARE(cached.value().providers.at(0).fromCache, int(artists().size()));
        QCOMPARE(cached.value().concerts.size(), search.value().concerts.size());

        m_now += 2 * kHourMs;
        const auto refreshed = find(artists(), u"Berlin"_s);
        QVERIFY(refreshed.ok());
        QCOMPARE(m_ticketmaster->requestCount() + m_seatGeek->requestCount(), 2 * asked);
        QVERIFY(!refreshed.value().concerts.isEmpty());
        QCOMPARE(refreshed.value().concerts.first().fetchedAtMs, m_now);
    }

    void aDownProviderLeavesItsCachedShowsWithTheirAge()
    {
        const auto first = find(artists(), u"Berlin"_s);
        QVERIFY(first.ok());
        const qsizetype shown = first.value().concerts.size();
        QVERIFY(shown > 0);
        m_now += 30 * kHourMs;
        QVERIFY(m_ticketmaster->setDown(true));
        const int sent = m_tmProvider->requestsSent();
        const auto later = find(artists(), u"Berlin"_s);
        QVERIFY(later.ok());
        QCOMPARE(later.value().concerts.size(), shown);
        for (const FoundConcert &found : later.value().concerts) {
            if (found.event.provider == u"ticketmaster"_s) {
                QVERIFY(found.stale);
                QCOMPARE(found.fetchedAtMs, kNewYear);
            }
        }
        const ProviderOutcome &ticketmaster = later.value().providers.at(0);
        QVERIFY2(ticketmaster.error.startsWith(u"Ticketmaster could not be reached"_s), qPrintable(ticketmaster.error));
        QCOMPARE(ticketmaster.stale, int(artists().size()));
        QCOMPARE(ticketmaster.oldestStaleMs, kNewYear);
        // After the first failure the provider is not asked again in this search: one query's attempts only.
        QCOMPARE(m_tmProvider->requestsSent() - sent, m_tmProvider->policy().maxAttempts);
    }

    void aShowOnBothProvidersIsShownOnce()
    {
        const auto search =
            find({UserArtist{fakeSpotifyArtistId(u"The National"_s), u"The National"_s, true, 0, 0}}, u"New York"_s);
        QVERIFY(search.ok());
        QVERIFY(!search.value().concerts.isEmpty());
        QSet<QString> shows;
        for (const FoundConcert &found : search.value().concerts) {
            const QString show = found.event.localDate.toString(Qt::ISODate) + found.event.venueName;
            QVERIFY2(!shows.contains(show), qPrintable(show));
            shows.insert(show);
        }
        // Both providers were asked and both list these shows.
        QVERIFY(m_seatGeek->requestCount() > 0);
        QVERIFY(search.value().providers.at(1).fetched == 1);
    }

private:
    QList<UserArtist> artists() const
    {
        return {UserArtist{fakeSpotifyArtistId(u"The National"_s), u"The National"_s, true, 0, 0},
                UserArtist{QString(), u"Nirvana"_s, true, 0, 0},
                UserArtist{fakeSpotifyArtistId(u"Hania Rani"_s), u"Hania Rani"_s, false, 3, 120}};
    }

    Result<ConcertSearch> find(const QList<UserArtist> &who, const QString &city)
    {
        ConcertFinder finder(m_store->database(), {m_tmProvider.get(), m_sgProvider.get()});
        ConcertFinderPolicy policy;
        policy.nowMs = [this] {
            return m_now;
        };
        finder.setPolicy(policy);
        std::optional<Result<ConcertSearch>> outcome;
        finder.find(who, parseConcertLocation(city).value(), [&outcome](const Result<ConcertSearch> &search) {
            outcome = search;
        });
        if (!QTest::qWaitFor(
                [&outcome] {
                    return outcome.has_value();
                },
                30000)) {
            return Error{Error::Code::Internal, u"The search did not finish."_s};
        }
        return *outcome;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<FakeTicketmaster> m_ticketmaster;
    std::unique_ptr<FakeSeatGeek> m_seatGeek;
    std::unique_ptr<TicketmasterProvider> m_tmProvider;
    std::unique_ptr<SeatGeekProvider> m_sgProvider;
    qint64 m_now = 0;
};

QTEST_GUILESS_MAIN(TestConcertFinder)
#include "tst_concertfinder.moc"
