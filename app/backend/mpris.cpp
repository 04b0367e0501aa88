#include "mpris.h"

#include "player.h"

#include <QCoreApplication>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <algorithm>

Q_LOGGING_CATEGORY(lcMpris, "tunescout.app.mpris")

namespace
{

const QString kObjectPath = QStringLiteral("/org/mpris/MediaPlayer2");
const QString kPlayerInterface = QStringLiteral("org.mpris.MediaPlayer2.Player");
const QString kNoTrack = QStringLiteral("/org/mpris/MediaPlayer2/TrackList/NoTrack");

// A D-Bus object path for the current item: MPRIS wants one per track, and Spotify IDs are path-safe base62.
QString trackPath(const QString &uri)
{
    static const QRegularExpression pattern(QStringLiteral("^spotify:(track|episode):([0-9A-Za-z]+)$"));
    const QRegularExpressionMatch match = pattern.match(uri);
    return match.hasMatch() ? QStringLiteral("/org/tunescout/%1/%2").arg(match.captured(1), match.captured(2))
                            : kNoTrack;
}

} // namespace

Mpris::Mpris(Player *player, const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_player(player)
    , m_bus(bus)
{
    new MprisRootAdaptor(this);
    new MprisPlayerAdaptor(this);
    if (!m_bus.isConnected()) {
        qCInfo(lcMpris) << "no D-Bus session bus: media keys and desktop media controls are not available";
        return;
    }
    if (!m_bus.registerObject(kObjectPath, this)) {
        qCWarning(lcMpris) << "could not register" << kObjectPath << m_bus.lastError().message();
        return;
    }
    // A second TuneScout (another data folder) takes a name of its own, as MPRIS allows.
    const QString base = QStringLiteral("org.mpris.MediaPlayer2.tunescout");
    const QStringList names{base,
                            base + QStringLiteral(".instance") + QString::number(QCoreApplication::applicationPid())};
    for (const QString &name : names) {
        if (m_bus.registerService(name)) {
            m_serviceName = name;
            m_registered = true;
            break;
        }
    }
    if (!m_registered) {
        qCWarning(lcMpris) << "could not take an MPRIS service name:" << m_bus.lastError().message();
        m_bus.unregisterObject(kObjectPath);
        return;
    }
    m_published = playerProperties();
    connect(m_player, &Player::stateChanged, this, &Mpris::publishChanges);
    connect(m_player, &Player::errorChanged, this, &Mpris::publishChanges);
}

Mpris::~Mpris()
{
    if (m_registered) {
        m_bus.unregisterService(m_serviceName);
        m_bus.unregisterObject(kObjectPath);
    }
}

bool Mpris::isRegistered() const
{
    return m_registered;
}

QString Mpris::serviceName() const
{
    return m_serviceName;
}

Player *Mpris::player() const
{
    return m_player;
}

QVariantMap Mpris::playerProperties() const
{
    const auto *adaptor = findChild<MprisPlayerAdaptor *>();
    // Position is left out on purpose: MPRIS clients interpolate it themselves and learn of jumps from Seeked.
    return QVariantMap{
        {QStringLiteral("PlaybackStatus"), adaptor->playbackStatus()},
        {QStringLiteral("LoopStatus"), adaptor->loopStatus()},
        {QStringLiteral("Shuffle"), adaptor->shuffle()},
        {QStringLiteral("Metadata"), adaptor->metadata()},
        {QStringLiteral("Volume"), adaptor->volume()},
        {QStringLiteral("CanGoNext"), adaptor->canGoNext()},
        {QStringLiteral("CanGoPrevious"), adaptor->canGoPrevious()},
        {QStringLiteral("CanPlay"), adaptor->canPlay()},
        {QStringLiteral("CanPause"), adaptor->canPause()},
        {QStringLiteral("CanSeek"), adaptor->canSeek()},
        {QStringLiteral("CanControl"), adaptor->canControl()},
    };
}

void Mpris::publishChanges()
{
    const QVariantMap now = playerProperties();
    QVariantMap changed;
    for (auto it = now.constBegin(); it != now.constEnd(); ++it) {
        if (m_published.value(it.key()) != it.value()) {
            changed.insert(it.key(), it.value());
        }
    }
    m_published = now;
    if (changed.isEmpty()) {
        return;
    }
    QDBusMessage signal = QDBusMessage::createSignal(kObjectPath,
                                                     QStringLiteral("org.freedesktop.DBus.Properties"),
                                                     QStringLiteral("PropertiesChanged"));
    signal << kPlayerInterface << changed << QStringList();
    m_bus.send(signal);
}

MprisRootAdaptor::MprisRootAdaptor(Mpris *mpris)
    : QDBusAbstractAdaptor(mpris)
    , m_mpris(mpris)
{
}

bool MprisRootAdaptor::canQuit() const
{
    return false; // quitting TuneScout would not stop the Spotify device; the window's own close does it
}

bool MprisRootAdaptor::canRaise() const
{
    return true;
}

bool MprisRootAdaptor::hasTrackList() const
{
    return false;
}

QString MprisRootAdaptor::identity() const
{
    return QStringLiteral("TuneScout");
}

QString MprisRootAdaptor::desktopEntry() const
{
    return QStringLiteral("tunescout");
}

QStringList MprisRootAdaptor::supportedUriSchemes() const
{
    return {QStringLiteral("spotify")};
}

QStringList MprisRootAdaptor::supportedMimeTypes() const
{
    return {};
}

void MprisRootAdaptor::Raise()
{
    Q_EMIT m_mpris->raiseRequested();
}

void MprisRootAdaptor::Quit()
{
    qCInfo(lcMpris) << "Quit asked over MPRIS; CanQuit is false, so it is ignored";
}

MprisPlayerAdaptor::MprisPlayerAdaptor(Mpris *mpris)
    : QDBusAbstractAdaptor(mpris)
    , m_mpris(mpris)
{
}

Player *MprisPlayerAdaptor::player() const
{
    return m_mpris->player();
}

QString MprisPlayerAdaptor::playbackStatus() const
{
    if (!player()->isActive() || player()->trackUri().isEmpty()) {
        return QStringLiteral("Stopped");
    }
    return player()->isPlaying() ? QStringLiteral("Playing") : QStringLiteral("Paused");
}

QString MprisPlayerAdaptor::loopStatus() const
{
    const QString mode = player()->repeatMode();
    return mode == QLatin1String("track")  ? QStringLiteral("Track")
        : mode == QLatin1String("context") ? QStringLiteral("Playlist")
                                           : QStringLiteral("None");
}

void MprisPlayerAdaptor::setLoopStatus(const QString &status)
{
    if (!canControl() || !player()->canRepeat()) {
        return;
    }
    player()->setRepeatMode(status == QLatin1String("Track")          ? QStringLiteral("track")
                                : status == QLatin1String("Playlist") ? QStringLiteral("context")
                                                                      : QStringLiteral("off"));
}

double MprisPlayerAdaptor::rate() const
{
    return 1.0; // Spotify Connect plays at one speed
}

void MprisPlayerAdaptor::setRate(double)
{
}

bool MprisPlayerAdaptor::shuffle() const
{
    return player()->shuffle();
}

void MprisPlayerAdaptor::setShuffle(bool on)
{
    if (canControl() && player()->canShuffle()) {
        player()->setShuffle(on);
    }
}

QVariantMap MprisPlayerAdaptor::metadata() const
{
    const QString uri = player()->trackUri();
    QVariantMap metadata{{QStringLiteral("mpris:trackid"), QVariant::fromValue(QDBusObjectPath(trackPath(uri)))}};
    if (uri.isEmpty()) {
        return metadata;
    }
    metadata.insert(QStringLiteral("mpris:length"), qlonglong(player()->durationMs() * 1000));
    metadata.insert(QStringLiteral("xesam:title"), player()->title());
    metadata.insert(QStringLiteral("xesam:artist"), player()->artists().split(QStringLiteral(", ")));
    metadata.insert(QStringLiteral("xesam:album"), player()->album());
    metadata.insert(QStringLiteral("xesam:url"), uri);
    if (!player()->coverUrl().isEmpty()) {
        metadata.insert(QStringLiteral("mpris:artUrl"), player()->coverUrl());
    }
    return metadata;
}

double MprisPlayerAdaptor::volume() const
{
    return player()->volume() < 0 ? 0.0 : player()->volume() / 100.0;
}

void MprisPlayerAdaptor::setVolume(double volume)
{
    if (canControl() && player()->canChangeVolume()) {
        player()->setVolume(int(std::clamp(volume, 0.0, 1.0) * 100 + 0.5));
    }
}

qlonglong MprisPlayerAdaptor::position() const
{
    return player()->progressMs() * 1000;
}

bool MprisPlayerAdaptor::canGoNext() const
{
    return player()->canSkipNext();
}

bool MprisPlayerAdaptor::canGoPrevious() const
{
    return player()->canSkipPrevious();
}

bool MprisPlayerAdaptor::canPlay() const
{
    return canControl() && (player()->isActive() ? player()->canPlayPause() : player()->canTransfer());
}

bool MprisPlayerAdaptor::canPause() const
{
    return canControl() && player()->isPlaying() && player()->canPlayPause();
}

bool MprisPlayerAdaptor::canSeek() const
{
    return player()->canSeek();
}

bool MprisPlayerAdaptor::canControl() const
{
    return player()->isAvailable() && !player()->premiumRequired();
}

void MprisPlayerAdaptor::Next()
{
    if (canGoNext()) {
        player()->next();
    }
}

void MprisPlayerAdaptor::Previous()
{
    if (canGoPrevious()) {
        player()->previous();
    }
}

void MprisPlayerAdaptor::Pause()
{
    if (canPause()) {
        player()->playPause();
    }
}

void MprisPlayerAdaptor::PlayPause()
{
    if (canControl() && (!player()->isActive() || player()->canPlayPause())) {
        player()->playPause();
    }
}

void MprisPlayerAdaptor::Stop()
{
    // Spotify Connect has no stop; pausing is the nearest, and keeps the place.
    Pause();
}

void MprisPlayerAdaptor::Play()
{
    if (canPlay() && !player()->isPlaying()) {
        player()->playPause();
    }
}

void MprisPlayerAdaptor::Seek(qlonglong offsetUs)
{
    if (!canSeek()) {
        return;
    }
    const qint64 target = player()->progressMs() + offsetUs / 1000;
    if (target >= player()->durationMs()) {
        Next(); // MPRIS: seeking past the end acts like Next
        return;
    }
    player()->seek(std::max<qint64>(target, 0));
    Q_EMIT Seeked(player()->progressMs() * 1000);
}

void MprisPlayerAdaptor::SetPosition(const QDBusObjectPath &trackId, qlonglong positionUs)
{
    // MPRIS: ignored unless it is about the current track and inside it.
    if (!canSeek() || trackId.path() != trackPath(player()->trackUri()) || positionUs < 0
        || positionUs / 1000 > player()->durationMs()) {
        return;
    }
    player()->seek(positionUs / 1000);
    Q_EMIT Seeked(positionUs);
}

void MprisPlayerAdaptor::OpenUri(const QString &uri)
{
    if (!canControl()) {
        return;
    }
    static const QRegularExpression item(QStringLiteral("^spotify:(track|episode):[0-9A-Za-z]+$"));
    static const QRegularExpression context(QStringLiteral("^spotify:(album|playlist|artist|show):[0-9A-Za-z]+$"));
    if (item.match(uri).hasMatch()) {
        player()->playUris({uri});
    } else if (context.match(uri).hasMatch()) {
        player()->playContext(uri);
    } else {
        qCInfo(lcMpris) << "OpenUri ignored: not a Spotify URI" << uri;
    }
}
