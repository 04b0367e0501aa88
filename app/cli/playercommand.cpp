#include "app/cli/playercommand.h"

#include "app/cli/console.h"
#include "app/cli/exitcodes.h"
#include "app/cli/spotifycommands.h"
#include "engine/spotify/player.h"
#include "engine/spotify/secretstore.h"
#include "engine/spotify/session.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QTimer>

#include <functional>
#include <optional>
#include <variant>

using namespace engine;

namespace
{

using cli::err;
using cli::out;

// What one run does once signed in: sends its request and calls `finish` with the exit code.
using Action = std::function<void(SpotifyPlayer &player, QObject *context, std::function<void(int)> finish)>;

const char *const playerUsage =
    "Usage: tunescout-cli player status|play [URI…]|pause|next|previous|seek MS|volume N|shuffle on|off|\n"
    "       repeat off|context|track|devices|transfer DEVICE_ID|queue [URI] [--json]";

int usage(const QString &message)
{
    err() << message << '\n' << playerUsage << '\n';
    return Usage;
}

// spotify:<type>:<22 base62 characters>, the only URIs the player endpoints take.
QString uriType(const QString &uri)
{
    static const QRegularExpression pattern(
        QStringLiteral("^spotify:(track|episode|album|playlist|artist|show):[0-9A-Za-z]{22}$"));
    const QRegularExpressionMatch match = pattern.match(uri);
    return match.hasMatch() ? match.captured(1) : QString();
}

QString clock(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QJsonValue itemJson(const std::optional<PlayingItem> &item)
{
    if (!item) {
        return QJsonValue();
    }
    return QJsonObject{
        {QStringLiteral("type"),
         item->type == PlayingItem::Type::Episode ? QStringLiteral("episode") : QStringLiteral("track")},
        {QStringLiteral("uri"), item->uri},
        {QStringLiteral("name"), item->name},
        {QStringLiteral("artists"), QJsonArray::fromStringList(item->artists)},
        {QStringLiteral("album"), item->album},
        {QStringLiteral("image_url"), item->imageUrl},
        {QStringLiteral("duration_ms"), double(item->durationMs)},
    };
}

QJsonObject deviceJson(const PlayerDevice &device)
{
    return QJsonObject{
        {QStringLiteral("id"), device.id},
        {QStringLiteral("name"), device.name},
        {QStringLiteral("type"), device.type},
        {QStringLiteral("is_active"), device.isActive},
        {QStringLiteral("is_restricted"), device.isRestricted},
        {QStringLiteral("supports_volume"), device.supportsVolume},
        {QStringLiteral("volume_percent"), device.volumePercent ? QJsonValue(*device.volumePercent) : QJsonValue()},
    };
}

QString itemLine(const PlayingItem &item)
{
    return item.artists.isEmpty() ? item.name
                                  : QStringLiteral("%1 — %2").arg(item.name, item.artists.join(QStringLiteral(", ")));
}

QString deviceLine(const PlayerDevice &device)
{
    QString line = QStringLiteral("%1 (%2)").arg(device.name, device.type.toLower());
    if (!device.supportsVolume) {
        line += QStringLiteral(", volume fixed");
    } else if (device.volumePercent) {
        line += QStringLiteral(", volume %1%").arg(*device.volumePercent);
    }
    return line;
}

// A failed player request: the message for its reason, and exit 3 when the user has to act first.
int reportFailure(const SpotifyError &error)
{
    err() << playerErrorMessage(error) << '\n';
    switch (error.kind) {
    case SpotifyError::Kind::PremiumRequired:
    case SpotifyError::Kind::NoActiveDevice:
    case SpotifyError::Kind::SessionExpired:
    case SpotifyError::Kind::NotRegistered:
        return UserActionNeeded;
    default:
        return Failure;
    }
}

Action command(std::function<void(SpotifyPlayer &, QObject *, PlayerCommandDone)> send, QString done)
{
    return [send = std::move(send),
            done = std::move(done)](SpotifyPlayer &player, QObject *context, std::function<void(int)> finish) {
        send(player, context, [done, finish](const SpotifyResult<void> &answer) {
            if (!answer) {
                finish(reportFailure(answer.error()));
                return;
            }
            out() << done << '\n';
            finish(Success);
        });
    };
}

Action statusAction(bool json)
{
    return [json](SpotifyPlayer &player, QObject *context, std::function<void(int)> finish) {
        player.fetchState(
            context,
            [json, finish](const SpotifyResult<std::optional<PlaybackState>> &answer) {
                if (!answer) {
                    finish(reportFailure(answer.error()));
                    return;
                }
                const std::optional<PlaybackState> &state = answer.value();
                if (json) {
                    QJsonObject report{{QStringLiteral("active"), state.has_value()}};
                    if (state) {
                        report.insert(QStringLiteral("is_playing"), state->isPlaying);
                        report.insert(QStringLiteral("item"), itemJson(state->item));
                        report.insert(QStringLiteral("progress_ms"),
                                      state->progressMs ? QJsonValue(double(*state->progressMs)) : QJsonValue());
                        report.insert(QStringLiteral("shuffle"), state->shuffle);
                        report.insert(QStringLiteral("repeat"), state->repeatState);
                        report.insert(QStringLiteral("context_uri"),
                                      state->contextUri.isEmpty() ? QJsonValue() : QJsonValue(state->contextUri));
                        report.insert(QStringLiteral("device"),
                                      state->device ? QJsonValue(deviceJson(*state->device)) : QJsonValue());
                    }
                    out() << QJsonDocument(report).toJson(QJsonDocument::Indented);
                    finish(Success);
                    return;
                }
                if (!state) {
                    out() << "Nothing is playing: no Spotify device is active. 'tunescout-cli player devices' lists "
                             "your devices; 'tunescout-cli player transfer ID' starts one.\n";
                    finish(Success);
                    return;
                }
                out() << (state->isPlaying ? "Playing:  " : "Paused:   ")
                      << (state->item ? itemLine(*state->item) : QStringLiteral("(an advertisement or nothing)"))
                      << '\n';
                if (state->item && !state->item->album.isEmpty()) {
                    out() << "From:     " << state->item->album << '\n';
                }
                if (state->item) {
                    out() << "Position: " << clock(state->progressMs.value_or(0)) << " / "
                          << clock(state->item->durationMs) << '\n';
                }
                if (state->device) {
                    out() << "Device:   " << deviceLine(*state->device) << '\n';
                }
                out() << "Shuffle:  " << (state->shuffle ? "on" : "off") << ", repeat: " << state->repeatState << '\n';
                if (!state->contextUri.isEmpty()) {
                    out() << "Context:  " << state->contextUri << '\n';
                }
                finish(Success);
            },
            SpotifyPriority::Foreground);
    };
}

Action devicesAction(bool json)
{
    return [json](SpotifyPlayer &player, QObject *context, std::function<void(int)> finish) {
        player.fetchDevices(
            context,
            [json, finish](const SpotifyResult<QList<PlayerDevice>> &answer) {
                if (!answer) {
                    finish(reportFailure(answer.error()));
                    return;
                }
                if (json) {
                    QJsonArray devices;
                    for (const PlayerDevice &device : answer.value()) {
                        devices.append(deviceJson(device));
                    }
                    out() << QJsonDocument(QJsonObject{{QStringLiteral("devices"), devices}})
                                 .toJson(QJsonDocument::Indented);
                    finish(Success);
                    return;
                }
                if (answer.value().isEmpty()) {
                    out() << "No Spotify devices are online. Open Spotify on a phone, computer or speaker.\n";
                }
                for (const PlayerDevice &device : answer.value()) {
                    out() << (device.isActive ? "* " : "  ") << device.id << "  " << deviceLine(device)
                          << (device.isRestricted ? QStringLiteral(" — cannot be controlled") : QString()) << '\n';
                }
                finish(Success);
            },
            SpotifyPriority::Foreground);
    };
}

Action queueAction(bool json)
{
    return [json](SpotifyPlayer &player, QObject *context, std::function<void(int)> finish) {
        player.fetchQueue(
            context,
            [json, finish](const SpotifyResult<PlayerQueue> &answer) {
                if (!answer) {
                    finish(reportFailure(answer.error()));
                    return;
                }
                const PlayerQueue &queue = answer.value();
                if (json) {
                    QJsonArray items;
                    for (const PlayingItem &item : queue.queue) {
                        items.append(itemJson(item));
                    }
                    out() << QJsonDocument(
                                 QJsonObject{{QStringLiteral("currently_playing"), itemJson(queue.currentlyPlaying)},
                                             {QStringLiteral("queue"), items}})
                                 .toJson(QJsonDocument::Indented);
                    finish(Success);
                    return;
                }
                if (queue.currentlyPlaying) {
                    out() << "Now:  " << itemLine(*queue.currentlyPlaying) << '\n';
                }
                int position = 0;
                for (const PlayingItem &item : queue.queue) {
                    out() << QStringLiteral("%1.").arg(++position, 3) << "  " << itemLine(item) << "  " << item.uri
                          << '\n';
                }
                if (queue.queue.isEmpty()) {
                    out() << "The queue is empty.\n";
                }
                finish(Success);
            },
            SpotifyPriority::Foreground);
    };
}

// The action for the command line after "player", or the exit code of a usage error.
std::variant<Action, int> parseAction(const QStringList &arguments, bool json)
{
    if (arguments.isEmpty()) {
        return usage(QStringLiteral("'player' needs a command."));
    }
    const QString verb = arguments.constFirst();
    const QStringList rest = arguments.mid(1);
    const auto takesNoArguments = [&]() -> std::optional<int> {
        if (!rest.isEmpty()) {
            return usage(QStringLiteral("'player %1' takes no arguments.").arg(verb));
        }
        return std::nullopt;
    };
    const auto oneArgument = [&](const QString &what) -> std::optional<int> {
        if (rest.size() != 1) {
            return usage(QStringLiteral("'player %1' takes %2.").arg(verb, what));
        }
        return std::nullopt;
    };
    if (verb == QLatin1String("status") || verb == QLatin1String("devices")) {
        if (auto bad = takesNoArguments()) {
            return *bad;
        }
        return verb == QLatin1String("status") ? statusAction(json) : devicesAction(json);
    }
    if (verb == QLatin1String("play")) {
        PlayRequest request;
        QStringList items;
        for (const QString &uri : rest) {
            const QString type = uriType(uri);
            if (type.isEmpty()) {
                return usage(QStringLiteral("'%1' is not a Spotify URI (spotify:track:…, spotify:album:…, "
                                            "spotify:playlist:…, spotify:artist:…, spotify:show:…, "
                                            "spotify:episode:…).")
                                 .arg(uri));
            }
            if (type == QLatin1String("track") || type == QLatin1String("episode")) {
                items.append(uri);
            } else if (rest.size() == 1) {
                request.contextUri = uri;
            } else {
                return usage(QStringLiteral("'%1' is an album, playlist, artist or show: play it on its own, or "
                                            "give only track and episode URIs.")
                                 .arg(uri));
            }
        }
        request.uris = items;
        const QString done = rest.isEmpty() ? QStringLiteral("Playing.")
            : request.contextUri.isEmpty()  ? QStringLiteral("Playing %1 item(s).").arg(items.size())
                                            : QStringLiteral("Playing %1.").arg(request.contextUri);
        return command(
            [request](SpotifyPlayer &player, QObject *context, PlayerCommandDone finished) {
                player.play(request, {}, context, std::move(finished));
            },
            done);
    }
    if (verb == QLatin1String("pause") || verb == QLatin1String("next") || verb == QLatin1String("previous")) {
        if (auto bad = takesNoArguments()) {
            return *bad;
        }
        if (verb == QLatin1String("pause")) {
            return command(
                [](SpotifyPlayer &player, QObject *context, PlayerCommandDone finished) {
                    player.pause({}, context, std::move(finished));
                },
                QStringLiteral("Paused."));
        }
        const bool forward = verb == QLatin1String("next");
        return command(
            [forward](SpotifyPlayer &player, QObject *context, PlayerCommandDone finished) {
                forward ? player.next({}, context, std::move(finished))
                        : player.previous({}, context, std::move(finished));
            },
            forward ? QStringLiteral("Skipped to the next track.")
                    : QStringLiteral("Went back to the previous track."));
    }
    if (verb == QLatin1String("seek")) {
        if (auto bad = oneArgument(QStringLiteral("a position in milliseconds"))) {
            return *bad;
        }
        bool ok = false;
        const qint64 ms = rest.constFirst().toLongLong(&ok);
        if (!ok || ms < 0) {
            return usage(QStringLiteral("'%1' is not a position: give milliseconds from 0 (e.g. 'seek 90000' for "
                                        "1:30).")
                             .arg(rest.constFirst()));
        }
        return command(
            [ms](SpotifyPlayer &player, QObject *context, PlayerCommandDone finished) {
                player.seek(ms, {}, context, std::move(finished));
            },
            QStringLiteral("Moved to %1.").arg(clock(ms)));
    }
    if (verb == QLatin1String("volume")) {
        if (auto bad = oneArgument(QStringLiteral("a volume from 0 to 100"))) {
            return *bad;
        }
        bool ok = false;
        const int percent = rest.constFirst().toInt(&ok);
        if (!ok || percent < 0 || percent > 100) {
            return usage(QStringLiteral("'%1' is not a volume: give a number from 0 to 100.").arg(rest.constFirst()));
        }
        return command(
            [percent](SpotifyPlayer &player, QObject *context, PlayerCommandDone finished) {
                player.setVolume(percent, {}, context, std::move(finished));
            },
            QStringLiteral("Volume set to %1%.").arg(percent));
    }
    if (verb == QLatin1String("shuffle")) {
        if (rest.size() != 1
            || (rest.constFirst() != QLatin1String("on") && rest.constFirst() != QLatin1String("off"))) {
            return usage(QStringLiteral("'player shuffle' takes on or off."));
        }
        const bool on = rest.constFirst() == QLatin1String("on");
        return command(
            [on](SpotifyPlayer &player, QObject *context, PlayerCommandDone finished) {
                player.setShuffle(on, {}, context, std::move(finished));
            },
            on ? QStringLiteral("Shuffle is on.") : QStringLiteral("Shuffle is off."));
    }
    if (verb == QLatin1String("repeat")) {
        const std::optional<RepeatMode> mode = rest.size() == 1 ? repeatModeFromName(rest.constFirst()) : std::nullopt;
        if (!mode) {
            return usage(QStringLiteral("'player repeat' takes off, context or track."));
        }
        return command(
            [mode](SpotifyPlayer &player, QObject *context, PlayerCommandDone finished) {
                player.setRepeat(*mode, {}, context, std::move(finished));
            },
            QStringLiteral("Repeat: %1.").arg(repeatModeName(*mode)));
    }
    if (verb == QLatin1String("transfer")) {
        if (auto bad = oneArgument(QStringLiteral("a device ID ('tunescout-cli player devices' lists them)"))) {
            return *bad;
        }
        const QString device = rest.constFirst();
        return command(
            [device](SpotifyPlayer &player, QObject *context, PlayerCommandDone finished) {
                player.transfer(device, true, context, std::move(finished));
            },
            QStringLiteral("Playing on device %1.").arg(device));
    }
    if (verb == QLatin1String("queue")) {
        if (rest.isEmpty()) {
            return queueAction(json);
        }
        if (auto bad = oneArgument(QStringLiteral("one track or episode URI to add, or nothing to list the queue"))) {
            return *bad;
        }
        const QString uri = rest.constFirst();
        const QString type = uriType(uri);
        if (type != QLatin1String("track") && type != QLatin1String("episode")) {
            return usage(
                QStringLiteral("'%1' is not a track or episode URI (spotify:track:… or spotify:episode:…).").arg(uri));
        }
        return command(
            [uri](SpotifyPlayer &player, QObject *context, PlayerCommandDone finished) {
                player.addToQueue(uri, {}, context, std::move(finished));
            },
            QStringLiteral("Added %1 to the queue.").arg(uri));
    }
    return usage(QStringLiteral("Unknown player command '%1'.").arg(verb));
}

} // namespace

int runPlayer(const ClientConfig &config, const QStringList &arguments, bool json)
{
    std::variant<Action, int> parsed = parseAction(arguments, json);
    if (const int *exitCode = std::get_if<int>(&parsed)) {
        return *exitCode;
    }
    if (config.spotifyClientId.isEmpty()) {
        err() << "No Spotify Client ID is set. Run 'tunescout-cli setup' to create your own Spotify app, then "
                 "'tunescout-cli setup --client-id ID'.\n";
        return UserActionNeeded;
    }
    const Action action = std::get<Action>(std::move(parsed));

    QNetworkAccessManager network;
    KeychainSecretStore keychain;
    Session::Options options;
    options.accountsUrl = config.spotify.accountsUrl;
    options.clientId = config.spotifyClientId;
    Session session(options, &keychain, &network);
    SpotifyClient client(config.spotify.apiUrl, &session, SpotifyApiProfile::DevelopmentMode);
    SpotifyPlayer player(client);

    int exitCode = Failure;
    bool finished = false;
    const auto finish = [&](int code) {
        if (finished) {
            return;
        }
        finished = true;
        exitCode = code;
        // Let the keychain finish what a token refresh handed it before the process ends.
        QTimer::singleShot(0, QCoreApplication::instance(), &QCoreApplication::quit);
    };
    whenSignedIn(
        session,
        [&] {
            action(player, &client, finish);
        },
        finish);
    QTimer::singleShot(0, &session, &Session::restore);
    QCoreApplication::exec();
    return exitCode;
}
