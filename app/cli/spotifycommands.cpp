#include "app/cli/spotifycommands.h"

#include "app/cli/console.h"
#include "app/cli/exitcodes.h"
#include "engine/ingest/storethread.h"
#include "engine/ingest/syncservice.h"
#include "engine/spotify/secretstore.h"
#include "engine/spotify/session.h"
#include "engine/spotify/signinflow.h"
#include "engine/spotify/spotifyclient.h"
#include "engine/store/libraryrepository.h"
#include "engine/store/syncstaterepository.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTextStream>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

using namespace engine;

namespace
{

using cli::err;
using cli::out;

int needClientId()
{
    err() << "No Spotify Client ID is set. Run 'tunescout-cli setup' to create your own Spotify app, then "
             "'tunescout-cli setup --client-id ID'.\n";
    return UserActionNeeded;
}

Session::Options sessionOptions(const ClientConfig &config)
{
    Session::Options options;
    options.accountsUrl = config.spotify.accountsUrl;
    options.clientId = config.spotifyClientId;
    return options;
}

// The system browser, or the one $BROWSER names.
bool openInBrowser(const QUrl &url)
{
    const QString browser = qEnvironmentVariable("BROWSER");
    return QProcess::startDetached(browser.isEmpty() ? QStringLiteral("xdg-open") : browser,
                                   {url.toString(QUrl::FullyEncoded)});
}

QString formatTime(std::optional<qint64> ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(*ms).toLocalTime().toString(Qt::ISODate) : QStringLiteral("never");
}

} // namespace

void whenSignedIn(Session &session, const std::function<void()> &ready, const std::function<void(int)> &finish)
{
    auto started = std::make_shared<bool>(false);
    QObject::connect(&session, &Session::stateChanged, &session, [&session, ready, finish, started] {
        switch (session.state()) {
        case Session::State::SignedIn:
            if (!*started && !session.accessToken().isEmpty()) {
                *started = true;
                ready();
            }
            break;
        case Session::State::NeedsSignIn:
            err() << session.errorMessage() << "\nRun 'tunescout-cli login'.\n";
            finish(UserActionNeeded);
            break;
        case Session::State::SignedOut:
            err() << "Not signed in. Run 'tunescout-cli login' first.\n";
            finish(UserActionNeeded);
            break;
        case Session::State::Restoring:
            break;
        }
    });
    // After a refresh that failed for a passing reason the session stays SignedIn without a token.
    QObject::connect(&session, &Session::errorMessageChanged, &session, [&session, finish] {
        if (session.state() == Session::State::SignedIn && session.accessToken().isEmpty()
            && !session.errorMessage().isEmpty()) {
            err() << session.errorMessage() << '\n';
            finish(Failure);
        }
    });
}

int runLogin(const ClientConfig &config, const SpotifyCommandOptions &options)
{
    if (config.spotifyClientId.isEmpty()) {
        return needClientId();
    }
    QNetworkAccessManager network;
    KeychainSecretStore keychain;
    Session session(sessionOptions(config), &keychain, &network);
    SignInFlow flow(
        &session,
        options.openBrowser ? SignInFlow::BrowserOpener(openInBrowser) : [](const QUrl &) {
            return false;
        });
    flow.setLifetime(std::chrono::seconds(options.timeoutS));

    int exitCode = Failure;
    bool printedUrl = false;
    QObject::connect(&flow, &SignInFlow::stateChanged, &flow, [&] {
        if (flow.state() == SignInFlow::State::WaitingForBrowser && !printedUrl) {
            printedUrl = true;
            err() << (flow.browserOpened() ? "Opened your browser. If it did not open, visit this address:\n"
                                           : "Open this address in a browser to sign in:\n");
            err().flush();
            out() << flow.authorizeUrl().toString(QUrl::FullyEncoded) << '\n';
            out().flush();
            err() << "Waiting for Spotify (up to " << options.timeoutS << " s)…\n";
            err().flush();
        }
    });
    QObject::connect(&flow, &SignInFlow::finished, &flow, [&] {
        switch (flow.state()) {
        case SignInFlow::State::SignedIn:
            out() << "Signed in to Spotify.\n";
            if (!session.isPersistent()) {
                out() << session.persistenceMessage() << '\n';
            }
            exitCode = Success;
            break;
        case SignInFlow::State::Cancelled:
            err() << "Sign-in cancelled.\n";
            exitCode = UserActionNeeded;
            break;
        case SignInFlow::State::TimedOut:
            err() << "Sign-in timed out: " << flow.errorMessage() << '\n';
            exitCode = UserActionNeeded;
            break;
        default:
            err() << "Sign-in failed: " << flow.errorMessage() << '\n';
            exitCode = Failure;
            break;
        }
        // Let the keychain finish what the session handed it before the process ends.
        QTimer::singleShot(0, QCoreApplication::instance(), &QCoreApplication::quit);
    });
    QTimer::singleShot(0, &flow, &SignInFlow::start);
    QCoreApplication::exec();
    return exitCode;
}

int runLogout(const ClientConfig &config)
{
    KeychainSecretStore keychain;
    int exitCode = Failure;
    keychain.remove(Session::Options().secretKey, [&](const SecretStore::Answer &answer) {
        if (answer.status == SecretStore::Status::Ok) {
            out() << "Signed out: the saved Spotify sign-in was deleted from the system keyring.\n"
                     "To revoke TuneScout's access entirely, remove it under \"Manage apps\" in your Spotify "
                     "account settings.\n";
            exitCode = Success;
        } else {
            err() << "Could not delete the saved sign-in from the system keyring: " << answer.message << '\n';
        }
        QCoreApplication::quit();
    });
    Q_UNUSED(config)
    QCoreApplication::exec();
    return exitCode;
}

int runSync(const ClientConfig &config, const SpotifyCommandOptions &options)
{
    if (config.spotifyClientId.isEmpty()) {
        return needClientId();
    }
    QNetworkAccessManager network;
    KeychainSecretStore keychain;
    Session session(sessionOptions(config), &keychain, &network);
    SpotifyClient client(config.spotify.apiUrl, &session, SpotifyApiProfile::DevelopmentMode);
    StoreThread store;
    SyncService sync(&client, &store);
    int exitCode = Failure;

    const auto finish = [&](int code) {
        exitCode = code;
        store.stop();
        QCoreApplication::quit();
    };
    QString lastStep;
    QObject::connect(&sync, &SyncService::progressChanged, &sync, [&] {
        if (!sync.currentStep().isEmpty() && sync.currentStep() != lastStep) {
            lastStep = sync.currentStep();
            err() << "[" << sync.stepsDone() + 1 << "/" << sync.stepsTotal() << "] " << sync.currentStep() << '\n';
            err().flush();
        }
    });
    QObject::connect(&sync, &SyncService::stepFailed, &sync, [&](const SyncStepError &error) {
        err() << syncStepName(error.step) << ": " << error.message << '\n';
    });
    QObject::connect(&sync, &SyncService::finished, &sync, [&](const SyncSummary &summary) {
        out() << QStringLiteral("%1 sync %2 in %3 ms: %4 new plays, %5 items updated, %6 requests.\n")
                     .arg(summary.kind == SyncSummary::Kind::Full ? QStringLiteral("Full") : QStringLiteral("Poll"),
                          summary.complete ? QStringLiteral("complete") : QStringLiteral("incomplete"))
                     .arg(summary.durationMs)
                     .arg(summary.newPlays)
                     .arg(summary.itemsUpdated)
                     .arg(summary.requests);
        for (const SyncGap &gap : summary.gapsFound) {
            out() << "Plays between " << formatTime(gap.fromMs) << " and " << formatTime(gap.toMs)
                  << " may be missing: more than 50 were played between two polls. Import your Spotify data "
                     "export to fill them in.\n";
        }
        out().flush();
        if (options.once) {
            finish(summary.complete ? Success : Failure);
        }
    });
    QObject::connect(&sync, &SyncService::pauseChanged, &sync, [&] {
        if (sync.pauseReason() == SyncService::PauseReason::None) {
            return;
        }
        err() << sync.pauseMessage() << '\n';
        const bool userMustAct = sync.pauseReason() == SyncService::PauseReason::SignInNeeded
            || sync.pauseReason() == SyncService::PauseReason::NotRegistered;
        if (options.once || userMustAct) {
            finish(userMustAct ? UserActionNeeded : Failure);
        }
    });

    const auto begin = [&] {
        if (options.once) {
            sync.syncNow();
        } else {
            err() << "Syncing; recently played is polled until you stop this with Ctrl+C.\n";
            sync.start();
        }
    };
    whenSignedIn(session, begin, finish);
    store.open(config.dataDir, &store, [&](const StoreStatus &status) {
        if (status.state != StoreStatus::State::Ready && status.state != StoreStatus::State::Recovered) {
            err() << status.message << '\n';
            finish(Failure);
            return;
        }
        if (!status.message.isEmpty()) {
            err() << status.message << '\n';
        }
        session.restore();
    });
    QCoreApplication::exec();
    return exitCode;
}

int runStatus(const ClientConfig &config, const SpotifyCommandOptions &options)
{
    const Store::Outcome opened = Store::open(config.dataDir);
    if (!opened.store) {
        err() << opened.status.message << '\n';
        return Failure;
    }
    SqliteDatabase &database = opened.store->database();
    auto library = LibraryRepository::create(database);
    auto syncState = SyncStateRepository::create(database);
    if (!library || !syncState) {
        err() << (library ? syncState.error().message : library.error().message) << '\n';
        return Failure;
    }
    const auto counts = library.value().counts();
    const auto states = syncState.value().all();
    const auto gaps = syncState.value().gaps();
    if (!counts || !states || !gaps) {
        err() << "Could not read the cache " << opened.status.databasePath << '\n';
        return Failure;
    }

    // Whether a sign-in is remembered; whether it still works only Spotify can say (run sync).
    KeychainSecretStore keychain;
    std::optional<SecretStore::Answer> stored;
    keychain.read(Session::Options().secretKey, [&](const SecretStore::Answer &answer) {
        stored = answer;
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    const bool remembered = stored && stored->status == SecretStore::Status::Ok && !stored->secret.isEmpty();
    const QString account = remembered ? QStringLiteral("signed in (remembered in the system keyring)")
        : stored && stored->status == SecretStore::Status::NotFound ? QStringLiteral("not signed in")
                                                                    : QStringLiteral("unknown: no system keyring");

    const LibraryCounts &c = counts.value();
    if (options.json) {
        QJsonArray syncs;
        for (const SyncState &state : states.value()) {
            QJsonObject entry{{QStringLiteral("resource"), state.resource},
                              {QStringLiteral("last_error"), state.lastError}};
            if (state.lastSuccessAtMs) {
                entry.insert(QStringLiteral("last_success_at_ms"), double(*state.lastSuccessAtMs));
            }
            if (state.lastAttemptAtMs) {
                entry.insert(QStringLiteral("last_attempt_at_ms"), double(*state.lastAttemptAtMs));
            }
            syncs.append(entry);
        }
        const QJsonObject report{
            {QStringLiteral("account"), account},
            {QStringLiteral("signed_in"), remembered},
            {QStringLiteral("client_id"), config.spotifyClientId},
            {QStringLiteral("database"), opened.status.databasePath},
            {QStringLiteral("counts"),
             QJsonObject{{QStringLiteral("artists"), double(c.artists)},
                         {QStringLiteral("tracks"), double(c.tracks)},
                         {QStringLiteral("plays"), double(c.plays)},
                         {QStringLiteral("saved_tracks"), double(c.savedTracks)},
                         {QStringLiteral("followed_artists"), double(c.followedArtists)},
                         {QStringLiteral("playlists"), double(c.playlists)},
                         {QStringLiteral("outbox_pending"), double(c.outboxPending)}}},
            {QStringLiteral("sync"), syncs},
            {QStringLiteral("gaps"), double(gaps.value().size())},
        };
        out() << QJsonDocument(report).toJson(QJsonDocument::Indented);
        return Success;
    }
    out() << "Spotify:          " << account << '\n'
          << "Client ID:        "
          << (config.spotifyClientId.isEmpty() ? QStringLiteral("not set") : config.spotifyClientId) << '\n'
          << "Cache:            " << opened.status.databasePath << '\n'
          << "Cached:           " << c.plays << " plays, " << c.tracks << " tracks, " << c.artists << " artists, "
          << c.savedTracks << " saved tracks, " << c.followedArtists << " followed artists, " << c.playlists
          << " playlists\n"
          << "Waiting for hub:  " << c.outboxPending << " events\n";
    for (const SyncState &state : states.value()) {
        out() << "Last sync of " << state.resource << ": " << formatTime(state.lastSuccessAtMs)
              << (state.lastError.isEmpty() ? QString() : QStringLiteral(" (last error: %1)").arg(state.lastError))
              << '\n';
    }
    if (!gaps.value().isEmpty()) {
        out() << gaps.value().size() << " stretch(es) of time in which plays may be missing.\n";
    }
    return Success;
}
