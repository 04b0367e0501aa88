#include "player.h"

#include "account.h"
#include "engine/discover/feedbackrepository.h"
#include "engine/spotify/librarywrites.h"
#include "engine/spotify/spotifyjson.h"

#include <QDateTime>
#include <QJSEngine>
#include <QLoggingCategory>
#include <QVariantMap>

#include <algorithm>

Q_LOGGING_CATEGORY(lcPlayer, "tunescout.app.player")

namespace
{

Player *s_instance = nullptr;

// A track that changed before this much played was skipped (or before half of it).
constexpr qint64 kSkipBeforeMs = 30 * 1000;
// A track counts as played in full from this share on (the last seconds are often cut by a crossfade).
constexpr double kFullPlayShare = 0.9;
// How often the interpolated progress is published while playing and visible.
constexpr int kProgressTickMs = 250;

QVariantMap itemMap(const engine::PlayingItem &item)
{
    return QVariantMap{{QStringLiteral("uri"), item.uri},
                       {QStringLiteral("title"), item.name},
                       {QStringLiteral("artists"), item.artists.join(QStringLiteral(", "))},
                       {QStringLiteral("album"), item.album},
                       {QStringLiteral("coverUrl"), item.imageUrl},
                       {QStringLiteral("durationMs"), item.durationMs}};
}

struct DeviceKind {
    const char *type; // Spotify's DeviceObject.type, compared without case ("Computer", the fake's "computer")
    const char *name; // in words, translated in the Player context
    const char *glyph; // drawn in DejaVu Sans, which every desktop we ship for has
};

// Spotify's documented device types (SPOTIFY.md §2, DeviceObject).
constexpr DeviceKind kDeviceKinds[] = {
    {"computer", QT_TRANSLATE_NOOP("Player", "Computer"), "\u2328"},
    {"smartphone", QT_TRANSLATE_NOOP("Player", "Smartphone"), "\u260e"},
    {"tablet", QT_TRANSLATE_NOOP("Player", "Tablet"), "\u25af"},
    {"speaker", QT_TRANSLATE_NOOP("Player", "Speaker"), "\u266a"},
    {"tv", QT_TRANSLATE_NOOP("Player", "TV"), "\u25ad"},
    {"avr", QT_TRANSLATE_NOOP("Player", "AV receiver"), "\u266b"},
    {"stb", QT_TRANSLATE_NOOP("Player", "Set-top box"), "\u25ad"},
    {"audiodongle", QT_TRANSLATE_NOOP("Player", "Audio adapter"), "\u266b"},
    {"gameconsole", QT_TRANSLATE_NOOP("Player", "Game console"), "\u25c9"},
    {"castvideo", QT_TRANSLATE_NOOP("Player", "Cast (video)"), "\u25ad"},
    {"castaudio", QT_TRANSLATE_NOOP("Player", "Cast (audio)"), "\u266b"},
    {"automobile", QT_TRANSLATE_NOOP("Player", "Car"), "\u2707"},
};

const DeviceKind *deviceKind(const QString &type)
{
    for (const DeviceKind &kind : kDeviceKinds) {
        if (type.compare(QLatin1String(kind.type), Qt::CaseInsensitive) == 0) {
            return &kind;
        }
    }
    return nullptr;
}

} // namespace

QString Player::deviceTypeName(const QString &type)
{
    const DeviceKind *kind = deviceKind(type);
    return kind ? tr(kind->name) : tr("Other device");
}

QString Player::deviceTypeGlyph(const QString &type)
{
    const DeviceKind *kind = deviceKind(type);
    return QString::fromUtf8(kind ? kind->glyph : "\u25cc");
}

Player::Player(engine::StoreThread *store, Account *account, const PlayerPollPolicy &policy, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_policy(policy)
    , m_clock([] {
        return QDateTime::currentMSecsSinceEpoch();
    })
    , m_library(store)
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &Player::poll);
    m_progressTimer.setInterval(kProgressTickMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &Player::progressChanged);
    m_debounceTimer.setSingleShot(true);
    m_debounceTimer.setInterval(int(m_policy.debounce.count()));
    connect(&m_debounceTimer, &QTimer::timeout, this, &Player::sendSkips);
    connect(
        &m_library,
        &LibrarySync::failed,
        this,
        [this](const QString &uri, bool saved, const QString &message, bool kept) {
            const QString name = uri == trackUri() ? title() : uri;
            if (kept) {
                setFeedbackNotice(saved ? tr("Liked “%1” here; it goes to your Spotify library once Spotify can be "
                                             "reached.")
                                              .arg(name)
                                        : tr("Unliked “%1” here; it leaves your Spotify library once Spotify can be "
                                             "reached.")
                                              .arg(name),
                                  false);
            } else {
                setFeedbackNotice(saved ? tr("Liked “%1” here, but Spotify did not save it: %2").arg(name, message)
                                        : tr("Unliked “%1” here, but Spotify did not remove it: %2").arg(name, message),
                                  true);
            }
        });
    m_sincePoll.start();
    if (account) {
        const auto follow = [this, account] {
            setClient(account->state() == Account::State::SignedIn ? account->spotifyClient() : nullptr);
        };
        connect(account, &Account::changed, this, follow);
        follow();
    }
}

Player::~Player()
{
    s_instance = nullptr;
}

Player *Player::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "Player::create", "main() creates Player before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void Player::setClient(engine::SpotifyClient *client)
{
    if (client == m_client && (client != nullptr) == (m_player != nullptr)) {
        return;
    }
    m_client = client;
    m_player = client ? std::make_unique<engine::SpotifyPlayer>(*client) : nullptr;
    m_polling = false;
    m_pendingCommands = 0;
    m_pendingSkips = 0;
    m_skipping = false;
    m_state.reset();
    m_watchedUri.clear();
    m_library.setClient(client);
    m_devices.clear();
    m_queue.clear();
    setError({}, false, false);
    Q_EMIT stateChanged();
    Q_EMIT devicesChanged();
    Q_EMIT queueChanged();
    updateProgressTicker();
    if (m_player) {
        checkProduct();
        poll();
    } else {
        ++m_productRequest;
        m_pollTimer.stop();
        Q_EMIT pollingChanged();
    }
}

void Player::setWallClock(std::function<qint64()> clock)
{
    m_library.setWallClock(clock);
    m_clock = std::move(clock);
}

bool Player::isAvailable() const
{
    return m_player != nullptr;
}

bool Player::isActive() const
{
    return m_state.has_value();
}

QString Player::trackUri() const
{
    return m_state && m_state->item ? m_state->item->uri : QString();
}

QString Player::title() const
{
    return m_state && m_state->item ? m_state->item->name : QString();
}

QString Player::artists() const
{
    return m_state && m_state->item ? m_state->item->artists.join(QStringLiteral(", ")) : QString();
}

QString Player::album() const
{
    return m_state && m_state->item ? m_state->item->album : QString();
}

QString Player::coverUrl() const
{
    return m_state && m_state->item ? m_state->item->imageUrl : QString();
}

QString Player::previewUrl() const
{
    return m_state && m_state->item ? m_state->item->previewUrl : QString();
}

qint64 Player::durationMs() const
{
    return m_state && m_state->item ? m_state->item->durationMs : 0;
}

qint64 Player::progressMs() const
{
    return interpolatedProgress();
}

bool Player::isPlaying() const
{
    return m_state && m_state->isPlaying;
}

bool Player::shuffle() const
{
    return m_state && m_state->shuffle;
}

QString Player::repeatMode() const
{
    return m_state ? m_state->repeatState : QStringLiteral("off");
}

int Player::volume() const
{
    return m_state && m_state->device ? m_state->device->volumePercent.value_or(-1) : -1;
}

QString Player::deviceName() const
{
    return m_state && m_state->device ? m_state->device->name : QString();
}

bool Player::controllable() const
{
    return m_player && !m_premiumRequired && m_state.has_value() && !(m_state->device && m_state->device->isRestricted);
}

bool Player::canPlayPause() const
{
    return controllable() && (m_state->isPlaying ? !m_state->disallows.pausing : !m_state->disallows.resuming);
}

bool Player::canSkipNext() const
{
    return controllable() && !m_state->disallows.skippingNext;
}

bool Player::canSkipPrevious() const
{
    return controllable() && !m_state->disallows.skippingPrev;
}

bool Player::canSeek() const
{
    return controllable() && m_state->item && !m_state->disallows.seeking;
}

bool Player::canShuffle() const
{
    return controllable() && !m_state->disallows.togglingShuffle;
}

bool Player::canRepeat() const
{
    return controllable() && !(m_state->disallows.togglingRepeatContext && m_state->disallows.togglingRepeatTrack);
}

bool Player::canChangeVolume() const
{
    return controllable() && m_state->device && m_state->device->supportsVolume;
}

bool Player::canTransfer() const
{
    // With no active device a transfer is the way to start one.
    return m_player && !m_premiumRequired && !(m_state && m_state->disallows.transferringPlayback);
}

QVariantList Player::devices() const
{
    return m_devices;
}

QVariantList Player::queue() const
{
    return m_queue;
}

QString Player::errorMessage() const
{
    return m_error;
}

bool Player::premiumRequired() const
{
    return m_premiumRequired;
}

bool Player::noActiveDevice() const
{
    return m_noActiveDevice;
}

int Player::pollIntervalMs() const
{
    return m_pollTimer.isActive() ? m_pollTimer.interval() : 0;
}

void Player::setWindowActivity(bool visible, bool minimized)
{
    if (minimized && !m_minimized) {
        m_minimizedFor.start();
    }
    const bool wasVisible = m_visible;
    m_visible = visible && !minimized;
    m_minimized = minimized;
    updateProgressTicker();
    if (m_visible && !wasVisible) {
        poll(); // coming back: show what plays now, not what played when the window was left
    } else {
        schedulePoll();
    }
}

void Player::refresh()
{
    // Asked for by the user: after PREMIUM_REQUIRED (polling stopped, controls off) this is the way to try again,
    // e.g. after upgrading; the next refused command says so again.
    if (m_premiumRequired) {
        setError({}, false, false);
        checkProduct(); // where the profile says which subscription it is, it says so before any command
    }
    poll();
}

void Player::checkProduct()
{
    if (!m_client) {
        return;
    }
    const quint64 request = ++m_productRequest;
    m_client->get(QStringLiteral("/me"),
                  {},
                  engine::SpotifyPriority::Background,
                  this,
                  [this, request](const engine::SpotifyResult<engine::SpotifyResponse> &answer) {
                      if (request != m_productRequest) {
                          return;
                      }
                      if (!answer) {
                          // Not knowing is today's state: the first player command will tell.
                          qCInfo(lcPlayer) << "profile not read:" << answer.error().kindName();
                          return;
                      }
                      const auto profile = engine::spotifyjson::parseProfile(answer.value().body);
                      if (!profile) {
                          qCInfo(lcPlayer) << "profile not read:" << profile.error().message;
                          return;
                      }
                      const QString &product = profile.value().product;
                      qCInfo(lcPlayer) << "Spotify product:"
                                       << (product.isEmpty() ? QStringLiteral("not said") : product);
                      if (product == QLatin1String("free") || product == QLatin1String("open")) {
                          setError(engine::playerErrorMessage(premiumError()), true, false);
                          schedulePoll(); // stops polling, as after a 403 PREMIUM_REQUIRED
                      }
                  });
}

qint64 Player::interpolatedProgress() const
{
    if (!m_state || !m_state->progressMs) {
        return 0;
    }
    qint64 progress = *m_state->progressMs;
    if (m_state->isPlaying) {
        progress += m_sincePoll.elapsed();
    }
    const qint64 duration = durationMs();
    return duration > 0 ? std::min(progress, duration) : progress;
}

void Player::updateProgressTicker()
{
    if (isPlaying() && m_visible) {
        m_progressTimer.start();
    } else {
        m_progressTimer.stop();
    }
}

void Player::schedulePoll()
{
    const int before = pollIntervalMs();
    m_pollTimer.stop();
    const bool stopped = !m_player || m_premiumRequired
        || (m_minimized && m_minimizedFor.isValid()
            && m_minimizedFor.elapsed() >= qint64(m_policy.stopAfterMinimized.count()));
    if (!stopped) {
        std::chrono::milliseconds interval = !m_visible ? m_policy.hidden
            : isPlaying()                               ? m_policy.playing
                                                        : m_policy.paused;
        if (m_minimized) {
            // Poll once more when the minimised window reaches the point where polling stops.
            const qint64 left = qint64(m_policy.stopAfterMinimized.count()) - m_minimizedFor.elapsed();
            interval = std::min(interval, std::chrono::milliseconds(std::max<qint64>(left, 0)));
        }
        m_pollTimer.start(int(interval.count()));
    }
    if (pollIntervalMs() != before) {
        Q_EMIT pollingChanged();
    }
}

void Player::poll()
{
    if (!m_player) {
        return;
    }
    if (m_polling || m_pendingCommands > 0 || m_skipping || m_debounceTimer.isActive()) {
        // An answer that left before a command landed would undo what the command shows.
        m_pollAgain = true;
        return;
    }
    m_polling = true;
    m_pollTimer.stop();
    m_player->fetchState(this, [this](const engine::SpotifyResult<std::optional<engine::PlaybackState>> &answer) {
        m_polling = false;
        if (std::exchange(m_pollAgain, false)) {
            // A command was sent or answered while this was on the wire: the answer may predate it.
            if (m_pendingCommands > 0 || m_skipping || m_debounceTimer.isActive()) {
                schedulePoll();
            } else {
                poll();
            }
            return;
        }
        if (!answer) {
            qCInfo(lcPlayer) << "playback state not read:" << answer.error().kindName() << answer.error().detail;
            if (answer.error().kind != engine::SpotifyError::Kind::Cancelled) {
                setError(engine::playerErrorMessage(answer.error()),
                         answer.error().kind == engine::SpotifyError::Kind::PremiumRequired,
                         false);
                m_errorFromPoll = true;
            }
            schedulePoll();
            return;
        }
        applyState(answer.value());
        if (!answer.value()) {
            // 204: no device is active. The picker offers the devices Spotify knows.
            if (!m_premiumRequired) {
                setError(engine::playerErrorMessage(noDeviceError()), false, true);
                m_errorFromPoll = true;
            }
            refreshDevices();
        } else if (m_errorFromPoll || m_noActiveDevice) {
            // A command's error stays until the next command succeeds; what a poll reported ends with this answer.
            setError({}, false, false);
        }
        // Spotify answers: likes made while it could not be reached go now.
        if (m_library.mayHavePending()) {
            m_library.flush();
        }
        schedulePoll();
    });
}

void Player::applyState(const std::optional<engine::PlaybackState> &state)
{
    noteTrackChange(state);
    const QString before = trackUri();
    m_state = state;
    m_sincePoll.restart();
    if (trackUri() != before) {
        refreshLiked();
    }
    Q_EMIT stateChanged();
    Q_EMIT progressChanged();
    updateProgressTicker();
}

void Player::noteTrackChange(const std::optional<engine::PlaybackState> &next)
{
    // How far the watched track got: what the last poll saw, carried forward while it was playing.
    if (!m_watchedUri.isEmpty() && trackUri() == m_watchedUri) {
        m_watchedProgressMs = std::max(m_watchedProgressMs, interpolatedProgress());
    }
    const QString nextUri = next && next->item ? next->item->uri : QString();
    if (nextUri == m_watchedUri) {
        if (next && next->progressMs) {
            m_watchedProgressMs = std::max(m_watchedProgressMs, *next->progressMs);
        }
        m_watchedPlayed = m_watchedPlayed || (next && next->isPlaying);
        return;
    }
    // A track only loaded (paused, never seen playing) and then replaced was not skipped: it was never heard.
    if (!m_watchedUri.isEmpty() && m_watchedPlayed && !nextUri.isEmpty() && m_watchedDurationMs > 0) {
        const qint64 played = std::min(m_watchedProgressMs, m_watchedDurationMs);
        if (played < kSkipBeforeMs || played * 2 < m_watchedDurationMs) {
            recordFeedback(engine::FeedbackKind::Skip, m_watchedUri);
        } else if (double(played) >= kFullPlayShare * double(m_watchedDurationMs)) {
            recordFeedback(engine::FeedbackKind::FullPlay, m_watchedUri);
        }
    }
    // Only Spotify tracks are feedback; episodes and local files are not in the recommender's catalogue.
    const bool track = next && next->item && next->item->type == engine::PlayingItem::Type::Track
        && engine::isSpotifyUri(nextUri, QLatin1String("track"));
    m_watchedUri = track ? nextUri : QString();
    m_watchedDurationMs = track ? next->item->durationMs : 0;
    m_watchedProgressMs = track ? next->progressMs.value_or(0) : 0;
    m_watchedPlayed = track && next->isPlaying;
}

void Player::recordFeedback(engine::FeedbackKind kind, const QString &uri, std::function<void(bool)> recorded)
{
    const QString name = engine::feedbackKindName(kind);
    if (!m_store) {
        Q_EMIT feedbackRecorded(name, uri);
        if (recorded) {
            recorded(true);
        }
        return;
    }
    const qint64 now = m_clock();
    m_store->post(
        [kind, uri, now](engine::Store &store) -> engine::Result<QString> {
            auto repository = engine::FeedbackRepository::create(store.database());
            if (!repository) {
                return repository.error();
            }
            return repository.value().record(kind, uri, now);
        },
        this,
        [this, name, uri, recorded](const engine::Result<QString> &stored) {
            if (!stored) {
                qCWarning(lcPlayer) << name << "of" << uri << "not recorded:" << stored.error().message;
            } else {
                Q_EMIT feedbackRecorded(name, uri);
            }
            if (recorded) {
                recorded(bool(stored));
            }
        });
}

bool Player::canGiveFeedback() const
{
    return m_state && m_state->item && m_state->item->type == engine::PlayingItem::Type::Track
        && engine::isSpotifyUri(m_state->item->uri, QLatin1String("track"));
}

bool Player::canHideArtist() const
{
    return canGiveFeedback() && engine::isSpotifyUri(m_state->item->artistUri, QLatin1String("artist"));
}

bool Player::isLiked() const
{
    return m_liked;
}

QString Player::feedbackNotice() const
{
    return m_feedbackNotice;
}

bool Player::feedbackNoticeIsError() const
{
    return m_feedbackNoticeIsError;
}

void Player::setLiked(bool liked)
{
    if (liked != m_liked) {
        m_liked = liked;
        Q_EMIT likedChanged();
    }
}

void Player::setFeedbackNotice(const QString &notice, bool error)
{
    m_feedbackNotice = notice;
    m_feedbackNoticeIsError = error;
    Q_EMIT feedbackNoticeChanged();
}

// The heart of a new track: what the cache knows at once, then Spotify's own word unless a write still waits.
void Player::refreshLiked()
{
    const quint64 request = ++m_likedRequest;
    setLiked(false);
    if (!canGiveFeedback() || !m_store) {
        return;
    }
    const QString uri = trackUri();
    m_store->post(
        [uri](engine::Store &store) -> engine::Result<std::pair<bool, bool>> {
            auto repository = engine::FeedbackRepository::create(store.database());
            if (!repository) {
                return repository.error();
            }
            bool pending = false;
            const auto liked = repository.value().isLiked(uri, &pending);
            if (!liked) {
                return liked.error();
            }
            return std::pair<bool, bool>(liked.value(), pending);
        },
        this,
        [this, request, uri](const engine::Result<std::pair<bool, bool>> &local) {
            if (request != m_likedRequest) {
                return;
            }
            if (!local) {
                qCWarning(lcPlayer) << "liked state not read:" << local.error().message;
            } else {
                setLiked(local.value().first);
                if (local.value().second) {
                    return; // the user's newer word is on its way to Spotify
                }
            }
            if (!m_client) {
                return;
            }
            engine::libraryContains(*m_client,
                                    {uri},
                                    this,
                                    [this, request](const engine::SpotifyResult<QList<bool>> &answer) {
                                        if (request != m_likedRequest) {
                                            return;
                                        }
                                        if (answer) {
                                            setLiked(answer.value().constFirst());
                                        } else {
                                            qCInfo(lcPlayer) << "library state not read:" << answer.error().kindName();
                                        }
                                    });
        });
}

void Player::toggleLike()
{
    if (!canGiveFeedback()) {
        return;
    }
    const bool like = !m_liked;
    const QString uri = trackUri();
    const QString name = title();
    ++m_likedRequest; // an answer of the lookup in flight would undo the heart
    setLiked(like); // at once; undone if the cache does not take it
    recordFeedback(like ? engine::FeedbackKind::Like : engine::FeedbackKind::Unlike,
                   uri,
                   [this, like, uri, name](bool stored) {
                       if (!stored) {
                           if (uri == trackUri()) {
                               setLiked(!like);
                           }
                           setFeedbackNotice(tr("Could not save that: the cache did not take it."), true);
                           return;
                       }
                       setFeedbackNotice(like ? tr("Liked “%1”.").arg(name) : tr("No longer liked: “%1”.").arg(name),
                                         false);
                       m_library.flush();
                   });
}

void Player::hideTrack()
{
    if (!canGiveFeedback()) {
        return;
    }
    const QString name = title();
    recordFeedback(engine::FeedbackKind::HideTrack, trackUri(), [this, name](bool stored) {
        setFeedbackNotice(stored ? tr("“%1” will not be recommended again.").arg(name)
                                 : tr("Could not save that: the cache did not take it."),
                          !stored);
    });
}

void Player::hideArtist()
{
    if (!canHideArtist()) {
        return;
    }
    const QString name = m_state->item->artists.value(0);
    recordFeedback(engine::FeedbackKind::HideArtist, m_state->item->artistUri, [this, name](bool stored) {
        setFeedbackNotice(stored ? tr("Nothing by %1 will be recommended again.").arg(name)
                                 : tr("Could not save that: the cache did not take it."),
                          !stored);
    });
}

void Player::refreshDevices()
{
    if (!m_player) {
        return;
    }
    m_player->fetchDevices(
        this,
        [this](const engine::SpotifyResult<QList<engine::PlayerDevice>> &answer) {
            if (!answer) {
                qCInfo(lcPlayer) << "devices not read:" << answer.error().kindName() << answer.error().detail;
                return;
            }
            QVariantList devices;
            for (const engine::PlayerDevice &device : answer.value()) {
                devices.append(QVariantMap{{QStringLiteral("id"), device.id},
                                           {QStringLiteral("name"), device.name},
                                           {QStringLiteral("type"), device.type},
                                           {QStringLiteral("typeName"), deviceTypeName(device.type)},
                                           {QStringLiteral("glyph"), deviceTypeGlyph(device.type)},
                                           {QStringLiteral("active"), device.isActive},
                                           {QStringLiteral("restricted"), device.isRestricted},
                                           {QStringLiteral("supportsVolume"), device.supportsVolume},
                                           {QStringLiteral("volume"), device.volumePercent.value_or(-1)}});
            }
            // The same list again changes nothing: the picker keeps its rows, and with them keyboard focus.
            if (devices != m_devices) {
                m_devices = devices;
                Q_EMIT devicesChanged();
            }
        },
        engine::SpotifyPriority::Foreground);
}

void Player::refreshQueue()
{
    if (!m_player) {
        return;
    }
    m_player->fetchQueue(
        this,
        [this](const engine::SpotifyResult<engine::PlayerQueue> &answer) {
            if (!answer) {
                qCInfo(lcPlayer) << "queue not read:" << answer.error().kindName() << answer.error().detail;
                return;
            }
            QVariantList queue;
            for (const engine::PlayingItem &item : answer.value().queue) {
                queue.append(itemMap(item));
            }
            m_queue = queue;
            Q_EMIT queueChanged();
        },
        engine::SpotifyPriority::Foreground);
}

engine::SpotifyError Player::premiumError()
{
    engine::SpotifyError error;
    error.kind = engine::SpotifyError::Kind::PremiumRequired;
    error.status = 403;
    error.reason = QStringLiteral("PREMIUM_REQUIRED");
    return error;
}

engine::SpotifyError Player::noDeviceError()
{
    engine::SpotifyError error;
    error.kind = engine::SpotifyError::Kind::NoActiveDevice;
    error.status = 204;
    return error;
}

void Player::setError(const QString &message, bool premium, bool noDevice)
{
    m_errorFromPoll = false;
    if (message == m_error && premium == m_premiumRequired && noDevice == m_noActiveDevice) {
        return;
    }
    const bool controlsChange = premium != m_premiumRequired;
    m_error = message;
    m_premiumRequired = premium;
    m_noActiveDevice = noDevice;
    Q_EMIT errorChanged();
    if (controlsChange) {
        Q_EMIT stateChanged();
    }
}

void Player::sendCommand(const std::function<void(engine::SpotifyPlayer &, engine::PlayerCommandDone)> &send)
{
    if (!m_player) {
        return;
    }
    if (m_premiumRequired) {
        // Spotify refuses it (MPRIS and the keyboard reach here with the controls off); what was shown
        // optimistically goes back to what Spotify says.
        poll();
        return;
    }
    ++m_pendingCommands;
    m_pollAgain = m_pollAgain || m_polling;
    send(*m_player, [this](const engine::SpotifyResult<void> &answer) {
        --m_pendingCommands;
        if (!answer) {
            commandFailed(answer.error());
        } else if (!m_premiumRequired) {
            setError({}, false, false);
        }
        // Reconcile: what Spotify now says replaces what was shown optimistically.
        if (m_pendingCommands == 0) {
            m_pollAgain = false;
            poll();
        }
    });
}

void Player::commandFailed(const engine::SpotifyError &error)
{
    qCInfo(lcPlayer) << "player command failed:" << error.kindName() << error.reason << error.detail;
    const bool premium = error.kind == engine::SpotifyError::Kind::PremiumRequired;
    const bool noDevice = error.kind == engine::SpotifyError::Kind::NoActiveDevice;
    setError(engine::playerErrorMessage(error), premium, noDevice);
    if (noDevice) {
        refreshDevices();
    }
    if (premium) {
        schedulePoll(); // stops polling: without Premium nothing here can change what plays
    }
}

void Player::playPause()
{
    if (!m_state) {
        sendCommand([this](engine::SpotifyPlayer &player, engine::PlayerCommandDone done) {
            player.play({}, {}, this, std::move(done));
        });
        return;
    }
    const bool pausing = m_state->isPlaying;
    // Freeze the interpolated progress where it is shown, then flip.
    m_state->progressMs = interpolatedProgress();
    m_sincePoll.restart();
    m_state->isPlaying = !pausing;
    Q_EMIT stateChanged();
    updateProgressTicker();
    sendCommand([this, pausing](engine::SpotifyPlayer &player, engine::PlayerCommandDone done) {
        if (pausing) {
            player.pause({}, this, std::move(done));
        } else {
            player.play({}, {}, this, std::move(done));
        }
    });
}

void Player::next()
{
    m_pollAgain = m_pollAgain || m_polling;
    ++m_pendingSkips;
    m_debounceTimer.start();
}

void Player::previous()
{
    m_pollAgain = m_pollAgain || m_polling;
    --m_pendingSkips;
    m_debounceTimer.start();
}

void Player::sendSkips()
{
    if (m_pendingSkips == 0 || !m_player || m_premiumRequired) {
        m_pendingSkips = 0;
        if (!m_skipping) {
            poll();
        }
        return;
    }
    if (m_skipping) {
        return; // the skip on the wire sends the next one when it is answered
    }
    const bool forward = m_pendingSkips > 0;
    m_pendingSkips += forward ? -1 : 1;
    m_skipping = true;
    if (m_state) {
        // Optimistic: the new track starts from the top; its title comes with the poll after the last skip.
        m_state->progressMs = 0;
        m_sincePoll.restart();
        Q_EMIT progressChanged();
    }
    const auto done = [this](const engine::SpotifyResult<void> &answer) {
        m_skipping = false;
        if (!answer) {
            m_pendingSkips = 0;
            commandFailed(answer.error());
        }
        sendSkips();
    };
    if (forward) {
        m_player->next({}, this, done);
    } else {
        m_player->previous({}, this, done);
    }
}

void Player::seek(qint64 positionMs)
{
    if (m_state) {
        m_state->progressMs = std::clamp<qint64>(positionMs, 0, std::max<qint64>(durationMs(), 0));
        m_sincePoll.restart();
        Q_EMIT progressChanged();
    }
    sendCommand([this, positionMs](engine::SpotifyPlayer &player, engine::PlayerCommandDone done) {
        player.seek(positionMs, {}, this, std::move(done));
    });
}

void Player::setVolume(int percent)
{
    percent = std::clamp(percent, 0, 100);
    if (m_state && m_state->device) {
        m_state->device->volumePercent = percent;
        Q_EMIT stateChanged();
    }
    sendCommand([this, percent](engine::SpotifyPlayer &player, engine::PlayerCommandDone done) {
        player.setVolume(percent, {}, this, std::move(done));
    });
}

void Player::setShuffle(bool on)
{
    if (m_state) {
        m_state->shuffle = on;
        Q_EMIT stateChanged();
    }
    sendCommand([this, on](engine::SpotifyPlayer &player, engine::PlayerCommandDone done) {
        player.setShuffle(on, {}, this, std::move(done));
    });
}

void Player::setRepeatMode(const QString &mode)
{
    const std::optional<engine::RepeatMode> repeat = engine::repeatModeFromName(mode);
    if (!repeat) {
        qCWarning(lcPlayer) << "unknown repeat mode" << mode;
        return;
    }
    if (m_state) {
        m_state->repeatState = mode;
        Q_EMIT stateChanged();
    }
    sendCommand([this, repeat](engine::SpotifyPlayer &player, engine::PlayerCommandDone done) {
        player.setRepeat(*repeat, {}, this, std::move(done));
    });
}

void Player::transfer(const QString &deviceId)
{
    sendCommand([this, deviceId](engine::SpotifyPlayer &player, engine::PlayerCommandDone done) {
        player.transfer(deviceId, true, this, [this, done](const engine::SpotifyResult<void> &answer) {
            done(answer);
            refreshDevices();
        });
    });
}

void Player::addToQueue(const QString &uri)
{
    sendCommand([this, uri](engine::SpotifyPlayer &player, engine::PlayerCommandDone done) {
        player.addToQueue(uri, {}, this, [this, done](const engine::SpotifyResult<void> &answer) {
            done(answer);
            refreshQueue();
        });
    });
}

void Player::playUris(const QStringList &uris, const QString &deviceId)
{
    engine::PlayRequest request;
    request.uris = uris;
    sendCommand([this, request, deviceId](engine::SpotifyPlayer &player, engine::PlayerCommandDone done) {
        player.play(request, deviceId, this, std::move(done));
    });
}

void Player::playContext(const QString &contextUri, const QString &deviceId)
{
    engine::PlayRequest request;
    request.contextUri = contextUri;
    sendCommand([this, request, deviceId](engine::SpotifyPlayer &player, engine::PlayerCommandDone done) {
        player.play(request, deviceId, this, std::move(done));
    });
}
