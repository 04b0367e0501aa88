// Household concerts end to end: two members' clients queue library snapshots from their caches (followed and
// long-term top artists, as a full Spotify sync queues them) and upload them to the real hub; the hub's
// concert refresh asks the fake Ticketmaster; the paired client's Concerts page in the real Main.qml lists the
// show with who in the household plays it, and keeps listing it from the cache, with its age, once the hub no
// longer answers. The client has neither a place nor a provider key of its own: the hub's home is used.

#include "app/backend/navigationmodel.h"
#include "engine/hubclient/hubclient.h"
#include "engine/spotify/secretstore.h"
#include "engine/store/libraryrepository.h"
#include "engine/store/librarysnapshot.h"
#include "engine/store/outboxrepository.h"
#include "hub/concerts.h"
#include "tests/concerts/berlinshows.h"
#include "tests/hubclient/hubclienttestsupport.h"
#include "tests/qml/appbackend.h"
#include "tests/support/concerts/faketicketmaster.h"
#include "tests/support/testenv.h"
#include "translations/translator.h"

#include <QAccessible>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QQuickItem>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>
#include <QtQml/qqmlextensionplugin.h>

#include <pqxx/transaction>

Q_IMPORT_QML_PLUGIN(TuneScout_BackendPlugin)
Q_IMPORT_QML_PLUGIN(TuneScout_UiPlugin)

using namespace testsupport;

namespace
{

const QString theNational = QStringLiteral("The National");
const QString khruangbin = QStringLiteral("Khruangbin");

engine::Artist artist(const QString &name)
{
    return engine::Artist{fakeSpotifyArtistId(name), name, {}, {}};
}

// A client's library as a Spotify sync leaves it, and the snapshot that sync queues for the hub.
bool seedLibrary(engine::Store &store, const QList<engine::Artist> &followed, const QList<engine::Artist> &top)
{
    auto library = engine::LibraryRepository::create(store.database());
    return library && library.value().replaceFollowedArtists(followed)
        && library.value().saveTopSnapshot(engine::TopRange::LongTerm, QDate::currentDate(), top)
        && engine::enqueueLibrarySnapshot(store.database(), QDateTime::currentMSecsSinceEpoch()).value().has_value();
}

// Whether a visible item under `item` (in the item tree, where list delegates live) shows `text`.
bool showsText(QQuickItem *item, const QString &text)
{
    if (!item->isVisible()) {
        return false;
    }
    if (item->property("text").toString().startsWith(text)) {
        return true;
    }
    const auto children = item->childItems();
    return std::any_of(children.cbegin(), children.cend(), [&text](QQuickItem *child) {
        return showsText(child, text);
    });
}

} // namespace

class TestHouseholdConcertsQml : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QAccessible::setActive(true);
        QCOMPARE(installTranslations(*QCoreApplication::instance(), chooseLanguage(QStringLiteral("en"), QString()))
                     .language,
                 QStringLiteral("en"));
        QLocale::setDefault(QLocale::c());
    }

    void householdPageShowsTheHub();

    void householdFollowsReachTheConcertsPage()
    {
        REQUIRE_KEYRING_AND_POSTGRES();
        hubclienttest::LoopbackHub loopback;
        VERIFY_LOOPBACK_HUB(loopback);
        const qint64 household = loopback.hub.createHousehold(QStringLiteral("Home"));

        // Ana's client: follows The National and has it among her long-term top artists.
        {
            QTemporaryDir anaDir;
            auto ana = engine::Store::open(anaDir.path()).store;
            QVERIFY(ana);
            QVERIFY(seedLibrary(*ana, {artist(theNational)}, {artist(khruangbin), artist(theNational)}));
            // The snapshot carries what the hub's concert refresh reads.
            const auto events = engine::OutboxRepository::create(ana->database()).value().pending(10).value();
            QCOMPARE(events.size(), 1);
            const QJsonObject payload = events.first().payload;
            QCOMPARE(payload.value(QStringLiteral("followed_artists")).toArray().size(), 1);
            QCOMPARE(payload.value(QStringLiteral("top_artists")).toArray().at(1).toString(),
                     QString(QStringLiteral("spotify:artist:") + fakeSpotifyArtistId(theNational)));
            QCOMPARE(payload.value(QStringLiteral("artists")).toArray().size(), 2);
            // A sync that changed nothing queues nothing more.
            QVERIFY(!engine::enqueueLibrarySnapshot(ana->database(), 0).value().has_value());

            QNetworkAccessManager network;
            engine::MemorySecretStore secrets;
            engine::HubClient client(
                [&ana, &network](std::function<void(engine::Store &)> work, std::function<void()> then) {
                    work(*ana);
                    QTimer::singleShot(0, &network, std::move(then));
                },
                &secrets,
                &network);
            std::optional<engine::HubPairOutcome> paired;
            client.pair({loopback.url(),
                         loopback.hub.invite(household),
                         QStringLiteral("Ana"),
                         QStringLiteral("phone"),
                         false,
                         {}},
                        [&paired](const engine::HubPairOutcome &o) {
                            paired = o;
                        });
            QTRY_VERIFY_WITH_TIMEOUT(paired.has_value(), 20000);
            QVERIFY2(paired->status == engine::HubPairOutcome::Status::Paired, qPrintable(paired->message));
            std::optional<engine::HubUploadReport> uploaded;
            client.uploadOutbox([&uploaded](const engine::HubUploadReport &r) {
                uploaded = r;
            });
            QTRY_VERIFY_WITH_TIMEOUT(uploaded.has_value(), 20000);
            QVERIFY2(uploaded->outcome == engine::HubUploadReport::Outcome::Uploaded, qPrintable(uploaded->message));
        }

        // This device's cache: The National among the long-term top artists.
        const QString dataDir = m_dir.filePath(QStringLiteral("data"));
        {
            auto mine = engine::Store::open(dataDir).store;
            QVERIFY(mine);
            QVERIFY(seedLibrary(*mine, {}, {artist(theNational)}));
        }

        qmltest::WarningRecorder warnings;
        qmltest::AppBackend::Options options;
        options.initialPage = QStringLiteral("settings");
        qmltest::AppBackend app(qmltest::AppBackend::config(dataDir, m_dir.filePath(QStringLiteral("tunescout.ini"))),
                                options);
        QQuickWindow *window = app.loadMain();
        QVERIFY(window);
        QTRY_VERIFY(app.hubLink().isLoaded());
        // Without a hub, the client needs its own place and provider key.
        QCOMPARE(app.concerts().state(), Concerts::State::NeedsPlace);
        app.hubLink().pair(loopback.url(), loopback.hub.invite(household), QStringLiteral("Robin"), false);
        QTRY_VERIFY_WITH_TIMEOUT(app.hubLink().isPaired(), 20000);
        QCOMPARE(app.concerts().state(), Concerts::State::Idle);
        QTRY_COMPARE_WITH_TIMEOUT(loopback.hub.database.scalar("SELECT count(*) FROM library_snapshots"), 2, 20000);

        // The hub's home and its refresh against the fake Ticketmaster.
        const QDate date = QDate::currentDate().addDays(30);
        FakeConcertCatalogue catalogue;
        const auto show =
            concerttests::berlinShow(FakeConcertCatalogue::standard(), theNational, date, QStringLiteral("G5hhNat1"));
        QVERIFY(show);
        catalogue.add(*show);
        FakeTicketmaster ticketmaster(catalogue);
        QVERIFY(ticketmaster.isListening());
        loopback.hub.pool->run([&](pqxx::connection &connection) {
            pqxx::work transaction(connection);
            hub::ConcertStore::setHomeLocation(transaction, household, {QStringLiteral("Berlin"), 52.52, 13.405, 50});
            transaction.commit();
        });
        hub::ConcertConfig config;
        config.ticketmasterKey = FakeTicketmaster::defaultApiKey();
        config.ticketmasterUrl = ticketmaster.baseUrl().toString();
        hub::ConcertRefresher refresher(hub::ConnectionString(loopback.hub.database.url()), config);
        const hub::ConcertRefreshReport report = refresher.runAndWait();
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));

        // The Concerts page lists the household's show with who plays it.
        // The user opens the Concerts page from the rail.
        auto *pages = window->findChild<NavigationModel *>();
        QVERIFY(pages);
        QQuickItem *rail = nullptr;
        for (QQuickItem *item : window->findChildren<QQuickItem *>()) {
            if (item->property("model").value<QObject *>() == pages) {
                rail = item; // the rail's list of pages
            }
        }
        QVERIFY(rail);
        rail->setProperty("currentIndex", pages->indexOf(QStringLiteral("concerts")));
        Concerts &concerts = app.concerts();
        QTRY_COMPARE_WITH_TIMEOUT(concerts.state(), Concerts::State::Ready, 30000);
        QVERIFY(concerts.fromHub());
        QCOMPARE(concerts.place(), QStringLiteral("Berlin"));
        const ConcertListModel &shows = *concerts.shows();
        QCOMPARE(shows.rowCount(), 1);
        QCOMPARE(shows.data(shows.index(0), ConcertListModel::ArtistRole).toString(), theNational);
        QCOMPARE(shows.data(shows.index(0), ConcertListModel::WhyRole).toString(),
                 QStringLiteral("Ana and you both play The National · Ana follows The National"));
        QVERIFY(concerts.providerNotice().isEmpty());
        auto *list = window->findChild<QObject *>(QStringLiteral("concertsList"));
        QVERIFY(list);
        QTRY_VERIFY(list->property("visible").toBool());
        QCOMPARE(list->property("count").toInt(), 1);
        // The row on screen says why.
        QTRY_VERIFY(showsText(window->contentItem(), QStringLiteral("Ana and you both play The National")));
        if (const QString shot = qEnvironmentVariable("TUNESCOUT_HOUSEHOLD_CONCERTS_SCREENSHOT"); !shot.isEmpty()) {
            window->grabWindow().save(shot);
        }

        // tunescout-cli concerts on this device, paired: the hub's shows with who plays them.
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("TUNESCOUT_DATA_DIR"), dataDir);
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(TUNESCOUT_CLI_PATH), {QStringLiteral("concerts"), QStringLiteral("--json")});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QJsonObject printed = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        QCOMPARE(printed.value(QStringLiteral("source")).toString(), QStringLiteral("hub"));
        const QJsonArray listed = printed.value(QStringLiteral("concerts")).toArray();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.at(0).toObject().value(QStringLiteral("artist")).toString(), theNational);
        QStringList who;
        for (const QJsonValue &member : listed.at(0).toObject().value(QStringLiteral("who")).toArray()) {
            who.append(member.toObject().value(QStringLiteral("display_name")).toString());
        }
        who.sort();
        QCOMPARE(who, (QStringList{QStringLiteral("Ana"), QStringLiteral("Robin")}));

        // The hub stops answering this device: the page keeps the cached show and says how old it is.
        loopback.hub.store->revokeDevice(loopback.hub.database.scalar("SELECT id FROM devices WHERE label <> 'phone'"));
        concerts.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(concerts.state(), Concerts::State::Ready, 30000);
        QTRY_VERIFY(!concerts.providerNotice().isEmpty());
        QCOMPARE(shows.rowCount(), 1);
        QVERIFY2(concerts.providerNotice().contains(QLatin1String("Showing what the household hub listed 0 hours ago")),
                 qPrintable(concerts.providerNotice()));
        QVERIFY2(warnings.warnings().isEmpty(), qPrintable(warnings.text()));
    }
};

void TestHouseholdConcertsQml::householdPageShowsTheHub()
{
    REQUIRE_KEYRING_AND_POSTGRES();
    hubclienttest::LoopbackHub loopback;
    VERIFY_LOOPBACK_HUB(loopback);
    const qint64 household = loopback.hub.createHousehold(QStringLiteral("Home"));
    // Ana played The National three times and Khruangbin once this week.
    const QByteArray ana = loopback.hub.member(household, QStringLiteral("Ana"));
    QJsonArray plays;
    for (int i = 0; i < 4; ++i) {
        const QString name = i < 3 ? theNational : khruangbin;
        plays.append(QJsonObject{
            {QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
            {QStringLiteral("kind"), QStringLiteral("play")},
            {QStringLiteral("payload"),
             QJsonObject{
                 {QStringLiteral("track_name"), QStringLiteral("Track %1").arg(i)},
                 {QStringLiteral("track_uri"),
                  QString(QStringLiteral("spotify:track:") + QStringLiteral("%1").arg(i, 22, 10, QLatin1Char('0')))},
                 {QStringLiteral("played_at_ms"), QDateTime::currentMSecsSinceEpoch() - (i + 1) * 60000},
                 {QStringLiteral("artists"),
                  QJsonArray{
                      QJsonObject{{QStringLiteral("name"), name},
                                  {QStringLiteral("uri"),
                                   QString(QStringLiteral("spotify:artist:") + fakeSpotifyArtistId(name))}}}}}}});
    }
    QCOMPARE(loopback.hub.sync(ana, plays).status, 200);

    const QString dataDir = m_dir.filePath(QStringLiteral("household-data"));
    qmltest::WarningRecorder warnings;
    qmltest::AppBackend::Options options;
    options.initialPage = QStringLiteral("household");
    qmltest::AppBackend app(qmltest::AppBackend::config(dataDir, m_dir.filePath(QStringLiteral("household.ini"))),
                            options);
    QQuickWindow *window = app.loadMain();
    QVERIFY(window);
    QTRY_VERIFY(app.hubLink().isLoaded());
    // Not paired: the page says how, and its button opens Settings.
    QCOMPARE(app.household().state(), Household::State::NotPaired);
    auto *empty = window->findChild<QQuickItem *>(QStringLiteral("householdEmptyState"));
    QVERIFY(empty);
    QTRY_VERIFY(empty->isVisible());
    QVERIFY(showsText(empty, QStringLiteral("Pair TuneScout with your household's hub")));
    if (const QString shot = qEnvironmentVariable("TUNESCOUT_HOUSEHOLD_EMPTY_SCREENSHOT"); !shot.isEmpty()) {
        window->grabWindow().save(shot);
    }
    auto *settings = window->findChild<QQuickItem *>(QStringLiteral("householdSettingsButton"));
    QVERIFY(settings);
    qmltest::click(settings);
    QTRY_VERIFY(window->findChild<QQuickItem *>(QStringLiteral("hubPairButton"))->isVisible());
    QVERIFY(!empty->isVisible());

    app.hubLink().pair(loopback.url(), loopback.hub.invite(household), QStringLiteral("Robin"), false);
    QTRY_VERIFY_WITH_TIMEOUT(app.hubLink().isPaired(), 20000);
    auto *pages = window->findChild<NavigationModel *>();
    QVERIFY(pages);
    QQuickItem *rail = nullptr;
    for (QQuickItem *item : window->findChildren<QQuickItem *>()) {
        if (item->property("model").value<QObject *>() == pages) {
            rail = item;
        }
    }
    QVERIFY(rail);
    rail->setProperty("currentIndex", pages->indexOf(QStringLiteral("household")));
    Household &shown = app.household();
    QTRY_COMPARE_WITH_TIMEOUT(shown.state(), Household::State::Ready, 30000);
    QStringList members;
    for (const QVariant &member : shown.members()) {
        members.append(member.toMap().value(QStringLiteral("name")).toString());
    }
    members.sort();
    QCOMPARE(members, (QStringList{QStringLiteral("Ana"), QStringLiteral("Robin")}));
    QCOMPARE(shown.weekSummary(), QStringLiteral("4 plays in the household in the last seven days"));
    QCOMPARE(shown.weekArtists().first().toMap().value(QStringLiteral("name")).toString(), theNational);
    QCOMPARE(shown.weekArtists().first().toMap().value(QStringLiteral("detail")).toString(),
             QStringLiteral("3 plays by Ana"));
    QVERIFY(shown.favourites().isEmpty()); // nobody else played them
    QVERIFY(shown.picks().isEmpty());
    QVERIFY2(shown.picksNote().contains(QLatin1String("not trained")), qPrintable(shown.picksNote()));
    QTRY_VERIFY(
        showsText(window->findChild<QQuickItem *>(QStringLiteral("householdWeek")), QStringLiteral("3 plays by Ana")));
    QVERIFY(!empty->isVisible());
    if (const QString shot = qEnvironmentVariable("TUNESCOUT_HOUSEHOLD_SCREENSHOT"); !shot.isEmpty()) {
        window->grabWindow().save(shot);
    }
    QVERIFY2(warnings.warnings().isEmpty(), qPrintable(warnings.text()));
}

QTEST_MAIN(TestHouseholdConcertsQml)

#include "tst_householdconcerts_qml.moc"
