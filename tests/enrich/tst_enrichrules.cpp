#include "engine/enrich/musicbrainz.h"
#include "engine/enrich/tokenbucket.h"
#include "tunescoutversion.h"

#include <QProcessEnvironment>
#include <QTest>

using namespace engine;

class TestEnrichRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isrcIsNormalised_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<QString>("expected");
        QTest::addRow("plain") << QStringLiteral("USRC17607839") << QStringLiteral("USRC17607839");
        QTest::addRow("lower-case-hyphens") << QStringLiteral("us-rc1-76-07839") << QStringLiteral("USRC17607839");
        QTest::addRow("spaces") << QStringLiteral("GB AYE 06 01498") << QStringLiteral("GBAYE0601498");
        QTest::addRow("too-short") << QStringLiteral("USRC1760783") << QString();
        QTest::addRow("letters-in-number") << QStringLiteral("USRC17607X39") << QString();
        QTest::addRow("digit-country") << QStringLiteral("1SRC17607839") << QString();
        QTest::addRow("path-characters") << QStringLiteral("US/C17607839") << QString();
    }
    void isrcIsNormalised()
    {
        QFETCH(QString, given);
        QFETCH(QString, expected);
        QCOMPARE(normalisedIsrc(given), expected);
    }

    void tagNamesAreNormalised()
    {
        QCOMPARE(normalisedTagName(QStringLiteral("  Indie   Rock ")), QStringLiteral("indie rock"));
        QCOMPARE(normalisedTagName(QStringLiteral("\tR&B\n")), QStringLiteral("r&b"));
        QCOMPARE(normalisedTagName(QStringLiteral("   ")), QString());
        QCOMPARE(normalisedTagName(QString(65, QLatin1Char('a'))), QString());
        QCOMPARE(normalisedTagName(QString(64, QLatin1Char('a'))), QString(64, QLatin1Char('a')));
    }

    void noiseIsFiltered()
    {
        const QList<TagVote> tags{{QStringLiteral("Rock"), 20},
                                  {QStringLiteral("rock "), 10},
                                  {QStringLiteral("punk"), 3},
                                  {QStringLiteral("garage"), 2},
                                  {QStringLiteral("seen live"), 0},
                                  {QStringLiteral("awful"), -4}};
        // rock: 30 votes; a tenth is 3, so punk stays and garage goes; zero and negative never count.
        const QList<TagVote> expected{{QStringLiteral("rock"), 30}, {QStringLiteral("punk"), 3}};
        QCOMPARE(filteredTags(tags), expected);
        QCOMPARE(filteredTags({{QStringLiteral("ambient"), 1}}), (QList<TagVote>{{QStringLiteral("ambient"), 1}}));
        QVERIFY(filteredTags({}).isEmpty());
    }

    void lookupIsParsed()
    {
        const QByteArray body =
            "{\"isrc\":\"USRC17607839\",\"recordings\":["
            "{\"id\":\"rec-1\",\"title\":\"A\",\"tags\":[{\"count\":4,\"name\":\"Synthwave\"}],"
            "\"artist-credit\":[{\"name\":\"BEYONCE\",\"joinphrase\":\"\",\"artist\":{\"id\":\"art-1\","
            "\"name\":\"Beyonc\\u00e9\",\"tags\":[{\"count\":15,\"name\":\"r&b\"}]}}]},"
            "{\"id\":\"rec-2\",\"title\":\"A (edit)\",\"tags\":[{\"count\":2,\"name\":\"synthwave\"}],"
            "\"artist-credit\":[{\"name\":\"BEYONCE\",\"joinphrase\":\"\",\"artist\":{\"id\":\"art-1\","
            "\"name\":\"Beyonc\\u00e9\",\"tags\":[{\"count\":15,\"name\":\"r&b\"}]}}]}]}";
        const auto parsed = parseIsrcLookup(body);
        QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed.value().recordingMbid, QStringLiteral("rec-1"));
        QCOMPARE(parsed.value().recordingTags, (QList<TagVote>{{QStringLiteral("synthwave"), 6}}));
        QCOMPARE(parsed.value().artists.size(), 1);
        QCOMPARE(parsed.value().artists.first().name, QStringLiteral("Beyoncé"));
        QCOMPARE(parsed.value().artists.first().creditedName, QStringLiteral("BEYONCE"));
        QCOMPARE(parsed.value().artists.first().tags, (QList<TagVote>{{QStringLiteral("r&b"), 15}}));

        const auto empty = parseIsrcLookup("{\"isrc\":\"USRC17607839\",\"recordings\":[]}");
        QVERIFY(empty.ok());
        QVERIFY(empty.value().recordingMbid.isEmpty());
    }

    void badAnswersAreNamed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::addRow("truncated") << QByteArray("{\"recordings\": [") << QStringLiteral("not JSON");
        QTest::addRow("html") << QByteArray("<html>busy</html>") << QStringLiteral("not JSON");
        QTest::addRow("no-recordings") << QByteArray("{\"error\":\"x\"}") << QStringLiteral("no \"recordings\" array");
        QTest::addRow("array-root") << QByteArray("[1,2]") << QStringLiteral("no \"recordings\" array");
        QTest::addRow("recording-without-id")
            << QByteArray("{\"recordings\":[{\"title\":\"x\"}]}") << QStringLiteral("recordings[0] has no \"id\"");
        QTest::addRow("tag-count-text") << QByteArray(
            "{\"recordings\":[{\"id\":\"r\",\"tags\":[{\"name\":\"a\",\"count\":\"2\"}]}]}")
                                        << QStringLiteral("recordings[0].tags[0] needs");
        QTest::addRow("artist-without-name")
            << QByteArray("{\"recordings\":[{\"id\":\"r\",\"artist-credit\":[{\"artist\":{\"id\":\"a\"}}]}]}")
            << QStringLiteral("recordings[0].artist-credit[0].artist needs");
    }
    void badAnswersAreNamed()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const auto parsed = parseIsrcLookup(body);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, Error::Code::InvalidInput);
        QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
    }

    void endpointComesFromTheEnvironment()
    {
        QProcessEnvironment environment;
        const auto defaults = MusicBrainzEndpoint::fromEnvironment(environment);
        QVERIFY(defaults.ok());
        QCOMPARE(defaults.value().baseUrl, QUrl(QStringLiteral("https://musicbrainz.org/ws/2")));
        QVERIFY(defaults.value().userAgent.startsWith("TuneScout/" TUNESCOUT_VERSION));

        environment.insert(QStringLiteral("TUNESCOUT_MUSICBRAINZ_URL"), QStringLiteral("http://127.0.0.1:9/ws/2/"));
        const auto local = MusicBrainzEndpoint::fromEnvironment(environment);
        QVERIFY(local.ok());
        QCOMPARE(local.value().baseUrl, QUrl(QStringLiteral("http://127.0.0.1:9/ws/2")));

        environment.insert(QStringLiteral("TUNESCOUT_MUSICBRAINZ_URL"), QStringLiteral("musicbrainz.org?x=1"));
        const auto bad = MusicBrainzEndpoint::fromEnvironment(environment);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(QStringLiteral("TUNESCOUT_MUSICBRAINZ_URL")));
    }

    void bucketSpacesTokens()
    {
        TokenBucket bucket(1, std::chrono::seconds(1));
        QCOMPARE(bucket.msUntilToken(0), 0);
        QVERIFY(bucket.tryTake(0));
        QVERIFY(!bucket.tryTake(999));
        QCOMPARE(bucket.msUntilToken(400), 600);
        QVERIFY(bucket.tryTake(1000));
        // Idle for long: still one token, not a burst.
        QVERIFY(bucket.tryTake(10000));
        QVERIFY(!bucket.tryTake(10001));
    }

    void bucketWithBurst()
    {
        TokenBucket bucket(3, std::chrono::milliseconds(100));
        QVERIFY(bucket.tryTake(0));
        QVERIFY(bucket.tryTake(0));
        QVERIFY(bucket.tryTake(0));
        QVERIFY(!bucket.tryTake(50));
        QVERIFY(bucket.tryTake(100));
    }

    void bucketPausesForRetryAfter()
    {
        TokenBucket bucket(1, std::chrono::seconds(1));
        QVERIFY(bucket.tryTake(5000));
        bucket.pauseUntil(8000); // Retry-After: 3 at 5000
        QVERIFY(!bucket.tryTake(7999));
        QCOMPARE(bucket.msUntilToken(7000), 1000);
        QVERIFY(bucket.tryTake(8000));
        // A Retry-After shorter than the interval does not let a request through sooner.
        bucket.pauseUntil(8000);
        QCOMPARE(bucket.msUntilToken(8000), 1000);
        QVERIFY(!bucket.tryTake(8500));
        QVERIFY(bucket.tryTake(9000));
    }
};

QTEST_GUILESS_MAIN(TestEnrichRules)
#include "tst_enrichrules.moc"
