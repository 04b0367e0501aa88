// Settings → Household hub clicked through the real Main.qml against the real hub behind TLS with a
// self-signed certificate: the fingerprint dialog shows the certificate's fingerprint, confirming pairs and
// pins it, a Spotify sync finishing uploads the outbox, the training switch opts the member in and out in the
// hub's database, Unpair goes back to the form. No QML warning.

#include "engine/store/outboxrepository.h"
#include "tests/hubclient/hubclienttestsupport.h"
#include "tests/qml/appbackend.h"
#include "tests/support/testenv.h"

#include <QAccessible>
#include <QQuickItem>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(TuneScout_BackendPlugin)
Q_IMPORT_QML_PLUGIN(TuneScout_UiPlugin)

// How long the hub's side may take: the client waits out a busy hub with backoff, which on a loaded machine
// adds up to tens of seconds; a lost upload still fails.
constexpr int HubWaitMs = 60'000;

class TestHubSettingsQml : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    template<typename T = QQuickItem>
    static T *find(QQuickWindow *window, const char *name)
    {
        return window->findChild<T *>(QString::fromLatin1(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QAccessible::setActive(true);
    }

    void pairsWithASelfSignedHubAndUploads()
    {
        REQUIRE_KEYRING_AND_POSTGRES();
        hubclienttest::LoopbackHub loopback;
        VERIFY_LOOPBACK_HUB(loopback);
        const auto certificate = hubclienttest::makeSelfSigned(m_dir.path(), QStringLiteral("home-hub"));
        QVERIFY2(certificate.error.isEmpty(), qPrintable(certificate.error));
        hubclienttest::TlsTerminator tls(certificate, loopback.port());
        QVERIFY2(tls.listen(), qPrintable(tls.errorString()));
        const QString dataDir = m_dir.filePath(QStringLiteral("data"));
        {
            engine::Store::Outcome opened = engine::Store::open(dataDir);
            QVERIFY(opened.store);
            auto outbox = engine::OutboxRepository::create(opened.store->database());
            for (int i = 0; i < 25; ++i) {
                QVERIFY(outbox.value().enqueue(
                    engine::OutboxKind::Play,
                    QJsonObject{{QStringLiteral("track_name"), QStringLiteral("Song %1").arg(i)},
                                {QStringLiteral("played_at_ms"), QJsonValue(qint64(1700000000000) + i * 1000)}}));
            }
        }

        qmltest::WarningRecorder warnings;
        qmltest::AppBackend::Options options;
        options.initialPage = QStringLiteral("settings");
        qmltest::AppBackend app(qmltest::AppBackend::config(dataDir, m_dir.filePath(QStringLiteral("tunescout.ini"))),
                                options);
        QQuickWindow *window = app.loadMain();
        QVERIFY(window);
        QTRY_VERIFY(app.hubLink().isLoaded());
        QVERIFY(!app.hubLink().isPaired());
        QTRY_COMPARE(app.syncStatus().pendingEventsText(),
                     QStringLiteral("25 events waiting for a hub (none is set up)"));

        find(window, "hubUrlField")->setProperty("text", QStringLiteral("https://127.0.0.1:%1").arg(tls.port()));
        find(window, "hubInviteField")
            ->setProperty("text", loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H"))));
        find(window, "hubNameField")->setProperty("text", QStringLiteral("Robin"));
        qmltest::click(find(window, "hubPairButton"));

        QObject *dialog = find<QObject>(window, "hubFingerprintDialog");
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), HubWaitMs);
        QCOMPARE(app.hubLink().fingerprintToConfirm(), certificate.fingerprint);
        if (const QString shot = qEnvironmentVariable("TUNESCOUT_HUB_DIALOG_SCREENSHOT"); !shot.isEmpty()) {
            window->grabWindow().save(shot);
        }
        QMetaObject::invokeMethod(dialog, "accept");

        // Paired: the first upload follows at once.
        QTRY_VERIFY_WITH_TIMEOUT(app.hubLink().isPaired(), HubWaitMs);
        QCOMPARE(app.hubLink().fingerprint(), certificate.fingerprint);
        QTRY_COMPARE_WITH_TIMEOUT(loopback.hub.database.scalar("SELECT count(*) FROM plays"), 25, HubWaitMs);
        QTRY_COMPARE(app.syncStatus().pendingEvents(), 0);
        QCOMPARE(app.syncStatus().pendingEventsText(), QStringLiteral("Nothing waiting for the hub"));
        QTRY_VERIFY(!app.hubLink().isBusy());
        QVERIFY2(app.hubLink().errorText().isEmpty(), qPrintable(app.hubLink().errorText()));

        // A Spotify sync that queued plays is followed by an upload.
        app.store().post(
            [](engine::Store &store) {
                auto outbox = engine::OutboxRepository::create(store.database());
                return outbox ? outbox.value().enqueue(
                           engine::OutboxKind::Play,
                           QJsonObject{{QStringLiteral("track_name"), QStringLiteral("New")},
                                       {QStringLiteral("played_at_ms"), QJsonValue(qint64(1700000900000))}})
                              : engine::Result<QString>(outbox.error());
            },
            &app.account(),
            [&app](const engine::Result<QString> &) {
                Q_EMIT app.account().synced();
            });
        QTRY_COMPARE_WITH_TIMEOUT(loopback.hub.database.scalar("SELECT count(*) FROM plays"), 26, HubWaitMs);
        QTRY_COMPARE(app.syncStatus().pendingEvents(), 0);

        // The training switch shows the hub's choice (off until the member opts in) and changes it there.
        const auto optedIn = [&loopback] {
            return loopback.hub.database.scalar(
                "SELECT count(*) FROM members WHERE display_name = 'Robin' AND training_opt_in");
        };
        QQuickItem *training = find(window, "hubTrainingSwitch");
        QVERIFY(training);
        QTRY_VERIFY_WITH_TIMEOUT(app.hubLink().isTrainingKnown(), HubWaitMs);
        QVERIFY2(app.hubLink().trainingError().isEmpty(), qPrintable(app.hubLink().trainingError()));
        QVERIFY(training->isVisible());
        QVERIFY(training->isEnabled());
        QCOMPARE(training->property("checked").toBool(), false);
        QCOMPARE(QAccessible::queryAccessibleInterface(training)->text(QAccessible::Name),
                 QStringLiteral("Use my plays for household picks"));
        qmltest::click(training);
        QTRY_COMPARE_WITH_TIMEOUT(optedIn(), 1, HubWaitMs);
        QTRY_VERIFY(app.hubLink().training() && !app.hubLink().isTrainingBusy());
        QCOMPARE(training->property("checked").toBool(), true);
        qmltest::click(training);
        QTRY_COMPARE_WITH_TIMEOUT(optedIn(), 0, HubWaitMs);
        QTRY_VERIFY(!app.hubLink().training() && !app.hubLink().isTrainingBusy());
        QCOMPARE(training->property("checked").toBool(), false);
        if (const QString shot = qEnvironmentVariable("TUNESCOUT_HUB_SETTINGS_SCREENSHOT"); !shot.isEmpty()) {
            qmltest::scrollIntoView(training);
            QTest::qWait(200);
            window->grabWindow().save(shot);
        }

        qmltest::click(find(window, "hubUnpairButton"));
        QTRY_VERIFY(!app.hubLink().isPaired());
        QTRY_VERIFY(find(window, "hubPairButton")->isVisible());
        QVERIFY2(warnings.warnings().isEmpty(), qPrintable(warnings.text()));
    }
};

QTEST_MAIN(TestHubSettingsQml)

#include "tst_hubsettings_qml.moc"
