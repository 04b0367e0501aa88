#pragma once

#include "engine/concerts/concertevent.h"

#include <QString>
#include <QStringList>

namespace engine
{

// Where the user looks for concerts: a named place, its coordinates and how far they will travel. Spotify
// does not tell us where the user is (not even the country any more), and TuneScout calls no geocoding
// service, so the place is either coordinates ("52.52,13.405") or a city of a small built-in table.
struct ConcertLocation {
    QString name; // the city, or the coordinates as given
    GeoPoint point;
    double radiusKm = 50.0;
};

inline constexpr double kDefaultConcertRadiusKm = 50.0;
inline constexpr double kMaxConcertRadiusKm = 500.0;

// "LAT,LON" (decimal degrees, either order of spaces) or a city of builtInCities(), compared without case
// and accents ("montreal" finds Montréal). An error names the input and says what would be accepted.
Result<ConcertLocation> parseConcertLocation(const QString &text, double radiusKm = kDefaultConcertRadiusKm);
// A radius as typed: a number of kilometres from 1 to kMaxConcertRadiusKm.
Result<double> parseConcertRadius(const QString &text, const QString &source);

// The names parseConcertLocation knows, in the table's order.
QStringList builtInCities();

// Great-circle distance on the mean Earth radius (haversine).
double distanceKm(const GeoPoint &a, const GeoPoint &b);

// The geohash of a point (Ticketmaster's geoPoint), `precision` characters of base 32.
QString geohash(const GeoPoint &point, int precision = 9);

} // namespace engine
