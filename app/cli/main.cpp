// tunescout-cli: TuneScout's engine without a window, for scripts and terminals.
//
// Exit codes: 0 success, 1 failure (or a check that did not pass), 2 bad usage.

#include "app/cli/doctor.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

namespace
{

enum ExitCode { Success = 0, Failure = 1, Usage = 2 };

const char *const commandSummary =
    "Commands:\n"
    "  doctor    Check the data folder, the cache, the keychain and the configuration.\n";

int usageError(const QString &message)
{
    QTextStream(stderr) << message << "\nRun 'tunescout-cli --help' for the commands.\n";
    return Usage;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("TuneScout"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TUNESCOUT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("TuneScout's engine from the command line.\n\n")
                                     + QString::fromLatin1(commandSummary));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Keep the cache in <dir> (default: TUNESCOUT_DATA_DIR, else the "
                                                    "per-user data folder)."),
                                     QStringLiteral("dir"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print machine-readable JSON."));
    parser.addOption(dataDir);
    parser.addOption(json);
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do (see Commands)."));

    if (!parser.parse(QCoreApplication::arguments())) {
        return usageError(parser.errorText());
    }
    if (parser.isSet(QStringLiteral("version"))) {
        QTextStream(stdout) << "tunescout-cli " << TUNESCOUT_VERSION << '\n';
        return Success;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return Success;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        return usageError(QStringLiteral("No command given."));
    }
    const QString command = positional.constFirst();
    if (command != QLatin1String("doctor")) {
        return usageError(QStringLiteral("Unknown command '%1'.").arg(command));
    }
    if (positional.size() > 1) {
        return usageError(QStringLiteral("'doctor' takes no arguments."));
    }

    Doctor doctor;
    int exitCode = Failure;
    QTimer::singleShot(0, &doctor, [&] {
        doctor.run(parser.value(dataDir), [&](const QList<Doctor::Check> &checks) {
            QTextStream out(stdout);
            if (parser.isSet(json)) {
                out << QJsonDocument(Doctor::toJson(checks)).toJson(QJsonDocument::Indented);
            } else {
                out << Doctor::toText(checks);
            }
            exitCode = Doctor::allOk(checks) ? Success : Failure;
            QCoreApplication::exit(exitCode);
        });
    });
    app.exec();
    return exitCode;
}
