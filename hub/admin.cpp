#include "hub/admin.h"

#include "engine/concerts/location.h"
#include "hub/application.h"
#include "hub/concerts.h"
#include "hub/database.h"
#include "hub/dto.h"
#include "hub/migrator.h"
#include "hub/store.h"
#include "hub/tls.h"
#include "hub/tokens.h"
#include "hub/training.h"
#include "tunescoutversion.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <pqxx/transaction>

namespace hub
{

namespace
{

QString timeText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QStringLiteral("-");
}

QJsonValue timeJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

// Left-aligned columns, widths from the content.
QString table(const QStringList &header, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &title : header) {
        widths << title.size();
    }
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            widths[i] = qMax(widths[i], row.at(i).size());
        }
    }
    QString out;
    const auto line = [&](const QStringList &cells) {
        QStringList padded;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            padded << (i + 1 == cells.size() ? cells.at(i) : cells.at(i).leftJustified(widths.at(i)));
        }
        out += padded.join(QStringLiteral("  ")) + QLatin1Char('\n');
    };
    line(header);
    for (const QStringList &row : rows) {
        line(row);
    }
    return out;
}

int householdCreate(Store &store, const Invocation &invocation)
{
    if (invocation.operand.size() > 200) {
        printError(QStringLiteral("The household name is longer than 200 characters."));
        return ExitUsage;
    }
    const Household household = store.createHousehold(invocation.operand);
    printOut(QStringLiteral("Created household %1 \"%2\". Invite its members with: tunescout-hub invite %1\n")
                 .arg(household.id)
                 .arg(household.name));
    return ExitSuccess;
}

// The one household an operand names, or nothing after saying why.
std::optional<Household> oneHousehold(Store &store, const QString &operand)
{
    const QList<Household> households = store.findHouseholds(operand);
    if (households.isEmpty()) {
        printError(QStringLiteral("There is no household with the id or name \"%1\". tunescout-hub status lists them; "
                                  "tunescout-hub household create NAME makes one.")
                       .arg(operand));
        return std::nullopt;
    }
    if (households.size() > 1) {
        QStringList ids;
        for (const Household &household : households) {
            ids << QString::number(household.id);
        }
        printError(QStringLiteral("More than one household is called \"%1\" (ids %2): name it by its id.")
                       .arg(operand, ids.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    return households.constFirst();
}

int householdLocation(Store &store, const Invocation &invocation)
{
    double radiusKm = engine::kDefaultConcertRadiusKm;
    if (!invocation.radiusKm.isNull()) {
        const engine::Result<double> radius =
            engine::parseConcertRadius(invocation.radiusKm, QStringLiteral("--radius-km"));
        if (!radius) {
            printError(radius.error().message);
            return ExitUsage;
        }
        radiusKm = radius.value();
    }
    // The client's place lookup: coordinates, or a city of its built-in table (no geocoding service).
    const engine::Result<engine::ConcertLocation> place = engine::parseConcertLocation(invocation.place, radiusKm);
    if (!place) {
        printError(place.error().message);
        return ExitUsage;
    }
    const std::optional<Household> household = oneHousehold(store, invocation.operand);
    if (!household) {
        return ExitFailure;
    }
    const HomeLocation home{place.value().name.left(200),
                            place.value().point.latitude,
                            place.value().point.longitude,
                            place.value().radiusKm};
    store.database().run([&](pqxx::connection &connection) {
        pqxx::work transaction(connection);
        ConcertStore::setHomeLocation(transaction, household->id, home);
        transaction.commit();
    });
    printOut(QStringLiteral("Household %1 \"%2\" looks for concerts within %3 km of %4 (%5, %6). tunescout-hub "
                            "concerts refresh asks the providers now; serve does on its schedule.\n")
                 .arg(household->id)
                 .arg(household->name)
                 .arg(home.radiusKm)
                 .arg(home.placeName)
                 .arg(home.latitude, 0, 'f', 4)
                 .arg(home.longitude, 0, 'f', 4));
    return ExitSuccess;
}

int concertsRefresh(const Invocation &invocation)
{
    ConcertRefresher refresher(ConnectionString(invocation.config.databaseUrl), invocation.config.concerts);
    const ConcertRefreshReport report = refresher.runAndWait();
    const QString text = describe(report);
    switch (report.outcome) {
    case ConcertRefreshReport::Outcome::Refreshed:
    case ConcertRefreshReport::Outcome::AlreadyRunning:
        printOut(text + QLatin1Char('\n'));
        // A provider that failed is worth a non-zero status for cron; the cache is intact either way.
        for (const ConcertProviderRun &run : report.providers) {
            if (!run.error.isEmpty()) {
                return ExitFailure;
            }
        }
        return ExitSuccess;
    case ConcertRefreshReport::Outcome::NoProviders:
        printError(text);
        return ExitUsage;
    case ConcertRefreshReport::Outcome::Failed:
        break;
    }
    printError(text);
    return ExitFailure;
}

int invite(Store &store, const Invocation &invocation)
{
    const std::optional<Household> household = oneHousehold(store, invocation.operand);
    if (!household) {
        return ExitFailure;
    }
    const QString code = newInviteCode();
    const QDateTime expires =
        store.createInvite(household->id, sha256Hex(normalizeInviteCode(code).toLatin1()), inviteValidMinutes);
    printOut(QStringLiteral("Invite code for household %1 \"%2\": %3\nValid until %4 (%5 minutes), for one "
                            "device.\n")
                 .arg(household->id)
                 .arg(household->name, code, timeText(expires))
                 .arg(inviteValidMinutes));
    return ExitSuccess;
}

int deviceList(Store &store, const Invocation &invocation)
{
    const QList<DeviceRow> devices = store.devices();
    if (invocation.json) {
        QJsonArray array;
        for (const DeviceRow &device : devices) {
            array.append(QJsonObject{{QStringLiteral("id"), device.id},
                                     {QStringLiteral("household_id"), device.householdId},
                                     {QStringLiteral("household"), device.householdName},
                                     {QStringLiteral("member"), device.memberName},
                                     {QStringLiteral("label"), device.label},
                                     {QStringLiteral("created_at"), timeJson(device.createdAt)},
                                     {QStringLiteral("last_used_at"), timeJson(device.lastUsedAt)},
                                     {QStringLiteral("expires_at"), timeJson(device.expiresAt)},
                                     {QStringLiteral("revoked_at"), timeJson(device.revokedAt)}});
        }
        printOut(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return ExitSuccess;
    }
    if (devices.isEmpty()) {
        printOut(QStringLiteral("No devices are paired. Pair one with a code from tunescout-hub invite.\n"));
        return ExitSuccess;
    }
    QList<QStringList> rows;
    for (const DeviceRow &device : devices) {
        const QString state = device.revokedAt.isValid()          ? QStringLiteral("revoked")
            : device.expiresAt <= QDateTime::currentDateTimeUtc() ? QStringLiteral("expired")
                                                                  : QStringLiteral("active");
        rows << QStringList{QString::number(device.id),
                            device.householdName,
                            device.memberName,
                            device.label,
                            state,
                            timeText(device.lastUsedAt),
                            timeText(device.createdAt)};
    }
    printOut(table({QStringLiteral("ID"),
                    QStringLiteral("HOUSEHOLD"),
                    QStringLiteral("MEMBER"),
                    QStringLiteral("LABEL"),
                    QStringLiteral("STATE"),
                    QStringLiteral("LAST USED"),
                    QStringLiteral("PAIRED")},
                   rows));
    return ExitSuccess;
}

int deviceRevoke(Store &store, const Invocation &invocation)
{
    const qint64 id = invocation.operand.toLongLong();
    switch (store.revokeDevice(id)) {
    case RevokeResult::Revoked:
        printOut(QStringLiteral("Revoked device %1; its token is refused from its next request on.\n").arg(id));
        return ExitSuccess;
    case RevokeResult::AlreadyRevoked:
        printOut(QStringLiteral("Device %1 was already revoked.\n").arg(id));
        return ExitSuccess;
    case RevokeResult::NotFound:
        break;
    }
    printError(QStringLiteral("There is no device %1; tunescout-hub device list shows the IDs.").arg(id));
    return ExitFailure;
}

int status(Store &store, const Invocation &invocation, int schemaVersion)
{
    // The fingerprint of the public key of the certificate serve presents, for checking what a client shows at
    // pairing.
    const QString &certificatePath = invocation.config.tlsCertificate;
    QString fingerprint;
    if (!certificatePath.isEmpty()) {
        const engine::Result<QString> read = publicKeyFingerprint(certificatePath);
        if (!read) {
            printError(read.error().message);
            return ExitFailure;
        }
        fingerprint = read.value();
    }
    const QList<TableCount> counts = store.tableCounts();
    if (invocation.json) {
        QJsonObject rows;
        for (const TableCount &count : counts) {
            rows.insert(count.table, count.rows);
        }
        printOut(QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("version"), QStringLiteral(TUNESCOUT_VERSION)},
                                      {QStringLiteral("schema_version"), schemaVersion},
                                      {QStringLiteral("tls"),
                                       certificatePath.isEmpty()
                                           ? QJsonValue()
                                           : QJsonObject{{QStringLiteral("certificate"), certificatePath},
                                                         {QStringLiteral("fingerprint_sha256"), fingerprint}}},
                                      {QStringLiteral("rows"), rows}})
                .toJson(QJsonDocument::Indented)));
        return ExitSuccess;
    }
    QList<QStringList> rows;
    for (const TableCount &count : counts) {
        rows << QStringList{count.table, QString::number(count.rows)};
    }
    const QString tls = certificatePath.isEmpty()
        ? QStringLiteral("TLS: off (plain HTTP; a reverse proxy in front terminates TLS)\n")
        : QStringLiteral("TLS: certificate %1\n     public-key SHA-256 fingerprint %2\n")
              .arg(certificatePath, fingerprint);
    printOut(QStringLiteral("tunescout-hub %1, database schema version %2\n%3\n")
                 .arg(QStringLiteral(TUNESCOUT_VERSION))
                 .arg(schemaVersion)
                 .arg(tls)
             + table({QStringLiteral("TABLE"), QStringLiteral("ROWS")}, rows));
    return ExitSuccess;
}

} // namespace

int Admin::run(const Invocation &invocation)
{
    const Config &config = invocation.config;
    const engine::Result<engine::MigrationSet> migrations = Migrator::load(config.migrationsDir);
    if (!migrations) {
        printError(migrations.error().message);
        return ExitUsage;
    }
    const int latest = Migrator(migrations.value()).latestVersion();
    const ConnectionString connectionString(config.databaseUrl);
    try {
        // The statements are prepared against the schema, so it is checked first, on a connection without them.
        Database probe(connectionString, 1);
        const int version = probe.run([](pqxx::connection &connection) {
            pqxx::read_transaction transaction(connection);
            return Migrator::currentVersion(transaction);
        });
        if (version != latest) {
            printError(version < latest ? QStringLiteral("The database schema is at version %1; this hub needs version "
                                                         "%2. Run tunescout-hub migrate first.")
                                              .arg(version)
                                              .arg(latest)
                                        : QStringLiteral("The database schema is at version %1, newer than this hub "
                                                         "knows (%2). Use a newer tunescout-hub.")
                                              .arg(version)
                                              .arg(latest));
            return ExitFailure;
        }
        Database database(connectionString, 1, &Store::prepare);
        Store store(database);
        switch (invocation.command) {
        case Command::HouseholdCreate:
            return householdCreate(store, invocation);
        case Command::Invite:
            return invite(store, invocation);
        case Command::DeviceList:
            return deviceList(store, invocation);
        case Command::DeviceRevoke:
            return deviceRevoke(store, invocation);
        case Command::Status:
            return status(store, invocation, version);
        case Command::Train: {
            const TrainReport report =
                trainModel(connectionString, invocation.config.modelsKept, invocation.config.als);
            printOut(describe(report) + QLatin1Char('\n'));
            return ExitSuccess;
        }
        case Command::HouseholdLocation:
            return householdLocation(store, invocation);
        case Command::ConcertsRefresh:
            return concertsRefresh(invocation);
        case Command::Migrate:
        case Command::Serve:
        case Command::CertGenerate:
        case Command::CertFingerprint:
            break;
        }
    } catch (const pqxx::broken_connection &error) {
        printError(QStringLiteral("Cannot connect to the database: %1")
                       .arg(connectionString.redacted(error.what()).trimmed()));
        return ExitFailure;
    } catch (const std::exception &error) {
        printError(QStringLiteral("The database refused the command: %1")
                       .arg(connectionString.redacted(error.what()).trimmed()));
        return ExitFailure;
    }
    return ExitUsage;
}

} // namespace hub
