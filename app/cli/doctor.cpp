#include "app/cli/doctor.h"

#include "engine/spotify/secretstore.h"
#include "engine/store/store.h"
#include "tunescoutversion.h"

#include <QJsonArray>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace
{

Doctor::Check checkDatabase(const QString &dataDir)
{
    const engine::Store::Outcome opened = engine::Store::open(dataDir);
    const engine::StoreStatus &status = opened.status;
    QString value = QStringLiteral("%1 (schema %2 of %3, %4)")
                        .arg(status.databasePath)
                        .arg(status.schemaVersion)
                        .arg(status.latestSchemaVersion)
                        .arg(engine::storeStateName(status.state));
    if (!opened.store) {
        return {QStringLiteral("database"), false, value, status.message};
    }
    const auto integrity = opened.store->integrityCheck();
    const QString result = integrity ? integrity.value() : integrity.error().message;
    value += QStringLiteral(", integrity %1").arg(result);
    if (!integrity || result != QLatin1String("ok")) {
        return {QStringLiteral("database"),
                false,
                value,
                QStringLiteral("The cache failed its integrity check. Quit TuneScout and delete %1; it will be rebuilt "
                               "from Spotify and your imports.")
                    .arg(status.databasePath)};
    }
    // A cache that had to be rebuilt works, but the user should know their old file was moved aside.
    return {QStringLiteral("database"),
            true,
            status.message.isEmpty() ? value : value + QStringLiteral(". ") + status.message,
            {}};
}

} // namespace

Doctor::Doctor(QObject *parent)
    : QObject(parent)
{
}

void Doctor::run(const QString &dataDirOption, std::function<void(const QList<Check> &)> done)
{
    QList<Check> checks;
    checks.append({QStringLiteral("version"), true, QStringLiteral(TUNESCOUT_VERSION), {}});

    QSettings settings(clientSettingsPath(), QSettings::IniFormat);
    auto loaded = ClientConfig::load(dataDirOption, QProcessEnvironment::systemEnvironment(), settings);
    ClientConfig config;
    if (loaded) {
        config = std::move(loaded).value();
    } else {
        // Report the bad setting, and go on checking the cache where it would be anyway.
        checks.append({QStringLiteral("configuration"), false, {}, loaded.error().message});
        config.dataDir = engine::resolveDataDir(dataDirOption);
        config.settingsPath = settings.fileName();
    }
    checks.append({QStringLiteral("settings file"), true, config.settingsPath, {}});
    checks.append({QStringLiteral("data dir"), true, config.dataDir, {}});
    checks.append(checkDatabase(config.dataDir));
    if (loaded) {
        const bool hasClientId = !config.spotifyClientId.isEmpty();
        checks.append(
            {QStringLiteral("spotify client id"),
             hasClientId,
             hasClientId ? QStringLiteral("%1 (from %2)").arg(config.spotifyClientId, config.spotifyClientIdSource)
                         : QStringLiteral("not set"),
             hasClientId ? QString()
                         : QStringLiteral("Create your own app in the Spotify developer dashboard and set its "
                                          "Client ID with TUNESCOUT_SPOTIFY_CLIENT_ID or spotify/client_id in %1.")
                               .arg(config.settingsPath)});
        checks.append({QStringLiteral("spotify accounts url"), true, config.spotify.accountsUrl.toString(), {}});
        checks.append({QStringLiteral("spotify api url"), true, config.spotify.apiUrl.toString(), {}});
        checks.append({QStringLiteral("hub url"),
                       true,
                       config.hubUrl.isEmpty() ? QStringLiteral("none (TuneScout works without a hub)")
                                               : config.hubUrl.toString(),
                       {}});
    }

    // The keychain answers over D-Bus; a bus that never answers must not hang the doctor.
    auto *keychain = new engine::KeychainSecretStore(this);
    auto answered = std::make_shared<bool>(false);
    auto finish = [checks, done, answered](const engine::SecretStore::Answer &answer) mutable {
        if (*answered) {
            return;
        }
        *answered = true;
        const bool available = answer.status == engine::SecretStore::Status::Ok;
        checks.append({QStringLiteral("keychain"),
                       available,
                       available
                           ? QStringLiteral("available")
                           : QStringLiteral("%1: %2").arg(engine::secretStatusName(answer.status), answer.message),
                       available ? QString()
                                 : QStringLiteral("Without a keychain you must sign in again every time. Start your "
                                                  "desktop's keyring (GNOME Keyring, KWallet) and unlock it.")});
        done(checks);
    };
    keychain->probe(finish);
    QTimer::singleShot(10000, this, [finish]() mutable {
        finish({engine::SecretStore::Status::NoBackend, {}, QStringLiteral("the keychain did not answer within 10 s")});
    });
}

QString Doctor::toText(const QList<Check> &checks)
{
    QString text;
    for (const Check &check : checks) {
        text += QStringLiteral("%1 %2 %3\n")
                    .arg(check.ok ? QStringLiteral("ok  ") : QStringLiteral("FAIL"),
                         QString(check.name + QLatin1Char(':')).leftJustified(22),
                         check.value);
        if (!check.ok && !check.advice.isEmpty()) {
            text += QStringLiteral("     %1\n").arg(check.advice);
        }
    }
    const auto problems = std::count_if(checks.cbegin(), checks.cend(), [](const Check &c) {
        return !c.ok;
    });
    text +=
        problems == 0 ? QStringLiteral("All checks passed.\n") : QStringLiteral("%1 problem(s) found.\n").arg(problems);
    return text;
}

QJsonObject Doctor::toJson(const QList<Check> &checks)
{
    QJsonArray list;
    for (const Check &check : checks) {
        list.append(QJsonObject{{QStringLiteral("name"), check.name},
                                {QStringLiteral("ok"), check.ok},
                                {QStringLiteral("value"), check.value},
                                {QStringLiteral("advice"), check.advice}});
    }
    return {{QStringLiteral("ok"), allOk(checks)}, {QStringLiteral("checks"), list}};
}

bool Doctor::allOk(const QList<Check> &checks)
{
    return std::all_of(checks.cbegin(), checks.cend(), [](const Check &c) {
        return c.ok;
    });
}
