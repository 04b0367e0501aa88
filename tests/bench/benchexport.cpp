// tunescout-bench-export: writes a synthetic extended-history export for the benchmarks.
//   tunescout-bench-export DIR [--plays N] [--seed S] [--zip]

#include "tests/bench/exportgenerator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Writes a synthetic Spotify extended-history export."));
    parser.addHelpOption();
    const QCommandLineOption plays(QStringLiteral("plays"),
                                   QStringLiteral("Rows to write."),
                                   QStringLiteral("n"),
                                   QStringLiteral("1000000"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Random seed."),
                                  QStringLiteral("s"),
                                  QStringLiteral("20240601"));
    const QCommandLineOption zip(QStringLiteral("zip"), QStringLiteral("Write one zip instead of JSON files."));
    parser.addOptions({plays, seed, zip});
    parser.addPositionalArgument(QStringLiteral("dir"), QStringLiteral("Where to write the export."));
    parser.process(app);
    QTextStream err(stderr);
    if (parser.positionalArguments().size() != 1) {
        err << "Give one folder to write the export to.\n";
        return 2;
    }
    ExportGeneratorOptions options;
    bool ok = false;
    options.plays = parser.value(plays).toLongLong(&ok);
    bool seedOk = false;
    options.seed = parser.value(seed).toULongLong(&seedOk);
    if (!ok || options.plays < 1 || !seedOk) {
        err << "--plays takes a positive number and --seed a non-negative one.\n";
        return 2;
    }
    options.zip = parser.isSet(zip);
    QString error;
    const QStringList files = generateExport(parser.positionalArguments().constFirst(), options, &error);
    if (files.isEmpty()) {
        err << "Could not write the export: " << error << '\n';
        return 1;
    }
    QTextStream out(stdout);
    for (const QString &file : files) {
        out << file << '\n';
    }
    return 0;
}
