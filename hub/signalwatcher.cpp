#include "hub/signalwatcher.h"

#include "hub/logging.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace hub
{

namespace
{

int signalPipe[2] = {-1, -1};
volatile std::sig_atomic_t stopping = 0;
constexpr int watchedSignals[] = {SIGTERM, SIGINT};

void onStopSignal(int signalNumber)
{
    if (stopping) {
        _exit(128 + signalNumber);
    }
    stopping = 1;
    const int savedErrno = errno;
    const char byte = char(signalNumber);
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
    errno = savedErrno;
}

} // namespace

SignalWatcher::SignalWatcher(QObject *parent)
    : QObject(parent)
{
    if (signalPipe[0] >= 0) {
        qCWarning(lcServer) << "Only one SignalWatcher may exist at a time.";
        return;
    }
    if (::pipe2(signalPipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        qCWarning(lcServer) << "Cannot create the signal pipe:" << qt_error_string(errno);
        signalPipe[0] = signalPipe[1] = -1;
        return;
    }
    stopping = 0;
    m_notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::readPipe);

    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signalNumber : watchedSignals) {
        ::sigaction(signalNumber, &action, nullptr);
    }
}

SignalWatcher::~SignalWatcher()
{
    if (!m_notifier) {
        return;
    }
    struct sigaction action = {};
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    for (const int signalNumber : watchedSignals) {
        ::sigaction(signalNumber, &action, nullptr);
    }
    delete m_notifier;
    m_notifier = nullptr;
    ::close(signalPipe[0]);
    ::close(signalPipe[1]);
    signalPipe[0] = signalPipe[1] = -1;
}

bool SignalWatcher::isValid() const
{
    return m_notifier != nullptr;
}

void SignalWatcher::readPipe()
{
    char byte = 0;
    while (::read(signalPipe[0], &byte, 1) == 1) {
        Q_EMIT stopRequested(int(byte));
    }
}

} // namespace hub
