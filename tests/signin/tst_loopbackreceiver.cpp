#include "engine/spotify/authorizeurl.h"
#include "engine/spotify/loopbackreceiver.h"
#include "engine/spotify/pkce.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

using namespace std::chrono_literals;
using engine::LoopbackReceiver;

namespace
{

const QByteArray code = "SplxlOBeZQQYbYS6WxSbIA";

// The browser (or whatever else) on the other end: a real socket over 127.0.0.1, driven by the event loop.
class Client
{
public:
    explicit Client(quint16 port)
    {
        QObject::connect(&m_socket, &QTcpSocket::connected, &m_socket, [this] {
            m_wasConnected = true;
            m_clock.start();
        });
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] {
            m_received += m_socket.readAll();
        });
        QObject::connect(&m_socket, &QTcpSocket::stateChanged, &m_socket, [this](QAbstractSocket::SocketState state) {
            if (state == QAbstractSocket::UnconnectedState && m_wasConnected && m_closedAfterMs < 0) {
                m_closedAfterMs = m_clock.elapsed();
            }
        });
        QObject::connect(&m_socket, &QTcpSocket::errorOccurred, &m_socket, [this](QAbstractSocket::SocketError error) {
            m_error = error;
        });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }
    ~Client()
    {
        m_socket.disconnect();
        m_socket.abort();
    }
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
    }
    // Sends the next byte of `request`, as a slowloris client does.
    void dribble(const QByteArray &request)
    {
        if (isConnected() && m_dribbled < request.size()) {
            m_socket.write(request.mid(m_dribbled++, 1));
        }
    }

    bool wasConnected() const
    {
        return m_wasConnected;
    }
    bool isConnected() const
    {
        return m_socket.state() == QAbstractSocket::ConnectedState;
    }
    bool isClosed() const
    {
        return m_socket.state() == QAbstractSocket::UnconnectedState;
    }
    // Milliseconds from connecting to being closed, or -1 while open.
    qint64 closedAfterMs() const
    {
        return m_closedAfterMs;
    }
    QAbstractSocket::SocketError error() const
    {
        return m_error;
    }
    QByteArray received()
    {
        m_received += m_socket.readAll();
        return m_received;
    }
    int status()
    {
        const QByteArray response = received();
        return response.startsWith("HTTP/1.1 ") ? response.mid(9, 3).toInt() : 0;
    }
    QByteArray header(const QByteArray &name)
    {
        const QByteArray response = received();
        const qsizetype end = response.indexOf("\r\n\r\n");
        for (const QByteArray &line : response.first(end < 0 ? response.size() : end).split('\n')) {
            if (line.toLower().startsWith(QByteArray(name.toLower() + ':'))) {
                return line.sliced(name.size() + 1).trimmed();
            }
        }
        return {};
    }
    QByteArray body()
    {
        const QByteArray response = received();
        const qsizetype end = response.indexOf("\r\n\r\n");
        return end < 0 ? QByteArray() : response.sliced(end + 4);
    }

private:
    QElapsedTimer m_clock;
    QByteArray m_received;
    qint64 m_closedAfterMs = -1;
    qsizetype m_dribbled = 0;
    bool m_wasConnected = false;
    QAbstractSocket::SocketError m_error = QAbstractSocket::UnknownSocketError;
    QTcpSocket m_socket;
};

// One sign-in attempt and a spy on each of its signals.
struct Attempt {
    Attempt()
    {
        receiver.setLifetime(60s);
    }
    int signalCount() const
    {
        return int(codeReceived.count() + cancelled.count() + failed.count() + invalidResponse.count()
                   + timedOut.count());
    }

    const QByteArray state = engine::makeState();
    LoopbackReceiver receiver;
    QSignalSpy codeReceived{&receiver, &LoopbackReceiver::codeReceived};
    QSignalSpy cancelled{&receiver, &LoopbackReceiver::cancelled};
    QSignalSpy failed{&receiver, &LoopbackReceiver::failed};
    QSignalSpy invalidResponse{&receiver, &LoopbackReceiver::invalidResponse};
    QSignalSpy timedOut{&receiver, &LoopbackReceiver::timedOut};
};

QByteArray authority(quint16 port)
{
    return "127.0.0.1:" + QByteArray::number(port);
}

QByteArray request(const QByteArray &method, const QByteArray &target, quint16 port, const QByteArray &host = {})
{
    return method + ' ' + target + " HTTP/1.1\r\nHost: " + (host.isEmpty() ? authority(port) : host)
        + "\r\nUser-Agent: tst_loopbackreceiver\r\nAccept: text/html\r\n\r\n";
}

QByteArray callback(quint16 port, const QByteArray &query)
{
    return request("GET", "/callback?" + query, port);
}

// Connects, sends `bytes` and waits until the receiver has closed the connection.
void roundTrip(quint16 port, const QByteArray &bytes, std::unique_ptr<Client> &client, int timeoutMs = 5000)
{
    client = std::make_unique<Client>(port);
    QTRY_VERIFY_WITH_TIMEOUT(client->wasConnected(), 5000);
    client->send(bytes);
    QTRY_VERIFY_WITH_TIMEOUT(client->isClosed(), timeoutMs);
}

#define ROUND_TRIP(client, port, bytes)                                                                                \
    std::unique_ptr<Client> client;                                                                                    \
    roundTrip(port, bytes, client);                                                                                    \
    if (QTest::currentTestFailed())                                                                                    \
    return

void expectRefused(quint16 port)
{
    Client client(port);
    QTRY_VERIFY_WITH_TIMEOUT(client.error() != QAbstractSocket::UnknownSocketError, 5000);
    QCOMPARE(client.error(), QAbstractSocket::ConnectionRefusedError);
    QVERIFY(!client.wasConnected());
}

#define EXPECT_REFUSED(port)                                                                                           \
    expectRefused(port);                                                                                               \
    if (QTest::currentTestFailed())                                                                                    \
    return

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.sliced(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

QStringList *capturedLog = nullptr;

void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    capturedLog->append(message);
}

// Collects every message, with the sign-in category at its most verbose, for as long as it lives.
class LogCapture
{
public:
    explicit LogCapture(QStringList *log)
    {
        capturedLog = log;
        m_previous = qInstallMessageHandler(captureMessage);
        QLoggingCategory::setFilterRules(QStringLiteral("tunescout.spotify.signin.debug=true"));
    }
    ~LogCapture()
    {
        QLoggingCategory::setFilterRules(QString());
        qInstallMessageHandler(m_previous);
        capturedLog = nullptr;
    }
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

private:
    QtMessageHandler m_previous = nullptr;
};

} // namespace

class TestLoopbackReceiver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsFollowTheRequirements()
    {
        LoopbackReceiver receiver;
        QCOMPARE(receiver.lifetime(), std::chrono::milliseconds(5min));
        QCOMPARE(receiver.headerTimeout(), std::chrono::milliseconds(10s));
        QCOMPARE(LoopbackReceiver::MaxConnections, 8);
        QVERIFY(!receiver.isListening());
        QVERIFY(receiver.redirectUri().isEmpty());
    }

    void startIsSingleUseAndNeedsAState()
    {
        LoopbackReceiver receiver;
        QVERIFY(!receiver.start(QByteArray()));
        QVERIFY(!receiver.isListening());
        QVERIFY(receiver.start(engine::makeState()));
        QVERIFY(!receiver.start(engine::makeState()));
        receiver.stop();
        QVERIFY(!receiver.start(engine::makeState()));
    }

    // T1: only 127.0.0.1:<port> listens, and the redirect URI names exactly that.
    void t1_listensOnlyOnIpv4LoopbackAndSaysSo()
    {
        Attempt attempt;
        QVERIFY(attempt.receiver.start(attempt.state));
        const quint16 port = attempt.receiver.port();
        QVERIFY(port > 0);
        QVERIFY(attempt.receiver.isListening());
        QCOMPARE(attempt.receiver.host(), engine::LoopbackHost::IPv4);

        QProcess ss;
        QSignalSpy finished(&ss, &QProcess::finished);
        ss.start(QStringLiteral("ss"), {QStringLiteral("-ltnH")});
        QVERIFY2(finished.wait(10000), qPrintable(QStringLiteral("ss (iproute2) did not run: ") + ss.errorString()));
        QCOMPARE(ss.exitCode(), 0);
        QStringList listeners;
        const QString suffix = QLatin1Char(':') + QString::number(port);
        for (const QString &line : QString::fromLocal8Bit(ss.readAllStandardOutput()).split(QLatin1Char('\n'))) {
            const QStringList columns = line.simplified().split(QLatin1Char(' '));
            if (columns.size() >= 4 && columns.at(3).endsWith(suffix)) {
                listeners.append(columns.at(3));
            }
        }
        QCOMPARE(listeners, QStringList{QStringLiteral("127.0.0.1") + suffix});

        const QUrl redirect = attempt.receiver.redirectUri();
        QCOMPARE(redirect.toString(QUrl::FullyEncoded), QStringLiteral("http://127.0.0.1%1/callback").arg(suffix));
        engine::AuthorizeRequest authorize;
        authorize.clientId = QStringLiteral("0123456789abcdef0123456789abcdef");
        authorize.redirectUri = redirect;
        authorize.state = attempt.state;
        authorize.codeChallenge = engine::makePkcePair().challenge;
        const auto url = engine::authorizeUrl(QUrl(QStringLiteral("https://accounts.spotify.com")), authorize);
        QVERIFY(url);
        const QByteArray encoded = url.value().toEncoded();
        QVERIFY(encoded.contains(
            QByteArray("redirect_uri=http%3A%2F%2F127.0.0.1%3A" + QByteArray::number(port) + "%2Fcallback&")));
        QVERIFY(!encoded.toLower().contains("localhost"));
        QVERIFY(!redirect.toString().toLower().contains(QLatin1String("localhost")));
    }

    // T3: a wrong state is refused and the listener stays for the genuine callback.
    void t3_wrongStateIsRefusedAndTheRightOneSucceeds()
    {
        Attempt attempt;
        QVERIFY(attempt.receiver.start(attempt.state));
        const quint16 port = attempt.receiver.port();

        ROUND_TRIP(wrong, port, callback(port, "code=" + code + "&state=WRONG"));
        QCOMPARE(wrong->status(), 400);
        ROUND_TRIP(missing, port, callback(port, "code=" + code));
        QCOMPARE(missing->status(), 400);
        QVERIFY(attempt.receiver.isListening());
        QCOMPARE(attempt.signalCount(), 0);

        ROUND_TRIP(right, port, callback(port, "code=" + code + "&state=" + attempt.state));
        QCOMPARE(right->status(), 200);
        QVERIFY(right->body().contains("Signed in — you can close this tab"));
        QCOMPARE(right->header("Cache-Control"), QByteArray("no-store"));
        QCOMPARE(right->header("Referrer-Policy"), QByteArray("no-referrer"));
        QVERIFY(attempt.codeReceived.count() == 1 || attempt.codeReceived.wait(5000));
        QCOMPARE(attempt.codeReceived.count(), 1);
        QCOMPARE(attempt.codeReceived.at(0).at(0).toByteArray(), code);
        QCOMPARE(attempt.signalCount(), 1);
        QVERIFY(!attempt.receiver.isListening());
    }

    // T4: the user declined: a cancelled page, no code, and nothing listens any more.
    void t4_accessDeniedCancelsAndCloses()
    {
        Attempt attempt;
        QVERIFY(attempt.receiver.start(attempt.state));
        const quint16 port = attempt.receiver.port();

        ROUND_TRIP(client, port, callback(port, "error=access_denied&state=" + attempt.state));
        QCOMPARE(client->status(), 200);
        QVERIFY(client->body().contains("Sign-in cancelled — you can close this tab"));
        QVERIFY(attempt.cancelled.count() == 1 || attempt.cancelled.wait(5000));
        QCOMPARE(attempt.signalCount(), 1);
        EXPECT_REFUSED(port);
    }

    void otherOAuthErrorsFailWithTheCodeOnly()
    {
        Attempt attempt;
        QVERIFY(attempt.receiver.start(attempt.state));
        const quint16 port = attempt.receiver.port();

        ROUND_TRIP(client,
                   port,
                   callback(port, "error=server_error&error_description=%3Cb%3Eoops%3C%2Fb%3E&state=" + attempt.state));
        QCOMPARE(client->status(), 200);
        QVERIFY(client->body().contains("Sign-in failed"));
        QVERIFY(!client->received().contains("oops"));
        QVERIFY(attempt.failed.count() == 1 || attempt.failed.wait(5000));
        QCOMPARE(attempt.failed.at(0).at(0).toString(), QStringLiteral("server_error"));
        QCOMPARE(attempt.signalCount(), 1);
        EXPECT_REFUSED(port);
    }

    // T5: the right state but no code: the flow ends as an invalid response.
    void t5_missingCodeEndsTheFlow()
    {
        Attempt attempt;
        QVERIFY(attempt.receiver.start(attempt.state));
        const quint16 port = attempt.receiver.port();

        ROUND_TRIP(client, port, callback(port, "state=" + attempt.state));
        QCOMPARE(client->status(), 400);
        QVERIFY(attempt.invalidResponse.count() == 1 || attempt.invalidResponse.wait(5000));
        QCOMPARE(attempt.signalCount(), 1);
        EXPECT_REFUSED(port);
    }

    // T6: other methods, paths and hosts are answered and ignored; the listener stays.
    void t6_methodsPathsAndHostsAreRefused()
    {
        Attempt attempt;
        QVERIFY(attempt.receiver.start(attempt.state));
        const quint16 port = attempt.receiver.port();
        const QByteArray target = "/callback?code=" + code + "&state=" + attempt.state;

        // The announced body never comes: the answer must not wait for it.
        ROUND_TRIP(post,
                   port,
                   "POST " + target + " HTTP/1.1\r\nHost: " + authority(port)
                       + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n");
        QCOMPARE(post->status(), 405);
        QCOMPARE(post->header("Allow"), QByteArray("GET"));
        ROUND_TRIP(put, port, request("PUT", target, port));
        QCOMPARE(put->status(), 405);
        QCOMPARE(put->header("Allow"), QByteArray("GET"));
        ROUND_TRIP(head, port, request("HEAD", target, port));
        QCOMPARE(head->status(), 405);
        QCOMPARE(head->header("Allow"), QByteArray("GET"));
        QVERIFY(head->body().isEmpty());
        ROUND_TRIP(favicon, port, request("GET", "/favicon.ico", port));
        QCOMPARE(favicon->status(), 404);
        ROUND_TRIP(evil, port, request("GET", target, port, "evil.example"));
        QCOMPARE(evil->status(), 400);
        ROUND_TRIP(localhost, port, request("GET", target, port, "localhost:" + QByteArray::number(port)));
        QCOMPARE(localhost->status(), 400);

        QVERIFY(attempt.receiver.isListening());
        QCOMPARE(attempt.signalCount(), 0);

        ROUND_TRIP(valid, port, request("GET", target, port));
        QCOMPARE(valid->status(), 200);
        QVERIFY(attempt.codeReceived.count() == 1 || attempt.codeReceived.wait(5000));
        QCOMPARE(attempt.codeReceived.at(0).at(0).toByteArray(), code);
        QCOMPARE(attempt.signalCount(), 1);
    }

    // T7: oversized requests are cut off at the limit, without growing memory, and the listener stays usable.
    void t7_oversizedRequestsAreCutOff()
    {
        Attempt attempt;
        QVERIFY(attempt.receiver.start(attempt.state));
        const quint16 port = attempt.receiver.port();
        const qint64 residentBefore = residentKiB();

        std::unique_ptr<Client> longLine;
        roundTrip(port,
                  "GET /callback?code=" + code + "&pad=" + QByteArray(64 * 1024, 'a')
                      + " HTTP/1.1\r\nHost: " + authority(port) + "\r\n\r\n",
                  longLine,
                  1000);
        if (QTest::currentTestFailed()) {
            return;
        }
        QVERIFY2(longLine->status() == 414 || longLine->received().isEmpty(), longLine->received().constData());

        QByteArray manyHeaders;
        for (int i = 0; manyHeaders.size() < 200 * 1024; ++i) {
            manyHeaders += "X-Fill-" + QByteArray::number(i) + ": " + QByteArray(24, 'h') + "\r\n";
        }
        std::unique_ptr<Client> tooManyHeaders;
        roundTrip(port,
                  request("GET", "/callback?code=" + code, port).chopped(2) + manyHeaders + "\r\n",
                  tooManyHeaders,
                  1000);
        if (QTest::currentTestFailed()) {
            return;
        }
        QVERIFY(tooManyHeaders->status() == 431 || tooManyHeaders->received().isEmpty());

        std::unique_ptr<Client> hugeHeader;
        roundTrip(port,
                  request("GET", "/callback", port).chopped(2) + "X-Huge: " + QByteArray(200 * 1024, 'h') + "\r\n\r\n",
                  hugeHeader,
                  1000);
        if (QTest::currentTestFailed()) {
            return;
        }
        QVERIFY(hugeHeader->status() == 431 || hugeHeader->received().isEmpty());

        const qint64 residentAfter = residentKiB();
        QVERIFY(residentBefore > 0);
        QVERIFY2(residentAfter - residentBefore < 5 * 1024,
                 qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(residentAfter - residentBefore)));

        QVERIFY(attempt.receiver.isListening());
        QCOMPARE(attempt.signalCount(), 0);
        ROUND_TRIP(valid, port, callback(port, "code=" + code + "&state=" + attempt.state));
        QCOMPARE(valid->status(), 200);
        QVERIFY(attempt.codeReceived.count() == 1 || attempt.codeReceived.wait(5000));
    }

    // T8: slowloris clients and a silent preconnect socket are cut at the header deadline, while the callback is
    // answered at once and the event loop never stalls.
    void t8_slowClientsNeitherBlockNorStarveTheCallback()
    {
        Attempt attempt;
        constexpr auto headerTimeout = 2s;
        attempt.receiver.setHeaderTimeout(headerTimeout);
        QVERIFY(attempt.receiver.start(attempt.state));
        const quint16 port = attempt.receiver.port();

        QElapsedTimer sinceTick;
        qint64 worstGapMs = 0;
        QTimer watchdog;
        watchdog.setTimerType(Qt::PreciseTimer);
        watchdog.setInterval(10);
        connect(&watchdog, &QTimer::timeout, &watchdog, [&] {
            worstGapMs = std::max(worstGapMs, sinceTick.restart());
        });
        sinceTick.start();
        watchdog.start();

        const QByteArray slowRequest = request("GET", "/favicon.ico", port);
        std::vector<std::unique_ptr<Client>> slow;
        QTimer dribbler;
        dribbler.setInterval(1000);
        const auto dribble = [&] {
            for (std::size_t i = 0; i + 1 < slow.size(); ++i) { // the last one stays silent
                slow[i]->dribble(slowRequest);
            }
        };
        connect(&dribbler, &QTimer::timeout, &dribbler, dribble);
        const auto openSlowClients = [&] {
            slow.clear();
            for (int i = 0; i < 21; ++i) {
                slow.push_back(std::make_unique<Client>(port));
            }
        };
        const auto allConnected = [&] {
            return std::all_of(slow.begin(), slow.end(), [](const auto &client) {
                return client->wasConnected();
            });
        };
        const auto allClosed = [&] {
            return std::all_of(slow.begin(), slow.end(), [](const auto &client) {
                return client->isClosed();
            });
        };
        const auto openCount = [&] {
            return std::count_if(slow.begin(), slow.end(), [](const auto &client) {
                return client->isConnected();
            });
        };

        // Phase 1: with the slow clients in, a request is still answered at once; then the deadline cuts them.
        openSlowClients();
        QTRY_VERIFY_WITH_TIMEOUT(allConnected(), 5000);
        dribble();
        dribbler.start();
        QElapsedTimer answeredIn;
        answeredIn.start();
        ROUND_TRIP(wrongState, port, callback(port, "code=" + code + "&state=WRONG"));
        QVERIFY2(answeredIn.elapsed() <= 2000, qPrintable(QString::number(answeredIn.elapsed())));
        QCOMPARE(wrongState->status(), 400);
        QVERIFY(openCount() >= 1);
        // Beyond the limit the oldest connections were closed to make room.
        QTRY_VERIFY_WITH_TIMEOUT(openCount() <= LoopbackReceiver::MaxConnections - 1, 1000);
        QTRY_VERIFY_WITH_TIMEOUT(allClosed(), 5000);
        const qint64 deadlineMs = std::chrono::milliseconds(headerTimeout).count() + 1000;
        for (const auto &client : slow) {
            QVERIFY2(client->closedAfterMs() >= 0 && client->closedAfterMs() <= deadlineMs,
                     qPrintable(QString::number(client->closedAfterMs())));
            QVERIFY(client->received().isEmpty());
        }
        QVERIFY(attempt.receiver.isListening());
        QCOMPARE(attempt.signalCount(), 0);

        // Phase 2: the genuine callback arrives while slow clients hold connections.
        openSlowClients();
        QTRY_VERIFY_WITH_TIMEOUT(allConnected(), 5000);
        dribble();
        QVERIFY(openCount() >= 1);
        answeredIn.restart();
        ROUND_TRIP(valid, port, callback(port, "code=" + code + "&state=" + attempt.state));
        QVERIFY2(answeredIn.elapsed() <= 2000, qPrintable(QString::number(answeredIn.elapsed())));
        QCOMPARE(valid->status(), 200);
        QVERIFY(attempt.codeReceived.count() == 1 || attempt.codeReceived.wait(5000));
        QTRY_VERIFY_WITH_TIMEOUT(allClosed(), 5000);
        QCOMPARE(attempt.signalCount(), 1);

        watchdog.stop();
        dribbler.stop();
        QVERIFY2(worstGapMs < 100, qPrintable(QStringLiteral("the event loop stalled for %1 ms").arg(worstGapMs)));
    }

    void connectionsBeyondTheLimitCloseTheOldest()
    {
        Attempt attempt;
        QVERIFY(attempt.receiver.start(attempt.state));
        const quint16 port = attempt.receiver.port();

        std::vector<std::unique_ptr<Client>> idle;
        for (int i = 0; i < 12; ++i) {
            idle.push_back(std::make_unique<Client>(port));
            // One at a time, so that "oldest" is well defined.
            QTRY_VERIFY_WITH_TIMEOUT(idle.back()->wasConnected(), 5000);
        }
        for (int i = 0; i < 4; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(idle[i]->isClosed(), 2000);
        }
        for (int i = 4; i < 12; ++i) {
            QVERIFY(idle[i]->isConnected());
        }
        ROUND_TRIP(favicon, port, request("GET", "/favicon.ico", port));
        QCOMPARE(favicon->status(), 404);
        QTRY_VERIFY_WITH_TIMEOUT(idle[4]->isClosed(), 2000);
        QVERIFY(attempt.receiver.isListening());
    }

    void nonHttpBytesAreClosedWithoutAnAnswer()
    {
        Attempt attempt;
        QVERIFY(attempt.receiver.start(attempt.state));
        const quint16 port = attempt.receiver.port();

        ROUND_TRIP(tls, port, QByteArray::fromHex("16030100f8010000f40303"));
        QVERIFY(tls->received().isEmpty());
        QVERIFY(attempt.receiver.isListening());
        QCOMPARE(attempt.signalCount(), 0);
    }

    // T9: nothing listens after a success, nor after the lifetime ran out.
    void t9_nothingListensAfterSuccessOrTimeout()
    {
        {
            Attempt attempt;
            QVERIFY(attempt.receiver.start(attempt.state));
            const quint16 port = attempt.receiver.port();
            ROUND_TRIP(valid, port, callback(port, "code=" + code + "&state=" + attempt.state));
            QCOMPARE(valid->status(), 200);
            QVERIFY(attempt.codeReceived.count() == 1 || attempt.codeReceived.wait(5000));
            EXPECT_REFUSED(port);
        }

        Attempt attempt;
        attempt.receiver.setLifetime(1s);
        QVERIFY(attempt.receiver.start(attempt.state));
        const quint16 port = attempt.receiver.port();
        QElapsedTimer clock;
        clock.start();
        QVERIFY(attempt.timedOut.wait(5000));
        QVERIFY2(clock.elapsed() >= 900, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(attempt.signalCount(), 1);
        QVERIFY(!attempt.receiver.isListening());
        EXPECT_REFUSED(port);
    }

    void stopClosesEverythingSilently()
    {
        Attempt attempt;
        QVERIFY(attempt.receiver.start(attempt.state));
        const quint16 port = attempt.receiver.port();
        Client idle(port);
        QTRY_VERIFY_WITH_TIMEOUT(idle.wasConnected(), 5000);

        attempt.receiver.stop();
        QVERIFY(!attempt.receiver.isListening());
        QTRY_VERIFY_WITH_TIMEOUT(idle.isClosed(), 2000);
        EXPECT_REFUSED(port);
        QCOMPARE(attempt.signalCount(), 0);
    }

    void destroyingTheReceiverOnItsSignalIsSafe()
    {
        auto receiver = std::make_unique<LoopbackReceiver>();
        const QByteArray state = engine::makeState();
        QVERIFY(receiver->start(state));
        const quint16 port = receiver->port();
        bool received = false;
        connect(receiver.get(), &LoopbackReceiver::codeReceived, this, [&] {
            received = true;
            receiver.reset();
        });
        ROUND_TRIP(valid, port, callback(port, "code=" + code + "&state=" + state));
        QCOMPARE(valid->status(), 200);
        QTRY_VERIFY_WITH_TIMEOUT(received, 5000);
        QVERIFY(!receiver);
    }

    // No code, state or callback URL reaches the log (RELIABILITY.md T12, for this part).
    void neverLogsSecrets()
    {
        QStringList log;
        {
            const LogCapture capture(&log);
            Attempt attempt;
            QVERIFY(attempt.receiver.start(attempt.state));
            const quint16 port = attempt.receiver.port();
            ROUND_TRIP(wrong, port, callback(port, "code=" + code + "&state=NotTheState123"));
            ROUND_TRIP(favicon, port, request("GET", "/favicon.ico?state=" + attempt.state, port));
            ROUND_TRIP(valid, port, callback(port, "code=" + code + "&state=" + attempt.state));
            QVERIFY(attempt.codeReceived.count() == 1 || attempt.codeReceived.wait(5000));
            for (const QString &message : std::as_const(log)) {
                QVERIFY2(!message.contains(QString::fromLatin1(code)), qPrintable(message));
                QVERIFY2(!message.contains(QString::fromLatin1(attempt.state)), qPrintable(message));
                QVERIFY2(!message.contains(QLatin1String("NotTheState123")), qPrintable(message));
                QVERIFY2(!message.contains(QLatin1String("callback?")), qPrintable(message));
            }
        }
        // The receiver did log: the check above looked at something.
        QVERIFY(log.size() >= 4);
    }
};

QTEST_GUILESS_MAIN(TestLoopbackReceiver)
#include "tst_loopbackreceiver.moc"
