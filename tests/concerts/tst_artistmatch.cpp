// Artist matching against provider events, table-driven: ids where the provider links them, otherwise
// normalised names with guards against false friends.

#include "engine/concerts/artistmatch.h"

#include <QTest>

using namespace engine;
using namespace Qt::StringLiterals;

namespace
{

ConcertEvent eventWith(const QString &name, const QList<ConcertPerformer> &performers)
{
    ConcertEvent event;
    event.provider = QStringLiteral("ticketmaster");
    event.providerEventId = QStringLiteral("E1");
    event.name = name;
    event.performers = performers;
    return event;
}

const QString kNationalId = QStringLiteral("2cCUtGK9sDU2EoElnk0GNB");
const QString kOtherId = QStringLiteral("0000000000000000000000");

} // namespace

class TestArtistMatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalisedNames_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("equal");
        QTest::newRow("the prefix") << u"The National"_s << u"National"_s << true;
        QTest::newRow("the the") << u"The The"_s << u"The"_s << false;
        QTest::newRow("ampersand") << u"Mumford & Sons"_s << u"Mumford and Sons"_s << true;
        QTest::newRow("plus") << u"Florence + the Machine"_s << u"Florence and the Machine"_s << true;
        QTest::newRow("diacritics") << u"Sigur Rós"_s << u"Sigur Ros"_s << true;
        QTest::newRow("o umlaut") << u"Röyksopp"_s << u"ROYKSOPP"_s << true;
        QTest::newRow("e acute") << u"Beyoncé"_s << u"Beyonce"_s << true;
        QTest::newRow("punctuation") << u"AC/DC"_s << u"AC DC"_s << true;
        QTest::newRow("apostrophe") << u"Guns N' Roses"_s << u"Guns N Roses"_s << true;
        QTest::newRow("longer name") << u"The National"_s << u"National Anthem"_s << false;
    }
    void normalisedNames()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, equal);
        QCOMPARE(normalisedArtistName(a) == normalisedArtistName(b), equal);
    }

    void billedActs_data()
    {
        QTest::addColumn<QString>("billing");
        QTest::addColumn<QStringList>("acts");
        QTest::newRow("single") << u"Mumford & Sons"_s << QStringList{u"Mumford & Sons"_s};
        QTest::newRow("feat") << u"Bonobo feat. Szjerdene"_s << QStringList{u"Bonobo"_s, u"Szjerdene"_s};
        QTest::newRow("featuring") << u"A featuring B"_s << QStringList{u"A"_s, u"B"_s};
        QTest::newRow("with") << u"Khruangbin with Phoebe Bridgers"_s
                              << QStringList{u"Khruangbin"_s, u"Phoebe Bridgers"_s};
        QTest::newRow("list") << u"Khruangbin, Phoebe Bridgers, Röyksopp"_s
                              << QStringList{u"Khruangbin"_s, u"Phoebe Bridgers"_s, u"Röyksopp"_s};
    }
    void billedActs()
    {
        QFETCH(QString, billing);
        QFETCH(QStringList, acts);
        QCOMPARE(engine::billedActs(billing), acts);
    }

    void match_data()
    {
        QTest::addColumn<QString>("artistId");
        QTest::addColumn<QString>("artistName");
        QTest::addColumn<QString>("eventName");
        QTest::addColumn<QList<ConcertPerformer>>("performers");
        QTest::addColumn<int>("how");
        QTest::addColumn<bool>("headliner");

        const int none = int(ArtistMatch::How::None);
        const int byId = int(ArtistMatch::How::SpotifyId);
        const int byName = int(ArtistMatch::How::Name);
        QTest::newRow("same spotify id") << kNationalId << u"The National"_s << u"An Evening"_s
                                         << QList<ConcertPerformer>{{u"The National"_s, u"K1"_s, kNationalId}} << byId
                                         << true;
        QTest::newRow("other spotify id, same name")
            << kNationalId << u"The National"_s << u"The National"_s
            << QList<ConcertPerformer>{{u"The National"_s, u"K9"_s, kOtherId}} << none << false;
        QTest::newRow("name without ids")
            << QString() << u"The National"_s << u"The National"_s
            << QList<ConcertPerformer>{{u"The National"_s, u"K1"_s, {}}} << byName << true;
        QTest::newRow("national anthem is not the national")
            << kNationalId << u"The National"_s << u"National Anthem"_s
            << QList<ConcertPerformer>{{u"National Anthem"_s, u"K2"_s, {}}} << none << false;
        QTest::newRow("tribute act") << QString() << u"Nirvana"_s << u"Nirvana Tribute Night: Smells Like Nirvana"_s
                                     << QList<ConcertPerformer>{{u"Smells Like Nirvana"_s, u"K3"_s, {}}} << none
                                     << false;
        QTest::newRow("tribute billed with the name")
            << QString() << u"Nirvana"_s << u"Nirvana - A Tribute"_s
            << QList<ConcertPerformer>{{u"Nirvana"_s, u"K3"_s, {}}} << none << false;
        QTest::newRow("music of") << QString() << u"Queen"_s << u"The Music of Queen"_s
                                  << QList<ConcertPerformer>{{u"Queen"_s, u"K4"_s, {}}} << none << false;
        QTest::newRow("tribute linked by id still matches")
            << kNationalId << u"The National"_s << u"Tribute to the Nineties"_s
            << QList<ConcertPerformer>{{u"The National"_s, u"K1"_s, kNationalId}} << byId << true;
        QTest::newRow("and vs ampersand")
            << QString() << u"Mumford & Sons"_s << u"Mumford and Sons"_s
            << QList<ConcertPerformer>{{u"Mumford and Sons"_s, u"7007"_s, {}}} << byName << true;
        QTest::newRow("diacritics") << QString() << u"Sigur Rós"_s << u"Sigur Ros"_s
                                    << QList<ConcertPerformer>{{u"Sigur Ros"_s, u"1"_s, {}}} << byName << true;
        QTest::newRow("support act") << QString() << u"Phoebe Bridgers"_s << u"Summer Nights"_s
                                     << QList<ConcertPerformer>{{u"Khruangbin"_s, u"1"_s, {}},
                                                                {u"Phoebe Bridgers"_s, u"2"_s, {}}}
                                     << byName << false;
        QTest::newRow("feat. list in a performer")
            << QString() << u"Szjerdene"_s << u"Bonobo"_s
            << QList<ConcertPerformer>{{u"Bonobo feat. Szjerdene"_s, u"1"_s, {}}} << byName << true;
        QTest::newRow("no bill, headliner before the tour name")
            << QString() << u"Nils Frahm"_s << u"Nils Frahm - Live"_s << QList<ConcertPerformer>{} << byName << true;
        QTest::newRow("no bill, tour name is not the artist")
            << QString() << u"Live"_s << u"Nils Frahm - Live"_s << QList<ConcertPerformer>{} << none << false;
        QTest::newRow("no bill, false friend") << QString() << u"The National"_s << u"National Anthem: Tour"_s
                                               << QList<ConcertPerformer>{} << none << false;
        QTest::newRow("artist named like a guard word")
            << QString() << u"Tribute"_s << u"Tribute"_s << QList<ConcertPerformer>{{u"Tribute"_s, u"1"_s, {}}}
            << byName << true;
        QTest::newRow("partial name") << QString() << u"Bridgers"_s << u"Phoebe Bridgers"_s
                                      << QList<ConcertPerformer>{{u"Phoebe Bridgers"_s, u"1"_s, {}}} << none << false;
    }
    void match()
    {
        QFETCH(QString, artistId);
        QFETCH(QString, artistName);
        QFETCH(QString, eventName);
        QFETCH(QList<ConcertPerformer>, performers);
        QFETCH(int, how);
        QFETCH(bool, headliner);
        const ArtistMatch match = matchArtist(MatchableArtist{artistId, artistName}, eventWith(eventName, performers));
        QCOMPARE(int(match.how), how);
        QCOMPARE(match.headliner, headliner);
    }
};

QTEST_GUILESS_MAIN(TestArtistMatch)
#include "tst_artistmatch.moc"
