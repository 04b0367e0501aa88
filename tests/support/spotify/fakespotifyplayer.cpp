#include "tests/support/spotify/fakespotifyplayer.h"

#include "tests/support/spotify/fakespotifyrandom.h"

#include <QCryptographicHash>

#include <algorithm>

namespace testsupport
{

namespace
{

constexpr qint64 countsAsListenMs = 30 * 1000;
constexpr qint64 restartThresholdMs = 3 * 1000;

QString deviceId(const QString &name, const QString &userId)
{
    return QString::fromLatin1(QCryptographicHash::hash((name + userId).toUtf8(), QCryptographicHash::Sha1).toHex());
}

FakeSpotifyPlayerError deviceNotFound()
{
    return {404, QStringLiteral("Device not found"), {}};
}

} // namespace

int FakeSpotifyPlayback::activeDeviceIndex() const
{
    for (int i = 0; i < devices.size(); ++i) {
        if (devices.at(i).isActive)
            return i;
    }
    return -1;
}

FakeSpotifyPlayerError FakeSpotifyPlayer::noActiveDevice()
{
    return {404, QStringLiteral("Player command failed: No active device found"), QStringLiteral("NO_ACTIVE_DEVICE")};
}

FakeSpotifyPlayerError FakeSpotifyPlayer::restriction(const QString &reason)
{
    return {403, QStringLiteral("Player command failed: Restriction violated"), reason};
}

void FakeSpotifyPlayer::reset(const FakeSpotifyLibrary &library, qint64 nowMs, bool active)
{
    m_state = FakeSpotifyPlayback();
    m_state.devices = {
        {deviceId(QStringLiteral("speaker"), library.me.id),
         QStringLiteral("Living Room Speaker"),
         QStringLiteral("speaker"),
         active,
         false,
         false,
         true,
         45},
        {deviceId(QStringLiteral("laptop"), library.me.id),
         QStringLiteral("Work Laptop"),
         QStringLiteral("computer"),
         false,
         false,
         false,
         true,
         80},
        {deviceId(QStringLiteral("phone"), library.me.id),
         QStringLiteral("Pocket Phone"),
         QStringLiteral("smartphone"),
         false,
         false,
         false,
         false,
         -1},
    };
    for (const FakeSpotifyPlaylist &playlist : library.playlists) {
        if (playlist.ownerId != library.me.id || playlist.entries.size() < 10)
            continue;
        m_state.contextUri = QStringLiteral("spotify:playlist:") + playlist.id;
        for (const FakeSpotifyPlaylistEntry &entry : playlist.entries)
            m_state.contextTrackIds.append(entry.trackId);
        reorder();
        start(2, 42 * 1000, nowMs);
        break;
    }
}

FakeSpotifyPlayback &FakeSpotifyPlayer::playback()
{
    return m_state;
}

const FakeSpotifyPlayback &FakeSpotifyPlayer::playback() const
{
    return m_state;
}

int FakeSpotifyPlayer::durationOf(const FakeSpotifyLibrary &library, const QString &trackId) const
{
    const FakeSpotifyTrack *track = library.track(trackId);
    return track && track->durationMs > 0 ? track->durationMs : 1000;
}

qint64 FakeSpotifyPlayer::progressMs(qint64 nowMs) const
{
    if (!m_state.playing)
        return m_state.progressMs;
    return m_state.progressMs + std::max<qint64>(0, nowMs - m_state.changedAtMs);
}

void FakeSpotifyPlayer::freeze(qint64 nowMs)
{
    m_state.progressMs = progressMs(nowMs);
    m_state.changedAtMs = nowMs;
}

void FakeSpotifyPlayer::advance(FakeSpotifyLibrary &library, qint64 nowMs)
{
    // Bounded: a test may move the clock by months while something plays on repeat.
    for (int guard = 0; guard < 100000 && m_state.playing && !m_state.currentTrackId.isEmpty(); ++guard) {
        const qint64 endMs = m_state.changedAtMs + durationOf(library, m_state.currentTrackId) - m_state.progressMs;
        if (nowMs < endMs)
            return;
        library.appendPlay(m_state.currentTrackId, endMs, m_state.currentFromQueue ? QString() : m_state.contextUri);
        m_state.progressMs = 0;
        m_state.changedAtMs = endMs;
        if (m_state.repeat == QLatin1String("track"))
            continue;
        if (!m_state.userQueue.isEmpty()) {
            m_state.currentTrackId = m_state.userQueue.takeFirst();
            m_state.currentFromQueue = true;
            continue;
        }
        if (stepForward(m_state.repeat == QLatin1String("context"))) {
            m_state.currentTrackId = m_state.contextTrackIds.at(m_state.order.at(m_state.position));
            m_state.currentFromQueue = false;
            continue;
        }
        m_state.playing = false;
    }
}

bool FakeSpotifyPlayer::stepForward(bool wrap)
{
    if (m_state.position + 1 < m_state.order.size()) {
        ++m_state.position;
        return true;
    }
    if (wrap && !m_state.order.isEmpty()) {
        m_state.position = 0;
        return true;
    }
    return false;
}

void FakeSpotifyPlayer::start(int position, qint64 progress, qint64 nowMs)
{
    m_state.position = position;
    m_state.currentTrackId = m_state.contextTrackIds.at(m_state.order.at(position));
    m_state.currentFromQueue = false;
    m_state.progressMs = progress;
    m_state.changedAtMs = nowMs;
}

void FakeSpotifyPlayer::reorder()
{
    const int count = int(m_state.contextTrackIds.size());
    const int current =
        (m_state.position >= 0 && m_state.position < m_state.order.size()) ? m_state.order.at(m_state.position) : 0;
    m_state.order.clear();
    for (int i = 0; i < count; ++i)
        m_state.order.append(i);
    if (count == 0) {
        m_state.position = -1;
        return;
    }
    if (!m_state.shuffle) {
        m_state.position = current;
        return;
    }
    // Shuffle keeps the current track and shuffles what follows it, deterministically.
    FakeSpotifyRandom random(m_shuffleSeed++);
    std::swap(m_state.order[0], m_state.order[current]);
    for (int i = count - 1; i > 1; --i)
        std::swap(m_state.order[i], m_state.order[1 + random.bounded(i)]);
    m_state.position = 0;
}

void FakeSpotifyPlayer::leaveCurrent(FakeSpotifyLibrary &library, qint64 nowMs)
{
    if (!m_state.currentTrackId.isEmpty() && progressMs(nowMs) >= countsAsListenMs)
        library.appendPlay(m_state.currentTrackId, nowMs, m_state.currentFromQueue ? QString() : m_state.contextUri);
}

bool FakeSpotifyPlayer::hasNext() const
{
    return !m_state.userQueue.isEmpty() || m_state.position + 1 < m_state.order.size()
        || (m_state.repeat == QLatin1String("context") && !m_state.order.isEmpty());
}

bool FakeSpotifyPlayer::hasPrevious(qint64 nowMs) const
{
    return progressMs(nowMs) > restartThresholdMs || m_state.currentFromQueue || m_state.position > 0
        || (m_state.repeat == QLatin1String("context") && !m_state.order.isEmpty());
}

QStringList FakeSpotifyPlayer::upcoming(int max) const
{
    QStringList out = m_state.userQueue;
    for (int p = m_state.position + 1; p < m_state.order.size() && out.size() < max; ++p)
        out.append(m_state.contextTrackIds.at(m_state.order.at(p)));
    if (m_state.repeat == QLatin1String("context")) {
        for (int p = 0; p <= m_state.position && p < m_state.order.size() && out.size() < max; ++p)
            out.append(m_state.contextTrackIds.at(m_state.order.at(p)));
    }
    return out.mid(0, max);
}

FakeSpotifyPlayerError FakeSpotifyPlayer::target(const QString &deviceId, bool activates, qint64 nowMs)
{
    if (deviceId.isEmpty())
        return m_state.activeDeviceIndex() < 0 ? noActiveDevice() : FakeSpotifyPlayerError{};
    auto it =
        std::find_if(m_state.devices.begin(), m_state.devices.end(), [&deviceId](const FakeSpotifyDevice &device) {
            return device.id == deviceId;
        });
    if (it == m_state.devices.end())
        return deviceNotFound();
    if (it->isRestricted)
        return restriction(QStringLiteral("DEVICE_NOT_CONTROLLABLE"));
    if (it->isActive)
        return {};
    if (!activates)
        return noActiveDevice();
    freeze(nowMs);
    for (FakeSpotifyDevice &device : m_state.devices)
        device.isActive = false;
    it->isActive = true;
    return {};
}

FakeSpotifyPlayerError
FakeSpotifyPlayer::play(FakeSpotifyLibrary &library, qint64 nowMs, const QString &deviceId, const PlayRequest &request)
{
    if (const FakeSpotifyPlayerError error = target(deviceId, true, nowMs); error.failed())
        return error;
    if (request.resume) {
        if (m_state.currentTrackId.isEmpty())
            return restriction(QStringLiteral("NO_SPECIFIC_TRACK"));
        if (m_state.playing)
            return restriction(QStringLiteral("NOT_PAUSED"));
        freeze(nowMs);
        m_state.playing = true;
        return {};
    }

    QStringList tracks;
    if (!request.contextUri.isEmpty()) {
        const QStringList parts = request.contextUri.split(QLatin1Char(':'));
        if (parts.size() != 3 || parts.at(0) != QLatin1String("spotify") || !isSpotifyId(parts.at(2)))
            return {400, QStringLiteral("Invalid context uri"), {}};
        const QString &type = parts.at(1);
        if (type == QLatin1String("album")) {
            if (const FakeSpotifyAlbum *album = library.album(parts.at(2)))
                tracks = album->trackIds;
        } else if (type == QLatin1String("playlist")) {
            if (const FakeSpotifyPlaylist *playlist = library.playlist(parts.at(2))) {
                for (const FakeSpotifyPlaylistEntry &entry : playlist->entries)
                    tracks.append(entry.trackId);
            }
        } else if (type == QLatin1String("artist")) {
            if (const FakeSpotifyArtist *artist = library.artist(parts.at(2))) {
                QList<const FakeSpotifyTrack *> all;
                for (const QString &albumId : artist->albumIds) {
                    for (const QString &trackId : library.album(albumId)->trackIds)
                        all.append(library.track(trackId));
                }
                std::stable_sort(all.begin(), all.end(), [](const FakeSpotifyTrack *a, const FakeSpotifyTrack *b) {
                    return a->popularity > b->popularity;
                });
                for (int i = 0; i < all.size() && i < 10; ++i)
                    tracks.append(all.at(i)->id);
            }
        } else {
            return {400, QStringLiteral("Invalid context uri"), {}};
        }
        if (tracks.isEmpty())
            return {404, QStringLiteral("Not found."), {}};
    } else {
        for (const QString &uri : request.uris) {
            const QString id = uri.section(QLatin1Char(':'), 2);
            if (!uri.startsWith(QLatin1String("spotify:track:")) || !library.track(id))
                return {400, QStringLiteral("Invalid track uri: %1").arg(uri), {}};
            tracks.append(id);
        }
        if (tracks.isEmpty())
            return {400, QStringLiteral("Invalid track uri: "), {}};
    }

    int first = 0;
    if (request.offsetPosition >= 0) {
        if (request.offsetPosition >= tracks.size())
            return {400, QStringLiteral("Invalid offset"), {}};
        first = request.offsetPosition;
    } else if (!request.offsetUri.isEmpty()) {
        first = int(tracks.indexOf(request.offsetUri.section(QLatin1Char(':'), 2)));
        if (first < 0 || !request.offsetUri.startsWith(QLatin1String("spotify:track:")))
            return {400, QStringLiteral("Invalid offset"), {}};
    }

    leaveCurrent(library, nowMs);
    m_state.contextUri = request.contextUri;
    m_state.contextTrackIds = tracks;
    m_state.order = {first};
    m_state.position = 0;
    reorder();
    start(m_state.position, 0, nowMs);
    if (request.positionMs >= durationOf(library, m_state.currentTrackId)) {
        // Spotify skips to the next track when asked to start beyond the end of this one.
        if (stepForward(false))
            start(m_state.position, 0, nowMs);
    } else if (request.positionMs > 0) {
        m_state.progressMs = request.positionMs;
    }
    m_state.playing = true;
    return {};
}

FakeSpotifyPlayerError FakeSpotifyPlayer::pause(qint64 nowMs, const QString &deviceId)
{
    if (const FakeSpotifyPlayerError error = target(deviceId, false, nowMs); error.failed())
        return error;
    if (m_state.currentTrackId.isEmpty())
        return restriction(QStringLiteral("NO_SPECIFIC_TRACK"));
    if (!m_state.playing)
        return restriction(QStringLiteral("ALREADY_PAUSED"));
    freeze(nowMs);
    m_state.playing = false;
    return {};
}

FakeSpotifyPlayerError FakeSpotifyPlayer::next(FakeSpotifyLibrary &library, qint64 nowMs, const QString &deviceId)
{
    if (const FakeSpotifyPlayerError error = target(deviceId, false, nowMs); error.failed())
        return error;
    if (!hasNext())
        return restriction(QStringLiteral("NO_NEXT_TRACK"));
    leaveCurrent(library, nowMs);
    if (!m_state.userQueue.isEmpty()) {
        m_state.currentTrackId = m_state.userQueue.takeFirst();
        m_state.currentFromQueue = true;
        m_state.progressMs = 0;
        m_state.changedAtMs = nowMs;
        return {};
    }
    stepForward(m_state.repeat == QLatin1String("context"));
    start(m_state.position, 0, nowMs);
    return {};
}

FakeSpotifyPlayerError FakeSpotifyPlayer::previous(FakeSpotifyLibrary &library, qint64 nowMs, const QString &deviceId)
{
    if (const FakeSpotifyPlayerError error = target(deviceId, false, nowMs); error.failed())
        return error;
    if (!hasPrevious(nowMs))
        return restriction(QStringLiteral("NO_PREV_TRACK"));
    if (progressMs(nowMs) > restartThresholdMs) {
        m_state.progressMs = 0;
        m_state.changedAtMs = nowMs;
        return {};
    }
    leaveCurrent(library, nowMs);
    if (m_state.currentFromQueue)
        start(m_state.position, 0, nowMs);
    else if (m_state.position > 0)
        start(m_state.position - 1, 0, nowMs);
    else
        start(int(m_state.order.size()) - 1, 0, nowMs);
    return {};
}

FakeSpotifyPlayerError
FakeSpotifyPlayer::seek(FakeSpotifyLibrary &library, qint64 nowMs, const QString &deviceId, qint64 positionMs)
{
    if (const FakeSpotifyPlayerError error = target(deviceId, false, nowMs); error.failed())
        return error;
    if (m_state.currentTrackId.isEmpty())
        return restriction(QStringLiteral("NO_SPECIFIC_TRACK"));
    if (positionMs < durationOf(library, m_state.currentTrackId)) {
        m_state.progressMs = positionMs;
        m_state.changedAtMs = nowMs;
        return {};
    }
    if (hasNext())
        return next(library, nowMs, deviceId);
    m_state.progressMs = 0;
    m_state.changedAtMs = nowMs;
    m_state.playing = false;
    return {};
}

FakeSpotifyPlayerError FakeSpotifyPlayer::setVolume(qint64 nowMs, const QString &deviceId, int percent)
{
    if (const FakeSpotifyPlayerError error = target(deviceId, false, nowMs); error.failed())
        return error;
    FakeSpotifyDevice &device = m_state.devices[m_state.activeDeviceIndex()];
    if (!device.supportsVolume)
        return restriction(QStringLiteral("VOLUME_CONTROL_DISALLOW"));
    device.volumePercent = percent;
    return {};
}

FakeSpotifyPlayerError FakeSpotifyPlayer::setShuffle(qint64 nowMs, const QString &deviceId, bool on)
{
    if (const FakeSpotifyPlayerError error = target(deviceId, false, nowMs); error.failed())
        return error;
    if (m_state.shuffle != on) {
        m_state.shuffle = on;
        reorder();
    }
    return {};
}

FakeSpotifyPlayerError FakeSpotifyPlayer::setRepeat(qint64 nowMs, const QString &deviceId, const QString &mode)
{
    if (const FakeSpotifyPlayerError error = target(deviceId, false, nowMs); error.failed())
        return error;
    m_state.repeat = mode;
    return {};
}

FakeSpotifyPlayerError FakeSpotifyPlayer::transfer(qint64 nowMs, const QString &deviceId, bool play)
{
    const auto it =
        std::find_if(m_state.devices.begin(), m_state.devices.end(), [&deviceId](const FakeSpotifyDevice &device) {
            return device.id == deviceId;
        });
    if (it == m_state.devices.end())
        return deviceNotFound();
    if (it->isRestricted)
        return restriction(QStringLiteral("DEVICE_NOT_CONTROLLABLE"));
    freeze(nowMs);
    for (FakeSpotifyDevice &device : m_state.devices)
        device.isActive = false;
    it->isActive = true;
    if (play && !m_state.currentTrackId.isEmpty())
        m_state.playing = true;
    return {};
}

FakeSpotifyPlayerError FakeSpotifyPlayer::addToQueue(qint64 nowMs, const QString &deviceId, const QString &trackId)
{
    if (const FakeSpotifyPlayerError error = target(deviceId, false, nowMs); error.failed())
        return error;
    m_state.userQueue.append(trackId);
    return {};
}

void FakeSpotifyPlayer::deactivate(qint64 nowMs)
{
    freeze(nowMs);
    m_state.playing = false;
    for (FakeSpotifyDevice &device : m_state.devices)
        device.isActive = false;
}

bool FakeSpotifyPlayer::activate(const QString &deviceId, qint64 nowMs)
{
    return !transfer(nowMs, deviceId, false).failed();
}

} // namespace testsupport
