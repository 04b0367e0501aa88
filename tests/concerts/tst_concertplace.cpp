// Place, distance and the .ics export of the concerts engine.

#include "engine/concerts/ics.h"
#include "engine/concerts/location.h"

#include <QTest>

using namespace engine;
using namespace Qt::StringLiterals;

class TestConcertPlace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesCoordinatesAndCities_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("latitude");
        QTest::addColumn<double>("longitude");
        QTest::newRow("coordinates") << u"52.52,13.405"_s << u"52.52,13.405"_s << 52.52 << 13.405;
        QTest::newRow("spaces and signs") << u" -33.87 , +151.21 "_s << u"-33.87 , +151.21"_s << -33.87 << 151.21;
        QTest::newRow("city") << u"berlin"_s << u"Berlin"_s << 52.52 << 13.405;
        QTest::newRow("city without accent") << u"Montreal"_s << u"Montréal"_s << 45.5019 << -73.5674;
    }
    void parsesCoordinatesAndCities()
    {
        QFETCH(QString, text);
        QFETCH(QString, name);
        QFETCH(double, latitude);
        QFETCH(double, longitude);
        const auto location = parseConcertLocation(text, 30);
        QVERIFY2(location.ok(), qPrintable(location.ok() ? QString() : location.error().message));
        QCOMPARE(location.value().name, name);
        QCOMPARE(location.value().point.latitude, latitude);
        QCOMPARE(location.value().point.longitude, longitude);
        QCOMPARE(location.value().radiusKm, 30.0);
    }

    void refusesWhatIsNoPlace_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown city") << u"Atlantis"_s << u"Unknown place 'Atlantis'"_s;
        QTest::newRow("latitude out of range") << u"95,10"_s << u"out of range"_s;
        QTest::newRow("longitude out of range") << u"10,190"_s << u"out of range"_s;
        QTest::newRow("empty") << QString() << u"LAT,LON"_s;
    }
    void refusesWhatIsNoPlace()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        const auto location = parseConcertLocation(text);
        QVERIFY(!location.ok());
        QCOMPARE(location.error().code, Error::Code::InvalidInput);
        QVERIFY2(location.error().message.contains(mentions), qPrintable(location.error().message));
    }

    void radius()
    {
        QCOMPARE(parseConcertRadius(u"25"_s, u"--radius-km"_s).value(), 25.0);
        for (const QString &bad : {u"0"_s, u"-5"_s, u"501"_s, u"far"_s, u"nan"_s}) {
            const auto radius = parseConcertRadius(bad, u"--radius-km"_s);
            QVERIFY2(!radius.ok(), qPrintable(bad));
            QVERIFY(radius.error().message.contains(u"--radius-km"_s));
        }
    }

    void haversine()
    {
        // Berlin to Paris is 878 km along the great circle; London to itself 0.
        const GeoPoint berlin{52.5200, 13.4050};
        const GeoPoint paris{48.8566, 2.3522};
        QVERIFY(std::abs(distanceKm(berlin, paris) - 878.0) < 2.0);
        QCOMPARE(distanceKm(berlin, berlin), 0.0);
        QVERIFY(std::abs(distanceKm(GeoPoint{0, 179.5}, GeoPoint{0, -179.5}) - 111.2) < 0.5);
    }

    void geohashOfKnownPoints()
    {
        // The reference example of the geohash scheme, and Berlin's centre.
        QCOMPARE(geohash(GeoPoint{57.64911, 10.40744}, 11), u"u4pruydqqvj"_s);
        QCOMPARE(geohash(GeoPoint{52.52, 13.405}, 5), u"u33dc"_s);
    }

    void icsEscapesAndFolds()
    {
        QCOMPARE(escapeIcsText(u"a\\b;c,d\ne"_s), u"a\\\\b\\;c\\,d\\ne"_s);
        // 80 two-byte letters: every line at most 75 octets, no character cut in two.
        const QByteArray line = "SUMMARY:" + QString(80, QChar(0xE9)).toUtf8();
        const QByteArray folded = foldIcsLine(line);
        const QList<QByteArray> lines = folded.split('\n');
        QVERIFY(lines.size() > 2);
        QByteArray unfolded;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QByteArray part = lines.at(i);
            if (part.endsWith('\r')) {
                part.chop(1);
            }
            QVERIFY(part.size() <= 75);
            QVERIFY(QString::fromUtf8(part.mid(i == 0 ? 0 : 1)).toUtf8() == part.mid(i == 0 ? 0 : 1));
            if (i > 0) {
                QCOMPARE(part.at(0), ' ');
                part.remove(0, 1);
            }
            unfolded += part;
        }
        QCOMPARE(unfolded, line);
    }

    void icsEvents()
    {
        ConcertEvent timed;
        timed.provider = u"ticketmaster"_s;
        timed.providerEventId = u"vvG1"_s;
        timed.name = u"Nils Frahm; Live, at last"_s;
        timed.localDate = QDate(2026, 3, 6);
        timed.localTime = QTime(20, 0);
        timed.timeZone = u"Europe/Berlin"_s;
        timed.venueName = u"Funkhaus"_s;
        timed.city = u"Berlin"_s;
        timed.countryName = u"Germany"_s;
        timed.location = GeoPoint{52.4833, 13.5006};
        timed.performers = {{u"Nils Frahm"_s, u"K8"_s, QString()}};
        timed.ticketUrl = QUrl(u"https://www.ticketmaster.example/event/vvG1"_s);
        ConcertEvent dayOnly;
        dayOnly.provider = u"seatgeek"_s;
        dayOnly.providerEventId = u"9000001"_s;
        dayOnly.name = u"Björk"_s;
        dayOnly.localDate = QDate(2026, 12, 31);
        dayOnly.status = u"cancelled"_s;
        const QByteArray ics = concertsToIcs({timed, dayOnly}, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC));
        const QString text = QString::fromUtf8(ics);
        QVERIFY(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        QVERIFY(ics.endsWith("END:VCALENDAR\r\n"));
        QVERIFY(!ics.contains("\r\n\r\n"));
        QCOMPARE(ics.count("\n"), ics.count("\r\n"));
        QCOMPARE(ics.count("BEGIN:VEVENT"), 2);
        // 20:00 in Berlin in March (CET, UTC+1) is 19:00 UTC.
        QVERIFY(text.contains(u"\r\nDTSTART:20260306T190000Z\r\n"_s));
        QVERIFY(text.contains(u"\r\nDTSTAMP:20260102T030405Z\r\n"_s));
        QVERIFY(text.contains(u"\r\nSUMMARY:Nils Frahm\\; Live\\, at last\r\n"_s));
        QVERIFY(text.contains(u"\r\nLOCATION:Funkhaus\\, Berlin\\, Germany\r\n"_s));
        QVERIFY(text.contains(u"\r\nGEO:52.483300;13.500600\r\n"_s));
        QVERIFY(text.contains(u"\r\nUID:ticketmaster-vvG1@tunescout\r\n"_s));
        QVERIFY(text.contains(u"\r\nDTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"_s));
        QVERIFY(text.contains(u"\r\nSTATUS:CANCELLED\r\n"_s));
    }

    void eventJsonRoundTrips()
    {
        ConcertEvent event;
        event.provider = u"seatgeek"_s;
        event.providerEventId = u"42"_s;
        event.name = u"Sigur Rós"_s;
        event.performers = {{u"Sigur Rós"_s, u"7004"_s, QString()}};
        event.localDate = QDate(2026, 7, 1);
        event.localTime = QTime(19, 30);
        event.startUtc = QDateTime(QDate(2026, 7, 1), QTime(23, 30), Qt::UTC);
        event.city = u"Reykjavík"_s;
        event.location = GeoPoint{64.15, -21.93};
        event.ticketUrl = QUrl(u"https://seatgeek.example/e/42"_s);
        QCOMPARE(concertEventFromJson(concertEventToJson(event)).value(), event);
        QVERIFY(!concertEventFromJson(QJsonObject()).ok());
    }
};

QTEST_GUILESS_MAIN(TestConcertPlace)
#include "tst_concertplace.moc"
