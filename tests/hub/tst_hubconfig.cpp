#include "hub/config.h"
#include "hub/connectionstring.h"
#include "tunescoutversion.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using hub::ConfigParser;
using hub::Environment;
using hub::FileValues;
using hub::Invocation;

namespace
{

const QString fileName = QStringLiteral("/etc/tunescout/hub.ini");
const QString database = QStringLiteral("postgresql://tunescout@127.0.0.1:5432/tunescout");

engine::Result<Invocation>
parse(QStringList arguments, const Environment &environment = {}, const FileValues &file = {})
{
    arguments.prepend(QStringLiteral("tunescout-hub"));
    return ConfigParser::parse(arguments, environment, file, fileName);
}

QStringList serveWithDatabase(const QStringList &more = {})
{
    return QStringList{QStringLiteral("serve"), QStringLiteral("--database-url"), database} + more;
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

} // namespace

class TestHubConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void commands_data();
    void commands();
    void helpAndVersionIgnoreTheRest_data();
    void helpAndVersionIgnoreTheRest();
    void helpNamesEveryVariableAndKey();
    void precedence_data();
    void precedence();
    void everySettingFromEachSource_data();
    void everySettingFromEachSource();
    void listenAddresses_data();
    void listenAddresses();
    void errors_data();
    void errors();
    void databaseUrlIsNeverRepeated();
    void warnings_data();
    void warnings();
    void certGenerateOptions();
    void configFileChoice();
    void readsIniFiles();
    void configFileErrors();
    void connectionStringShapes_data();
    void connectionStringShapes();
    void redactsPasswords_data();
    void redactsPasswords();
    void concertSettings();
    void alsSettings();
    void alsSettingErrors_data();
    void alsSettingErrors();
    void packagedExampleConfigIsValid();
};

void TestHubConfig::defaults()
{
    const auto result = parse(serveWithDatabase());
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const Invocation &invocation = result.value();
    QCOMPARE(invocation.action, Invocation::Action::Run);
    QCOMPARE(invocation.command, hub::Command::Serve);
    QCOMPARE(invocation.config.databaseUrl, database);
    QCOMPARE(invocation.config.listenHost, QStringLiteral("127.0.0.1"));
    QCOMPARE(invocation.config.listenPort, quint16(8787));
    QCOMPARE(invocation.config.maxBodyBytes, qint64(1024 * 1024));
    QCOMPARE(invocation.config.readTimeoutS, 10);
    QCOMPARE(invocation.config.writeTimeoutS, 10);
    QCOMPARE(invocation.config.threads, 16);
    QCOMPARE(invocation.config.maxQueue, 64);
    QCOMPARE(invocation.config.tokenRatePerSecond, 20);
    QCOMPARE(invocation.config.tokenBurst, 40);
    QCOMPARE(invocation.config.addressRatePerSecond, 20);
    QCOMPARE(invocation.config.addressBurst, 40);
    QCOMPARE(invocation.config.pairPerMinute, 5);
    QCOMPARE(invocation.config.pairPerHour, 20);
    // Plain HTTP unless both TLS files are given.
    QVERIFY(invocation.config.tlsCertificate.isEmpty());
    QVERIFY(invocation.config.tlsKey.isEmpty());
    QVERIFY(invocation.config.migrationsDir.isEmpty());
    QCOMPARE(invocation.warnings, QStringList());
}

void TestHubConfig::commands_data()
{
    QTest::addColumn<QStringList>("words");
    QTest::addColumn<hub::Command>("expected");
    QTest::addColumn<QString>("operand");
    QTest::addColumn<bool>("json");
    QTest::addRow("migrate") << QStringList{QStringLiteral("migrate")} << hub::Command::Migrate << QString() << false;
    QTest::addRow("serve") << QStringList{QStringLiteral("serve")} << hub::Command::Serve << QString() << false;
    QTest::addRow("household create") << QStringList{QStringLiteral("household"),
                                                     QStringLiteral("create"),
                                                     QStringLiteral("The Smiths")}
                                      << hub::Command::HouseholdCreate << QStringLiteral("The Smiths") << false;
    QTest::addRow("invite") << QStringList{QStringLiteral("invite"), QStringLiteral("3")} << hub::Command::Invite
                            << QStringLiteral("3") << false;
    QTest::addRow("device list") << QStringList{QStringLiteral("device"), QStringLiteral("list")}
                                 << hub::Command::DeviceList << QString() << false;
    QTest::addRow("device list --json") << QStringList{QStringLiteral("device"),
                                                       QStringLiteral("list"),
                                                       QStringLiteral("--json")}
                                        << hub::Command::DeviceList << QString() << true;
    QTest::addRow("device revoke") << QStringList{QStringLiteral("device"),
                                                  QStringLiteral("revoke"),
                                                  QStringLiteral("12")}
                                   << hub::Command::DeviceRevoke << QStringLiteral("12") << false;
    QTest::addRow("status") << QStringList{QStringLiteral("status")} << hub::Command::Status << QString() << false;
    QTest::addRow("household location") << QStringList{QStringLiteral("household"),
                                                       QStringLiteral("location"),
                                                       QStringLiteral("Home"),
                                                       QStringLiteral("Berlin")}
                                        << hub::Command::HouseholdLocation << QStringLiteral("Home") << false;
    QTest::addRow("concerts refresh") << QStringList{QStringLiteral("concerts"), QStringLiteral("refresh")}
                                      << hub::Command::ConcertsRefresh << QString() << false;
    QTest::addRow("status --json") << QStringList{QStringLiteral("status"), QStringLiteral("--json")}
                                   << hub::Command::Status << QString() << true;
}

void TestHubConfig::commands()
{
    QFETCH(QStringList, words);
    QFETCH(hub::Command, expected);
    QFETCH(QString, operand);
    QFETCH(bool, json);
    const auto before = parse(words + QStringList{QStringLiteral("--database-url"), database});
    QVERIFY2(before.ok(), before.ok() ? "" : qPrintable(before.error().message));
    QCOMPARE(before.value().command, expected);
    QCOMPARE(before.value().operand, operand);
    QCOMPARE(before.value().json, json);
    // Options may come before the command as well.
    const auto after = parse(QStringList{QStringLiteral("--database-url"), database} + words);
    QVERIFY(after.ok());
    QCOMPARE(after.value().command, expected);
    QCOMPARE(after.value().operand, operand);
}

void TestHubConfig::helpAndVersionIgnoreTheRest_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Invocation::Action>("expected");
    QTest::addRow("--help") << QStringList{QStringLiteral("--help")} << Invocation::Action::ShowHelp;
    QTest::addRow("-h with a command") << QStringList{QStringLiteral("serve"), QStringLiteral("-h")}
                                       << Invocation::Action::ShowHelp;
    QTest::addRow("--version") << QStringList{QStringLiteral("--version")} << Invocation::Action::ShowVersion;
}

void TestHubConfig::helpAndVersionIgnoreTheRest()
{
    QFETCH(QStringList, arguments);
    QFETCH(Invocation::Action, expected);
    // A broken environment must not stand between the operator and --help.
    const Environment broken{{QStringLiteral("TUNESCOUT_HUB_LISTEN"), QStringLiteral("nonsense")}};
    const auto result = parse(arguments, broken);
    QVERIFY(result.ok());
    QCOMPARE(result.value().action, expected);
}

void TestHubConfig::helpNamesEveryVariableAndKey()
{
    const QString help = ConfigParser::helpText();
    for (const char *name : {"TUNESCOUT_HUB_DATABASE_URL",
                             "TUNESCOUT_HUB_LISTEN",
                             "TUNESCOUT_HUB_MAX_BODY_BYTES",
                             "TUNESCOUT_HUB_READ_TIMEOUT_S",
                             "TUNESCOUT_HUB_WRITE_TIMEOUT_S",
                             "TUNESCOUT_HUB_THREADS",
                             "TUNESCOUT_HUB_MAX_QUEUE",
                             "TUNESCOUT_HUB_TOKEN_RATE",
                             "TUNESCOUT_HUB_TOKEN_BURST",
                             "TUNESCOUT_HUB_ADDRESS_RATE",
                             "TUNESCOUT_HUB_ADDRESS_BURST",
                             "TUNESCOUT_HUB_PAIR_PER_MINUTE",
                             "TUNESCOUT_HUB_PAIR_PER_HOUR",
                             "TUNESCOUT_HUB_TLS_CERT",
                             "TUNESCOUT_HUB_TLS_KEY",
                             "--tls-cert",
                             "--tls-key",
                             "tls_cert",
                             "tls_key",
                             "cert generate --out DIR [--host NAME]... [--ip ADDR]... [--days N] [--force]",
                             "cert fingerprint FILE",
                             "TUNESCOUT_HUB_MIGRATIONS_DIR",
                             "TUNESCOUT_HUB_CONFIG",
                             "--database-url",
                             "--listen",
                             "--migrations-dir",
                             "--config",
                             "database_url",
                             "max_body_bytes",
                             "read_timeout_s",
                             "write_timeout_s",
                             "threads",
                             "max_queue",
                             "--max-queue",
                             "migrate",
                             "serve",
                             "household create NAME",
                             "invite HOUSEHOLD",
                             "device list [--json]",
                             "device revoke ID",
                             "status [--json]",
                             "127.0.0.1:8787"}) {
        QVERIFY2(help.contains(QLatin1String(name)), name);
    }
    QVERIFY(ConfigParser::versionText().contains(QStringLiteral(TUNESCOUT_VERSION)));
}

void TestHubConfig::precedence_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Environment>("environment");
    QTest::addColumn<FileValues>("file");
    QTest::addColumn<quint16>("expectedPort");

    const FileValues file{{QStringLiteral("listen"), QStringLiteral("127.0.0.1:1001")}};
    const Environment environment{{QStringLiteral("TUNESCOUT_HUB_LISTEN"), QStringLiteral("127.0.0.1:1002")}};
    const QStringList commandLine = serveWithDatabase({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:1003")});

    QTest::addRow("default") << serveWithDatabase() << Environment() << FileValues() << quint16(8787);
    QTest::addRow("file over default") << serveWithDatabase() << Environment() << file << quint16(1001);
    QTest::addRow("environment over file") << serveWithDatabase() << environment << file << quint16(1002);
    QTest::addRow("command line over environment") << commandLine << environment << file << quint16(1003);
    QTest::addRow("command line over file") << commandLine << Environment() << file << quint16(1003);
    QTest::addRow("empty environment variable is unset")
        << serveWithDatabase() << Environment{{QStringLiteral("TUNESCOUT_HUB_LISTEN"), QString()}} << file
        << quint16(1001);
    QTest::addRow("empty file value is unset")
        << serveWithDatabase() << Environment() << FileValues{{QStringLiteral("listen"), QString()}} << quint16(8787);
}

void TestHubConfig::precedence()
{
    QFETCH(QStringList, arguments);
    QFETCH(Environment, environment);
    QFETCH(FileValues, file);
    QFETCH(quint16, expectedPort);
    const auto result = parse(arguments, environment, file);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().config.listenPort, expectedPort);
}

void TestHubConfig::everySettingFromEachSource_data()
{
    QTest::addColumn<QString>("source");
    QTest::addRow("command line") << QStringLiteral("command line");
    QTest::addRow("environment") << QStringLiteral("environment");
    QTest::addRow("file") << QStringLiteral("file");
}

void TestHubConfig::everySettingFromEachSource()
{
    QFETCH(QString, source);
    const QList<std::pair<QString, QString>> values{
        {QStringLiteral("database_url"), QStringLiteral("host=db.example dbname=hub")},
        {QStringLiteral("listen"), QStringLiteral("[::1]:9000")},
        {QStringLiteral("max_body_bytes"), QStringLiteral("4096")},
        {QStringLiteral("read_timeout_s"), QStringLiteral("3")},
        {QStringLiteral("write_timeout_s"), QStringLiteral("4")},
        {QStringLiteral("threads"), QStringLiteral("64")},
        {QStringLiteral("max_queue"), QStringLiteral("12")},
        {QStringLiteral("token_rate"), QStringLiteral("5")},
        {QStringLiteral("token_burst"), QStringLiteral("7")},
        {QStringLiteral("address_rate"), QStringLiteral("3")},
        {QStringLiteral("address_burst"), QStringLiteral("9")},
        {QStringLiteral("pair_per_minute"), QStringLiteral("2")},
        {QStringLiteral("pair_per_hour"), QStringLiteral("11")},
        {QStringLiteral("tls_cert"), QStringLiteral("/srv/hub/hub.crt")},
        {QStringLiteral("tls_key"), QStringLiteral("/srv/hub/hub.key")},
    };
    QStringList arguments{QStringLiteral("serve")};
    Environment environment;
    FileValues file;
    for (const auto &[key, value] : values) {
        if (source == QLatin1String("command line")) {
            arguments << QStringLiteral("--") + QString(key).replace(QLatin1Char('_'), QLatin1Char('-')) << value;
        } else if (source == QLatin1String("environment")) {
            environment.insert(QStringLiteral("TUNESCOUT_HUB_") + key.toUpper(), value);
        } else {
            file.insert(key, value);
        }
    }
    const auto result = parse(arguments, environment, file);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const hub::Config &config = result.value().config;
    QCOMPARE(config.databaseUrl, QStringLiteral("host=db.example dbname=hub"));
    QCOMPARE(config.listenHost, QStringLiteral("::1"));
    QCOMPARE(config.listenPort, quint16(9000));
    QCOMPARE(config.maxBodyBytes, qint64(4096));
    QCOMPARE(config.readTimeoutS, 3);
    QCOMPARE(config.writeTimeoutS, 4);
    QCOMPARE(config.threads, 64);
    QCOMPARE(config.maxQueue, 12);
    QCOMPARE(config.tokenRatePerSecond, 5);
    QCOMPARE(config.tokenBurst, 7);
    QCOMPARE(config.addressRatePerSecond, 3);
    QCOMPARE(config.addressBurst, 9);
    QCOMPARE(config.pairPerMinute, 2);
    QCOMPARE(config.pairPerHour, 11);
    QCOMPARE(config.tlsCertificate, QStringLiteral("/srv/hub/hub.crt"));
    QCOMPARE(config.tlsKey, QStringLiteral("/srv/hub/hub.key"));
    QCOMPARE(result.value().warnings, QStringList());
}

void TestHubConfig::listenAddresses_data()
{
    QTest::addColumn<QString>("listen");
    QTest::addColumn<QString>("host");
    QTest::addColumn<quint16>("port");
    QTest::addRow("ipv4") << QStringLiteral("127.0.0.1:8080") << QStringLiteral("127.0.0.1") << quint16(8080);
    QTest::addRow("ipv6") << QStringLiteral("[::1]:8080") << QStringLiteral("::1") << quint16(8080);
    QTest::addRow("host name") << QStringLiteral("localhost:1") << QStringLiteral("localhost") << quint16(1);
    QTest::addRow("highest port") << QStringLiteral("127.0.0.1:65535") << QStringLiteral("127.0.0.1") << quint16(65535);
    QTest::addRow("surrounding spaces") << QStringLiteral(" 127.0.0.1:8080 ") << QStringLiteral("127.0.0.1")
                                        << quint16(8080);
}

void TestHubConfig::listenAddresses()
{
    QFETCH(QString, listen);
    QFETCH(QString, host);
    QFETCH(quint16, port);
    const auto result = parse(serveWithDatabase({QStringLiteral("--listen"), listen}));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().config.listenHost, host);
    QCOMPARE(result.value().config.listenPort, port);
}

void TestHubConfig::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Environment>("environment");
    QTest::addColumn<FileValues>("file");
    QTest::addColumn<QString>("expected");

    auto withListen = [](const QString &value) {
        return serveWithDatabase({QStringLiteral("--listen"), value});
    };
    auto invalidListen = [](const QString &value, const QString &why) {
        return QStringLiteral("Invalid listen address \"%1\" from --listen: %2").arg(value, why);
    };
    auto invalidNumber = [](const char *key, const char *value, const QString &source, int minimum, int maximum) {
        return QStringLiteral("Invalid %1 \"%2\" from %3: expected a whole number from %4 to %5.")
            .arg(QLatin1String(key), QLatin1String(value), source)
            .arg(minimum)
            .arg(maximum);
    };
    const Environment none;
    const FileValues noFile;

    QTest::addRow("no command") << QStringList() << none << noFile
                                << QStringLiteral("No command given: use tunescout-hub migrate or tunescout-hub "
                                                  "serve. Run tunescout-hub --help for the options.");
    QTest::addRow("unknown command")
        << QStringList{QStringLiteral("households")} << none << noFile
        << QStringLiteral("Unknown command \"households\": use migrate, serve, household create, household location, "
                          "invite, device list, device revoke, status, train, cert generate, cert fingerprint or "
                          "concerts refresh.");
    QTest::addRow("household without subcommand")
        << QStringList{QStringLiteral("household")} << none << noFile
        << QStringLiteral("household needs a subcommand: create or location.");
    QTest::addRow("concerts without subcommand") << QStringList{QStringLiteral("concerts")} << none << noFile
                                                 << QStringLiteral("concerts needs a subcommand: refresh.");
    QTest::addRow("household location without place")
        << QStringList{QStringLiteral("household"), QStringLiteral("location"), QStringLiteral("1")} << none << noFile
        << QStringLiteral("household location needs the place after the household: a city such as Berlin, or "
                          "coordinates such as 52.52,13.405.");
    QTest::addRow("--radius-km elsewhere")
        << QStringList{QStringLiteral("concerts"),
                       QStringLiteral("refresh"),
                       QStringLiteral("--radius-km"),
                       QStringLiteral("5")}
        << none << noFile << QStringLiteral("--radius-km applies only to household location.");
    QTest::addRow("ticketmaster_url not http")
        << QStringList{QStringLiteral("serve")}
        << Environment{{QStringLiteral("TUNESCOUT_HUB_DATABASE_URL"), database},
                       {QStringLiteral("TUNESCOUT_HUB_TICKETMASTER_URL"), QStringLiteral("ftp://tm.example")}}
        << noFile
        << QStringLiteral("Invalid ticketmaster_url \"ftp://tm.example\" from TUNESCOUT_HUB_TICKETMASTER_URL: "
                          "expected an http:// or https:// URL.");
    QTest::addRow("ticketmaster_key with a space")
        << QStringList{QStringLiteral("serve")}
        << Environment{{QStringLiteral("TUNESCOUT_HUB_DATABASE_URL"), database},
                       {QStringLiteral("TUNESCOUT_HUB_TICKETMASTER_KEY"), QStringLiteral("abc def")}}
        << noFile << QStringLiteral("The ticketmaster_key from TUNESCOUT_HUB_TICKETMASTER_KEY contains white space");
    QTest::addRow("daily budget negative")
        << QStringList{QStringLiteral("serve")}
        << Environment{{QStringLiteral("TUNESCOUT_HUB_DATABASE_URL"), database},
                       {QStringLiteral("TUNESCOUT_HUB_SEATGEEK_DAILY_BUDGET"), QStringLiteral("-1")}}
        << noFile
        << QStringLiteral("Invalid seatgeek_daily_budget \"-1\" from TUNESCOUT_HUB_SEATGEEK_DAILY_BUDGET: expected a "
                          "whole number from 0 to 10000000.");
    QTest::addRow("device with unknown subcommand")
        << QStringList{QStringLiteral("device"), QStringLiteral("delete"), QStringLiteral("3")} << none << noFile
        << QStringLiteral("device needs a subcommand: list or revoke.");
    QTest::addRow("household create without name") << QStringList{QStringLiteral("household"), QStringLiteral("create")}
                                                   << none << noFile << QStringLiteral("household create needs NAME.");
    QTest::addRow("household create with blank name")
        << QStringList{QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("  ")} << none << noFile
        << QStringLiteral("household create needs a non-empty NAME.");
    QTest::addRow("household create with two names")
        << QStringList{QStringLiteral("household"), QStringLiteral("create"), QStringLiteral("A"), QStringLiteral("B")}
        << none << noFile << QStringLiteral("Unexpected argument \"B\" after the command household create.");
    QTest::addRow("invite without household")
        << QStringList{QStringLiteral("invite")} << none << noFile << QStringLiteral("invite needs HOUSEHOLD.");
    QTest::addRow("device revoke without id") << QStringList{QStringLiteral("device"), QStringLiteral("revoke")} << none
                                              << noFile << QStringLiteral("device revoke needs ID.");
    QTest::addRow("device revoke with a name")
        << QStringList{QStringLiteral("device"), QStringLiteral("revoke"), QStringLiteral("laptop")} << none << noFile
        << QStringLiteral("The device ID \"laptop\" is not a number; tunescout-hub device list shows the IDs.");
    QTest::addRow("device list with an argument")
        << QStringList{QStringLiteral("device"), QStringLiteral("list"), QStringLiteral("all")} << none << noFile
        << QStringLiteral("Unexpected argument \"all\" after the command device list.");
    QTest::addRow("--json with serve") << serveWithDatabase({QStringLiteral("--json")}) << none << noFile
                                       << QStringLiteral("--json applies only to device list and status.");
    QTest::addRow("extra argument") << serveWithDatabase({QStringLiteral("now")}) << none << noFile
                                    << QStringLiteral("Unexpected argument \"now\" after the command serve.");
    QTest::addRow("unknown option") << serveWithDatabase({QStringLiteral("--port=1")}) << none << noFile
                                    << QStringLiteral("Unknown option 'port'.");
    QTest::addRow("option without value") << QStringList{QStringLiteral("serve"), QStringLiteral("--listen")} << none
                                          << noFile << QStringLiteral("Missing value after '--listen'.");
    QTest::addRow("empty --config") << serveWithDatabase({QStringLiteral("--config"), QString()}) << none << noFile
                                    << QStringLiteral("--config needs the path of an INI file.");
    QTest::addRow("no database") << QStringList{QStringLiteral("migrate")} << none << noFile
                                 << QStringLiteral("No database is configured. Pass --database-url, set "
                                                   "TUNESCOUT_HUB_DATABASE_URL, or set database_url in the config "
                                                   "file");
    QTest::addRow("blank database") << QStringList{QStringLiteral("migrate"),
                                                   QStringLiteral("--database-url"),
                                                   QStringLiteral("  ")}
                                    << none << noFile << QStringLiteral("No database is configured.");
    QTest::addRow("database not a connection string")
        << QStringList{QStringLiteral("migrate"), QStringLiteral("--database-url"), QStringLiteral("tunescout")} << none
        << noFile
        << QStringLiteral("The database URL from --database-url is not a PostgreSQL connection string. Use a URL "
                          "such as postgresql://USER@HOST:5432/DBNAME");
    QTest::addRow("database from file not a connection string")
        << QStringList{QStringLiteral("migrate")} << none
        << FileValues{{QStringLiteral("database_url"), QStringLiteral("mysql://x")}}
        << QStringLiteral("The database URL from database_url in /etc/tunescout/hub.ini is not a PostgreSQL");

    QTest::addRow("listen without port") << withListen(QStringLiteral("127.0.0.1")) << none << noFile
                                         << invalidListen(QStringLiteral("127.0.0.1"),
                                                          QStringLiteral("the port is missing. Expected HOST:PORT "
                                                                         "such as 127.0.0.1:8787"));
    QTest::addRow("listen port only") << withListen(QStringLiteral("8787")) << none << noFile
                                      << invalidListen(QStringLiteral("8787"), QStringLiteral("the port is missing"));
    QTest::addRow("listen without host") << withListen(QStringLiteral(":8787")) << none << noFile
                                         << invalidListen(QStringLiteral(":8787"),
                                                          QStringLiteral("the address before the port is missing"));
    QTest::addRow("listen port not a number")
        << withListen(QStringLiteral("127.0.0.1:http")) << none << noFile
        << invalidListen(QStringLiteral("127.0.0.1:http"),
                         QStringLiteral("the port \"http\" is not a number from 1 to 65535"));
    QTest::addRow("listen port zero") << withListen(QStringLiteral("127.0.0.1:0")) << none << noFile
                                      << invalidListen(QStringLiteral("127.0.0.1:0"),
                                                       QStringLiteral("the port \"0\" is not a number from 1 to "
                                                                      "65535"));
    QTest::addRow("listen port too large")
        << withListen(QStringLiteral("127.0.0.1:65536")) << none << noFile
        << invalidListen(QStringLiteral("127.0.0.1:65536"),
                         QStringLiteral("the port \"65536\" is not a number from 1 to 65535"));
    QTest::addRow("listen port negative")
        << withListen(QStringLiteral("127.0.0.1:-1")) << none << noFile
        << invalidListen(QStringLiteral("127.0.0.1:-1"), QStringLiteral("the port \"-1\" is not a number"));
    QTest::addRow("listen ipv6 without brackets")
        << withListen(QStringLiteral("::1:8787")) << none << noFile
        << invalidListen(QStringLiteral("::1:8787"), QStringLiteral("write an IPv6 address in brackets"));
    QTest::addRow("listen ipv6 without port")
        << withListen(QStringLiteral("[::1]")) << none << noFile
        << invalidListen(QStringLiteral("[::1]"), QStringLiteral("an IPv6 address needs a closing bracket and a port"));
    QTest::addRow("listen bracketed non-ipv6")
        << withListen(QStringLiteral("[hub]:8787")) << none << noFile
        << invalidListen(QStringLiteral("[hub]:8787"), QStringLiteral("\"hub\" is not an IPv6 address"));
    QTest::addRow("listen host with space")
        << withListen(QStringLiteral("my hub:8787")) << none << noFile
        << invalidListen(QStringLiteral("my hub:8787"), QStringLiteral("\"my hub\" is not an IP address or host name"));
    QTest::addRow("listen from environment")
        << serveWithDatabase() << Environment{{QStringLiteral("TUNESCOUT_HUB_LISTEN"), QStringLiteral("nowhere")}}
        << noFile
        << QStringLiteral("Invalid listen address \"nowhere\" from TUNESCOUT_HUB_LISTEN: the port is missing");
    QTest::addRow("listen from file")
        << serveWithDatabase() << none << FileValues{{QStringLiteral("listen"), QStringLiteral("nowhere")}}
        << QStringLiteral("Invalid listen address \"nowhere\" from listen in /etc/tunescout/hub.ini: the port is "
                          "missing");

    QTest::addRow("max_body_bytes zero")
        << serveWithDatabase({QStringLiteral("--max-body-bytes"), QStringLiteral("0")}) << none << noFile
        << invalidNumber("max_body_bytes", "0", QStringLiteral("--max-body-bytes"), 1, 1 << 30);
    QTest::addRow("max_body_bytes with unit")
        << serveWithDatabase() << Environment{{QStringLiteral("TUNESCOUT_HUB_MAX_BODY_BYTES"), QStringLiteral("1MB")}}
        << noFile << invalidNumber("max_body_bytes", "1MB", QStringLiteral("TUNESCOUT_HUB_MAX_BODY_BYTES"), 1, 1 << 30);
    QTest::addRow("max_body_bytes too large")
        << serveWithDatabase() << none << FileValues{{QStringLiteral("max_body_bytes"), QStringLiteral("2147483648")}}
        << invalidNumber("max_body_bytes",
                         "2147483648",
                         QStringLiteral("max_body_bytes in /etc/tunescout/hub.ini"),
                         1,
                         1 << 30);
    QTest::addRow("read_timeout_s zero")
        << serveWithDatabase({QStringLiteral("--read-timeout-s"), QStringLiteral("0")}) << none << noFile
        << invalidNumber("read_timeout_s", "0", QStringLiteral("--read-timeout-s"), 1, 3600);
    QTest::addRow("read_timeout_s fraction")
        << serveWithDatabase({QStringLiteral("--read-timeout-s"), QStringLiteral("1.5")}) << none << noFile
        << invalidNumber("read_timeout_s", "1.5", QStringLiteral("--read-timeout-s"), 1, 3600);
    QTest::addRow("write_timeout_s too large")
        << serveWithDatabase({QStringLiteral("--write-timeout-s"), QStringLiteral("3601")}) << none << noFile
        << invalidNumber("write_timeout_s", "3601", QStringLiteral("--write-timeout-s"), 1, 3600);
    QTest::addRow("threads negative") << serveWithDatabase({QStringLiteral("--threads"), QStringLiteral("-4")}) << none
                                      << noFile << invalidNumber("threads", "-4", QStringLiteral("--threads"), 1, 1024);
    QTest::addRow("max_queue zero")
        << serveWithDatabase() << Environment{{QStringLiteral("TUNESCOUT_HUB_MAX_QUEUE"), QStringLiteral("0")}}
        << noFile << invalidNumber("max_queue", "0", QStringLiteral("TUNESCOUT_HUB_MAX_QUEUE"), 1, 100000);
    QTest::addRow("threads words")
        << serveWithDatabase() << Environment{{QStringLiteral("TUNESCOUT_HUB_THREADS"), QStringLiteral("many")}}
        << noFile << invalidNumber("threads", "many", QStringLiteral("TUNESCOUT_HUB_THREADS"), 1, 1024);
    QTest::addRow("token_rate zero")
        << serveWithDatabase() << Environment{{QStringLiteral("TUNESCOUT_HUB_TOKEN_RATE"), QStringLiteral("0")}}
        << noFile << invalidNumber("token_rate", "0", QStringLiteral("TUNESCOUT_HUB_TOKEN_RATE"), 1, 1000000);
    QTest::addRow("empty --migrations-dir")
        << serveWithDatabase({QStringLiteral("--migrations-dir"), QString()}) << none << noFile
        << QStringLiteral("--migrations-dir needs the path of a folder of NNNN_*.sql files.");

    QTest::addRow("tls_cert without tls_key")
        << serveWithDatabase() << Environment{{QStringLiteral("TUNESCOUT_HUB_TLS_CERT"), QStringLiteral("/a.crt")}}
        << noFile
        << QStringLiteral("Only half of the TLS setting is given (TUNESCOUT_HUB_TLS_CERT): HTTPS needs both "
                          "tls_cert and tls_key");
    QTest::addRow("tls_key without tls_cert")
        << serveWithDatabase() << none << FileValues{{QStringLiteral("tls_key"), QStringLiteral("/a.key")}}
        << QStringLiteral("Only half of the TLS setting is given (tls_key in /etc/tunescout/hub.ini)");
    QTest::addRow("pair_per_hour below pair_per_minute")
        << serveWithDatabase({QStringLiteral("--pair-per-minute"), QStringLiteral("30")}) << none << noFile
        << QStringLiteral("pair_per_hour (20) is below pair_per_minute (30)");
    QTest::addRow("address_rate zero")
        << serveWithDatabase({QStringLiteral("--address-rate"), QStringLiteral("0")}) << none << noFile
        << invalidNumber("address_rate", "0", QStringLiteral("--address-rate"), 1, 1000000);
    QTest::addRow("cert needs a subcommand") << QStringList{QStringLiteral("cert")} << none << noFile
                                             << QStringLiteral("cert needs a subcommand: generate or fingerprint.");
    QTest::addRow("cert generate without --out") << QStringList{QStringLiteral("cert"), QStringLiteral("generate")}
                                                 << none << noFile << QStringLiteral("cert generate needs --out DIR");
    QTest::addRow("cert fingerprint without a file")
        << QStringList{QStringLiteral("cert"), QStringLiteral("fingerprint")} << none << noFile
        << QStringLiteral("cert fingerprint needs FILE.");
    const QStringList generate{QStringLiteral("cert"),
                               QStringLiteral("generate"),
                               QStringLiteral("--out"),
                               QStringLiteral("/tmp/x")};
    QTest::addRow("cert generate with a bad host")
        << generate + QStringList{QStringLiteral("--host"), QStringLiteral("hub_home")} << none << noFile
        << QStringLiteral("--host \"hub_home\" is not a host name");
    QTest::addRow("cert generate with an address as host")
        << generate + QStringList{QStringLiteral("--host"), QStringLiteral("192.168.1.2")} << none << noFile
        << QStringLiteral("--host 192.168.1.2 is an IP address: pass it as --ip 192.168.1.2.");
    QTest::addRow("cert generate with a bad address")
        << generate + QStringList{QStringLiteral("--ip"), QStringLiteral("192.168.1")} << none << noFile
        << QStringLiteral("--ip \"192.168.1\" is not an IPv4 or IPv6 address");
    QTest::addRow("cert generate with zero days")
        << generate + QStringList{QStringLiteral("--days"), QStringLiteral("0")} << none << noFile
        << invalidNumber("days", "0", QStringLiteral("--days"), 1, 36500);
    QTest::addRow("--force on serve") << serveWithDatabase({QStringLiteral("--force")}) << none << noFile
                                      << QStringLiteral("--out, --host, --ip, --days and --force apply only to cert "
                                                        "generate.");
}

void TestHubConfig::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(Environment, environment);
    QFETCH(FileValues, file);
    QFETCH(QString, expected);
    const auto result = parse(arguments, environment, file);
    QVERIFY2(!result.ok(), "parsing should have failed");
    QCOMPARE(result.error().code, engine::Error::Code::InvalidInput);
    QVERIFY2(result.error().message.startsWith(expected),
             qPrintable(QStringLiteral("\n   got: %1\nwanted: %2…").arg(result.error().message, expected)));
}

void TestHubConfig::databaseUrlIsNeverRepeated()
{
    const QString secret = QStringLiteral("mysql://root:hunter2@db");
    const auto result = parse({QStringLiteral("migrate"), QStringLiteral("--database-url"), secret});
    QVERIFY(!result.ok());
    QVERIFY(!result.error().message.contains(QStringLiteral("hunter2")));
}

void TestHubConfig::warnings_data()
{
    const QString concertKeys =
        QStringLiteral("token_rate, token_burst, address_rate, address_burst, pair_per_minute, pair_per_hour, "
                       "tls_cert, tls_key, concerts_interval, concerts_ttl, ticketmaster_key, "
                       "ticketmaster_url, ticketmaster_rate, ticketmaster_daily_budget, "
                       "seatgeek_client_id, seatgeek_url, seatgeek_rate, seatgeek_daily_budget, als_factors, "
                       "als_iterations, als_regularization, als_alpha.");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Environment>("environment");
    QTest::addColumn<FileValues>("file");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("none") << serveWithDatabase() << Environment{{QStringLiteral("TUNESCOUT_HUB_CONFIG"), fileName}}
                          << FileValues{{QStringLiteral("threads"), QStringLiteral("8")}} << QStringList();
    QTest::addRow("unknown file key")
        << serveWithDatabase() << Environment() << FileValues{{QStringLiteral("port"), QStringLiteral("8787")}}
        << QStringList{QStringLiteral("Ignoring the unknown key \"port\" in /etc/tunescout/hub.ini. Known keys: "
                                      "database_url, listen, max_body_bytes, read_timeout_s, write_timeout_s, "
                                      "threads, max_queue, train_interval, models_kept, ")
                       + concertKeys};
    QTest::addRow("key in a section")
        << serveWithDatabase() << Environment() << FileValues{{QStringLiteral("hub/listen"), QStringLiteral("x")}}
        << QStringList{QStringLiteral("Ignoring the unknown key \"hub/listen\" in /etc/tunescout/hub.ini. Known "
                                      "keys: database_url, listen, max_body_bytes, read_timeout_s, write_timeout_s, "
                                      "threads, max_queue, train_interval, models_kept, ")
                       + concertKeys};
    QTest::addRow("migrations_dir is not a file key")
        << serveWithDatabase() << Environment()
        << FileValues{{QStringLiteral("migrations_dir"), QStringLiteral("/tmp")}}
        << QStringList{QStringLiteral("Ignoring the unknown key \"migrations_dir\" in /etc/tunescout/hub.ini. "
                                      "Known keys: database_url, listen, max_body_bytes, read_timeout_s, "
                                      "write_timeout_s, threads, max_queue, train_interval, models_kept, ")
                       + concertKeys};
    QTest::addRow("unknown environment variable")
        << serveWithDatabase() << Environment{{QStringLiteral("TUNESCOUT_HUB_PORT"), QStringLiteral("1")}}
        << FileValues()
        << QStringList{QStringLiteral("Ignoring the unknown environment variable TUNESCOUT_HUB_PORT. Known: "
                                      "TUNESCOUT_HUB_CONFIG, TUNESCOUT_HUB_DATABASE_URL, TUNESCOUT_HUB_LISTEN, "
                                      "TUNESCOUT_HUB_MAX_BODY_BYTES, TUNESCOUT_HUB_READ_TIMEOUT_S, "
                                      "TUNESCOUT_HUB_WRITE_TIMEOUT_S, TUNESCOUT_HUB_THREADS, "
                                      "TUNESCOUT_HUB_MAX_QUEUE, TUNESCOUT_HUB_TRAIN_INTERVAL, "
                                      "TUNESCOUT_HUB_MODELS_KEPT, TUNESCOUT_HUB_TOKEN_RATE, "
                                      "TUNESCOUT_HUB_TOKEN_BURST, TUNESCOUT_HUB_ADDRESS_RATE, "
                                      "TUNESCOUT_HUB_ADDRESS_BURST, TUNESCOUT_HUB_PAIR_PER_MINUTE, "
                                      "TUNESCOUT_HUB_PAIR_PER_HOUR, TUNESCOUT_HUB_TLS_CERT, TUNESCOUT_HUB_TLS_KEY, "
                                      "TUNESCOUT_HUB_MIGRATIONS_DIR, TUNESCOUT_HUB_CONCERTS_INTERVAL, "
                                      "TUNESCOUT_HUB_CONCERTS_TTL, TUNESCOUT_HUB_TICKETMASTER_KEY, "
                                      "TUNESCOUT_HUB_TICKETMASTER_URL, TUNESCOUT_HUB_TICKETMASTER_RATE, "
                                      "TUNESCOUT_HUB_TICKETMASTER_DAILY_BUDGET, TUNESCOUT_HUB_SEATGEEK_CLIENT_ID, "
                                      "TUNESCOUT_HUB_SEATGEEK_URL, TUNESCOUT_HUB_SEATGEEK_RATE, "
                                      "TUNESCOUT_HUB_SEATGEEK_DAILY_BUDGET, TUNESCOUT_HUB_ALS_FACTORS, "
                                      "TUNESCOUT_HUB_ALS_ITERATIONS, TUNESCOUT_HUB_ALS_REGULARIZATION, "
                                      "TUNESCOUT_HUB_ALS_ALPHA.")};
    QTest::addRow("serving beyond loopback")
        << serveWithDatabase({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:8787")}) << Environment()
        << FileValues()
        << QStringList{QStringLiteral("Serving plain HTTP on 0.0.0.0:8787, beyond this machine. Put a TLS reverse "
                                      "proxy in front of the hub and keep the hub itself on 127.0.0.1.")};
    QTest::addRow("HTTPS beyond loopback") << serveWithDatabase({QStringLiteral("--listen"),
                                                                 QStringLiteral("0.0.0.0:8787"),
                                                                 QStringLiteral("--tls-cert"),
                                                                 QStringLiteral("/etc/tunescout-hub/hub.crt"),
                                                                 QStringLiteral("--tls-key"),
                                                                 QStringLiteral("/etc/tunescout-hub/hub.key")})
                                           << Environment() << FileValues() << QStringList();
    QTest::addRow("migrate ignores the listen address") << QStringList{QStringLiteral("migrate"),
                                                                       QStringLiteral("--database-url"),
                                                                       database,
                                                                       QStringLiteral("--listen"),
                                                                       QStringLiteral("0.0.0.0:8787")}
                                                        << Environment() << FileValues() << QStringList();
    QTest::addRow("loopback by name") << serveWithDatabase({QStringLiteral("--listen"), QStringLiteral("localhost:1")})
                                      << Environment() << FileValues() << QStringList();
    QTest::addRow("loopback ipv6") << serveWithDatabase({QStringLiteral("--listen"), QStringLiteral("[::1]:1")})
                                   << Environment() << FileValues() << QStringList();
    QTest::addRow("loopback 127/8") << serveWithDatabase({QStringLiteral("--listen"), QStringLiteral("127.0.0.2:1")})
                                    << Environment() << FileValues() << QStringList();
}

void TestHubConfig::warnings()
{
    QFETCH(QStringList, arguments);
    QFETCH(Environment, environment);
    QFETCH(FileValues, file);
    QFETCH(QStringList, expected);
    const auto result = parse(arguments, environment, file);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().warnings, expected);
}

void TestHubConfig::certGenerateOptions()
{
    // No database needed, and the environment's settings do not matter to it.
    const auto result = parse({QStringLiteral("cert"),
                               QStringLiteral("generate"),
                               QStringLiteral("--out"),
                               QStringLiteral("/etc/tunescout-hub"),
                               QStringLiteral("--host"),
                               QStringLiteral("hub.home.arpa"),
                               QStringLiteral("--host"),
                               QStringLiteral("music-box"),
                               QStringLiteral("--ip"),
                               QStringLiteral("192.168.1.20"),
                               QStringLiteral("--ip"),
                               QStringLiteral("fd00::20"),
                               QStringLiteral("--days"),
                               QStringLiteral("3650"),
                               QStringLiteral("--force")},
                              Environment{{QStringLiteral("TUNESCOUT_HUB_TLS_CERT"), QStringLiteral("/half.crt")}});
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().command, hub::Command::CertGenerate);
    const hub::CertificateRequest &request = result.value().certificate;
    QCOMPARE(request.outDir, QStringLiteral("/etc/tunescout-hub"));
    QCOMPARE(request.hosts, (QStringList{QStringLiteral("hub.home.arpa"), QStringLiteral("music-box")}));
    QCOMPARE(request.addresses, (QStringList{QStringLiteral("192.168.1.20"), QStringLiteral("fd00::20")}));
    QCOMPARE(request.days, 3650);
    QVERIFY(request.force);

    const auto defaults =
        parse({QStringLiteral("cert"), QStringLiteral("generate"), QStringLiteral("--out"), QStringLiteral("d")});
    QVERIFY(defaults.ok());
    QCOMPARE(defaults.value().certificate.days, 825);
    QVERIFY(!defaults.value().certificate.force);
    QVERIFY(defaults.value().certificate.hosts.isEmpty());

    const auto fingerprint =
        parse({QStringLiteral("cert"), QStringLiteral("fingerprint"), QStringLiteral("/a/hub.crt")});
    QVERIFY(fingerprint.ok());
    QCOMPARE(fingerprint.value().command, hub::Command::CertFingerprint);
    QCOMPARE(fingerprint.value().operand, QStringLiteral("/a/hub.crt"));
}

void TestHubConfig::configFileChoice()
{
    const Environment environment{{QStringLiteral("TUNESCOUT_HUB_CONFIG"), QStringLiteral("/from/environment.ini")}};
    const auto withOption = ConfigParser::parseCommandLine({QStringLiteral("tunescout-hub"),
                                                            QStringLiteral("serve"),
                                                            QStringLiteral("--config"),
                                                            QStringLiteral("/a.ini")});
    QVERIFY(withOption.ok());
    const hub::ConfigFileChoice fromOption = ConfigParser::configFile(withOption.value(), environment);
    QCOMPARE(fromOption.path, QStringLiteral("/a.ini"));
    QCOMPARE(fromOption.source, QStringLiteral("--config"));

    const auto withoutOption =
        ConfigParser::parseCommandLine({QStringLiteral("tunescout-hub"), QStringLiteral("serve")});
    QVERIFY(withoutOption.ok());
    const hub::ConfigFileChoice fromEnvironment = ConfigParser::configFile(withoutOption.value(), environment);
    QCOMPARE(fromEnvironment.path, QStringLiteral("/from/environment.ini"));
    QCOMPARE(fromEnvironment.source, QStringLiteral("TUNESCOUT_HUB_CONFIG"));

    const hub::ConfigFileChoice none = ConfigParser::configFile(withoutOption.value(), {});
    QVERIFY(none.path.isEmpty());
    const auto noValues = ConfigParser::readConfigFile(none);
    QVERIFY(noValues.ok());
    QVERIFY(noValues.value().isEmpty());
}

void TestHubConfig::readsIniFiles()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("hub.ini"));
    QVERIFY(writeFile(path,
                      "; the household hub\n"
                      "database_url = \"host=db1,db2 dbname=hub user=tunescout\"\n"
                      "listen = 127.0.0.1:9100\n"
                      "threads = 32\n"
                      "unknown_key = 1\n"
                      "\n"
                      "[General]\n"
                      "max_body_bytes = 2048\n"));
    const auto values = ConfigParser::readConfigFile({path, QStringLiteral("--config")});
    QVERIFY2(values.ok(), qPrintable(values.ok() ? QString() : values.error().message));
    QCOMPARE(values.value().value(QStringLiteral("database_url")),
             QStringLiteral("host=db1,db2 dbname=hub user=tunescout"));
    QCOMPARE(values.value().value(QStringLiteral("listen")), QStringLiteral("127.0.0.1:9100"));
    QCOMPARE(values.value().value(QStringLiteral("max_body_bytes")), QStringLiteral("2048"));

    // An unquoted comma makes QSettings split the value; it is joined back.
    QVERIFY(writeFile(path, "database_url = host=db1,db2 dbname=hub\n"));
    const auto split = ConfigParser::readConfigFile({path, QStringLiteral("--config")});
    QVERIFY(split.ok());
    QCOMPARE(split.value().value(QStringLiteral("database_url")), QStringLiteral("host=db1,db2 dbname=hub"));

    QVERIFY(writeFile(path,
                      "database_url = postgresql://tunescout@127.0.0.1/hub\n"
                      "listen = 127.0.0.1:9100\n"
                      "threads = 32\n"
                      "unknown_key = 1\n"));
    const auto file = ConfigParser::readConfigFile({path, QStringLiteral("--config")});
    QVERIFY(file.ok());
    const auto result =
        ConfigParser::parse({QStringLiteral("tunescout-hub"), QStringLiteral("serve")}, {}, file.value(), path);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().config.databaseUrl, QStringLiteral("postgresql://tunescout@127.0.0.1/hub"));
    QCOMPARE(result.value().config.listenPort, quint16(9100));
    QCOMPARE(result.value().config.threads, 32);
    QCOMPARE(result.value().warnings.size(), 1);
    QVERIFY(result.value().warnings.constFirst().contains(QStringLiteral("\"unknown_key\" in ") + path));
}

void TestHubConfig::configFileErrors()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());

    const QString missing = directory.filePath(QStringLiteral("missing.ini"));
    const auto fromOption = ConfigParser::readConfigFile({missing, QStringLiteral("--config")});
    QVERIFY(!fromOption.ok());
    QCOMPARE(fromOption.error().code, engine::Error::Code::NotFound);
    QCOMPARE(fromOption.error().message,
             QStringLiteral("The config file %1 (named by --config) does not exist. Fix the path, or unset --config "
                            "to use only the command line, the environment and the defaults.")
                 .arg(missing));

    const auto fromEnvironment = ConfigParser::readConfigFile({missing, QStringLiteral("TUNESCOUT_HUB_CONFIG")});
    QVERIFY(!fromEnvironment.ok());
    QVERIFY(fromEnvironment.error().message.contains(QStringLiteral("(named by TUNESCOUT_HUB_CONFIG)")));

    const auto folder = ConfigParser::readConfigFile({directory.path(), QStringLiteral("--config")});
    QVERIFY(!folder.ok());
    QCOMPARE(folder.error().message,
             QStringLiteral("The config file %1 (named by --config) is not a readable file. Check that it is a file "
                            "and that this user may read it.")
                 .arg(directory.path()));
}

void TestHubConfig::connectionStringShapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("wellFormed");
    QTest::addRow("postgresql url") << QStringLiteral("postgresql://u@h/db") << true;
    QTest::addRow("postgres url") << QStringLiteral("postgres://h") << true;
    QTest::addRow("multi-host url") << QStringLiteral("postgresql://h1:5432,h2:5433/db") << true;
    QTest::addRow("key value") << QStringLiteral("host=h dbname=db") << true;
    QTest::addRow("key value with spaces") << QStringLiteral("  dbname = db") << true;
    QTest::addRow("bare word") << QStringLiteral("tunescout") << false;
    QTest::addRow("other scheme") << QStringLiteral("mysql://h/db") << false;
    QTest::addRow("empty") << QString() << false;
}

void TestHubConfig::connectionStringShapes()
{
    QFETCH(QString, text);
    QFETCH(bool, wellFormed);
    QCOMPARE(hub::ConnectionString(text).isWellFormed(), wellFormed);
}

void TestHubConfig::redactsPasswords_data()
{
    QTest::addColumn<QString>("connectionString");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected");
    QTest::addRow("url password") << QStringLiteral("postgresql://hub:s3cret@db/hub")
                                  << QStringLiteral("password s3cret rejected")
                                  << QStringLiteral("password *** rejected");
    QTest::addRow("percent-encoded url password")
        << QStringLiteral("postgresql://hub:p%40ss%2Fword@db/hub") << QStringLiteral("bad p@ss/word and p%40ss%2Fword")
        << QStringLiteral("bad *** and ***");
    QTest::addRow("query password") << QStringLiteral("postgresql://db/hub?user=hub&password=qwerty9")
                                    << QStringLiteral("qwerty9!") << QStringLiteral("***!");
    QTest::addRow("key value password") << QStringLiteral("host=db password=s3cret dbname=hub")
                                        << QStringLiteral("missing \"=\" after \"s3cret\"")
                                        << QStringLiteral("missing \"=\" after \"***\"");
    QTest::addRow("quoted key value password") << QStringLiteral("host=db password='a \\'quoted\\' secret' dbname=hub")
                                               << QStringLiteral("[a 'quoted' secret]") << QStringLiteral("[***]");
    QTest::addRow("the whole string") << QStringLiteral("host=db dbname=hub")
                                      << QStringLiteral("invalid: host=db dbname=hub")
                                      << QStringLiteral("invalid: ***");
    QTest::addRow("nothing to hide") << QStringLiteral("postgresql://hub@db/hub")
                                     << QStringLiteral("database \"hub\" does not exist")
                                     << QStringLiteral("database \"hub\" does not exist");
}

void TestHubConfig::redactsPasswords()
{
    QFETCH(QString, connectionString);
    QFETCH(QString, message);
    QFETCH(QString, expected);
    QCOMPARE(hub::ConnectionString(connectionString).redacted(message), expected);
}

void TestHubConfig::concertSettings()
{
    const auto defaults = parse(serveWithDatabase());
    QVERIFY(defaults.ok());
    const hub::ConcertConfig &none = defaults.value().config.concerts;
    QVERIFY(!none.hasProvider());
    QCOMPARE(none.intervalMin, 360);
    QCOMPARE(none.ttlHours, 24);
    QCOMPARE(none.ticketmasterUrl, QStringLiteral("https://app.ticketmaster.com"));
    QCOMPARE(none.ticketmasterRate, 5);
    QCOMPARE(none.ticketmasterDailyBudget, 5000);
    QCOMPARE(none.seatGeekUrl, QStringLiteral("https://api.seatgeek.com/2"));

    // The variable names the README documents.
    const Environment environment{
        {QStringLiteral("TUNESCOUT_HUB_TICKETMASTER_KEY"), QStringLiteral("tm-key")},
        {QStringLiteral("TUNESCOUT_HUB_TICKETMASTER_URL"), QStringLiteral("http://127.0.0.1:9/tm")},
        {QStringLiteral("TUNESCOUT_HUB_SEATGEEK_CLIENT_ID"), QStringLiteral("sg-id")},
        {QStringLiteral("TUNESCOUT_HUB_SEATGEEK_URL"), QStringLiteral("http://127.0.0.1:9/2")},
        {QStringLiteral("TUNESCOUT_HUB_CONCERTS_INTERVAL"), QStringLiteral("0")},
        {QStringLiteral("TUNESCOUT_HUB_TICKETMASTER_DAILY_BUDGET"), QStringLiteral("10")},
    };
    const FileValues file{{QStringLiteral("concerts_ttl"), QStringLiteral("6")},
                          {QStringLiteral("seatgeek_rate"), QStringLiteral("2")},
                          {QStringLiteral("ticketmaster_key"), QStringLiteral("from-file")}};
    const auto result = parse(serveWithDatabase(), environment, file);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const hub::ConcertConfig &concerts = result.value().config.concerts;
    QVERIFY(concerts.hasProvider());
    QCOMPARE(concerts.ticketmasterKey, QStringLiteral("tm-key"));
    QCOMPARE(concerts.ticketmasterUrl, QStringLiteral("http://127.0.0.1:9/tm"));
    QCOMPARE(concerts.seatGeekClientId, QStringLiteral("sg-id"));
    QCOMPARE(concerts.seatGeekUrl, QStringLiteral("http://127.0.0.1:9/2"));
    QCOMPARE(concerts.intervalMin, 0);
    QCOMPARE(concerts.ticketmasterDailyBudget, 10);
    QCOMPARE(concerts.ttlHours, 6);
    QCOMPARE(concerts.seatGeekRate, 2);
    QCOMPARE(result.value().warnings, QStringList());

    const auto location = parse(QStringList{QStringLiteral("household"),
                                            QStringLiteral("location"),
                                            QStringLiteral("2"),
                                            QStringLiteral("52.52,13.405"),
                                            QStringLiteral("--radius-km"),
                                            QStringLiteral("25"),
                                            QStringLiteral("--database-url"),
                                            database});
    QVERIFY2(location.ok(), qPrintable(location.ok() ? QString() : location.error().message));
    QCOMPARE(location.value().operand, QStringLiteral("2"));
    QCOMPARE(location.value().place, QStringLiteral("52.52,13.405"));
    QCOMPARE(location.value().radiusKm, QStringLiteral("25"));
}

void TestHubConfig::alsSettings()
{
    const auto defaults = parse(serveWithDatabase());
    QVERIFY(defaults.ok());
    const hub::AlsConfig &standard = defaults.value().config.als;
    QCOMPARE(standard.factors, 32);
    QCOMPARE(standard.iterations, 15);
    QCOMPARE(standard.regularization, 0.1);
    QCOMPARE(standard.alpha, 2.0);

    // The variable names and keys hub/README.md documents, each source in turn; the command line wins.
    const Environment environment{{QStringLiteral("TUNESCOUT_HUB_ALS_FACTORS"), QStringLiteral("48")},
                                  {QStringLiteral("TUNESCOUT_HUB_ALS_ALPHA"), QStringLiteral("0.5")}};
    const FileValues file{{QStringLiteral("als_iterations"), QStringLiteral("30")},
                          {QStringLiteral("als_regularization"), QStringLiteral("2.25")},
                          {QStringLiteral("als_alpha"), QStringLiteral("7")}};
    const auto mixed = parse(serveWithDatabase(), environment, file);
    QVERIFY2(mixed.ok(), qPrintable(mixed.ok() ? QString() : mixed.error().message));
    const hub::AlsConfig &als = mixed.value().config.als;
    QCOMPARE(als.factors, 48);
    QCOMPARE(als.iterations, 30);
    QCOMPARE(als.regularization, 2.25);
    QCOMPARE(als.alpha, 0.5);
    QCOMPARE(mixed.value().warnings, QStringList());

    const auto train = parse(QStringList{QStringLiteral("train"),
                                         QStringLiteral("--database-url"),
                                         database,
                                         QStringLiteral("--als-factors"),
                                         QStringLiteral("8"),
                                         QStringLiteral("--als-regularization"),
                                         QStringLiteral("0")},
                             environment,
                             file);
    QVERIFY2(train.ok(), qPrintable(train.ok() ? QString() : train.error().message));
    QCOMPARE(train.value().config.als.factors, 8);
    QCOMPARE(train.value().config.als.regularization, 0.0);
    QCOMPARE(train.value().config.als.iterations, 30);

    const QString help = ConfigParser::helpText();
    for (const char *name : {"--als-factors",
                             "--als-iterations",
                             "--als-regularization",
                             "--als-alpha",
                             "TUNESCOUT_HUB_ALS_FACTORS",
                             "TUNESCOUT_HUB_ALS_ITERATIONS",
                             "TUNESCOUT_HUB_ALS_REGULARIZATION",
                             "TUNESCOUT_HUB_ALS_ALPHA"}) {
        QVERIFY2(help.contains(QLatin1String(name)), name);
    }
}

void TestHubConfig::alsSettingErrors_data()
{
    QTest::addColumn<Environment>("environment");
    QTest::addColumn<FileValues>("file");
    QTest::addColumn<QString>("expected");
    const auto variable = [](const char *name, const char *value) {
        return Environment{{QLatin1String("TUNESCOUT_HUB_") + QLatin1String(name), QLatin1String(value)}};
    };
    const auto key = [](const char *name, const char *value) {
        return FileValues{{QLatin1String(name), QLatin1String(value)}};
    };
    const QString inFile = QStringLiteral(" in /etc/tunescout/hub.ini");
    QTest::addRow("no factors") << variable("ALS_FACTORS", "0") << FileValues()
                                << QStringLiteral("Invalid als_factors \"0\" from TUNESCOUT_HUB_ALS_FACTORS: expected "
                                                  "a whole number from 1 to 1024.");
    QTest::addRow("too many factors") << Environment() << key("als_factors", "4096")
                                      << QStringLiteral("Invalid als_factors \"4096\" from als_factors") + inFile
            + QStringLiteral(": expected a whole number from 1 to 1024.");
    QTest::addRow("iterations in words")
        << variable("ALS_ITERATIONS", "ten") << FileValues()
        << QStringLiteral("Invalid als_iterations \"ten\" from TUNESCOUT_HUB_ALS_ITERATIONS: expected a whole "
                          "number from 1 to 1000.");
    QTest::addRow("negative regularisation")
        << variable("ALS_REGULARIZATION", "-1") << FileValues()
        << QStringLiteral("Invalid als_regularization \"-1\" from TUNESCOUT_HUB_ALS_REGULARIZATION: expected a "
                          "number from 0 to 10000, such as 0.1.");
    QTest::addRow("exponent") << Environment() << key("als_regularization", "1e-2")
                              << QStringLiteral("Invalid als_regularization \"1e-2\" from als_regularization") + inFile
            + QStringLiteral(": expected a number from 0 to 10000, such as 0.1.");
    QTest::addRow("not a number") << variable("ALS_ALPHA", "nan") << FileValues()
                                  << QStringLiteral("Invalid als_alpha \"nan\" from TUNESCOUT_HUB_ALS_ALPHA");
    QTest::addRow("decimal comma") << variable("ALS_ALPHA", "0,5") << FileValues()
                                   << QStringLiteral("Invalid als_alpha \"0,5\" from TUNESCOUT_HUB_ALS_ALPHA");
    QTest::addRow("alpha too large") << Environment() << key("als_alpha", "20000")
                                     << QStringLiteral("Invalid als_alpha \"20000\" from als_alpha") + inFile
            + QStringLiteral(": expected a number from 0 to 10000, such as 0.1.");
}

void TestHubConfig::alsSettingErrors()
{
    QFETCH(Environment, environment);
    QFETCH(FileValues, file);
    QFETCH(QString, expected);
    const auto result = parse(serveWithDatabase(), environment, file);
    QVERIFY2(!result.ok(), "parsing should have failed");
    QCOMPARE(result.error().code, engine::Error::Code::InvalidInput);
    QVERIFY2(result.error().message.startsWith(expected),
             qPrintable(QStringLiteral("\n   got: %1\nwanted: %2…").arg(result.error().message, expected)));
}

void TestHubConfig::packagedExampleConfigIsValid()
{
    // packaging/hub/hub.ini, as installed to /etc/tunescout-hub: every key known, every value valid.
    const QString path = qEnvironmentVariable("TUNESCOUT_SOURCE_DIR") + QStringLiteral("/packaging/hub/hub.ini");
    const auto file = ConfigParser::readConfigFile({path, QStringLiteral("--config")});
    QVERIFY2(file.ok(), qPrintable(file.ok() ? QString() : file.error().message));
    QVERIFY(file.value().contains(QStringLiteral("als_factors")));
    const auto result =
        ConfigParser::parse({QStringLiteral("tunescout-hub"), QStringLiteral("serve")}, {}, file.value(), path);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().warnings, QStringList());
    const hub::AlsConfig &als = result.value().config.als;
    const hub::AlsConfig defaults;
    QCOMPARE(als.factors, defaults.factors);
    QCOMPARE(als.iterations, defaults.iterations);
    QCOMPARE(als.regularization, defaults.regularization);
    QCOMPARE(als.alpha, defaults.alpha);
}

QTEST_GUILESS_MAIN(TestHubConfig)
#include "tst_hubconfig.moc"
