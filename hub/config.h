#pragma once

#include "engine/model/result.h"
#include "hub/tls.h"

#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

namespace hub
{

enum class Command {
    Migrate,
    Serve,
    HouseholdCreate, // household create NAME
    Invite, // invite HOUSEHOLD
    DeviceList, // device list [--json]
    DeviceRevoke, // device revoke ID
    Status, // status [--json]
    Train, // train
    CertGenerate, // cert generate --out DIR [--host NAME]... [--ip ADDR]... [--days N] [--force]
    CertFingerprint, // cert fingerprint FILE
    HouseholdLocation, // household location HOUSEHOLD PLACE|LAT,LON [--radius-km N]
    ConcertsRefresh, // concerts refresh
};

// --- Concerts (issue 8): the refresh job's schedule and its providers. Kept apart from the server settings.
struct ConcertConfig {
    int intervalMin = 360; // serve refreshes this often; 0: never (tunescout-hub concerts refresh only)
    int ttlHours = 24; // how long a provider's answer about an artist is used before it is asked again
    QString ticketmasterKey; // empty: Ticketmaster is not used
    QString ticketmasterUrl = QStringLiteral("https://app.ticketmaster.com");
    int ticketmasterRate = 5; // requests a second (Ticketmaster's published limit)
    int ticketmasterDailyBudget = 5000; // requests a UTC day (Ticketmaster's default quota); 0: none
    QString seatGeekClientId; // empty: SeatGeek is not used
    QString seatGeekUrl = QStringLiteral("https://api.seatgeek.com/2");
    int seatGeekRate = 5;
    int seatGeekDailyBudget = 5000;

    bool hasProvider() const
    {
        return !ticketmasterKey.isEmpty() || !seatGeekClientId.isEmpty();
    }
};
// --- end of concerts

// --- ALS training: the model hub/training.cpp trains (the defaults suit a household: a few members, some
// thousands of tracks, so fewer factors than the desktop's 64 and a lighter regularisation).
struct AlsConfig {
    int factors = 32; // latent dimensions of the item factors the clients download
    int iterations = 15;
    double regularization = 0.1;
    double alpha = 2.0; // confidence per log1p(play count)
};
// --- end of ALS training

// The settings of one run, after the command line, the environment, the config file and the defaults were
// combined (in that order of precedence) and validated.
struct Config {
    QString databaseUrl; // may hold a password: never log it
    QString listenHost = QStringLiteral("127.0.0.1");
    quint16 listenPort = 8787;
    qint64 maxBodyBytes = 1024 * 1024;
    int readTimeoutS = 10;
    int writeTimeoutS = 10;
    int threads = 16;
    // HB-10: connections waiting for a worker; more are answered 503 overloaded.
    int maxQueue = 64;
    // HB-5: requests a second per device token, and the burst allowed above that.
    int tokenRatePerSecond = 20;
    int tokenBurst = 40;
    // HB-5 for the routes without a token (pairing, probes, the API document): requests a second per client
    // address and the burst above that.
    int addressRatePerSecond = 20;
    int addressBurst = 40;
    // HB-2: pairing attempts per client address, in a minute and in an hour.
    int pairPerMinute = 5;
    int pairPerHour = 20;
    // HB-4: PEM files; both empty (plain HTTP, behind a TLS reverse proxy) or both set (serve speaks HTTPS).
    QString tlsCertificate;
    QString tlsKey;
    QString migrationsDir; // empty: the migrations compiled into the binary
    int trainIntervalMin = 360; // serve trains this often; 0: never (tunescout-hub train only)
    int modelsKept = 5; // model versions kept after a training run
    ConcertConfig concerts;
    AlsConfig als;
};

// What one run of tunescout-hub was asked to do.
struct Invocation {
    enum class Action {
        Run,
        ShowHelp,
        ShowVersion,
    };
    Action action = Action::Run;
    Command command = Command::Serve;
    // The operands after the command words: the NAME, HOUSEHOLD or ID.
    QString operand;
    bool json = false;
    // household location: the place (a built-in city or LAT,LON) and --radius-km as given (empty: default).
    QString place;
    QString radiusKm;
    Config config;
    CertificateRequest certificate; // cert generate
    QStringList warnings; // for a person: unknown keys, risky but valid choices
};

// The command line on its own, before the environment and the file are consulted.
struct CommandLine {
    bool helpRequested = false;
    bool versionRequested = false;
    bool json = false;
    QString radiusKm; // --radius-km, household location only
    QStringList positionalArguments;
    QHash<QString, QString> values; // setting key ("listen") → value, only for options that were given
    QString configFile;
    // cert generate's options, which are not settings (no environment variable, no file key).
    QString certificateOut;
    QStringList certificateHosts;
    QStringList certificateAddresses;
    QString certificateDays;
    bool certificateForce = false;
};

// The config file to read and where its name came from ("--config" or "TUNESCOUT_HUB_CONFIG").
struct ConfigFileChoice {
    QString path; // empty: no file
    QString source;
};

using Environment = QHash<QString, QString>;
using FileValues = QMap<QString, QString>; // key → value as QSettings read them; sections appear as "section/key"

// Turns arguments, environment and config file into an Invocation. Everything but readConfigFile() is pure,
// so every rule can be tested without processes or files. Error messages are meant for the operator and name
// where the bad value came from; they never repeat a database URL, which may hold a password.
class ConfigParser
{
public:
    static engine::Result<CommandLine> parseCommandLine(const QStringList &arguments);
    static ConfigFileChoice configFile(const CommandLine &commandLine, const Environment &environment);
    static engine::Result<FileValues> readConfigFile(const ConfigFileChoice &choice);
    static engine::Result<Invocation> resolve(const CommandLine &commandLine,
                                              const Environment &environment,
                                              const FileValues &fileValues = {},
                                              const QString &fileName = {});

    // parseCommandLine() and resolve() in one step.
    static engine::Result<Invocation> parse(const QStringList &arguments,
                                            const Environment &environment,
                                            const FileValues &fileValues = {},
                                            const QString &fileName = {});

    // Needs a QCoreApplication (for the program name).
    static QString helpText();
    static QString versionText();
};

} // namespace hub
