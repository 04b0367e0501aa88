// The Dashboards pages in the real Main.qml over a real cache built here: every section opens, the figures on
// screen are the engine's, the period picker changes them, the detail view opens from a list, an empty cache
// shows what to do, the share image is saved, and every control has an accessible name. No QML warning.

#include "appbackend.h"
#include "dashboardfixture.h"
#include "engine/stats/playsnapshot.h"
#include "engine/stats/statistics.h"

#include <QAccessible>
#include <QImage>
#include <QQuickItem>
#include <QQuickStyle>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <memory>

Q_IMPORT_QML_PLUGIN(TuneScout_BackendPlugin)
Q_IMPORT_QML_PLUGIN(TuneScout_UiPlugin)

class TestDashboardsQml : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<qmltest::WarningRecorder> m_warnings;
    QTemporaryDir m_dataDir;
    std::unique_ptr<qmltest::AppBackend> m_app;
    Dashboard *m_dashboard = nullptr;
    QQuickWindow *m_window = nullptr;

    // The app as main() builds it, opening on the Dashboards page, over the cache in `dataDir`.
    void start(const QString &dataDir)
    {
        qmltest::AppBackend::Options options;
        options.initialPage = QStringLiteral("dashboards");
        m_app = std::make_unique<qmltest::AppBackend>(
            qmltest::AppBackend::config(dataDir, m_dataDir.filePath(QStringLiteral("tunescout.ini"))),
            options);
        m_dashboard = &m_app->dashboard();
        QSignalSpy shown(m_dashboard, &Dashboard::figuresShown);
        m_window = m_app->loadMain();
        QVERIFY(m_window);
        QTRY_VERIFY(!shown.isEmpty());
    }

    void stop()
    {
        m_window = nullptr;
        m_dashboard = nullptr;
        m_app.reset();
    }

    template<typename T = QObject>
    T *find(const char *name) const
    {
        return m_window->findChild<T *>(QString::fromLatin1(name));
    }

    QString tileValue(const char *name) const
    {
        QObject *tile = find(name);
        return tile ? tile->property("value").toString() : QStringLiteral("<no %1>").arg(QString::fromLatin1(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_warnings = std::make_unique<qmltest::WarningRecorder>();
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QAccessible::setActive(true);
    }

    void anEmptyCacheTellsWhatToDo()
    {
        QTemporaryDir empty;
        start(empty.path());
        QCOMPARE(m_dashboard->state(), Dashboard::State::Empty);
        auto *state = find<QQuickItem>("dashboardEmptyState");
        QVERIFY(state);
        QVERIFY(state->isVisible());
        QVERIFY(find("dashboardEmptyText")->property("text").toString().contains(QStringLiteral("Sign in")));
        QVERIFY(!find<QQuickItem>("dashboardTabs")->isVisible());
        stop();
    }

    void theFiguresAreTheEngines()
    {
        {
            engine::Store::Outcome opened =
                engine::Store::open(m_dataDir.path(), QStringLiteral(TUNESCOUT_SOURCE_DIR "/migrations/client"));
            QVERIFY(opened.store);
            const auto written = writeDashboardFixture(opened.store->database());
            QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
        }
        start(m_dataDir.path());
        QCOMPARE(m_dashboard->state(), Dashboard::State::Ready);

        engine::Store::Outcome opened = engine::Store::open(m_dataDir.path());
        QVERIFY(opened.store);
        auto snapshot = engine::PlaySnapshot::load(opened.store->database());
        QVERIFY(snapshot);
        const engine::Overview all = engine::overview(snapshot.value(), {});
        QCOMPARE(tileValue("overviewPlays"), QLocale().toString(all.plays));
        QCOMPARE(tileValue("overviewMinutes"), QLocale().toString(all.msPlayed / 60'000));
        QCOMPARE(tileValue("overviewArtists"), QLocale().toString(all.artists));
        QCOMPARE(tileValue("overviewTracks"), QLocale().toString(all.tracks));
        const auto top = engine::topItems(snapshot.value(), engine::TopKind::Artists, {}, engine::Measure::Plays, 5);
        auto *list = find("overviewTopArtists");
        QVERIFY(list);
        auto *model = list->property("model").value<StatsListModel *>();
        QVERIFY(model);
        QCOMPARE(model->count(), int(top.size()));
        QCOMPARE(model->entries().constFirst().label, top.constFirst().name);

        // The period picker: "Last 4 weeks" is its first entry.
        QObject *picker = find("rangePicker");
        QVERIFY(picker);
        QSignalSpy shown(m_dashboard, &Dashboard::figuresShown);
        picker->setProperty("currentIndex", 0);
        QMetaObject::invokeMethod(picker, "activated", Q_ARG(int, 0));
        QVERIFY(shown.wait());
        const auto range = engine::rangeForPreset(QStringLiteral("4w"), QDate::currentDate(), snapshot.value().zone());
        QVERIFY(range);
        const engine::Overview recent = engine::overview(snapshot.value(), *range);
        QVERIFY(recent.plays != all.plays);
        QCOMPARE(tileValue("overviewPlays"), QLocale().toString(recent.plays));
        QCOMPARE(model->entries().constFirst().label,
                 engine::topItems(snapshot.value(), engine::TopKind::Artists, *range, engine::Measure::Plays, 1)
                     .constFirst()
                     .name);
    }

    void everySectionOpens()
    {
        QObject *tabs = find("dashboardTabs");
        QObject *stack = find("dashboardStack");
        QVERIFY(tabs && stack);
        QCOMPARE(stack->property("count").toInt(), 6);
        for (int section = 5; section >= 0; --section) {
            tabs->setProperty("currentIndex", section);
            QTRY_COMPARE(stack->property("currentIndex").toInt(), section);
        }
        tabs->setProperty("currentIndex", 2);
        QVERIFY(find("clockPeak")->property("text").toString().contains(QStringLiteral(":00")));
        tabs->setProperty("currentIndex", 4);
        QCOMPARE(find("firstListens")->property("model").value<StatsListModel *>()->count(), 1); // Artist A
        tabs->setProperty("currentIndex", 5);
        QVERIFY(find("genresNote")->property("text").toString().contains(QStringLiteral("No genre tags")));
        tabs->setProperty("currentIndex", 0);
    }

    void theDetailOpensFromAList()
    {
        QObject *list = find("overviewTopArtists");
        QMetaObject::invokeMethod(list, "openRequested", Q_ARG(int, int(Dashboard::ItemKind::Artist)), Q_ARG(int, 1));
        QTRY_COMPARE(find("detailTitle")->property("text").toString(), QStringLiteral("Artist A"));
        QTRY_COMPARE(find("detailPlays")->property("value").toString(), QLocale().toString(3));
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY(!m_dashboard->detail()->isOpen());
    }

    void theShareImageIsSaved()
    {
        QObject *page = find("shareCard")->parent()->parent();
        QVERIFY(page);
        const QString path = m_dataDir.filePath(QStringLiteral("share.png"));
        QSignalSpy saved(m_dashboard, &Dashboard::exportChanged);
        QMetaObject::invokeMethod(page, "saveShareImage", Q_ARG(QVariant, QUrl::fromLocalFile(path)));
        QVERIFY(saved.wait());
        QVERIFY2(!m_dashboard->exportFailed(), qPrintable(m_dashboard->exportMessage()));
        const QImage image(path);
        QCOMPARE(image.size(), QSize(1200, 630));
    }

    void everyControlHasAnAccessibleName()
    {
        const qmltest::AccessibleNames names = qmltest::checkAccessibleNames(m_window);
        QVERIFY2(names.operable >= 20,
                 qPrintable(QStringLiteral("only %1 operable elements found").arg(names.operable)));
        QVERIFY2(names.unnamed.isEmpty(), qPrintable(names.unnamed.join(QStringLiteral("; "))));
    }

    void noWarnings()
    {
        QVERIFY2(m_warnings->warnings().isEmpty(), qPrintable(m_warnings->text()));
    }

    void cleanupTestCase()
    {
        stop();
        m_warnings.reset();
    }
};

QTEST_MAIN(TestDashboardsQml)
#include "tst_dashboards_qml.moc"
