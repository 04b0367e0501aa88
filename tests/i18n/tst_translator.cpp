// The language the app picks and installs at start (translations/translator.h), with the real embedded catalogues.

#include "app/backend/navigationmodel.h"
#include "app/backend/syncstatus.h"
#include "translations/translator.h"

#include <QCoreApplication>
#include <QTest>
#include <QTranslator>

class TestTranslator : public QObject
{
    Q_OBJECT

private:
    static QString synced(int plays)
    {
        return QCoreApplication::translate("Account", "Last synced at %1: %n new play(s)", nullptr, plays)
            .arg(QStringLiteral("14:02"));
    }

private Q_SLOTS:
    void cleanup()
    {
        // Each test installs its own choice: take the previous one out again.
        const auto translators = QCoreApplication::instance()->findChildren<QTranslator *>();
        for (QTranslator *translator : translators) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
        QLocale::setDefault(QLocale::system());
    }

    void optionWinsOverEnvironment()
    {
        QCOMPARE(chooseLanguage(QStringLiteral("de"), QStringLiteral("en")).asked, QStringLiteral("de"));
        QCOMPARE(chooseLanguage(QString(), QStringLiteral("en")).asked, QStringLiteral("en"));
        const LanguageChoice system = chooseLanguage(QString(), QString());
        QVERIFY(system.asked.isEmpty());
        QCOMPARE(system.locale, QLocale::system());
    }

    void shipsGermanAndEnglish()
    {
        QCOMPARE(availableLanguages(), (QStringList{QStringLiteral("de"), QStringLiteral("en")}));
    }

    void germanTranslatesQmlAndBackendStrings()
    {
        const InstalledLanguage installed =
            installTranslations(*QCoreApplication::instance(), chooseLanguage(QStringLiteral("de"), {}));
        QCOMPARE(installed.language, QStringLiteral("de"));
        QVERIFY(installed.error.isEmpty());
        QCOMPARE(QLocale().language(), QLocale::German);
        QCOMPARE(QCoreApplication::translate("HomePage", "Welcome to TuneScout"),
                 QStringLiteral("Willkommen bei TuneScout"));
        QCOMPARE(synced(1), QStringLiteral("Zuletzt synchronisiert um 14:02: 1 neue Wiedergabe"));
        QCOMPARE(synced(3), QStringLiteral("Zuletzt synchronisiert um 14:02: 3 neue Wiedergaben"));

        QCOMPARE(SyncStatus::agePhrase(60'000), QStringLiteral("vor 1 Minute"));
        QCOMPARE(SyncStatus::agePhrase(5 * 60'000), QStringLiteral("vor 5 Minuten"));
        QCOMPARE(SyncStatus::agePhrase(3 * 86'400'000), QStringLiteral("vor 3 Tagen"));

        const NavigationModel pages;
        QCOMPARE(pages.index(pages.indexOf(QStringLiteral("settings"))).data(NavigationModel::TitleRole).toString(),
                 QStringLiteral("Einstellungen"));
    }

    void regionalVariantFallsBackToTheLanguage()
    {
        QCOMPARE(
            installTranslations(*QCoreApplication::instance(), chooseLanguage(QStringLiteral("de_AT"), {})).language,
            QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("DiscoverPage", "Discover"), QStringLiteral("Entdecken"));
    }

    void englishHasItsPluralForms()
    {
        QCOMPARE(installTranslations(*QCoreApplication::instance(), chooseLanguage(QStringLiteral("en"), {})).language,
                 QStringLiteral("en"));
        QCOMPARE(synced(1), QStringLiteral("Last synced at 14:02: 1 new play"));
        QCOMPARE(synced(2), QStringLiteral("Last synced at 14:02: 2 new plays"));
        QCOMPARE(SyncStatus::agePhrase(2 * 3'600'000), QStringLiteral("2 hours ago"));
        QCOMPARE(QCoreApplication::translate("HomePage", "Welcome to TuneScout"),
                 QStringLiteral("Welcome to TuneScout"));
    }

    void unknownLanguageSaysSoAndShowsEnglish()
    {
        const InstalledLanguage installed =
            installTranslations(*QCoreApplication::instance(), chooseLanguage(QStringLiteral("xx"), {}));
        QCOMPARE(installed.language, QStringLiteral("en"));
        QVERIFY2(installed.error.contains(QStringLiteral("“xx”")), qPrintable(installed.error));
        QVERIFY2(installed.error.contains(QStringLiteral("de, en")), qPrintable(installed.error));
        QCOMPARE(synced(2), QStringLiteral("Last synced at 14:02: 2 new plays"));
    }
};

QTEST_GUILESS_MAIN(TestTranslator)
#include "tst_translator.moc"
