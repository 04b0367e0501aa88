#include "hub/config.h"

#include "hub/connectionstring.h"
#include "tunescoutversion.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QUrl>

#include <optional>

#include <arpa/inet.h>

using engine::Error;
using engine::Result;

namespace hub
{

namespace
{

const QString environmentPrefix = QStringLiteral("TUNESCOUT_HUB_");
const QString configEnvironmentVariable = QStringLiteral("TUNESCOUT_HUB_CONFIG");

struct Setting {
    const char *key;
    bool inFile;
    const char *valueName;
    const char *description;
};

// Every setting is a command-line option (--key-with-dashes) and an environment variable
// (TUNESCOUT_HUB_KEY); most are also a key in the config file.
constexpr Setting settings[] = {
    {"database_url", true, "URL", "PostgreSQL connection: a postgresql:// URL or libpq key=value pairs."},
    {"listen", true, "ADDRESS:PORT", "Where serve accepts HTTP. Default 127.0.0.1:8787 (loopback only)."},
    {"max_body_bytes", true, "BYTES", "Largest request body; larger requests get 413. Default 1048576."},
    {"read_timeout_s", true, "SECONDS", "Time allowed to receive a request. Default 10."},
    {"write_timeout_s", true, "SECONDS", "Time allowed to send a response. Default 10."},
    {"threads", true, "N", "HTTP worker threads; keep above the expected open connections. Default 16."},
    {"max_queue",
     true,
     "N",
     "Accepted connections that may wait for a worker thread; one more is answered 503 overloaded at once. "
     "Default 64."},
    {"train_interval",
     true,
     "MINUTES",
     "serve trains the model this often (one trainer across instances); 0: "
     "never. Default 360."},
    {"models_kept", true, "N", "Model versions kept after each training run. Default 5."},
    {"token_rate", true, "N", "Requests a second each device token may send; more get 429. Default 20."},
    {"token_burst", true, "N", "Requests a device token may send at once above token_rate. Default 40."},
    {"address_rate",
     true,
     "N",
     "Requests a second one client address may send to the routes without a token (pair, healthz, readyz, "
     "metrics, openapi.yaml); more get 429. Default 20."},
    {"address_burst",
     true,
     "N",
     "Requests without a token one address may send at once above address_rate. Default 40."},
    {"pair_per_minute", true, "N", "Pairing attempts one client address may make in a minute. Default 5."},
    {"pair_per_hour", true, "N", "Pairing attempts one client address may make in an hour. Default 20."},
    {"tls_cert",
     true,
     "FILE",
     "PEM certificate (chain) serve presents; with tls_key, serve speaks HTTPS (TLS 1.2 or newer). Default: "
     "plain HTTP."},
    {"tls_key", true, "FILE", "PEM private key of tls_cert, unencrypted."},
    {"migrations_dir", false, "DIR", "Read NNNN_*.sql migrations from DIR instead of the built-in ones."},
    // --- Concerts (issue 8): the refresh job and its providers.
    {"concerts_interval",
     true,
     "MINUTES",
     "serve refreshes the households' concerts this often (one refresher across instances); 0: never. Default 360."},
    {"concerts_ttl", true, "HOURS", "A provider's answer about an artist is used this long. Default 24."},
    {"ticketmaster_key", true, "KEY", "Ticketmaster Discovery API key; none: Ticketmaster is not asked."},
    {"ticketmaster_url", true, "URL", "Ticketmaster's base URL. Default https://app.ticketmaster.com."},
    {"ticketmaster_rate", true, "N", "Requests a second to Ticketmaster. Default 5."},
    {"ticketmaster_daily_budget", true, "N", "Requests a UTC day to Ticketmaster, kept across restarts. Default 5000."},
    {"seatgeek_client_id", true, "ID", "SeatGeek client_id; none: SeatGeek is not asked."},
    {"seatgeek_url", true, "URL", "SeatGeek's base URL. Default https://api.seatgeek.com/2."},
    {"seatgeek_rate", true, "N", "Requests a second to SeatGeek. Default 5."},
    {"seatgeek_daily_budget", true, "N", "Requests a UTC day to SeatGeek, kept across restarts. Default 5000."},
    // --- end of concerts
    // --- ALS training (train and serve's schedule).
    {"als_factors", true, "N", "Latent factors of the trained model, 1 to 1024. Default 32."},
    {"als_iterations", true, "N", "ALS iterations a training run makes, 1 to 1000. Default 15."},
    {"als_regularization", true, "NUMBER", "ALS regularisation (lambda), 0 to 10000. Default 0.1."},
    {"als_alpha", true, "NUMBER", "ALS confidence scale for log1p(play count), 0 to 10000. Default 2."},
    // --- end of ALS training
};

QString keyOf(const Setting &setting)
{
    return QString::fromLatin1(setting.key);
}

QString optionName(const Setting &setting)
{
    return keyOf(setting).replace(QLatin1Char('_'), QLatin1Char('-'));
}

QString environmentName(const Setting &setting)
{
    return environmentPrefix + keyOf(setting).toUpper();
}

QStringList fileKeys()
{
    QStringList keys;
    for (const Setting &setting : settings) {
        if (setting.inFile) {
            keys << keyOf(setting);
        }
    }
    return keys;
}

const QString helpHint = QStringLiteral(" Run tunescout-hub --help for the options.");

struct Options {
    QCommandLineOption help;
    QCommandLineOption version;
    QCommandLineOption config;
    QCommandLineOption json;
    QCommandLineOption out;
    QCommandLineOption host;
    QCommandLineOption ip;
    QCommandLineOption days;
    QCommandLineOption force;
    QCommandLineOption radiusKm;
};

const QString commandList = QStringLiteral("migrate, serve, household create, household location, invite, device "
                                           "list, device revoke, status, train, cert generate, cert fingerprint or "
                                           "concerts refresh");

Options addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QStringLiteral("The TuneScout household hub.\n\n"
                       "Commands:\n"
                       "  migrate  Apply the pending database migrations, then exit.\n"
                       "  serve    Apply the pending migrations, then answer HTTP until SIGTERM or SIGINT.\n"
                       "  household create NAME  Create a household; prints its id.\n"
                       "  invite HOUSEHOLD       Print a one-time pairing code for the household (its id or name),\n"
                       "                         valid for 10 minutes.\n"
                       "  device list [--json]   List the paired devices.\n"
                       "  device revoke ID       Revoke a device's token; it is refused from its next request on.\n"
                       "  status [--json]        Households, members, devices, rows per table, schema version.\n"
                       "  train                  Train the model from opted-in members' plays now.\n"
                       "  household location HOUSEHOLD PLACE|LAT,LON [--radius-km N]\n"
                       "                         Set the household's home for concerts: a built-in city or\n"
                       "                         coordinates, and how far to look (default 50 km).\n"
                       "  concerts refresh       Ask the concert providers about the households' artists now.\n"
                       "  cert generate --out DIR [--host NAME]... [--ip ADDR]... [--days N] [--force]\n"
                       "                         Make a self-signed certificate for a home network: DIR/hub.crt and\n"
                       "                         DIR/hub.key (EC P-256, mode 0600), valid for localhost, 127.0.0.1\n"
                       "                         and every --host and --ip; prints the SHA-256 fingerprint of its\n"
                       "                         public key that the clients show at pairing. Needs no database.\n"
                       "  cert fingerprint FILE  Print the SHA-256 fingerprint of a PEM certificate's public key\n"
                       "                         (SubjectPublicKeyInfo), the one the clients pin; the same as\n"
                       "                         openssl x509 -noout -pubkey -in FILE | openssl pkey -pubin\n"
                       "                         -outform der | sha256sum.\n"
                       "The admin commands need the database at this hub's schema version (run migrate first).\n\n"
                       "Each option can also be set in the environment as TUNESCOUT_HUB_<KEY> (for example "
                       "TUNESCOUT_HUB_DATABASE_URL) and, except --migrations-dir, in the INI file named by --config "
                       "or TUNESCOUT_HUB_CONFIG under its key (database_url, listen, max_body_bytes, read_timeout_s, "
                       "write_timeout_s, threads, max_queue, train_interval, models_kept, token_rate, token_burst, "
                       "address_rate, address_burst, pair_per_minute, pair_per_hour, tls_cert, tls_key, and the "
                       "concert keys concerts_interval, concerts_ttl, ticketmaster_*, seatgeek_*). The command line "
                       "wins over the environment, which wins over the file.\n\n"
                       "Exit status: 0 success, 1 failure at run time (database, migration, listening, certificate "
                       "files of cert), 2 bad usage or configuration (also TLS files serve cannot use)."));
    parser.addPositionalArgument(QStringLiteral("command"), commandList);
    Options options{
        parser.addHelpOption(),
        parser.addVersionOption(),
        QCommandLineOption(QStringLiteral("config"),
                           QStringLiteral("Read settings from this INI file (TUNESCOUT_HUB_CONFIG)."),
                           QStringLiteral("FILE")),
        QCommandLineOption(QStringLiteral("json"),
                           QStringLiteral("device list and status: print JSON instead of a table.")),
        QCommandLineOption(QStringLiteral("out"),
                           QStringLiteral("cert generate: the folder for hub.crt and hub.key."),
                           QStringLiteral("DIR")),
        QCommandLineOption(QStringLiteral("host"),
                           QStringLiteral("cert generate: a host name the clients use for the hub "
                                          "(repeatable)."),
                           QStringLiteral("NAME")),
        QCommandLineOption(QStringLiteral("ip"),
                           QStringLiteral("cert generate: an IP address the clients use for the hub "
                                          "(repeatable)."),
                           QStringLiteral("ADDR")),
        QCommandLineOption(
            QStringLiteral("days"),
            QStringLiteral("cert generate: days the certificate is valid. Default %1.").arg(CertificateRequest().days),
            QStringLiteral("N")),
        QCommandLineOption(QStringLiteral("force"),
                           QStringLiteral("cert generate: replace an existing hub.crt and hub.key.")),
        QCommandLineOption(QStringLiteral("radius-km"),
                           QStringLiteral("household location: how far from home to look for concerts, "
                                          "1 to 500 km (default 50)."),
                           QStringLiteral("N"))};
    for (const QCommandLineOption *option : {&options.config,
                                             &options.json,
                                             &options.out,
                                             &options.host,
                                             &options.ip,
                                             &options.days,
                                             &options.force,
                                             &options.radiusKm}) {
        parser.addOption(*option);
    }
    for (const Setting &setting : settings) {
        QCommandLineOption option(optionName(setting),
                                  QString::fromLatin1(setting.description) + QStringLiteral(" (")
                                      + environmentName(setting) + QStringLiteral(")"),
                                  QString::fromLatin1(setting.valueName));
        parser.addOption(option);
    }
    return options;
}

struct Found {
    QString value;
    QString source;
};

class Resolver
{
public:
    Resolver(const CommandLine &commandLine,
             const Environment &environment,
             const FileValues &fileValues,
             const QString &fileName)
        : m_commandLine(commandLine)
        , m_environment(environment)
        , m_fileValues(fileValues)
        , m_fileName(fileName.isEmpty() ? QStringLiteral("the config file") : fileName)
    {
    }

    std::optional<Found> find(const Setting &setting) const
    {
        const QString key = keyOf(setting);
        if (m_commandLine.values.contains(key)) {
            return Found{m_commandLine.values.value(key), QStringLiteral("--") + optionName(setting)};
        }
        const QString fromEnvironment = m_environment.value(environmentName(setting));
        if (!fromEnvironment.isEmpty()) {
            return Found{fromEnvironment, environmentName(setting)};
        }
        const QString fromFile = m_fileValues.value(key);
        if (setting.inFile && !fromFile.isEmpty()) {
            return Found{fromFile, key + QStringLiteral(" in ") + m_fileName};
        }
        return std::nullopt;
    }

    QStringList warnings() const
    {
        QStringList result;
        const QStringList known = fileKeys();
        for (auto it = m_fileValues.cbegin(); it != m_fileValues.cend(); ++it) {
            if (!known.contains(it.key())) {
                result << QStringLiteral("Ignoring the unknown key \"%1\" in %2. Known keys: %3.")
                              .arg(it.key(), m_fileName, known.join(QStringLiteral(", ")));
            }
        }
        QStringList knownVariables{configEnvironmentVariable};
        for (const Setting &setting : settings) {
            knownVariables << environmentName(setting);
        }
        QStringList variables = m_environment.keys();
        variables.sort();
        for (const QString &name : std::as_const(variables)) {
            if (name.startsWith(environmentPrefix) && !knownVariables.contains(name)) {
                result << QStringLiteral("Ignoring the unknown environment variable %1. Known: %2.")
                              .arg(name, knownVariables.join(QStringLiteral(", ")));
            }
        }
        return result;
    }

private:
    const CommandLine &m_commandLine;
    const Environment &m_environment;
    const FileValues &m_fileValues;
    QString m_fileName;
};

const Setting &settingFor(const char *key)
{
    for (const Setting &setting : settings) {
        if (qstrcmp(setting.key, key) == 0) {
            return setting;
        }
    }
    Q_UNREACHABLE();
}

Result<qint64> parseInteger(const Found &found, const char *key, qint64 minimum, qint64 maximum)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    const QString text = found.value.trimmed();
    bool ok = digits.match(text).hasMatch();
    const qint64 value = ok ? text.toLongLong(&ok) : 0;
    if (!ok || value < minimum || value > maximum) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("Invalid %1 \"%2\" from %3: expected a whole number from %4 to %5.")
                         .arg(QString::fromLatin1(key), found.value, found.source)
                         .arg(minimum)
                         .arg(maximum)};
    }
    return value;
}

// The hub links no QtNetwork, so addresses are checked with the C library.
bool isIpv6Address(const QString &host)
{
    in6_addr address = {};
    return ::inet_pton(AF_INET6, host.toLatin1().constData(), &address) == 1;
}

struct ListenAddress {
    QString host;
    quint16 port = 0;
};

Result<ListenAddress> parseListen(const Found &found)
{
    const QString text = found.value.trimmed();
    const QString expected = QStringLiteral(" Expected HOST:PORT such as 127.0.0.1:8787, or [::1]:8787 for IPv6.");
    auto invalid = [&](const QString &why) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("Invalid listen address \"%1\" from %2: %3.").arg(found.value, found.source, why)
                         + expected};
    };
    QString host;
    QString portText;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1String("]:"));
        if (close < 0) {
            return invalid(QStringLiteral("an IPv6 address needs a closing bracket and a port"));
        }
        host = text.mid(1, close - 1);
        portText = text.mid(close + 2);
        if (!isIpv6Address(host)) {
            return invalid(QStringLiteral("\"%1\" is not an IPv6 address").arg(host));
        }
    } else {
        const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
        if (colon < 0) {
            return invalid(QStringLiteral("the port is missing"));
        }
        host = text.left(colon);
        portText = text.mid(colon + 1);
        static const QRegularExpression hostName(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"));
        if (host.isEmpty()) {
            return invalid(QStringLiteral("the address before the port is missing"));
        }
        if (host.contains(QLatin1Char(':'))) {
            return invalid(QStringLiteral("write an IPv6 address in brackets"));
        }
        if (!hostName.match(host).hasMatch()) {
            return invalid(QStringLiteral("\"%1\" is not an IP address or host name").arg(host));
        }
    }
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,5}$"));
    const int port = digits.match(portText).hasMatch() ? portText.toInt() : -1;
    if (port < 1 || port > 65535) {
        return invalid(QStringLiteral("the port \"%1\" is not a number from 1 to 65535").arg(portText));
    }
    return ListenAddress{host, quint16(port)};
}

bool isLoopback(const QString &host)
{
    in_addr ipv4 = {};
    if (::inet_pton(AF_INET, host.toLatin1().constData(), &ipv4) == 1) {
        return (ntohl(ipv4.s_addr) >> 24) == 127;
    }
    in6_addr ipv6 = {};
    if (::inet_pton(AF_INET6, host.toLatin1().constData(), &ipv6) == 1) {
        return IN6_IS_ADDR_LOOPBACK(&ipv6);
    }
    return host == QLatin1String("localhost");
}

// The command words and their operand, checked for count and shape.
std::optional<Error> resolveCommand(const CommandLine &commandLine, Invocation &invocation)
{
    const QStringList &positional = commandLine.positionalArguments;
    if (positional.isEmpty()) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("No command given: use tunescout-hub migrate or tunescout-hub serve.") + helpHint};
    }
    struct Shape {
        QStringList words;
        Command command;
        const char *operandName; // nullptr: none
    };
    const Shape shapes[] = {
        {{QStringLiteral("migrate")}, Command::Migrate, nullptr},
        {{QStringLiteral("serve")}, Command::Serve, nullptr},
        {{QStringLiteral("household"), QStringLiteral("create")}, Command::HouseholdCreate, "NAME"},
        {{QStringLiteral("invite")}, Command::Invite, "HOUSEHOLD"},
        {{QStringLiteral("device"), QStringLiteral("list")}, Command::DeviceList, nullptr},
        {{QStringLiteral("device"), QStringLiteral("revoke")}, Command::DeviceRevoke, "ID"},
        {{QStringLiteral("status")}, Command::Status, nullptr},
        {{QStringLiteral("train")}, Command::Train, nullptr},
        {{QStringLiteral("cert"), QStringLiteral("generate")}, Command::CertGenerate, nullptr},
        {{QStringLiteral("cert"), QStringLiteral("fingerprint")}, Command::CertFingerprint, "FILE"},
        {{QStringLiteral("household"), QStringLiteral("location")}, Command::HouseholdLocation, "HOUSEHOLD"},
        {{QStringLiteral("concerts"), QStringLiteral("refresh")}, Command::ConcertsRefresh, nullptr},
    };
    const Shape *found = nullptr;
    for (const Shape &shape : shapes) {
        if (positional.constFirst() != shape.words.constFirst()) {
            continue;
        }
        if (shape.words.size() == 1 || positional.value(1) == shape.words.at(1)) {
            found = &shape;
            break;
        }
    }
    if (!found) {
        const QHash<QString, QString> subcommands{{QStringLiteral("household"), QStringLiteral("create or location")},
                                                  {QStringLiteral("device"), QStringLiteral("list or revoke")},
                                                  {QStringLiteral("cert"), QStringLiteral("generate or fingerprint")},
                                                  {QStringLiteral("concerts"), QStringLiteral("refresh")}};
        if (subcommands.contains(positional.constFirst())) {
            const QString expected = subcommands.value(positional.constFirst());
            return Error{Error::Code::InvalidInput,
                         QStringLiteral("%1 needs a subcommand: %2.").arg(positional.constFirst(), expected)
                             + helpHint};
        }
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("Unknown command \"%1\": use %2.").arg(positional.constFirst(), commandList)
                         + helpHint};
    }
    invocation.command = found->command;
    const QString commandName = found->words.join(QLatin1Char(' '));
    const qsizetype operands = positional.size() - found->words.size();
    if (found->operandName && operands == 0) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("%1 needs %2.").arg(commandName, QLatin1String(found->operandName)) + helpHint};
    }
    const bool takesPlace = found->command == Command::HouseholdLocation;
    if (takesPlace && operands == 1) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("household location needs the place after the household: a city such as Berlin, "
                                    "or coordinates such as 52.52,13.405.")
                         + helpHint};
    }
    const qsizetype allowed = found->operandName ? (takesPlace ? 2 : 1) : 0;
    if (operands > allowed) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("Unexpected argument \"%1\" after the command %2.")
                             .arg(positional.at(found->words.size() + allowed), commandName)
                         + helpHint};
    }
    if (found->operandName) {
        invocation.operand = positional.at(found->words.size()).trimmed();
        if (invocation.operand.isEmpty()) {
            return Error{
                Error::Code::InvalidInput,
                QStringLiteral("%1 needs a non-empty %2.").arg(commandName, QLatin1String(found->operandName))};
        }
    }
    if (takesPlace) {
        invocation.place = positional.at(found->words.size() + 1).trimmed();
    }
    if (!commandLine.radiusKm.isNull() && !takesPlace) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("--radius-km applies only to household location.") + helpHint};
    }
    invocation.radiusKm = commandLine.radiusKm;
    if (found->command == Command::DeviceRevoke) {
        bool ok = false;
        if (invocation.operand.toLongLong(&ok) <= 0 || !ok) {
            return Error{Error::Code::InvalidInput,
                         QStringLiteral("The device ID \"%1\" is not a number; tunescout-hub device list shows the "
                                        "IDs.")
                             .arg(invocation.operand)};
        }
    }
    if (commandLine.json && found->command != Command::DeviceList && found->command != Command::Status) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("--json applies only to device list and status.") + helpHint};
    }
    invocation.json = commandLine.json;
    const bool certificateOptions = !commandLine.certificateOut.isEmpty() || !commandLine.certificateHosts.isEmpty()
        || !commandLine.certificateAddresses.isEmpty() || !commandLine.certificateDays.isEmpty()
        || commandLine.certificateForce;
    if (certificateOptions && found->command != Command::CertGenerate) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("--out, --host, --ip, --days and --force apply only to cert generate.") + helpHint};
    }
    return std::nullopt;
}

bool isIpAddress(const QString &text)
{
    in_addr ipv4 = {};
    return ::inet_pton(AF_INET, text.toLatin1().constData(), &ipv4) == 1 || isIpv6Address(text);
}

// cert generate's options, checked so that OpenSSL is only ever handed well-formed names.
std::optional<Error> resolveCertificateRequest(const CommandLine &commandLine, CertificateRequest &request)
{
    if (commandLine.certificateOut.trimmed().isEmpty()) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("cert generate needs --out DIR, the folder for hub.crt and hub.key.") + helpHint};
    }
    request.outDir = commandLine.certificateOut;
    // RFC 1123 labels; a leading "*." for a wildcard is not offered: a home hub has one name.
    static const QRegularExpression hostName(QStringLiteral("^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                                                            "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"));
    for (const QString &host : commandLine.certificateHosts) {
        if (!hostName.match(host).hasMatch() || isIpAddress(host)) {
            return Error{Error::Code::InvalidInput,
                         isIpAddress(host)
                             ? QStringLiteral("--host %1 is an IP address: pass it as --ip %1.").arg(host)
                             : QStringLiteral("--host \"%1\" is not a host name (letters, digits, dashes and dots, "
                                              "such as hub.home.arpa).")
                                   .arg(host)};
        }
        request.hosts << host;
    }
    for (const QString &address : commandLine.certificateAddresses) {
        if (!isIpAddress(address)) {
            return Error{
                Error::Code::InvalidInput,
                QStringLiteral("--ip \"%1\" is not an IPv4 or IPv6 address (such as 192.168.1.20).").arg(address)};
        }
        request.addresses << address;
    }
    if (!commandLine.certificateDays.isEmpty()) {
        const Result<qint64> days =
            parseInteger(Found{commandLine.certificateDays, QStringLiteral("--days")}, "days", 1, 36500);
        if (!days) {
            return days.error();
        }
        request.days = int(days.value());
    }
    request.force = commandLine.certificateForce;
    return std::nullopt;
}

// --- Concerts (issue 8)
std::optional<Error> resolveConcerts(const Resolver &resolver, ConcertConfig &concerts)
{
    const struct {
        const char *key;
        qint64 minimum;
        qint64 maximum;
        int ConcertConfig::*field;
    } integers[] = {
        {"concerts_interval", 0, 7 * 24 * 60, &ConcertConfig::intervalMin},
        {"concerts_ttl", 1, 30 * 24, &ConcertConfig::ttlHours},
        {"ticketmaster_rate", 1, 100, &ConcertConfig::ticketmasterRate},
        {"ticketmaster_daily_budget", 0, 10000000, &ConcertConfig::ticketmasterDailyBudget},
        {"seatgeek_rate", 1, 100, &ConcertConfig::seatGeekRate},
        {"seatgeek_daily_budget", 0, 10000000, &ConcertConfig::seatGeekDailyBudget},
    };
    for (const auto &integer : integers) {
        if (const std::optional<Found> found = resolver.find(settingFor(integer.key))) {
            const Result<qint64> value = parseInteger(*found, integer.key, integer.minimum, integer.maximum);
            if (!value) {
                return value.error();
            }
            concerts.*integer.field = int(value.value());
        }
    }
    const struct {
        const char *key;
        QString ConcertConfig::*field;
        bool isUrl;
    } texts[] = {
        {"ticketmaster_key", &ConcertConfig::ticketmasterKey, false},
        {"ticketmaster_url", &ConcertConfig::ticketmasterUrl, true},
        {"seatgeek_client_id", &ConcertConfig::seatGeekClientId, false},
        {"seatgeek_url", &ConcertConfig::seatGeekUrl, true},
    };
    for (const auto &text : texts) {
        const std::optional<Found> found = resolver.find(settingFor(text.key));
        if (!found) {
            continue;
        }
        const QString value = found->value.trimmed();
        if (text.isUrl) {
            const QUrl url(value, QUrl::StrictMode);
            if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
                || url.host().isEmpty()) {
                return Error{Error::Code::InvalidInput,
                             QStringLiteral("Invalid %1 \"%2\" from %3: expected an http:// or https:// URL.")
                                 .arg(QLatin1String(text.key), found->value, found->source)};
            }
        } else if (value.contains(QRegularExpression(QStringLiteral("\\s")))) {
            // A key is never repeated in a message: it is a credential.
            return Error{Error::Code::InvalidInput,
                         QStringLiteral("The %1 from %2 contains white space; paste the key exactly as the "
                                        "provider's developer portal shows it.")
                             .arg(QLatin1String(text.key), found->source)};
        }
        concerts.*text.field = value;
    }
    return std::nullopt;
}
// --- end of concerts

// --- ALS training
std::optional<Error> resolveAls(const Resolver &resolver, AlsConfig &als)
{
    const struct {
        const char *key;
        qint64 maximum;
        int AlsConfig::*field;
    } integers[] = {
        {"als_factors", 1024, &AlsConfig::factors},
        {"als_iterations", 1000, &AlsConfig::iterations},
    };
    for (const auto &integer : integers) {
        if (const std::optional<Found> found = resolver.find(settingFor(integer.key))) {
            const Result<qint64> value = parseInteger(*found, integer.key, 1, integer.maximum);
            if (!value) {
                return value.error();
            }
            als.*integer.field = int(value.value());
        }
    }
    const struct {
        const char *key;
        double AlsConfig::*field;
    } numbers[] = {
        {"als_regularization", &AlsConfig::regularization},
        {"als_alpha", &AlsConfig::alpha},
    };
    constexpr double largest = 10000;
    // Plain decimals only: no sign, exponent, "nan" or "inf", and a dot whatever the locale.
    static const QRegularExpression decimal(QStringLiteral("^[0-9]+(\\.[0-9]+)?$"));
    for (const auto &number : numbers) {
        const std::optional<Found> found = resolver.find(settingFor(number.key));
        if (!found) {
            continue;
        }
        const QString text = found->value.trimmed();
        bool ok = decimal.match(text).hasMatch();
        const double value = ok ? text.toDouble(&ok) : 0;
        if (!ok || value > largest) {
            return Error{Error::Code::InvalidInput,
                         QStringLiteral("Invalid %1 \"%2\" from %3: expected a number from 0 to %4, such as 0.1.")
                             .arg(QLatin1String(number.key), found->value, found->source)
                             .arg(largest)};
        }
        als.*number.field = value;
    }
    return std::nullopt;
}
// --- end of ALS training

} // namespace

Result<CommandLine> ConfigParser::parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    const Options options = addOptions(parser);
    if (!parser.parse(arguments)) {
        return Error{Error::Code::InvalidInput, parser.errorText() + helpHint};
    }
    CommandLine commandLine;
    commandLine.helpRequested = parser.isSet(options.help);
    commandLine.versionRequested = parser.isSet(options.version);
    commandLine.json = parser.isSet(options.json);
    if (parser.isSet(options.radiusKm)) {
        commandLine.radiusKm = parser.value(options.radiusKm);
    }
    commandLine.positionalArguments = parser.positionalArguments();
    commandLine.configFile = parser.value(options.config);
    commandLine.certificateOut = parser.value(options.out);
    commandLine.certificateHosts = parser.values(options.host);
    commandLine.certificateAddresses = parser.values(options.ip);
    commandLine.certificateDays = parser.value(options.days);
    commandLine.certificateForce = parser.isSet(options.force);
    if (parser.isSet(options.config) && commandLine.configFile.isEmpty()) {
        return Error{Error::Code::InvalidInput, QStringLiteral("--config needs the path of an INI file.") + helpHint};
    }
    for (const Setting &setting : settings) {
        if (parser.isSet(optionName(setting))) {
            commandLine.values.insert(keyOf(setting), parser.value(optionName(setting)));
        }
    }
    return commandLine;
}

ConfigFileChoice ConfigParser::configFile(const CommandLine &commandLine, const Environment &environment)
{
    if (!commandLine.configFile.isEmpty()) {
        return {commandLine.configFile, QStringLiteral("--config")};
    }
    const QString fromEnvironment = environment.value(configEnvironmentVariable);
    if (!fromEnvironment.isEmpty()) {
        return {fromEnvironment, configEnvironmentVariable};
    }
    return {};
}

Result<FileValues> ConfigParser::readConfigFile(const ConfigFileChoice &choice)
{
    if (choice.path.isEmpty()) {
        return FileValues{};
    }
    const QFileInfo info(choice.path);
    if (!info.exists()) {
        return Error{Error::Code::NotFound,
                     QStringLiteral("The config file %1 (named by %2) does not exist. Fix the path, or unset %2 to "
                                    "use only the command line, the environment and the defaults.")
                         .arg(choice.path, choice.source)};
    }
    if (!info.isFile() || !info.isReadable()) {
        return Error{Error::Code::Io,
                     QStringLiteral("The config file %1 (named by %2) is not a readable file. Check that it is a "
                                    "file and that this user may read it.")
                         .arg(choice.path, choice.source)};
    }
    QSettings file(choice.path, QSettings::IniFormat);
    FileValues values;
    const QStringList keys = file.allKeys();
    for (const QString &key : keys) {
        const QVariant value = file.value(key);
        // An unquoted comma makes QSettings split a value into a list; a libpq string may contain commas.
        values.insert(key,
                      value.typeId() == QMetaType::QStringList ? value.toStringList().join(QLatin1Char(','))
                                                               : value.toString());
    }
    if (file.status() == QSettings::AccessError) {
        return Error{Error::Code::Io, QStringLiteral("Cannot read the config file %1.").arg(choice.path)};
    }
    if (file.status() == QSettings::FormatError) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("The config file %1 is not a valid INI file: write one key = value per line, "
                                    "for example listen = 127.0.0.1:8787.")
                         .arg(choice.path)};
    }
    return values;
}

Result<Invocation> ConfigParser::resolve(const CommandLine &commandLine,
                                         const Environment &environment,
                                         const FileValues &fileValues,
                                         const QString &fileName)
{
    Invocation invocation;
    if (commandLine.helpRequested) {
        invocation.action = Invocation::Action::ShowHelp;
        return invocation;
    }
    if (commandLine.versionRequested) {
        invocation.action = Invocation::Action::ShowVersion;
        return invocation;
    }

    if (const std::optional<Error> error = resolveCommand(commandLine, invocation)) {
        return *error;
    }

    const Resolver resolver(commandLine, environment, fileValues, fileName);
    invocation.warnings = resolver.warnings();
    Config &config = invocation.config;

    // The certificate commands work on files only: no database, no other setting matters.
    if (invocation.command == Command::CertGenerate) {
        if (const std::optional<Error> error = resolveCertificateRequest(commandLine, invocation.certificate)) {
            return *error;
        }
        return invocation;
    }
    if (invocation.command == Command::CertFingerprint) {
        return invocation;
    }

    const std::optional<Found> database = resolver.find(settingFor("database_url"));
    if (!database || database->value.trimmed().isEmpty()) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("No database is configured. Pass --database-url, set TUNESCOUT_HUB_DATABASE_URL, "
                                    "or set database_url in the config file, for example "
                                    "postgresql://tunescout@127.0.0.1:5432/tunescout.")};
    }
    if (!ConnectionString(database->value).isWellFormed()) {
        // The value itself is not repeated: it may hold a password.
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("The database URL from %1 is not a PostgreSQL connection string. Use a URL such "
                                    "as postgresql://USER@HOST:5432/DBNAME or key=value pairs such as "
                                    "\"host=127.0.0.1 dbname=tunescout\".")
                         .arg(database->source)};
    }
    config.databaseUrl = database->value.trimmed();

    if (const std::optional<Found> listen = resolver.find(settingFor("listen"))) {
        const Result<ListenAddress> address = parseListen(*listen);
        if (!address) {
            return address.error();
        }
        config.listenHost = address.value().host;
        config.listenPort = address.value().port;
    }

    struct IntegerSetting {
        const char *key;
        qint64 minimum;
        qint64 maximum;
    };
    const IntegerSetting integers[] = {
        {"max_body_bytes", 1, qint64(1) << 30},
        {"read_timeout_s", 1, 3600},
        {"write_timeout_s", 1, 3600},
        {"threads", 1, 1024},
        {"max_queue", 1, 100000},
        {"train_interval", 0, 7 * 24 * 60},
        {"models_kept", 1, 100},
        {"token_rate", 1, 1000000},
        {"token_burst", 1, 1000000},
        {"address_rate", 1, 1000000},
        {"address_burst", 1, 1000000},
        {"pair_per_minute", 1, 1000000},
        {"pair_per_hour", 1, 1000000},
    };
    for (const IntegerSetting &integer : integers) {
        const std::optional<Found> found = resolver.find(settingFor(integer.key));
        if (!found) {
            continue;
        }
        const Result<qint64> value = parseInteger(*found, integer.key, integer.minimum, integer.maximum);
        if (!value) {
            return value.error();
        }
        const QLatin1String key(integer.key);
        if (key == QLatin1String("max_body_bytes")) {
            config.maxBodyBytes = value.value();
        } else if (key == QLatin1String("read_timeout_s")) {
            config.readTimeoutS = int(value.value());
        } else if (key == QLatin1String("write_timeout_s")) {
            config.writeTimeoutS = int(value.value());
        } else if (key == QLatin1String("threads")) {
            config.threads = int(value.value());
        } else if (key == QLatin1String("max_queue")) {
            config.maxQueue = int(value.value());
        } else if (key == QLatin1String("train_interval")) {
            config.trainIntervalMin = int(value.value());
        } else if (key == QLatin1String("models_kept")) {
            config.modelsKept = int(value.value());
        } else if (key == QLatin1String("token_rate")) {
            config.tokenRatePerSecond = int(value.value());
        } else if (key == QLatin1String("token_burst")) {
            config.tokenBurst = int(value.value());
        } else if (key == QLatin1String("address_rate")) {
            config.addressRatePerSecond = int(value.value());
        } else if (key == QLatin1String("address_burst")) {
            config.addressBurst = int(value.value());
        } else if (key == QLatin1String("pair_per_minute")) {
            config.pairPerMinute = int(value.value());
        } else {
            config.pairPerHour = int(value.value());
        }
    }
    if (config.pairPerHour < config.pairPerMinute) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("pair_per_hour (%1) is below pair_per_minute (%2): an hour's attempts include "
                                    "each minute's.")
                         .arg(config.pairPerHour)
                         .arg(config.pairPerMinute)};
    }

    const std::optional<Found> certificate = resolver.find(settingFor("tls_cert"));
    const std::optional<Found> key = resolver.find(settingFor("tls_key"));
    if (certificate.has_value() != key.has_value()) {
        const Found &given = certificate ? *certificate : *key;
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("Only half of the TLS setting is given (%1): HTTPS needs both tls_cert and tls_key "
                                    "(--tls-cert/--tls-key, TUNESCOUT_HUB_TLS_CERT/TUNESCOUT_HUB_TLS_KEY). Set the "
                                    "other, or remove this one to serve plain HTTP behind a reverse proxy.")
                         .arg(given.source)};
    }
    if (certificate) {
        config.tlsCertificate = certificate->value.trimmed();
        config.tlsKey = key->value.trimmed();
    }

    if (const std::optional<Found> migrations = resolver.find(settingFor("migrations_dir"))) {
        if (migrations->value.trimmed().isEmpty()) {
            return Error{Error::Code::InvalidInput,
                         QStringLiteral("%1 needs the path of a folder of NNNN_*.sql files.").arg(migrations->source)};
        }
        config.migrationsDir = migrations->value;
    }

    if (const std::optional<Error> error = resolveConcerts(resolver, config.concerts)) {
        return *error;
    }
    if (const std::optional<Error> error = resolveAls(resolver, config.als)) {
        return *error;
    }

    if (invocation.command == Command::Serve && config.tlsCertificate.isEmpty() && !isLoopback(config.listenHost)) {
        invocation.warnings << QStringLiteral("Serving plain HTTP on %1:%2, beyond this machine. Put a TLS reverse "
                                              "proxy in front of the hub and keep the hub itself on 127.0.0.1.")
                                   .arg(config.listenHost)
                                   .arg(config.listenPort);
    }
    return invocation;
}

Result<Invocation> ConfigParser::parse(const QStringList &arguments,
                                       const Environment &environment,
                                       const FileValues &fileValues,
                                       const QString &fileName)
{
    const Result<CommandLine> commandLine = parseCommandLine(arguments);
    if (!commandLine) {
        return commandLine.error();
    }
    return resolve(commandLine.value(), environment, fileValues, fileName);
}

QString ConfigParser::helpText()
{
    QCommandLineParser parser;
    addOptions(parser);
    return parser.helpText();
}

QString ConfigParser::versionText()
{
    return QStringLiteral("tunescout-hub %1\n").arg(QStringLiteral(TUNESCOUT_VERSION));
}

} // namespace hub
