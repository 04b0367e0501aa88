#include "engine/import/importreport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTextStream>

#include <algorithm>

namespace engine
{

namespace
{

// Every counter with its JSON key and its line in the text report, in the order both show them.
struct CountField {
    qint64 ImportCounts::*member;
    const char *key;
    const char *label;
};

constexpr CountField countFields[] = {
    {&ImportCounts::rowsRead, "rows_read", QT_TRANSLATE_NOOP("ImportCounts", "rows read")},
    {&ImportCounts::playsAdded, "plays_added", QT_TRANSLATE_NOOP("ImportCounts", "plays added (30 s or longer)")},
    {&ImportCounts::shortPlaysAdded,
     "short_plays_added",
     QT_TRANSLATE_NOOP("ImportCounts", "short plays added (skips, under 30 s)")},
    {&ImportCounts::alreadyKnown, "already_known", QT_TRANSLATE_NOOP("ImportCounts", "already in the cache")},
    {&ImportCounts::mergedWithPolled,
     "merged_with_polled",
     QT_TRANSLATE_NOOP("ImportCounts", "merged with synced plays (within 90 s)")},
    {&ImportCounts::replacedAccountData,
     "replaced_account_data",
     QT_TRANSLATE_NOOP("ImportCounts", "Account-data plays given their exact time")},
    {&ImportCounts::sameAsKnownListen,
     "same_as_known_listen",
     QT_TRANSLATE_NOOP("ImportCounts", "Account-data rows already known exactly")},
    {&ImportCounts::accountDataMatched,
     "account_data_matched",
     QT_TRANSLATE_NOOP("ImportCounts", "Account-data rows matched to known tracks")},
    {&ImportCounts::accountDataNameOnly,
     "account_data_name_only",
     QT_TRANSLATE_NOOP("ImportCounts", "Account-data rows kept by name only")},
    {&ImportCounts::episodesSkipped, "episodes_skipped", QT_TRANSLATE_NOOP("ImportCounts", "podcast episodes skipped")},
    {&ImportCounts::audiobooksSkipped,
     "audiobooks_skipped",
     QT_TRANSLATE_NOOP("ImportCounts", "audiobook chapters skipped")},
    {&ImportCounts::videoRowsSkipped, "video_rows_skipped", QT_TRANSLATE_NOOP("ImportCounts", "video rows skipped")},
    {&ImportCounts::incognitoSkipped,
     "incognito_skipped",
     QT_TRANSLATE_NOOP("ImportCounts", "private-session plays skipped")},
    {&ImportCounts::incognitoImported,
     "incognito_imported",
     QT_TRANSLATE_NOOP("ImportCounts", "private-session plays imported")},
    {&ImportCounts::withoutTrack, "without_track", QT_TRANSLATE_NOOP("ImportCounts", "rows without a track skipped")},
    {&ImportCounts::withoutTime, "without_time", QT_TRANSLATE_NOOP("ImportCounts", "rows without a time skipped")},
};

QJsonObject countsToJson(const ImportCounts &counts)
{
    QJsonObject object;
    for (const CountField &field : countFields) {
        object.insert(QLatin1String(field.key), counts.*field.member);
    }
    return object;
}

} // namespace

ImportCounts &ImportCounts::operator+=(const ImportCounts &other)
{
    for (const CountField &field : countFields) {
        this->*field.member += other.*field.member;
    }
    return *this;
}

QList<ImportCountEntry> countEntries(const ImportCounts &counts)
{
    QList<ImportCountEntry> entries;
    for (const CountField &field : countFields) {
        entries.append(ImportCountEntry{field.key, field.label, counts.*field.member});
    }
    return entries;
}

int ImportReport::failedFiles() const
{
    return int(std::count_if(files.cbegin(), files.cend(), [](const ImportFileReport &file) {
        return file.status == ImportFileReport::Status::Failed;
    }));
}

QString importKindName(ImportFileReport::Kind kind)
{
    switch (kind) {
    case ImportFileReport::Kind::ExtendedHistory:
        return QStringLiteral("extended");
    case ImportFileReport::Kind::ExtendedVideo:
        return QStringLiteral("extended_video");
    case ImportFileReport::Kind::AccountMusic:
        return QStringLiteral("account_data");
    case ImportFileReport::Kind::AccountOther:
        return QStringLiteral("account_data_other");
    case ImportFileReport::Kind::Other:
        break;
    }
    return QStringLiteral("other");
}

QString importStatusName(ImportFileReport::Status status)
{
    switch (status) {
    case ImportFileReport::Status::Imported:
        return QStringLiteral("imported");
    case ImportFileReport::Status::AlreadyImported:
        return QStringLiteral("already_imported");
    case ImportFileReport::Status::Skipped:
        return QStringLiteral("skipped");
    case ImportFileReport::Status::Ignored:
        return QStringLiteral("ignored");
    case ImportFileReport::Status::Failed:
        return QStringLiteral("failed");
    case ImportFileReport::Status::Cancelled:
        break;
    }
    return QStringLiteral("cancelled");
}

QJsonObject toJson(const ImportReport &report)
{
    QJsonArray files;
    for (const ImportFileReport &file : report.files) {
        QJsonObject object{{QStringLiteral("name"), file.name},
                           {QStringLiteral("kind"), importKindName(file.kind)},
                           {QStringLiteral("status"), importStatusName(file.status)},
                           {QStringLiteral("counts"), countsToJson(file.counts)}};
        if (!file.error.isEmpty()) {
            object.insert(QStringLiteral("error"), file.error);
        }
        files.append(object);
    }
    return QJsonObject{{QStringLiteral("dry_run"), report.dryRun},
                       {QStringLiteral("cancelled"), report.cancelled},
                       {QStringLiteral("failed_files"), report.failedFiles()},
                       {QStringLiteral("totals"), countsToJson(report.totals)},
                       {QStringLiteral("files"), files}};
}

QString toText(const ImportReport &report)
{
    QString text;
    QTextStream out(&text);
    if (report.dryRun) {
        out << "Dry run: nothing was written. The import would do this:\n";
    }
    for (const CountField &field : countFields) {
        const qint64 value = report.totals.*field.member;
        if (value != 0 || field.member == &ImportCounts::rowsRead || field.member == &ImportCounts::playsAdded) {
            out << QStringLiteral("%1  %2\n").arg(value, 10).arg(QLatin1String(field.label));
        }
    }
    out << "\nFiles:\n";
    for (const ImportFileReport &file : report.files) {
        out << "  " << importStatusName(file.status).replace(QLatin1Char('_'), QLatin1Char(' ')) << ": " << file.name;
        if (file.status == ImportFileReport::Status::Imported || file.status == ImportFileReport::Status::Skipped) {
            out << " (" << file.counts.rowsRead << " rows)";
        }
        out << '\n';
        if (!file.error.isEmpty()) {
            out << "    " << file.error << '\n';
        }
    }
    if (report.cancelled) {
        out << "\nThe import was cancelled; the files listed as imported are kept.\n";
    }
    if (const int failed = report.failedFiles(); failed > 0) {
        out << '\n'
            << failed << (failed == 1 ? " file" : " files")
            << " could not be imported; nothing of them was stored. The other files were imported.\n";
    }
    return text;
}

} // namespace engine
