#pragma once

// Spotify Connect through the Web API player endpoints (SPOTIFY.md §2): what is playing, on which device, what
// comes next, and the commands that change it. Spotify streams no audio to other apps, so "playing" always means
// controlling one of the user's own Spotify devices. Every command needs Premium (403 PREMIUM_REQUIRED) and an
// active device (404 NO_ACTIVE_DEVICE); reading the state does not. Every request goes through SpotifyClient, so
// 429/Retry-After, 401 refresh and the retry rules of RELIABILITY.md §6.2 apply; a POST is never retried.

#include "engine/spotify/spotifyclient.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace engine
{

struct PlayerDevice {
    QString id; // empty when Spotify gives none (a device that cannot be addressed)
    QString name;
    QString type; // "computer", "smartphone", "speaker" …
    bool isActive = false;
    bool isPrivateSession = false;
    bool isRestricted = false; // takes no Web API commands
    bool supportsVolume = false;
    std::optional<int> volumePercent; // null in the API when unknown
};

// A track or a podcast episode, reduced to what a player shows.
struct PlayingItem {
    enum class Type {
        Track,
        Episode,
    };
    Type type = Type::Track;
    QString id;
    QString uri;
    QString name;
    QStringList artists; // an episode: its show's publisher
    QString artistUri; // the first artist's spotify:artist:…; empty for an episode or a name-only artist
    QString album; // an episode: its show
    QString imageUrl; // the largest cover
    qint64 durationMs = 0;
    QString previewUrl; // empty unless the profile still serves previews
    bool isLocal = false;
};

// `actions.disallows`: what the current context or device forbids. Real responses nest the flags under
// `disallows`; the OpenAPI definition puts them in `actions` directly; both are read.
struct PlayerDisallows {
    bool interruptingPlayback = false;
    bool pausing = false;
    bool resuming = false;
    bool seeking = false;
    bool skippingNext = false;
    bool skippingPrev = false;
    bool togglingRepeatContext = false;
    bool togglingRepeatTrack = false;
    bool togglingShuffle = false;
    bool transferringPlayback = false;
};

// GET /me/player (CurrentlyPlayingContextObject).
struct PlaybackState {
    std::optional<PlayerDevice> device;
    QString repeatState = QStringLiteral("off"); // off | track | context
    bool shuffle = false;
    bool smartShuffle = false;
    QString contextUri; // empty when `context` is null (a list of URIs, or the user's queue)
    QString contextType; // album, artist, playlist, show
    qint64 timestampMs = 0; // when Spotify last changed the state, Unix ms
    std::optional<qint64> progressMs;
    bool isPlaying = false;
    std::optional<PlayingItem> item; // null during an ad, or when nothing is loaded
    QString currentlyPlayingType; // track | episode | ad | unknown
    PlayerDisallows disallows;
};

// GET /me/player/queue.
struct PlayerQueue {
    std::optional<PlayingItem> currentlyPlaying;
    QList<PlayingItem> queue;
};

// PUT /me/player/play: nothing set resumes what is loaded; else a context (album, playlist, artist) with an
// optional offset, or a list of track/episode URIs.
struct PlayRequest {
    QString contextUri;
    QStringList uris;
    std::optional<int> offsetPosition; // index into the context or the URIs
    QString offsetUri; // or the URI to start at
    std::optional<qint64> positionMs;
};

enum class RepeatMode {
    Off,
    Context,
    Track,
};

QString repeatModeName(RepeatMode mode); // "off", "context", "track"
std::optional<RepeatMode> repeatModeFromName(const QString &name);

// A 204 (nothing active, or nothing loaded) is nullopt; a 200 whose body is not the documented object an error.
Result<std::optional<PlaybackState>> parsePlaybackState(int status, const QByteArray &body);
Result<QList<PlayerDevice>> parseDevices(const QByteArray &body);
Result<PlayerQueue> parseQueue(const QByteArray &body);
std::optional<PlayingItem> parsePlayingItem(const QJsonObject &object);

// What went wrong with a player request, for the person using TuneScout: every `reason` Spotify documents for
// the player (PREMIUM_REQUIRED, NO_ACTIVE_DEVICE, NO_NEXT_TRACK …) has its own words; anything else falls back
// to SpotifyError::message().
QString playerErrorMessage(const SpotifyError &error);

using PlayerCommandDone = std::function<void(const SpotifyResult<void> &)>;

// The player endpoints, one call each. `deviceId` empty: the active device. Reads default to Background priority
// (polling), commands are always Foreground (a person pressed a button).
class SpotifyPlayer
{
public:
    explicit SpotifyPlayer(SpotifyClient &client);

    void fetchState(QObject *context,
                    std::function<void(const SpotifyResult<std::optional<PlaybackState>> &)> done,
                    SpotifyPriority priority = SpotifyPriority::Background);
    void fetchDevices(QObject *context,
                      std::function<void(const SpotifyResult<QList<PlayerDevice>> &)> done,
                      SpotifyPriority priority = SpotifyPriority::Background);
    void fetchQueue(QObject *context,
                    std::function<void(const SpotifyResult<PlayerQueue> &)> done,
                    SpotifyPriority priority = SpotifyPriority::Background);

    void play(const PlayRequest &request, const QString &deviceId, QObject *context, PlayerCommandDone done);
    void pause(const QString &deviceId, QObject *context, PlayerCommandDone done);
    void next(const QString &deviceId, QObject *context, PlayerCommandDone done);
    void previous(const QString &deviceId, QObject *context, PlayerCommandDone done);
    void seek(qint64 positionMs, const QString &deviceId, QObject *context, PlayerCommandDone done);
    void setVolume(int percent, const QString &deviceId, QObject *context, PlayerCommandDone done);
    void setShuffle(bool on, const QString &deviceId, QObject *context, PlayerCommandDone done);
    void setRepeat(RepeatMode mode, const QString &deviceId, QObject *context, PlayerCommandDone done);
    // PUT /me/player {device_ids:[deviceId], play}: Spotify takes exactly one device.
    void transfer(const QString &deviceId, bool play, QObject *context, PlayerCommandDone done);
    void addToQueue(const QString &uri, const QString &deviceId, QObject *context, PlayerCommandDone done);

private:
    SpotifyClient &m_client;
};

} // namespace engine
