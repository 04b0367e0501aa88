#pragma once

#include <QObject>

#include <optional>

namespace engine
{

class SpotifyClient;

// Whether the client can reach the internet services it syncs with, for the whole app (RELIABILITY.md UP-5).
// Offline when the system reports no network (QNetworkInformation, when a backend for it is installed) or after
// FailuresBeforeOffline consecutive attempts that got no answer; online again on the first answer from any
// watched client, or when the system reports a network again. Lives on the GUI thread.
//
// It only says what is known: probing is the SyncService's job, with its backoff, so a network that comes and
// goes never turns into a storm of requests.
class Connectivity : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool online READ isOnline NOTIFY onlineChanged)

public:
    static constexpr int FailuresBeforeOffline = 3;

    enum class Reason {
        None, // online
        NoNetwork, // the system reports no network
        Unreachable, // requests get no answer
    };
    Q_ENUM(Reason)

    explicit Connectivity(QObject *parent = nullptr);
    ~Connectivity() override;

    // Follows the system's reachability from now on. False when no QNetworkInformation backend offers it: then
    // only failed requests tell.
    bool followSystem();
    // Counts the answers and the unanswered attempts of `client` until it is destroyed.
    void watch(SpotifyClient *client);

    bool isOnline() const;
    Reason reason() const;
    // When the current offline stretch began (Unix ms); nullopt while online.
    std::optional<qint64> offlineSinceMs() const;

    // What the watched clients and the system report; public so that every source goes through the same rules.
    void recordAnswer();
    void recordNetworkFailure();
    void setSystemReachable(bool reachable);

Q_SIGNALS:
    void onlineChanged();
    // The system reports a network again after reporting none: worth one probe now rather than at the next
    // backoff step.
    void networkReturned();

private:
    void update();

    bool m_systemOffline = false;
    int m_failures = 0;
    Reason m_reason = Reason::None;
    std::optional<qint64> m_offlineSinceMs;
};

} // namespace engine
