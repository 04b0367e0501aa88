#pragma once

#include "engine/concerts/artistmatch.h"
#include "engine/concerts/concertcache.h"
#include "engine/concerts/concertprovider.h"
#include "engine/concerts/location.h"

#include <QObject>

#include <chrono>
#include <functional>

namespace engine
{

// A show of one of the user's artists near the chosen place.
struct FoundConcert {
    ConcertEvent event;
    UserArtist artist;
    ArtistMatch match;
    std::optional<double> distanceKm; // from the chosen place; unknown when the venue has no coordinates
    qint64 fetchedAtMs = 0; // when the provider listed it
    bool stale = false; // from an expired cache entry, because the provider could not be asked
};

// What one provider contributed, for the "why is this old" line.
struct ProviderOutcome {
    QString provider; // display name
    int fetched = 0; // queries asked
    int fromCache = 0; // queries answered from fresh cache
    int stale = 0; // queries answered from expired cache because the provider failed
    QString error; // the provider's last failure, empty when none
    qint64 oldestStaleMs = 0; // fetched_at of the oldest stale entry shown
};

struct ConcertSearch {
    QList<FoundConcert> concerts; // by local date and time
    QList<ProviderOutcome> providers;
};

struct ConcertFinderPolicy {
    std::chrono::milliseconds timeToLive = std::chrono::hours(24); // per artist, provider and place
    std::function<qint64()> nowMs = [] {
        return QDateTime::currentMSecsSinceEpoch();
    };
};

// Finds the upcoming shows of the user's artists near a place: per provider and artist, fresh cached answers
// are used as they are, expired or missing ones are asked for (and cached). A provider that cannot be reached
// or refuses is asked nothing more in this search; its expired cache is shown instead, marked stale with its
// age. Events are matched to the artist (matchArtist), kept when upcoming, not cancelled and within the
// radius, and a show that both providers list is shown once (Ticketmaster's, the provider listed first).
//
// Uses the database on the calling thread: the CLI's. (The app will run it behind the StoreThread.)
class ConcertFinder : public QObject
{
    Q_OBJECT

public:
    ConcertFinder(SqliteDatabase &database, QList<ConcertProvider *> providers, QObject *parent = nullptr);

    void setPolicy(const ConcertFinderPolicy &policy);

    using Callback = std::function<void(const Result<ConcertSearch> &)>;
    void find(const QList<UserArtist> &artists, const ConcertLocation &location, Callback done);

    // The cache key of one artist's query near a place: the artist (Spotify id, else its normalised name), the
    // place to about 5 km (geohash of 5) and the radius.
    static QString queryKey(const UserArtist &artist, const ConcertLocation &location);

private:
    void next();
    void accept(const UserArtist &artist, const QList<ConcertEvent> &events, qint64 fetchedAtMs, bool stale);
    void fail(const Error &error);

    SqliteDatabase *m_database;
    QList<ConcertProvider *> m_providers;
    ConcertFinderPolicy m_policy;

    // The search in progress.
    QList<UserArtist> m_artists;
    ConcertLocation m_location;
    Callback m_done;
    int m_provider = 0;
    int m_artist = 0;
    QList<bool> m_providerFailed;
    ConcertSearch m_result;
    bool m_running = false;
};

} // namespace engine
