#pragma once

#include "engine/concerts/concertevent.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

namespace engine
{

// An iCalendar file (RFC 5545) with one VEVENT per concert, for "add to calendar":
// - CRLF line ends; lines folded at 75 octets (never inside a UTF-8 sequence) with CRLF and a space;
// - TEXT values escaped (backslash, semicolon, comma, newline);
// - DTSTART in UTC when the start instant is known (from the provider, or from the local time and the
//   venue's time zone), a floating local time when only the local time is, and a DATE when only the day is,
//   with DTEND the next day; timed events get a DURATION of three hours, a show's usual length;
// - UID from the provider and its event id, so that importing again updates instead of duplicating;
// - STATUS:CANCELLED for cancelled shows.
QByteArray concertsToIcs(const QList<ConcertEvent> &events, const QDateTime &stampUtc);

// What RFC 5545 3.3.11 asks of a TEXT value.
QString escapeIcsText(const QString &text);
// Folds one content line (without its CRLF) into lines of at most 75 octets, CRLF-separated.
QByteArray foldIcsLine(const QByteArray &line);

} // namespace engine
