#include "tests/support/concerts/concertcatalogue.h"
#include "tests/support/concerts/fakeseatgeek.h"
#include "tests/support/concerts/faketicketmaster.h"
#include "tests/support/concerts/loopbackhttp.h"
#include "tests/support/testenv.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

#include <algorithm>
#include <memory>

using namespace testsupport;

namespace
{

const qint64 kFrozenStart = QDateTime(QDate(2026, 2, 1), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch();
constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;

QJsonObject readFixture(const QString &name)
{
    QFile file(QDir(sharedReferenceDir()).filePath(QStringLiteral("concerts/") + name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// "a=1&b=two%20words" onto `url`; the values stay as written, so a test can send any encoding it wants.
QUrl withQuery(QUrl url, const QString &query)
{
    url.setQuery(query);
    return url;
}

QJsonArray ticketmasterEvents(const QJsonObject &page)
{
    return page.value(QStringLiteral("_embedded")).toObject().value(QStringLiteral("events")).toArray();
}

QJsonObject ticketmasterVenue(const QJsonObject &event)
{
    return event.value(QStringLiteral("_embedded"))
        .toObject()
        .value(QStringLiteral("venues"))
        .toArray()
        .first()
        .toObject();
}

QStringList attractionNames(const QJsonObject &event)
{
    QStringList names;
    const QJsonArray attractions =
        event.value(QStringLiteral("_embedded")).toObject().value(QStringLiteral("attractions")).toArray();
    for (const QJsonValue &attraction : attractions)
        names.append(attraction.toObject().value(QStringLiteral("name")).toString());
    return names;
}

QDateTime ticketmasterStart(const QJsonObject &event)
{
    return QDateTime::fromString(event.value(QStringLiteral("dates"))
                                     .toObject()
                                     .value(QStringLiteral("start"))
                                     .toObject()
                                     .value(QStringLiteral("dateTime"))
                                     .toString(),
                                 Qt::ISODate);
}

QDateTime seatGeekStart(const QJsonObject &event)
{
    // SeatGeek's datetime_utc carries no zone designator.
    QDateTime start = QDateTime::fromString(event.value(QStringLiteral("datetime_utc")).toString(), Qt::ISODate);
    start.setTimeSpec(Qt::UTC);
    return start;
}

QString faultErrorCode(const QJsonObject &body)
{
    return body.value(QStringLiteral("fault"))
        .toObject()
        .value(QStringLiteral("detail"))
        .toObject()
        .value(QStringLiteral("errorcode"))
        .toString();
}

QString discoveryErrorCode(const QJsonObject &body)
{
    return body.value(QStringLiteral("errors")).toArray().first().toObject().value(QStringLiteral("code")).toString();
}

int seatGeekErrorCode(const QJsonObject &body)
{
    return body.value(QStringLiteral("errors")).toArray().first().toObject().value(QStringLiteral("code")).toInt();
}

QByteArray basicAuthorization(const QString &user, const QString &password)
{
    return QByteArrayLiteral("Basic ") + QString(user + QLatin1Char(':') + password).toUtf8().toBase64();
}

} // namespace

class TestFakeConcerts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void geohashRoundTrips_data();
    void geohashRoundTrips();
    void malformedGeohashIsRejected();
    void keywordMatching_data();
    void keywordMatching();

    void ticketmasterFixturePageComesBackVerbatim();
    void ticketmasterFieldsHaveTheProvidersTypes();
    void seatGeekFixtureEventComesBackVerbatim();
    void seatGeekFieldsHaveTheProvidersTypes();

    void ticketmasterPagesToTheEnd_data();
    void ticketmasterPagesToTheEnd();
    void ticketmasterPagingLimits_data();
    void ticketmasterPagingLimits();
    void ticketmasterKeyword_data();
    void ticketmasterKeyword();
    void ticketmasterGeoRadius_data();
    void ticketmasterGeoRadius();
    void ticketmasterDateRange_data();
    void ticketmasterDateRange();
    void ticketmasterRejectsMalformedDates_data();
    void ticketmasterRejectsMalformedDates();
    void ticketmasterPlaceAndClassification_data();
    void ticketmasterPlaceAndClassification();
    void ticketmasterAuthentication_data();
    void ticketmasterAuthentication();
    void ticketmasterRateLimitAfterFiveQuickRequests();
    void ticketmasterDailyQuota();
    void ticketmasterErrorsCountAgainstTheQuota();

    void seatGeekPagesToTheEnd();
    void seatGeekFilters_data();
    void seatGeekFilters();
    void seatGeekDateRange();
    void seatGeekGeoRange_data();
    void seatGeekGeoRange();
    void seatGeekAuthentication_data();
    void seatGeekAuthentication();
    void seatGeekRateLimit();

    void scriptedFailures_data();
    void scriptedFailures();
    void scriptedDelay_data();
    void scriptedDelay();
    void scriptedDrop_data();
    void scriptedDrop();
    void downRefusesAndUpRestores_data();
    void downRefusesAndUpRestores();

    void concurrentRequestsAreAllServed();
    void requestLogRecordsWhatWasAsked();
    void catalogueCanBeReplacedAndExtended();

private:
    LoopbackReply get(const QUrl &url, const QByteArray &authorization = {});
    QUrl ticketmasterUrl(const QString &query) const;
    QUrl seatGeekUrl(const QString &query) const;
    QUrl followTicketmasterLink(const QString &href) const;
    FakeConcertServer &provider(const QString &name) const;
    QUrl providerUrl(const QString &name) const;

    std::unique_ptr<FakeTicketmaster> m_ticketmaster;
    std::unique_ptr<FakeSeatGeek> m_seatGeek;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

void TestFakeConcerts::initTestCase()
{
    QVERIFY2(QFile::exists(QDir(sharedReferenceDir()).filePath(QStringLiteral("concerts/ticketmaster-429.json"))),
             "the shared concert fixtures are missing");
}

void TestFakeConcerts::init()
{
    m_ticketmaster = std::make_unique<FakeTicketmaster>();
    m_seatGeek = std::make_unique<FakeSeatGeek>();
    QVERIFY(m_ticketmaster->isListening());
    QVERIFY(m_seatGeek->isListening());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_network->setProxy(QNetworkProxy::NoProxy);
}

void TestFakeConcerts::cleanup()
{
    // The client goes first: its closed connections let the servers' workers finish at once.
    m_network.reset();
    m_ticketmaster.reset();
    m_seatGeek.reset();
}

LoopbackReply TestFakeConcerts::get(const QUrl &url, const QByteArray &authorization)
{
    QNetworkRequest request(url);
    if (!authorization.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), authorization);
    return loopbackGet(*m_network, request);
}

QUrl TestFakeConcerts::ticketmasterUrl(const QString &query) const
{
    const QString key = QStringLiteral("apikey=") + FakeTicketmaster::defaultApiKey();
    return withQuery(m_ticketmaster->eventsUrl(), query.isEmpty() ? key : key + QLatin1Char('&') + query);
}

QUrl TestFakeConcerts::seatGeekUrl(const QString &query) const
{
    const QString client = QStringLiteral("client_id=") + FakeSeatGeek::defaultClientId();
    return withQuery(m_seatGeek->eventsUrl(), query.isEmpty() ? client : client + QLatin1Char('&') + query);
}

QUrl TestFakeConcerts::followTicketmasterLink(const QString &href) const
{
    // A client expands the URI template (here: to nothing) and adds its key, which links never carry.
    static const QRegularExpression uriTemplate(QStringLiteral("\\{[^}]*\\}"));
    QString plain = href;
    plain.remove(uriTemplate);
    QUrl url = m_ticketmaster->baseUrl().resolved(QUrl(plain));
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("apikey"), FakeTicketmaster::defaultApiKey());
    url.setQuery(query);
    return url;
}

FakeConcertServer &TestFakeConcerts::provider(const QString &name) const
{
    if (name == QLatin1String("ticketmaster"))
        return *m_ticketmaster;
    return *m_seatGeek;
}

QUrl TestFakeConcerts::providerUrl(const QString &name) const
{
    return name == QLatin1String("ticketmaster") ? ticketmasterUrl(QStringLiteral("size=5"))
                                                 : seatGeekUrl(QStringLiteral("per_page=5"));
}

void TestFakeConcerts::geohashRoundTrips_data()
{
    QTest::addColumn<double>("latitude");
    QTest::addColumn<double>("longitude");
    QTest::addColumn<int>("precision");
    QTest::addColumn<QString>("hash");

    QTest::addRow("textbook-example") << 57.64911 << 10.40744 << 11 << QStringLiteral("u4pruydqqvj");
    QTest::addRow("berlin-mitte") << 52.52 << 13.405 << 9 << QString();
    QTest::addRow("brooklyn") << 40.6461 << -73.9576 << 9 << QString();
    QTest::addRow("southern-hemisphere") << -33.8568 << 151.2153 << 9 << QString();
}

void TestFakeConcerts::geohashRoundTrips()
{
    QFETCH(double, latitude);
    QFETCH(double, longitude);
    QFETCH(int, precision);
    QFETCH(QString, hash);

    const QString encoded = encodeGeohash(latitude, longitude, precision);
    QCOMPARE(encoded.size(), precision);
    if (!hash.isEmpty())
        QCOMPARE(encoded, hash);
    const std::optional<ConcertGeoPoint> decoded = decodeGeohash(encoded);
    QVERIFY(decoded);
    // Nine characters are a cell of about 5 m by 5 m.
    QVERIFY(distanceKm(latitude, longitude, decoded->latitude, decoded->longitude) < 0.01);
}

void TestFakeConcerts::malformedGeohashIsRejected()
{
    QVERIFY(!decodeGeohash(QString()));
    QVERIFY(!decodeGeohash(QStringLiteral("u33a"))); // 'a' is not in the geohash alphabet
    QVERIFY(!decodeGeohash(QStringLiteral("u33d!")));
    QVERIFY(decodeGeohash(QStringLiteral("U33DC"))); // case does not matter
}

void TestFakeConcerts::keywordMatching_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("matches");

    QTest::addRow("diacritics") << QStringLiteral("Sigur Rós") << QStringLiteral("sigur ros") << true;
    QTest::addRow("undecomposable-letter") << QStringLiteral("Mø") << QStringLiteral("MO") << true;
    QTest::addRow("ampersand-is-and") << QStringLiteral("Mumford & Sons") << QStringLiteral("Mumford and Sons") << true;
    QTest::addRow("plus-is-and") << QStringLiteral("Florence + the Machine")
                                 << QStringLiteral("florence and the machine") << true;
    QTest::addRow("words-not-substrings") << QStringLiteral("National Anthem") << QStringLiteral("nation") << false;
    QTest::addRow("every-word-needed") << QStringLiteral("National Anthem") << QStringLiteral("The National") << false;
    QTest::addRow("tribute-contains-the-name")
        << QStringLiteral("Nirvana Tribute Night: Smells Like Nirvana") << QStringLiteral("nirvana") << true;
}

void TestFakeConcerts::keywordMatching()
{
    QFETCH(QString, text);
    QFETCH(QString, query);
    QFETCH(bool, matches);
    QCOMPARE(matchesKeyword(text, query), matches);
}

void TestFakeConcerts::ticketmasterFixturePageComesBackVerbatim()
{
    const QJsonObject fixture = readFixture(QStringLiteral("ticketmaster-discovery-v2-events.json"));
    QVERIFY(!fixture.isEmpty());

    const LoopbackReply reply = get(ticketmasterUrl(QStringLiteral("keyword=Nils%20Frahm&size=1")));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    // Every field, value and JSON type of the documented page, including the templated links.
    QCOMPARE(compactJson(reply.json()), compactJson(fixture));
}

void TestFakeConcerts::ticketmasterFieldsHaveTheProvidersTypes()
{
    const LoopbackReply reply = get(ticketmasterUrl(QStringLiteral("size=200")));
    QCOMPARE(reply.status, 200);
    const QJsonObject body = reply.json();
    const QJsonObject page = body.value(QStringLiteral("page")).toObject();
    for (const QString &key : {QStringLiteral("size"),
                               QStringLiteral("totalElements"),
                               QStringLiteral("totalPages"),
                               QStringLiteral("number")})
        QVERIFY2(page.value(key).isDouble(), qPrintable(key));

    const QJsonArray events = ticketmasterEvents(body);
    QCOMPARE(events.size(), m_ticketmaster->catalogue().ticketmasterCount());
    int withSpotify = 0;
    int withoutSpotify = 0;
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        const QString id = event.value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("event"));
        QVERIFY2(ticketmasterStart(event).isValid(), qPrintable(id));
        const QJsonObject location = ticketmasterVenue(event).value(QStringLiteral("location")).toObject();
        QVERIFY2(location.value(QStringLiteral("latitude")).isString(), qPrintable(id));
        QVERIFY2(location.value(QStringLiteral("longitude")).isString(), qPrintable(id));
        bool ok = false;
        location.value(QStringLiteral("latitude")).toString().toDouble(&ok);
        QVERIFY2(ok, qPrintable(id));
        const QJsonArray attractions =
            event.value(QStringLiteral("_embedded")).toObject().value(QStringLiteral("attractions")).toArray();
        QVERIFY2(!attractions.isEmpty(), qPrintable(id));
        for (const QJsonValue &attraction : attractions) {
            const QJsonArray spotify = attraction.toObject()
                                           .value(QStringLiteral("externalLinks"))
                                           .toObject()
                                           .value(QStringLiteral("spotify"))
                                           .toArray();
            if (spotify.isEmpty()) {
                ++withoutSpotify;
                continue;
            }
            ++withSpotify;
            const QString url = spotify.first().toObject().value(QStringLiteral("url")).toString();
            QVERIFY2(url.startsWith(QLatin1String("https://open.spotify.com/artist/")), qPrintable(url));
            QCOMPARE(url.section(QLatin1Char('/'), -1).size(), 22);
        }
    }
    QVERIFY(withSpotify > 0);
    QVERIFY(withoutSpotify > 0); // the tribute act and others Ticketmaster cannot link
}

void TestFakeConcerts::seatGeekFixtureEventComesBackVerbatim()
{
    const QJsonObject fixture = readFixture(QStringLiteral("seatgeek-v2-events.json"));
    const QJsonObject expected = fixture.value(QStringLiteral("events")).toArray().first().toObject();
    QVERIFY(!expected.isEmpty());

    const LoopbackReply reply = get(seatGeekUrl(QStringLiteral("performers.slug=nils-frahm")));
    QCOMPARE(reply.status, 200);
    QJsonObject actual;
    for (const QJsonValue &event : reply.json().value(QStringLiteral("events")).toArray()) {
        if (event.toObject().value(QStringLiteral("id")).toInteger() == 9000001)
            actual = event.toObject();
    }
    QCOMPARE(compactJson(actual), compactJson(expected));
}

void TestFakeConcerts::seatGeekFieldsHaveTheProvidersTypes()
{
    const LoopbackReply reply = get(seatGeekUrl(QStringLiteral("per_page=500")));
    QCOMPARE(reply.status, 200);
    const QJsonObject body = reply.json();
    const QJsonObject meta = body.value(QStringLiteral("meta")).toObject();
    QCOMPARE(meta.value(QStringLiteral("total")).toInteger(), m_seatGeek->catalogue().seatGeekCount());
    QCOMPARE(meta.value(QStringLiteral("page")).toInt(), 1);
    QCOMPARE(meta.value(QStringLiteral("per_page")).toInt(), 500);
    QVERIFY(meta.value(QStringLiteral("took")).isDouble());
    QVERIFY(meta.value(QStringLiteral("geolocation")).isNull());

    const QJsonArray events = body.value(QStringLiteral("events")).toArray();
    QCOMPARE(events.size(), m_seatGeek->catalogue().seatGeekCount());
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        QVERIFY(event.value(QStringLiteral("id")).isDouble());
        const QJsonObject venue = event.value(QStringLiteral("venue")).toObject();
        QVERIFY(venue.value(QStringLiteral("id")).isDouble());
        const QJsonObject location = venue.value(QStringLiteral("location")).toObject();
        QVERIFY(location.value(QStringLiteral("lat")).isDouble());
        QVERIFY(location.value(QStringLiteral("lon")).isDouble());
        QVERIFY(seatGeekStart(event).isValid());
        QVERIFY(!event.value(QStringLiteral("datetime_utc")).toString().endsWith(QLatin1Char('Z')));
        const QJsonArray performers = event.value(QStringLiteral("performers")).toArray();
        QVERIFY(!performers.isEmpty());
        QVERIFY(performers.first().toObject().value(QStringLiteral("primary")).toBool());
        QVERIFY(event.value(QStringLiteral("taxonomies"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("parent_id"))
                    .isNull());
    }
}

void TestFakeConcerts::ticketmasterPagesToTheEnd_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<QString>("sort");

    QTest::addRow("size-7-by-date") << 7 << QStringLiteral("date,asc");
    QTest::addRow("size-20-default-order") << 20 << QString();
    QTest::addRow("size-13-by-id") << 13 << QStringLiteral("id,asc");
    QTest::addRow("size-200-one-page") << 200 << QStringLiteral("date,desc");
}

void TestFakeConcerts::ticketmasterPagesToTheEnd()
{
    QFETCH(int, size);
    QFETCH(QString, sort);

    // A frozen clock advanced 250 ms a page keeps the walk under 5 requests a second, whatever the machine.
    m_ticketmaster->setTime(kFrozenStart);
    QString query = QStringLiteral("size=%1").arg(size);
    if (!sort.isEmpty())
        query += QStringLiteral("&sort=") + sort;
    QUrl url = ticketmasterUrl(query);

    QSet<QString> ids;
    QStringList order;
    QList<QDateTime> starts;
    int pages = 0;
    qint64 total = -1;
    while (true) {
        const LoopbackReply reply = get(url);
        QCOMPARE(reply.status, 200);
        const QJsonObject body = reply.json();
        const QJsonObject page = body.value(QStringLiteral("page")).toObject();
        QCOMPARE(page.value(QStringLiteral("number")).toInt(), pages);
        QCOMPARE(page.value(QStringLiteral("size")).toInt(), size);
        if (total < 0)
            total = page.value(QStringLiteral("totalElements")).toInteger();
        QCOMPARE(page.value(QStringLiteral("totalElements")).toInteger(), total);

        const QJsonObject links = body.value(QStringLiteral("_links")).toObject();
        const QString self = links.value(QStringLiteral("self")).toObject().value(QStringLiteral("href")).toString();
        QVERIFY2(self.startsWith(QLatin1String("/discovery/v2/events.json?")), qPrintable(self));
        QVERIFY2(!self.contains(QLatin1String("apikey")), qPrintable(self));

        for (const QJsonValue &event : ticketmasterEvents(body)) {
            const QString id = event.toObject().value(QStringLiteral("id")).toString();
            QVERIFY2(!ids.contains(id), qPrintable(id));
            ids.insert(id);
            order.append(id);
            starts.append(ticketmasterStart(event.toObject()));
        }
        ++pages;
        const QJsonValue next = links.value(QStringLiteral("next"));
        if (next.isUndefined())
            break;
        QVERIFY(pages < 200);
        url = followTicketmasterLink(next.toObject().value(QStringLiteral("href")).toString());
        m_ticketmaster->advanceTime(250);
    }

    QCOMPARE(total, m_ticketmaster->catalogue().ticketmasterCount());
    QCOMPARE(qint64(ids.size()), total);
    QCOMPARE(pages, int((total + size - 1) / size));
    QCOMPARE(m_ticketmaster->requestCount(), pages);
    QCOMPARE(m_ticketmaster->requestCount(200), pages);
    if (sort == QLatin1String("date,asc") || sort.isEmpty())
        QVERIFY(std::is_sorted(starts.cbegin(), starts.cend()));
    if (sort == QLatin1String("date,desc"))
        QVERIFY(std::is_sorted(starts.crbegin(), starts.crend()));
    if (sort == QLatin1String("id,asc")) {
        QStringList sorted = order;
        std::sort(sorted.begin(), sorted.end(), [](const QString &a, const QString &b) {
            return a.toUtf8() < b.toUtf8();
        });
        QCOMPARE(order, sorted);
    }
}

void TestFakeConcerts::ticketmasterPagingLimits_data()
{
    QTest::addColumn<int>("page");
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    // As observed live: offset 1,000 is still served, one page further is not; size 200 is accepted.
    QTest::addRow("offset-1000-at-size-200") << 5 << 200 << 200 << QString();
    QTest::addRow("offset-1200-at-size-200") << 6 << 200 << 400 << QStringLiteral("DIS1035");
    QTest::addRow("offset-1000-at-size-20") << 50 << 20 << 200 << QString();
    QTest::addRow("offset-1020-at-size-20") << 51 << 20 << 400 << QStringLiteral("DIS1035");
    QTest::addRow("size-201") << 0 << 201 << 400 << QStringLiteral("DIS1036");
}

void TestFakeConcerts::ticketmasterPagingLimits()
{
    QFETCH(int, page);
    QFETCH(int, size);
    QFETCH(int, status);
    QFETCH(QString, code);

    const LoopbackReply reply = get(ticketmasterUrl(QStringLiteral("page=%1&size=%2").arg(page).arg(size)));
    QCOMPARE(reply.status, status);
    const QJsonObject body = reply.json();
    if (status == 200) {
        // Beyond the last page: page data, no _embedded.
        QVERIFY(!body.contains(QStringLiteral("_embedded")));
        QCOMPARE(body.value(QStringLiteral("page")).toObject().value(QStringLiteral("number")).toInt(), page);
        QVERIFY(reply.hasHeader("Rate-Limit-Available"));
        return;
    }
    QCOMPARE(discoveryErrorCode(body), code);
    QCOMPARE(body.value(QStringLiteral("errors")).toArray().first().toObject().value(QStringLiteral("status")),
             QJsonValue(QStringLiteral("400 BAD_REQUEST")));
    QVERIFY(!reply.hasHeader("Rate-Limit-Available"));
}

void TestFakeConcerts::ticketmasterKeyword_data()
{
    QTest::addColumn<QString>("keyword");
    QTest::addColumn<int>("count");
    QTest::addColumn<QStringList>("included");
    QTest::addColumn<QStringList>("excluded");

    QTest::addRow("exact-name") << QStringLiteral("Nils%20Frahm") << 3 << QStringList{QStringLiteral("Nils Frahm")}
                                << QStringList{};
    QTest::addRow("diacritics-folded") << QStringLiteral("Sigur%20Ros") << 6 << QStringList{QStringLiteral("Sigur Rós")}
                                       << QStringList{};
    QTest::addRow("and-finds-ampersand") << QStringLiteral("Mumford%20and%20Sons") << 7
                                         << QStringList{QStringLiteral("Mumford & Sons")} << QStringList{};
    QTest::addRow("encoded-ampersand") << QStringLiteral("Mumford%20%26%20Sons") << 7
                                       << QStringList{QStringLiteral("Mumford & Sons")} << QStringList{};
    QTest::addRow("and-finds-plus") << QStringLiteral("Florence%20and%20the%20Machine") << 6
                                    << QStringList{QStringLiteral("Florence + the Machine")} << QStringList{};
    QTest::addRow("national-finds-both") << QStringLiteral(
        "National") << 14 << QStringList{QStringLiteral("The National"), QStringLiteral("National Anthem")}
                                         << QStringList{};
    QTest::addRow("the-national-only") << QStringLiteral("The%20National") << 8
                                       << QStringList{QStringLiteral("The National")}
                                       << QStringList{QStringLiteral("National Anthem")};
    QTest::addRow("tribute-act") << QStringLiteral("Nirvana") << 4 << QStringList{QStringLiteral("Smells Like Nirvana")}
                                 << QStringList{};
    QTest::addRow("case-insensitive-and-billed")
        << QStringLiteral("KHRUANGBIN") << 9
        << QStringList{QStringLiteral("Khruangbin"), QStringLiteral("Phoebe Bridgers")} << QStringList{};
    QTest::addRow("form-encoded-space") << QStringLiteral("Nils+Frahm") << 3
                                        << QStringList{QStringLiteral("Nils Frahm")} << QStringList{};
    QTest::addRow("nothing") << QStringLiteral("Nobody%20At%20All") << 0 << QStringList{} << QStringList{};
}

void TestFakeConcerts::ticketmasterKeyword()
{
    QFETCH(QString, keyword);
    QFETCH(int, count);
    QFETCH(QStringList, included);
    QFETCH(QStringList, excluded);

    const LoopbackReply reply = get(ticketmasterUrl(QStringLiteral("size=200&keyword=") + keyword));
    QCOMPARE(reply.status, 200);
    const QJsonObject body = reply.json();
    QCOMPARE(body.value(QStringLiteral("page")).toObject().value(QStringLiteral("totalElements")).toInt(), count);
    QSet<QString> names;
    for (const QJsonValue &event : ticketmasterEvents(body)) {
        for (const QString &name : attractionNames(event.toObject()))
            names.insert(name);
    }
    for (const QString &name : std::as_const(included))
        QVERIFY2(names.contains(name), qPrintable(name));
    for (const QString &name : std::as_const(excluded))
        QVERIFY2(!names.contains(name), qPrintable(name));
    if (count == 0)
        QVERIFY(!body.contains(QStringLiteral("_embedded")));
}

void TestFakeConcerts::ticketmasterGeoRadius_data()
{
    QTest::addColumn<QString>("point");
    QTest::addColumn<QString>("radius");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<bool>("includesFunkhaus");

    // Funkhaus lies 7.65 km from Berlin-Mitte: outside 5 km, inside 5 miles (8.05 km).
    const QString geoPoint = QStringLiteral("geoPoint=") + encodeGeohash(52.5200, 13.4050, 9);
    const QString latlong = QStringLiteral("latlong=52.5200,13.4050");
    QTest::addRow("geohash-5-km") << geoPoint << QStringLiteral("5") << QStringLiteral("km") << false;
    QTest::addRow("geohash-5-miles") << geoPoint << QStringLiteral("5") << QStringLiteral("miles") << true;
    QTest::addRow("geohash-5-default-unit-is-miles") << geoPoint << QStringLiteral("5") << QString() << true;
    QTest::addRow("geohash-8-km") << geoPoint << QStringLiteral("8") << QStringLiteral("km") << true;
    QTest::addRow("deprecated-latlong-5-km") << latlong << QStringLiteral("5") << QStringLiteral("km") << false;
    QTest::addRow("deprecated-latlong-5-miles") << latlong << QStringLiteral("5") << QStringLiteral("miles") << true;
}

void TestFakeConcerts::ticketmasterGeoRadius()
{
    QFETCH(QString, point);
    QFETCH(QString, radius);
    QFETCH(QString, unit);
    QFETCH(bool, includesFunkhaus);

    QString query = QStringLiteral("size=200&sort=distance,asc&radius=") + radius + QLatin1Char('&') + point;
    if (!unit.isEmpty())
        query += QStringLiteral("&unit=") + unit;
    const LoopbackReply reply = get(ticketmasterUrl(query));
    QCOMPARE(reply.status, 200);
    const QJsonArray events = ticketmasterEvents(reply.json());
    QVERIFY(!events.isEmpty());

    const bool km = unit == QLatin1String("km");
    const double radiusKm = radius.toDouble() * (km ? 1.0 : kKilometresPerMile);
    bool sawFunkhaus = false;
    double previousDistance = 0.0;
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        const QJsonObject venue = ticketmasterVenue(event);
        const QJsonObject location = venue.value(QStringLiteral("location")).toObject();
        const double distance = distanceKm(52.52,
                                           13.405,
                                           location.value(QStringLiteral("latitude")).toString().toDouble(),
                                           location.value(QStringLiteral("longitude")).toString().toDouble());
        QVERIFY2(distance <= radiusKm + 0.01, qPrintable(venue.value(QStringLiteral("name")).toString()));
        QCOMPARE(event.value(QStringLiteral("units")).toString(),
                 km ? QStringLiteral("KILOMETERS") : QStringLiteral("MILES"));
        const double reported = event.value(QStringLiteral("distance")).toDouble();
        QVERIFY(reported >= previousDistance);
        previousDistance = reported;
        if (venue.value(QStringLiteral("name")).toString() == QLatin1String("Funkhaus"))
            sawFunkhaus = true;
    }
    QCOMPARE(sawFunkhaus, includesFunkhaus);
}

void TestFakeConcerts::ticketmasterDateRange_data()
{
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("end");

    QTest::addRow("march") << QStringLiteral("2026-03-01T00:00:00Z") << QStringLiteral("2026-03-31T23:59:59Z");
    QTest::addRow("from-october") << QStringLiteral("2026-10-01T00:00:00Z") << QString();
    QTest::addRow("until-february") << QString() << QStringLiteral("2026-02-28T23:59:59Z");
    QTest::addRow("one-exact-second") << QStringLiteral("2026-03-14T19:00:00Z")
                                      << QStringLiteral("2026-03-14T19:00:00Z");
}

void TestFakeConcerts::ticketmasterDateRange()
{
    QFETCH(QString, start);
    QFETCH(QString, end);

    QString query = QStringLiteral("size=200");
    if (!start.isEmpty())
        query += QStringLiteral("&startDateTime=") + start;
    if (!end.isEmpty())
        query += QStringLiteral("&endDateTime=") + end;
    const LoopbackReply reply = get(ticketmasterUrl(query));
    QCOMPARE(reply.status, 200);

    const QDateTime from = start.isEmpty() ? QDateTime() : QDateTime::fromString(start, Qt::ISODate);
    const QDateTime until = end.isEmpty() ? QDateTime() : QDateTime::fromString(end, Qt::ISODate);
    const auto inRange = [&](const QDateTime &at) {
        return (!from.isValid() || at >= from) && (!until.isValid() || at <= until);
    };
    const QList<FakeConcert> all = m_ticketmaster->catalogue().concerts();
    const qsizetype expected = std::count_if(all.cbegin(), all.cend(), [&](const FakeConcert &concert) {
        return concert.onTicketmaster() && inRange(concert.startUtc);
    });
    QVERIFY(expected > 0);
    const QJsonArray events = ticketmasterEvents(reply.json());
    QCOMPARE(events.size(), expected);
    for (const QJsonValue &event : events)
        QVERIFY(inRange(ticketmasterStart(event.toObject())));
}

void TestFakeConcerts::ticketmasterRejectsMalformedDates_data()
{
    QTest::addColumn<QString>("value");
    QTest::addRow("milliseconds") << QStringLiteral("2026-03-01T00:00:00.000Z");
    QTest::addRow("no-zone") << QStringLiteral("2026-03-01T00:00:00");
    QTest::addRow("date-only") << QStringLiteral("2026-03-01");
    QTest::addRow("offset-instead-of-z") << QStringLiteral("2026-03-01T00:00:00%2B01:00");
}

void TestFakeConcerts::ticketmasterRejectsMalformedDates()
{
    QFETCH(QString, value);
    const LoopbackReply reply = get(ticketmasterUrl(QStringLiteral("startDateTime=") + value));
    QCOMPARE(reply.status, 400);
    const QJsonObject error = reply.json().value(QStringLiteral("errors")).toArray().first().toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("DIS1015"));
    QVERIFY(error.value(QStringLiteral("_links")).toObject().contains(QStringLiteral("self")));
}

void TestFakeConcerts::ticketmasterPlaceAndClassification_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    QTest::addRow("city") << QStringLiteral("city=Berlin") << QStringLiteral("city") << QStringLiteral("Berlin");
    QTest::addRow("city-without-accent") << QStringLiteral("city=Montreal") << QStringLiteral("city")
                                         << QStringLiteral("Montréal");
    QTest::addRow("country-code") << QStringLiteral("countryCode=CA") << QStringLiteral("countryCode")
                                  << QStringLiteral("CA");
    QTest::addRow("classification-genre")
        << QStringLiteral("classificationName=comedy") << QStringLiteral("genre") << QStringLiteral("Comedy");
    QTest::addRow("classification-segment")
        << QStringLiteral("classificationName=music") << QStringLiteral("segment") << QStringLiteral("Music");
    QTest::addRow("attraction-id") << QStringLiteral("attractionId=K8vZ9fakeA1") << QStringLiteral("attraction")
                                   << QStringLiteral("Nils Frahm");
}

void TestFakeConcerts::ticketmasterPlaceAndClassification()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    const LoopbackReply reply = get(ticketmasterUrl(QStringLiteral("size=200&") + query));
    QCOMPARE(reply.status, 200);
    const QJsonArray events = ticketmasterEvents(reply.json());
    QVERIFY(!events.isEmpty());

    // The same question put to the catalogue directly.
    const QList<FakeConcert> all = m_ticketmaster->catalogue().concerts();
    const auto value = [&field](const FakeConcert &concert) {
        if (field == QLatin1String("city"))
            return concert.venue.city;
        if (field == QLatin1String("countryCode"))
            return concert.venue.countryCode;
        if (field == QLatin1String("genre"))
            return concert.genreName;
        if (field == QLatin1String("segment"))
            return concert.segmentName;
        return concert.performers.first().name;
    };
    const qsizetype expectedCount = std::count_if(all.cbegin(), all.cend(), [&](const FakeConcert &concert) {
        return concert.onTicketmaster() && value(concert) == expected;
    });
    QCOMPARE(events.size(), expectedCount);

    for (const QJsonValue &event : events) {
        const QJsonObject object = event.toObject();
        const QJsonObject venue = ticketmasterVenue(object);
        const QJsonObject classification = object.value(QStringLiteral("classifications")).toArray().first().toObject();
        QString actual;
        if (field == QLatin1String("city"))
            actual = venue.value(QStringLiteral("city")).toObject().value(QStringLiteral("name")).toString();
        else if (field == QLatin1String("countryCode"))
            actual = venue.value(QStringLiteral("country")).toObject().value(QStringLiteral("countryCode")).toString();
        else if (field == QLatin1String("genre"))
            actual = classification.value(QStringLiteral("genre")).toObject().value(QStringLiteral("name")).toString();
        else if (field == QLatin1String("segment"))
            actual =
                classification.value(QStringLiteral("segment")).toObject().value(QStringLiteral("name")).toString();
        else
            actual = attractionNames(object).first();
        QCOMPARE(actual, expected);
    }
}

void TestFakeConcerts::ticketmasterAuthentication_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("faultCode");

    QTest::addRow("missing-key") << QStringLiteral("size=1") << 401
                                 << QStringLiteral("steps.oauth.v2.FailedToResolveAPIKey");
    QTest::addRow("empty-key") << QStringLiteral("apikey=&size=1") << 401
                               << QStringLiteral("steps.oauth.v2.FailedToResolveAPIKey");
    QTest::addRow("unknown-key") << QStringLiteral("apikey=not-a-key&size=1") << 401
                                 << QStringLiteral("oauth.v2.InvalidApiKey");
    QTest::addRow("valid-key") << QStringLiteral("apikey=") + FakeTicketmaster::defaultApiKey() << 200 << QString();
}

void TestFakeConcerts::ticketmasterAuthentication()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QString, faultCode);

    const LoopbackReply reply = get(withQuery(m_ticketmaster->eventsUrl(), query));
    QCOMPARE(reply.status, status);
    if (status == 200) {
        QVERIFY(reply.hasHeader("Rate-Limit"));
        return;
    }
    QCOMPARE(faultErrorCode(reply.json()), faultCode);
    QVERIFY(!reply.json()
                 .value(QStringLiteral("fault"))
                 .toObject()
                 .value(QStringLiteral("faultstring"))
                 .toString()
                 .isEmpty());
    // A key that was not accepted has no quota to report.
    QVERIFY(!reply.hasHeader("Rate-Limit"));
    QCOMPARE(m_ticketmaster->requestCount(401), 1);
}

void TestFakeConcerts::ticketmasterRateLimitAfterFiveQuickRequests()
{
    const QJsonObject fixture = readFixture(QStringLiteral("ticketmaster-429.json"));
    QVERIFY(!fixture.isEmpty());
    const QByteArray expectedBody =
        compactJson(fixture).replace(QByteArrayLiteral("{apikey}"), FakeTicketmaster::defaultApiKey().toUtf8());
    const QByteArray resetAt = QByteArray::number(kFrozenStart + kDayMs);

    m_ticketmaster->setTime(kFrozenStart);
    const QUrl url = ticketmasterUrl(QStringLiteral("size=1"));
    for (int i = 0; i < FakeTicketmaster::kDefaultRequestsPerSecond; ++i) {
        const LoopbackReply reply = get(url);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("Rate-Limit"), QByteArrayLiteral("5000"));
        QCOMPARE(reply.header("Rate-Limit-Available"), QByteArray::number(4999 - i));
        QCOMPARE(reply.header("Rate-Limit-Over"), QByteArrayLiteral("0"));
        QCOMPARE(reply.header("Rate-Limit-Reset"), resetAt);
    }

    const LoopbackReply limited = get(url);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.body, expectedBody);
    QCOMPARE(faultErrorCode(limited.json()), QStringLiteral("policies.ratelimit.QuotaViolation"));
    QCOMPARE(limited.header("Rate-Limit"), QByteArrayLiteral("5000"));
    QCOMPARE(limited.header("Rate-Limit-Available"), QByteArrayLiteral("4995"));
    QCOMPARE(limited.header("Rate-Limit-Over"), QByteArrayLiteral("1"));
    QCOMPARE(limited.header("Rate-Limit-Reset"), resetAt);

    // A second later the window has room again; the refused request cost no quota.
    m_ticketmaster->advanceTime(1000);
    const LoopbackReply later = get(url);
    QCOMPARE(later.status, 200);
    QCOMPARE(later.header("Rate-Limit-Available"), QByteArrayLiteral("4994"));
    QCOMPARE(later.header("Rate-Limit-Over"), QByteArrayLiteral("1"));
    QCOMPARE(m_ticketmaster->requestCount(429), 1);

    // Another key has a window of its own.
    m_ticketmaster->addApiKey(QStringLiteral("second-key"));
    const LoopbackReply otherKey =
        get(withQuery(m_ticketmaster->eventsUrl(), QStringLiteral("apikey=second-key&size=1")));
    QCOMPARE(otherKey.status, 200);
    QCOMPARE(otherKey.header("Rate-Limit-Available"), QByteArrayLiteral("4999"));
}

void TestFakeConcerts::ticketmasterDailyQuota()
{
    m_ticketmaster->setTime(kFrozenStart);
    m_ticketmaster->setDailyQuota(3);
    const QUrl url = ticketmasterUrl(QStringLiteral("size=1"));
    for (int i = 0; i < 3; ++i) {
        const LoopbackReply reply = get(url);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("Rate-Limit"), QByteArrayLiteral("3"));
        QCOMPARE(reply.header("Rate-Limit-Available"), QByteArray::number(2 - i));
        m_ticketmaster->advanceTime(400);
    }
    const LoopbackReply exhausted = get(url);
    QCOMPARE(exhausted.status, 429);
    QCOMPARE(exhausted.body, FakeTicketmaster::rateLimitBody(FakeTicketmaster::defaultApiKey()));
    QCOMPARE(exhausted.header("Rate-Limit-Available"), QByteArrayLiteral("0"));
    QCOMPARE(exhausted.header("Rate-Limit-Over"), QByteArrayLiteral("1"));
    // The day is 24 hours from the key's first call, not a calendar day.
    QCOMPARE(exhausted.header("Rate-Limit-Reset"), QByteArray::number(kFrozenStart + kDayMs));

    m_ticketmaster->setTime(kFrozenStart + kDayMs);
    const LoopbackReply nextDay = get(url);
    QCOMPARE(nextDay.status, 200);
    QCOMPARE(nextDay.header("Rate-Limit-Available"), QByteArrayLiteral("2"));
    QCOMPARE(nextDay.header("Rate-Limit-Over"), QByteArrayLiteral("0"));
    QCOMPARE(nextDay.header("Rate-Limit-Reset"), QByteArray::number(kFrozenStart + 2 * kDayMs));
}

void TestFakeConcerts::ticketmasterErrorsCountAgainstTheQuota()
{
    m_ticketmaster->setTime(kFrozenStart);
    m_ticketmaster->setDailyQuota(10);
    QCOMPARE(get(ticketmasterUrl(QStringLiteral("startDateTime=yesterday"))).status, 400);
    QCOMPARE(get(ticketmasterUrl(QStringLiteral("size=500"))).status, 400);
    const LoopbackReply reply = get(ticketmasterUrl(QStringLiteral("size=1")));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Rate-Limit-Available"), QByteArrayLiteral("7"));
}

void TestFakeConcerts::seatGeekPagesToTheEnd()
{
    m_seatGeek->setTime(kFrozenStart);
    constexpr int perPage = 7;
    QSet<qint64> ids;
    QList<QDateTime> starts;
    qint64 total = -1;
    int page = 1;
    while (true) {
        const LoopbackReply reply = get(seatGeekUrl(QStringLiteral("per_page=%1&page=%2").arg(perPage).arg(page)));
        QCOMPARE(reply.status, 200);
        const QJsonObject body = reply.json();
        const QJsonObject meta = body.value(QStringLiteral("meta")).toObject();
        QCOMPARE(meta.value(QStringLiteral("page")).toInt(), page);
        QCOMPARE(meta.value(QStringLiteral("per_page")).toInt(), perPage);
        if (total < 0)
            total = meta.value(QStringLiteral("total")).toInteger();
        const QJsonArray events = body.value(QStringLiteral("events")).toArray();
        for (const QJsonValue &event : events) {
            const qint64 id = event.toObject().value(QStringLiteral("id")).toInteger();
            QVERIFY(!ids.contains(id));
            ids.insert(id);
            starts.append(seatGeekStart(event.toObject()));
        }
        if (qint64(page) * perPage >= total)
            break;
        QCOMPARE(events.size(), perPage);
        QVERIFY(page < 100);
        ++page;
        m_seatGeek->advanceTime(200);
    }
    QCOMPARE(total, m_seatGeek->catalogue().seatGeekCount());
    QCOMPARE(qint64(ids.size()), total);
    QVERIFY(std::is_sorted(starts.cbegin(), starts.cend()));
    QCOMPARE(m_seatGeek->requestCount(), page);

    // One page past the end is empty, not an error.
    const LoopbackReply beyond = get(seatGeekUrl(QStringLiteral("per_page=%1&page=%2").arg(perPage).arg(page + 1)));
    QCOMPARE(beyond.status, 200);
    QVERIFY(beyond.json().value(QStringLiteral("events")).toArray().isEmpty());
}

void TestFakeConcerts::seatGeekFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    QTest::addRow("performer-slug") << QStringLiteral("performers.slug=nils-frahm") << QStringLiteral("slug")
                                    << QStringLiteral("nils-frahm");
    QTest::addRow("q-ampersand-finds-and")
        << QStringLiteral("q=Mumford%20%26%20Sons") << QStringLiteral("slug") << QStringLiteral("mumford-and-sons");
    QTest::addRow("q-without-accent") << QStringLiteral("q=beyonce") << QStringLiteral("slug")
                                      << QStringLiteral("beyonce");
    QTest::addRow("venue-city") << QStringLiteral("venue.city=Brooklyn") << QStringLiteral("city")
                                << QStringLiteral("Brooklyn");
    QTest::addRow("venue-city-without-accent")
        << QStringLiteral("venue.city=montreal") << QStringLiteral("city") << QStringLiteral("Montréal");
    QTest::addRow("taxonomy") << QStringLiteral("taxonomies.name=comedy") << QStringLiteral("type")
                              << QStringLiteral("comedy");
}

void TestFakeConcerts::seatGeekFilters()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    const LoopbackReply reply = get(seatGeekUrl(QStringLiteral("per_page=500&") + query));
    QCOMPARE(reply.status, 200);
    const QJsonArray events = reply.json().value(QStringLiteral("events")).toArray();
    QVERIFY(!events.isEmpty());

    const QList<FakeConcert> all = m_seatGeek->catalogue().concerts();
    const qsizetype expectedCount = std::count_if(all.cbegin(), all.cend(), [&](const FakeConcert &concert) {
        if (!concert.onSeatGeek())
            return false;
        if (field == QLatin1String("slug"))
            return concert.performers.first().slug == expected;
        if (field == QLatin1String("city"))
            return concert.venue.city == expected;
        return concert.seatGeekType() == expected;
    });
    QCOMPARE(events.size(), expectedCount);

    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        QString actual;
        if (field == QLatin1String("slug")) {
            actual = event.value(QStringLiteral("performers"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QStringLiteral("slug"))
                         .toString();
        } else if (field == QLatin1String("city")) {
            actual = event.value(QStringLiteral("venue")).toObject().value(QStringLiteral("city")).toString();
        } else {
            actual = event.value(QStringLiteral("type")).toString();
        }
        QCOMPARE(actual, expected);
    }
}

void TestFakeConcerts::seatGeekDateRange()
{
    const QDateTime from(QDate(2026, 4, 1), QTime(0, 0), Qt::UTC);
    const QDateTime until(QDate(2026, 6, 30), QTime(23, 59, 59), Qt::UTC);
    const LoopbackReply reply = get(
        seatGeekUrl(QStringLiteral("per_page=500&datetime_utc.gte=2026-04-01&datetime_utc.lte=2026-06-30T23:59:59")));
    QCOMPARE(reply.status, 200);
    const QList<FakeConcert> all = m_seatGeek->catalogue().concerts();
    const qsizetype expected = std::count_if(all.cbegin(), all.cend(), [&](const FakeConcert &concert) {
        return concert.onSeatGeek() && concert.startUtc >= from && concert.startUtc <= until;
    });
    QVERIFY(expected > 0);
    const QJsonArray events = reply.json().value(QStringLiteral("events")).toArray();
    QCOMPARE(events.size(), expected);
    for (const QJsonValue &event : events) {
        const QDateTime start = seatGeekStart(event.toObject());
        QVERIFY(start >= from && start <= until);
    }
    QCOMPARE(get(seatGeekUrl(QStringLiteral("datetime_utc.gte=soon"))).status, 400);
}

void TestFakeConcerts::seatGeekGeoRange_data()
{
    QTest::addColumn<QString>("range");
    QTest::addColumn<bool>("includesKingsTheatre");

    // Kings Theatre lies 12.8 km from Radio City Music Hall: outside 10 km, inside 10 miles (16.1 km).
    QTest::addRow("10-km") << QStringLiteral("10km") << false;
    QTest::addRow("10-miles") << QStringLiteral("10mi") << true;
    QTest::addRow("default-30-miles") << QString() << true;
}

void TestFakeConcerts::seatGeekGeoRange()
{
    QFETCH(QString, range);
    QFETCH(bool, includesKingsTheatre);

    QString query = QStringLiteral("per_page=500&lat=40.7600&lon=-73.9799");
    if (!range.isEmpty())
        query += QStringLiteral("&range=") + range;
    const LoopbackReply reply = get(seatGeekUrl(query));
    QCOMPARE(reply.status, 200);
    const QJsonObject body = reply.json();
    const QJsonObject geolocation =
        body.value(QStringLiteral("meta")).toObject().value(QStringLiteral("geolocation")).toObject();
    QCOMPARE(geolocation.value(QStringLiteral("range")).toString(), range.isEmpty() ? QStringLiteral("30mi") : range);
    QCOMPARE(geolocation.value(QStringLiteral("lat")).toDouble(), 40.76);

    const double rangeKm = range == QLatin1String("10km") ? 10.0 : (range.isEmpty() ? 30.0 : 10.0) * kKilometresPerMile;
    const QJsonArray events = body.value(QStringLiteral("events")).toArray();
    QVERIFY(!events.isEmpty());
    bool sawKings = false;
    for (const QJsonValue &value : events) {
        const QJsonObject venue = value.toObject().value(QStringLiteral("venue")).toObject();
        const QJsonObject location = venue.value(QStringLiteral("location")).toObject();
        QVERIFY(distanceKm(40.76,
                           -73.9799,
                           location.value(QStringLiteral("lat")).toDouble(),
                           location.value(QStringLiteral("lon")).toDouble())
                <= rangeKm);
        if (venue.value(QStringLiteral("name")).toString() == QLatin1String("Kings Theatre"))
            sawKings = true;
    }
    QCOMPARE(sawKings, includesKingsTheatre);
}

void TestFakeConcerts::seatGeekAuthentication_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code");

    const QString id = FakeSeatGeek::defaultClientId();
    QTest::addRow("client-id-in-query") << QStringLiteral("client_id=") + id << QByteArray() << 200 << 0;
    QTest::addRow("basic-auth") << QString() << basicAuthorization(id, QString()) << 200 << 0;
    QTest::addRow("basic-auth-with-secret")
        << QString() << basicAuthorization(QStringLiteral("with-secret"), QStringLiteral("s3")) << 200 << 0;
    QTest::addRow("secret-in-query") << QStringLiteral("client_id=with-secret&client_secret=s3") << QByteArray() << 200
                                     << 0;
    QTest::addRow("wrong-secret") << QStringLiteral("client_id=with-secret&client_secret=nope") << QByteArray() << 403
                                  << 40302;
    QTest::addRow("missing") << QString() << QByteArray() << 403 << 40307;
    QTest::addRow("unknown-client") << QStringLiteral("client_id=stranger") << QByteArray() << 403 << 40301;
}

void TestFakeConcerts::seatGeekAuthentication()
{
    QFETCH(QString, query);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(int, code);

    m_seatGeek->addClient(QStringLiteral("with-secret"), QStringLiteral("s3"));
    const LoopbackReply reply = get(withQuery(m_seatGeek->eventsUrl(), query), authorization);
    QCOMPARE(reply.status, status);
    if (status == 200) {
        QVERIFY(reply.json().value(QStringLiteral("events")).isArray());
        return;
    }
    const QJsonObject body = reply.json();
    QCOMPARE(seatGeekErrorCode(body), code);
    QCOMPARE(body.value(QStringLiteral("status")).toInt(), status);
    QCOMPARE(body.value(QStringLiteral("meta")).toObject().value(QStringLiteral("status")).toInt(), status);
    if (code == 40307) {
        QCOMPARE(body.value(QStringLiteral("message")).toString(),
                 QStringLiteral("Client is required - visit \"https://seatgeek.com/account/develop\""));
    }
}

void TestFakeConcerts::seatGeekRateLimit()
{
    m_seatGeek->setTime(kFrozenStart);
    m_seatGeek->setRequestsPerSecond(2);
    const QUrl url = seatGeekUrl(QStringLiteral("per_page=1"));
    QCOMPARE(get(url).status, 200);
    QCOMPARE(get(url).status, 200);
    const LoopbackReply limited = get(url);
    QCOMPARE(limited.status, 429);
    QCOMPARE(seatGeekErrorCode(limited.json()), 42900);
    QVERIFY(!limited.hasHeader("Rate-Limit")); // Ticketmaster's headers are Ticketmaster's
    m_seatGeek->advanceTime(1000);
    QCOMPARE(get(url).status, 200);
}

void TestFakeConcerts::scriptedFailures_data()
{
    QTest::addColumn<QString>("providerName");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("count");

    QTest::addRow("ticketmaster-503-twice") << QStringLiteral("ticketmaster") << 503 << 2;
    QTest::addRow("ticketmaster-500") << QStringLiteral("ticketmaster") << 500 << 1;
    QTest::addRow("ticketmaster-429") << QStringLiteral("ticketmaster") << 429 << 2;
    QTest::addRow("seatgeek-502") << QStringLiteral("seatgeek") << 502 << 1;
    QTest::addRow("seatgeek-429-three-times") << QStringLiteral("seatgeek") << 429 << 3;
}

void TestFakeConcerts::scriptedFailures()
{
    QFETCH(QString, providerName);
    QFETCH(int, status);
    QFETCH(int, count);

    FakeConcertServer &fake = provider(providerName);
    fake.setRequestsPerSecond(0);
    if (status == 429)
        fake.rateLimitNext(count);
    else
        fake.failNext(count, status);
    QCOMPARE(fake.pendingFaults(), count);

    const QUrl url = providerUrl(providerName);
    for (int i = 0; i < count; ++i) {
        const LoopbackReply reply = get(url);
        QCOMPARE(reply.status, status);
        const QJsonObject body = reply.json();
        if (providerName == QLatin1String("ticketmaster")) {
            QVERIFY(!faultErrorCode(body).isEmpty());
            if (status == 429) {
                QCOMPARE(reply.body, FakeTicketmaster::rateLimitBody(FakeTicketmaster::defaultApiKey()));
                QVERIFY(reply.hasHeader("Rate-Limit-Available"));
            }
        } else {
            QCOMPARE(body.value(QStringLiteral("status")).toInt(), status);
        }
    }
    QCOMPARE(fake.pendingFaults(), 0);
    QCOMPARE(get(url).status, 200);
    QCOMPARE(fake.requestCount(status), count);
    QCOMPARE(fake.requestCount(), count + 1);
}

void TestFakeConcerts::scriptedDelay_data()
{
    QTest::addColumn<QString>("providerName");
    QTest::addColumn<int>("delayMs");

    QTest::addRow("ticketmaster") << QStringLiteral("ticketmaster") << 300;
    QTest::addRow("seatgeek") << QStringLiteral("seatgeek") << 200;
}

void TestFakeConcerts::scriptedDelay()
{
    QFETCH(QString, providerName);
    QFETCH(int, delayMs);

    FakeConcertServer &fake = provider(providerName);
    fake.delayNext(1, delayMs);
    const LoopbackReply slow = get(providerUrl(providerName));
    QCOMPARE(slow.status, 200);
    QVERIFY2(slow.elapsedMs >= delayMs, qPrintable(QString::number(slow.elapsedMs)));
    QCOMPARE(get(providerUrl(providerName)).status, 200);
}

void TestFakeConcerts::scriptedDrop_data()
{
    QTest::addColumn<QString>("providerName");
    QTest::addRow("ticketmaster") << QStringLiteral("ticketmaster");
    QTest::addRow("seatgeek") << QStringLiteral("seatgeek");
}

void TestFakeConcerts::scriptedDrop()
{
    QFETCH(QString, providerName);

    FakeConcertServer &fake = provider(providerName);
    fake.dropNext(1);
    const LoopbackReply dropped = get(providerUrl(providerName));
    QVERIFY(dropped.finished);
    QCOMPARE(dropped.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(fake.requestCount(0), 1);
    QCOMPARE(get(providerUrl(providerName)).status, 200);
}

void TestFakeConcerts::downRefusesAndUpRestores_data()
{
    QTest::addColumn<QString>("providerName");
    QTest::addRow("ticketmaster") << QStringLiteral("ticketmaster");
    QTest::addRow("seatgeek") << QStringLiteral("seatgeek");
}

void TestFakeConcerts::downRefusesAndUpRestores()
{
    QFETCH(QString, providerName);

    FakeConcertServer &fake = provider(providerName);
    const quint16 port = fake.port();
    QCOMPARE(get(providerUrl(providerName)).status, 200);

    QVERIFY(fake.setDown(true));
    QVERIFY(fake.isDown());
    QVERIFY(!fake.isListening());
    const LoopbackReply refused = get(providerUrl(providerName));
    QCOMPARE(refused.error, QNetworkReply::ConnectionRefusedError);

    QVERIFY(fake.setDown(false));
    QVERIFY(fake.isListening());
    QCOMPARE(fake.port(), port);
    QCOMPARE(get(providerUrl(providerName)).status, 200);
    QCOMPARE(fake.requestCount(), 2);
}

void TestFakeConcerts::concurrentRequestsAreAllServed()
{
    m_ticketmaster->setRequestsPerSecond(0);
    m_seatGeek->setRequestsPerSecond(0);
    constexpr int perProvider = 12;
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    int finished = 0;
    for (int i = 0; i < perProvider; ++i) {
        for (const QUrl &url : {ticketmasterUrl(QStringLiteral("size=50&page=%1").arg(i % 3)),
                                seatGeekUrl(QStringLiteral("per_page=50&page=%1").arg(1 + i % 3))}) {
            replies.emplace_back(m_network->get(QNetworkRequest(url)));
            connect(replies.back().get(), &QNetworkReply::finished, this, [&finished] {
                ++finished;
            });
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished, 2 * perProvider, 20000);
    for (const auto &reply : replies)
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(m_ticketmaster->requestCount(200), perProvider);
    QCOMPARE(m_seatGeek->requestCount(200), perProvider);
}

void TestFakeConcerts::requestLogRecordsWhatWasAsked()
{
    m_ticketmaster->setTime(kFrozenStart);
    QCOMPARE(get(ticketmasterUrl(QStringLiteral("keyword=Nils%20Frahm&size=2"))).status, 200);
    const QList<FakeConcertRequest> ticketmasterLog = m_ticketmaster->requests();
    QCOMPARE(ticketmasterLog.size(), 1);
    const FakeConcertRequest &first = ticketmasterLog.first();
    QCOMPARE(first.method, QByteArrayLiteral("GET"));
    QCOMPARE(first.path, QStringLiteral("/discovery/v2/events.json"));
    QCOMPARE(first.query.queryItemValue(QStringLiteral("keyword"), QUrl::FullyDecoded), QStringLiteral("Nils Frahm"));
    QCOMPARE(first.credential, FakeTicketmaster::defaultApiKey());
    QCOMPARE(first.status, 200);
    QCOMPARE(first.receivedAtMs, kFrozenStart);

    QCOMPARE(get(m_seatGeek->eventsUrl(), basicAuthorization(FakeSeatGeek::defaultClientId(), QString())).status, 200);
    QCOMPARE(m_seatGeek->requests().first().credential, FakeSeatGeek::defaultClientId());

    m_ticketmaster->clearRequests();
    QCOMPARE(m_ticketmaster->requestCount(), 0);
}

void TestFakeConcerts::catalogueCanBeReplacedAndExtended()
{
    m_ticketmaster->setCatalogue(FakeConcertCatalogue::fixturesOnly());
    m_seatGeek->setCatalogue(FakeConcertCatalogue::fixturesOnly());

    FakeConcert concert;
    concert.ticketmasterId = QStringLiteral("vvG1test0001");
    concert.seatGeekId = 9999001;
    concert.name = QStringLiteral("Test Artist");
    concert.localDate = QDate(2026, 11, 5);
    concert.localTime = QTime(21, 0);
    concert.startUtc = QDateTime(QDate(2026, 11, 6), QTime(3, 0), Qt::UTC);
    concert.segmentId = QStringLiteral("KZFzniwnSyZfZ7v7nJ");
    concert.segmentName = QStringLiteral("Music");
    concert.genreName = QStringLiteral("Rock");
    concert.venue.ticketmasterId = QStringLiteral("KovZtest1");
    concert.venue.seatGeekId = 777001;
    concert.venue.name = QStringLiteral("Test Hall");
    concert.venue.city = QStringLiteral("Chicago");
    concert.venue.stateCode = QStringLiteral("IL");
    concert.venue.countryCode = QStringLiteral("US");
    concert.venue.latitude = 41.88;
    concert.venue.longitude = -87.63;
    FakeConcertPerformer performer;
    performer.name = QStringLiteral("Test Artist");
    performer.ticketmasterId = QStringLiteral("K8vZtest1");
    performer.seatGeekId = 1234;
    performer.slug = QStringLiteral("test-artist");
    performer.spotifyId = fakeSpotifyArtistId(performer.name);
    concert.performers = {performer};
    m_ticketmaster->addConcert(concert);
    m_seatGeek->addConcert(concert);

    const LoopbackReply ticketmaster = get(ticketmasterUrl(QStringLiteral("size=10")));
    QCOMPARE(
        ticketmaster.json().value(QStringLiteral("page")).toObject().value(QStringLiteral("totalElements")).toInt(),
        2);
    const LoopbackReply found = get(ticketmasterUrl(QStringLiteral("keyword=test%20artist")));
    const QJsonObject event = ticketmasterEvents(found.json()).first().toObject();
    QCOMPARE(event.value(QStringLiteral("id")).toString(), concert.ticketmasterId);
    QCOMPARE(ticketmasterVenue(event).value(QStringLiteral("location")).toObject().value(QStringLiteral("latitude")),
             QJsonValue(QStringLiteral("41.88")));

    const LoopbackReply seatGeek = get(seatGeekUrl(QStringLiteral("performers.slug=test-artist")));
    const QJsonArray seatGeekEvents = seatGeek.json().value(QStringLiteral("events")).toArray();
    QCOMPARE(seatGeekEvents.size(), 1);
    QCOMPARE(seatGeekEvents.first().toObject().value(QStringLiteral("datetime_utc")).toString(),
             QStringLiteral("2026-11-06T03:00:00"));
    QCOMPARE(seatGeekEvents.first().toObject().value(QStringLiteral("datetime_local")).toString(),
             QStringLiteral("2026-11-05T21:00:00"));
}

QTEST_GUILESS_MAIN(TestFakeConcerts)
#include "tst_fakeconcerts.moc"
