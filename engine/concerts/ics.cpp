#include "engine/concerts/ics.h"

#include <QStringList>
#include <QTimeZone>

namespace engine
{

QString escapeIcsText(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '\\':
            escaped += QStringLiteral("\\\\");
            break;
        case ';':
            escaped += QStringLiteral("\\;");
            break;
        case ',':
            escaped += QStringLiteral("\\,");
            break;
        case '\n':
            escaped += QStringLiteral("\\n");
            break;
        case '\r':
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

QByteArray foldIcsLine(const QByteArray &line)
{
    QByteArray folded;
    int lineOctets = 0;
    for (qsizetype i = 0; i < line.size();) {
        // One character: a lead byte and its continuation bytes (10xxxxxx) stay on one line.
        qsizetype end = i + 1;
        while (end < line.size() && (uchar(line.at(end)) & 0xC0) == 0x80) {
            ++end;
        }
        const int length = int(end - i);
        if (lineOctets + length > 75) {
            folded += "\r\n ";
            lineOctets = 1; // the space that starts a continuation line counts
        }
        folded += line.mid(i, length);
        lineOctets += length;
        i = end;
    }
    return folded;
}

namespace
{

QString icsUtc(const QDateTime &instant)
{
    return instant.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
}

void add(QByteArray &out, const QString &line)
{
    out += foldIcsLine(line.toUtf8());
    out += "\r\n";
}

QDateTime startInstant(const ConcertEvent &event)
{
    if (event.startUtc.isValid()) {
        return event.startUtc;
    }
    if (event.localDate.isValid() && event.localTime.isValid() && !event.timeZone.isEmpty()) {
        const QTimeZone zone(event.timeZone.toUtf8());
        if (zone.isValid()) {
            return QDateTime(event.localDate, event.localTime, zone);
        }
    }
    return {};
}

} // namespace

QByteArray concertsToIcs(const QList<ConcertEvent> &events, const QDateTime &stampUtc)
{
    QByteArray out;
    add(out, QStringLiteral("BEGIN:VCALENDAR"));
    add(out, QStringLiteral("VERSION:2.0"));
    add(out, QStringLiteral("PRODID:-//TuneScout//Concerts//EN"));
    add(out, QStringLiteral("CALSCALE:GREGORIAN"));
    add(out, QStringLiteral("METHOD:PUBLISH"));
    for (const ConcertEvent &event : events) {
        if (!event.localDate.isValid() && !event.startUtc.isValid()) {
            continue; // nothing to put in a calendar
        }
        add(out, QStringLiteral("BEGIN:VEVENT"));
        add(out, QStringLiteral("UID:%1-%2@tunescout").arg(event.provider, event.providerEventId));
        add(out, QStringLiteral("DTSTAMP:") + icsUtc(stampUtc));
        if (const QDateTime start = startInstant(event); start.isValid()) {
            add(out, QStringLiteral("DTSTART:") + icsUtc(start));
            add(out, QStringLiteral("DURATION:PT3H"));
        } else if (event.localTime.isValid()) {
            add(out,
                QStringLiteral("DTSTART:%1T%2")
                    .arg(event.localDate.toString(QStringLiteral("yyyyMMdd")),
                         event.localTime.toString(QStringLiteral("HHmmss"))));
            add(out, QStringLiteral("DURATION:PT3H"));
        } else {
            add(out, QStringLiteral("DTSTART;VALUE=DATE:") + event.localDate.toString(QStringLiteral("yyyyMMdd")));
            add(out,
                QStringLiteral("DTEND;VALUE=DATE:") + event.localDate.addDays(1).toString(QStringLiteral("yyyyMMdd")));
        }
        add(out, QStringLiteral("SUMMARY:") + escapeIcsText(event.name));
        QStringList place;
        for (const QString &part :
             {event.venueName, event.city, event.countryName.isEmpty() ? event.countryCode : event.countryName}) {
            if (!part.isEmpty()) {
                place.append(part);
            }
        }
        if (!place.isEmpty()) {
            // Escaped part by part: the commas between them are the list's, the ones inside are text.
            QStringList escaped;
            for (const QString &part : place) {
                escaped.append(escapeIcsText(part));
            }
            add(out, QStringLiteral("LOCATION:") + escaped.join(QStringLiteral("\\, ")));
        }
        if (event.location) {
            add(out,
                QStringLiteral("GEO:%1;%2")
                    .arg(event.location->latitude, 0, 'f', 6)
                    .arg(event.location->longitude, 0, 'f', 6));
        }
        QStringList acts;
        for (const ConcertPerformer &performer : event.performers) {
            acts.append(performer.name);
        }
        if (!acts.isEmpty()) {
            add(out, QStringLiteral("DESCRIPTION:") + escapeIcsText(acts.join(QStringLiteral(", "))));
        }
        if (event.ticketUrl.isValid() && !event.ticketUrl.isEmpty()) {
            add(out, QStringLiteral("URL:") + QString::fromUtf8(event.ticketUrl.toEncoded()));
        }
        if (event.isCancelled()) {
            add(out, QStringLiteral("STATUS:CANCELLED"));
        }
        add(out, QStringLiteral("END:VEVENT"));
    }
    add(out, QStringLiteral("END:VCALENDAR"));
    return out;
}

} // namespace engine
