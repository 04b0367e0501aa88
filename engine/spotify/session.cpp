#include "engine/spotify/session.h"

#include <QLoggingCategory>
#include <QNetworkReply>

#include <algorithm>
#include <utility>

namespace engine
{

namespace
{

// States, reasons and store statuses only: never a token, and never Spotify's answer body.
Q_LOGGING_CATEGORY(lcSession, "tunescout.spotify.session")

// OA-9: refresh a minute before Spotify's deadline, so that no request goes out with a token about to lapse.
constexpr std::chrono::milliseconds RefreshMargin = std::chrono::seconds(60);
// However short a lifetime Spotify announces, the proactive refresh never runs more than once a second.
constexpr std::chrono::milliseconds MinimumRefreshDelay = std::chrono::seconds(1);
// Retries after passing failures back off to this, so that a long outage costs a request every ten minutes.
constexpr std::chrono::milliseconds MaximumRetryDelay = std::chrono::minutes(10);

std::chrono::milliseconds proactiveRefreshDelay(int expiresInS)
{
    const std::chrono::milliseconds lifetime = std::chrono::seconds(expiresInS);
    const std::chrono::milliseconds delay = lifetime > RefreshMargin ? lifetime - RefreshMargin : lifetime / 2;
    return std::max(delay, MinimumRefreshDelay);
}

QString sessionOnlyMessage(const SecretStore::Answer &answer)
{
    switch (answer.status) {
    case SecretStore::Status::NoBackend:
        return QStringLiteral("Not remembered — no system keyring");
    case SecretStore::Status::AccessDenied:
        return QStringLiteral("Not remembered — the system keyring refused access");
    case SecretStore::Status::Ok:
    case SecretStore::Status::NotFound:
    case SecretStore::Status::Failed:
        break;
    }
    return QStringLiteral("Not remembered — the system keyring is not working (%1)").arg(answer.message);
}

} // namespace

Session::Session(const Options &options, SecretStore *store, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_endpoint(network, options.accountsUrl, options.clientId, options.requestTimeout)
    , m_secretKey(options.secretKey)
    , m_store(store)
    , m_refreshTimer(this)
    , m_firstRetryDelay(options.retryDelay)
    , m_retryDelay(options.retryDelay)
{
    if (!m_store->isPersistent()) {
        m_persistence = Persistence::SessionOnly;
        m_persistenceMessage = sessionOnlyMessage({SecretStore::Status::NoBackend, {}, {}});
    }
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (!m_busy && !m_refreshToken.isEmpty()) {
            qCDebug(lcSession) << "scheduled refresh";
            startRefresh();
        }
    });
}

Session::~Session()
{
    ++m_generation;
    abortRequest();
    answer(std::exchange(m_adoption, {}), false);
    answerWaiters(false);
}

void Session::restore()
{
    if (m_busy || m_state != State::SignedOut) {
        return;
    }
    m_busy = true;
    setState(State::Restoring);
    const quint64 generation = m_generation;
    const QPointer<Session> self(this);
    m_store->read(m_secretKey, [this, self, generation](const SecretStore::Answer &answer) {
        if (!self || generation != m_generation) {
            return;
        }
        qCDebug(lcSession) << "reading the stored sign-in:" << secretStatusName(answer.status);
        switch (answer.status) {
        case SecretStore::Status::Ok:
            if (!answer.secret.isEmpty()) {
                m_refreshToken = answer.secret;
                startRefresh();
                return;
            }
            break;
        case SecretStore::Status::NotFound:
            break;
        case SecretStore::Status::NoBackend:
        case SecretStore::Status::AccessDenied:
        case SecretStore::Status::Failed:
            // Reading was the one prompt this run may cost (TS-4): whatever failed, the keychain is not asked
            // again until the next start.
            useSessionOnlyStore(answer);
            break;
        }
        m_busy = false;
        setState(State::SignedOut);
        answerWaiters(false);
    });
}

void Session::adopt(const spotifyjson::TokenResponse &tokens, QObject *context, std::function<void(bool)> done)
{
    const Waiter waiter{context ? context : this, std::move(done)};
    if (tokens.accessToken.isEmpty() || tokens.refreshToken.isEmpty()) {
        qCWarning(lcSession) << "a sign-in without an access or refresh token cannot be adopted";
        answer(waiter, false);
        return;
    }
    ++m_generation;
    abortRequest();
    m_refreshTimer.stop();
    answer(std::exchange(m_adoption, waiter), false);
    m_busy = true;
    commit(tokens);
}

void Session::signOut()
{
    ++m_generation;
    abortRequest();
    m_refreshTimer.stop();
    m_busy = false;
    m_accessToken.clear();
    m_refreshToken.clear();
    setErrorMessage({});
    setState(State::SignedOut);
    const QPointer<Session> self(this);
    m_store->remove(m_secretKey, [self](const SecretStore::Answer &answer) {
        // Without a keychain there was nothing to delete.
        if (!self || answer.status == SecretStore::Status::Ok || answer.status == SecretStore::Status::NoBackend) {
            return;
        }
        qCWarning(lcSession) << "deleting the stored sign-in failed:" << secretStatusName(answer.status);
        self->setErrorMessage(
            QStringLiteral("TuneScout could not delete the saved sign-in from the system keyring (%1).")
                .arg(answer.message));
    });
    Q_EMIT accessTokenChanged();
    answer(std::exchange(m_adoption, {}), false);
    answerWaiters(false);
    Q_EMIT signedOut();
}

QByteArray Session::accessToken() const
{
    return m_accessToken;
}

void Session::refreshAccessToken(const QByteArray &rejected, QObject *context, std::function<void(bool)> done)
{
    const Waiter waiter{context ? context : this, std::move(done)};
    const bool alreadyReplaced = !m_accessToken.isEmpty() && rejected != m_accessToken;
    if (m_busy) {
        if (alreadyReplaced) {
            answer(waiter, true);
        } else {
            m_waiters.push_back(waiter);
        }
        return;
    }
    if (m_refreshToken.isEmpty()) {
        answer(waiter, false);
        return;
    }
    if (alreadyReplaced) {
        answer(waiter, true);
        return;
    }
    m_waiters.push_back(waiter);
    startRefresh();
}

Session::State Session::state() const
{
    return m_state;
}

Session::EndReason Session::endReason() const
{
    return m_endReason;
}

QString Session::errorMessage() const
{
    return m_errorMessage;
}

Session::Persistence Session::persistence() const
{
    return m_persistence;
}

bool Session::isPersistent() const
{
    return m_persistence == Persistence::Keychain;
}

QString Session::persistenceMessage() const
{
    return m_persistenceMessage;
}

const TokenEndpoint &Session::tokenEndpoint() const
{
    return m_endpoint;
}

void Session::beforeStoringRefreshToken()
{
}

void Session::startRefresh()
{
    m_busy = true;
    const quint64 generation = m_generation;
    m_reply = m_endpoint.refresh(m_refreshToken, this, [this, generation](const TokenEndpoint::Reply &reply) {
        if (generation != m_generation) {
            return;
        }
        m_reply = nullptr;
        refreshFinished(reply);
    });
}

void Session::refreshFinished(const TokenEndpoint::Reply &reply)
{
    if (reply.tokens) {
        commit(*reply.tokens);
        return;
    }
    const TokenEndpoint::Failure &failure = reply.failure;
    switch (failure.kind) {
    case TokenEndpoint::Failure::Kind::InvalidGrant: {
        // Spotify says "Refresh token revoked" for a revocation and "Invalid refresh token" for everything else,
        // the six-month end of a sign-in included. Either way the token is dead: no retry, sign in again.
        const bool revoked = failure.oauthDescription.contains(QLatin1String("revoked"), Qt::CaseInsensitive);
        qCInfo(lcSession) << "Spotify ended the sign-in (invalid_grant," << (revoked ? "revoked)" : "expired)");
        endSession(revoked ? EndReason::Revoked : EndReason::Expired,
                   revoked ? QStringLiteral("Spotify no longer lets TuneScout use your account: access was removed in "
                                            "your Spotify account settings, or your password was reset. Sign in again "
                                            "to continue.")
                           : QStringLiteral("Your Spotify sign-in has ended: Spotify ends every sign-in six months "
                                            "after it began. Sign in again to continue."),
                   true);
        return;
    }
    case TokenEndpoint::Failure::Kind::Rejected:
        // The refresh token may be fine once the Client ID is fixed, so it stays stored.
        qCWarning(lcSession) << "Spotify refused the refresh:" << failure.oauthError;
        endSession(EndReason::ClientRejected,
                   QStringLiteral("Spotify refused TuneScout's Client ID (%1). Check the Client ID of your Spotify "
                                  "app in the setup, then sign in again.")
                       .arg(failure.oauthError),
                   false);
        return;
    case TokenEndpoint::Failure::Kind::Unavailable:
        qCWarning(lcSession) << "refreshing the access token failed:" << failure.detail;
        m_busy = false;
        setErrorMessage(QStringLiteral("TuneScout could not renew its Spotify sign-in (%1). It will try again shortly.")
                            .arg(failure.detail));
        if (m_state == State::Restoring) {
            setState(State::SignedIn);
        }
        // Without this, a start while offline would leave the session without an access token until a caller
        // happened to ask for one.
        m_refreshTimer.start(m_retryDelay);
        m_retryDelay = std::min(m_retryDelay * 2, MaximumRetryDelay);
        answerWaiters(false);
        return;
    }
}

void Session::commit(const spotifyjson::TokenResponse &tokens)
{
    // A response without a refresh token leaves the current one valid (SPOTIFY.md §1.4).
    const QByteArray refreshToken = tokens.refreshToken.isEmpty() ? m_refreshToken : tokens.refreshToken;
    if (refreshToken == m_refreshToken) {
        publish(tokens, refreshToken);
        return;
    }
    beforeStoringRefreshToken();
    storeRefreshToken(refreshToken, [this, tokens, refreshToken] {
        publish(tokens, refreshToken);
    });
}

void Session::storeRefreshToken(const QByteArray &refreshToken, std::function<void()> then)
{
    const quint64 generation = m_generation;
    const QPointer<Session> self(this);
    m_store->write(m_secretKey,
                   refreshToken,
                   [this, self, generation, refreshToken, then = std::move(then)](const SecretStore::Answer &answer) {
                       if (!self || generation != m_generation) {
                           return;
                       }
                       qCDebug(lcSession) << "storing the refresh token:" << secretStatusName(answer.status);
                       switch (answer.status) {
                       case SecretStore::Status::Ok:
                           if (m_store->isPersistent()) {
                               setPersistence(Persistence::Keychain, {});
                           }
                           break;
                       case SecretStore::Status::NoBackend:
                       case SecretStore::Status::AccessDenied:
                           useSessionOnlyStore(answer);
                           storeRefreshToken(refreshToken, then);
                           return;
                       case SecretStore::Status::NotFound:
                       case SecretStore::Status::Failed:
                           // OA-8: the new token still works from memory; only a restart will need a sign-in.
                           setPersistence(Persistence::NotSaved,
                                          QStringLiteral("Not remembered — the system keyring could not save the "
                                                         "sign-in (%1). You will need to sign in again after "
                                                         "TuneScout restarts.")
                                              .arg(answer.message));
                           break;
                       }
                       then();
                   });
}

void Session::publish(const spotifyjson::TokenResponse &tokens, const QByteArray &refreshToken)
{
    m_refreshToken = refreshToken;
    m_accessToken = tokens.accessToken;
    m_busy = false;
    m_refreshTimer.start(proactiveRefreshDelay(tokens.expiresInS));
    m_retryDelay = m_firstRetryDelay;
    setErrorMessage({});
    setState(State::SignedIn);
    Q_EMIT accessTokenChanged();
    answer(std::exchange(m_adoption, {}), true);
    answerWaiters(true);
}

void Session::endSession(EndReason reason, const QString &message, bool eraseStoredToken)
{
    m_refreshTimer.stop();
    m_busy = false;
    m_accessToken.clear();
    m_refreshToken.clear();
    m_endReason = reason;
    setErrorMessage(message);
    setState(State::NeedsSignIn);
    if (eraseStoredToken) {
        m_store->remove(m_secretKey, [](const SecretStore::Answer &answer) {
            if (answer.status != SecretStore::Status::Ok) {
                qCWarning(lcSession) << "deleting the dead sign-in failed:" << secretStatusName(answer.status);
            }
        });
    }
    Q_EMIT accessTokenChanged();
    answerWaiters(false);
}

void Session::useSessionOnlyStore(const SecretStore::Answer &answer)
{
    qCWarning(lcSession) << "no usable keychain, the sign-in lasts for this session only:"
                         << secretStatusName(answer.status);
    if (!m_sessionOnlyStore) {
        m_sessionOnlyStore = new MemorySecretStore(this);
    }
    m_store = m_sessionOnlyStore;
    setPersistence(Persistence::SessionOnly, sessionOnlyMessage(answer));
}

void Session::setPersistence(Persistence persistence, const QString &message)
{
    if (m_persistence == persistence && m_persistenceMessage == message) {
        return;
    }
    m_persistence = persistence;
    m_persistenceMessage = message;
    Q_EMIT persistenceChanged();
}

void Session::setState(State state)
{
    if (state != State::NeedsSignIn) {
        m_endReason = EndReason::None;
    }
    if (m_state == state && state != State::NeedsSignIn) {
        return;
    }
    qCDebug(lcSession) << "state" << state << m_endReason;
    m_state = state;
    Q_EMIT stateChanged();
}

void Session::setErrorMessage(const QString &message)
{
    if (m_errorMessage == message) {
        return;
    }
    m_errorMessage = message;
    Q_EMIT errorMessageChanged();
}

void Session::abortRequest()
{
    if (QNetworkReply *reply = std::exchange(m_reply, nullptr)) {
        reply->abort();
    }
}

void Session::answerWaiters(bool ok)
{
    for (const Waiter &waiter : std::exchange(m_waiters, {})) {
        answer(waiter, ok);
    }
}

void Session::answer(const Waiter &waiter, bool ok)
{
    if (!waiter.context || !waiter.done) {
        return;
    }
    // Queued even when the caller is on this thread, so that no caller is answered from inside its own call.
    QMetaObject::invokeMethod(
        waiter.context,
        [done = waiter.done, ok] {
            done(ok);
        },
        Qt::QueuedConnection);
}

} // namespace engine
