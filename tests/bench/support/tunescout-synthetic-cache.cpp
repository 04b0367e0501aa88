// tunescout-synthetic-cache DIR [PLAYS]: creates DIR/tunescout.sqlite holding the synthetic export of PLAYS rows
// (default 100000) as the importer stores it, to run the app on realistic data:
// tunescout --data-dir DIR --page dashboards.

#include "engine/store/store.h"
#include "tests/bench/support/syntheticcache.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    QTextStream err(stderr);
    const char *usage = "usage: tunescout-synthetic-cache DIR [PLAYS]\n"
                        "Creates DIR/tunescout.sqlite from a synthetic export of PLAYS rows (default 100000).\n";
    if (arguments.size() == 2
        && (arguments.at(1) == QLatin1String("--help") || arguments.at(1) == QLatin1String("-h"))) {
        QTextStream(stdout) << usage;
        return 0;
    }
    if (arguments.size() < 2 || arguments.size() > 3 || arguments.at(1).startsWith(QLatin1Char('-'))) {
        err << usage;
        return 2;
    }
    bool ok = true;
    const qint64 plays = arguments.size() == 3 ? arguments.at(2).toLongLong(&ok) : 100'000;
    if (!ok || plays < 0) {
        err << "PLAYS must be a whole number of plays, not '" << arguments.at(2) << "'\n";
        return 2;
    }
    const QString dir = arguments.at(1);
    if (QFileInfo::exists(QDir(dir).filePath(QString::fromLatin1(engine::Store::DatabaseFileName)))) {
        err << dir << " already holds a cache; give an empty or new folder\n";
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    engine::Store::Outcome opened = engine::Store::open(dir, QStringLiteral(TUNESCOUT_SOURCE_DIR "/migrations/client"));
    if (!opened.store) {
        err << opened.status.message << '\n';
        return 1;
    }
    if (auto generated = engine::generateSyntheticHistory(opened.store->database(), plays); !generated) {
        err << "could not write the history: " << generated.error().message << '\n';
        return 1;
    }
    err << "imported " << plays << " synthetic rows into " << opened.status.databasePath << " in " << timer.elapsed()
        << " ms\n";
    return 0;
}
