#include "app/cli/hubcommand.h"

#include "app/cli/console.h"
#include "app/cli/exitcodes.h"
#include "engine/hubclient/hubclient.h"
#include "engine/ingest/syncoverview.h"
#include "engine/spotify/secretstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSysInfo>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

using namespace engine;
using cli::err;
using cli::out;

namespace
{

// Exit codes of `hub sync` (README, CLI): 0 every event sent was acknowledged; 1 the upload failed or the hub
// refused events (kept, listed by `hub status`); 3 not paired, or the hub revoked this device.
int exitCodeOf(const HubUploadReport &report)
{
    switch (report.outcome) {
    case HubUploadReport::Outcome::Uploaded:
        return report.refused > 0 ? Failure : Success;
    case HubUploadReport::Outcome::NotPaired:
    case HubUploadReport::Outcome::Revoked:
        return UserActionNeeded;
    case HubUploadReport::Outcome::Failed:
        return Failure;
    }
    return Failure;
}

QString outcomeName(HubUploadReport::Outcome outcome)
{
    switch (outcome) {
    case HubUploadReport::Outcome::Uploaded:
        return QStringLiteral("uploaded");
    case HubUploadReport::Outcome::NotPaired:
        return QStringLiteral("not_paired");
    case HubUploadReport::Outcome::Revoked:
        return QStringLiteral("revoked");
    case HubUploadReport::Outcome::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

QString timeText(std::optional<qint64> ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(*ms).toLocalTime().toString(Qt::ISODate) : QStringLiteral("never");
}

// The store and the client of one command; store work runs at once on this thread.
struct HubContext {
    explicit HubContext(std::unique_ptr<Store> opened)
        : store(std::move(opened))
        , client(
              [this](std::function<void(Store &)> work, std::function<void()> then) {
                  work(*store);
                  QTimer::singleShot(0, &network, std::move(then));
              },
              &keychain,
              &network)
    {
    }

    std::unique_ptr<Store> store;
    KeychainSecretStore keychain;
    QNetworkAccessManager network;
    HubClient client;
};

bool answerIsYes()
{
    QTextStream in(stdin);
    const QString line = in.readLine().trimmed().toLower();
    return line == QLatin1String("y") || line == QLatin1String("yes");
}

int pair(HubContext &context, const QStringList &arguments, const HubCommandOptions &options)
{
    if (arguments.size() != 3) {
        err() << "'hub pair' takes the hub's URL and the invite code: tunescout-cli hub pair URL CODE [--name NAME] "
                 "[--device LABEL] [--allow-insecure-http] [--trust-fingerprint FP]\n";
        return Usage;
    }
    if (const auto url = checkHubUrl(arguments.at(1), options.allowInsecureHttp); !url) {
        err() << url.error().message << '\n';
        return Usage;
    }
    if (!options.trustFingerprint.isEmpty() && normalizeFingerprint(options.trustFingerprint).isEmpty()) {
        err() << "--trust-fingerprint takes the SHA-256 fingerprint of the public key that the hub shows "
                 "(tunescout-hub cert fingerprint), 32 pairs of hex digits such as AB:CD:…; it is \""
              << options.trustFingerprint << "\".\n";
        return Usage;
    }
    QString name = options.name.trimmed();
    if (name.isEmpty()) {
        const auto overview = syncoverview::read(*context.store);
        name = overview ? overview.value().userName : QString();
    }
    if (name.isEmpty()) {
        name = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME", QDir::home().dirName()));
    }
    if (name.isEmpty()) {
        err() << "Give your name in the household with --name NAME.\n";
        return Usage;
    }
    const QString device = options.device.trimmed().isEmpty() ? QSysInfo::machineHostName() : options.device.trimmed();

    // The invite works once: make sure the token can be kept before spending it.
    std::optional<SecretStore::Answer> probed;
    context.keychain.probe([&probed](const SecretStore::Answer &answer) {
        probed = answer;
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    if (!probed || probed->status != SecretStore::Status::Ok) {
        err() << "The device token is kept in the system keychain, which is not available ("
              << (probed ? probed->message : QStringLiteral("no answer"))
              << "). Start a Secret Service (such as gnome-keyring) and unlock it, then pair; the invite code was "
                 "not used.\n";
        return Failure;
    }

    HubPairRequest request{arguments.at(1),
                           arguments.at(2),
                           name,
                           device,
                           options.allowInsecureHttp,
                           options.trustFingerprint};
    int exitCode = Failure;
    std::function<void(const HubPairOutcome &)> answered = [&](const HubPairOutcome &outcome) {
        switch (outcome.status) {
        case HubPairOutcome::Status::Paired:
            if (options.json) {
                out() << QJsonDocument(QJsonObject{{QStringLiteral("url"), outcome.pairing.url.toString()},
                                                   {QStringLiteral("member"), outcome.pairing.memberName},
                                                   {QStringLiteral("device"), outcome.pairing.deviceLabel},
                                                   {QStringLiteral("household_id"), outcome.pairing.householdId},
                                                   {QStringLiteral("fingerprint"),
                                                    outcome.pairing.fingerprint.isEmpty()
                                                        ? QJsonValue()
                                                        : QJsonValue(outcome.pairing.fingerprint)}})
                             .toJson(QJsonDocument::Indented);
            } else {
                out() << "Paired with " << outcome.pairing.url.toString() << " as " << outcome.pairing.memberName
                      << " (device \"" << outcome.pairing.deviceLabel << "\", household " << outcome.pairing.householdId
                      << ").\n";
                if (!outcome.pairing.fingerprint.isEmpty()) {
                    out() << "Pinned the public key of the hub's certificate, SHA-256 fingerprint "
                          << outcome.pairing.fingerprint << ".\n";
                }
                out() << "The device token is in the system keychain. Run 'tunescout-cli hub sync' to upload the "
                         "events waiting for the hub.\n";
            }
            exitCode = Success;
            break;
        case HubPairOutcome::Status::NeedsTrust:
            err() << outcome.message << '\n';
            if (!request.trustedFingerprint.isEmpty()) {
                exitCode = Failure;
                break;
            }
            if (isatty(fileno(stdin)) != 1) {
                err() << "Not asking without a terminal: once you have compared the fingerprint, run the command "
                         "again with --trust-fingerprint "
                      << outcome.fingerprint << ".\n";
                exitCode = UserActionNeeded;
                break;
            }
            err() << "Trust this certificate and pair? [y/N] ";
            err().flush();
            if (!answerIsYes()) {
                err() << "Not paired.\n";
                exitCode = UserActionNeeded;
                break;
            }
            request.trustedFingerprint = outcome.fingerprint;
            context.client.pair(request, answered);
            return;
        case HubPairOutcome::Status::Failed:
            err() << outcome.message << '\n';
            exitCode = Failure;
            break;
        }
        QCoreApplication::quit();
    };
    context.client.pair(request, answered);
    QCoreApplication::exec();
    return exitCode;
}

int status(HubContext &context, const HubCommandOptions &options)
{
    auto ledger = HubLedger::create(*context.store);
    if (!ledger) {
        err() << ledger.error().message << '\n';
        return Failure;
    }
    const auto pairing = ledger.value().pairing();
    const auto state = ledger.value().uploadState();
    if (!pairing || !state) {
        err() << (pairing ? state.error().message : pairing.error().message) << '\n';
        return Failure;
    }
    const std::optional<HubPairing> &paired = pairing.value();
    const HubUploadState &upload = state.value();
    const QString stateName = !paired ? QStringLiteral("not_paired")
        : paired->revoked             ? QStringLiteral("revoked")
                                      : QStringLiteral("paired");
    if (options.json) {
        QJsonArray refused;
        for (auto it = upload.rejected.cbegin(); it != upload.rejected.cend(); ++it) {
            refused.append(QJsonObject{{QStringLiteral("id"), it.key()}, {QStringLiteral("answer"), it.value()}});
        }
        QJsonObject report{
            {QStringLiteral("state"), stateName},
            {QStringLiteral("waiting"), double(upload.waiting)},
            {QStringLiteral("refused"), refused},
            {QStringLiteral("last_upload_at_ms"),
             upload.lastUploadAtMs ? QJsonValue(double(*upload.lastUploadAtMs)) : QJsonValue()},
            {QStringLiteral("last_error"), upload.lastError.isEmpty() ? QJsonValue() : QJsonValue(upload.lastError)}};
        if (paired) {
            report.insert(QStringLiteral("url"), paired->url.toString());
            report.insert(QStringLiteral("fingerprint"),
                          paired->fingerprint.isEmpty() ? QJsonValue() : QJsonValue(paired->fingerprint));
            report.insert(QStringLiteral("member"), paired->memberName);
            report.insert(QStringLiteral("device"), paired->deviceLabel);
            report.insert(QStringLiteral("household_id"), paired->householdId);
        }
        out() << QJsonDocument(report).toJson(QJsonDocument::Indented);
        return Success;
    }
    if (!paired) {
        out() << "Hub:              not paired (tunescout-cli hub pair URL CODE)\n";
    } else {
        out() << "Hub:              " << paired->url.toString()
              << (paired->revoked ? QStringLiteral(" (this device was revoked: leave and pair again)") : QString())
              << '\n'
              << "Certificate:      "
              << (paired->fingerprint.isEmpty() ? QStringLiteral("verified normally (nothing pinned)")
                                                : QStringLiteral("public key pinned, SHA-256 ") + paired->fingerprint)
              << '\n'
              << "Member:           " << paired->memberName << " (device \"" << paired->deviceLabel << "\", household "
              << paired->householdId << ")\n";
    }
    out() << "Waiting for hub:  " << upload.waiting << " events\n"
          << "Last upload:      " << timeText(upload.lastUploadAtMs) << '\n';
    if (!upload.lastError.isEmpty()) {
        out() << "Last error:       " << upload.lastError << '\n';
    }
    if (!upload.rejected.isEmpty()) {
        out() << "Refused by the hub (kept in the cache, not sent again): " << upload.rejected.size() << " events\n";
        for (auto it = upload.rejected.cbegin(); it != upload.rejected.cend(); ++it) {
            out() << "  " << it.key() << ": " << it.value() << '\n';
        }
    }
    return Success;
}

int sync(HubContext &context, const HubCommandOptions &options)
{
    std::optional<HubUploadReport> report;
    context.client.uploadOutbox([&report](const HubUploadReport &r) {
        report = r;
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    auto ledger = HubLedger::create(*context.store);
    const auto state = ledger ? ledger.value().uploadState() : Result<HubUploadState>(ledger.error());
    const qint64 waiting = state ? state.value().waiting : 0;
    if (options.json) {
        out() << QJsonDocument(QJsonObject{{QStringLiteral("outcome"), outcomeName(report->outcome)},
                                           {QStringLiteral("acknowledged"), report->acknowledged},
                                           {QStringLiteral("refused"), report->refused},
                                           {QStringLiteral("batches"), report->batches},
                                           {QStringLiteral("waiting"), double(waiting)},
                                           {QStringLiteral("message"),
                                            report->message.isEmpty() ? QJsonValue() : QJsonValue(report->message)}})
                     .toJson(QJsonDocument::Indented);
    } else {
        if (report->outcome == HubUploadReport::Outcome::Uploaded || report->acknowledged > 0) {
            out() << "Uploaded " << report->acknowledged << " events in " << report->batches << " batches; " << waiting
                  << " waiting.\n";
        }
        if (report->refused > 0) {
            err() << "The hub refused " << report->refused
                  << " events; they stay in the cache and are not sent again ('tunescout-cli hub status' lists "
                     "them).\n";
        }
        if (!report->message.isEmpty()) {
            err() << report->message << '\n';
        }
    }
    return exitCodeOf(*report);
}

int leave(HubContext &context)
{
    auto ledger = HubLedger::create(*context.store);
    const auto pairing = ledger ? ledger.value().pairing() : Result<std::optional<HubPairing>>(ledger.error());
    if (!pairing) {
        err() << pairing.error().message << '\n';
        return Failure;
    }
    std::optional<Result<void>> done;
    context.client.unpair([&done](Result<void> result) {
        done = std::move(result);
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    if (!*done) {
        err() << done->error().message << '\n';
        return Failure;
    }
    if (!pairing.value()) {
        out() << "This device was not paired with a hub.\n";
    } else {
        out() << "Left the hub at " << pairing.value()->url.toString()
              << ". Events waiting for a hub stay in the cache; the hub's admin can revoke the device "
                 "(tunescout-hub device revoke).\n";
    }
    return Success;
}

// `hub training [on|off]`: shows or sets whether this member's plays join the model trained across the hub
// (GET/PUT /api/v1/me/training). Exit codes as `hub sync`: 3 when not paired or revoked, 1 when the hub failed.
int training(HubContext &context, const QStringList &arguments, const HubCommandOptions &options)
{
    const QString choice = arguments.value(1).toLower();
    if (arguments.size() > 2
        || (arguments.size() == 2 && choice != QLatin1String("on") && choice != QLatin1String("off"))) {
        err() << "'hub training' takes on, off or nothing (to show the current choice); it got \""
              << arguments.mid(1).join(QLatin1Char(' ')) << "\".\n";
        return Usage;
    }
    const QString path = QStringLiteral("/api/v1/me/training");
    std::optional<HubReadReply> reply;
    const auto answered = [&reply](const HubReadReply &r) {
        reply = r;
        QCoreApplication::quit();
    };
    if (arguments.size() == 2) {
        context.client.put(path, QJsonObject{{QStringLiteral("opt_in"), choice == QLatin1String("on")}}, answered);
    } else {
        context.client.get(path, {}, answered);
    }
    QCoreApplication::exec();
    const QJsonValue optIn = reply->json.value(QStringLiteral("opt_in"));
    if (reply->outcome == HubReadReply::Outcome::Ok && !optIn.isBool()) {
        err() << "The hub's answer to " << path << " has no boolean opt_in.\n";
        return Failure;
    }
    if (reply->outcome != HubReadReply::Outcome::Ok) {
        err() << reply->message << '\n';
        if (reply->outcome == HubReadReply::Outcome::NotPaired) {
            err() << "Pair first: tunescout-cli hub pair URL CODE\n";
        }
        return reply->outcome == HubReadReply::Outcome::Failed ? Failure : UserActionNeeded;
    }
    if (options.json) {
        out() << QJsonDocument(QJsonObject{{QStringLiteral("opt_in"), optIn.toBool()}}).toJson(QJsonDocument::Indented);
    } else if (optIn.toBool()) {
        out() << "Your plays join the household's training: the hub's next model learns from them and household "
                 "picks include them. Stop with 'tunescout-cli hub training off'.\n";
    } else {
        out() << "Your plays stay out of the household's training (the next model leaves them out). Join with "
                 "'tunescout-cli hub training on'.\n";
    }
    return Success;
}

} // namespace

int runHub(const ClientConfig &config, const QStringList &arguments, const HubCommandOptions &options)
{
    static const QStringList verbs{QStringLiteral("pair"),
                                   QStringLiteral("status"),
                                   QStringLiteral("sync"),
                                   QStringLiteral("leave"),
                                   QStringLiteral("training"),
                                   QStringLiteral("unpair")}; // unpair: the name 'leave' had before
    const QString verb = arguments.value(0);
    if (!verbs.contains(verb)) {
        err()
            << (verb.isEmpty()
                    ? QStringLiteral("'hub' needs one of: pair, status, sync, training, leave.")
                    : QStringLiteral("Unknown hub command '%1'; use pair, status, sync, training or leave.").arg(verb))
            << '\n';
        return Usage;
    }
    if (verb != QLatin1String("pair") && verb != QLatin1String("training") && arguments.size() > 1) {
        err() << "'hub " << verb << "' takes no arguments.\n";
        return Usage;
    }
    std::unique_ptr<Store> store = cli::openStoreReporting(config.dataDir);
    if (!store) {
        return Failure;
    }
    HubContext context(std::move(store));
    if (verb == QLatin1String("pair")) {
        return pair(context, arguments, options);
    }
    if (verb == QLatin1String("status")) {
        return status(context, options);
    }
    if (verb == QLatin1String("sync")) {
        return sync(context, options);
    }
    if (verb == QLatin1String("training")) {
        return training(context, arguments, options);
    }
    return leave(context);
}
