#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

// Which language the UI speaks: the `--lang` option, else TUNESCOUT_LANG, else the system's UI languages.
struct LanguageChoice {
    QLocale locale;
    // What `--lang` or TUNESCOUT_LANG said ("de", "de_AT"); empty when the language is the system's.
    QString asked;
};

LanguageChoice chooseLanguage(const QString &option, const QString &environment);

// The languages TuneScout ships a translation for ("de", "en"), read from the embedded .qm files.
QStringList availableLanguages();

struct InstalledLanguage {
    // The translation installed: "de", "en".
    QString language;
    // Set when an explicit choice has no translation: names the language asked for and the ones there are.
    QString error;
};

// Installs on `app` the translation for `choice` (Qt's own catalogue too, where the system has one) and, for an
// explicit choice, makes its locale the default so numbers and dates match the words. English is the source
// language, but the English plural forms of the "%n" strings live in a translation too, so English is installed
// whenever no other language fits.
InstalledLanguage installTranslations(QCoreApplication &app, const LanguageChoice &choice);
