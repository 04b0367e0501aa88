#include "engine/concerts/location.h"

#include "engine/store/namekey.h"

#include <QRegularExpression>

#include <cmath>
#include <numbers>

namespace engine
{

namespace
{

struct City {
    const char *name;
    double latitude;
    double longitude;
};

// Large concert cities of the providers' markets (Ticketmaster worldwide, SeatGeek North America), at
// their centres. Anyone elsewhere gives coordinates.
const City kCities[] = {
    {"Amsterdam", 52.3676, 4.9041},   {"Athens", 37.9838, 23.7275},        {"Atlanta", 33.7490, -84.3880},
    {"Auckland", -36.8485, 174.7633}, {"Austin", 30.2672, -97.7431},       {"Barcelona", 41.3874, 2.1686},
    {"Berlin", 52.5200, 13.4050},     {"Boston", 42.3601, -71.0589},       {"Brooklyn", 40.6782, -73.9442},
    {"Brussels", 50.8503, 4.3517},    {"Budapest", 47.4979, 19.0402},      {"Chicago", 41.8781, -87.6298},
    {"Cologne", 50.9375, 6.9603},     {"Copenhagen", 55.6761, 12.5683},    {"Dallas", 32.7767, -96.7970},
    {"Denver", 39.7392, -104.9903},   {"Dublin", 53.3498, -6.2603},        {"Glasgow", 55.8642, -4.2518},
    {"Hamburg", 53.5511, 9.9937},     {"Helsinki", 60.1699, 24.9384},      {"Lisbon", 38.7223, -9.1393},
    {"London", 51.5074, -0.1278},     {"Los Angeles", 34.0522, -118.2437}, {"Madrid", 40.4168, -3.7038},
    {"Manchester", 53.4808, -2.2426}, {"Melbourne", -37.8136, 144.9631},   {"Mexico City", 19.4326, -99.1332},
    {"Milan", 45.4642, 9.1900},       {"Montréal", 45.5019, -73.5674},     {"Munich", 48.1351, 11.5820},
    {"Nashville", 36.1627, -86.7816}, {"New York", 40.7128, -74.0060},     {"Oslo", 59.9139, 10.7522},
    {"Paris", 48.8566, 2.3522},       {"Philadelphia", 39.9526, -75.1652}, {"Prague", 50.0755, 14.4378},
    {"Reykjavík", 64.1466, -21.9426}, {"Rome", 41.9028, 12.4964},          {"San Francisco", 37.7749, -122.4194},
    {"Seattle", 47.6062, -122.3321},  {"Stockholm", 59.3293, 18.0686},     {"Sydney", -33.8688, 151.2093},
    {"Tokyo", 35.6762, 139.6503},     {"Toronto", 43.6532, -79.3832},      {"Vancouver", 49.2827, -123.1207},
    {"Vienna", 48.2082, 16.3738},     {"Warsaw", 52.2297, 21.0122},        {"Washington", 38.9072, -77.0369},
    {"Zürich", 47.3769, 8.5417},
};

} // namespace

QStringList builtInCities()
{
    QStringList names;
    for (const City &city : kCities) {
        names.append(QString::fromUtf8(city.name));
    }
    return names;
}

Result<double> parseConcertRadius(const QString &text, const QString &source)
{
    bool ok = false;
    const double radius = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(radius) || radius < 1.0 || radius > kMaxConcertRadiusKm) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("The concert radius '%1' from %2 is not valid: give a number of kilometres "
                                    "from 1 to %3.")
                         .arg(text, source)
                         .arg(kMaxConcertRadiusKm)};
    }
    return radius;
}

Result<ConcertLocation> parseConcertLocation(const QString &text, double radiusKm)
{
    const QString trimmed = text.trimmed();
    static const QRegularExpression coordinates(
        QStringLiteral("^([+-]?\\d{1,3}(?:\\.\\d+)?)\\s*,\\s*([+-]?\\d{1,3}(?:\\.\\d+)?)$"));
    if (const auto match = coordinates.match(trimmed); match.hasMatch()) {
        const double latitude = match.captured(1).toDouble();
        const double longitude = match.captured(2).toDouble();
        if (std::abs(latitude) > 90.0 || std::abs(longitude) > 180.0) {
            return Error{Error::Code::InvalidInput,
                         QStringLiteral("The coordinates '%1' are out of range: the latitude comes first (-90 to "
                                        "90), then the longitude (-180 to 180).")
                             .arg(trimmed)};
        }
        return ConcertLocation{trimmed, GeoPoint{latitude, longitude}, radiusKm};
    }
    const QString key = nameKey(trimmed);
    for (const City &city : kCities) {
        const QString name = QString::fromUtf8(city.name);
        if (!key.isEmpty() && nameKey(name) == key) {
            return ConcertLocation{name, GeoPoint{city.latitude, city.longitude}, radiusKm};
        }
    }
    return Error{Error::Code::InvalidInput,
                 QStringLiteral("Unknown place '%1': give coordinates as LAT,LON (for example 52.52,13.405) or one "
                                "of these cities: %2.")
                     .arg(trimmed, builtInCities().join(QStringLiteral(", ")))};
}

double distanceKm(const GeoPoint &a, const GeoPoint &b)
{
    constexpr double earthRadiusKm = 6371.0088;
    constexpr double toRadians = std::numbers::pi / 180.0;
    const double dLat = (b.latitude - a.latitude) * toRadians;
    const double dLon = (b.longitude - a.longitude) * toRadians;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2)
        + std::cos(a.latitude * toRadians) * std::cos(b.latitude * toRadians) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2.0 * earthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

QString geohash(const GeoPoint &point, int precision)
{
    static const char base32[] = "0123456789bcdefghjkmnpqrstuvwxyz";
    double latRange[2] = {-90.0, 90.0};
    double lonRange[2] = {-180.0, 180.0};
    QString hash;
    bool evenBit = true; // longitude first
    int bit = 0;
    int value = 0;
    while (hash.size() < precision) {
        double *range = evenBit ? lonRange : latRange;
        const double coordinate = evenBit ? point.longitude : point.latitude;
        const double middle = (range[0] + range[1]) / 2;
        value <<= 1;
        if (coordinate >= middle) {
            value |= 1;
            range[0] = middle;
        } else {
            range[1] = middle;
        }
        evenBit = !evenBit;
        if (++bit == 5) {
            hash.append(QLatin1Char(base32[value]));
            bit = 0;
            value = 0;
        }
    }
    return hash;
}

} // namespace engine
