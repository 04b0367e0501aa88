#include "translations/translator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QTranslator>

namespace
{

const QString kResourceDir = QStringLiteral(":/i18n");
const QString kCatalogue = QStringLiteral("tunescout");

// Loads `catalogue` for the first of the locale's UI languages it exists for, parented to `app`.
QTranslator *loadCatalogue(QCoreApplication &app, const QLocale &locale, const QString &catalogue, const QString &dir)
{
    auto *translator = new QTranslator(&app);
    if (!translator->load(locale, catalogue, QStringLiteral("_"), dir)) {
        delete translator;
        return nullptr;
    }
    QCoreApplication::installTranslator(translator);
    return translator;
}

} // namespace

LanguageChoice chooseLanguage(const QString &option, const QString &environment)
{
    const QString asked = !option.isEmpty() ? option : environment;
    if (asked.isEmpty()) {
        return {QLocale::system(), QString()};
    }
    return {QLocale(asked), asked};
}

QStringList availableLanguages()
{
    QStringList languages;
    const QStringList files = QDir(kResourceDir).entryList({kCatalogue + QStringLiteral("_*.qm")}, QDir::Files);
    for (const QString &file : files) {
        languages.append(file.mid(kCatalogue.size() + 1).chopped(3));
    }
    return languages;
}

InstalledLanguage installTranslations(QCoreApplication &app, const LanguageChoice &choice)
{
    InstalledLanguage installed;
    if (!choice.asked.isEmpty()) {
        QLocale::setDefault(choice.locale);
    }
    QTranslator *ours = loadCatalogue(app, choice.locale, kCatalogue, kResourceDir);
    if (!ours) {
        if (!choice.asked.isEmpty()) {
            installed.error = QCoreApplication::translate("Translations",
                                                          "There is no translation for “%1”; the languages are %2. "
                                                          "Showing English.")
                                  .arg(choice.asked, availableLanguages().join(QStringLiteral(", ")));
            QLocale::setDefault(QLocale(QLocale::English));
        }
        ours = loadCatalogue(app, QLocale(QLocale::English), kCatalogue, kResourceDir);
    }
    installed.language = ours ? QFileInfo(ours->filePath()).completeBaseName().mid(kCatalogue.size() + 1) : QString();
    // Qt's own words (the file dialog's buttons, for one), when the system has them for this language.
    loadCatalogue(app,
                  QLocale(installed.language),
                  QStringLiteral("qt"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return installed;
}
