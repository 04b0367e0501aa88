#include "hub/application.h"

#include "hub/admin.h"
#include "hub/api.h"
#include "hub/concerts.h"
#include "hub/database.h"
#include "hub/httpserver.h"
#include "hub/logging.h"
#include "hub/migrator.h"
#include "hub/readiness.h"
#include "hub/signalwatcher.h"
#include "hub/store.h"
#include "hub/tls.h"
#include "hub/training.h"
#include "tunescoutversion.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <cstdio>
#include <optional>

namespace hub
{

void printOut(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

void printError(const QString &message)
{
    std::fputs((QStringLiteral("tunescout-hub: ") + message + QLatin1Char('\n')).toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

namespace
{

QString describe(const MigrationReport &report)
{
    if (report.applied.isEmpty()) {
        return QStringLiteral("The database schema is up to date (version %1).").arg(report.toVersion);
    }
    return QStringLiteral("Applied %1 migration(s) (%2); the database schema is now at version %3.")
        .arg(report.applied.size())
        .arg(report.applied.join(QStringLiteral(", ")))
        .arg(report.toVersion);
}

// Loads the migrations and brings the database up to date; an exit status on failure.
std::optional<int> migrateDatabase(const Config &config, int *latestVersion, MigrationReport *report)
{
    const engine::Result<engine::MigrationSet> migrations = Migrator::load(config.migrationsDir);
    if (!migrations) {
        printError(migrations.error().message);
        return ExitUsage;
    }
    const Migrator migrator(migrations.value());
    *latestVersion = migrator.latestVersion();
    const engine::Result<MigrationReport> result = migrator.migrate(ConnectionString(config.databaseUrl));
    if (!result) {
        printError(result.error().message);
        return ExitFailure;
    }
    *report = result.value();
    for (const QString &fileName : report->applied) {
        qCInfo(lcMigrate).noquote() << "Applied" << fileName;
    }
    return std::nullopt;
}

} // namespace

int Application::run(const QStringList &arguments, const Environment &environment)
{
    const engine::Result<CommandLine> commandLine = ConfigParser::parseCommandLine(arguments);
    if (!commandLine) {
        printError(commandLine.error().message);
        return ExitUsage;
    }
    // Help and version work whatever the environment and the file hold.
    if (commandLine.value().helpRequested) {
        printOut(ConfigParser::helpText());
        return ExitSuccess;
    }
    if (commandLine.value().versionRequested) {
        printOut(ConfigParser::versionText());
        return ExitSuccess;
    }
    const ConfigFileChoice file = ConfigParser::configFile(commandLine.value(), environment);
    const engine::Result<FileValues> fileValues = ConfigParser::readConfigFile(file);
    if (!fileValues) {
        printError(fileValues.error().message);
        return ExitUsage;
    }
    const engine::Result<Invocation> invocation =
        ConfigParser::resolve(commandLine.value(), environment, fileValues.value(), file.path);
    if (!invocation) {
        printError(invocation.error().message);
        return ExitUsage;
    }
    for (const QString &warning : invocation.value().warnings) {
        qCWarning(lcConfig).noquote() << warning;
    }
    switch (invocation.value().command) {
    case Command::Migrate:
        return migrate(invocation.value().config);
    case Command::Serve:
        return serve(invocation.value().config);
    case Command::HouseholdCreate:
    case Command::Invite:
    case Command::DeviceList:
    case Command::DeviceRevoke:
    case Command::Status:
    case Command::Train:
    case Command::HouseholdLocation:
    case Command::ConcertsRefresh:
        return Admin::run(invocation.value());
    case Command::CertGenerate:
        return generateCertificate(invocation.value().certificate);
    case Command::CertFingerprint:
        return printFingerprint(invocation.value().operand);
    }
    return ExitUsage;
}

int Application::migrate(const Config &config)
{
    int latestVersion = 0;
    MigrationReport report;
    if (const std::optional<int> failed = migrateDatabase(config, &latestVersion, &report)) {
        return *failed;
    }
    printOut(describe(report) + QLatin1Char('\n'));
    return ExitSuccess;
}

int Application::generateCertificate(const CertificateRequest &request)
{
    const engine::Result<GeneratedCertificate> made = hub::generateCertificate(request);
    if (!made) {
        printError(made.error().message);
        return ExitFailure;
    }
    const GeneratedCertificate &certificate = made.value();
    printOut(QStringLiteral("Certificate: %1\nKey:         %2 (mode 0600)\nValid for:   %3 (%4 days)\nSHA-256 "
                            "fingerprint: %5 (of the public key)\n\nServe with it: tunescout-hub serve --tls-cert %1 "
                            "--tls-key %2\nThe clients show this fingerprint when they pair: check that it matches. "
                            "They pin the key, so a renewed certificate for the same key keeps them paired.\n")
                 .arg(certificate.certificatePath,
                      certificate.keyPath,
                      certificate.subjectAltNames.join(QStringLiteral(", ")))
                 .arg(request.days)
                 .arg(certificate.fingerprint));
    return ExitSuccess;
}

int Application::printFingerprint(const QString &certificatePath)
{
    const engine::Result<QString> fingerprint = publicKeyFingerprint(certificatePath);
    if (!fingerprint) {
        printError(fingerprint.error().message);
        return ExitFailure;
    }
    printOut(fingerprint.value() + QLatin1Char('\n'));
    return ExitSuccess;
}

int Application::serve(const Config &config)
{
    // HB-4: the certificate and key are checked before anything else, so a bad file stops the hub before it
    // touches the database or a port.
    const TlsFiles tls{config.tlsCertificate, config.tlsKey};
    QString fingerprint;
    if (tls.enabled()) {
        const engine::Result<QString> checked = checkCertificateAndKey(tls.certificatePath, tls.keyPath);
        if (!checked) {
            printError(checked.error().message + QStringLiteral(" Not serving."));
            return ExitUsage;
        }
        fingerprint = checked.value();
    }

    // HB-14: the schema is brought up to date, under the migration lock, before the listener exists.
    int latestVersion = 0;
    MigrationReport report;
    if (const std::optional<int> failed = migrateDatabase(config, &latestVersion, &report)) {
        printError(QStringLiteral("Not serving: the database is not ready."));
        return *failed;
    }
    qCInfo(lcMigrate).noquote() << describe(report);

    Database database(ConnectionString(config.databaseUrl), config.threads, &Store::prepare);
    DatabaseReadiness readiness(database, latestVersion);
    Store store(database);
    const Api api(
        readiness,
        store,
        {double(config.tokenRatePerSecond), config.tokenBurst},
        {{double(config.addressRatePerSecond), config.addressBurst}, config.pairPerMinute, config.pairPerHour});
    HttpLimits limits;
    limits.maxBodyBytes = config.maxBodyBytes;
    limits.readTimeoutS = config.readTimeoutS;
    limits.writeTimeoutS = config.writeTimeoutS;
    limits.threads = config.threads;
    limits.maxQueue = config.maxQueue;
    HttpServer server(api, limits, tls);

    SignalWatcher watcher;
    if (!watcher.isValid()) {
        printError(QStringLiteral("Cannot install the SIGTERM/SIGINT handlers."));
        return ExitFailure;
    }
    if (const engine::Result<void> bound = server.bind(config.listenHost, config.listenPort); !bound) {
        printError(bound.error().message);
        return ExitFailure;
    }
    QObject::connect(&watcher, &SignalWatcher::stopRequested, QCoreApplication::instance(), [&server](int number) {
        qCInfo(lcServer) << "Received signal" << number << "- finishing the requests in flight and stopping.";
        server.stop();
        QCoreApplication::exit(ExitSuccess);
    });
    server.start([] {
        qCCritical(lcServer) << "The HTTP server stopped unexpectedly.";
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [] {
                QCoreApplication::exit(ExitFailure);
            },
            Qt::QueuedConnection);
    });
    TrainingScheduler training(
        ConnectionString(config.databaseUrl),
        config.trainIntervalMin,
        config.modelsKept,
        [&api](auto outcome) {
            api.recordTrainingRun(outcome);
        },
        config.als);
    training.start();
    if (tls.enabled()) {
        qCInfo(lcServer).noquote() << QStringLiteral("Serving HTTPS (TLS 1.2 or newer) with the certificate %1, "
                                                     "public-key SHA-256 fingerprint %2.")
                                          .arg(tls.certificatePath, fingerprint);
    }
    ConcertScheduler concerts(ConnectionString(config.databaseUrl), config.concerts);
    concerts.start();
    qCInfo(lcServer).noquote() << QStringLiteral("Listening on %1:%2 (%3, tunescout-hub %4, schema version %5).")
                                      .arg(config.listenHost)
                                      .arg(config.listenPort)
                                      .arg(tls.enabled() ? QStringLiteral("https") : QStringLiteral("http"))
                                      .arg(QStringLiteral(TUNESCOUT_VERSION))
                                      .arg(latestVersion);
    const int status = QCoreApplication::exec();
    server.stop();
    training.stop();
    qCInfo(lcServer) << "Stopped.";
    return status;
}

} // namespace hub
