#pragma once

#include <QObject>

class QSocketNotifier;

namespace hub
{

// Turns SIGTERM and SIGINT into a Qt signal on the thread that owns the watcher. The handler only writes the
// signal number to a pipe (async-signal-safe); a QSocketNotifier reads it in the event loop. A second signal
// while the first is being handled ends the process at once (HB-11).
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    bool isValid() const;

Q_SIGNALS:
    void stopRequested(int signalNumber);

private:
    void readPipe();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace hub
