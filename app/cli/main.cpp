// tunescout-cli: TuneScout's engine without a window, for scripts and terminals.
//
// Exit codes: 0 success, 1 failure (or a check that did not pass), 2 bad usage, 3 the user must act first.

#include "app/cli/doctor.h"
#include "app/core/setupguide.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

namespace
{

enum ExitCode { Success = 0, Failure = 1, Usage = 2, UserActionNeeded = 3 };

const char *const commandSummary =
    "Commands:\n"
    "  doctor    Check the data folder, the cache, the keychain and the configuration.\n";

int usageError(const QString &message)
{
    QTextStream(stderr) << message << "\nRun 'tunescout-cli --help' for the commands.\n";
    return Usage;
}

int runSetup(const QString &clientId)
{
    QTextStream out(stdout);
    if (clientId.isEmpty()) {
        out << "TuneScout signs in to Spotify with a Client ID of your own:\n\n";
        const QStringList steps = setupguide::steps();
        for (qsizetype i = 0; i < steps.size(); ++i) {
            out << "  " << i + 1 << ". " << steps.at(i) << '\n';
        }
        out << "\nThen run: tunescout-cli setup --client-id <your Client ID>\n";
        return UserActionNeeded;
    }
    QSettings settings(clientSettingsPath(), QSettings::IniFormat);
    const auto saved = ClientConfig::saveClientId(settings, clientId);
    if (!saved) {
        QTextStream(stderr) << saved.error().message << '\n';
        return saved.error().code == engine::Error::Code::InvalidInput ? Usage : Failure;
    }
    out << "Saved the Spotify Client ID " << saved.value() << " to " << settings.fileName() << ".\n";
    const QString fromEnvironment = qEnvironmentVariable("TUNESCOUT_SPOTIFY_CLIENT_ID");
    if (!fromEnvironment.isEmpty() && fromEnvironment.trimmed() != saved.value()) {
        out << "Note: TUNESCOUT_SPOTIFY_CLIENT_ID is set and takes precedence over the saved Client ID.\n";
    }
    return Success;
}

int runDoctor(const QString &dataDir, bool json)
{
    Doctor doctor;
    int exitCode = Failure;
    QTimer::singleShot(0, &doctor, [&] {
        doctor.run(dataDir, [&](const QList<Doctor::Check> &checks) {
            QTextStream out(stdout);
            if (json) {
                out << QJsonDocument(Doctor::toJson(checks)).toJson(QJsonDocument::Indented);
            } else {
                out << Doctor::toText(checks);
            }
            exitCode = Doctor::allOk(checks) ? Success : Failure;
            QCoreApplication::exit(exitCode);
        });
    });
    QCoreApplication::exec();
    return exitCode;
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
    const QCommandLineOption clientId(QStringLiteral("client-id"),
                                      QStringLiteral("setup: the Client ID of your Spotify app."),
                                      QStringLiteral("id"));
    parser.addOption(dataDir);
    parser.addOption(json);
    parser.addOption(clientId);
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
    if (command != QLatin1String("setup") && command != QLatin1String("doctor")) {
        return usageError(QStringLiteral("Unknown command '%1'.").arg(command));
    }
    if (positional.size() > 1) {
        return usageError(QStringLiteral("'%1' takes no arguments.").arg(command));
    }
    if (command == QLatin1String("setup")) {
        return runSetup(parser.value(clientId));
    }
    return runDoctor(parser.value(dataDir), parser.isSet(json));
}
