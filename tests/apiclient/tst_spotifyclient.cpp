#include "engine/spotify/accesstokenprovider.h"
#include "engine/spotify/spotifyclient.h"
#include "engine/spotify/spotifyjson.h"
#include "tests/support/spotify/fakespotify.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <optional>

using namespace std::chrono_literals;
using engine::SpotifyApiProfile;
using engine::SpotifyClient;
using engine::SpotifyError;
using engine::SpotifyPolicy;
using engine::SpotifyPriority;
using testsupport::FakeSpotify;
using Kind = engine::SpotifyError::Kind;
using Fault = FakeSpotify::Fault;

namespace
{

const QString someId = QStringLiteral("4iV5W9uYEdYUVa79Axb7Rh");

// The session's side of the contract, as small as a test allows: the tokens the fake issued, refreshed
// through the fake's /api/token, single-flight as AccessTokenProvider requires.
class TestTokens : public engine::AccessTokenProvider
{
public:
    explicit TestTokens(FakeSpotify &spotify)
        : m_spotify(spotify)
    {
        const FakeSpotify::Tokens tokens = spotify.issueTokens();
        m_access = tokens.accessToken.toLatin1();
        m_refresh = tokens.refreshToken;
    }

    QByteArray accessToken() const override
    {
        return m_access;
    }

    void refreshAccessToken(const QByteArray &rejected, QObject *context, std::function<void(bool)> done) override
    {
        ++m_refreshCalls;
        if (rejected != m_access) {
            QTimer::singleShot(0, context, [done] {
                done(true);
            });
            return;
        }
        m_waiting.append({context, std::move(done)});
        if (m_reply) {
            return;
        }
        QNetworkRequest request(m_spotify.tokenUrl());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
        form.addQueryItem(QStringLiteral("refresh_token"), m_refresh);
        form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("tunescout-test-client"));
        m_reply = m_network.post(request, form.toString(QUrl::FullyEncoded).toLatin1());
        QObject::connect(m_reply, &QNetworkReply::finished, &m_network, [this] {
            QNetworkReply *reply = std::exchange(m_reply, nullptr);
            reply->deleteLater();
            const auto tokens = engine::spotifyjson::parseTokenResponse(reply->readAll());
            const bool refreshed = reply->error() == QNetworkReply::NoError && tokens.ok();
            if (refreshed) {
                m_access = tokens.value().accessToken;
                if (!tokens.value().refreshToken.isEmpty()) {
                    m_refresh = QString::fromLatin1(tokens.value().refreshToken);
                }
            }
            for (const auto &[context, done] : std::exchange(m_waiting, {})) {
                if (context) {
                    done(refreshed);
                }
            }
        });
    }

    void setAccessToken(const QByteArray &token)
    {
        m_access = token;
    }
    int refreshCalls() const
    {
        return m_refreshCalls;
    }

private:
    FakeSpotify &m_spotify;
    QNetworkAccessManager m_network;
    QNetworkReply *m_reply = nullptr;
    QByteArray m_access;
    QString m_refresh;
    QList<QPair<QPointer<QObject>, std::function<void(bool)>>> m_waiting;
    int m_refreshCalls = 0;
};

// One request's answer, as the callback delivered it.
struct Outcome {
    int calls = 0;
    std::optional<engine::SpotifyResult<engine::SpotifyResponse>> result;

    bool done() const
    {
        return calls > 0;
    }
    bool ok() const
    {
        return result && result->ok();
    }
    // The error, or (so that a comparison fails instead of the test crashing) one that no test expects.
    SpotifyError error() const
    {
        if (result && !result->ok()) {
            return result->error();
        }
        SpotifyError none;
        none.kind = Kind::BadResponse;
        none.detail = QString::fromLatin1(describe());
        return none;
    }
    QByteArray describe() const
    {
        return !result ? "no answer" : result->ok() ? "ok" : result->error().kindName().toLatin1();
    }
};
using OutcomePointer = std::shared_ptr<Outcome>;

template<typename T>
struct ListOutcome {
    int calls = 0;
    std::optional<engine::SpotifyResult<engine::SpotifyList<T>>> result;
};

// The callback of a fetchAll… call that records its answer into `outcome`.
template<typename T>
auto recordInto(std::shared_ptr<ListOutcome<T>> outcome)
{
    return [outcome](const engine::SpotifyResult<engine::SpotifyList<T>> &result) {
        ++outcome->calls;
        outcome->result.emplace(result);
    };
}

QList<qint64> receivedTimes(const QList<FakeSpotify::RecordedRequest> &requests)
{
    QList<qint64> times;
    for (const auto &request : requests) {
        times.append(request.receivedAtMs);
    }
    return times;
}

bool allDone(const QList<OutcomePointer> &outcomes)
{
    return std::all_of(outcomes.cbegin(), outcomes.cend(), [](const OutcomePointer &outcome) {
        return outcome->done();
    });
}

QStringList capturedLog;

void captureLog(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    capturedLog.append(QString::fromLatin1(context.category) + QLatin1Char(' ') + message);
}

} // namespace

class TestSpotifyClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    // RELIABILITY.md T24, against the fake in the development-2026 profile.
    void rateLimitGateHoldsEveryRequest();
    void serviceUnavailableRetriesWithFullJitter();
    void serverErrorGivesUpAfterFourAttempts();
    void expiredTokenRefreshesOnceAndReplays();
    void secondUnauthorizedEndsTheSession();
    void quotaExceededPausesBackgroundOnly();
    void forbiddenAndPlayerErrorsAreNotRetried_data();
    void forbiddenAndPlayerErrorsAreNotRetried();

    // The rest of §6.2.
    void playerErrorsFromTheFakesState();
    void failedRefreshEndsTheSession();
    void concurrentExpiredRequestsShareOneRefresh();
    void withoutTokenNothingIsSent();
    void rateLimitGivesUpAfterThreeRetries();
    void missingRetryAfterWaitsTheDefault();
    void longRetryAfterFailsForegroundAndHoldsBackground();
    void serviceUnavailableHonoursRetryAfter();
    void postIsNotRetried();
    void timeoutIsRetried();
    void unreachableIsNetworkError();
    void retryBudgetFailsFast();
    void circuitOpensAndHalfOpens();
    void concurrencyIsBounded();
    void foregroundGoesFirst();
    void removedEndpointsAreNotRequested();
    void extendedProfileReachesRemovedEndpoints();
    void cancelAllEndsEverything();
    void destroyedContextDropsItsRequests();
    void queryAndBodyReachSpotifyIntact();
    void logsNeitherTokensNorQueries();

    // Paging.
    void offsetPagingReadsEveryPage();
    void cursorPagingWalksFollowedArtists();
    void cursorPagingWalksRecentlyPlayedBack();
    void cursorPagingWalksRecentlyPlayedForward();
    void pagingFailsOnAnUnexpectedPage();

    // The policy's building blocks.
    void fullJitterStaysWithinBounds();
    void retryAfterParsing_data();
    void retryAfterParsing();
    void quotaPauseEndsAtTheHourOrRetryAfter_data();
    void quotaPauseEndsAtTheHourOrRetryAfter();
    void removedEndpointList_data();
    void removedEndpointList();
    void errorMapping_data();
    void errorMapping();
    void everyMessageIsForAPerson();

private:
    void startSpotify(FakeSpotify::Profile profile);
    void makeClient(SpotifyApiProfile profile, const QUrl &apiUrl);
    SpotifyPolicy quickPolicy() const;
    OutcomePointer send(const QByteArray &method,
                        const QString &path,
                        const QUrlQuery &query = {},
                        SpotifyPriority priority = SpotifyPriority::Foreground,
                        QObject *context = nullptr,
                        const QByteArray &body = {});
    OutcomePointer
    sendAndWait(const QByteArray &method, const QString &path, SpotifyPriority priority = SpotifyPriority::Foreground);
    // Every page of a cursor-paged list, in the background; null when no answer came within 10 s.
    template<typename T>
    std::shared_ptr<ListOutcome<T>> fetchAllCursorAndWait(const QString &path,
                                                          const QUrlQuery &query,
                                                          SpotifyClient::Cursor cursor,
                                                          SpotifyClient::CursorPageParser<T> parsePage)
    {
        auto outcome = std::make_shared<ListOutcome<T>>();
        m_client
            ->fetchAllCursor(path, query, cursor, parsePage, SpotifyPriority::Background, this, recordInto(outcome));
        const bool answered = QTest::qWaitFor(
            [&outcome] {
                return outcome->calls > 0;
            },
            10000);
        return answered ? outcome : nullptr;
    }

    std::unique_ptr<FakeSpotify> m_spotify;
    std::unique_ptr<TestTokens> m_tokens;
    std::unique_ptr<SpotifyClient> m_client;
};

void TestSpotifyClient::init()
{
    startSpotify(FakeSpotify::Profile::Development2026);
    makeClient(SpotifyApiProfile::DevelopmentMode, m_spotify->apiUrl());
}

void TestSpotifyClient::cleanup()
{
    m_client.reset();
    m_tokens.reset();
    m_spotify.reset();
}

void TestSpotifyClient::startSpotify(FakeSpotify::Profile profile)
{
    m_client.reset();
    m_tokens.reset();
    FakeSpotify::Options options;
    options.profile = profile;
    m_spotify = std::make_unique<FakeSpotify>(options);
    QVERIFY(m_spotify->start());
    m_tokens = std::make_unique<TestTokens>(*m_spotify);
}

void TestSpotifyClient::makeClient(SpotifyApiProfile profile, const QUrl &apiUrl)
{
    m_client = std::make_unique<SpotifyClient>(apiUrl, m_tokens.get(), profile);
    m_client->setRandomSeed(2026);
}

// Short delays for tests about the policy rather than the wall clock.
SpotifyPolicy TestSpotifyClient::quickPolicy() const
{
    SpotifyPolicy policy;
    policy.backoffBase = 10ms;
    policy.backoffCap = 80ms;
    policy.gateJitter = 10ms;
    return policy;
}

OutcomePointer TestSpotifyClient::send(const QByteArray &method,
                                       const QString &path,
                                       const QUrlQuery &query,
                                       SpotifyPriority priority,
                                       QObject *context,
                                       const QByteArray &body)
{
    auto outcome = std::make_shared<Outcome>();
    auto done = [outcome](const engine::SpotifyResult<engine::SpotifyResponse> &result) {
        ++outcome->calls;
        outcome->result.emplace(result);
    };
    QObject *receiver = context ? context : this;
    if (method == "GET") {
        m_client->get(path, query, priority, receiver, done);
    } else if (method == "PUT") {
        m_client->put(path, query, body, priority, receiver, done);
    } else if (method == "POST") {
        m_client->post(path, query, body, priority, receiver, done);
    } else {
        m_client->del(path, query, body, priority, receiver, done);
    }
    return outcome;
}

OutcomePointer TestSpotifyClient::sendAndWait(const QByteArray &method, const QString &path, SpotifyPriority priority)
{
    OutcomePointer outcome = send(method, path, {}, priority);
    [&outcome] {
        QTRY_VERIFY_WITH_TIMEOUT(outcome->done(), 15000);
    }();
    return outcome;
}

// T24 (a): a 429 with Retry-After: 2 while five other requests are queued (one on the wire at a time, so
// that they are queued in the client): nothing at all is sent for 2 s, then the failed request goes first,
// once, and all six succeed.
void TestSpotifyClient::rateLimitGateHoldsEveryRequest()
{
    SpotifyPolicy policy;
    policy.maxInFlight = 1;
    m_client->setPolicy(policy);
    m_spotify->addFault(Fault::rateLimited(2, QStringLiteral("^/v1/me$")));

    QElapsedTimer clock;
    clock.start();
    QList<OutcomePointer> outcomes;
    for (const char *path :
         {"/me", "/me/top/artists", "/me/top/tracks", "/me/playlists", "/me/tracks", "/me/player/devices"}) {
        outcomes.append(send("GET", QString::fromLatin1(path), {}, SpotifyPriority::Background));
    }
    QTRY_VERIFY_WITH_TIMEOUT(allDone(outcomes), 10000);
    QVERIFY(clock.elapsed() >= 2000);

    for (const OutcomePointer &outcome : std::as_const(outcomes)) {
        QCOMPARE(outcome->calls, 1);
        QVERIFY2(outcome->ok(), outcome->describe().constData());
    }
    const auto requests = m_spotify->requests();
    QCOMPARE(requests.size(), 7);
    QCOMPARE(requests[0].request.path, QStringLiteral("/v1/me"));
    QCOMPARE(requests[0].status, 429);
    QCOMPARE(requests[1].request.path, QStringLiteral("/v1/me"));
    QCOMPARE(requests[1].status, 200);
    QCOMPARE(m_spotify->requestCount("GET", QStringLiteral("^/v1/me$")), 2);
    const qint64 limitedAt = requests[0].receivedAtMs;
    for (qsizetype i = 1; i < requests.size(); ++i) {
        QVERIFY2(requests[i].receivedAtMs - limitedAt >= 2000,
                 qPrintable(QStringLiteral("%1 came %2 ms after the 429")
                                .arg(requests[i].request.path)
                                .arg(requests[i].receivedAtMs - limitedAt)));
    }
    // Retry-After plus at most a second of jitter, plus scheduling.
    QVERIFY(requests[1].receivedAtMs - limitedAt <= 3500);
}

// T24 (b): 503, 503, 200 succeeds on the third attempt, the waits within full jitter's bounds (0.5 s, 1 s).
void TestSpotifyClient::serviceUnavailableRetriesWithFullJitter()
{
    m_spotify->addFault(Fault::serverError(503, QStringLiteral("^/v1/me$"), 2));
    const OutcomePointer outcome = sendAndWait("GET", QStringLiteral("/me"));
    QVERIFY(outcome->ok());
    QCOMPARE(outcome->result->value().status, 200);

    const QList<qint64> times = receivedTimes(m_spotify->requests());
    QCOMPARE(times.size(), 3);
    const qint64 slack = 250; // the round trips and the event loop, on a busy CI machine
    QVERIFY2(times[1] - times[0] <= 500 + slack, qPrintable(QString::number(times[1] - times[0])));
    QVERIFY2(times[2] - times[1] <= 1000 + slack, qPrintable(QString::number(times[2] - times[1])));
}

// T24 (c): 500 five times: four attempts, then ServerError with a message for a person.
void TestSpotifyClient::serverErrorGivesUpAfterFourAttempts()
{
    m_client->setPolicy(quickPolicy());
    m_spotify->addFault(Fault::serverError(500, QStringLiteral("^/v1/me$"), 5));
    const OutcomePointer outcome = sendAndWait("GET", QStringLiteral("/me"));
    QVERIFY(!outcome->ok());
    QCOMPARE(outcome->error().kind, Kind::ServerError);
    QCOMPARE(outcome->error().status, 500);
    QCOMPARE(m_spotify->requestCount("GET", QStringLiteral("^/v1/me$")), 4);
    QCOMPARE(m_spotify->pendingFaults(), 1);
    const QString message = outcome->error().message();
    QVERIFY(message.contains(QLatin1String("Spotify is having problems")));
    QVERIFY(!message.contains(QLatin1Char('{')));
}

// T24 (d): 401 once, then 200: exactly one refresh and one replay, with the new token.
void TestSpotifyClient::expiredTokenRefreshesOnceAndReplays()
{
    const QByteArray oldToken = m_tokens->accessToken();
    m_spotify->addFault(Fault::accessTokenExpired(QStringLiteral("^/v1/me$")));
    const OutcomePointer outcome = sendAndWait("GET", QStringLiteral("/me"));
    QVERIFY(outcome->ok());
    QCOMPARE(m_tokens->refreshCalls(), 1);
    QCOMPARE(m_spotify->tokenRequestCount(QStringLiteral("refresh_token")), 1);
    QCOMPARE(m_spotify->requestCount("GET", QStringLiteral("^/v1/me$")), 2);
    QVERIFY(m_tokens->accessToken() != oldToken);
    const auto requests = m_spotify->requests();
    QCOMPARE(requests.last().request.header("Authorization"), "Bearer " + m_tokens->accessToken());
}

// T24 (e): 401 twice: SessionExpired ("sign in again"), one refresh, no loop.
void TestSpotifyClient::secondUnauthorizedEndsTheSession()
{
    m_spotify->addFault(Fault::accessTokenExpired(QStringLiteral("^/v1/me$"), 2));
    const OutcomePointer outcome = sendAndWait("GET", QStringLiteral("/me"));
    QCOMPARE(outcome->calls, 1);
    QCOMPARE(outcome->error().kind, Kind::SessionExpired);
    QCOMPARE(outcome->error().status, 401);
    QVERIFY(outcome->error().message().contains(QLatin1String("Sign in to Spotify again")));
    QCOMPARE(m_tokens->refreshCalls(), 1);
    QCOMPARE(m_spotify->tokenRequestCount(QStringLiteral("refresh_token")), 1);
    QCOMPARE(m_spotify->requestCount("GET", QStringLiteral("^/v1/me$")), 2);
    // The client is still usable, and nothing of the failed request follows.
    QVERIFY(sendAndWait("GET", QStringLiteral("/me/playlists"))->ok());
    QCOMPARE(m_spotify->requestCount("GET", QStringLiteral("^/v1/me$")), 2);
    QCOMPARE(m_tokens->refreshCalls(), 1);
}

// T24 (f): 429 QUOTA_EXCEEDED: the background request fails at once and later background requests wait for
// the hour boundary (1.5 s away on the injected wall clock) without a single request in between; a foreground
// request is still sent and gets QuotaExceeded; nothing is retried.
void TestSpotifyClient::quotaExceededPausesBackgroundOnly()
{
    QElapsedTimer clock;
    clock.start();
    const QDateTime start(QDate(2026, 11, 25), QTime(12, 59, 58, 500), Qt::UTC);
    m_client->setWallClock([start, clock] {
        return start.addMSecs(clock.elapsed());
    });
    m_spotify->addFault(Fault::quotaExceeded(-1, QStringLiteral("^/v1/me/tracks$")));
    const OutcomePointer first = sendAndWait("GET", QStringLiteral("/me/tracks"), SpotifyPriority::Background);
    const qint64 firstAnsweredAt = clock.elapsed();
    QCOMPARE(first->error().kind, Kind::QuotaExceeded);
    QCOMPARE(first->error().status, 429);
    QCOMPARE(first->error().reason, QStringLiteral("QUOTA_EXCEEDED"));
    QVERIFY(first->error().message().contains(QLatin1String("quota")));
    const qint64 limitedAt = m_spotify->requests().constLast().receivedAtMs;

    m_spotify->addFault(Fault::quotaExceeded(-1, QStringLiteral("^/v1/me/player$")));
    const OutcomePointer topArtists = send("GET", QStringLiteral("/me/top/artists"), {}, SpotifyPriority::Background);
    const OutcomePointer playlists = send("GET", QStringLiteral("/me/playlists"), {}, SpotifyPriority::Background);
    const OutcomePointer foreground = send("GET", QStringLiteral("/me/player"), {}, SpotifyPriority::Foreground);
    QTRY_VERIFY_WITH_TIMEOUT(foreground->done(), 5000);
    QCOMPARE(foreground->error().kind, Kind::QuotaExceeded);
    QVERIFY(!topArtists->done());
    QVERIFY(!playlists->done());
    QCOMPARE(m_spotify->requests().size(), 2);

    QTRY_VERIFY_WITH_TIMEOUT(topArtists->done() && playlists->done(), 5000);
    QVERIFY(topArtists->ok());
    QVERIFY(playlists->ok());
    QVERIFY(clock.elapsed() >= 1500);
    const auto requests = m_spotify->requests();
    QCOMPARE(requests.size(), 4);
    for (const auto &request : requests) {
        if (request.receivedAtMs - limitedAt < 1500 - firstAnsweredAt) {
            QVERIFY2(request.status == 429, qPrintable(request.request.path));
        }
    }
    QCOMPARE(m_spotify->requestCount("GET", QStringLiteral("^/v1/me/tracks$")), 1);
    QCOMPARE(m_spotify->requestCount("GET", QStringLiteral("^/v1/me/player$")), 1);
}

// T24 (g) and the other 4xx: no retry, and a kind and message of their own.
void TestSpotifyClient::forbiddenAndPlayerErrorsAreNotRetried_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("messageMentions");

    QTest::addRow("user-not-registered") << "userNotRegistered" << QByteArray("GET") << "/me" << Kind::NotRegistered
                                         << 403
                                         << QStringList{QStringLiteral("Developer Dashboard"),
                                                        QStringLiteral("allow-list")};
    QTest::addRow("owner-needs-premium") << "ownerNeedsPremium" << QByteArray("GET") << "/me" << Kind::NotRegistered
                                         << 403 << QStringList{QStringLiteral("owner"), QStringLiteral("Premium")};
    QTest::addRow("premium-required") << "PREMIUM_REQUIRED" << QByteArray("PUT") << "/me/player/pause"
                                      << Kind::PremiumRequired << 403 << QStringList{QStringLiteral("Premium")};
    QTest::addRow("no-active-device") << "NO_ACTIVE_DEVICE" << QByteArray("PUT") << "/me/player/pause"
                                      << Kind::NoActiveDevice << 404 << QStringList{QStringLiteral("device")};
    QTest::addRow("insufficient-scope") << "scope" << QByteArray("GET") << "/me/tracks" << Kind::Forbidden << 403
                                        << QStringList{QStringLiteral("sign in")};
    QTest::addRow("not-found") << "404" << QByteArray("GET") << QStringLiteral("/tracks/") + someId << Kind::NotFound
                               << 404 << QStringList{QStringLiteral("could not find")};
    QTest::addRow("bad-request") << "400" << QByteArray("DELETE") << "/me/library" << Kind::BadRequest << 400
                                 << QStringList{QStringLiteral("bug")};
}

void TestSpotifyClient::forbiddenAndPlayerErrorsAreNotRetried()
{
    QFETCH(QString, fault);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(Kind, kind);
    QFETCH(int, status);
    QFETCH(QStringList, messageMentions);

    const QString pattern =
        QLatin1Char('^') + QRegularExpression::escape(QStringLiteral("/v1") + path) + QLatin1Char('$');
    if (fault == QLatin1String("userNotRegistered")) {
        m_spotify->addFault(Fault::userNotRegistered(pattern));
    } else if (fault == QLatin1String("ownerNeedsPremium")) {
        m_spotify->addFault(Fault::ownerNeedsPremium(pattern));
    } else if (fault == QLatin1String("PREMIUM_REQUIRED") || fault == QLatin1String("NO_ACTIVE_DEVICE")) {
        m_spotify->addFault(Fault::playerError(fault, pattern));
    } else {
        Fault answer;
        answer.pathPattern = pattern;
        answer.status = fault == QLatin1String("scope") ? 403 : fault.toInt();
        if (fault == QLatin1String("scope")) {
            answer.message = QStringLiteral("Insufficient client scope");
        }
        m_spotify->addFault(answer);
    }
    const OutcomePointer outcome = sendAndWait(method, path);
    QCOMPARE(outcome->calls, 1);
    QVERIFY(!outcome->ok());
    QCOMPARE(outcome->error().kind, kind);
    QCOMPARE(outcome->error().status, status);
    QCOMPARE(m_spotify->requests().size(), 1);
    const QString message = outcome->error().message();
    for (const QString &mention : std::as_const(messageMentions)) {
        QVERIFY2(message.contains(mention, Qt::CaseInsensitive), qPrintable(message));
    }
    QVERIFY(!message.contains(QLatin1Char('{')));
    QVERIFY(!message.contains(outcome->error().detail) || outcome->error().detail.isEmpty());
}

// The same kinds from the fake's own state rather than scripted faults.
void TestSpotifyClient::playerErrorsFromTheFakesState()
{
    m_spotify->deactivateDevices();
    const OutcomePointer noDevice = sendAndWait("PUT", QStringLiteral("/me/player/pause"));
    QCOMPARE(noDevice->error().kind, Kind::NoActiveDevice);
    QCOMPARE(noDevice->error().reason, QStringLiteral("NO_ACTIVE_DEVICE"));

    m_spotify->setPremium(false);
    const OutcomePointer noPremium = sendAndWait("PUT", QStringLiteral("/me/player/play"));
    QCOMPARE(noPremium->error().kind, Kind::PremiumRequired);
    QCOMPARE(m_spotify->requests().size(), 2);
}

void TestSpotifyClient::failedRefreshEndsTheSession()
{
    m_spotify->revokeGrants();
    const OutcomePointer outcome = sendAndWait("GET", QStringLiteral("/me"));
    QCOMPARE(outcome->error().kind, Kind::SessionExpired);
    QCOMPARE(m_spotify->tokenRequestCount(QStringLiteral("refresh_token")), 1);
    QCOMPARE(m_spotify->requestCount("GET", QStringLiteral("^/v1/me$")), 1);
}

// RELIABILITY.md T11's client half: every request whose token expired asks the provider once, the provider
// refreshes once, and every request is replayed once.
void TestSpotifyClient::concurrentExpiredRequestsShareOneRefresh()
{
    m_spotify->expireAccessTokens();
    QList<OutcomePointer> outcomes;
    for (int i = 0; i < 10; ++i) {
        outcomes.append(send("GET", QStringLiteral("/me/top/tracks")));
    }
    QTRY_VERIFY_WITH_TIMEOUT(allDone(outcomes), 10000);
    for (const OutcomePointer &outcome : std::as_const(outcomes)) {
        QVERIFY(outcome->ok());
    }
    QCOMPARE(m_spotify->tokenRequestCount(QStringLiteral("refresh_token")), 1);
    // Which requests went out before the new token arrived depends on timing; what must hold is one provider
    // call per 401 and one replay per 401, so no request was sent more than twice.
    const auto requests = m_spotify->requests();
    const auto rejected = std::count_if(requests.cbegin(), requests.cend(), [](const auto &request) {
        return request.status == 401;
    });
    QVERIFY(rejected >= 1 && rejected <= 10);
    QCOMPARE(m_tokens->refreshCalls(), int(rejected));
    QCOMPARE(requests.size() - 1, 10 + rejected); // and the one refresh
}

void TestSpotifyClient::withoutTokenNothingIsSent()
{
    m_tokens->setAccessToken({});
    const OutcomePointer outcome = sendAndWait("GET", QStringLiteral("/me"));
    QCOMPARE(outcome->error().kind, Kind::SessionExpired);
    QCOMPARE(m_spotify->requests().size(), 0);
}

void TestSpotifyClient::rateLimitGivesUpAfterThreeRetries()
{
    m_client->setPolicy(quickPolicy());
    m_spotify->addFault(Fault::rateLimited(0, QStringLiteral("^/v1/me$"), -1));
    const OutcomePointer outcome = sendAndWait("GET", QStringLiteral("/me"));
    QCOMPARE(outcome->error().kind, Kind::RateLimited);
    QCOMPARE(outcome->error().status, 429);
    QVERIFY(outcome->error().message().contains(QLatin1String("Spotify is busy")));
    QCOMPARE(m_spotify->requestCount("GET", QStringLiteral("^/v1/me$")), 4);
}

void TestSpotifyClient::missingRetryAfterWaitsTheDefault()
{
    SpotifyPolicy policy = quickPolicy();
    policy.defaultRetryAfter = 300ms;
    m_client->setPolicy(policy);
    m_spotify->addFault(Fault::rateLimited(-1, QStringLiteral("^/v1/me$")));
    QVERIFY(sendAndWait("GET", QStringLiteral("/me"))->ok());
    const QList<qint64> times = receivedTimes(m_spotify->requests());
    QCOMPARE(times.size(), 2);
    QVERIFY(times[1] - times[0] >= 300);
}

// Spotify has answered Development Mode apps with Retry-After of hours: a person is not kept waiting for
// that, while sync waits it out.
void TestSpotifyClient::longRetryAfterFailsForegroundAndHoldsBackground()
{
    m_spotify->addFault(Fault::rateLimited(120, QStringLiteral("^/v1/me$")));
    const OutcomePointer first = sendAndWait("GET", QStringLiteral("/me"));
    QCOMPARE(first->error().kind, Kind::RateLimited);
    const OutcomePointer background = send("GET", QStringLiteral("/me/tracks"), {}, SpotifyPriority::Background);
    const OutcomePointer foreground = sendAndWait("GET", QStringLiteral("/me/playlists"));
    QCOMPARE(foreground->error().kind, Kind::RateLimited);
    QVERIFY(!background->done());
    QCOMPARE(m_spotify->requests().size(), 1);
    m_client->cancelAll();
    QCOMPARE(background->error().kind, Kind::Cancelled);
}

void TestSpotifyClient::serviceUnavailableHonoursRetryAfter()
{
    m_client->setPolicy(quickPolicy());
    m_spotify->addFault(Fault::serverError(503, QStringLiteral("^/v1/me$"), 1, 1));
    QVERIFY(sendAndWait("GET", QStringLiteral("/me"))->ok());
    const QList<qint64> times = receivedTimes(m_spotify->requests());
    QCOMPARE(times.size(), 2);
    QVERIFY(times[1] - times[0] >= 1000);
}

void TestSpotifyClient::postIsNotRetried()
{
    m_client->setPolicy(quickPolicy());
    Fault fault = Fault::serverError(500, QStringLiteral("^/v1/me/playlists$"), -1);
    fault.method = "POST";
    m_spotify->addFault(fault);
    const OutcomePointer outcome = send("POST",
                                        QStringLiteral("/me/playlists"),
                                        {},
                                        SpotifyPriority::Foreground,
                                        nullptr,
                                        QByteArrayLiteral("{\"name\":\"TuneScout picks\"}"));
    QTRY_VERIFY(outcome->done());
    QCOMPARE(outcome->error().kind, Kind::ServerError);
    QCOMPARE(m_spotify->requestCount("POST", QStringLiteral("^/v1/me/playlists$")), 1);

    // The same failure on PUT, which is idempotent, is retried.
    m_spotify->clearFaults();
    m_spotify->addFault(Fault::serverError(502, QStringLiteral("^/v1/me/player/play$")));
    QVERIFY(sendAndWait("PUT", QStringLiteral("/me/player/play"))->ok());
    QCOMPARE(m_spotify->requestCount("PUT", QStringLiteral("^/v1/me/player/play$")), 2);
}

void TestSpotifyClient::timeoutIsRetried()
{
    SpotifyPolicy policy = quickPolicy();
    policy.transferTimeout = 300ms;
    m_client->setPolicy(policy);
    m_spotify->addFault(Fault::slow(3000, QStringLiteral("^/v1/me$")));
    QElapsedTimer clock;
    clock.start();
    const OutcomePointer outcome = sendAndWait("GET", QStringLiteral("/me"));
    QVERIFY(outcome->ok());
    QVERIFY(clock.elapsed() < 3000);
}

void TestSpotifyClient::unreachableIsNetworkError()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    makeClient(SpotifyApiProfile::DevelopmentMode, QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port)));
    m_client->setPolicy(quickPolicy());
    const OutcomePointer outcome = sendAndWait("GET", QStringLiteral("/me"));
    QCOMPARE(outcome->error().kind, Kind::Network);
    QCOMPARE(outcome->error().status, 0);
    QVERIFY(outcome->error().message().contains(QLatin1String("internet connection")));
}

// Retries stay within 10% of the requests of the last minute, with a floor (1 here): once spent, failures
// come back after one attempt.
void TestSpotifyClient::retryBudgetFailsFast()
{
    SpotifyPolicy policy = quickPolicy();
    policy.retryFloor = 1;
    policy.circuitThreshold = 1000;
    m_client->setPolicy(policy);
    m_spotify->addFault(Fault::serverError(500, QStringLiteral("^/v1/me$"), -1));
    const QString me = QStringLiteral("^/v1/me$");

    QCOMPARE(sendAndWait("GET", QStringLiteral("/me"))->error().kind, Kind::ServerError);
    QCOMPARE(m_spotify->requestCount("GET", me), 2); // the floor's one retry
    QCOMPARE(sendAndWait("GET", QStringLiteral("/me"))->error().kind, Kind::ServerError);
    QCOMPARE(m_spotify->requestCount("GET", me), 3); // budget spent: no retry

    QList<OutcomePointer> fine;
    for (int i = 0; i < 20; ++i) {
        fine.append(send("GET", QStringLiteral("/me/playlists")));
    }
    QTRY_VERIFY_WITH_TIMEOUT(allDone(fine), 10000);
    // 22 requests in the window allow 2.2 retries: one more.
    QCOMPARE(sendAndWait("GET", QStringLiteral("/me"))->error().kind, Kind::ServerError);
    QCOMPARE(m_spotify->requestCount("GET", me), 5);
    QCOMPARE(sendAndWait("GET", QStringLiteral("/me"))->error().kind, Kind::ServerError);
    QCOMPARE(m_spotify->requestCount("GET", me), 6);
}

void TestSpotifyClient::circuitOpensAndHalfOpens()
{
    SpotifyPolicy policy = quickPolicy();
    policy.maxAttempts = 1;
    policy.circuitThreshold = 3;
    policy.circuitHalfOpenAfter = 400ms;
    m_client->setPolicy(policy);
    m_spotify->addFault(Fault::serverError(500, QStringLiteral("^/v1/me$"), -1));

    for (int i = 0; i < 3; ++i) {
        QCOMPARE(sendAndWait("GET", QStringLiteral("/me"))->error().kind, Kind::ServerError);
    }
    QElapsedTimer opened;
    opened.start();
    const OutcomePointer rejected = sendAndWait("GET", QStringLiteral("/me/playlists"));
    QCOMPARE(rejected->error().kind, Kind::CircuitOpen);
    QVERIFY(!rejected->error().message().isEmpty());
    QCOMPARE(m_spotify->requests().size(), 3);

    // Half-open: one probe; it fails, and the circuit opens again.
    QVERIFY(QTest::qWaitFor(
        [&opened] {
            return opened.hasExpired(450);
        },
        5000));
    QCOMPARE(sendAndWait("GET", QStringLiteral("/me"))->error().kind, Kind::ServerError);
    opened.restart();
    QCOMPARE(m_spotify->requests().size(), 4);
    QCOMPARE(sendAndWait("GET", QStringLiteral("/me/playlists"))->error().kind, Kind::CircuitOpen);
    QCOMPARE(m_spotify->requests().size(), 4);

    // Half-open again, Spotify healthy: the probe goes first, the request behind it waits for its verdict.
    m_spotify->clearFaults();
    QVERIFY(QTest::qWaitFor(
        [&opened] {
            return opened.hasExpired(450);
        },
        5000));
    const OutcomePointer probe = send("GET", QStringLiteral("/me"));
    const OutcomePointer behind = send("GET", QStringLiteral("/me/playlists"));
    QTRY_VERIFY(probe->done() && behind->done());
    QVERIFY(probe->ok());
    QVERIFY(behind->ok());
    const auto requests = m_spotify->requests();
    QCOMPARE(requests.size(), 6);
    QCOMPARE(requests[4].request.path, QStringLiteral("/v1/me"));
}

// At most four on the wire (below QNetworkAccessManager's six per host): with every answer taking 300 ms,
// ten requests finish in three waves.
void TestSpotifyClient::concurrencyIsBounded()
{
    m_spotify->addFault(Fault::slow(300, QStringLiteral("^/v1/me/top/tracks$"), -1));
    QList<OutcomePointer> outcomes;
    for (int i = 0; i < 10; ++i) {
        outcomes.append(send("GET", QStringLiteral("/me/top/tracks"), {}, SpotifyPriority::Background));
    }
    QTRY_VERIFY_WITH_TIMEOUT(allDone(outcomes), 10000);
    QList<qint64> finished = receivedTimes(m_spotify->requests());
    QCOMPARE(finished.size(), 10);
    std::sort(finished.begin(), finished.end());
    // Request k (from 0) could only start after request k - 4 finished, and then took 300 ms itself.
    for (qsizetype k = 4; k < finished.size(); ++k) {
        QVERIFY2(finished[k] - finished[k - 4] >= 299,
                 qPrintable(QStringLiteral("answer %1 came %2 ms after answer %3")
                                .arg(k)
                                .arg(finished[k] - finished[k - 4])
                                .arg(k - 4)));
    }
}

void TestSpotifyClient::foregroundGoesFirst()
{
    SpotifyPolicy policy;
    policy.maxInFlight = 1;
    m_client->setPolicy(policy);
    QList<OutcomePointer> outcomes{send("GET", QStringLiteral("/me/top/artists"), {}, SpotifyPriority::Background),
                                   send("GET", QStringLiteral("/me/top/tracks"), {}, SpotifyPriority::Background),
                                   send("GET", QStringLiteral("/me"), {}, SpotifyPriority::Foreground),
                                   send("GET", QStringLiteral("/me/playlists"), {}, SpotifyPriority::Foreground)};
    QTRY_VERIFY_WITH_TIMEOUT(allDone(outcomes), 10000);
    QStringList order;
    for (const auto &request : m_spotify->requests()) {
        order.append(request.request.path);
    }
    QCOMPARE(order,
             (QStringList{QStringLiteral("/v1/me"),
                          QStringLiteral("/v1/me/playlists"),
                          QStringLiteral("/v1/me/top/artists"),
                          QStringLiteral("/v1/me/top/tracks")}));
}

// Every operation the fake's Development Mode profile lists as removed is refused locally.
void TestSpotifyClient::removedEndpointsAreNotRequested()
{
    const QStringList removed = m_spotify->removedOperations();
    QVERIFY(removed.size() > 20);
    QList<OutcomePointer> outcomes;
    for (const QString &operation : removed) {
        const qsizetype space = operation.indexOf(QLatin1Char(' '));
        const QByteArray method = operation.left(space).toLatin1();
        QString path = operation.mid(space + 1);
        path.replace(QRegularExpression(QStringLiteral("\\{[a-z_]+\\}")), someId);
        outcomes.append(send(method, path));
    }
    QTRY_VERIFY(allDone(outcomes));
    for (qsizetype i = 0; i < outcomes.size(); ++i) {
        QVERIFY2(!outcomes[i]->ok() && outcomes[i]->error().kind == Kind::EndpointUnavailable, qPrintable(removed[i]));
    }
    QCOMPARE(m_spotify->requests().size(), 0);
    QVERIFY(outcomes.first()->error().message().contains(QLatin1String("Development Mode")));
}

void TestSpotifyClient::extendedProfileReachesRemovedEndpoints()
{
    startSpotify(FakeSpotify::Profile::Extended);
    makeClient(SpotifyApiProfile::Extended, m_spotify->apiUrl());
    QString artistId;
    QStringList trackIds;
    m_spotify->withLibrary([&](const auto &library) {
        artistId = library.artists.first().id;
        trackIds = {library.tracks[0].id, library.tracks[1].id};
    });
    const OutcomePointer topTracks = sendAndWait("GET", QStringLiteral("/artists/%1/top-tracks").arg(artistId));
    QVERIFY(topTracks->ok());
    QUrlQuery ids;
    ids.addQueryItem(QStringLiteral("ids"), trackIds.join(QLatin1Char(',')));
    const OutcomePointer tracks = send("GET", QStringLiteral("/tracks"), ids);
    QTRY_VERIFY(tracks->done());
    QVERIFY(tracks->ok());
    QCOMPARE(m_spotify->requests().size(), 2);
}

void TestSpotifyClient::cancelAllEndsEverything()
{
    SpotifyPolicy policy = quickPolicy();
    policy.maxInFlight = 2;
    m_client->setPolicy(policy);
    m_spotify->addFault(Fault::slow(2000, QStringLiteral("^/v1/me/top/tracks$"), -1));
    m_spotify->addFault(Fault::rateLimited(30, QStringLiteral("^/v1/me$")));
    const OutcomePointer limited = send("GET", QStringLiteral("/me"), {}, SpotifyPriority::Background);
    QTRY_COMPARE(m_spotify->requests().size(), 1); // the 429: the request waits behind the gate for 30 s
    QList<OutcomePointer> outcomes{limited};
    for (int i = 0; i < 3; ++i) {
        outcomes.append(send("GET", QStringLiteral("/me/top/tracks")));
    }
    m_client->cancelAll();
    for (const OutcomePointer &outcome : std::as_const(outcomes)) {
        QCOMPARE(outcome->calls, 1);
        QCOMPARE(outcome->error().kind, Kind::Cancelled);
    }
}

void TestSpotifyClient::destroyedContextDropsItsRequests()
{
    SpotifyPolicy policy;
    policy.maxInFlight = 1;
    m_client->setPolicy(policy);
    auto doomed = std::make_unique<QObject>();
    const OutcomePointer queued = send("GET", QStringLiteral("/me"), {}, SpotifyPriority::Foreground, doomed.get());
    doomed.reset();
    QVERIFY(sendAndWait("GET", QStringLiteral("/me/playlists"))->ok());
    QCOMPARE(m_spotify->requestCount("GET", QStringLiteral("^/v1/me$")), 0);

    // On the wire when the context goes: the answer is dropped.
    m_spotify->addFault(Fault::slow(200, QStringLiteral("^/v1/me$")));
    doomed = std::make_unique<QObject>();
    const OutcomePointer onTheWire = send("GET", QStringLiteral("/me"), {}, SpotifyPriority::Foreground, doomed.get());
    QTRY_COMPARE(m_spotify->pendingFaults(), 0);
    doomed.reset();
    QVERIFY(sendAndWait("GET", QStringLiteral("/me/playlists"))->ok());
    QCOMPARE(queued->calls, 0);
    QCOMPARE(onTheWire->calls, 0);
}

void TestSpotifyClient::queryAndBodyReachSpotifyIntact()
{
    QUrlQuery search;
    search.addQueryItem(QStringLiteral("q"), QStringLiteral("artist:Velvet+Comets track:a&b=c"));
    search.addQueryItem(QStringLiteral("type"), QStringLiteral("track"));
    const OutcomePointer found = send("GET", QStringLiteral("/search"), search);
    QTRY_VERIFY(found->done());
    QVERIFY(found->ok());
    auto requests = m_spotify->requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests[0].request.queryValue(QStringLiteral("q")), QStringLiteral("artist:Velvet+Comets track:a&b=c"));
    QCOMPARE(requests[0].request.queryValue(QStringLiteral("type")), QStringLiteral("track"));

    // Without a body, a PUT still says Content-Length: 0 (Spotify answers 411 otherwise).
    m_spotify->clearRequests();
    const OutcomePointer resumed = sendAndWait("PUT", QStringLiteral("/me/player/play"));
    QVERIFY2(resumed->ok(), resumed->describe().constData());
    requests = m_spotify->requests();
    QCOMPARE(requests[0].request.header("Content-Length"), QByteArray("0"));
    QCOMPARE(requests[0].request.header("Authorization"), "Bearer " + m_tokens->accessToken());

    m_spotify->clearRequests();
    QString trackUri;
    m_spotify->withLibrary([&](const auto &library) {
        trackUri = QStringLiteral("spotify:track:") + library.tracks[0].id;
    });
    const QByteArray body = R"({"uris":[")" + trackUri.toLatin1() + R"("]})";
    const OutcomePointer played =
        send("PUT", QStringLiteral("/me/player/play"), {}, SpotifyPriority::Foreground, nullptr, body);
    QTRY_VERIFY(played->done());
    QVERIFY2(played->ok(), played->describe().constData());
    requests = m_spotify->requests();
    QCOMPARE(requests[0].request.body, body);
    QCOMPARE(requests[0].request.header("Content-Type"), QByteArray("application/json"));
}

// Method, path, status and attempt reach the log; tokens and query strings never do (RELIABILITY.md T12).
void TestSpotifyClient::logsNeitherTokensNorQueries()
{
    QLoggingCategory::setFilterRules(QStringLiteral("tunescout.spotify.api.debug=true"));
    capturedLog.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureLog);
    m_spotify->addFault(Fault::accessTokenExpired(QStringLiteral("^/v1/search$")));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("q"), QStringLiteral("canary-query-value"));
    query.addQueryItem(QStringLiteral("type"), QStringLiteral("artist"));
    const OutcomePointer outcome = send("GET", QStringLiteral("/search"), query);
    QTRY_VERIFY(outcome->done());
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());

    QVERIFY(outcome->ok());
    const QString log = capturedLog.join(QLatin1Char('\n'));
    QVERIFY2(log.contains(QLatin1String("tunescout.spotify.api GET /search attempt 2 200")), qPrintable(log));
    QVERIFY(log.contains(QLatin1String("401")));
    QVERIFY(!log.contains(QLatin1String("canary-query-value")));
    QVERIFY(!log.contains(QLatin1String("Bearer")));
    for (const QString &secret : m_spotify->issuedSecrets()) {
        QVERIFY(!log.contains(secret));
    }
}

void TestSpotifyClient::offsetPagingReadsEveryPage()
{
    auto outcome = std::make_shared<ListOutcome<engine::SavedTrack>>();
    m_client->fetchAllOffset(QStringLiteral("/me/tracks"),
                             {},
                             &engine::spotifyjson::parseSavedTrackPage,
                             SpotifyPriority::Background,
                             this,
                             recordInto(outcome));
    QTRY_VERIFY_WITH_TIMEOUT(outcome->calls > 0, 10000);
    QCOMPARE(outcome->calls, 1);
    QVERIFY(outcome->result->ok());
    const auto &list = outcome->result->value();
    int total = 0;
    m_spotify->withLibrary([&total](const auto &library) {
        total = int(library.savedTracks.size());
    });
    QVERIFY(total > 50);
    QCOMPARE(list.total, total);
    QCOMPARE(int(list.items.size()), total);
    QSet<QString> ids;
    for (const engine::SavedTrack &saved : list.items) {
        ids.insert(saved.track.spotifyId);
    }
    QCOMPARE(int(ids.size()), total);
    const auto requests = m_spotify->requests();
    QCOMPARE(int(requests.size()), (total + 49) / 50);
    for (qsizetype i = 0; i < requests.size(); ++i) {
        QCOMPARE(requests[i].request.queryValue(QStringLiteral("limit")), QStringLiteral("50"));
        QCOMPARE(requests[i].request.queryValue(QStringLiteral("offset")).toInt(), int(i) * 50);
    }
}

void TestSpotifyClient::cursorPagingWalksFollowedArtists()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("type"), QStringLiteral("artist"));
    const auto outcome = fetchAllCursorAndWait(QStringLiteral("/me/following"),
                                               query,
                                               SpotifyClient::Cursor::After,
                                               &engine::spotifyjson::parseFollowedArtists);
    QVERIFY(outcome && outcome->result->ok());
    QStringList followed;
    m_spotify->withLibrary([&followed](const auto &library) {
        followed = library.followedArtistIds;
    });
    QStringList fetched;
    for (const engine::Artist &artist : outcome->result->value().items) {
        fetched.append(artist.spotifyId);
    }
    QCOMPARE(fetched, followed);
    const auto requests = m_spotify->requests();
    QCOMPARE(int(requests.size()), (int(followed.size()) + 49) / 50);
    QVERIFY(!requests[0].request.hasQueryItem(QStringLiteral("after")));
    QCOMPARE(requests[1].request.queryValue(QStringLiteral("after")), followed[49]);
    QCOMPARE(requests[1].request.queryValue(QStringLiteral("type")), QStringLiteral("artist"));
}

void TestSpotifyClient::cursorPagingWalksRecentlyPlayedBack()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("20"));
    const auto outcome = fetchAllCursorAndWait(QStringLiteral("/me/player/recently-played"),
                                               query,
                                               SpotifyClient::Cursor::Before,
                                               &engine::spotifyjson::parseRecentlyPlayed);
    QVERIFY(outcome && outcome->result->ok());
    const QList<engine::Play> &plays = outcome->result->value().items;
    QCOMPARE(plays.size(), 50); // all Spotify keeps
    for (qsizetype i = 1; i < plays.size(); ++i) {
        QVERIFY(plays[i].playedAtMs < plays[i - 1].playedAtMs);
    }
    const auto requests = m_spotify->requests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests[1].request.queryValue(QStringLiteral("before")).toLongLong(), plays[19].playedAtMs);
    QVERIFY(!requests[2].request.hasQueryItem(QStringLiteral("after")));
}

void TestSpotifyClient::cursorPagingWalksRecentlyPlayedForward()
{
    qint64 after = 0;
    m_spotify->withLibrary([&after](const auto &library) {
        after = library.reachablePlays()[29].playedAtMs; // 29 plays are newer
    });
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("10"));
    query.addQueryItem(QStringLiteral("after"), QString::number(after));
    const auto outcome = fetchAllCursorAndWait(QStringLiteral("/me/player/recently-played"),
                                               query,
                                               SpotifyClient::Cursor::After,
                                               &engine::spotifyjson::parseRecentlyPlayed);
    QVERIFY(outcome && outcome->result->ok());
    QSet<qint64> playedAt;
    for (const engine::Play &play : outcome->result->value().items) {
        QVERIFY(play.playedAtMs > after);
        playedAt.insert(play.playedAtMs);
    }
    QCOMPARE(playedAt.size(), 29);
    const auto requests = m_spotify->requests();
    QCOMPARE(requests.size(), 3);
    for (const auto &request : requests) {
        QVERIFY(!request.request.hasQueryItem(QStringLiteral("before")));
    }
}

void TestSpotifyClient::pagingFailsOnAnUnexpectedPage()
{
    Fault fault;
    fault.pathPattern = QStringLiteral("^/v1/me/tracks$");
    fault.status = 200;
    fault.rawBody = QByteArrayLiteral("{\"items\":7}");
    fault.rawContentType = QByteArrayLiteral("application/json");
    m_spotify->addFault(fault);
    auto outcome = std::make_shared<ListOutcome<engine::SavedTrack>>();
    m_client->fetchAllOffset(QStringLiteral("/me/tracks"),
                             {},
                             &engine::spotifyjson::parseSavedTrackPage,
                             SpotifyPriority::Foreground,
                             this,
                             recordInto(outcome));
    QTRY_VERIFY(outcome->calls > 0);
    QVERIFY(!outcome->result->ok());
    QCOMPARE(outcome->result->error().kind, Kind::BadResponse);
    QCOMPARE(m_spotify->requests().size(), 1);
}

void TestSpotifyClient::fullJitterStaysWithinBounds()
{
    QRandomGenerator random(7);
    for (int retry = 1; retry <= 6; ++retry) {
        const qint64 bound = std::min<qint64>(8000, 500LL << (retry - 1));
        qint64 least = bound;
        qint64 most = 0;
        for (int i = 0; i < 2000; ++i) {
            const qint64 delay = engine::fullJitterDelay(500ms, 8s, retry, random).count();
            QVERIFY(delay >= 0 && delay <= bound);
            least = std::min(least, delay);
            most = std::max(most, delay);
        }
        // Spread over the whole range, not bunched at the ceiling like plain exponential backoff.
        QVERIFY(least < bound / 20);
        QVERIFY(most > bound - bound / 20);
    }
}

void TestSpotifyClient::retryAfterParsing_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expectedMs"); // -1: none

    QTest::addRow("seconds") << QByteArray("2") << qint64(2000);
    QTest::addRow("zero") << QByteArray("0") << qint64(0);
    QTest::addRow("padded") << QByteArray(" 30 ") << qint64(30000);
    QTest::addRow("absent") << QByteArray() << qint64(-1);
    QTest::addRow("negative") << QByteArray("-5") << qint64(-1);
    QTest::addRow("garbage") << QByteArray("soon") << qint64(-1);
    QTest::addRow("imf-fixdate") << QByteArray("Wed, 25 Nov 2026 12:01:30 GMT") << qint64(90000);
    QTest::addRow("asctime") << QByteArray("Wed Nov 25 12:00:10 2026") << qint64(10000);
    QTest::addRow("date-in-the-past") << QByteArray("Wed, 25 Nov 2026 11:00:00 GMT") << qint64(0);
    QTest::addRow("huge") << QByteArray("99999999999") << qint64(86400000);
}

void TestSpotifyClient::retryAfterParsing()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, expectedMs);
    const QDateTime now(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC);
    const auto parsed = engine::parseRetryAfter(value, now);
    QCOMPARE(parsed.has_value(), expectedMs >= 0);
    if (parsed) {
        QCOMPARE(parsed->count(), expectedMs);
    }
}

void TestSpotifyClient::quotaPauseEndsAtTheHourOrRetryAfter_data()
{
    QTest::addColumn<QTime>("now");
    QTest::addColumn<qint64>("retryAfterMs"); // -1: none
    QTest::addColumn<qint64>("expectedMs");

    QTest::addRow("just-before-the-hour") << QTime(12, 59, 58, 500) << qint64(-1) << qint64(1500);
    QTest::addRow("on-the-hour") << QTime(12, 0) << qint64(-1) << qint64(3600000);
    QTest::addRow("retry-after-earlier") << QTime(12, 30) << qint64(60000) << qint64(1800000);
    QTest::addRow("retry-after-later") << QTime(12, 59, 59) << qint64(10000) << qint64(10000);
}

void TestSpotifyClient::quotaPauseEndsAtTheHourOrRetryAfter()
{
    QFETCH(QTime, now);
    QFETCH(qint64, retryAfterMs);
    QFETCH(qint64, expectedMs);
    const auto retryAfter = retryAfterMs >= 0 ? std::optional(std::chrono::milliseconds(retryAfterMs)) : std::nullopt;
    QCOMPARE(engine::quotaPause(QDateTime(QDate(2026, 11, 25), now, Qt::UTC), retryAfter).count(), expectedMs);
}

void TestSpotifyClient::removedEndpointList_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("removed");

    QTest::addRow("batch-tracks") << QByteArray("GET") << "/tracks" << true;
    QTest::addRow("single-track") << QByteArray("GET") << QStringLiteral("/tracks/") + someId << false;
    QTest::addRow("batch-artists") << QByteArray("GET") << "/artists" << true;
    QTest::addRow("single-artist") << QByteArray("GET") << QStringLiteral("/artists/") + someId << false;
    QTest::addRow("artist-albums") << QByteArray("GET")
                                   << QStringLiteral("/artists/") + someId + QStringLiteral("/albums") << false;
    QTest::addRow("top-tracks") << QByteArray("GET")
                                << QStringLiteral("/artists/") + someId + QStringLiteral("/top-tracks") << true;
    QTest::addRow("related-artists") << QByteArray("GET")
                                     << QStringLiteral("/artists/") + someId + QStringLiteral("/related-artists")
                                     << true;
    QTest::addRow("recommendations") << QByteArray("GET") << "/recommendations" << true;
    QTest::addRow("genre-seeds") << QByteArray("GET") << "/recommendations/available-genre-seeds" << true;
    QTest::addRow("audio-features") << QByteArray("GET") << QStringLiteral("/audio-features/") + someId << true;
    QTest::addRow("audio-analysis") << QByteArray("GET") << QStringLiteral("/audio-analysis/") + someId << true;
    QTest::addRow("browse") << QByteArray("GET") << "/browse/new-releases" << true;
    QTest::addRow("markets") << QByteArray("GET") << "/markets" << true;
    QTest::addRow("user") << QByteArray("GET") << "/users/someone" << true;
    QTest::addRow("user-playlists") << QByteArray("POST") << "/users/someone/playlists" << true;
    QTest::addRow("my-playlists") << QByteArray("POST") << "/me/playlists" << false;
    QTest::addRow("saved-tracks-read") << QByteArray("GET") << "/me/tracks" << false;
    QTest::addRow("saved-tracks-write") << QByteArray("PUT") << "/me/tracks" << true;
    QTest::addRow("saved-tracks-contains") << QByteArray("GET") << "/me/tracks/contains" << true;
    QTest::addRow("followed-artists-read") << QByteArray("GET") << "/me/following" << false;
    QTest::addRow("follow") << QByteArray("PUT") << "/me/following" << true;
    QTest::addRow("library-write") << QByteArray("PUT") << "/me/library" << false;
    QTest::addRow("library-contains") << QByteArray("GET") << "/me/library/contains" << false;
    QTest::addRow("playlist-tracks") << QByteArray("GET")
                                     << QStringLiteral("/playlists/") + someId + QStringLiteral("/tracks") << true;
    QTest::addRow("playlist-items") << QByteArray("GET")
                                    << QStringLiteral("/playlists/") + someId + QStringLiteral("/items") << false;
    QTest::addRow("playlist-followers") << QByteArray("PUT")
                                        << QStringLiteral("/playlists/") + someId + QStringLiteral("/followers")
                                        << true;
    QTest::addRow("player") << QByteArray("PUT") << "/me/player/play" << false;
}

void TestSpotifyClient::removedEndpointList()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(bool, removed);
    QCOMPARE(engine::isRemovedInDevelopmentMode(method, path), removed);
}

void TestSpotifyClient::errorMapping_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("reason");

    QTest::addRow("expired") << 401 << QByteArray(R"({"error":{"status":401,"message":"The access token expired"}})")
                             << Kind::SessionExpired << QString();
    QTest::addRow("premium")
        << 403
        << QByteArray(
               R"({"error":{"status":403,"message":"Player command failed: Premium required","reason":"PREMIUM_REQUIRED"}})")
        << Kind::PremiumRequired << QStringLiteral("PREMIUM_REQUIRED");
    QTest::addRow("allow-list-spotify-words")
        << 403 << QByteArray("Check settings on developer.spotify.com/dashboard, the user may not be registered.")
        << Kind::NotRegistered << QString();
    QTest::addRow("owner-premium")
        << 403
        << QByteArray(
               R"({"error":{"status":403,"message":"Active premium subscription required for the owner of the app"}})")
        << Kind::NotRegistered << QString();
    QTest::addRow("forbidden") << 403 << QByteArray(R"({"error":{"status":403,"message":"Forbidden"}})")
                               << Kind::Forbidden << QString();
    QTest::addRow("no-device-reason")
        << 404
        << QByteArray(
               R"({"error":{"status":404,"message":"Player command failed: No active device found","reason":"NO_ACTIVE_DEVICE"}})")
        << Kind::NoActiveDevice << QStringLiteral("NO_ACTIVE_DEVICE");
    QTest::addRow("no-device-words")
        << 404 << QByteArray(R"({"error":{"status":404,"message":"Player command failed: No active device found"}})")
        << Kind::NoActiveDevice << QString();
    QTest::addRow("not-found") << 404 << QByteArray(R"({"error":{"status":404,"message":"Service not found"}})")
                               << Kind::NotFound << QString();
    QTest::addRow("rate-limited") << 429
                                  << QByteArray(R"({"error":{"status":429,"message":"API rate limit exceeded"}})")
                                  << Kind::RateLimited << QString();
    QTest::addRow("quota")
        << 429
        << QByteArray(R"({"error":{"status":429,"message":"API rate limit exceeded","reason":"QUOTA_EXCEEDED"}})")
        << Kind::QuotaExceeded << QStringLiteral("QUOTA_EXCEEDED");
    QTest::addRow("bad-request") << 400 << QByteArray(R"({"error":{"status":400,"message":"Invalid limit"}})")
                                 << Kind::BadRequest << QString();
    QTest::addRow("length-required") << 411 << QByteArray() << Kind::BadRequest << QString();
    QTest::addRow("bad-gateway") << 502 << QByteArray("<html>Bad gateway</html>") << Kind::ServerError << QString();
    QTest::addRow("redirect") << 302 << QByteArray() << Kind::BadResponse << QString();
}

void TestSpotifyClient::errorMapping()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Kind, kind);
    QFETCH(QString, reason);
    const SpotifyError error = engine::spotifyErrorFor(status, body);
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.status, status);
    QCOMPARE(error.reason, reason);
    QVERIFY(!error.message().contains(QLatin1String("error")));
}

void TestSpotifyClient::everyMessageIsForAPerson()
{
    const QMetaEnum kinds = QMetaEnum::fromType<Kind>();
    QSet<QString> messages;
    for (int i = 0; i < kinds.keyCount(); ++i) {
        SpotifyError error;
        error.kind = Kind(kinds.value(i));
        error.detail = QStringLiteral("{\"error\":{\"message\":\"raw\"}}");
        const QString message = error.message();
        QVERIFY2(message.size() > 20, kinds.key(i));
        QVERIFY2(message.endsWith(QLatin1Char('.')), kinds.key(i));
        QVERIFY2(!message.contains(QLatin1String("raw")), kinds.key(i));
        messages.insert(message);
    }
    QCOMPARE(int(messages.size()), kinds.keyCount());
}

QTEST_GUILESS_MAIN(TestSpotifyClient)

#include "tst_spotifyclient.moc"
