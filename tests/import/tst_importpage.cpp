// The Import page with the real backend: an import of the fixture export (plus a broken file) runs on the
// StoreThread and the report shows up, the dashboards show the imported plays, with no QML warning.
// TUNESCOUT_SCREENSHOT_DIR=<dir> saves the page.

#include "tests/qml/appbackend.h"
#include "tests/support/testenv.h"

#include <QFile>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(TuneScout_BackendPlugin)
Q_IMPORT_QML_PLUGIN(TuneScout_UiPlugin)

class ImportPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsProgressThenTheReport();
};

void ImportPageTest::showsProgressThenTheReport()
{
    qmltest::WarningRecorder warnings;
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    QTemporaryDir dir;
    auto app = std::make_unique<qmltest::AppBackend>(
        qmltest::AppBackend::config(dir.filePath(QStringLiteral("cache")),
                                    dir.filePath(QStringLiteral("tunescout.ini"))));
    QTRY_VERIFY(!app->cache().busy());
    HistoryImport *history = &app->historyImport();
    // The dashboards read the empty cache first, as when the app opens on them before importing.
    Dashboard &dashboard = app->dashboard();
    dashboard.activate();
    QTRY_COMPARE(dashboard.state(), Dashboard::State::Empty);

    QQmlEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    QQmlComponent component(&engine);
    component.setData("import QtQuick\nimport QtQuick.Controls\nimport TuneScout.Ui\n"
                      "ApplicationWindow { width: 980; height: 1500; visible: true; color: Theme.background\n"
                      "  ImportPage { anchors.fill: parent; anchors.margins: 24 } }",
                      QUrl::fromLocalFile(dir.filePath(QStringLiteral("ImportPageTest.qml"))));
    std::unique_ptr<QObject> root(component.create());
    QVERIFY2(root, qPrintable(component.errorString()));
    auto *window = qobject_cast<QQuickWindow *>(root.get());
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));

    const QString broken = dir.filePath(QStringLiteral("Streaming_History_Audio_2021_3.json"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[{\"ts\": \"2021-01-01T00:00:00Z\", \"ms_played\": \"60000\"}]");
    file.close();

    QSignalSpy changed(history, &HistoryImport::changed);
    history->start({QUrl::fromLocalFile(testsupport::sourceDir() + QStringLiteral("/tests/import/fixtures/export")),
                    QUrl::fromLocalFile(broken)});
    QVERIFY(history->busy());
    QTRY_COMPARE(history->state(), HistoryImport::State::Finished);
    QCOMPARE(history->progress(), 1.0);
    QCOMPARE(history->summary(),
             QStringLiteral("8 plays added to your history. 1 file could not be imported; the others were."));
    QTRY_COMPARE(history->knownPlays(), 8.0);
    QCOMPARE(history->counts()->rowCount(), 12);
    QCOMPARE(history->counts()->index(1).data(ImportRowsModel::TitleRole).toString(),
             QStringLiteral("plays added (30 s or longer)"));
    QCOMPARE(history->counts()->index(1).data(ImportRowsModel::ValueRole).toString(), QStringLiteral("6"));
    QCOMPARE(history->files()->rowCount(), 9);
    const QModelIndex failed = history->files()->index(8);
    QVERIFY(failed.data(ImportRowsModel::ProblemRole).toBool());
    QCOMPARE(failed.data(ImportRowsModel::DetailRole).toString(),
             broken + QStringLiteral(": byte 45 (line 1, column 46): \"ms_played\" must be a number or null"));

    // The import rewrote the history: the dashboards read it again.
    QTRY_COMPARE(dashboard.state(), Dashboard::State::Ready);
    QTRY_COMPARE(dashboard.playsText(), QLocale().toString(6));

    QObject *report = root->findChild<QObject *>(QStringLiteral("importReport"));
    QVERIFY(report);
    QTRY_VERIFY(report->property("visible").toBool());
    if (const QString shots = qEnvironmentVariable("TUNESCOUT_SCREENSHOT_DIR"); !shots.isEmpty()) {
        // The report was just laid out: grab the frame that shows it.
        QSignalSpy swapped(window, &QQuickWindow::frameSwapped);
        window->update();
        QVERIFY(swapped.wait());
        QVERIFY(window->grabWindow().save(shots + QStringLiteral("/import-report.png")));
    }
    QVERIFY2(warnings.warnings().isEmpty(), qPrintable(warnings.text()));
    root.reset();
    app.reset();
}

QTEST_MAIN(ImportPageTest)
#include "tst_importpage.moc"
