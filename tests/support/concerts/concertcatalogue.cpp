#include "tests/support/concerts/concertcatalogue.h"

#include "tests/support/testenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>
#include <QTimeZone>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

namespace testsupport
{

namespace
{

const QString kLocale = QStringLiteral("en-us");
const QString kSpotifyArtistPrefix = QStringLiteral("https://open.spotify.com/artist/");

QString isoUtc(const QDateTime &dateTime)
{
    return dateTime.toUTC().toString(Qt::ISODate); // "2026-03-14T19:00:00Z"
}

QDateTime parseUtc(const QString &text)
{
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODate);
    if (parsed.isValid() && parsed.timeSpec() == Qt::LocalTime)
        parsed.setTimeSpec(Qt::UTC); // SeatGeek's datetime_utc carries no zone designator
    return parsed.toUTC();
}

QString numberText(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QJsonObject idName(const QString &id, const QString &name)
{
    return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("name"), name}};
}

QJsonObject href(const QString &path)
{
    return QJsonObject{{QStringLiteral("href"), path}};
}

QString seatGeekDateTime(const QDateTime &dateTime)
{
    return dateTime.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
}

// Ticketmaster's venue and attraction objects, as embedded in an event.
QJsonObject ticketmasterVenueJson(const FakeConcertVenue &venue)
{
    QJsonObject json{
        {QStringLiteral("name"), venue.name},
        {QStringLiteral("type"), QStringLiteral("venue")},
        {QStringLiteral("id"), venue.ticketmasterId},
        {QStringLiteral("test"), false},
        {QStringLiteral("locale"), kLocale},
        {QStringLiteral("city"), QJsonObject{{QStringLiteral("name"), venue.city}}},
        {QStringLiteral("country"),
         QJsonObject{{QStringLiteral("name"), venue.countryName}, {QStringLiteral("countryCode"), venue.countryCode}}},
        // Strings, not numbers: what the live API sends whatever the swagger says.
        {QStringLiteral("location"),
         QJsonObject{{QStringLiteral("longitude"), numberText(venue.longitude)},
                     {QStringLiteral("latitude"), numberText(venue.latitude)}}},
        {QStringLiteral("_links"),
         QJsonObject{{QStringLiteral("self"),
                      href(QStringLiteral("/discovery/v2/venues/%1?locale=en-us").arg(venue.ticketmasterId))}}},
    };
    if (!venue.postalCode.isEmpty())
        json.insert(QStringLiteral("postalCode"), venue.postalCode);
    if (!venue.timezone.isEmpty())
        json.insert(QStringLiteral("timezone"), venue.timezone);
    if (!venue.stateName.isEmpty() || !venue.stateCode.isEmpty()) {
        json.insert(
            QStringLiteral("state"),
            QJsonObject{{QStringLiteral("name"), venue.stateName}, {QStringLiteral("stateCode"), venue.stateCode}});
    }
    if (!venue.address.isEmpty())
        json.insert(QStringLiteral("address"), QJsonObject{{QStringLiteral("line1"), venue.address}});
    return json;
}

QJsonObject ticketmasterAttractionJson(const FakeConcertPerformer &performer)
{
    QJsonObject json{
        {QStringLiteral("name"), performer.name},
        {QStringLiteral("type"), QStringLiteral("attraction")},
        {QStringLiteral("id"), performer.ticketmasterId},
        {QStringLiteral("test"), false},
        {QStringLiteral("locale"), kLocale},
        {QStringLiteral("_links"),
         QJsonObject{
             {QStringLiteral("self"),
              href(QStringLiteral("/discovery/v2/attractions/%1?locale=en-us").arg(performer.ticketmasterId))}}},
    };
    if (!performer.ticketmasterUrl.isEmpty())
        json.insert(QStringLiteral("url"), performer.ticketmasterUrl);
    QJsonObject links;
    // Ticketmaster gives Spotify as a URL only; the artist ID is its last path segment.
    if (!performer.spotifyId.isEmpty()) {
        links.insert(
            QStringLiteral("spotify"),
            QJsonArray{QJsonObject{{QStringLiteral("url"), QString(kSpotifyArtistPrefix + performer.spotifyId)}}});
    }
    if (!performer.musicBrainzId.isEmpty()) {
        links.insert(QStringLiteral("musicbrainz"),
                     QJsonArray{QJsonObject{{QStringLiteral("id"), performer.musicBrainzId}}});
    }
    if (!links.isEmpty())
        json.insert(QStringLiteral("externalLinks"), links);
    return json;
}

// --- the generated part of the standard catalogue ------------------------------------------------------

struct CityInfo {
    const char *city;
    const char *stateName;
    const char *stateCode;
    const char *countryName;
    const char *countryCode;
    const char *timezone;
};

struct VenueInfo {
    int city;
    const char *ticketmasterId; // nullptr: generated
    qint64 seatGeekId; // 0: generated when the city is in North America
    const char *name;
    const char *address;
    const char *postalCode;
    double latitude;
    double longitude;
};

const CityInfo kCities[] = {
    {"Berlin", "Berlin", "BE", "Germany", "DE", "Europe/Berlin"},
    {"London", "", "", "Great Britain", "GB", "Europe/London"},
    {"Paris", "", "", "France", "FR", "Europe/Paris"},
    {"Amsterdam", "", "", "Netherlands", "NL", "Europe/Amsterdam"},
    {"Reykjavík", "", "", "Iceland", "IS", "Atlantic/Reykjavik"},
    {"Brooklyn", "New York", "NY", "United States Of America", "US", "America/New_York"},
    {"New York", "New York", "NY", "United States Of America", "US", "America/New_York"},
    {"Chicago", "Illinois", "IL", "United States Of America", "US", "America/Chicago"},
    {"Los Angeles", "California", "CA", "United States Of America", "US", "America/Los_Angeles"},
    {"Austin", "Texas", "TX", "United States Of America", "US", "America/Chicago"},
    {"Toronto", "Ontario", "ON", "Canada", "CA", "America/Toronto"},
    {"Montréal", "Québec", "QC", "Canada", "CA", "America/Toronto"},
};

// Funkhaus and Kings Theatre are the fixtures' venues, with the fixtures' IDs and addresses.
const VenueInfo kVenues[] = {
    {0, "KovZfakeV1", 0, "Funkhaus", "Nalepastrasse 18", "12459", 52.4833, 13.5006},
    {0, nullptr, 0, "Columbiahalle", "Columbiadamm 13-21", "10965", 52.4840, 13.3924},
    {1, nullptr, 0, "Royal Albert Hall", "Kensington Gore", "SW7 2AP", 51.5009, -0.1774},
    {1, nullptr, 0, "O2 Academy Brixton", "211 Stockwell Road", "SW9 9SL", 51.4651, -0.1149},
    {2, nullptr, 0, "L'Olympia", "28 Boulevard des Capucines", "75009", 48.8702, 2.3283},
    {3, nullptr, 0, "Paradiso", "Weteringschans 6-8", "1017 SG", 52.3622, 4.8838},
    {4, nullptr, 0, "Harpa", "Austurbakki 2", "101", 64.1504, -21.9327},
    {5, nullptr, 424242, "Kings Theatre", "1027 Flatbush Ave", "11226", 40.6461, -73.9576},
    {5, nullptr, 0, "Brooklyn Steel", "319 Frost St", "11222", 40.7193, -73.9383},
    {6, nullptr, 0, "Radio City Music Hall", "1260 6th Ave", "10020", 40.7600, -73.9799},
    {7, nullptr, 0, "Metro", "3730 N Clark St", "60613", 41.9497, -87.6588},
    {7, nullptr, 0, "Thalia Hall", "1807 S Allport St", "60608", 41.8575, -87.6573},
    {8, nullptr, 0, "The Wiltern", "3790 Wilshire Blvd", "90010", 34.0617, -118.3085},
    {8, nullptr, 0, "Hollywood Bowl", "2301 N Highland Ave", "90068", 34.1122, -118.3391},
    {9, nullptr, 0, "Stubb's", "801 Red River St", "78701", 30.2684, -97.7363},
    {10, nullptr, 0, "Massey Hall", "178 Victoria St", "M5B 1T7", 43.6541, -79.3788},
    {11, nullptr, 0, "MTELUS", "59 Rue Sainte-Catherine E", "H2X 1K5", 45.5101, -73.5630},
};
constexpr int kVenueCount = int(sizeof(kVenues) / sizeof(kVenues[0]));
constexpr int kFirstNorthAmericanCity = 5;

struct GenreInfo {
    const char *segmentId;
    const char *segmentName;
    const char *genreId;
    const char *genreName;
    const char *subGenreId;
    const char *subGenreName;
};

const GenreInfo kClassical =
    {"KZFzniwnSyZfZ7v7nJ", "Music", "KnvZfZ7vAeJ", "Classical", "KZazBEonSMnZfZ7vAv1", "Classical"};
const GenreInfo kRock =
    {"KZFzniwnSyZfZ7v7nJ", "Music", "KnvZfZ7vAeA", "Rock", "KZazBEonSMnZfZ7v6dE", "Alternative Rock"};
const GenreInfo kAlternative =
    {"KZFzniwnSyZfZ7v7nJ", "Music", "KnvZfZ7vAvv", "Alternative", "KZazBEonSMnZfZ7vAvJ", "Indie Rock"};
const GenreInfo kPop = {"KZFzniwnSyZfZ7v7nJ", "Music", "KnvZfZ7vAev", "Pop", "KZazBEonSMnZfZ7v6F1", "Pop"};
const GenreInfo kElectronic =
    {"KZFzniwnSyZfZ7v7nJ", "Music", "KnvZfZ7vAvF", "Dance/Electronic", "KZazBEonSMnZfZ7vAJ1", "Electronic"};
const GenreInfo kFolk = {"KZFzniwnSyZfZ7v7nJ", "Music", "KnvZfZ7vAva", "Folk", "KZazBEonSMnZfZ7vkFd", "Folk Rock"};
const GenreInfo kComedy =
    {"KZFzniwnSyZfZ7v7na", "Arts & Theatre", "KnvZfZ7vAe1", "Comedy", "KZazBEonSMnZfZ7vAde", "Comedy"};

struct ArtistInfo {
    const char *name;
    const char *seatGeekName; // nullptr: same spelling
    const char *slug;
    const GenreInfo *genre;
    bool spotifyKnown;
    int stops;
};

// Names chosen for later matching tests: "&" against "and", diacritics, near-homonyms, a tribute act.
const ArtistInfo kArtists[] = {
    {"The National", nullptr, "the-national", &kAlternative, true, 7},
    {"National Anthem", nullptr, "national-anthem", &kRock, false, 5},
    {"Smells Like Nirvana", nullptr, "smells-like-nirvana", &kRock, false, 4},
    {"Sigur Rós", nullptr, "sigur-ros", &kAlternative, true, 6},
    {"Björk", nullptr, "bjork", &kAlternative, true, 5},
    {"Röyksopp", nullptr, "royksopp", &kElectronic, true, 6},
    {"Mumford & Sons", "Mumford and Sons", "mumford-and-sons", &kFolk, true, 7},
    {"Florence + the Machine", "Florence and the Machine", "florence-and-the-machine", &kPop, true, 6},
    {"Beyoncé", nullptr, "beyonce", &kPop, true, 5},
    {"Khruangbin", nullptr, "khruangbin", &kRock, true, 7},
    {"Phoebe Bridgers", nullptr, "phoebe-bridgers", &kAlternative, true, 6},
    {"Hania Rani", nullptr, "hania-rani", &kClassical, true, 5},
    {"John Mulaney", nullptr, "john-mulaney", &kComedy, false, 4},
};
constexpr int kArtistCount = int(sizeof(kArtists) / sizeof(kArtists[0]));

FakeConcertVenue makeVenue(int index)
{
    const VenueInfo &info = kVenues[index];
    const CityInfo &city = kCities[info.city];
    FakeConcertVenue venue;
    venue.ticketmasterId = info.ticketmasterId ? QString::fromUtf8(info.ticketmasterId)
                                               : QStringLiteral("KovZgen%1").arg(index, 3, 10, QLatin1Char('0'));
    if (info.city >= kFirstNorthAmericanCity)
        venue.seatGeekId = info.seatGeekId ? info.seatGeekId : 500000 + index;
    venue.name = QString::fromUtf8(info.name);
    venue.address = QString::fromUtf8(info.address);
    venue.city = QString::fromUtf8(city.city);
    venue.stateName = QString::fromUtf8(city.stateName);
    venue.stateCode = QString::fromUtf8(city.stateCode);
    venue.countryName = QString::fromUtf8(city.countryName);
    venue.countryCode = QString::fromUtf8(city.countryCode);
    venue.postalCode = QString::fromUtf8(info.postalCode);
    venue.timezone = QString::fromUtf8(city.timezone);
    venue.latitude = info.latitude;
    venue.longitude = info.longitude;
    if (venue.seatGeekId) {
        QString slug = foldForSearch(venue.name);
        slug.replace(QLatin1Char(' '), QLatin1Char('-'));
        venue.seatGeekUrl = QStringLiteral("https://seatgeek.example/venues/") + slug;
    }
    return venue;
}

FakeConcertPerformer makePerformer(int index)
{
    const ArtistInfo &info = kArtists[index];
    FakeConcertPerformer performer;
    performer.name = QString::fromUtf8(info.name);
    if (info.seatGeekName)
        performer.seatGeekName = QString::fromUtf8(info.seatGeekName);
    performer.ticketmasterId = QStringLiteral("K8vZ9gen%1").arg(index + 1, 2, 10, QLatin1Char('0'));
    performer.seatGeekId = 7001 + index;
    performer.slug = QString::fromUtf8(info.slug);
    if (info.spotifyKnown) {
        performer.spotifyId = fakeSpotifyArtistId(performer.name);
        performer.musicBrainzId = QUuid::createUuidV5(QUuid(QStringLiteral("6ba7b811-9dad-11d1-80b4-00c04fd430c8")),
                                                      QStringLiteral("musicbrainz:artist:") + performer.name)
                                      .toString(QUuid::WithoutBraces);
    }
    performer.ticketmasterUrl = QStringLiteral("https://www.ticketmaster.example/artist/") + performer.ticketmasterId;
    performer.imageUrl = QStringLiteral("https://img.example/%1.jpg").arg(performer.slug);
    performer.seatGeekType = info.genre == &kComedy ? QStringLiteral("comedy") : QStringLiteral("band");
    performer.seatGeekScore = 0.4 + double((index * 13) % 50) / 100.0;
    return performer;
}

FakeConcertPerformer nilsFrahm()
{
    FakeConcertPerformer performer;
    performer.name = QStringLiteral("Nils Frahm");
    performer.ticketmasterId = QStringLiteral("K8vZ9fakeA1");
    performer.seatGeekId = 777;
    performer.slug = QStringLiteral("nils-frahm");
    performer.spotifyId = QStringLiteral("5gqhueRUZEa7VDnQt4HODp");
    performer.imageUrl = QStringLiteral("https://img.example/nf.jpg");
    performer.seatGeekScore = 0.58;
    return performer;
}

struct EventPlan {
    QString ticketmasterId;
    qint64 seatGeekId = 0;
    QString name;
    int venue = 0;
    QDate localDate;
    QTime localTime;
    const GenreInfo *genre = nullptr;
    QList<FakeConcertPerformer> performers;
    QString status = QStringLiteral("onsale");
    int serial = 0;
};

FakeConcert makeConcert(const EventPlan &plan)
{
    FakeConcert concert;
    concert.venue = makeVenue(plan.venue);
    concert.ticketmasterId = plan.ticketmasterId;
    if (concert.venue.seatGeekId)
        concert.seatGeekId = plan.seatGeekId;
    concert.name = plan.name;
    concert.localDate = plan.localDate;
    concert.localTime = plan.localTime;
    // A missing zone database must not change the data: fall back to UTC, visibly wrong but stable.
    const QTimeZone zone(concert.venue.timezone.toUtf8());
    concert.startUtc = zone.isValid() ? QDateTime(plan.localDate, plan.localTime, zone).toUTC()
                                      : QDateTime(plan.localDate, plan.localTime, Qt::UTC);
    concert.status = plan.status;
    concert.segmentId = QString::fromUtf8(plan.genre->segmentId);
    concert.segmentName = QString::fromUtf8(plan.genre->segmentName);
    concert.genreId = QString::fromUtf8(plan.genre->genreId);
    concert.genreName = QString::fromUtf8(plan.genre->genreName);
    concert.subGenreId = QString::fromUtf8(plan.genre->subGenreId);
    concert.subGenreName = QString::fromUtf8(plan.genre->subGenreName);
    concert.performers = plan.performers;
    const QString slug = plan.performers.isEmpty() ? QStringLiteral("event") : plan.performers.first().slug;
    concert.ticketmasterUrl = QStringLiteral("https://www.ticketmaster.example/event/") + plan.ticketmasterId;
    if (concert.seatGeekId) {
        concert.seatGeekUrl =
            QStringLiteral("https://seatgeek.example/%1-tickets/%2").arg(slug).arg(concert.seatGeekId);
    }
    concert.images = {FakeConcertImage{QStringLiteral("16_9"),
                                       QStringLiteral("https://img.example/%1_16_9.jpg").arg(slug),
                                       1024,
                                       576,
                                       false}};
    concert.publicSaleStartUtc = QDateTime(concert.startUtc.date().addDays(-90), QTime(10, 0), Qt::UTC);
    concert.publicSaleEndUtc = concert.startUtc;
    const int n = plan.serial;
    concert.seatGeekScore = 0.3 + double((n * 37) % 60) / 100.0;
    concert.stats.listingCount = 5 + (n * 7) % 90;
    concert.stats.lowest = 30 + (n * 3) % 40;
    concert.stats.average = concert.stats.lowest + 25;
    concert.stats.median = concert.stats.lowest + 20;
    concert.stats.highest = concert.stats.lowest + 120;
    return concert;
}

FakeConcertCatalogue generatedCatalogue()
{
    FakeConcertCatalogue catalogue;
    int serial = 0;
    const auto nextPlan = [&serial](const QString &name, int venue, QDate date, QTime time, const GenreInfo *genre) {
        ++serial;
        EventPlan plan;
        plan.serial = serial;
        plan.ticketmasterId = QStringLiteral("vvG1YZ9gen%1").arg(serial, 4, 10, QLatin1Char('0'));
        plan.seatGeekId = 9100000 + serial;
        plan.name = name;
        plan.venue = venue;
        plan.localDate = date;
        plan.localTime = time;
        plan.genre = genre;
        return plan;
    };

    // Nils Frahm's other two Ticketmaster dates, so that the fixture page (page 0 of 3 at size 1) comes back
    // verbatim; both in Europe, so SeatGeek keeps only its own fixture event for him.
    for (const auto &[venue, date] : {std::pair{2, QDate(2026, 5, 20)}, std::pair{5, QDate(2026, 6, 10)}}) {
        EventPlan plan = nextPlan(QStringLiteral("Nils Frahm - Live"), venue, date, QTime(20, 0), &kClassical);
        plan.performers = {nilsFrahm()};
        catalogue.add(makeConcert(plan));
    }

    for (int artist = 0; artist < kArtistCount; ++artist) {
        const ArtistInfo &info = kArtists[artist];
        for (int stop = 0; stop < info.stops; ++stop) {
            const int venue = (artist * 7 + stop * 5) % kVenueCount;
            const QDate date(2026, 1 + (artist + stop * 2) % 12, 1 + (artist * 7 + stop * 11) % 28);
            const QTime time = info.genre == &kClassical ? QTime(19, 30) : QTime(20, 0);
            QString name = QString::fromUtf8(info.name);
            if (artist == 2)
                name = QStringLiteral("Nirvana Tribute Night: Smells Like Nirvana");
            EventPlan plan = nextPlan(name, venue, date, time, info.genre);
            plan.performers = {makePerformer(artist)};
            if (serial % 29 == 7)
                plan.status = QStringLiteral("cancelled");
            else if (serial % 31 == 11)
                plan.status = QStringLiteral("rescheduled");
            else if (serial % 37 == 5)
                plan.status = QStringLiteral("offsale");
            else if (serial % 41 == 13)
                plan.status = QStringLiteral("canceled");
            catalogue.add(makeConcert(plan));
        }
    }

    // The two "National" acts in the same city in the same week, and a bill with three acts.
    EventPlan national = nextPlan(QStringLiteral("The National"), 8, QDate(2026, 9, 18), QTime(20, 0), &kAlternative);
    national.performers = {makePerformer(0)};
    catalogue.add(makeConcert(national));
    EventPlan anthem = nextPlan(QStringLiteral("National Anthem"), 7, QDate(2026, 9, 20), QTime(20, 0), &kRock);
    anthem.performers = {makePerformer(1)};
    catalogue.add(makeConcert(anthem));
    for (const auto &[venue, date] : {std::pair{13, QDate(2026, 7, 11)}, std::pair{3, QDate(2026, 8, 1)}}) {
        EventPlan bill = nextPlan(QStringLiteral("Summer Nights: Khruangbin, Phoebe Bridgers & Röyksopp"),
                                  venue,
                                  date,
                                  QTime(18, 0),
                                  &kRock);
        bill.performers = {makePerformer(9), makePerformer(10), makePerformer(5)};
        catalogue.add(makeConcert(bill));
    }
    return catalogue;
}

const char kBase32[] = "0123456789bcdefghjkmnpqrstuvwxyz";

} // namespace

QString FakeConcertPerformer::seatGeekDisplayName() const
{
    return seatGeekName.isEmpty() ? name : seatGeekName;
}

bool FakeConcert::onTicketmaster() const
{
    return !ticketmasterId.isEmpty();
}

bool FakeConcert::onSeatGeek() const
{
    return seatGeekId != 0;
}

QString FakeConcert::seatGeekDisplayTitle() const
{
    if (!seatGeekTitle.isEmpty())
        return seatGeekTitle;
    // SeatGeek titles a show after its performers in its own spelling: "A with B and C".
    QStringList names;
    for (const FakeConcertPerformer &performer : performers)
        names.append(performer.seatGeekDisplayName());
    if (names.isEmpty())
        return name;
    if (names.size() == 1)
        return names.first();
    const QString last = names.takeLast();
    const QString headliner = names.takeFirst();
    if (names.isEmpty())
        return headliner + QStringLiteral(" with ") + last;
    return headliner + QStringLiteral(" with ") + names.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last;
}

QString FakeConcert::seatGeekStatus() const
{
    if (status == QLatin1String("canceled") || status == QLatin1String("cancelled"))
        return QStringLiteral("cancelled");
    if (status == QLatin1String("postponed") || status == QLatin1String("rescheduled"))
        return QStringLiteral("rescheduled");
    return QStringLiteral("normal");
}

QString FakeConcert::seatGeekType() const
{
    return genreName == QLatin1String("Comedy") ? QStringLiteral("comedy") : QStringLiteral("concert");
}

FakeConcertCatalogue FakeConcertCatalogue::standard()
{
    FakeConcertCatalogue catalogue = fixturesOnly();
    catalogue.append(generatedCatalogue());
    return catalogue;
}

FakeConcertCatalogue FakeConcertCatalogue::fixturesOnly()
{
    FakeConcertCatalogue catalogue;
    const QDir dir(QDir(sharedReferenceDir()).filePath(QStringLiteral("concerts")));
    for (const QString &file :
         {QStringLiteral("ticketmaster-discovery-v2-events.json"), QStringLiteral("seatgeek-v2-events.json")}) {
        QString error;
        if (!catalogue.loadFile(dir.filePath(file), &error))
            qWarning("FakeConcertCatalogue: %s", qPrintable(error));
    }
    return catalogue;
}

void FakeConcertCatalogue::add(const FakeConcert &concert)
{
    m_concerts.append(concert);
}

void FakeConcertCatalogue::append(const FakeConcertCatalogue &other)
{
    m_concerts.append(other.m_concerts);
}

void FakeConcertCatalogue::clear()
{
    m_concerts.clear();
}

const QList<FakeConcert> &FakeConcertCatalogue::concerts() const
{
    return m_concerts;
}

qsizetype FakeConcertCatalogue::size() const
{
    return m_concerts.size();
}

qsizetype FakeConcertCatalogue::ticketmasterCount() const
{
    return std::count_if(m_concerts.cbegin(), m_concerts.cend(), [](const FakeConcert &concert) {
        return concert.onTicketmaster();
    });
}

qsizetype FakeConcertCatalogue::seatGeekCount() const
{
    return std::count_if(m_concerts.cbegin(), m_concerts.cend(), [](const FakeConcert &concert) {
        return concert.onSeatGeek();
    });
}

std::optional<FakeConcert> FakeConcertCatalogue::ticketmasterEvent(const QString &id) const
{
    for (const FakeConcert &concert : m_concerts) {
        if (concert.onTicketmaster() && concert.ticketmasterId == id)
            return concert;
    }
    return std::nullopt;
}

std::optional<FakeConcert> FakeConcertCatalogue::seatGeekEvent(qint64 id) const
{
    for (const FakeConcert &concert : m_concerts) {
        if (concert.onSeatGeek() && concert.seatGeekId == id)
            return concert;
    }
    return std::nullopt;
}

QList<FakeConcert> FakeConcertCatalogue::withPerformer(const QString &performerName) const
{
    QList<FakeConcert> found;
    for (const FakeConcert &concert : m_concerts) {
        const bool plays =
            std::any_of(concert.performers.cbegin(),
                        concert.performers.cend(),
                        [&performerName](const FakeConcertPerformer &performer) {
                            return performer.name == performerName || performer.seatGeekName == performerName;
                        });
        if (plays)
            found.append(concert);
    }
    return found;
}

bool FakeConcertCatalogue::loadTicketmasterPage(const QJsonObject &page, QString *errorMessage)
{
    const QJsonValue events = page.value(QStringLiteral("_embedded")).toObject().value(QStringLiteral("events"));
    if (!events.isArray()) {
        if (errorMessage)
            *errorMessage = QStringLiteral("no _embedded.events array");
        return false;
    }
    for (const QJsonValue &event : events.toArray())
        add(concertFromTicketmasterJson(event.toObject()));
    return true;
}

bool FakeConcertCatalogue::loadSeatGeekPage(const QJsonObject &page, QString *errorMessage)
{
    const QJsonValue events = page.value(QStringLiteral("events"));
    if (!events.isArray()) {
        if (errorMessage)
            *errorMessage = QStringLiteral("no events array");
        return false;
    }
    for (const QJsonValue &event : events.toArray())
        add(concertFromSeatGeekJson(event.toObject()));
    return true;
}

bool FakeConcertCatalogue::loadFile(const QString &path, QString *errorMessage)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errorMessage)
            *errorMessage = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        if (errorMessage)
            *errorMessage = QStringLiteral("%1 is not a JSON object: %2").arg(path, parseError.errorString());
        return false;
    }
    const QJsonObject root = document.object();
    if (root.contains(QStringLiteral("_embedded")))
        return loadTicketmasterPage(root, errorMessage);
    return loadSeatGeekPage(root, errorMessage);
}

QJsonObject ticketmasterEventJson(const FakeConcert &concert)
{
    QJsonObject json{
        {QStringLiteral("name"), concert.name},
        {QStringLiteral("type"), QStringLiteral("event")},
        {QStringLiteral("id"), concert.ticketmasterId},
        {QStringLiteral("test"), false},
        {QStringLiteral("locale"), kLocale},
    };
    if (!concert.ticketmasterUrl.isEmpty())
        json.insert(QStringLiteral("url"), concert.ticketmasterUrl);
    if (!concert.images.isEmpty()) {
        QJsonArray images;
        for (const FakeConcertImage &image : concert.images) {
            images.append(QJsonObject{{QStringLiteral("ratio"), image.ratio},
                                      {QStringLiteral("url"), image.url},
                                      {QStringLiteral("width"), image.width},
                                      {QStringLiteral("height"), image.height},
                                      {QStringLiteral("fallback"), image.fallback}});
        }
        json.insert(QStringLiteral("images"), images);
    }
    if (concert.publicSaleStartUtc.isValid()) {
        QJsonObject publicSale{{QStringLiteral("startDateTime"), isoUtc(concert.publicSaleStartUtc)},
                               {QStringLiteral("startTBD"), false}};
        if (concert.publicSaleEndUtc.isValid())
            publicSale.insert(QStringLiteral("endDateTime"), isoUtc(concert.publicSaleEndUtc));
        json.insert(QStringLiteral("sales"), QJsonObject{{QStringLiteral("public"), publicSale}});
    }
    QJsonObject dates{
        {QStringLiteral("start"),
         QJsonObject{{QStringLiteral("localDate"), concert.localDate.toString(Qt::ISODate)},
                     {QStringLiteral("localTime"), concert.localTime.toString(QStringLiteral("HH:mm:ss"))},
                     {QStringLiteral("dateTime"), isoUtc(concert.startUtc)},
                     {QStringLiteral("dateTBD"), false},
                     {QStringLiteral("dateTBA"), false},
                     {QStringLiteral("timeTBA"), false},
                     {QStringLiteral("noSpecificTime"), false}}},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("code"), concert.status}}},
    };
    if (!concert.venue.timezone.isEmpty())
        dates.insert(QStringLiteral("timezone"), concert.venue.timezone);
    json.insert(QStringLiteral("dates"), dates);
    if (!concert.segmentName.isEmpty()) {
        json.insert(QStringLiteral("classifications"),
                    QJsonArray{QJsonObject{
                        {QStringLiteral("primary"), true},
                        {QStringLiteral("segment"), idName(concert.segmentId, concert.segmentName)},
                        {QStringLiteral("genre"), idName(concert.genreId, concert.genreName)},
                        {QStringLiteral("subGenre"), idName(concert.subGenreId, concert.subGenreName)},
                    }});
    }

    QJsonArray attractionLinks;
    QJsonArray attractions;
    for (const FakeConcertPerformer &performer : concert.performers) {
        attractionLinks.append(
            href(QStringLiteral("/discovery/v2/attractions/%1?locale=en-us").arg(performer.ticketmasterId)));
        attractions.append(ticketmasterAttractionJson(performer));
    }
    QJsonObject links{
        {QStringLiteral("self"),
         href(QStringLiteral("/discovery/v2/events/%1?locale=en-us").arg(concert.ticketmasterId))},
        {QStringLiteral("venues"),
         QJsonArray{href(QStringLiteral("/discovery/v2/venues/%1?locale=en-us").arg(concert.venue.ticketmasterId))}},
    };
    QJsonObject embedded{{QStringLiteral("venues"), QJsonArray{ticketmasterVenueJson(concert.venue)}}};
    if (!attractions.isEmpty()) {
        links.insert(QStringLiteral("attractions"), attractionLinks);
        embedded.insert(QStringLiteral("attractions"), attractions);
    }
    json.insert(QStringLiteral("_links"), links);
    json.insert(QStringLiteral("_embedded"), embedded);
    return json;
}

QJsonObject seatGeekEventJson(const FakeConcert &concert)
{
    const FakeConcertVenue &venue = concert.venue;
    QJsonArray performers;
    for (qsizetype i = 0; i < concert.performers.size(); ++i) {
        const FakeConcertPerformer &performer = concert.performers.at(i);
        performers.append(QJsonObject{
            {QStringLiteral("id"), performer.seatGeekId},
            {QStringLiteral("name"), performer.seatGeekDisplayName()},
            {QStringLiteral("short_name"), performer.seatGeekDisplayName()},
            {QStringLiteral("slug"), performer.slug},
            {QStringLiteral("type"), performer.seatGeekType},
            {QStringLiteral("primary"), i == 0},
            {QStringLiteral("score"), performer.seatGeekScore},
            {QStringLiteral("image"), performer.imageUrl},
        });
    }
    const bool comedy = concert.seatGeekType() == QLatin1String("comedy");
    const QString title = concert.seatGeekDisplayTitle();
    return QJsonObject{
        {QStringLiteral("id"), concert.seatGeekId},
        {QStringLiteral("type"), concert.seatGeekType()},
        {QStringLiteral("title"), title},
        {QStringLiteral("short_title"), concert.seatGeekShortTitle.isEmpty() ? title : concert.seatGeekShortTitle},
        // Built from its parts: a QDateTime in the machine's zone would shift times that fall in a DST gap.
        {QStringLiteral("datetime_local"),
         QString(concert.localDate.toString(Qt::ISODate) + QLatin1Char('T')
                 + concert.localTime.toString(QStringLiteral("HH:mm:ss")))},
        {QStringLiteral("datetime_utc"), seatGeekDateTime(concert.startUtc.toUTC())},
        {QStringLiteral("datetime_tbd"), false},
        {QStringLiteral("time_tbd"), false},
        {QStringLiteral("date_tbd"), false},
        {QStringLiteral("status"), concert.seatGeekStatus()},
        {QStringLiteral("score"), concert.seatGeekScore},
        {QStringLiteral("url"), concert.seatGeekUrl},
        {QStringLiteral("venue"),
         QJsonObject{
             {QStringLiteral("id"), venue.seatGeekId},
             {QStringLiteral("name"), venue.name},
             {QStringLiteral("address"), venue.address},
             {QStringLiteral("city"), venue.city},
             {QStringLiteral("state"), venue.stateCode},
             {QStringLiteral("country"), venue.countryCode},
             {QStringLiteral("postal_code"), venue.postalCode},
             {QStringLiteral("timezone"), venue.timezone},
             // Numbers, unlike Ticketmaster's strings.
             {QStringLiteral("location"),
              QJsonObject{{QStringLiteral("lat"), venue.latitude}, {QStringLiteral("lon"), venue.longitude}}},
             {QStringLiteral("url"), venue.seatGeekUrl},
         }},
        {QStringLiteral("performers"), performers},
        {QStringLiteral("taxonomies"),
         QJsonArray{QJsonObject{
             {QStringLiteral("id"), comedy ? 3010000 : 2000000},
             {QStringLiteral("name"), concert.seatGeekType()},
             {QStringLiteral("parent_id"), QJsonValue::Null},
             {QStringLiteral("rank"), 0},
         }}},
        {QStringLiteral("stats"),
         QJsonObject{
             {QStringLiteral("listing_count"), concert.stats.listingCount},
             {QStringLiteral("lowest_price"), concert.stats.lowest},
             {QStringLiteral("average_price"), concert.stats.average},
             {QStringLiteral("median_price"), concert.stats.median},
             {QStringLiteral("highest_price"), concert.stats.highest},
         }},
    };
}

FakeConcert concertFromTicketmasterJson(const QJsonObject &event)
{
    FakeConcert concert;
    concert.ticketmasterId = event.value(QStringLiteral("id")).toString();
    concert.name = event.value(QStringLiteral("name")).toString();
    concert.ticketmasterUrl = event.value(QStringLiteral("url")).toString();
    for (const QJsonValue &value : event.value(QStringLiteral("images")).toArray()) {
        const QJsonObject image = value.toObject();
        concert.images.append(FakeConcertImage{image.value(QStringLiteral("ratio")).toString(),
                                               image.value(QStringLiteral("url")).toString(),
                                               image.value(QStringLiteral("width")).toInt(),
                                               image.value(QStringLiteral("height")).toInt(),
                                               image.value(QStringLiteral("fallback")).toBool()});
    }
    const QJsonObject publicSale =
        event.value(QStringLiteral("sales")).toObject().value(QStringLiteral("public")).toObject();
    if (publicSale.contains(QStringLiteral("startDateTime")))
        concert.publicSaleStartUtc = parseUtc(publicSale.value(QStringLiteral("startDateTime")).toString());
    if (publicSale.contains(QStringLiteral("endDateTime")))
        concert.publicSaleEndUtc = parseUtc(publicSale.value(QStringLiteral("endDateTime")).toString());

    const QJsonObject dates = event.value(QStringLiteral("dates")).toObject();
    const QJsonObject start = dates.value(QStringLiteral("start")).toObject();
    concert.localDate = QDate::fromString(start.value(QStringLiteral("localDate")).toString(), Qt::ISODate);
    concert.localTime =
        QTime::fromString(start.value(QStringLiteral("localTime")).toString(), QStringLiteral("HH:mm:ss"));
    concert.startUtc = parseUtc(start.value(QStringLiteral("dateTime")).toString());
    concert.status = dates.value(QStringLiteral("status")).toObject().value(QStringLiteral("code")).toString();

    const QJsonObject classification = event.value(QStringLiteral("classifications")).toArray().first().toObject();
    const auto level = [&classification](const QString &key, QString *id, QString *name) {
        const QJsonObject object = classification.value(key).toObject();
        *id = object.value(QStringLiteral("id")).toString();
        *name = object.value(QStringLiteral("name")).toString();
    };
    level(QStringLiteral("segment"), &concert.segmentId, &concert.segmentName);
    level(QStringLiteral("genre"), &concert.genreId, &concert.genreName);
    level(QStringLiteral("subGenre"), &concert.subGenreId, &concert.subGenreName);

    const QJsonObject embedded = event.value(QStringLiteral("_embedded")).toObject();
    const QJsonObject venue = embedded.value(QStringLiteral("venues")).toArray().first().toObject();
    concert.venue.ticketmasterId = venue.value(QStringLiteral("id")).toString();
    concert.venue.name = venue.value(QStringLiteral("name")).toString();
    concert.venue.postalCode = venue.value(QStringLiteral("postalCode")).toString();
    concert.venue.timezone = venue.value(QStringLiteral("timezone")).toString();
    if (concert.venue.timezone.isEmpty())
        concert.venue.timezone = dates.value(QStringLiteral("timezone")).toString();
    concert.venue.city =
        venue.value(QStringLiteral("city")).toObject().value(QStringLiteral("name")).toString().trimmed();
    const QJsonObject state = venue.value(QStringLiteral("state")).toObject();
    concert.venue.stateName = state.value(QStringLiteral("name")).toString();
    concert.venue.stateCode = state.value(QStringLiteral("stateCode")).toString();
    const QJsonObject country = venue.value(QStringLiteral("country")).toObject();
    concert.venue.countryName = country.value(QStringLiteral("name")).toString();
    concert.venue.countryCode = country.value(QStringLiteral("countryCode")).toString();
    concert.venue.address = venue.value(QStringLiteral("address")).toObject().value(QStringLiteral("line1")).toString();
    const QJsonObject location = venue.value(QStringLiteral("location")).toObject();
    concert.venue.latitude = location.value(QStringLiteral("latitude")).toString().toDouble();
    concert.venue.longitude = location.value(QStringLiteral("longitude")).toString().toDouble();

    for (const QJsonValue &value : embedded.value(QStringLiteral("attractions")).toArray()) {
        const QJsonObject attraction = value.toObject();
        FakeConcertPerformer performer;
        performer.name = attraction.value(QStringLiteral("name")).toString();
        performer.ticketmasterId = attraction.value(QStringLiteral("id")).toString();
        performer.ticketmasterUrl = attraction.value(QStringLiteral("url")).toString();
        const QJsonObject links = attraction.value(QStringLiteral("externalLinks")).toObject();
        const QString spotifyUrl =
            links.value(QStringLiteral("spotify")).toArray().first().toObject().value(QStringLiteral("url")).toString();
        if (spotifyUrl.startsWith(kSpotifyArtistPrefix))
            performer.spotifyId = spotifyUrl.mid(kSpotifyArtistPrefix.size());
        performer.musicBrainzId = links.value(QStringLiteral("musicbrainz"))
                                      .toArray()
                                      .first()
                                      .toObject()
                                      .value(QStringLiteral("id"))
                                      .toString();
        concert.performers.append(performer);
    }
    return concert;
}

FakeConcert concertFromSeatGeekJson(const QJsonObject &event)
{
    FakeConcert concert;
    concert.seatGeekId = event.value(QStringLiteral("id")).toInteger();
    concert.name = event.value(QStringLiteral("title")).toString();
    concert.seatGeekTitle = concert.name;
    concert.seatGeekShortTitle = event.value(QStringLiteral("short_title")).toString();
    concert.seatGeekUrl = event.value(QStringLiteral("url")).toString();
    concert.seatGeekScore = event.value(QStringLiteral("score")).toDouble();
    const QDateTime local =
        QDateTime::fromString(event.value(QStringLiteral("datetime_local")).toString(), Qt::ISODate);
    concert.localDate = local.date();
    concert.localTime = local.time();
    concert.startUtc = parseUtc(event.value(QStringLiteral("datetime_utc")).toString());
    const QString status = event.value(QStringLiteral("status")).toString();
    concert.status = status == QLatin1String("normal") ? QStringLiteral("onsale") : status;

    const QString taxonomy =
        event.value(QStringLiteral("taxonomies")).toArray().first().toObject().value(QStringLiteral("name")).toString();
    const GenreInfo &genre = taxonomy == QLatin1String("comedy") ? kComedy : kRock;
    concert.segmentId = QString::fromUtf8(genre.segmentId);
    concert.segmentName = QString::fromUtf8(genre.segmentName);
    concert.genreId = QString::fromUtf8(genre.genreId);
    concert.genreName = QString::fromUtf8(genre.genreName);
    concert.subGenreId = QString::fromUtf8(genre.subGenreId);
    concert.subGenreName = QString::fromUtf8(genre.subGenreName);

    const QJsonObject venue = event.value(QStringLiteral("venue")).toObject();
    concert.venue.seatGeekId = venue.value(QStringLiteral("id")).toInteger();
    concert.venue.name = venue.value(QStringLiteral("name")).toString();
    concert.venue.address = venue.value(QStringLiteral("address")).toString();
    concert.venue.city = venue.value(QStringLiteral("city")).toString().trimmed();
    concert.venue.stateCode = venue.value(QStringLiteral("state")).toString();
    concert.venue.countryCode = venue.value(QStringLiteral("country")).toString();
    concert.venue.postalCode = venue.value(QStringLiteral("postal_code")).toString();
    concert.venue.timezone = venue.value(QStringLiteral("timezone")).toString();
    concert.venue.seatGeekUrl = venue.value(QStringLiteral("url")).toString();
    const QJsonObject location = venue.value(QStringLiteral("location")).toObject();
    concert.venue.latitude = location.value(QStringLiteral("lat")).toDouble();
    concert.venue.longitude = location.value(QStringLiteral("lon")).toDouble();

    for (const QJsonValue &value : event.value(QStringLiteral("performers")).toArray()) {
        const QJsonObject object = value.toObject();
        FakeConcertPerformer performer;
        performer.seatGeekId = object.value(QStringLiteral("id")).toInteger();
        performer.name = object.value(QStringLiteral("name")).toString();
        performer.slug = object.value(QStringLiteral("slug")).toString();
        performer.seatGeekType = object.value(QStringLiteral("type")).toString();
        performer.seatGeekScore = object.value(QStringLiteral("score")).toDouble();
        performer.imageUrl = object.value(QStringLiteral("image")).toString();
        concert.performers.append(performer);
    }

    const QJsonObject stats = event.value(QStringLiteral("stats")).toObject();
    concert.stats.listingCount = stats.value(QStringLiteral("listing_count")).toInt();
    concert.stats.lowest = stats.value(QStringLiteral("lowest_price")).toDouble();
    concert.stats.average = stats.value(QStringLiteral("average_price")).toDouble();
    concert.stats.median = stats.value(QStringLiteral("median_price")).toDouble();
    concert.stats.highest = stats.value(QStringLiteral("highest_price")).toDouble();
    return concert;
}

QString fakeSpotifyArtistId(const QString &artistName)
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    const QByteArray digest =
        QCryptographicHash::hash((QStringLiteral("spotify:artist:") + artistName).toUtf8(), QCryptographicHash::Sha256);
    QString id;
    for (int i = 0; i < 22; ++i)
        id.append(QLatin1Char(alphabet[quint8(digest.at(i)) % 62]));
    return id;
}

QString encodeGeohash(double latitude, double longitude, int precision)
{
    double latRange[2] = {-90.0, 90.0};
    double lonRange[2] = {-180.0, 180.0};
    QString hash;
    bool evenBit = true;
    int bit = 0;
    int index = 0;
    while (hash.size() < precision) {
        double *range = evenBit ? lonRange : latRange;
        const double value = evenBit ? longitude : latitude;
        const double middle = (range[0] + range[1]) / 2.0;
        index <<= 1;
        if (value >= middle) {
            index |= 1;
            range[0] = middle;
        } else {
            range[1] = middle;
        }
        evenBit = !evenBit;
        if (++bit == 5) {
            hash.append(QLatin1Char(kBase32[index]));
            bit = 0;
            index = 0;
        }
    }
    return hash;
}

std::optional<ConcertGeoPoint> decodeGeohash(const QString &hash)
{
    if (hash.isEmpty() || hash.size() > 12)
        return std::nullopt;
    double latRange[2] = {-90.0, 90.0};
    double lonRange[2] = {-180.0, 180.0};
    bool evenBit = true;
    for (const QChar ch : hash) {
        const char *found = ch.unicode() < 128 ? std::strchr(kBase32, ch.toLower().toLatin1()) : nullptr;
        if (!found || *found == '\0')
            return std::nullopt;
        const int value = int(found - kBase32);
        for (int shift = 4; shift >= 0; --shift) {
            double *range = evenBit ? lonRange : latRange;
            const double middle = (range[0] + range[1]) / 2.0;
            if ((value >> shift) & 1)
                range[0] = middle;
            else
                range[1] = middle;
            evenBit = !evenBit;
        }
    }
    return ConcertGeoPoint{(latRange[0] + latRange[1]) / 2.0, (lonRange[0] + lonRange[1]) / 2.0};
}

double distanceKm(double latitude1, double longitude1, double latitude2, double longitude2)
{
    constexpr double earthRadiusKm = 6371.0088;
    constexpr double toRadians = std::numbers::pi / 180.0;
    const double phi1 = latitude1 * toRadians;
    const double phi2 = latitude2 * toRadians;
    const double dPhi = (latitude2 - latitude1) * toRadians;
    const double dLambda = (longitude2 - longitude1) * toRadians;
    const double h = std::sin(dPhi / 2) * std::sin(dPhi / 2)
        + std::cos(phi1) * std::cos(phi2) * std::sin(dLambda / 2) * std::sin(dLambda / 2);
    return 2.0 * earthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

QString foldForSearch(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString folded;
    folded.reserve(decomposed.size());
    for (const QChar ch : decomposed) {
        if (ch.category() == QChar::Mark_NonSpacing)
            continue;
        const QChar lower = ch.toLower();
        // Letters that Unicode does not decompose into a base letter and a mark.
        switch (lower.unicode()) {
        case 0x00F8: // ø
            folded.append(QLatin1Char('o'));
            continue;
        case 0x00E6: // æ
            folded.append(QLatin1String("ae"));
            continue;
        case 0x00DF: // ß
            folded.append(QLatin1String("ss"));
            continue;
        case 0x0111: // đ
        case 0x00F0: // ð
            folded.append(QLatin1Char('d'));
            continue;
        case 0x0142: // ł
            folded.append(QLatin1Char('l'));
            continue;
        case 0x00FE: // þ
            folded.append(QLatin1String("th"));
            continue;
        default:
            break;
        }
        if (ch == QLatin1Char('&') || ch == QLatin1Char('+'))
            folded.append(QLatin1String(" and "));
        else if (ch == QLatin1Char('\''))
            continue; // "Stubb's" and "Stubbs" are one word
        else if (ch.isLetterOrNumber())
            folded.append(lower);
        else
            folded.append(QLatin1Char(' '));
    }
    return folded.simplified();
}

bool matchesKeyword(const QString &text, const QString &query)
{
    const QStringList wanted = foldForSearch(query).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (wanted.isEmpty())
        return true;
    const QStringList words = foldForSearch(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QSet<QString> present(words.cbegin(), words.cend());
    return std::all_of(wanted.cbegin(), wanted.cend(), [&present](const QString &word) {
        return present.contains(word);
    });
}

} // namespace testsupport
