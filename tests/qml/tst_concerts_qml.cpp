// The Concerts page over the real backend: a real SQLite cache with followed and played artists, the fake
// Ticketmaster over loopback HTTP, and the real ConcertsPage.qml in Main.qml. Shows come grouped by month with why
// they are there, the filter narrows them, a provider that is down leaves its cached shows with their age, and
// without a place the page says where to set one.

#include "appbackend.h"
#include "engine/store/store.h"
#include "tests/concerts/berlinshows.h"
#include "tests/support/concerts/faketicketmaster.h"
#include "translations/translator.h"

#include <QFile>
#include <QQuickItem>
#include <QQuickStyle>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <atomic>
#include <memory>

Q_IMPORT_QML_PLUGIN(TuneScout_BackendPlugin)
Q_IMPORT_QML_PLUGIN(TuneScout_UiPlugin)

using namespace Qt::StringLiterals;
using namespace testsupport;

namespace
{

constexpr qint64 kHourMs = 60 * 60 * 1000;

QStringList column(const ConcertListModel &model, int role)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row) {
        values.append(model.data(model.index(row), role).toString());
    }
    return values;
}

} // namespace

class TestConcertsQml : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<qmltest::WarningRecorder> m_warnings;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeTicketmaster> m_ticketmaster;
    std::unique_ptr<qmltest::AppBackend> m_app;
    std::shared_ptr<std::atomic<qint64>> m_clockOffset;
    QQuickWindow *m_window = nullptr;
    QList<QDate> m_dates;

    // The user's cache: The National followed and played 42 times, Hania Rani followed.
    void seedCache()
    {
        auto store = engine::Store::open(m_dir->path()).store;
        QVERIFY(store);
        auto &db = store->database();
        QVERIFY(db.exec("INSERT INTO artists (id, spotify_id, name, name_key, updated_at_ms) VALUES (1, ?1, ?2, ?3, 0)",
                        {fakeSpotifyArtistId(u"The National"_s), u"The National"_s, u"the national"_s})
                    .ok());
        QVERIFY(db.exec("INSERT INTO artists (id, name, name_key, updated_at_ms) VALUES (2, 'Hania Rani', "
                        "'hania rani', 0)")
                    .ok());
        QVERIFY(db.exec("INSERT INTO followed_artists (artist_id, seen_at_ms) VALUES (1, 0), (2, 0)").ok());
        QVERIFY(db.exec("INSERT INTO tracks (id, name, name_key, updated_at_ms) VALUES (1, 'Bloodbuzz Ohio', "
                        "'bloodbuzz ohio', 0)")
                    .ok());
        QVERIFY(db.exec("INSERT INTO track_artists (track_id, position, artist_id) VALUES (1, 0, 1)").ok());
        for (int i = 0; i < 42; ++i) {
            QVERIFY(db.exec("INSERT INTO plays (track_id, played_at_ms, source) VALUES (1, ?1, 'polled')", {i * 1000})
                        .ok());
        }
    }

    // Berlin in the coming weeks: The National twice (in different months), Hania Rani once, and a false friend.
    void startTicketmaster()
    {
        const FakeConcertCatalogue standard = FakeConcertCatalogue::standard();
        FakeConcertCatalogue catalogue = standard;
        const QDate today = QDate::currentDate();
        m_dates = {today.addDays(10), today.addDays(20), today.addDays(55)};
        for (const auto &[act, date, id] : {std::tuple{u"The National"_s, m_dates[0], u"vvPageN1"_s},
                                            std::tuple{u"Hania Rani"_s, m_dates[1], u"vvPageH1"_s},
                                            std::tuple{u"The National"_s, m_dates[2], u"vvPageN2"_s},
                                            std::tuple{u"National Anthem"_s, m_dates[1], u"vvPageA1"_s}}) {
            const auto show = concerttests::berlinShow(standard, act, date, id);
            QVERIFY2(show, qPrintable(act));
            catalogue.add(*show);
        }
        m_ticketmaster = std::make_unique<FakeTicketmaster>(catalogue);
        QVERIFY(m_ticketmaster->isListening());
    }

    void startApp(bool withPlace, const QString &page = u"concerts"_s)
    {
        ClientConfig config = qmltest::AppBackend::config(m_dir->path(), m_dir->filePath(u"tunescout.ini"_s));
        config.concertProviders.ticketmasterUrl = m_ticketmaster->baseUrl();
        config.concertProviders.ticketmasterKey = FakeTicketmaster::defaultApiKey();
        if (withPlace) {
            config.concertLocation = engine::parseConcertLocation(u"Berlin"_s, 50).value();
            config.concertRadiusKm = 50;
        }
        qmltest::AppBackend::Options options;
        options.initialPage = page;
        m_app = std::make_unique<qmltest::AppBackend>(config, options);
        engine::ConcertFinderPolicy policy;
        policy.nowMs = [offset = m_clockOffset] {
            return QDateTime::currentMSecsSinceEpoch() + offset->load();
        };
        m_app->concerts().setFinderPolicy(policy);
        m_window = m_app->loadMain();
        QVERIFY(m_window);
    }

    QString textOf(const char *objectName) const
    {
        auto *item = m_window->findChild<QObject *>(QLatin1String(objectName));
        return item ? item->property("text").toString() : u"(no %1)"_s.arg(QLatin1String(objectName));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QQuickStyle::setStyle(u"Basic"_s);
        QAccessible::setActive(true);
        // English as the app speaks it (the plural forms live in a translation), dates in the C locale's words.
        QCOMPARE(installTranslations(*QCoreApplication::instance(), chooseLanguage(u"en"_s, QString())).language,
                 u"en"_s);
        QLocale::setDefault(QLocale::c());
    }

    void init()
    {
        m_warnings = std::make_unique<qmltest::WarningRecorder>();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_clockOffset = std::make_shared<std::atomic<qint64>>(0);
        seedCache();
        startTicketmaster();
    }

    void cleanup()
    {
        m_window = nullptr;
        m_app.reset();
        m_ticketmaster.reset();
        m_dir.reset();
        m_warnings.reset();
    }

    void listsTheShowsByMonthAndFilters()
    {
        startApp(true);
        Concerts &concerts = m_app->concerts();
        QTRY_COMPARE_WITH_TIMEOUT(concerts.state(), Concerts::State::Ready, 30000);
        const ConcertListModel &shows = *concerts.shows();
        // The false friend "National Anthem" is not The National.
        QCOMPARE(column(shows, ConcertListModel::ArtistRole),
                 (QStringList{u"The National"_s, u"Hania Rani"_s, u"The National"_s}));
        const QLocale c = QLocale::c();
        QCOMPARE(column(shows, ConcertListModel::MonthRole),
                 (QStringList{c.toString(m_dates[0], u"MMMM yyyy"_s),
                              c.toString(m_dates[1], u"MMMM yyyy"_s),
                              c.toString(m_dates[2], u"MMMM yyyy"_s)}));
        QVERIFY(shows.data(shows.index(0), ConcertListModel::MonthRole)
                != shows.data(shows.index(2), ConcertListModel::MonthRole));
        QCOMPARE(shows.data(shows.index(0), ConcertListModel::WhyRole).toString(),
                 u"You follow The National · You played The National 42 times"_s);
        QCOMPARE(shows.data(shows.index(1), ConcertListModel::WhyRole).toString(), u"You follow Hania Rani"_s);
        QCOMPARE(shows.data(shows.index(0), ConcertListModel::TimeRole).toString(), u"20:00"_s);
        QCOMPARE(shows.data(shows.index(0), ConcertListModel::CityRole).toString(), u"Berlin"_s);
        QVERIFY(shows.data(shows.index(0), ConcertListModel::DistanceRole).toString().endsWith(u" km"_s));
        QCOMPARE(shows.data(shows.index(0), ConcertListModel::TicketUrlRole).toString(),
                 u"https://www.ticketmaster.example/event/vvPageN1"_s);
        QVERIFY(!shows.data(shows.index(0), ConcertListModel::StaleRole).toBool());

        // The page shows them, under month headings.
        auto *list = m_window->findChild<QObject *>(u"concertsList"_s);
        QVERIFY(list);
        QTRY_VERIFY(list->property("visible").toBool());
        QCOMPARE(list->property("count").toInt(), 3);
        bool sawHeading = false;
        qmltest::walkAccessibilityTree(m_window, [&](QAccessibleInterface *node) {
            sawHeading = sawHeading
                || (node->role() == QAccessible::Heading
                    && node->text(QAccessible::Name) == c.toString(m_dates[0], u"MMMM yyyy"_s));
            return !sawHeading;
        });
        QVERIFY(sawHeading);

        // Typing in the filter narrows the list; the distance slider too.
        auto *filter = m_window->findChild<QObject *>(u"concertsArtistFilter"_s);
        QVERIFY(filter);
        filter->setProperty("text", u"hania"_s);
        QCOMPARE(column(shows, ConcertListModel::ArtistRole), QStringList{u"Hania Rani"_s});
        QTRY_COMPARE(list->property("count").toInt(), 1);
        filter->setProperty("text", QString());
        QCOMPARE(shows.count(), 3);
        concerts.setMaxDistanceKm(0.001);
        QCOMPARE(shows.count(), 0);
        concerts.setMaxDistanceKm(0);
        QCOMPARE(shows.count(), 3);

        const qmltest::AccessibleNames names = qmltest::checkAccessibleNames(m_window);
        QVERIFY2(names.unnamed.isEmpty(), qPrintable(names.unnamed.join(u'\n')));

        // Add to calendar: the show's .ics, to the file chosen.
        const QString ics = m_dir->filePath(u"show.ics"_s);
        QVERIFY(concerts.saveToCalendar(0, QUrl::fromLocalFile(ics)));
        QFile file(ics);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray calendar = file.readAll();
        QVERIFY(calendar.startsWith("BEGIN:VCALENDAR\r\n"));
        QCOMPARE(calendar.count("BEGIN:VEVENT"), 1);
        QVERIFY(calendar.contains("vvPageN1"));
        QVERIFY(!concerts.saveToCalendar(0, QUrl::fromLocalFile(m_dir->filePath(u"missing/dir/show.ics"_s))));
        QVERIFY2(concerts.notice().contains(u"missing/dir/show.ics"_s), qPrintable(concerts.notice()));

        const QString screenshot = qEnvironmentVariable("TUNESCOUT_CONCERTS_SCREENSHOT");
        if (!screenshot.isEmpty()) {
            QVERIFY(m_window->grabWindow().save(screenshot));
        }
        QVERIFY2(m_warnings->warnings().isEmpty(), qPrintable(m_warnings->text()));
    }

    void aDownProviderLeavesTheCachedShowsWithTheirAge()
    {
        startApp(true);
        Concerts &concerts = m_app->concerts();
        QTRY_COMPARE_WITH_TIMEOUT(concerts.state(), Concerts::State::Ready, 30000);
        QCOMPARE(concerts.shows()->count(), 3);
        QVERIFY(concerts.providerNotice().isEmpty());

        // A day and a half later the cache has expired and Ticketmaster cannot be reached.
        m_clockOffset->store(36 * kHourMs);
        QVERIFY(m_ticketmaster->setDown(true));
        QSignalSpy searched(&concerts, &Concerts::searched);
        concerts.refresh();
        QVERIFY(searched.wait(30000));
        QCOMPARE(concerts.state(), Concerts::State::Ready);
        const ConcertListModel &shows = *concerts.shows();
        QCOMPARE(shows.count(), 3);
        for (int row = 0; row < shows.count(); ++row) {
            QVERIFY(shows.data(shows.index(row), ConcertListModel::StaleRole).toBool());
            QCOMPARE(shows.data(shows.index(row), ConcertListModel::StaleAgeRole).toString(),
                     u"Listed 36 hours ago: the provider could not be asked now"_s);
        }
        QVERIFY2(concerts.providerNotice().startsWith(u"Ticketmaster could not be reached"_s),
                 qPrintable(concerts.providerNotice()));
        QTRY_COMPARE(textOf("concertsProviderNotice"), concerts.providerNotice());
        // The finder's own warning about the provider (tunescout.concerts.finder) is expected; nothing else.
        for (const QString &warning : m_warnings->warnings()) {
            QVERIFY2(warning.startsWith(u"Ticketmaster could not be reached"_s), qPrintable(warning));
        }
    }

    void withoutAPlaceThePageSaysWhereToSetIt()
    {
        startApp(false, u"settings"_s);
        Concerts &concerts = m_app->concerts();
        QCOMPARE(concerts.state(), Concerts::State::NeedsPlace);
        QTRY_VERIFY(textOf("concertsEmptyText").contains(u"Settings page"_s));
        QCOMPARE(m_ticketmaster->requestCount(), 0);

        // A place the engine does not know is refused with its message, typed into Settings.
        auto *placeField = m_window->findChild<QQuickItem *>(u"concertPlaceField"_s);
        auto *save = m_window->findChild<QObject *>(u"concertPlaceSave"_s);
        QVERIFY(placeField && save);
        placeField->setProperty("text", u"Atlantis"_s);
        QVERIFY(QMetaObject::invokeMethod(save, "clicked"));
        QVERIFY2(concerts.placeError().contains(u"Atlantis"_s), qPrintable(concerts.placeError()));
        QTRY_COMPARE(textOf("concertPlaceError"), concerts.placeError());
        const QString screenshot = qEnvironmentVariable("TUNESCOUT_CONCERTS_SETTINGS_SCREENSHOT");
        if (!screenshot.isEmpty()) {
            qmltest::scrollIntoView(placeField, 150); // the Concerts card in view
            QTest::qWait(100);
            QVERIFY(m_window->grabWindow().save(screenshot));
        }
        // A known one is saved and searched.
        QVERIFY(!concerts.savePlace(u"Berlin"_s, u"5000"_s));
        QVERIFY(!concerts.placeError().isEmpty());
        QVERIFY(concerts.savePlace(u"Berlin"_s, u"40"_s));
        QVERIFY(concerts.placeError().isEmpty());
        QCOMPARE(concerts.place(), u"Berlin"_s);
        QCOMPARE(concerts.radiusKm(), 40.0);
        QCOMPARE(concerts.state(), Concerts::State::Idle);
        QCOMPARE(m_ticketmaster->requestCount(), 0);
        // Opening the Concerts page searches near the new place.
        auto *stack = m_window->findChild<QObject *>(u"pageStack"_s);
        QVERIFY(stack);
        stack->setProperty("currentIndex", 5);
        QTRY_COMPARE_WITH_TIMEOUT(concerts.state(), Concerts::State::Ready, 30000);
        QCOMPARE(concerts.shows()->count(), 3);
        QSettings settings(m_dir->filePath(u"tunescout.ini"_s), QSettings::IniFormat);
        QCOMPARE(settings.value(u"concerts/near"_s).toString(), u"Berlin"_s);
        QVERIFY2(m_warnings->warnings().isEmpty(), qPrintable(m_warnings->text()));
    }
};

QTEST_MAIN(TestConcertsQml)
#include "tst_concerts_qml.moc"
