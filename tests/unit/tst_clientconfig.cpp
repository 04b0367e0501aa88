#include "app/core/clientconfig.h"

#include <QTemporaryDir>
#include <QTest>

class TestClientConfig : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QSettings settings(const QString &name = QStringLiteral("tunescout.ini"))
    {
        return QSettings(m_dir.filePath(name), QSettings::IniFormat);
    }

private Q_SLOTS:
    void defaults()
    {
        QSettings empty(m_dir.filePath(QStringLiteral("empty.ini")), QSettings::IniFormat);
        const auto config = ClientConfig::load(QStringLiteral("/data"), QProcessEnvironment(), empty);
        QVERIFY(config.ok());
        QCOMPARE(config.value().dataDir, QStringLiteral("/data"));
        QCOMPARE(config.value().spotify.accountsUrl, QUrl(QStringLiteral("https://accounts.spotify.com")));
        QCOMPARE(config.value().spotify.apiUrl, QUrl(QStringLiteral("https://api.spotify.com/v1")));
        QVERIFY(config.value().spotifyClientId.isEmpty());
        QVERIFY(config.value().hubUrl.isEmpty());
        QCOMPARE(config.value().settingsPath, empty.fileName());
    }

    void environmentOverridesTheSettingsFile()
    {
        QSettings file(m_dir.filePath(QStringLiteral("both.ini")), QSettings::IniFormat);
        file.setValue(QStringLiteral("spotify/client_id"), QStringLiteral("fromsettings0000000000000000000a"));
        file.setValue(QStringLiteral("hub/url"), QStringLiteral("http://hub.lan:8787/"));

        auto config = ClientConfig::load({}, QProcessEnvironment(), file);
        QVERIFY(config.ok());
        QCOMPARE(config.value().spotifyClientId, QStringLiteral("fromsettings0000000000000000000a"));
        QCOMPARE(config.value().spotifyClientIdSource, file.fileName());
        QCOMPARE(config.value().hubUrl, QUrl(QStringLiteral("http://hub.lan:8787")));

        QProcessEnvironment env;
        env.insert(QStringLiteral("TUNESCOUT_SPOTIFY_CLIENT_ID"), QStringLiteral("fromenvironment00000000000000000"));
        env.insert(QStringLiteral("TUNESCOUT_HUB_URL"), QStringLiteral("https://hub.example.org"));
        env.insert(QStringLiteral("TUNESCOUT_SPOTIFY_ACCOUNTS_URL"), QStringLiteral("http://127.0.0.1:4000/"));
        env.insert(QStringLiteral("TUNESCOUT_SPOTIFY_API_URL"), QStringLiteral("http://127.0.0.1:4000/v1"));
        config = ClientConfig::load({}, env, file);
        QVERIFY(config.ok());
        QCOMPARE(config.value().spotifyClientId, QStringLiteral("fromenvironment00000000000000000"));
        QCOMPARE(config.value().spotifyClientIdSource, QStringLiteral("TUNESCOUT_SPOTIFY_CLIENT_ID"));
        QCOMPARE(config.value().hubUrl, QUrl(QStringLiteral("https://hub.example.org")));
        QCOMPARE(config.value().spotify.accountsUrl, QUrl(QStringLiteral("http://127.0.0.1:4000")));
        QCOMPARE(config.value().spotify.apiUrl, QUrl(QStringLiteral("http://127.0.0.1:4000/v1")));
    }

    void badValuesAreExplained_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("messagePart");
        QTest::addRow("api-url-not-http") << QStringLiteral("TUNESCOUT_SPOTIFY_API_URL") << QStringLiteral("ftp://x/v1")
                                          << QStringLiteral("TUNESCOUT_SPOTIFY_API_URL must be an absolute http");
        QTest::addRow("accounts-url-relative") << QStringLiteral("TUNESCOUT_SPOTIFY_ACCOUNTS_URL")
                                               << QStringLiteral("accounts") << QStringLiteral("\"accounts\"");
        QTest::addRow("api-url-with-query")
            << QStringLiteral("TUNESCOUT_SPOTIFY_API_URL") << QStringLiteral("https://api.spotify.com/v1?x=1")
            << QStringLiteral("without a query");
        QTest::addRow("hub-url-garbage") << QStringLiteral("TUNESCOUT_HUB_URL") << QStringLiteral("hub lan")
                                         << QStringLiteral("TUNESCOUT_HUB_URL");
        QTest::addRow("client-id-with-space") << QStringLiteral("TUNESCOUT_SPOTIFY_CLIENT_ID")
                                              << QStringLiteral("abc def 123456") << QStringLiteral("Client ID");
        QTest::addRow("client-id-with-secret")
            << QStringLiteral("TUNESCOUT_SPOTIFY_CLIENT_ID") << QStringLiteral("0123456789abcdef:secret")
            << QStringLiteral("developer dashboard");
    }

    void badValuesAreExplained()
    {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QString, messagePart);
        QProcessEnvironment env;
        env.insert(variable, value);
        QSettings empty(m_dir.filePath(QStringLiteral("empty.ini")), QSettings::IniFormat);
        const auto config = ClientConfig::load({}, env, empty);
        QVERIFY(!config.ok());
        QCOMPARE(config.error().code, engine::Error::Code::InvalidInput);
        QVERIFY2(config.error().message.contains(messagePart), qPrintable(config.error().message));
    }

    void aBrokenSettingsFileIsExplained()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken.ini"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[spotify\nclient_id=\"unterminated\n");
        file.close();
        QSettings broken(path, QSettings::IniFormat);
        const auto config = ClientConfig::load({}, QProcessEnvironment(), broken);
        QVERIFY(!config.ok());
        QVERIFY2(config.error().message.contains(path), qPrintable(config.error().message));
    }
};

QTEST_GUILESS_MAIN(TestClientConfig)
#include "tst_clientconfig.moc"
