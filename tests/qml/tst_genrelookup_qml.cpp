// The genre lookup clicked through the real Main.qml over a real cache, against the fake MusicBrainz over
// loopback: from the Eras and genres section the lookup runs, shows "n of m" and Stop, and a genre appears in
// the section when it ends; from Settings, with MusicBrainz unreachable, the error is shown and the start
// button is back. No QML warning.

#include "appbackend.h"
#include "dashboardfixture.h"
#include "tests/support/musicbrainz/fakemusicbrainz.h"

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

// The job's own log lines (an unreachable MusicBrainz is logged as a warning) are expected; the rest are not.
void recordWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg
        && QByteArray(context.category ? context.category : "") != "tunescout.enrich.musicbrainz") {
        s_warnings.append(message);
    }
    s_previousHandler(type, context, message);
}

} // namespace

class TestGenreLookupQml : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    std::unique_ptr<qmltest::AppBackend> m_app;
    QQuickWindow *m_window = nullptr;

    // The dashboard fixture with the ISRC of a recording the fake knows on "Near Song".
    void writeCache(const QString &dir)
    {
        engine::Store::Outcome opened =
            engine::Store::open(dir, QStringLiteral(TUNESCOUT_SOURCE_DIR "/migrations/client"));
        QVERIFY(opened.store);
        const auto written = writeDashboardFixture(opened.store->database());
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
        QVERIFY(opened.store->database().exec("UPDATE tracks SET isrc = 'GBAYE0601498' WHERE id = 1"));
    }

    // The app as main() builds it, MusicBrainz at `musicBrainz` (TUNESCOUT_MUSICBRAINZ_URL), opening on `page`.
    void start(const QString &dataDir, const QUrl &musicBrainz, const QString &page)
    {
        qputenv("TUNESCOUT_MUSICBRAINZ_URL", musicBrainz.toString().toUtf8());
        qmltest::AppBackend::Options options;
        options.initialPage = page;
        m_app = std::make_unique<qmltest::AppBackend>(
            qmltest::AppBackend::config(dataDir, m_dataDir.filePath(QStringLiteral("tunescout.ini"))),
            options);
        qunsetenv("TUNESCOUT_MUSICBRAINZ_URL");
        m_window = m_app->loadMain();
        QVERIFY(m_window);
    }

    void stop()
    {
        m_window = nullptr;
        m_app.reset();
    }

    // `name` inside the object called `scope`: the lookup is on two pages.
    template<typename T = QQuickItem>
    T *find(const char *scope, const char *name) const
    {
        QObject *parent = m_window->findChild<QObject *>(QString::fromLatin1(scope));
        return parent ? parent->findChild<T *>(QString::fromLatin1(name)) : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        s_previousHandler = qInstallMessageHandler(recordWarnings);
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QAccessible::setActive(true);
    }

    // A failed check returns early: the next function still starts from no app at all.
    void cleanup()
    {
        stop();
    }

    void aGenreAppearsAfterALookupFromTheErasSection()
    {
        writeCache(m_dataDir.path());
        testsupport::FakeMusicBrainz fake;
        fake.addStandardRecordings();
        start(m_dataDir.path(), fake.apiUrl(), QStringLiteral("dashboards/eras"));
        Dashboard &dashboard = m_app->dashboard();
        QTRY_COMPARE(dashboard.state(), Dashboard::State::Ready);
        QTRY_VERIFY(m_window->findChild<QObject *>(QStringLiteral("genresNote")));
        QObject *note = m_window->findChild<QObject *>(QStringLiteral("genresNote"));
        QTRY_VERIFY(note->property("text").toString().contains(QStringLiteral("No genre tags")));
        auto *genres =
            m_window->findChild<QObject *>(QStringLiteral("genres"))->property("model").value<StatsListModel *>();
        QVERIFY(genres);
        QCOMPARE(genres->count(), 0);
        QTRY_COMPARE(find("erasGenreLookup", "genreLookupPending")->property("text").toString(),
                     QStringLiteral("1 track with an ISRC not looked up yet."));
        QCOMPARE(fake.requestCount(), 0); // opt-in: nothing was sent before the click

        QSignalSpy finished(&m_app->enrichment(), &Enrichment::finished);
        fake.delayNext(1, 2000); // the lookup stays running long enough to be seen running
        qmltest::click(find("erasGenreLookup", "genreLookupStart"));
        QTRY_VERIFY(find("erasGenreLookup", "genreLookupStop")->isVisible());
        QVERIFY(find("erasGenreLookup", "genreLookupProgress")->isVisible());
        QVERIFY(!find("erasGenreLookup", "genreLookupStart")->isVisible());
        QVERIFY(finished.wait(15000));
        QTRY_VERIFY(find("erasGenreLookup", "genreLookupStart")->isVisible());
        QVERIFY(!find("erasGenreLookup", "genreLookupStop")->isVisible());
        QCOMPARE(find("erasGenreLookup", "genreLookupSummary")->property("text").toString(),
                 QStringLiteral("Found genres for 1 track, 0 not in MusicBrainz."));

        // The dashboards read the tags again: the recording's tags are the genres of the only tagged track.
        QTRY_VERIFY(genres->count() > 0);
        QCOMPARE(genres->entries().constFirst().label, QStringLiteral("indie rock"));
        QVERIFY(!note->property("text").toString().contains(QStringLiteral("No genre tags")));
        QCOMPARE(fake.requestCount(), 1);
    }

    void anUnreachableMusicBrainzIsReportedInSettings()
    {
        QTemporaryDir dir;
        writeCache(dir.path());
        QUrl closed;
        {
            testsupport::FakeMusicBrainz gone; // a port that was just listening and is closed now
            closed = gone.apiUrl();
        }
        start(dir.path(), closed, QStringLiteral("settings"));
        engine::EnrichPolicy policy;
        policy.maxAttempts = 2;
        policy.backoffBase = std::chrono::milliseconds(100);
        m_app->enrichment().setPolicy(policy);
        QTRY_VERIFY(find("settingsGenreLookup", "genreLookupPending")->isVisible());

        // Settings is a scrolling page: bring the card into view as a person would, with the keyboard focus.
        QQuickItem *startButton = find("settingsGenreLookup", "genreLookupStart");
        QVERIFY(startButton);
        startButton->forceActiveFocus(Qt::TabFocusReason);
        QSignalSpy finished(&m_app->enrichment(), &Enrichment::finished);
        QTest::keyClick(m_window, Qt::Key_Space);
        QVERIFY(finished.wait(15000));
        QQuickItem *error = find("settingsGenreLookup", "genreLookupError");
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->property("text").toString().contains(QStringLiteral("MusicBrainz could not be reached")),
                 qPrintable(error->property("text").toString()));
        QVERIFY(startButton->isVisible());
        QVERIFY(startButton->isEnabled());
        QVERIFY(!find("settingsGenreLookup", "genreLookupStop")->isVisible());
    }

    void aBadUrlSaysWhatToFix()
    {
        QTemporaryDir dir;
        writeCache(dir.path());
        qputenv("TUNESCOUT_MUSICBRAINZ_URL", "ftp://musicbrainz.example");
        qmltest::AppBackend::Options options;
        options.initialPage = QStringLiteral("settings");
        m_app = std::make_unique<qmltest::AppBackend>(
            qmltest::AppBackend::config(dir.path(), m_dataDir.filePath(QStringLiteral("tunescout.ini"))),
            options);
        qunsetenv("TUNESCOUT_MUSICBRAINZ_URL");
        m_window = m_app->loadMain();
        QVERIFY(m_window);
        QQuickItem *error = find("settingsGenreLookup", "genreLookupError");
        QVERIFY(error);
        QTRY_VERIFY(error->isVisible());
        QVERIFY(error->property("text").toString().contains(QStringLiteral("TUNESCOUT_MUSICBRAINZ_URL")));
        QVERIFY(!find("settingsGenreLookup", "genreLookupStart")->isVisible());
    }

    void noWarnings()
    {
        QVERIFY2(s_warnings.isEmpty(), qPrintable(s_warnings.join(QLatin1Char('\n'))));
    }

    void cleanupTestCase()
    {
        stop();
        qInstallMessageHandler(s_previousHandler);
    }
};

QTEST_MAIN(TestGenreLookupQml)
#include "tst_genrelookup_qml.moc"
