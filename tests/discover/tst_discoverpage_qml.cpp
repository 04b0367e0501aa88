// The Discover page in the real Main.qml over a real cache: the lists show the recommendations with their
// explanations, the Hide button of an item removes it, an empty cache says to import or sync, and every button
// has an accessible name. No QML warning.

#include "discoverpagefixture.h"
#include "tests/qml/appbackend.h"

#include <QAccessible>
#include <QQuickItem>
#include <QQuickStyle>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <memory>

Q_IMPORT_QML_PLUGIN(TuneScout_BackendPlugin)
Q_IMPORT_QML_PLUGIN(TuneScout_UiPlugin)

namespace
{

QStringList s_warnings;
QtMessageHandler s_previousHandler = nullptr;

void recordWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg) {
        s_warnings.append(message);
    }
    s_previousHandler(type, context, message);
}

// The DiscoverItemRow delegates under `item` (a Repeater's delegates are child items, not child objects).
void collectRows(QQuickItem *item, QList<QQuickItem *> &rows)
{
    for (QQuickItem *child : item->childItems()) {
        if (child->property("explanation").isValid() && child->property("uri").isValid()) {
            if (child->isVisible()) {
                rows.append(child);
            }
        } else {
            collectRows(child, rows);
        }
    }
}

QList<QQuickItem *> rowsOf(QQuickItem *section)
{
    QList<QQuickItem *> rows;
    collectRows(section, rows);
    std::sort(rows.begin(), rows.end(), [](QQuickItem *a, QQuickItem *b) {
        return a->y() < b->y();
    });
    return rows;
}

QQuickItem *button(QQuickItem *row, const char *name)
{
    return row->findChild<QQuickItem *>(QString::fromLatin1(name));
}

} // namespace

class TestDiscoverPageQml : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<qmltest::AppBackend> m_app;
    QQuickWindow *m_window = nullptr;

    // The app as main() builds it, opening on the Discover page over `dataDir`, once the first ranking is shown.
    void start(const QString &dataDir, const QString &settingsPath)
    {
        qmltest::AppBackend::Options options;
        options.initialPage = QStringLiteral("discover");
        m_app = std::make_unique<qmltest::AppBackend>(qmltest::AppBackend::config(dataDir, settingsPath), options);
        QSignalSpy ranked(&m_app->discover(), &Discover::ranked);
        m_window = m_app->loadMain();
        QVERIFY(m_window);
        QVERIFY(!ranked.isEmpty() || ranked.wait(30'000));
    }

    void stop()
    {
        m_window = nullptr;
        m_app.reset();
    }

    template<typename T = QQuickItem>
    T *find(const char *name) const
    {
        return m_window->findChild<T *>(QString::fromLatin1(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        s_previousHandler = qInstallMessageHandler(recordWarnings);
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QAccessible::setActive(true);
    }

    void cleanupTestCase()
    {
        QVERIFY2(s_warnings.isEmpty(), qPrintable(s_warnings.join(u'\n')));
    }

    void anEmptyCacheSaysToImportOrSync()
    {
        QTemporaryDir dir;
        start(dir.path(), dir.filePath(QStringLiteral("tunescout.ini")));
        QCOMPARE(m_app->discover().state(), Discover::State::Empty);
        QQuickItem *state = find("discoverEmptyState");
        QVERIFY(state);
        QTRY_VERIFY(state->isVisible());
        QCOMPARE(state->property("title").toString(), QStringLiteral("Import your history or sync first"));
        QVERIFY(!find("discoverLists")->isVisible());
        stop();
    }

    void showsTheListsAndHideRemovesAnItem()
    {
        QTemporaryDir dir;
        const auto written = discovertest::writeDiscoverFixture(dir.path());
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
        start(dir.path(), dir.filePath(QStringLiteral("tunescout.ini")));
        QCOMPARE(m_app->discover().state(), Discover::State::Ready);
        QTRY_VERIFY(find("discoverLists")->isVisible());
        QVERIFY(!find("discoverEmptyState")->isVisible());

        QQuickItem *forYouNow = find("forYouNow");
        QVERIFY(forYouNow);
        QList<QQuickItem *> rows;
        QTRY_VERIFY(!(rows = rowsOf(forYouNow)).isEmpty());
        QCOMPARE(rows.size(), m_app->discover().forYouNow()->count());
        const DiscoverListModel::Entry first = m_app->discover().forYouNow()->entries().first();
        QCOMPARE(rows.first()->property("uri").toString(), first.uri);
        QCOMPARE(rows.first()->property("explanation").toString(), first.explanation);
        QVERIFY(!first.explanation.isEmpty());
        QVERIFY(rowsOf(find("rediscover")).size() > 0);

        // Every button of every row says what it does to which track.
        for (QQuickItem *row : rowsOf(forYouNow)) {
            for (const char *name : {"likeButton", "notNowButton", "hideTrackButton", "hideArtistButton"}) {
                QQuickItem *b = button(row, name);
                QVERIFY2(b, name);
                const QString accessible = QAccessible::queryAccessibleInterface(b)->text(QAccessible::Name);
                QVERIFY2(accessible.contains(row->property("title").toString())
                             || accessible.contains(row->property("artists").toString()),
                         qPrintable(accessible));
            }
        }

        // Clicking Hide on the first item removes it from the page.
        QQuickItem *hide = button(rows.first(), "hideTrackButton");
        QSignalSpy ranked(&m_app->discover(), &Discover::ranked);
        qmltest::click(hide);
        QVERIFY(ranked.wait(30'000));
        QTRY_VERIFY(!rowsOf(forYouNow).isEmpty());
        for (QQuickItem *section : {find("forYouNow"), find("rediscover"), find("deeperCuts")}) {
            for (QQuickItem *row : rowsOf(section)) {
                QVERIFY(row->property("uri").toString() != first.uri);
            }
        }
        QQuickItem *notice = find("discoverNotice");
        QTRY_VERIFY(notice->isVisible());
        QVERIFY2(notice->property("text").toString().contains(first.title),
                 qPrintable(notice->property("text").toString()));
        stop();
    }
};

QTEST_MAIN(TestDiscoverPageQml)
#include "tst_discoverpage_qml.moc"
