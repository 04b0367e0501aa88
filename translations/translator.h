#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

// Which language the UI speaks: the `--lang` option, else TUNESCOUT_LANG, else the system's UI languages.
struct LanguageChoice
{
    QLocale locale;
    // What `--lang` or TUNESCOUT_LANG said ("de", "de_AT"); empty when the language is the system's.
    QString asked;
};

LanguageChoice chooseLanguage(const QString &option, const QString &environment);

// The languages TuneScout ships a translation for ("de", "en"), read from the embedded .qm files.
QStringList availableLanguages();

// Installs on `app` the translation for `choice` (Qt's own catalogue too, where the system has one) and, for an
// explicit choice, makes its locale the default so numbers and dates match the words. English is the source
// language, but its plural forms live in a translation too, so English is installed whenever no other language
// fits. Returns the language installed ("de", "en"), or an error message naming the language asked for and the
// ones available when an explicit choice has no translation (English is installed then).
struct InstalledLanguage
{
    QString language;
    QString error;
};

InstalledLanguage installTranslations(QCoreApplication &app, const LanguageChoice &choice);
