#include "app/cli/importcommand.h"

#include "app/cli/exitcodes.h"
#include "engine/import/historyimporter.h"
#include "engine/store/store.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTextStream>

#include <unistd.h>

using namespace engine;

int runImport(const ClientConfig &config, const QStringList &paths, const ImportCommandOptions &options)
{
    QTextStream err(stderr);
    const Store::Outcome opened = Store::open(config.dataDir);
    if (!opened.store) {
        err << opened.status.message << '\n';
        return Failure;
    }
    HistoryImporter importer(opened.store->database(), ImportOptions{options.dryRun, options.includeIncognito});
    // Progress is for a person watching: a pipe or a log file gets only the report.
    const bool terminal = isatty(STDERR_FILENO) == 1;
    QElapsedTimer sinceLast;
    sinceLast.start();
    if (terminal) {
        importer.setProgressCallback([&err, &sinceLast](const ImportProgress &progress) {
            if (sinceLast.elapsed() < 200 && progress.bytesDone < progress.bytesTotal) {
                return;
            }
            sinceLast.restart();
            const int percent = progress.bytesTotal > 0 ? int(progress.bytesDone * 100 / progress.bytesTotal) : 100;
            err << QStringLiteral("\r%1% · %2 rows · %3\x1b[K").arg(percent, 3).arg(progress.rows).arg(progress.file);
            err.flush();
        });
    }
    const auto report = importer.run(paths);
    if (terminal) {
        err << "\r\x1b[K";
        err.flush();
    }
    if (!report) {
        err << report.error().message << '\n';
        return Failure;
    }
    QTextStream out(stdout);
    if (options.json) {
        out << QJsonDocument(toJson(report.value())).toJson(QJsonDocument::Indented);
    } else {
        out << toText(report.value());
    }
    return report.value().failedFiles() > 0 || report.value().cancelled ? Failure : Success;
}
