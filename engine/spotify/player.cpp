#include "engine/spotify/player.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>

namespace engine
{

namespace
{

Error shapeError(const QString &what)
{
    return Error{Error::Code::InvalidInput, QStringLiteral("Spotify sent an unexpected player answer: %1.").arg(what)};
}

QString string(const QJsonObject &object, QLatin1String key)
{
    return object.value(key).toString();
}

// A JSON number that is a whole, non-negative number of milliseconds; nullopt for null or anything else.
std::optional<qint64> milliseconds(const QJsonValue &value)
{
    if (!value.isDouble()) {
        return std::nullopt;
    }
    const double number = value.toDouble();
    if (number < 0 || number != double(qint64(number))) {
        return std::nullopt;
    }
    return qint64(number);
}

PlayerDevice device(const QJsonObject &object)
{
    PlayerDevice result;
    result.id = string(object, QLatin1String("id"));
    result.name = string(object, QLatin1String("name"));
    result.type = string(object, QLatin1String("type"));
    result.isActive = object.value(QLatin1String("is_active")).toBool();
    result.isPrivateSession = object.value(QLatin1String("is_private_session")).toBool();
    result.isRestricted = object.value(QLatin1String("is_restricted")).toBool();
    result.supportsVolume = object.value(QLatin1String("supports_volume")).toBool();
    const QJsonValue volume = object.value(QLatin1String("volume_percent"));
    if (volume.isDouble()) {
        result.volumePercent = std::clamp(volume.toInt(), 0, 100);
    }
    return result;
}

PlayerDisallows disallows(const QJsonObject &actions)
{
    const QJsonValue nested = actions.value(QLatin1String("disallows"));
    const QJsonObject flags = nested.isObject() ? nested.toObject() : actions;
    const auto flag = [&flags](const char *key) {
        return flags.value(QLatin1String(key)).toBool();
    };
    PlayerDisallows result;
    result.interruptingPlayback = flag("interrupting_playback");
    result.pausing = flag("pausing");
    result.resuming = flag("resuming");
    result.seeking = flag("seeking");
    result.skippingNext = flag("skipping_next");
    result.skippingPrev = flag("skipping_prev");
    result.togglingRepeatContext = flag("toggling_repeat_context");
    result.togglingRepeatTrack = flag("toggling_repeat_track");
    result.togglingShuffle = flag("toggling_shuffle");
    result.transferringPlayback = flag("transferring_playback");
    return result;
}

QUrlQuery deviceQuery(const QString &deviceId)
{
    QUrlQuery query;
    if (!deviceId.isEmpty()) {
        query.addQueryItem(QStringLiteral("device_id"), deviceId);
    }
    return query;
}

SpotifyClient::Callback commandDone(PlayerCommandDone done)
{
    return [done = std::move(done)](const SpotifyResult<SpotifyResponse> &answer) {
        if (!answer) {
            done(answer.error());
            return;
        }
        done(SpotifyResult<void>());
    };
}

SpotifyError badResponse(const SpotifyResponse &response, const Error &error)
{
    SpotifyError result;
    result.kind = SpotifyError::Kind::BadResponse;
    result.status = response.status;
    result.detail = error.message;
    return result;
}

// A command: Foreground, since a person pressed a button.
void putCommand(SpotifyClient &client,
                const QString &path,
                const QUrlQuery &query,
                const QByteArray &body,
                QObject *context,
                PlayerCommandDone done)
{
    client.put(path, query, body, SpotifyPriority::Foreground, context, commandDone(std::move(done)));
}

void postCommand(SpotifyClient &client,
                 const QString &path,
                 const QUrlQuery &query,
                 const QByteArray &body,
                 QObject *context,
                 PlayerCommandDone done)
{
    client.post(path, query, body, SpotifyPriority::Foreground, context, commandDone(std::move(done)));
}

// GET `path`, then `parse` the body (with the status, for the 204 of /me/player); a body that is not what the
// endpoint documents is BadResponse.
template<typename T, typename Parse>
void getParsed(SpotifyClient &client,
               const QString &path,
               const QUrlQuery &query,
               SpotifyPriority priority,
               QObject *context,
               std::function<void(const SpotifyResult<T> &)> done,
               Parse parse)
{
    client.get(path,
               query,
               priority,
               context,
               [done = std::move(done), parse](const SpotifyResult<SpotifyResponse> &answer) {
                   if (!answer) {
                       done(answer.error());
                       return;
                   }
                   auto parsed = parse(answer.value());
                   if (!parsed) {
                       done(badResponse(answer.value(), parsed.error()));
                       return;
                   }
                   done(std::move(parsed.value()));
               });
}

} // namespace

QString repeatModeName(RepeatMode mode)
{
    switch (mode) {
    case RepeatMode::Off:
        return QStringLiteral("off");
    case RepeatMode::Context:
        return QStringLiteral("context");
    case RepeatMode::Track:
        return QStringLiteral("track");
    }
    return {};
}

std::optional<RepeatMode> repeatModeFromName(const QString &name)
{
    for (const RepeatMode mode : {RepeatMode::Off, RepeatMode::Context, RepeatMode::Track}) {
        if (repeatModeName(mode) == name) {
            return mode;
        }
    }
    return std::nullopt;
}

std::optional<PlayingItem> parsePlayingItem(const QJsonObject &object)
{
    const QString type = string(object, QLatin1String("type"));
    if (type == QLatin1String("episode")) {
        PlayingItem episode;
        episode.type = PlayingItem::Type::Episode;
        episode.id = string(object, QLatin1String("id"));
        episode.uri = string(object, QLatin1String("uri"));
        episode.name = string(object, QLatin1String("name"));
        if (episode.name.isEmpty() || episode.uri.isEmpty()) {
            return std::nullopt;
        }
        const QJsonObject show = object.value(QLatin1String("show")).toObject();
        episode.album = string(show, QLatin1String("name"));
        const QString publisher = string(show, QLatin1String("publisher"));
        if (!publisher.isEmpty()) {
            episode.artists.append(publisher);
        }
        episode.imageUrl = spotifyjson::bestImage(object);
        if (episode.imageUrl.isEmpty()) {
            episode.imageUrl = spotifyjson::bestImage(show);
        }
        episode.durationMs = milliseconds(object.value(QLatin1String("duration_ms"))).value_or(0);
        episode.previewUrl = string(object, QLatin1String("audio_preview_url"));
        return episode;
    }
    const std::optional<Track> track = spotifyjson::track(object);
    if (!track) {
        return std::nullopt;
    }
    PlayingItem item;
    item.type = PlayingItem::Type::Track;
    item.id = track->spotifyId;
    // A local file has no Spotify id, but its `uri` (spotify:local:…) still addresses it.
    item.uri = track->isLocal ? string(object, QLatin1String("uri")) : track->uri();
    item.name = track->name;
    for (const ArtistRef &artist : track->artists) {
        item.artists.append(artist.name);
    }
    if (!track->artists.isEmpty() && !track->artists.first().spotifyId.isEmpty()) {
        item.artistUri = QStringLiteral("spotify:artist:") + track->artists.first().spotifyId;
    }
    item.album = track->album.name;
    item.imageUrl = track->album.imageUrl;
    item.durationMs = track->durationMs;
    item.previewUrl = track->previewUrl;
    item.isLocal = track->isLocal;
    return item;
}

Result<std::optional<PlaybackState>> parsePlaybackState(int status, const QByteArray &body)
{
    // 204: no device is active, or nothing is loaded on it.
    if (status == 204 || body.trimmed().isEmpty()) {
        return std::optional<PlaybackState>();
    }
    const auto parsed = spotifyjson::parseObject(body);
    if (!parsed) {
        return parsed.error();
    }
    const QJsonObject &object = parsed.value();
    if (!object.value(QLatin1String("is_playing")).isBool()) {
        return shapeError(QStringLiteral("the playback state has no is_playing"));
    }
    PlaybackState state;
    state.isPlaying = object.value(QLatin1String("is_playing")).toBool();
    const QJsonValue deviceValue = object.value(QLatin1String("device"));
    if (deviceValue.isObject()) {
        state.device = device(deviceValue.toObject());
    }
    const QString repeat = string(object, QLatin1String("repeat_state"));
    if (repeatModeFromName(repeat)) {
        state.repeatState = repeat;
    }
    state.shuffle = object.value(QLatin1String("shuffle_state")).toBool();
    state.smartShuffle = object.value(QLatin1String("smart_shuffle")).toBool();
    const QJsonObject context = object.value(QLatin1String("context")).toObject();
    state.contextUri = string(context, QLatin1String("uri"));
    state.contextType = string(context, QLatin1String("type"));
    state.timestampMs = milliseconds(object.value(QLatin1String("timestamp"))).value_or(0);
    state.progressMs = milliseconds(object.value(QLatin1String("progress_ms")));
    const QJsonValue item = object.value(QLatin1String("item"));
    if (item.isObject()) {
        state.item = parsePlayingItem(item.toObject());
    }
    state.currentlyPlayingType = string(object, QLatin1String("currently_playing_type"));
    state.disallows = disallows(object.value(QLatin1String("actions")).toObject());
    return std::optional<PlaybackState>(state);
}

Result<QList<PlayerDevice>> parseDevices(const QByteArray &body)
{
    const auto parsed = spotifyjson::parseObject(body);
    if (!parsed) {
        return parsed.error();
    }
    const QJsonValue devices = parsed.value().value(QLatin1String("devices"));
    if (!devices.isArray()) {
        return shapeError(QStringLiteral("the device list has no devices array"));
    }
    QList<PlayerDevice> result;
    for (const QJsonValue &entry : devices.toArray()) {
        if (entry.isObject()) {
            result.append(device(entry.toObject()));
        }
    }
    return result;
}

Result<PlayerQueue> parseQueue(const QByteArray &body)
{
    const auto parsed = spotifyjson::parseObject(body);
    if (!parsed) {
        return parsed.error();
    }
    const QJsonObject &object = parsed.value();
    const QJsonValue queue = object.value(QLatin1String("queue"));
    if (!queue.isArray()) {
        return shapeError(QStringLiteral("the queue has no queue array"));
    }
    PlayerQueue result;
    const QJsonValue current = object.value(QLatin1String("currently_playing"));
    if (current.isObject()) {
        result.currentlyPlaying = parsePlayingItem(current.toObject());
    }
    for (const QJsonValue &entry : queue.toArray()) {
        if (auto item = parsePlayingItem(entry.toObject())) {
            result.queue.append(*item);
        }
    }
    return result;
}

QString playerErrorMessage(const SpotifyError &error)
{
    const QString reason = error.reason.toUpper();
    if (error.kind == SpotifyError::Kind::PremiumRequired || reason == QLatin1String("PREMIUM_REQUIRED")) {
        return QStringLiteral("Controlling playback needs Spotify Premium on this account. Everything else in "
                              "TuneScout works without it.");
    }
    if (error.kind == SpotifyError::Kind::NoActiveDevice || reason == QLatin1String("NO_ACTIVE_DEVICE")) {
        return QStringLiteral("No Spotify device is active. Pick a device to play on (or start Spotify on a phone, "
                              "computer or speaker), then try again.");
    }
    struct Message {
        const char *reason;
        const char *text;
    };
    static const Message messages[] = {
        {"NO_PREV_TRACK", "There is no previous track to go back to."},
        {"NO_NEXT_TRACK", "There is no next track to skip to."},
        {"NO_SPECIFIC_TRACK", "Spotify could not play that track or item; it may be unavailable in your country."},
        {"ALREADY_PAUSED", "Playback is already paused."},
        {"NOT_PAUSED", "Playback is not paused, so there is nothing to resume."},
        {"NOT_PLAYING_TRACK", "Nothing is playing on the device, so this cannot be done now."},
        {"NOT_PLAYING_LOCALLY", "The track is not playing on this device, so this cannot be done here."},
        {"NOT_PLAYING_CONTEXT", "Nothing is playing from an album, playlist or artist, so this cannot be done now."},
        {"ENDLESS_CONTEXT", "What is playing has no end (a radio or mix), so shuffle and repeat do not apply to it."},
        {"CONTEXT_DISALLOW", "What is playing does not allow this (the album, playlist or show forbids it)."},
        {"ALREADY_PLAYING", "That is already playing."},
        {"RATE_LIMITED", "Spotify is busy and asked TuneScout to slow down. Try again in a moment."},
        {"REMOTE_CONTROL_DISALLOW", "This device does not allow remote control. Use Spotify on the device itself."},
        {"DEVICE_NOT_CONTROLLABLE", "This device cannot be controlled from TuneScout. Choose another device."},
        {"VOLUME_CONTROL_DISALLOW", "This device does not let other apps change its volume."},
        {"UNKNOWN", "Spotify could not carry out the command and gave no reason. Try again."},
    };
    for (const Message &message : messages) {
        if (reason == QLatin1String(message.reason)) {
            return QString::fromUtf8(message.text);
        }
    }
    return error.message();
}

SpotifyPlayer::SpotifyPlayer(SpotifyClient &client)
    : m_client(client)
{
}

void SpotifyPlayer::fetchState(QObject *context,
                               std::function<void(const SpotifyResult<std::optional<PlaybackState>> &)> done,
                               SpotifyPriority priority)
{
    // Episodes too: without additional_types an episode comes back as `item: null`.
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("additional_types"), QStringLiteral("track,episode"));
    getParsed<std::optional<PlaybackState>>(m_client,
                                            QStringLiteral("/me/player"),
                                            query,
                                            priority,
                                            context,
                                            std::move(done),
                                            [](const SpotifyResponse &response) {
                                                return parsePlaybackState(response.status, response.body);
                                            });
}

void SpotifyPlayer::fetchDevices(QObject *context,
                                 std::function<void(const SpotifyResult<QList<PlayerDevice>> &)> done,
                                 SpotifyPriority priority)
{
    getParsed<QList<PlayerDevice>>(m_client,
                                   QStringLiteral("/me/player/devices"),
                                   {},
                                   priority,
                                   context,
                                   std::move(done),
                                   [](const SpotifyResponse &response) {
                                       return parseDevices(response.body);
                                   });
}

void SpotifyPlayer::fetchQueue(QObject *context,
                               std::function<void(const SpotifyResult<PlayerQueue> &)> done,
                               SpotifyPriority priority)
{
    getParsed<PlayerQueue>(m_client,
                           QStringLiteral("/me/player/queue"),
                           {},
                           priority,
                           context,
                           std::move(done),
                           [](const SpotifyResponse &response) {
                               return parseQueue(response.body);
                           });
}

void SpotifyPlayer::play(const PlayRequest &request, const QString &deviceId, QObject *context, PlayerCommandDone done)
{
    QJsonObject body;
    if (!request.contextUri.isEmpty()) {
        body.insert(QStringLiteral("context_uri"), request.contextUri);
    } else if (!request.uris.isEmpty()) {
        body.insert(QStringLiteral("uris"), QJsonArray::fromStringList(request.uris));
    }
    if (request.offsetPosition) {
        body.insert(QStringLiteral("offset"), QJsonObject{{QStringLiteral("position"), *request.offsetPosition}});
    } else if (!request.offsetUri.isEmpty()) {
        body.insert(QStringLiteral("offset"), QJsonObject{{QStringLiteral("uri"), request.offsetUri}});
    }
    if (request.positionMs) {
        body.insert(QStringLiteral("position_ms"), double(*request.positionMs));
    }
    // No body at all resumes; an empty object would too, but Spotify documents the body as optional.
    const QByteArray json = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    putCommand(m_client, QStringLiteral("/me/player/play"), deviceQuery(deviceId), json, context, std::move(done));
}

void SpotifyPlayer::pause(const QString &deviceId, QObject *context, PlayerCommandDone done)
{
    putCommand(m_client, QStringLiteral("/me/player/pause"), deviceQuery(deviceId), {}, context, std::move(done));
}

void SpotifyPlayer::next(const QString &deviceId, QObject *context, PlayerCommandDone done)
{
    postCommand(m_client, QStringLiteral("/me/player/next"), deviceQuery(deviceId), {}, context, std::move(done));
}

void SpotifyPlayer::previous(const QString &deviceId, QObject *context, PlayerCommandDone done)
{
    postCommand(m_client, QStringLiteral("/me/player/previous"), deviceQuery(deviceId), {}, context, std::move(done));
}

void SpotifyPlayer::seek(qint64 positionMs, const QString &deviceId, QObject *context, PlayerCommandDone done)
{
    QUrlQuery query = deviceQuery(deviceId);
    query.addQueryItem(QStringLiteral("position_ms"), QString::number(std::max<qint64>(positionMs, 0)));
    putCommand(m_client, QStringLiteral("/me/player/seek"), query, {}, context, std::move(done));
}

void SpotifyPlayer::setVolume(int percent, const QString &deviceId, QObject *context, PlayerCommandDone done)
{
    QUrlQuery query = deviceQuery(deviceId);
    query.addQueryItem(QStringLiteral("volume_percent"), QString::number(std::clamp(percent, 0, 100)));
    putCommand(m_client, QStringLiteral("/me/player/volume"), query, {}, context, std::move(done));
}

void SpotifyPlayer::setShuffle(bool on, const QString &deviceId, QObject *context, PlayerCommandDone done)
{
    QUrlQuery query = deviceQuery(deviceId);
    query.addQueryItem(QStringLiteral("state"), on ? QStringLiteral("true") : QStringLiteral("false"));
    putCommand(m_client, QStringLiteral("/me/player/shuffle"), query, {}, context, std::move(done));
}

void SpotifyPlayer::setRepeat(RepeatMode mode, const QString &deviceId, QObject *context, PlayerCommandDone done)
{
    QUrlQuery query = deviceQuery(deviceId);
    query.addQueryItem(QStringLiteral("state"), repeatModeName(mode));
    putCommand(m_client, QStringLiteral("/me/player/repeat"), query, {}, context, std::move(done));
}

void SpotifyPlayer::transfer(const QString &deviceId, bool play, QObject *context, PlayerCommandDone done)
{
    const QJsonObject body{{QStringLiteral("device_ids"), QJsonArray{deviceId}}, {QStringLiteral("play"), play}};
    putCommand(m_client,
               QStringLiteral("/me/player"),
               {},
               QJsonDocument(body).toJson(QJsonDocument::Compact),
               context,
               std::move(done));
}

void SpotifyPlayer::addToQueue(const QString &uri, const QString &deviceId, QObject *context, PlayerCommandDone done)
{
    QUrlQuery query = deviceQuery(deviceId);
    query.addQueryItem(QStringLiteral("uri"), uri);
    postCommand(m_client, QStringLiteral("/me/player/queue"), query, {}, context, std::move(done));
}

} // namespace engine
