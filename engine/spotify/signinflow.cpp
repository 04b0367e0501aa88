#include "engine/spotify/signinflow.h"

#include "engine/spotify/authorizeurl.h"
#include "engine/spotify/session.h"

#include <QLoggingCategory>
#include <QNetworkReply>

#include <utility>

namespace engine
{

namespace
{

// Outcomes and OAuth error codes only: never a code, a verifier, a state or a URL carrying them.
Q_LOGGING_CATEGORY(lcSignIn, "tunescout.spotify.signin")

// An OAuth error Spotify put in the redirect (RFC 6749 §4.1.2.1); access_denied is a cancellation, not this.
QString authorizeErrorMessage(const QString &errorCode)
{
    if (errorCode == QLatin1String("server_error") || errorCode == QLatin1String("temporarily_unavailable")) {
        return QStringLiteral("Spotify could not complete the sign-in right now (%1). Please try again in a moment.")
            .arg(errorCode);
    }
    return QStringLiteral("Spotify did not complete the sign-in (%1). Please try again.").arg(errorCode);
}

QString exchangeFailureMessage(const TokenEndpoint::Failure &failure)
{
    switch (failure.kind) {
    case TokenEndpoint::Failure::Kind::InvalidGrant:
        return QStringLiteral("Spotify did not accept this sign-in (%1). Please try again.")
            .arg(failure.oauthDescription.isEmpty() ? failure.oauthError : failure.oauthDescription);
    case TokenEndpoint::Failure::Kind::Rejected:
        if (failure.oauthError == QLatin1String("invalid_client")) {
            return QStringLiteral("Spotify does not accept the Client ID (%1). Check the Client ID of your Spotify "
                                  "app in the setup, then try again.")
                .arg(failure.oauthDescription.isEmpty() ? failure.oauthError : failure.oauthDescription);
        }
        return QStringLiteral("Spotify refused the sign-in (%1). Please try again.").arg(failure.oauthError);
    case TokenEndpoint::Failure::Kind::Unavailable:
        break;
    }
    return QStringLiteral("TuneScout could not reach Spotify to finish signing in (%1). Please try again.")
        .arg(failure.detail);
}

} // namespace

SignInFlow::SignInFlow(Session *session, BrowserOpener openBrowser, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_openBrowser(std::move(openBrowser))
{
}

SignInFlow::~SignInFlow()
{
    endAttempt();
}

void SignInFlow::setLifetime(std::chrono::milliseconds lifetime)
{
    m_lifetime = lifetime;
}

std::chrono::milliseconds SignInFlow::lifetime() const
{
    return m_lifetime;
}

void SignInFlow::start()
{
    if (isBusy()) {
        qCInfo(lcSignIn) << "a new sign-in attempt replaces the running one";
    }
    endAttempt();
    const quint64 attempt = m_attempt;
    m_pkce = makePkcePair();
    const QByteArray state = makeState();

    m_receiver = new LoopbackReceiver(this);
    m_receiver->setLifetime(m_lifetime);
    connect(m_receiver, &LoopbackReceiver::codeReceived, this, &SignInFlow::exchange);
    connect(m_receiver, &LoopbackReceiver::cancelled, this, [this] {
        qCInfo(lcSignIn) << "sign-in declined on Spotify's page";
        finish(State::Cancelled, {});
    });
    connect(m_receiver, &LoopbackReceiver::failed, this, [this](const QString &errorCode) {
        qCWarning(lcSignIn) << "Spotify reported an error in the redirect:" << errorCode;
        finish(State::Failed, authorizeErrorMessage(errorCode));
    });
    connect(m_receiver, &LoopbackReceiver::invalidResponse, this, [this] {
        qCWarning(lcSignIn) << "the redirect carried neither a code nor an error";
        finish(State::InvalidResponse,
               QStringLiteral("Spotify's answer to the sign-in could not be understood. Please try again."));
    });
    connect(m_receiver, &LoopbackReceiver::timedOut, this, [this] {
        qCInfo(lcSignIn) << "sign-in timed out";
        finish(State::TimedOut,
               QStringLiteral("The sign-in timed out before the browser came back to TuneScout. Please try again."));
    });

    // OA-3: the listener is up before the browser can possibly reach it.
    const Result<void> listening = m_receiver->start(state);
    if (!listening) {
        finish(State::Failed, listening.error().message);
        return;
    }
    m_redirectUri = m_receiver->redirectUri();
    AuthorizeRequest request;
    request.clientId = m_session->tokenEndpoint().clientId();
    request.redirectUri = m_redirectUri;
    request.state = state;
    request.codeChallenge = m_pkce.challenge;
    const Result<QUrl> url = engine::authorizeUrl(m_session->tokenEndpoint().accountsUrl(), request);
    if (!url) {
        finish(State::Failed, url.error().message);
        return;
    }
    m_authorizeUrl = url.value();
    m_browserOpened = false;
    m_errorMessage.clear();
    m_state = State::WaitingForBrowser;
    Q_EMIT stateChanged();

    const bool opened = m_openBrowser(m_authorizeUrl);
    if (attempt != m_attempt) {
        return; // the opener ended this attempt itself
    }
    qCInfo(lcSignIn) << (opened ? "sign-in started in the browser"
                                : "the browser did not open; the sign-in address is offered for copying");
    m_browserOpened = opened;
    Q_EMIT stateChanged();
}

void SignInFlow::cancel()
{
    if (!isBusy()) {
        return;
    }
    qCInfo(lcSignIn) << "sign-in cancelled in TuneScout";
    finish(State::Cancelled, {});
}

SignInFlow::State SignInFlow::state() const
{
    return m_state;
}

bool SignInFlow::isBusy() const
{
    return m_state == State::WaitingForBrowser || m_state == State::Exchanging;
}

QString SignInFlow::errorMessage() const
{
    return m_errorMessage;
}

QUrl SignInFlow::authorizeUrl() const
{
    return m_authorizeUrl;
}

bool SignInFlow::browserOpened() const
{
    return m_browserOpened;
}

void SignInFlow::exchange(const QByteArray &code)
{
    // The receiver has closed its port already; the code is spent by this one request whatever it brings.
    if (m_receiver) {
        m_receiver->deleteLater();
        m_receiver = nullptr;
    }
    m_authorizeUrl.clear();
    m_state = State::Exchanging;
    Q_EMIT stateChanged();

    const quint64 attempt = m_attempt;
    m_reply = m_session->tokenEndpoint().exchangeCode(code,
                                                      m_redirectUri,
                                                      m_pkce.verifier,
                                                      this,
                                                      [this, attempt](const TokenEndpoint::Reply &reply) {
                                                          if (attempt != m_attempt) {
                                                              return;
                                                          }
                                                          m_reply = nullptr;
                                                          exchanged(reply);
                                                      });
    m_pkce = {};
}

void SignInFlow::exchanged(const TokenEndpoint::Reply &reply)
{
    if (!reply.tokens) {
        qCWarning(lcSignIn) << "the code exchange failed:" << reply.failure.detail;
        finish(State::Failed, exchangeFailureMessage(reply.failure));
        return;
    }
    const quint64 attempt = m_attempt;
    m_session->adopt(*reply.tokens, this, [this, attempt](bool adopted) {
        if (attempt != m_attempt) {
            return;
        }
        if (!adopted) {
            finish(State::Failed, QStringLiteral("Signing in was interrupted. Please try again."));
            return;
        }
        qCInfo(lcSignIn) << "signed in";
        finish(State::SignedIn, {});
    });
}

void SignInFlow::finish(State outcome, const QString &message)
{
    endAttempt();
    m_state = outcome;
    m_errorMessage = message;
    Q_EMIT stateChanged();
    Q_EMIT finished();
}

void SignInFlow::endAttempt()
{
    ++m_attempt;
    if (m_receiver) {
        // Deleted later: this may run inside one of the receiver's own signals.
        m_receiver->disconnect(this);
        m_receiver->stop();
        m_receiver->deleteLater();
        m_receiver = nullptr;
    }
    if (QNetworkReply *reply = std::exchange(m_reply, nullptr)) {
        reply->abort();
    }
    m_pkce = {};
    m_redirectUri.clear();
    m_authorizeUrl.clear();
    m_browserOpened = false;
}

} // namespace engine
