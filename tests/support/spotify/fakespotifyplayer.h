#pragma once

#include "tests/support/spotify/fakespotifylibrary.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace testsupport
{

struct FakeSpotifyDevice {
    QString id;
    QString name;
    QString type; // "computer", "smartphone", "speaker"
    bool isActive = false;
    bool isPrivateSession = false;
    bool isRestricted = false;
    bool supportsVolume = true;
    int volumePercent = 50; // -1: unknown (the API says null)
};

// Spotify Connect as one listener sees it. Time moves with the fake's clock: a playing track ends on its
// own, the next one starts, and the finished one lands in the play history like a real listen.
struct FakeSpotifyPlayback {
    QList<FakeSpotifyDevice> devices;
    QString contextUri; // empty: playing a list of URIs (the API then answers `context: null`)
    QStringList contextTrackIds; // the context's tracks, in context order
    QList<int> order; // play order over contextTrackIds (shuffled when shuffle is on)
    int position = -1; // index into `order` of the context track last started
    QString currentTrackId; // empty: nothing loaded
    bool currentFromQueue = false;
    QStringList userQueue; // tracks added through POST /me/player/queue, played before the context resumes
    bool playing = false;
    qint64 progressMs = 0; // at changedAtMs
    qint64 changedAtMs = 0;
    bool shuffle = false;
    bool smartShuffle = false;
    QString repeat = QStringLiteral("off"); // off | track | context

    int activeDeviceIndex() const; // -1: none
};

// A command's failure as the Web API reports it; status 0 means success.
struct FakeSpotifyPlayerError {
    int status = 0;
    QString message;
    QString reason;

    bool failed() const
    {
        return status != 0;
    }
};

class FakeSpotifyPlayer
{
public:
    struct PlayRequest {
        bool resume = true; // no body: carry on with what is loaded
        QString contextUri;
        QStringList uris;
        int offsetPosition = -1;
        QString offsetUri;
        qint64 positionMs = -1;
    };

    // A speaker (active unless `active` is false), a laptop and a phone that cannot change volume; the
    // speaker has a playlist of the user's loaded and paused, so nothing moves until a test plays.
    void reset(const FakeSpotifyLibrary &library, qint64 nowMs, bool active);

    FakeSpotifyPlayback &playback();
    const FakeSpotifyPlayback &playback() const;

    // Plays out the time since the last call; call before reading or changing the state.
    void advance(FakeSpotifyLibrary &library, qint64 nowMs);
    qint64 progressMs(qint64 nowMs) const;
    QStringList upcoming(int max) const; // what GET /me/player/queue lists after the current track
    bool hasNext() const;
    bool hasPrevious(qint64 nowMs) const;

    FakeSpotifyPlayerError
    play(FakeSpotifyLibrary &library, qint64 nowMs, const QString &deviceId, const PlayRequest &request);
    FakeSpotifyPlayerError pause(qint64 nowMs, const QString &deviceId);
    FakeSpotifyPlayerError next(FakeSpotifyLibrary &library, qint64 nowMs, const QString &deviceId);
    FakeSpotifyPlayerError previous(FakeSpotifyLibrary &library, qint64 nowMs, const QString &deviceId);
    FakeSpotifyPlayerError seek(FakeSpotifyLibrary &library, qint64 nowMs, const QString &deviceId, qint64 positionMs);
    FakeSpotifyPlayerError setVolume(qint64 nowMs, const QString &deviceId, int percent);
    FakeSpotifyPlayerError setShuffle(qint64 nowMs, const QString &deviceId, bool on);
    FakeSpotifyPlayerError setRepeat(qint64 nowMs, const QString &deviceId, const QString &mode);
    FakeSpotifyPlayerError transfer(qint64 nowMs, const QString &deviceId, bool play);
    FakeSpotifyPlayerError addToQueue(qint64 nowMs, const QString &deviceId, const QString &trackId);

    // Test hooks: no device active (GET /me/player answers 204), or one made active.
    void deactivate(qint64 nowMs);
    bool activate(const QString &deviceId, qint64 nowMs);

    static FakeSpotifyPlayerError noActiveDevice();
    static FakeSpotifyPlayerError restriction(const QString &reason);

private:
    FakeSpotifyPlayerError target(const QString &deviceId, bool activates, qint64 nowMs);
    void freeze(qint64 nowMs);
    void leaveCurrent(FakeSpotifyLibrary &library, qint64 nowMs);
    void start(int position, qint64 progressMs, qint64 nowMs);
    bool stepForward(bool wrap);
    void reorder();
    int durationOf(const FakeSpotifyLibrary &library, const QString &trackId) const;

    FakeSpotifyPlayback m_state;
    quint64 m_shuffleSeed = 1;
};

} // namespace testsupport
