// The real `tunescout` binary on a real X display (Xvfb under tests/run.sh): it reaches its window and draws
// it, also when the cache it finds is damaged.

#include "tests/support/testenv.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class TestAppWindow : public QObject
{
    Q_OBJECT

private:
    static int runApp(const QString &dataDir, const QString &screenshot, QString *output)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        QProcess app;
        app.setProcessEnvironment(env);
        app.setProcessChannelMode(QProcess::MergedChannels);
        app.start(QStringLiteral(TUNESCOUT_APP_PATH),
                  {QStringLiteral("--data-dir"), dataDir, QStringLiteral("--screenshot"), screenshot});
        if (!app.waitForFinished(60000)) {
            app.kill();
            app.waitForFinished();
        }
        *output = QString::fromUtf8(app.readAll());
        return app.exitStatus() == QProcess::NormalExit ? app.exitCode() : -1;
    }

    // A drawn window has many colours; a blank or failed grab has one or two.
    static int distinctColours(const QImage &image)
    {
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4) {
            for (int x = 0; x < image.width(); x += 4) {
                colours.insert(image.pixel(x, y));
            }
        }
        return int(colours.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        TUNESCOUT_REQUIRE_SERVICE(!qEnvironmentVariableIsEmpty("DISPLAY"), "an X display (Xvfb)");
    }

    void drawsItsWindow()
    {
        QTemporaryDir dir;
        const QString shot = dir.filePath(QStringLiteral("window.png"));
        QString output;
        QCOMPARE(runApp(dir.filePath(QStringLiteral("data")), shot, &output), 0);
        const QImage image(shot);
        QVERIFY2(!image.isNull(), qPrintable(output));
        QVERIFY(image.width() >= 760 && image.height() >= 480);
        QVERIFY2(distinctColours(image) > 20, qPrintable(QStringLiteral("%1 colours").arg(distinctColours(image))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("data/tunescout.sqlite"))));
    }

    void startsOverADamagedCache()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        QFile damaged(QDir(data).filePath(QStringLiteral("tunescout.sqlite")));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write(QByteArray(4096, '\x5a'));
        damaged.close();

        const QString shot = dir.filePath(QStringLiteral("window.png"));
        QString output;
        QCOMPARE(runApp(data, shot, &output), 0);
        QVERIFY(!QImage(shot).isNull());
        const QStringList quarantined = QDir(data).entryList({QStringLiteral("tunescout.sqlite.corrupt-*")});
        QCOMPARE(quarantined.size(), 1);
        QVERIFY2(output.contains(QStringLiteral("moved aside")), qPrintable(output));
    }
};

QTEST_GUILESS_MAIN(TestAppWindow)
#include "tst_appwindow.moc"
