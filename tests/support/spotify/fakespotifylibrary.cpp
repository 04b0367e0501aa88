#include "tests/support/spotify/fakespotifylibrary.h"

#include "tests/support/spotify/fakespotifyrandom.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace testsupport
{

namespace
{

constexpr qint64 dayMs = 24LL * 60 * 60 * 1000;
constexpr int artistCount = 300;
constexpr int trackTarget = 3000;
constexpr int savedTrackCount = 500;
constexpr int savedAlbumCount = 40;
constexpr int followedArtistCount = 80;
constexpr int historyDays = 730;

// Word lists sized so that ~300 artists, ~700 albums and ~3000 tracks rarely repeat a name.
const char *const adjectives[] = {
    "Electric", "Golden",     "Silent",      "Velvet",   "Crimson", "Hollow",     "Wild",     "Neon",   "Paper",
    "Broken",   "Restless",   "Midnight",    "Northern", "Lonely",  "Burning",    "Glass",    "Silver", "Frozen",
    "Distant",  "Gentle",     "Faded",       "Bright",   "Cosmic",  "Quiet",      "Heavy",    "Lucky",  "Sweet",
    "Hidden",   "Endless",    "Violet",      "Western",  "Tender",  "Savage",     "Sleepy",   "Early",  "Lost",
    "Static",   "Amber",      "Hungry",      "Little",   "Secret",  "Rusty",      "Shallow",  "Sacred", "Blue",
    "Scarlet",  "Weightless", "Second-hand", "Sunday",   "Analog",  "Paper-thin", "Tropical", "Urban",  "Magnetic"};
const char *const nouns[] = {
    "Hearts",  "Rivers",    "Machines",   "Wolves",   "Echoes",  "Ghosts",  "Lights",    "Horses",  "Mirrors",
    "Comets",  "Harbours",  "Satellites", "Tigers",   "Gardens", "Oceans",  "Strangers", "Pilots",  "Shadows",
    "Islands", "Engines",   "Sparrows",   "Lanterns", "Kings",   "Fables",  "Saints",    "Cities",  "Waves",
    "Thieves", "Daydreams", "Orchids",    "Tides",    "Embers",  "Signals", "Highways",  "Dancers", "Ravens",
    "Arrows",  "Planets",   "Foxes",      "Canyons",  "Poets",   "Sirens",  "Bridges",   "Clouds",  "Monsters"};
const char *const singularNouns[] = {
    "Heart",   "River",   "Machine",   "Wolf",    "Echo",    "Ghost",   "Light",    "Horse",   "Mirror",
    "Comet",   "Harbour", "Satellite", "Tiger",   "Garden",  "Ocean",   "Stranger", "Pilot",   "Shadow",
    "Island",  "Engine",  "Sparrow",   "Lantern", "Crown",   "Fable",   "Saint",    "City",    "Wave",
    "Summer",  "Winter",  "Daydream",  "Orchid",  "Tide",    "Ember",   "Signal",   "Highway", "Dancer",
    "Raven",   "Arrow",   "Planet",    "Fox",     "Canyon",  "Poem",    "Siren",    "Bridge",  "Cloud",
    "Morning", "Fever",   "Paradise",  "Gravity", "Horizon", "Thunder", "Honey",    "Motel"};
const char *const verbs[] = {"Chasing",
                             "Holding",
                             "Burning",
                             "Calling",
                             "Waiting for",
                             "Running from",
                             "Dancing with",
                             "Falling into",
                             "Dreaming of",
                             "Leaving",
                             "Finding",
                             "Losing",
                             "Counting",
                             "Carrying",
                             "Breaking",
                             "Following",
                             "Kissing",
                             "Remembering"};
const char *const places[] = {"Berlin", "Lisbon",  "Memphis", "Osaka",  "Reykjavik", "Marseille", "Detroit",
                              "Havana", "Brixton", "Tulsa",   "Gdańsk", "Nairobi",   "Montréal",  "Seville",
                              "Austin", "Malmö",   "Bristol", "Kyoto",  "São Paulo", "Glasgow",   "Athens"};
const char *const firstNames[] = {"Ada",   "Miles", "Nina",  "Leon",   "Mara", "Jonas",  "Elif",  "Theo",
                                  "Ruby",  "Oskar", "Lena",  "Felix",  "Iris", "Marcus", "Yara",  "Hugo",
                                  "Cleo",  "Samir", "Zoë",   "Viktor", "Hana", "Eli",    "Priya", "Tomás",
                                  "Greta", "Malik", "Sofia", "Anton",  "June", "Rafael", "Ines",  "Bruno"};
const char *const lastNames[] = {"Holloway", "Marsh",   "Okafor",    "Lindqvist", "Moreau", "Castillo", "Brandt",
                                 "Nakamura", "Fischer", "Delgado",   "O'Connell", "Petrov", "Sandoval", "Whitaker",
                                 "Kowalski", "Haddad",  "Sørensen",  "Bianchi",   "Achebe", "Laurent",  "Varga",
                                 "Quinn",    "Reyes",   "Abernathy", "Takahashi", "Novak",  "Eriksen",  "Mbeki"};
const char *const verbsBase[] = {"Hold",
                                 "Call",
                                 "Wake",
                                 "Save",
                                 "Leave",
                                 "Find",
                                 "Follow",
                                 "Kiss",
                                 "Carry",
                                 "Break",
                                 "Chase",
                                 "Light",
                                 "Forget",
                                 "Meet",
                                 "Burn",
                                 "Keep",
                                 "Tell",
                                 "Show"};
const char *const timesOfDay[] = {"Dawn", "Noon", "Dusk", "Midnight", "Morning", "Afternoon", "Sunset", "3 AM"};
const char *const labels[] = {"Northern Lights Records",
                              "Saltwater Music",
                              "Paper Moon Recordings",
                              "Blue Harbour",
                              "Static Bloom",
                              "Low Orbit Records",
                              "Glasshouse Audio",
                              "Velvet Tape",
                              "Atlas Sound Co.",
                              "Independent"};
const char *const playlistNames[] = {"Late Night Drive", "Sunday Coffee",    "Gym Rotation",   "Focus Flow",
                                     "Rainy Day",        "Road Trip 2025",   "Kitchen Disco",  "Deep Cuts",
                                     "Morning Run",      "Songs for Autumn", "Throwbacks",     "Dinner Party",
                                     "Heartbreak Hotel", "Summer '24",       "Slow Burners",   "Work Mode",
                                     "Shower Anthems",   "Night Bus",        "Old Favourites", "Fresh Finds"};
const char *const countries[] = {"US", "GB", "DE", "SE", "FR", "NL", "CA", "AU", "JP", "BR"};

// Genre families: artists take their genres from one family, so related artists share genres.
const std::array<std::array<const char *, 4>, 10> genreFamilies = {{
    {"indie pop", "dream pop", "bedroom pop", "chamber pop"},
    {"post-punk", "shoegaze", "noise rock", "darkwave"},
    {"deep house", "techno", "minimal techno", "electro"},
    {"neo soul", "r&b", "quiet storm", "funk"},
    {"alt-country", "americana", "folk", "bluegrass"},
    {"hip hop", "boom bap", "trap", "conscious hip hop"},
    {"jazz fusion", "contemporary jazz", "bossa nova", "soul jazz"},
    {"synthwave", "synth-pop", "new wave", "italo disco"},
    {"trip hop", "downtempo", "ambient", "chillwave"},
    {"garage rock", "psychedelic rock", "stoner rock", "blues rock"},
}};

template<std::size_t N>
QString word(FakeSpotifyRandom &rng, const char *const (&list)[N])
{
    return QString::fromUtf8(list[rng.bounded(qsizetype(N))]);
}

QString artistName(FakeSpotifyRandom &rng)
{
    switch (rng.bounded(9)) {
    case 0:
    case 1:
        return QStringLiteral("The %1 %2").arg(word(rng, adjectives), word(rng, nouns));
    case 2:
    case 3:
        return QStringLiteral("%1 %2").arg(word(rng, firstNames), word(rng, lastNames));
    case 4:
        return QStringLiteral("%1 %2").arg(word(rng, adjectives), word(rng, nouns));
    case 5:
        return QStringLiteral("%1 & the %2").arg(word(rng, firstNames), word(rng, nouns));
    case 6:
        return QStringLiteral("%1 %2").arg(word(rng, singularNouns), word(rng, singularNouns));
    case 7:
        return QStringLiteral("DJ %1").arg(word(rng, singularNouns));
    default:
        return QStringLiteral("%1 of %2").arg(word(rng, nouns), word(rng, places));
    }
}

QString albumName(FakeSpotifyRandom &rng)
{
    switch (rng.bounded(8)) {
    case 0:
        return QStringLiteral("%1 %2").arg(word(rng, adjectives), word(rng, singularNouns));
    case 1:
        return QStringLiteral("%1 of %2").arg(word(rng, nouns), word(rng, singularNouns));
    case 2:
        return QStringLiteral("%1 Sessions").arg(word(rng, places));
    case 3:
        return QStringLiteral("Songs for %1").arg(word(rng, nouns));
    case 4:
        return QStringLiteral("%1 at %2").arg(word(rng, singularNouns), word(rng, timesOfDay));
    case 5:
        return word(rng, nouns);
    case 6:
        return QStringLiteral("The %1 Years").arg(word(rng, adjectives));
    default:
        return QStringLiteral("%1 %2").arg(word(rng, verbs), word(rng, nouns));
    }
}

QString trackName(FakeSpotifyRandom &rng)
{
    switch (rng.bounded(16)) {
    case 10:
        return QStringLiteral("%1 Me %2")
            .arg(word(rng, verbsBase),
                 word(rng, timesOfDay) == QLatin1String("3 AM") ? QStringLiteral("Tonight") : QStringLiteral("Gently"));
    case 11:
        return QStringLiteral("%1's %2").arg(word(rng, firstNames), word(rng, singularNouns));
    case 12:
        return QStringLiteral("Don't %1 the %2").arg(word(rng, verbsBase).toLower(), word(rng, singularNouns));
    case 13:
        return QStringLiteral("%1 %2").arg(word(rng, adjectives), word(rng, nouns));
    case 14:
        return QStringLiteral("%1 of %2").arg(word(rng, singularNouns), word(rng, places));
    case 15:
        return QStringLiteral("%1 the %2 (%3)")
            .arg(word(rng, verbsBase), word(rng, singularNouns), word(rng, timesOfDay));
    case 0:
        return QStringLiteral("%1 the %2").arg(word(rng, verbs), word(rng, singularNouns));
    case 1:
        return QStringLiteral("%1 %2").arg(word(rng, adjectives), word(rng, singularNouns));
    case 2:
        return QStringLiteral("In the %1").arg(word(rng, singularNouns));
    case 3:
        return QStringLiteral("%1 %2").arg(word(rng, places), word(rng, timesOfDay));
    case 4:
        return QStringLiteral("%1 (%2 Mix)").arg(word(rng, singularNouns), word(rng, adjectives));
    case 5:
        return QStringLiteral("%1 %2").arg(word(rng, verbs), word(rng, nouns));
    case 6:
        return QStringLiteral("%1, %2").arg(word(rng, firstNames), word(rng, firstNames));
    case 7:
        return QStringLiteral("%1 in %2").arg(word(rng, nouns), word(rng, places));
    case 8:
        return QStringLiteral("Til %1").arg(word(rng, timesOfDay));
    default:
        return word(rng, singularNouns);
    }
}

QString upcWithCheckDigit(quint64 body)
{
    QString digits = QStringLiteral("%1").arg(body % 100000000000ULL, 11, 10, QLatin1Char('0'));
    int sum = 0;
    for (int i = 0; i < 11; ++i)
        sum += (digits.at(i).unicode() - '0') * (i % 2 == 0 ? 3 : 1);
    return digits + QString::number((10 - sum % 10) % 10);
}

QString releaseDate(FakeSpotifyRandom &rng, int year, QString *precision)
{
    const int month = rng.range(1, 12);
    const int day = rng.range(1, 28);
    const int roll = rng.bounded(10);
    if (year < 1990 && roll < 4) {
        *precision = QStringLiteral("year");
        return QString::number(year);
    }
    if (roll == 9) {
        *precision = QStringLiteral("month");
        return QStringLiteral("%1-%2").arg(year).arg(month, 2, 10, QLatin1Char('0'));
    }
    *precision = QStringLiteral("day");
    return QStringLiteral("%1-%2-%3").arg(year).arg(month, 2, 10, QLatin1Char('0')).arg(day, 2, 10, QLatin1Char('0'));
}

struct Generator {
    Generator(quint64 seed, qint64 now)
        : rng(seed)
        , nowMs(now)
    {
    }

    FakeSpotifyRandom rng;
    qint64 nowMs;
    FakeSpotifyLibrary lib;
    QSet<QString> usedIds;
    int isrcCounter = 0;
    quint64 upcCounter = 0;
    QList<int> artistCareerStart;
    QList<QString> artistIsrcPrefix;
    // The catalogue's own lookups are rebuilt once at the end: reindexing per album is quadratic.
    QHash<QString, int> albumIndex;
    QHash<QString, int> trackIndex;

    QString newId()
    {
        for (;;) {
            const QString id = rng.base62(22);
            if (!usedIds.contains(id)) {
                usedIds.insert(id);
                return id;
            }
        }
    }

    FakeSpotifyUser makeUser()
    {
        FakeSpotifyUser user;
        user.id = QStringLiteral("31") + rng.lowerAlphanumeric(26);
        const QString first = word(rng, firstNames);
        const QString last = word(rng, lastNames);
        user.displayName = first + QLatin1Char(' ') + last;
        user.accountId = rng.base62(10);
        user.country = word(rng, countries);
        user.email = QStringLiteral("%1.%2@example.org").arg(first.toLower(), QString::number(rng.range(10, 99)));
        user.followers = rng.range(0, 60);
        return user;
    }

    void makeArtists()
    {
        QSet<QString> names;
        for (int i = 0; i < artistCount; ++i) {
            FakeSpotifyArtist artist;
            artist.id = newId();
            do {
                artist.name = artistName(rng);
            } while (names.contains(artist.name));
            names.insert(artist.name);
            const auto &family = genreFamilies.at(std::size_t(rng.bounded(qsizetype(genreFamilies.size()))));
            const int genreCount = rng.range(1, 3);
            for (int g = 0; g < genreCount; ++g) {
                const QString genre = QString::fromUtf8(family.at(std::size_t(rng.bounded(4))));
                if (!artist.genres.contains(genre))
                    artist.genres.append(genre);
            }
            // Popularity falls off like a long tail: a few big names, many small ones.
            artist.popularity = std::clamp(int(95.0 * std::pow(rng.unit(), 1.8)) + 3, 0, 100);
            artist.followers = int(std::pow(double(artist.popularity), 3.2)) + rng.range(10, 900);
            lib.artists.append(artist);
            artistCareerStart.append(rng.range(1966, 2022));
            artistIsrcPrefix.append(word(rng, countries) + rng.base62(3).toUpper());
        }
    }

    void makeTrack(FakeSpotifyAlbum &album, int artistIndex, int number, int year, const FakeSpotifyTrack *reissueOf)
    {
        FakeSpotifyTrack track;
        track.id = newId();
        track.albumId = album.id;
        track.artistIds = album.artistIds;
        track.trackNumber = number;
        track.discNumber = 1;
        if (reissueOf) {
            // Compilations reuse the recording: same name, duration and ISRC, new track ID.
            track.name = reissueOf->name;
            track.durationMs = reissueOf->durationMs;
            track.isrc = reissueOf->isrc;
            track.isExplicit = reissueOf->isExplicit;
            track.artistIds = reissueOf->artistIds;
        } else {
            track.name = trackName(rng);
            track.durationMs = rng.range(95, 420) * 1000 + rng.bounded(1000);
            track.isExplicit = rng.chance(0.15);
            track.isrc = QStringLiteral("%1%2%3")
                             .arg(artistIsrcPrefix.at(artistIndex))
                             .arg(year % 100, 2, 10, QLatin1Char('0'))
                             .arg(++isrcCounter, 5, 10, QLatin1Char('0'));
            if (rng.chance(0.08)) {
                const FakeSpotifyArtist &guest = lib.artists.at(rng.bounded(lib.artists.size()));
                if (!track.artistIds.contains(guest.id))
                    track.artistIds.append(guest.id);
            }
        }
        track.popularity = std::clamp(lib.artists.at(artistIndex).popularity + rng.range(-20, 10), 0, 100);
        album.trackIds.append(track.id);
        trackIndex.insert(track.id, int(lib.tracks.size()));
        lib.tracks.append(track);
    }

    int makeAlbum(int artistIndex, int ordinal)
    {
        FakeSpotifyArtist &artist = lib.artists[artistIndex];
        FakeSpotifyAlbum album;
        album.id = newId();
        album.artistIds = {artist.id};
        const int year = std::min(2026, artistCareerStart.at(artistIndex) + ordinal * rng.range(1, 4));
        album.releaseDate = releaseDate(rng, year, &album.releaseDatePrecision);
        album.upc = upcWithCheckDigit(++upcCounter * 7919 + quint64(rng.range(0, 7000)));
        album.label = word(rng, labels);
        album.popularity = std::clamp(artist.popularity + rng.range(-15, 5), 0, 100);

        // Copies: appending tracks below may move the catalogue's storage.
        QList<FakeSpotifyTrack> earlier;
        for (const QString &albumId : std::as_const(artist.albumIds)) {
            for (const QString &trackId : lib.albums.at(albumIndex.value(albumId)).trackIds)
                earlier.append(lib.tracks.at(trackIndex.value(trackId)));
        }

        const int roll = rng.bounded(100);
        int trackCount = 0;
        if (roll < 45 || ordinal == 0) {
            album.albumType = QStringLiteral("album");
            album.name = albumName(rng);
            trackCount = rng.range(7, 13);
        } else if (roll < 90 || earlier.size() < 8) {
            album.albumType = QStringLiteral("single");
            trackCount = rng.range(1, 3);
        } else {
            album.albumType = QStringLiteral("compilation");
            album.name =
                rng.chance(0.5) ? QStringLiteral("Greatest Hits") : QStringLiteral("The Best of %1").arg(artist.name);
            trackCount = std::min<int>(int(earlier.size()), rng.range(8, 14));
        }

        for (int n = 1; n <= trackCount; ++n) {
            const FakeSpotifyTrack *reissue = nullptr;
            if (album.albumType == QLatin1String("compilation"))
                reissue = &earlier.at(rng.bounded(earlier.size()));
            makeTrack(album, artistIndex, n, year, reissue);
        }
        if (album.albumType == QLatin1String("single"))
            album.name = lib.tracks.at(lib.tracks.size() - trackCount).name;
        albumIndex.insert(album.id, int(lib.albums.size()));
        artist.albumIds.append(album.id);
        lib.albums.append(album);
        return trackCount;
    }

    void makeCatalogue()
    {
        QList<int> ordinals(artistCount, 0);
        int tracks = 0;
        for (int a = 0; a < artistCount; ++a)
            tracks += makeAlbum(a, ordinals[a]++);
        while (tracks < trackTarget) {
            // Popular artists release more.
            int a = rng.bounded(artistCount);
            if (lib.artists.at(a).popularity < rng.range(0, 60))
                a = rng.bounded(artistCount);
            tracks += makeAlbum(a, ordinals[a]++);
        }
        lib.reindex();
    }

    // The listener's taste over time: long-time favourites, artists of the last months, and a recent
    // discovery phase; this makes short_term, medium_term and long_term top lists differ plausibly.
    QList<int> coreFavourites;
    QList<int> midFavourites;
    QList<int> recentFavourites;

    void makeTaste()
    {
        QList<int> order(artistCount);
        for (int i = 0; i < artistCount; ++i)
            order[i] = i;
        for (int i = artistCount - 1; i > 0; --i)
            std::swap(order[i], order[rng.bounded(i + 1)]);
        coreFavourites = order.mid(0, 40);
        midFavourites = order.mid(40, 30);
        recentFavourites = order.mid(70, 25);
    }

    int pickArtist(int daysAgo)
    {
        const int roll = rng.bounded(100);
        auto zipf = [this](const QList<int> &list) {
            // Rank r is chosen with probability ~ 1/(r+1): a few artists dominate each phase.
            const double u = rng.unit();
            const int index = std::min(int(list.size()) - 1, int(std::pow(double(list.size() + 1), u)) - 1);
            return list.at(std::max(0, index));
        };
        if (daysAgo < 45 && roll < 45)
            return zipf(recentFavourites);
        if (daysAgo >= 45 && daysAgo < 240 && roll < 40)
            return zipf(midFavourites);
        if (roll < 92)
            return zipf(coreFavourites);
        return rng.bounded(artistCount);
    }

    const FakeSpotifyTrack *pickTrackOf(int artistIndex)
    {
        const FakeSpotifyArtist &artist = lib.artists.at(artistIndex);
        const FakeSpotifyAlbum *album = lib.album(artist.albumIds.at(rng.bounded(artist.albumIds.size())));
        // Listeners come back to the same few songs: favour the first tracks of a release.
        const int count = int(album->trackIds.size());
        const int index = std::min(count - 1, int(std::pow(double(count + 1), rng.unit())) - 1);
        return lib.track(album->trackIds.at(std::max(0, index)));
    }

    void makeSavedTracks()
    {
        QSet<QString> chosen;
        while (lib.savedTracks.size() < savedTrackCount) {
            const FakeSpotifyTrack *track = pickTrackOf(pickArtist(rng.bounded(historyDays)));
            if (chosen.contains(track->id))
                continue;
            chosen.insert(track->id);
            lib.savedTracks.append({track->id, nowMs - qint64(rng.range(60, 5 * 365 * 24 * 60)) * 60 * 1000});
        }
        std::sort(lib.savedTracks.begin(),
                  lib.savedTracks.end(),
                  [](const FakeSpotifySavedItem &a, const FakeSpotifySavedItem &b) {
                      return a.addedAtMs > b.addedAtMs;
                  });
    }

    void makeSavedAlbums()
    {
        QSet<QString> chosen;
        while (lib.savedAlbums.size() < savedAlbumCount) {
            const FakeSpotifyArtist &artist = lib.artists.at(pickArtist(rng.bounded(historyDays)));
            const QString albumId = artist.albumIds.at(rng.bounded(artist.albumIds.size()));
            if (chosen.contains(albumId))
                continue;
            chosen.insert(albumId);
            lib.savedAlbums.append({albumId, nowMs - qint64(rng.range(60, 4 * 365 * 24 * 60)) * 60 * 1000});
        }
        std::sort(lib.savedAlbums.begin(),
                  lib.savedAlbums.end(),
                  [](const FakeSpotifySavedItem &a, const FakeSpotifySavedItem &b) {
                      return a.addedAtMs > b.addedAtMs;
                  });
    }

    void makeFollowedArtists()
    {
        QSet<QString> chosen;
        for (int i : std::as_const(coreFavourites))
            chosen.insert(lib.artists.at(i).id);
        for (int i = 0; i < 15; ++i)
            chosen.insert(lib.artists.at(recentFavourites.at(i)).id);
        while (chosen.size() < followedArtistCount)
            chosen.insert(lib.artists.at(rng.bounded(artistCount)).id);
        lib.followedArtistIds = QStringList(chosen.cbegin(), chosen.cend());
        std::sort(lib.followedArtistIds.begin(), lib.followedArtistIds.end());
        for (int i = 0; i < 3; ++i)
            lib.followedUserIds.append(lib.otherUsers.at(i).id);
    }

    FakeSpotifyPlaylist &addPlaylist(const QString &name, const QString &ownerId, int size, qint64 createdMs)
    {
        FakeSpotifyPlaylist playlist;
        playlist.id = newId();
        playlist.name = name;
        playlist.ownerId = ownerId;
        playlist.isPublic = rng.chance(0.6);
        playlist.followers = rng.range(0, 25);
        playlist.version = rng.range(2, 60);
        if (rng.chance(0.5))
            playlist.description =
                QStringLiteral("%1 songs for %2 moods.").arg(word(rng, adjectives), word(rng, adjectives).toLower());
        const qint64 span = std::max<qint64>(nowMs - createdMs, dayMs);
        QSet<QString> inList;
        for (int i = 0; i < size; ++i) {
            const FakeSpotifyTrack *track = pickTrackOf(pickArtist(rng.bounded(historyDays)));
            if (inList.contains(track->id))
                continue;
            inList.insert(track->id);
            const qint64 addedAt = createdMs + qint64(double(span) * double(i) / double(std::max(size, 1)));
            playlist.entries.append({track->id, addedAt, ownerId});
        }
        lib.playlists.append(playlist);
        lib.myPlaylistIds.prepend(playlist.id);
        lib.reindex();
        return lib.playlists.last();
    }

    void makePlaylists()
    {
        const QString &me = lib.me.id;
        // Sizes cover an empty playlist, single pages and several pages of 50 and of 100.
        const QList<int> ownSizes = {0, 12, 25, 37, 50, 51, 64, 88, 99, 100, 101, 118, 140, 163};
        QList<int> nameOrder;
        for (int i = 0; i < int(std::size(playlistNames)); ++i)
            nameOrder.append(i);
        for (int i = int(nameOrder.size()) - 1; i > 0; --i)
            std::swap(nameOrder[i], nameOrder[rng.bounded(i + 1)]);
        int nameIndex = 0;
        auto nextName = [&]() {
            return QString::fromUtf8(playlistNames[nameOrder.at(nameIndex++ % nameOrder.size())]);
        };

        for (int i = 0; i < ownSizes.size(); ++i) {
            const qint64 created = nowMs - qint64(rng.range(20, 1500)) * dayMs;
            FakeSpotifyPlaylist &playlist = addPlaylist(nextName(), me, ownSizes.at(i), created);
            if (i % 5 == 2) {
                // Collaborative playlists are private; friends add some of the songs.
                playlist.collaborative = true;
                playlist.isPublic = false;
                playlist.collaboratorIds = {lib.otherUsers.at(i % 3).id};
                for (int e = 1; e < playlist.entries.size(); e += 3)
                    playlist.entries[e].addedBy = playlist.collaboratorIds.first();
            }
        }
        for (int i = 0; i < 5; ++i) {
            const QString owner = lib.otherUsers.at(i % 5).id;
            const qint64 created = nowMs - qint64(rng.range(30, 900)) * dayMs;
            FakeSpotifyPlaylist &playlist = addPlaylist(nextName(), owner, rng.range(8, 60), created);
            playlist.collaborative = true;
            playlist.isPublic = false;
            playlist.collaboratorIds = {me};
            for (int e = 0; e < playlist.entries.size(); e += 2)
                playlist.entries[e].addedBy = me;
        }
        for (int i = 0; i < 2; ++i) {
            const QString owner = lib.otherUsers.at(3 + i).id;
            FakeSpotifyPlaylist &playlist = addPlaylist(
                QStringLiteral("%1's %2").arg(lib.otherUsers.at(3 + i).displayName.section(QLatin1Char(' '), 0, 0),
                                              nextName()),
                owner,
                rng.range(15, 70),
                nowMs - qint64(rng.range(30, 600)) * dayMs);
            playlist.isPublic = true;
        }
        const QString spotify = QStringLiteral("spotify");
        FakeSpotifyPlaylist &weekly = addPlaylist(QStringLiteral("Discover Weekly"), spotify, 30, nowMs - 3 * dayMs);
        weekly.description =
            QStringLiteral("Your weekly mixtape of fresh music. Enjoy new music and deep cuts picked for you.");
        weekly.isPublic = false;
        FakeSpotifyPlaylist &radar = addPlaylist(QStringLiteral("Release Radar"), spotify, 30, nowMs - 5 * dayMs);
        radar.description = QStringLiteral("Catch all the latest music from artists you follow.");
        radar.isPublic = false;
    }

    void makePlays()
    {
        QList<const FakeSpotifyPlaylist *> ownPlaylists;
        for (const FakeSpotifyPlaylist &playlist : std::as_const(lib.playlists)) {
            if (lib.ownsOrCollaborates(playlist) && !playlist.entries.isEmpty())
                ownPlaylists.append(&playlist);
        }
        const qint64 lastEnd = nowMs - 10 * 60 * 1000;
        const qint64 startOfToday = nowMs - nowMs % dayMs;
        for (int daysAgo = historyDays; daysAgo >= 0; --daysAgo) {
            const qint64 dayStart = startOfToday - qint64(daysAgo) * dayMs;
            const int sessions = rng.bounded(100) < 12 ? 0 : rng.range(1, 3);
            QList<int> hours;
            for (int s = 0; s < sessions; ++s) {
                static const int typicalHours[] = {7, 8, 12, 13, 17, 18, 19, 20, 21, 22, 23};
                hours.append(typicalHours[rng.bounded(qsizetype(std::size(typicalHours)))]);
            }
            std::sort(hours.begin(), hours.end());
            qint64 cursor = dayStart;
            for (int hour : std::as_const(hours)) {
                cursor = std::max(cursor, dayStart + qint64(hour) * 3600 * 1000 + qint64(rng.range(0, 50)) * 60 * 1000);
                cursor = playSession(cursor, daysAgo, ownPlaylists);
            }
        }
        // The generated sessions run on into the future only on the current day: cut them at "a few
        // minutes ago" so that recently-played never reports a play from the future.
        while (!lib.plays.isEmpty() && lib.plays.last().playedAtMs > lastEnd)
            lib.plays.removeLast();
    }

    qint64 playSession(qint64 start, int daysAgo, const QList<const FakeSpotifyPlaylist *> &ownPlaylists)
    {
        const int length = rng.range(3, 14);
        const int kind = rng.bounded(100);
        QStringList trackIds;
        QString contextUri;
        if (kind < 35) {
            const FakeSpotifyArtist &artist = lib.artists.at(pickArtist(daysAgo));
            const FakeSpotifyAlbum *album = lib.album(artist.albumIds.at(rng.bounded(artist.albumIds.size())));
            contextUri = QStringLiteral("spotify:album:") + album->id;
            trackIds = album->trackIds;
        } else if (kind < 60 && !ownPlaylists.isEmpty()) {
            const FakeSpotifyPlaylist *playlist = ownPlaylists.at(rng.bounded(ownPlaylists.size()));
            contextUri = QStringLiteral("spotify:playlist:") + playlist->id;
            const int first = rng.bounded(playlist->entries.size());
            for (int i = first; i < playlist->entries.size() && trackIds.size() < length; ++i)
                trackIds.append(playlist->entries.at(i).trackId);
        } else if (kind < 75) {
            const int artistIndex = pickArtist(daysAgo);
            contextUri = QStringLiteral("spotify:artist:") + lib.artists.at(artistIndex).id;
            for (int i = 0; i < length; ++i)
                trackIds.append(pickTrackOf(artistIndex)->id);
        } else {
            for (int i = 0; i < length; ++i)
                trackIds.append(pickTrackOf(pickArtist(daysAgo))->id);
        }
        qint64 cursor = start;
        for (int i = 0; i < trackIds.size() && i < length; ++i) {
            const FakeSpotifyTrack *track = lib.track(trackIds.at(i));
            // Skipped songs end early; played_at is when the listener stopped.
            const bool skipped = rng.chance(0.15);
            cursor += skipped ? rng.range(5, 60) * 1000 : track->durationMs;
            lib.plays.append({track->id, cursor, contextUri});
            cursor += rng.range(0, 3) * 1000;
        }
        return cursor;
    }
};

bool lessByPlayedAt(const FakeSpotifyPlay &a, const FakeSpotifyPlay &b)
{
    return a.playedAtMs < b.playedAtMs;
}

qint64 rangeStart(FakeSpotifyTimeRange range, qint64 nowMs)
{
    switch (range) {
    case FakeSpotifyTimeRange::ShortTerm:
        return nowMs - 28 * dayMs;
    case FakeSpotifyTimeRange::MediumTerm:
        return nowMs - 182 * dayMs;
    case FakeSpotifyTimeRange::LongTerm:
        break;
    }
    return std::numeric_limits<qint64>::min();
}

QStringList rankByPlays(const QHash<QString, QPair<int, qint64>> &counts)
{
    QStringList ids = counts.keys();
    std::sort(ids.begin(), ids.end(), [&counts](const QString &a, const QString &b) {
        const auto &ca = counts.value(a);
        const auto &cb = counts.value(b);
        if (ca.first != cb.first)
            return ca.first > cb.first;
        if (ca.second != cb.second)
            return ca.second > cb.second;
        return a < b;
    });
    return ids.mid(0, 99);
}

} // namespace

QString FakeSpotifyPlaylist::snapshotId() const
{
    const QByteArray digest =
        QCryptographicHash::hash((id + QString::number(version)).toUtf8(), QCryptographicHash::Sha1);
    const QByteArray snapshot = QByteArray::number(version) + ',' + digest.toHex();
    return QString::fromLatin1(snapshot.toBase64());
}

FakeSpotifyLibrary FakeSpotifyLibrary::generate(quint64 seed, qint64 nowMs)
{
    Generator gen(seed, nowMs);
    gen.lib.me = gen.makeUser();
    for (int i = 0; i < 6; ++i)
        gen.lib.otherUsers.append(gen.makeUser());
    gen.lib.otherUsers.append({QStringLiteral("spotify"), QStringLiteral("Spotify"), {}, {}, {}, 0});
    gen.makeArtists();
    gen.makeCatalogue();
    gen.makeTaste();
    gen.makeSavedTracks();
    gen.makeSavedAlbums();
    gen.makeFollowedArtists();
    gen.makePlaylists();
    gen.makePlays();
    gen.lib.reindex();
    return std::move(gen.lib);
}

void FakeSpotifyLibrary::reindex()
{
    m_artistIndex.clear();
    m_albumIndex.clear();
    m_trackIndex.clear();
    m_playlistIndex.clear();
    for (qsizetype i = 0; i < artists.size(); ++i)
        m_artistIndex.insert(artists.at(i).id, i);
    for (qsizetype i = 0; i < albums.size(); ++i)
        m_albumIndex.insert(albums.at(i).id, i);
    for (qsizetype i = 0; i < tracks.size(); ++i)
        m_trackIndex.insert(tracks.at(i).id, i);
    for (qsizetype i = 0; i < playlists.size(); ++i)
        m_playlistIndex.insert(playlists.at(i).id, i);
}

const FakeSpotifyArtist *FakeSpotifyLibrary::artist(const QString &id) const
{
    const auto it = m_artistIndex.constFind(id);
    return it == m_artistIndex.cend() ? nullptr : &artists.at(*it);
}

const FakeSpotifyAlbum *FakeSpotifyLibrary::album(const QString &id) const
{
    const auto it = m_albumIndex.constFind(id);
    return it == m_albumIndex.cend() ? nullptr : &albums.at(*it);
}

const FakeSpotifyTrack *FakeSpotifyLibrary::track(const QString &id) const
{
    const auto it = m_trackIndex.constFind(id);
    return it == m_trackIndex.cend() ? nullptr : &tracks.at(*it);
}

const FakeSpotifyUser *FakeSpotifyLibrary::user(const QString &id) const
{
    if (id == me.id)
        return &me;
    for (const FakeSpotifyUser &user : otherUsers) {
        if (user.id == id)
            return &user;
    }
    return nullptr;
}

FakeSpotifyPlaylist *FakeSpotifyLibrary::playlist(const QString &id)
{
    const auto it = m_playlistIndex.constFind(id);
    return it == m_playlistIndex.cend() ? nullptr : &playlists[*it];
}

const FakeSpotifyPlaylist *FakeSpotifyLibrary::playlist(const QString &id) const
{
    const auto it = m_playlistIndex.constFind(id);
    return it == m_playlistIndex.cend() ? nullptr : &playlists.at(*it);
}

bool FakeSpotifyLibrary::ownsOrCollaborates(const FakeSpotifyPlaylist &playlist) const
{
    return playlist.ownerId == me.id || playlist.collaboratorIds.contains(me.id);
}

bool FakeSpotifyLibrary::isSavedTrack(const QString &id) const
{
    return std::any_of(savedTracks.cbegin(), savedTracks.cend(), [&id](const FakeSpotifySavedItem &item) {
        return item.id == id;
    });
}

bool FakeSpotifyLibrary::isSavedAlbum(const QString &id) const
{
    return std::any_of(savedAlbums.cbegin(), savedAlbums.cend(), [&id](const FakeSpotifySavedItem &item) {
        return item.id == id;
    });
}

bool FakeSpotifyLibrary::isFollowedArtist(const QString &id) const
{
    return followedArtistIds.contains(id);
}

void FakeSpotifyLibrary::saveTracks(const QStringList &ids, qint64 nowMs)
{
    for (const QString &id : ids) {
        if (!isSavedTrack(id))
            savedTracks.prepend({id, nowMs});
    }
}

void FakeSpotifyLibrary::removeSavedTracks(const QStringList &ids)
{
    savedTracks.removeIf([&ids](const FakeSpotifySavedItem &item) {
        return ids.contains(item.id);
    });
}

void FakeSpotifyLibrary::saveAlbums(const QStringList &ids, qint64 nowMs)
{
    for (const QString &id : ids) {
        if (!isSavedAlbum(id))
            savedAlbums.prepend({id, nowMs});
    }
}

void FakeSpotifyLibrary::removeSavedAlbums(const QStringList &ids)
{
    savedAlbums.removeIf([&ids](const FakeSpotifySavedItem &item) {
        return ids.contains(item.id);
    });
}

void FakeSpotifyLibrary::followArtists(const QStringList &ids)
{
    for (const QString &id : ids) {
        if (!followedArtistIds.contains(id))
            followedArtistIds.insert(std::lower_bound(followedArtistIds.begin(), followedArtistIds.end(), id), id);
    }
}

void FakeSpotifyLibrary::unfollowArtists(const QStringList &ids)
{
    followedArtistIds.removeIf([&ids](const QString &id) {
        return ids.contains(id);
    });
}

void FakeSpotifyLibrary::followPlaylist(const QString &id)
{
    if (!myPlaylistIds.contains(id))
        myPlaylistIds.prepend(id);
}

void FakeSpotifyLibrary::unfollowPlaylist(const QString &id)
{
    myPlaylistIds.removeAll(id);
}

void FakeSpotifyLibrary::appendPlay(const QString &trackId, qint64 playedAtMs, const QString &contextUri)
{
    const FakeSpotifyPlay play{trackId, playedAtMs, contextUri};
    plays.insert(std::upper_bound(plays.begin(), plays.end(), play, lessByPlayedAt), play);
}

QList<FakeSpotifyPlay> FakeSpotifyLibrary::reachablePlays() const
{
    QList<FakeSpotifyPlay> out;
    for (qsizetype i = plays.size() - 1; i >= 0 && out.size() < 50; --i)
        out.append(plays.at(i));
    return out;
}

QStringList FakeSpotifyLibrary::topTrackIds(FakeSpotifyTimeRange range, qint64 nowMs) const
{
    const qint64 from = rangeStart(range, nowMs);
    QHash<QString, QPair<int, qint64>> counts;
    for (const FakeSpotifyPlay &play : plays) {
        if (play.playedAtMs < from || play.playedAtMs > nowMs)
            continue;
        auto &entry = counts[play.trackId];
        ++entry.first;
        entry.second = std::max(entry.second, play.playedAtMs);
    }
    return rankByPlays(counts);
}

QStringList FakeSpotifyLibrary::topArtistIds(FakeSpotifyTimeRange range, qint64 nowMs) const
{
    const qint64 from = rangeStart(range, nowMs);
    QHash<QString, QPair<int, qint64>> counts;
    for (const FakeSpotifyPlay &play : plays) {
        if (play.playedAtMs < from || play.playedAtMs > nowMs)
            continue;
        const FakeSpotifyTrack *t = track(play.trackId);
        if (!t)
            continue;
        auto &entry = counts[t->artistIds.first()];
        ++entry.first;
        entry.second = std::max(entry.second, play.playedAtMs);
    }
    return rankByPlays(counts);
}

bool isSpotifyId(const QString &id)
{
    if (id.size() != 22)
        return false;
    return std::all_of(id.cbegin(), id.cend(), [](QChar c) {
        return c.unicode() < 128 && c.isLetterOrNumber();
    });
}

} // namespace testsupport
