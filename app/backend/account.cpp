#include "account.h"

#include <QDateTime>
#include <QJSEngine>

using engine::Session;
using engine::SignInFlow;
using engine::SyncService;

namespace
{
Account *s_instance = nullptr;
}

Account::Account(const ClientConfig &config,
                 engine::StoreThread *store,
                 engine::SignInFlow::BrowserOpener openBrowser,
                 QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_store(store)
    , m_openBrowser(std::move(openBrowser))
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    m_connectivity.followSystem();
    rebuild();
}

Account::~Account()
{
    s_instance = nullptr;
}

Account *Account::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "Account::create", "main() creates Account before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void Account::setClientId(const QString &clientId)
{
    if (clientId == m_config.spotifyClientId) {
        return;
    }
    m_config.spotifyClientId = clientId;
    rebuild();
    restore();
}

void Account::rebuild()
{
    // Dependants go first: the sync uses the client, the client and the flow use the session.
    m_sync.reset();
    m_flow.reset();
    m_client.reset();
    m_session.reset();
    if (!m_config.spotifyClientId.isEmpty()) {
        Session::Options options;
        options.accountsUrl = m_config.spotify.accountsUrl;
        options.clientId = m_config.spotifyClientId;
        m_session = std::make_unique<Session>(options, &m_keychain, &m_network);
        m_client = std::make_unique<engine::SpotifyClient>(m_config.spotify.apiUrl,
                                                           m_session.get(),
                                                           engine::SpotifyApiProfile::DevelopmentMode);
        m_flow = std::make_unique<SignInFlow>(m_session.get(), m_openBrowser);
        m_connectivity.watch(m_client.get());
        m_sync = std::make_unique<SyncService>(m_client.get(), m_store, &m_connectivity);
        connect(m_session.get(), &Session::stateChanged, this, &Account::sessionChanged);
        connect(m_session.get(), &Session::accessTokenChanged, this, &Account::sessionChanged);
        connect(m_session.get(), &Session::errorMessageChanged, this, &Account::changed);
        connect(m_session.get(), &Session::persistenceChanged, this, &Account::changed);
        connect(m_flow.get(), &SignInFlow::stateChanged, this, &Account::changed);
        connect(m_sync.get(), &SyncService::progressChanged, this, &Account::changed);
        connect(m_sync.get(), &SyncService::pauseChanged, this, &Account::changed);
        connect(m_sync.get(), &SyncService::finished, this, [this](const engine::SyncSummary &summary) {
            m_lastSync = tr("Last synced at %1: %n new play(s)", nullptr, summary.newPlays)
                             .arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat));
            Q_EMIT changed();
            Q_EMIT synced();
        });
    }
    Q_EMIT syncServiceChanged();
    Q_EMIT changed();
}

void Account::restore()
{
    if (m_session && m_session->state() == Session::State::SignedOut) {
        m_session->restore();
    }
}

void Account::sessionChanged()
{
    // Sync runs while there is an access token to use; the schedule survives a token being refreshed.
    if (m_session->state() == Session::State::SignedIn && !m_session->accessToken().isEmpty()) {
        if (!m_sync->isActive()) {
            m_sync->start();
        }
    } else if (m_session->state() != Session::State::SignedIn && m_sync->isActive()) {
        m_sync->stop();
    }
    Q_EMIT changed();
}

engine::Connectivity *Account::connectivity()
{
    return &m_connectivity;
}

engine::SyncService *Account::syncService() const
{
    return m_sync.get();
}

engine::SpotifyClient *Account::spotifyClient() const
{
    return m_client.get();
}

Account::State Account::state() const
{
    if (!m_session) {
        return State::NotConfigured;
    }
    if (m_flow->isBusy()) {
        return State::SigningIn;
    }
    switch (m_session->state()) {
    case Session::State::SignedOut:
        return State::SignedOut;
    case Session::State::Restoring:
        return State::Restoring;
    case Session::State::SignedIn:
        return State::SignedIn;
    case Session::State::NeedsSignIn:
        return State::NeedsSignIn;
    }
    return State::SignedOut;
}

QString Account::summary() const
{
    switch (state()) {
    case State::NotConfigured:
        return tr("Set up your Spotify app in Settings to sign in.");
    case State::SignedOut:
        return tr("Not signed in to Spotify.");
    case State::Restoring:
        return tr("Signing in with your saved sign-in…");
    case State::SigningIn:
        return m_flow->browserOpened() ? tr("Finish signing in in your browser.")
                                       : tr("Open the address below in your browser to sign in.");
    case State::SignedIn:
        return tr("Signed in to Spotify.");
    case State::NeedsSignIn:
        return tr("Please sign in again.");
    }
    return {};
}

QString Account::message() const
{
    if (!m_session) {
        return {};
    }
    QStringList lines;
    if (m_flow->state() == SignInFlow::State::Failed || m_flow->state() == SignInFlow::State::TimedOut
        || m_flow->state() == SignInFlow::State::InvalidResponse) {
        lines.append(m_flow->errorMessage());
    }
    if (!m_session->errorMessage().isEmpty()) {
        lines.append(m_session->errorMessage());
    }
    if (m_session->state() == Session::State::SignedIn && !m_session->isPersistent()) {
        lines.append(m_session->persistenceMessage());
    }
    if (m_sync && m_sync->pauseReason() != SyncService::PauseReason::None) {
        lines.append(m_sync->pauseMessage());
    }
    return lines.join(QLatin1Char('\n'));
}

bool Account::canSignIn() const
{
    const State current = state();
    return current == State::SignedOut || current == State::NeedsSignIn;
}

bool Account::canSignOut() const
{
    return state() == State::SignedIn || state() == State::NeedsSignIn;
}

bool Account::isSigningIn() const
{
    return state() == State::SigningIn;
}

QString Account::authorizeUrl() const
{
    return isSigningIn() && !m_flow->browserOpened() ? m_flow->authorizeUrl().toString(QUrl::FullyEncoded) : QString();
}

bool Account::canSync() const
{
    return state() == State::SignedIn && !m_sync->isBusy();
}

bool Account::isSyncing() const
{
    return m_sync && m_sync->isBusy();
}

QString Account::syncStatus() const
{
    if (isSyncing()) {
        return tr("Syncing %1 (%2 of %3)…")
            .arg(m_sync->currentStep())
            .arg(m_sync->stepsDone() + 1)
            .arg(m_sync->stepsTotal());
    }
    return m_lastSync;
}

void Account::signIn()
{
    if (canSignIn()) {
        m_flow->start();
    }
}

void Account::cancelSignIn()
{
    if (m_flow) {
        m_flow->cancel();
    }
}

void Account::signOut()
{
    if (m_session) {
        m_session->signOut();
        m_lastSync.clear();
        Q_EMIT changed();
    }
}

void Account::syncNow()
{
    if (canSync()) {
        m_sync->syncNow();
    }
}
