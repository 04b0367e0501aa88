// tunescout-cli: TuneScout's engine without a window, for scripts and terminals.
//
// Exit codes: 0 success, 1 failure (or a check that did not pass), 2 bad usage, 3 the user must act first.

#include "app/cli/concertscommand.h"
#include "app/cli/discovercommands.h"
#include "app/cli/doctor.h"
#include "app/cli/enrichcommand.h"
#include "app/cli/evalcommand.h"
#include "app/cli/exitcodes.h"
#include "app/cli/hubcommand.h"
#include "app/cli/importcommand.h"
#include "app/cli/playercommand.h"
#include "app/cli/spotifycommands.h"
#include "app/cli/statscommands.h"
#include "app/core/setupguide.h"
#include "tunescoutversion.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimer>

namespace
{

const char *const commandSummary =
    "Commands:\n"
    "  doctor    Check the data folder, the cache, the keychain and the configuration.\n"
    "  stats [overview|top|clock|trend|streaks|skips|discovery|platforms|eras|genres]\n"
    "            Listening statistics from the cache ([--from DATE] [--to DATE] | [--range 4w|6m|1y|all],\n"
    "            [--by plays|minutes] [--limit N] [--period day|week|month] [--json]).\n"
    "  export    Write plays or top lists (--format csv|json [--what plays|top] [--output FILE]).\n"
    "  enrich    Look up genres (open tags) of cached tracks at MusicBrainz by ISRC (--limit N, default 500).\n"

    "  recommend Recommendations from the cache, with explanations ([--limit N] [--json]); with a hub, the\n"
    "            household picks too ([--household]: only them, after asking the hub for a newer model).\n"
    "  similar SPOTIFY_URI  Tracks like a cached track ([--limit N] [--json]).\n"
    "  eval      Evaluate the recommender offline on a listening dataset ('tunescout-cli eval --help').\n"
    "  player status|play [URI…]|pause|next|previous|seek MS|volume N|shuffle on|off|repeat off|context|track|\n"
    "         devices|transfer ID|queue [URI]\n"
    "            Control playback on your Spotify devices (Spotify Premium; [--json] for status, devices, queue).\n"
    "  import PATH...  Import Spotify's privacy export: the zip, a folder or single files\n"
    "                  [--dry-run] [--include-incognito] [--json].\n"
    "  hub pair URL CODE [--name NAME] [--device LABEL] [--allow-insecure-http] [--trust-fingerprint FP]\n"
    "  hub status|sync|leave\n"
    "            Pair with the household hub, see what waits for it, upload now, leave it ([--json]).\n"
    "  hub training [on|off]\n"
    "            Show, or choose, whether your plays join the household's training ([--json]).\n";

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
    // The engine's debug lines are for developers (QT_LOGGING_RULES turns them back on); a terminal user
    // gets the command's own output and the warnings.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES")) {
        QLoggingCategory::setFilterRules(QStringLiteral("tunescout.*.debug=false\ntunescout.*.info=false"));
    }
    QCoreApplication::setApplicationName(QStringLiteral("TuneScout"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TUNESCOUT_VERSION));
    if (isEvalCommand(QCoreApplication::arguments())) {
        return runEval(QCoreApplication::arguments());
    }

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
    const QCommandLineOption noBrowser(
        QStringLiteral("no-browser"),
        QStringLiteral("login: print the sign-in address instead of opening a browser."));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     QStringLiteral("login: give up after <s> seconds (default 300)."),
                                     QStringLiteral("s"),
                                     QStringLiteral("300"));
    const QCommandLineOption once(QStringLiteral("once"), QStringLiteral("sync: sync once, then exit."));
    parser.addOption(dataDir);
    parser.addOption(json);
    parser.addOption(clientId);
    parser.addOption(noBrowser);
    parser.addOption(timeout);
    const QCommandLineOption from(QStringLiteral("from"),
                                  QStringLiteral("stats, export: from local day <date> (YYYY-MM-DD)."),
                                  QStringLiteral("date"));
    const QCommandLineOption to(QStringLiteral("to"),
                                QStringLiteral("stats, export: up to and including local day <date>."),
                                QStringLiteral("date"));
    const QCommandLineOption range(QStringLiteral("range"),
                                   QStringLiteral("stats, export: the last <preset>: Nd, Nw, Nm, Ny or all."),
                                   QStringLiteral("preset"));
    const QCommandLineOption by(QStringLiteral("by"),
                                QStringLiteral("stats, export: rank by plays or minutes."),
                                QStringLiteral("measure"));
    const QCommandLineOption limit(
        QStringLiteral("limit"),
        QStringLiteral("stats, export, recommend, similar: list at most <n> entries; enrich: look up at most <n> "
                       "ISRCs (default 500)."),
        QStringLiteral("n"));
    const QCommandLineOption period(QStringLiteral("period"),
                                    QStringLiteral("stats trend: day, week or month (default)."),
                                    QStringLiteral("period"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("export: csv or json."),
                                    QStringLiteral("format"));
    const QCommandLineOption what(QStringLiteral("what"),
                                  QStringLiteral("export: plays (default) or top."),
                                  QStringLiteral("what"));
    const QCommandLineOption output(QStringLiteral("output"),
                                    QStringLiteral("export: write to <file> instead of stdout."),
                                    QStringLiteral("file"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    QStringLiteral("import: print what would be imported, write nothing."));
    const QCommandLineOption includeIncognito(QStringLiteral("include-incognito"),
                                              QStringLiteral("import: keep private-session plays too."));
    const QCommandLineOption near(QStringLiteral("near"),
                                  QStringLiteral("concerts: look near <place>, a city or LAT,LON."),
                                  QStringLiteral("place"));
    const QCommandLineOption radiusKm(QStringLiteral("radius-km"),
                                      QStringLiteral("concerts: within <n> km (default 50)."),
                                      QStringLiteral("n"));
    const QCommandLineOption ics(QStringLiteral("ics"),
                                 QStringLiteral("concerts: also write the shows to <file> (iCalendar)."),
                                 QStringLiteral("file"));
    const QCommandLineOption hubName(QStringLiteral("name"),
                                     QStringLiteral("hub pair: your name in the household (default: your Spotify "
                                                    "display name)."),
                                     QStringLiteral("name"));
    const QCommandLineOption hubDevice(QStringLiteral("device"),
                                       QStringLiteral("hub pair: a name for this device (default: the host name)."),
                                       QStringLiteral("label"));
    const QCommandLineOption allowInsecureHttp(
        QStringLiteral("allow-insecure-http"),
        QStringLiteral("hub pair: allow a plain http:// hub that is not on this computer (the token crosses the "
                       "network unencrypted)."));
    const QCommandLineOption trustFingerprint(
        QStringLiteral("trust-fingerprint"),
        QStringLiteral("hub pair: trust the hub's self-signed certificate whose public key has this SHA-256 "
                       "fingerprint (tunescout-hub cert fingerprint; the whole certificate's, as openssl x509 "
                       "-fingerprint prints it, is accepted too). The public key is pinned."),
        QStringLiteral("fp"));
    for (const QCommandLineOption *option : {&hubName, &hubDevice, &allowInsecureHttp, &trustFingerprint}) {
        parser.addOption(*option);
    }
    const QCommandLineOption household(
        QStringLiteral("household"),
        QStringLiteral("recommend: only the household picks, after downloading the hub's model if it changed."));
    parser.addOption(household);
    parser.addOption(near);
    parser.addOption(radiusKm);
    parser.addOption(ics);
    parser.addOption(once);
    parser.addOption(dryRun);
    parser.addOption(includeIncognito);
    for (const QCommandLineOption *option : {&from, &to, &range, &by, &limit, &period, &format, &what, &output}) {
        parser.addOption(*option);
    }
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
    static const QStringList commands{QStringLiteral("setup"),
                                      QStringLiteral("login"),
                                      QStringLiteral("sync"),
                                      QStringLiteral("status"),
                                      QStringLiteral("logout"),
                                      QStringLiteral("doctor"),
                                      QStringLiteral("stats"),
                                      QStringLiteral("export"),
                                      QStringLiteral("enrich"),
                                      QStringLiteral("import"),
                                      QStringLiteral("recommend"),
                                      QStringLiteral("similar"),
                                      QStringLiteral("concerts"),
                                      QStringLiteral("player"),
                                      QStringLiteral("hub")};
    if (!commands.contains(command)) {
        return usageError(QStringLiteral("Unknown command '%1'.").arg(command));
    }
    const bool isImport = command == QLatin1String("import");
    if (isImport && positional.size() < 2) {
        return usageError(QStringLiteral("'import' needs the export's zip, a folder or files to read."));
    }
    if (command == QLatin1String("stats") && positional.size() > 2) {
        return usageError(QStringLiteral("'stats' takes one statistic name."));
    }
    const bool isSimilar = command == QLatin1String("similar");
    if (isSimilar && positional.size() != 2) {
        return usageError(QStringLiteral("'similar' takes one Spotify track URI (spotify:track:…)."));
    }
    const bool isPlayer = command == QLatin1String("player");
    const bool isHub = command == QLatin1String("hub");
    if (!isImport && !isSimilar && !isPlayer && !isHub && command != QLatin1String("stats") && positional.size() > 1) {
        return usageError(QStringLiteral("'%1' takes no arguments.").arg(command));
    }
    if (command == QLatin1String("setup")) {
        return runSetup(parser.value(clientId));
    }
    if (command == QLatin1String("doctor")) {
        return runDoctor(parser.value(dataDir), parser.isSet(json));
    }

    SpotifyCommandOptions options;
    options.json = parser.isSet(json);
    options.openBrowser = !parser.isSet(noBrowser);
    options.once = parser.isSet(once);
    bool timeoutOk = false;
    options.timeoutS = parser.value(timeout).toInt(&timeoutOk);
    if (!timeoutOk || options.timeoutS < 1 || options.timeoutS > 3600) {
        return usageError(QStringLiteral("--timeout takes a number of seconds from 1 to 3600."));
    }
    QSettings settings(clientSettingsPath(), QSettings::IniFormat);
    const auto config = ClientConfig::load(parser.value(dataDir), QProcessEnvironment::systemEnvironment(), settings);
    if (!config) {
        QTextStream(stderr) << config.error().message << '\n';
        return Failure;
    }
    if (command == QLatin1String("stats") || command == QLatin1String("export")) {
        StatsCommandOptions stats;
        stats.dataDir = config.value().dataDir;
        stats.view = positional.value(1);
        stats.from = parser.value(from);
        stats.to = parser.value(to);
        stats.range = parser.value(range);
        stats.by = parser.value(by);
        stats.limit = parser.value(limit);
        stats.period = parser.value(period);
        stats.json = parser.isSet(json);
        stats.format = parser.value(format);
        stats.what = parser.value(what);
        stats.output = parser.value(output);
        return command == QLatin1String("stats") ? runStats(stats) : runExport(stats);
    }
    if (command == QLatin1String("enrich")) {
        bool limitOk = true;
        const int most = parser.isSet(limit) ? parser.value(limit).toInt(&limitOk) : 500;
        if (!limitOk || most < 1 || most > 100000) {
            return usageError(QStringLiteral("--limit takes a number of ISRCs from 1 to 100000."));
        }
        return runEnrich(config.value(), most);
    }
    if (command == QLatin1String("recommend") || isSimilar) {
        bool limitOk = true;
        const int most = parser.isSet(limit) ? parser.value(limit).toInt(&limitOk) : 20;
        if (!limitOk || most < 1 || most > 500) {
            return usageError(QStringLiteral("--limit takes a number of items from 1 to 500."));
        }
        return isSimilar ? runSimilar(config.value().dataDir, positional.at(1), most, parser.isSet(json))
                         : runRecommend(config.value().dataDir, most, parser.isSet(json), parser.isSet(household));
    }
    if (command == QLatin1String("concerts")) {
        return runConcerts(
            config.value(),
            ConcertsCommandOptions{parser.value(near), parser.value(radiusKm), parser.value(ics), parser.isSet(json)});
    }
    if (isImport) {
        return runImport(
            config.value(),
            positional.mid(1),
            ImportCommandOptions{parser.isSet(json), parser.isSet(dryRun), parser.isSet(includeIncognito)});
    }
    if (isHub) {
        return runHub(config.value(),
                      positional.mid(1),
                      HubCommandOptions{parser.value(hubName),
                                        parser.value(hubDevice),
                                        parser.isSet(allowInsecureHttp),
                                        parser.value(trustFingerprint),
                                        parser.isSet(json)});
    }
    if (isPlayer) {
        return runPlayer(config.value(), positional.mid(1), parser.isSet(json));
    }
    if (command == QLatin1String("login")) {
        return runLogin(config.value(), options);
    }
    if (command == QLatin1String("sync")) {
        return runSync(config.value(), options);
    }
    if (command == QLatin1String("status")) {
        return runStatus(config.value(), options);
    }
    return runLogout(config.value());
}
