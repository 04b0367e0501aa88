#include "engine/ingest/connectivity.h"

#include "engine/spotify/spotifyclient.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkInformation>

Q_LOGGING_CATEGORY(lcConnectivity, "tunescout.ingest.connectivity")

namespace engine
{

Connectivity::Connectivity(QObject *parent)
    : QObject(parent)
{
}

Connectivity::~Connectivity() = default;

bool Connectivity::followSystem()
{
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        qCInfo(lcConnectivity) << "no network information backend; offline is noticed from failed requests only";
        return false;
    }
    QNetworkInformation *information = QNetworkInformation::instance();
    // Only "disconnected" is believed: a backend that says "local" or "unknown" may be wrong about the internet,
    // and failed requests notice a real outage within a few seconds anyway.
    const auto apply = [this](QNetworkInformation::Reachability reachability) {
        setSystemReachable(reachability != QNetworkInformation::Reachability::Disconnected);
    };
    connect(information, &QNetworkInformation::reachabilityChanged, this, apply);
    apply(information->reachability());
    return true;
}

void Connectivity::watch(SpotifyClient *client)
{
    connect(client, &SpotifyClient::answered, this, &Connectivity::recordAnswer);
    connect(client, &SpotifyClient::unreachable, this, &Connectivity::recordNetworkFailure);
}

bool Connectivity::isOnline() const
{
    return m_reason == Reason::None;
}

Connectivity::Reason Connectivity::reason() const
{
    return m_reason;
}

std::optional<qint64> Connectivity::offlineSinceMs() const
{
    return m_offlineSinceMs;
}

void Connectivity::recordAnswer()
{
    // An answer proves the way there works, whatever the system said last.
    m_failures = 0;
    m_systemOffline = false;
    update();
}

void Connectivity::recordNetworkFailure()
{
    ++m_failures;
    update();
}

void Connectivity::setSystemReachable(bool reachable)
{
    const bool returned = reachable && m_systemOffline;
    m_systemOffline = !reachable;
    if (returned) {
        // The failures counted before belong to the network that went away.
        m_failures = 0;
    }
    update();
    if (returned) {
        Q_EMIT networkReturned();
    }
}

void Connectivity::update()
{
    const Reason reason = m_systemOffline     ? Reason::NoNetwork
        : m_failures >= FailuresBeforeOffline ? Reason::Unreachable
                                              : Reason::None;
    if (reason == m_reason) {
        return;
    }
    const bool wasOnline = isOnline();
    m_reason = reason;
    if (wasOnline != isOnline()) {
        m_offlineSinceMs = isOnline() ? std::nullopt : std::optional<qint64>(QDateTime::currentMSecsSinceEpoch());
        qCInfo(lcConnectivity) << (isOnline() ? "online" : "offline") << reason;
    }
    Q_EMIT onlineChanged();
}

} // namespace engine
