#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTime>

#include <optional>

namespace testsupport
{

// The events behind FakeTicketmaster and FakeSeatGeek, held once in a provider-neutral form and rendered
// into each provider's shape. An event listed by both providers carries both IDs, as a real North
// American show does; an empty Ticketmaster ID or a zero SeatGeek ID keeps it off that provider.

struct FakeConcertVenue {
    QString ticketmasterId;
    qint64 seatGeekId = 0;
    QString name;
    QString address;
    QString city;
    QString stateName;
    QString stateCode;
    QString countryName;
    QString countryCode;
    QString postalCode;
    QString timezone; // IANA name
    double latitude = 0.0;
    double longitude = 0.0;
    QString seatGeekUrl;
};

struct FakeConcertPerformer {
    QString name; // Ticketmaster's spelling
    QString seatGeekName; // SeatGeek's spelling when it differs ("Mumford and Sons"); empty: same as name
    QString ticketmasterId; // attraction ID
    qint64 seatGeekId = 0;
    QString slug; // SeatGeek performer slug
    QString spotifyId; // empty when Ticketmaster does not know it
    QString musicBrainzId;
    QString ticketmasterUrl;
    QString imageUrl; // SeatGeek performer image
    QString seatGeekType = QStringLiteral("band");
    double seatGeekScore = 0.5;

    QString seatGeekDisplayName() const;
};

struct FakeConcertImage {
    QString ratio;
    QString url;
    int width = 0;
    int height = 0;
    bool fallback = false;
};

struct FakeConcertPriceStats {
    int listingCount = 0;
    double lowest = 0.0;
    double average = 0.0;
    double median = 0.0;
    double highest = 0.0;
};

struct FakeConcert {
    QString ticketmasterId; // empty: not listed on Ticketmaster
    qint64 seatGeekId = 0; // 0: not listed on SeatGeek
    QString name; // Ticketmaster's event name
    QString seatGeekTitle; // empty: same as name
    QString seatGeekShortTitle; // empty: same as the title
    QString ticketmasterUrl;
    QString seatGeekUrl;

    QDateTime startUtc;
    QDate localDate;
    QTime localTime;

    // Ticketmaster's status code; SeatGeek's status is derived from it. Both spellings of cancelled occur:
    // the swagger says "canceled", the live API answers "cancelled".
    QString status = QStringLiteral("onsale");

    QString segmentId;
    QString segmentName;
    QString genreId;
    QString genreName;
    QString subGenreId;
    QString subGenreName;

    QList<FakeConcertImage> images;
    QDateTime publicSaleStartUtc;
    QDateTime publicSaleEndUtc;

    FakeConcertVenue venue;
    QList<FakeConcertPerformer> performers; // headliner first

    double seatGeekScore = 0.5;
    FakeConcertPriceStats stats;

    bool onTicketmaster() const;
    bool onSeatGeek() const;
    QString seatGeekDisplayTitle() const;
    QString seatGeekStatus() const;
    QString seatGeekType() const; // "concert", or "comedy" for the Arts & Theatre segment
};

class FakeConcertCatalogue
{
public:
    // The fixture events from ../shared/reference/concerts plus a generated set across cities and months,
    // including names that later matching tests need: a tribute act, "The National" and "National
    // Anthem", diacritics, "&" against "and". Identical on every run and machine.
    static FakeConcertCatalogue standard();
    // Only the events of the fixture files.
    static FakeConcertCatalogue fixturesOnly();

    void add(const FakeConcert &concert);
    void append(const FakeConcertCatalogue &other);
    void clear();

    const QList<FakeConcert> &concerts() const;
    qsizetype size() const;
    qsizetype ticketmasterCount() const;
    qsizetype seatGeekCount() const;

    std::optional<FakeConcert> ticketmasterEvent(const QString &id) const;
    std::optional<FakeConcert> seatGeekEvent(qint64 id) const;
    // Events where `performerName` plays, matched exactly on either provider's spelling.
    QList<FakeConcert> withPerformer(const QString &performerName) const;

    // Adds the events of a Ticketmaster search page or a SeatGeek /2/events answer.
    bool loadTicketmasterPage(const QJsonObject &page, QString *errorMessage = nullptr);
    bool loadSeatGeekPage(const QJsonObject &page, QString *errorMessage = nullptr);
    bool loadFile(const QString &path, QString *errorMessage = nullptr);

private:
    QList<FakeConcert> m_concerts;
};

// One event in each provider's shape, and back. Rendering what was parsed from a fixture gives the
// fixture again, field for field and type for type.
QJsonObject ticketmasterEventJson(const FakeConcert &concert);
QJsonObject seatGeekEventJson(const FakeConcert &concert);
FakeConcert concertFromTicketmasterJson(const QJsonObject &event);
FakeConcert concertFromSeatGeekJson(const QJsonObject &event);

// A stable, well-formed (22 characters of base62) Spotify artist ID for a generated performer, so that a
// fake Spotify library can list the same artists.
QString fakeSpotifyArtistId(const QString &artistName);

struct ConcertGeoPoint {
    double latitude = 0.0;
    double longitude = 0.0;
};

QString encodeGeohash(double latitude, double longitude, int precision = 9);
// The centre of the geohash cell, or nothing for an empty or malformed hash.
std::optional<ConcertGeoPoint> decodeGeohash(const QString &hash);
// Great-circle distance on the mean Earth radius.
double distanceKm(double latitude1, double longitude1, double latitude2, double longitude2);
inline constexpr double kKilometresPerMile = 1.609344;

// Lower case, diacritics and punctuation folded away, "&" and "+" read as "and": what a search engine's
// analyser does before it matches words.
QString foldForSearch(const QString &text);
// True when every word of `query` is a word of `text`, both folded.
bool matchesKeyword(const QString &text, const QString &query);

} // namespace testsupport
