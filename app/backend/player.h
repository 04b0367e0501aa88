#pragma once

#include "engine/discover/feedbackrepository.h"
#include "engine/ingest/storethread.h"
#include "engine/spotify/player.h"
#include "librarysync.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <chrono>
#include <memory>
#include <optional>

class Account;
class QJSEngine;
class QQmlEngine;

// How often Player asks Spotify what is playing.
struct PlayerPollPolicy {
    std::chrono::milliseconds playing = std::chrono::seconds(1); // playing, window visible
    std::chrono::milliseconds paused = std::chrono::seconds(5); // paused or nothing active, window visible
    std::chrono::milliseconds hidden = std::chrono::seconds(15); // window hidden or minimised
    std::chrono::milliseconds stopAfterMinimized = std::chrono::minutes(1); // then no polling until shown again
    std::chrono::milliseconds debounce = std::chrono::milliseconds(300); // quick next/previous presses
};

// Spotify Connect for the GUI: what is playing on the user's active Spotify device, its devices and queue, and
// the commands (engine::SpotifyPlayer) behind the player bar and the Player page.
//
// The state comes from GET /me/player, polled adaptively (PlayerPollPolicy: every second while playing and
// visible, slower when paused or hidden, not at all once minimised for a while; the window drives
// setWindowActivity()), with the progress interpolated between polls. Commands show at once (optimistically) and
// the next poll, asked for as soon as Spotify answered, reconciles them. Next and previous are debounced: quick
// presses add up, then go out one request after the other, so five presses make no burst. PREMIUM_REQUIRED
// disables every control (premiumRequired) with one explanation and stops polling until refresh(); NO_ACTIVE_DEVICE
// sets noActiveDevice and loads the device list so that the page can offer a transfer. Where GET /me carries
// `product` (apps with extended access; Development Mode leaves it out), it is read at sign-in and on refresh():
// "free" or "open" sets the same state before any command is sent; "premium" enables nothing that a 403
// PREMIUM_REQUIRED disabled, since Spotify's refusal is newer than the profile. No command is sent while
// premiumRequired.
//
// Behaviour is feedback for the recommender: when the track changes, the one before counts as a skip if it played
// less than 30 s or less than half of it, as a full play if at least 90 % of it played; both are recorded through
// engine::FeedbackRepository (queued for the hub in the same transaction). So are the verbs on the current track:
// like or unlike (sent to the Spotify library through LibrarySync, which keeps them queued while Spotify cannot be
// reached and sends them after the next good poll), hide the track, hide its artist. `liked` is what this computer
// knows (a queued write, the last like or unlike, the synced saved tracks) until GET /me/library/contains answers.
class Player : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool available READ isAvailable NOTIFY stateChanged)
    Q_PROPERTY(bool active READ isActive NOTIFY stateChanged)
    Q_PROPERTY(QString trackUri READ trackUri NOTIFY stateChanged)
    Q_PROPERTY(QString title READ title NOTIFY stateChanged)
    Q_PROPERTY(QString artists READ artists NOTIFY stateChanged)
    Q_PROPERTY(QString album READ album NOTIFY stateChanged)
    Q_PROPERTY(QString coverUrl READ coverUrl NOTIFY stateChanged)
    Q_PROPERTY(QString previewUrl READ previewUrl NOTIFY stateChanged)
    // Milliseconds as double: QML has no 64-bit integer type (qmllint does not know qint64).
    Q_PROPERTY(double durationMs READ durationMs NOTIFY stateChanged)
    Q_PROPERTY(double progressMs READ progressMs NOTIFY progressChanged)
    Q_PROPERTY(bool playing READ isPlaying NOTIFY stateChanged)
    Q_PROPERTY(bool shuffle READ shuffle NOTIFY stateChanged)
    Q_PROPERTY(QString repeatMode READ repeatMode NOTIFY stateChanged)
    Q_PROPERTY(int volume READ volume NOTIFY stateChanged)
    Q_PROPERTY(QString deviceName READ deviceName NOTIFY stateChanged)
    Q_PROPERTY(bool canPlayPause READ canPlayPause NOTIFY stateChanged)
    Q_PROPERTY(bool canSkipNext READ canSkipNext NOTIFY stateChanged)
    Q_PROPERTY(bool canSkipPrevious READ canSkipPrevious NOTIFY stateChanged)
    Q_PROPERTY(bool canSeek READ canSeek NOTIFY stateChanged)
    Q_PROPERTY(bool canShuffle READ canShuffle NOTIFY stateChanged)
    Q_PROPERTY(bool canRepeat READ canRepeat NOTIFY stateChanged)
    Q_PROPERTY(bool canChangeVolume READ canChangeVolume NOTIFY stateChanged)
    Q_PROPERTY(bool canTransfer READ canTransfer NOTIFY stateChanged)
    // [{id, name, type, typeName, glyph, active, restricted, supportsVolume, volume}], for a device picker: typeName
    // is the type in words ("Smartphone", translated), glyph a symbol for it.
    Q_PROPERTY(QVariantList devices READ devices NOTIFY devicesChanged)
    // [{uri, title, artists, album, coverUrl, durationMs}], what plays after the current item.
    Q_PROPERTY(QVariantList queue READ queue NOTIFY queueChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorChanged)
    Q_PROPERTY(bool premiumRequired READ premiumRequired NOTIFY errorChanged)
    Q_PROPERTY(bool noActiveDevice READ noActiveDevice NOTIFY errorChanged)
    Q_PROPERTY(int pollIntervalMs READ pollIntervalMs NOTIFY pollingChanged)
    // The current item is a Spotify track that can be liked or hidden (not an episode, not a local file).
    Q_PROPERTY(bool canGiveFeedback READ canGiveFeedback NOTIFY stateChanged)
    Q_PROPERTY(bool canHideArtist READ canHideArtist NOTIFY stateChanged)
    Q_PROPERTY(bool liked READ isLiked NOTIFY likedChanged)
    // What the last like, unlike or hide did, or why it did not reach Spotify; empty before any.
    Q_PROPERTY(QString feedbackNotice READ feedbackNotice NOTIFY feedbackNoticeChanged)
    Q_PROPERTY(bool feedbackNoticeIsError READ feedbackNoticeIsError NOTIFY feedbackNoticeChanged)

public:
    // `store` (may be null: no feedback is recorded) and `account` (may be null: call setClient()) outlive this.
    Player(engine::StoreThread *store,
           Account *account,
           const PlayerPollPolicy &policy = PlayerPollPolicy(),
           QObject *parent = nullptr);
    ~Player() override;

    static Player *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    // Spotify's device type ("Computer", "Smartphone", …) in words, translated, and a symbol for it.
    static QString deviceTypeName(const QString &type);
    static QString deviceTypeGlyph(const QString &type);

    // The Spotify client to use; null when nobody is signed in (polling stops, the state clears).
    void setClient(engine::SpotifyClient *client);
    // The clock feedback events are stamped with and the queued likes' wait is measured on (Unix ms); tests set it.
    void setWallClock(std::function<qint64()> clock);

    bool isAvailable() const;
    bool isActive() const;
    QString trackUri() const;
    QString title() const;
    QString artists() const;
    QString album() const;
    QString coverUrl() const;
    QString previewUrl() const;
    qint64 durationMs() const;
    qint64 progressMs() const;
    bool isPlaying() const;
    bool shuffle() const;
    QString repeatMode() const;
    int volume() const; // -1: unknown
    QString deviceName() const;
    bool canPlayPause() const;
    bool canSkipNext() const;
    bool canSkipPrevious() const;
    bool canSeek() const;
    bool canShuffle() const;
    bool canRepeat() const;
    bool canChangeVolume() const;
    bool canTransfer() const;
    QVariantList devices() const;
    QVariantList queue() const;
    QString errorMessage() const;
    bool premiumRequired() const;
    bool noActiveDevice() const;
    int pollIntervalMs() const; // 0: not polling
    bool canGiveFeedback() const;
    bool canHideArtist() const;
    bool isLiked() const;
    QString feedbackNotice() const;
    bool feedbackNoticeIsError() const;

    // The window tells how it is seen: visible (shown and not minimised) and minimised.
    Q_INVOKABLE void setWindowActivity(bool visible, bool minimized);
    Q_INVOKABLE void refresh(); // poll now
    Q_INVOKABLE void refreshDevices();
    Q_INVOKABLE void refreshQueue();

    Q_INVOKABLE void playPause();
    Q_INVOKABLE void next();
    Q_INVOKABLE void previous();
    Q_INVOKABLE void seek(qint64 positionMs);
    Q_INVOKABLE void setVolume(int percent);
    Q_INVOKABLE void setShuffle(bool on);
    Q_INVOKABLE void setRepeatMode(const QString &mode); // off | context | track
    Q_INVOKABLE void transfer(const QString &deviceId);
    Q_INVOKABLE void addToQueue(const QString &uri);
    // "Play this": a track list, or an album/playlist/artist URI as the context; `deviceId` empty: the active one.
    Q_INVOKABLE void playUris(const QStringList &uris, const QString &deviceId = {});
    Q_INVOKABLE void playContext(const QString &contextUri, const QString &deviceId = {});
    // Feedback on the current track, stored like the Discover page's and queued for the hub.
    Q_INVOKABLE void toggleLike();
    Q_INVOKABLE void hideTrack();
    Q_INVOKABLE void hideArtist();

Q_SIGNALS:
    void stateChanged();
    void progressChanged();
    void devicesChanged();
    void queueChanged();
    void errorChanged();
    void pollingChanged();
    void likedChanged();
    void feedbackNoticeChanged();
    // Feedback was stored (engine::feedbackKindName: "skip", "full_play", "like", "unlike", "hide_track",
    // "hide_artist"), for whoever shows or counts it, and the Discover page, which ranks again.
    void feedbackRecorded(const QString &kind, const QString &uri);

private:
    void poll();
    void applyState(const std::optional<engine::PlaybackState> &state);
    void noteTrackChange(const std::optional<engine::PlaybackState> &next);
    // Stores `kind` on `uri`; `recorded` (may be empty) runs with whether it was stored.
    void recordFeedback(engine::FeedbackKind kind, const QString &uri, std::function<void(bool)> recorded = {});
    void refreshLiked();
    void setLiked(bool liked);
    void setFeedbackNotice(const QString &notice, bool error);
    void schedulePoll();
    void sendCommand(const std::function<void(engine::SpotifyPlayer &, engine::PlayerCommandDone)> &send);
    void commandFailed(const engine::SpotifyError &error);
    void setError(const QString &message, bool premium, bool noDevice);
    static engine::SpotifyError noDeviceError();
    static engine::SpotifyError premiumError();
    // GET /me: a `product` other than premium disables the controls (see the class comment).
    void checkProduct();
    void sendSkips();
    void updateProgressTicker();
    qint64 interpolatedProgress() const;
    bool controllable() const;

    engine::StoreThread *m_store;
    QPointer<engine::SpotifyClient> m_client;
    std::unique_ptr<engine::SpotifyPlayer> m_player;
    PlayerPollPolicy m_policy;
    std::function<qint64()> m_clock;

    std::optional<engine::PlaybackState> m_state;
    QElapsedTimer m_sincePoll; // progress interpolation
    QVariantList m_devices;
    QVariantList m_queue;
    QString m_error;
    bool m_premiumRequired = false;
    bool m_noActiveDevice = false;
    bool m_errorFromPoll = false; // the error came from reading the state, so the next good read ends it
    quint64 m_productRequest = 0; // the newest GET /me: older answers (another sign-in's) are dropped

    QTimer m_pollTimer;
    QTimer m_progressTimer;
    QTimer m_debounceTimer;
    QElapsedTimer m_minimizedFor;
    bool m_visible = true;
    bool m_minimized = false;
    bool m_polling = false; // a GET /me/player on the wire
    bool m_pollAgain = false; // a command finished while it was: poll once more
    int m_pendingCommands = 0; // sent and not answered: a poll now would undo the optimistic state
    int m_pendingSkips = 0; // debounced: > 0 next, < 0 previous
    bool m_skipping = false;

    // The track being watched for the skip / full-play feedback, and how far it was seen to play.
    QString m_watchedUri;
    qint64 m_watchedDurationMs = 0;
    qint64 m_watchedProgressMs = 0;
    bool m_watchedPlayed = false; // seen playing at least once

    LibrarySync m_library;
    bool m_liked = false;
    quint64 m_likedRequest = 0; // the newest liked-state lookup: older answers are dropped
    QString m_feedbackNotice;
    bool m_feedbackNoticeIsError = false;
};
