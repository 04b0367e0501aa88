// The concert settings of ClientConfig: provider URLs and credentials from the environment over the settings
// file, the place and radius from the settings file, and bad values named with where they came from.

#include "app/core/clientconfig.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestConcertConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsWithoutProviders()
    {
        QSettings empty(m_dir.filePath(u"empty.ini"_s), QSettings::IniFormat);
        const auto config = ClientConfig::load(u"/data"_s, QProcessEnvironment(), empty);
        QVERIFY(config.ok());
        QCOMPARE(config.value().concertProviders.ticketmasterUrl, QUrl(u"https://app.ticketmaster.com"_s));
        QCOMPARE(config.value().concertProviders.seatGeekUrl, QUrl(u"https://api.seatgeek.com/2"_s));
        QVERIFY(config.value().concertProviders.ticketmasterKey.isEmpty());
        QVERIFY(config.value().concertProviders.seatGeekClientId.isEmpty());
        QVERIFY(!config.value().concertLocation);
        QCOMPARE(config.value().concertRadiusKm, 50.0);
    }

    void settingsThenEnvironment()
    {
        QSettings file(m_dir.filePath(u"concerts.ini"_s), QSettings::IniFormat);
        file.setValue(u"concerts/ticketmaster_key"_s, u"fileKey123"_s);
        file.setValue(u"concerts/seatgeek_client_id"_s, u"fileClient"_s);
        file.setValue(u"concerts/near"_s, u"Montreal"_s);
        file.setValue(u"concerts/radius_km"_s, u"25"_s);
        auto config = ClientConfig::load({}, QProcessEnvironment(), file);
        QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
        QCOMPARE(config.value().concertProviders.ticketmasterKey, u"fileKey123"_s);
        QCOMPARE(config.value().concertProviders.seatGeekClientId, u"fileClient"_s);
        QVERIFY(config.value().concertLocation);
        QCOMPARE(config.value().concertLocation->name, u"Montréal"_s);
        QCOMPARE(config.value().concertLocation->radiusKm, 25.0);
        QCOMPARE(config.value().concertRadiusKm, 25.0);

        QProcessEnvironment env;
        env.insert(u"TUNESCOUT_TICKETMASTER_KEY"_s, u"envKey456"_s);
        env.insert(u"TUNESCOUT_TICKETMASTER_URL"_s, u"http://127.0.0.1:4100/"_s);
        env.insert(u"TUNESCOUT_SEATGEEK_CLIENT_ID"_s, u"envClient"_s);
        env.insert(u"TUNESCOUT_SEATGEEK_URL"_s, u"http://127.0.0.1:4200/2"_s);
        config = ClientConfig::load({}, env, file);
        QVERIFY(config.ok());
        QCOMPARE(config.value().concertProviders.ticketmasterKey, u"envKey456"_s);
        QCOMPARE(config.value().concertProviders.ticketmasterUrl, QUrl(u"http://127.0.0.1:4100"_s));
        QCOMPARE(config.value().concertProviders.seatGeekClientId, u"envClient"_s);
        QCOMPARE(config.value().concertProviders.seatGeekUrl, QUrl(u"http://127.0.0.1:4200/2"_s));
    }

    void badValuesAreNamed_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("pasted key") << u"concerts/ticketmaster_key"_s << u"key with spaces"_s << QString()
                                    << u"Ticketmaster API key from concerts/ticketmaster_key in"_s;
        QTest::newRow("env client id") << QString() << QString() << u"TUNESCOUT_SEATGEEK_CLIENT_ID=a b"_s
                                       << u"SeatGeek client id from TUNESCOUT_SEATGEEK_CLIENT_ID"_s;
        QTest::newRow("url with query") << QString() << QString() << u"TUNESCOUT_TICKETMASTER_URL=http://x/?a=1"_s
                                        << u"TUNESCOUT_TICKETMASTER_URL"_s;
        QTest::newRow("unknown city") << u"concerts/near"_s << u"Atlantis"_s << QString() << u"concerts/near in"_s;
        QTest::newRow("radius") << u"concerts/radius_km"_s << u"0"_s << QString() << u"concerts/radius_km in"_s;
    }
    void badValuesAreNamed()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, variable);
        QFETCH(QString, mentions);
        QSettings file(m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + u".ini"_s), QSettings::IniFormat);
        if (!key.isEmpty()) {
            file.setValue(key, value);
        }
        QProcessEnvironment env;
        if (!variable.isEmpty()) {
            env.insert(variable.section(u'=', 0, 0), variable.section(u'=', 1));
        }
        const auto config = ClientConfig::load({}, env, file);
        QVERIFY(!config.ok());
        QCOMPARE(config.error().code, engine::Error::Code::InvalidInput);
        QVERIFY2(config.error().message.contains(mentions), qPrintable(config.error().message));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestConcertConfig)
#include "tst_concertconfig.moc"
