#include "engine/concerts/concertfinder.h"

#include <QLoggingCategory>

#include <algorithm>

namespace engine
{

namespace
{

Q_LOGGING_CATEGORY(lcFinder, "tunescout.concerts.finder")

bool sameShow(const FoundConcert &a, const FoundConcert &b)
{
    if (a.artist.name != b.artist.name || a.event.localDate != b.event.localDate) {
        return false;
    }
    if (a.event.location && b.event.location) {
        return distanceKm(*a.event.location, *b.event.location) < 1.0;
    }
    return normalisedArtistName(a.event.venueName) == normalisedArtistName(b.event.venueName);
}

} // namespace

ConcertFinder::ConcertFinder(SqliteDatabase &database, QList<ConcertProvider *> providers, QObject *parent)
    : QObject(parent)
    , m_database(&database)
    , m_providers(std::move(providers))
{
}

void ConcertFinder::setPolicy(const ConcertFinderPolicy &policy)
{
    m_policy = policy;
}

QString ConcertFinder::queryKey(const UserArtist &artist, const ConcertLocation &location)
{
    const QString who = artist.spotifyId.isEmpty() ? QStringLiteral("name:") + normalisedArtistName(artist.name)
                                                   : QStringLiteral("spotify:") + artist.spotifyId;
    return QStringLiteral("%1|%2|%3km").arg(who, geohash(location.point, 5)).arg(qRound(location.radiusKm));
}

void ConcertFinder::find(const QList<UserArtist> &artists, const ConcertLocation &location, Callback done)
{
    if (m_running) {
        done(Error{Error::Code::Internal, QStringLiteral("A concert search is already running.")});
        return;
    }
    m_running = true;
    m_artists = artists;
    m_location = location;
    m_done = std::move(done);
    m_provider = 0;
    m_artist = 0;
    m_providerFailed = QList<bool>(m_providers.size(), false);
    m_result = ConcertSearch();
    for (ConcertProvider *provider : std::as_const(m_providers)) {
        ProviderOutcome outcome;
        outcome.provider = provider->displayName();
        m_result.providers.append(outcome);
    }
    next();
}

void ConcertFinder::next()
{
    if (m_artist >= m_artists.size()) {
        m_artist = 0;
        ++m_provider;
    }
    if (m_provider >= m_providers.size() || m_artists.isEmpty()) {
        auto &concerts = m_result.concerts;
        std::stable_sort(concerts.begin(), concerts.end(), [](const FoundConcert &a, const FoundConcert &b) {
            return std::pair(a.event.localDate, a.event.localTime) < std::pair(b.event.localDate, b.event.localTime);
        });
        m_running = false;
        Callback done = std::move(m_done);
        done(m_result);
        return;
    }
    ConcertProvider *provider = m_providers.at(m_provider);
    const UserArtist artist = m_artists.at(m_artist);
    ProviderOutcome &outcome = m_result.providers[m_provider];
    const QString key = queryKey(artist, m_location);
    auto cache = ConcertCache::create(*m_database);
    if (!cache) {
        fail(cache.error());
        return;
    }
    const auto cached = cache.value().load(provider->id(), key);
    if (!cached) {
        fail(cached.error());
        return;
    }
    const qint64 now = m_policy.nowMs();
    if (cached.value() && cached.value()->expiresAtMs > now) {
        ++outcome.fromCache;
        accept(artist, cached.value()->events, cached.value()->fetchedAtMs, false);
        ++m_artist;
        next();
        return;
    }
    const auto useStale = [this, artist, cached](ProviderOutcome &stale) {
        if (cached.value()) {
            ++stale.stale;
            const qint64 at = cached.value()->fetchedAtMs;
            stale.oldestStaleMs = stale.oldestStaleMs == 0 ? at : std::min(stale.oldestStaleMs, at);
            accept(artist, cached.value()->events, at, true);
        }
    };
    if (m_providerFailed.at(m_provider)) {
        useStale(outcome);
        ++m_artist;
        next();
        return;
    }
    ConcertQuery query;
    query.artistName = artist.name;
    query.near = m_location.point;
    query.radiusKm = m_location.radiusKm;
    query.from = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
    query.from.setTime(QTime(query.from.time().hour(), 0));
    provider->search(query, [this, provider, artist, key, now, useStale](const Result<QList<ConcertEvent>> &found) {
        ProviderOutcome &outcome = m_result.providers[m_provider];
        if (!found) {
            qCWarning(lcFinder).noquote() << found.error().message;
            outcome.error = found.error().message;
            m_providerFailed[m_provider] = true;
            useStale(outcome);
        } else {
            ++outcome.fetched;
            auto cache = ConcertCache::create(*m_database);
            const auto saved = cache
                ? cache.value().save(provider->id(), key, found.value(), now, now + qint64(m_policy.timeToLive.count()))
                : Result<void>(cache.error());
            if (!saved) {
                fail(saved.error());
                return;
            }
            accept(artist, found.value(), now, false);
        }
        ++m_artist;
        next();
    });
}

void ConcertFinder::accept(const UserArtist &artist, const QList<ConcertEvent> &events, qint64 fetchedAtMs, bool stale)
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_policy.nowMs(), Qt::UTC).date().addDays(-1);
    for (const ConcertEvent &event : events) {
        if (event.isCancelled() || event.localDate < today) {
            continue;
        }
        const ArtistMatch match = matchArtist(MatchableArtist{artist.spotifyId, artist.name}, event);
        if (!match) {
            continue;
        }
        std::optional<double> distance;
        if (event.location) {
            distance = distanceKm(m_location.point, *event.location);
            if (*distance > m_location.radiusKm) {
                continue;
            }
        }
        FoundConcert found{event, artist, match, distance, fetchedAtMs, stale};
        const bool duplicate =
            std::any_of(m_result.concerts.cbegin(), m_result.concerts.cend(), [&](const FoundConcert &other) {
                return sameShow(other, found);
            });
        if (!duplicate) {
            m_result.concerts.append(found);
        }
    }
}

void ConcertFinder::fail(const Error &error)
{
    m_running = false;
    Callback done = std::move(m_done);
    done(Error{error.code, QStringLiteral("Could not use the concert cache: %1").arg(error.message)});
}

} // namespace engine
