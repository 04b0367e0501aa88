#include "hublink.h"

#include "account.h"
#include "engine/hubclient/hubmodel.h"
#include "engine/ingest/storethread.h"

#include <QDateTime>
#include <QJSEngine>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QSysInfo>

Q_LOGGING_CATEGORY(lcHubLink, "tunescout.app.hublink")

namespace
{

HubLink *s_instance = nullptr;
const QString TrainingPath = QStringLiteral("/api/v1/me/training");

} // namespace

engine::HubClient::StoreRunner HubLink::storeRunner()
{
    return [this](std::function<void(engine::Store &)> work, std::function<void()> then) {
        m_store->post(
            [work = std::move(work)](engine::Store &opened) {
                work(opened);
                return engine::Result<bool>(true);
            },
            this,
            [then = std::move(then)](const engine::Result<bool> &) {
                then();
            });
    };
}

HubLink::HubLink(engine::StoreThread *store, Account *account, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_client(storeRunner(), &m_keychain, &m_network)
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    m_timer.setInterval(UploadIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &HubLink::uploadNow);
    // New plays were queued by the sync: send them on.
    connect(account, &Account::synced, this, &HubLink::uploadNow);
    refresh();
}

HubLink::~HubLink()
{
    s_instance = nullptr;
}

HubLink *HubLink::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "HubLink::create", "main() creates HubLink before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void HubLink::refresh()
{
    struct Read {
        std::optional<engine::HubPairing> pairing;
        engine::HubUploadState state;
    };
    m_store->post(
        [](engine::Store &store) -> engine::Result<Read> {
            auto ledger = engine::HubLedger::create(store);
            if (!ledger) {
                return ledger.error();
            }
            auto pairing = ledger.value().pairing();
            auto state = ledger.value().uploadState();
            if (!pairing || !state) {
                return pairing ? state.error() : pairing.error();
            }
            return Read{pairing.value(), state.value()};
        },
        this,
        [this](const engine::Result<Read> &read) {
            m_loaded = true;
            if (!read) {
                m_error = read.error().message;
            } else {
                m_pairing = read.value().pairing;
                m_state = read.value().state;
            }
            if (isPaired() && !isRevoked()) {
                if (!m_timer.isActive()) {
                    m_timer.start();
                }
                if (!m_training && !m_trainingBusy && m_trainingError.isEmpty()) {
                    loadTraining();
                }
            } else {
                m_timer.stop();
                m_training.reset();
                m_trainingError.clear();
                Q_EMIT trainingChanged();
            }
            Q_EMIT changed();
        });
}

bool HubLink::isLoaded() const
{
    return m_loaded;
}

bool HubLink::isPaired() const
{
    return m_pairing.has_value();
}

bool HubLink::isRevoked() const
{
    return m_pairing && m_pairing->revoked;
}

qint64 HubLink::householdId() const
{
    return m_pairing ? m_pairing->householdId : 0;
}

engine::HubClient &HubLink::client()
{
    return m_client;
}

bool HubLink::isBusy() const
{
    return m_busy;
}

QString HubLink::url() const
{
    return m_pairing ? m_pairing->url.toString() : QString();
}

QString HubLink::fingerprint() const
{
    return m_pairing ? m_pairing->fingerprint : QString();
}

QString HubLink::memberText() const
{
    if (!m_pairing) {
        return {};
    }
    return tr("%1 on “%2”").arg(m_pairing->memberName, m_pairing->deviceLabel);
}

QString HubLink::statusText() const
{
    if (!m_pairing) {
        return tr("Not paired");
    }
    if (m_pairing->revoked) {
        return tr("The hub no longer accepts this device. Unpair and pair again with a new invite code.");
    }
    if (m_busy) {
        return tr("Uploading…");
    }
    QString text = m_state.lastUploadAtMs
        ? tr("Last upload %1")
              .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(*m_state.lastUploadAtMs), QLocale::ShortFormat))
        : tr("Nothing uploaded yet");
    if (!m_state.rejected.isEmpty()) {
        text +=
            u' ' + tr("The hub refused %n event(s); they stay in the cache.", nullptr, int(m_state.rejected.size()));
    }
    return text;
}

QString HubLink::errorText() const
{
    return m_error.isEmpty() ? m_state.lastError : m_error;
}

QString HubLink::fingerprintToConfirm() const
{
    return m_fingerprintToConfirm;
}

bool HubLink::isTrainingKnown() const
{
    return m_training.has_value();
}

bool HubLink::training() const
{
    return m_training.value_or(false);
}

bool HubLink::isTrainingBusy() const
{
    return m_trainingBusy;
}

QString HubLink::trainingError() const
{
    return m_trainingError;
}

void HubLink::loadTraining()
{
    if (!m_pairing || m_pairing->revoked || m_trainingBusy) {
        return;
    }
    m_trainingBusy = true;
    Q_EMIT trainingChanged();
    m_client.get(TrainingPath, {}, [this](const engine::HubReadReply &reply) {
        trainingAnswered(reply);
    });
}

void HubLink::setTraining(bool optIn)
{
    if (!m_pairing || m_pairing->revoked || m_trainingBusy) {
        return;
    }
    m_trainingBusy = true;
    Q_EMIT trainingChanged();
    m_client.put(TrainingPath,
                 QJsonObject{{QStringLiteral("opt_in"), optIn}},
                 [this](const engine::HubReadReply &reply) {
                     trainingAnswered(reply);
                 });
}

void HubLink::trainingAnswered(const engine::HubReadReply &reply)
{
    m_trainingBusy = false;
    const QJsonValue optIn = reply.json.value(QStringLiteral("opt_in"));
    if (reply.outcome == engine::HubReadReply::Outcome::Ok && optIn.isBool()) {
        m_training = optIn.toBool();
        m_trainingError.clear();
    } else if (reply.outcome == engine::HubReadReply::Outcome::Ok) {
        m_trainingError = tr("The hub's answer about training has no opt_in choice.");
    } else {
        m_trainingError = reply.message;
    }
    Q_EMIT trainingChanged();
    if (reply.outcome == engine::HubReadReply::Outcome::Revoked) {
        refresh();
    }
}

void HubLink::pair(const QString &url, const QString &inviteCode, const QString &name, bool allowInsecureHttp)
{
    if (m_busy) {
        return;
    }
    m_pending = engine::HubPairRequest{url, inviteCode, name, QSysInfo::machineHostName(), allowInsecureHttp, {}};
    m_busy = true;
    m_error.clear();
    Q_EMIT changed();
    m_client.pair(m_pending, [this](const engine::HubPairOutcome &outcome) {
        paired(outcome);
    });
}

void HubLink::paired(const engine::HubPairOutcome &outcome)
{
    m_busy = false;
    switch (outcome.status) {
    case engine::HubPairOutcome::Status::Paired:
        m_fingerprintToConfirm.clear();
        m_pending = {};
        m_pairing = outcome.pairing;
        m_state = {};
        m_training.reset();
        m_trainingError.clear();
        uploadNow(); // refreshes when done
        break;
    case engine::HubPairOutcome::Status::NeedsTrust:
        if (m_pending.trustedFingerprint.isEmpty()) {
            m_fingerprintToConfirm = outcome.fingerprint;
        } else {
            m_error = outcome.message;
        }
        break;
    case engine::HubPairOutcome::Status::Failed:
        m_error = outcome.message;
        break;
    }
    Q_EMIT changed();
}

void HubLink::confirmFingerprint()
{
    if (m_fingerprintToConfirm.isEmpty() || m_busy) {
        return;
    }
    m_pending.trustedFingerprint = m_fingerprintToConfirm;
    m_fingerprintToConfirm.clear();
    m_busy = true;
    Q_EMIT changed();
    m_client.pair(m_pending, [this](const engine::HubPairOutcome &outcome) {
        paired(outcome);
    });
}

void HubLink::rejectFingerprint()
{
    m_fingerprintToConfirm.clear();
    m_pending = {};
    m_error = tr("Not paired: the certificate was not trusted.");
    Q_EMIT changed();
}

void HubLink::uploadNow()
{
    if (!m_pairing || m_pairing->revoked) {
        return;
    }
    m_busy = true;
    Q_EMIT changed();
    m_client.uploadOutbox([this](const engine::HubUploadReport &) {
        m_busy = false;
        refresh();
        Q_EMIT uploaded();
        downloadModel();
    });
}

void HubLink::downloadModel()
{
    if (!m_pairing || m_pairing->revoked || m_downloading) {
        return;
    }
    m_downloading = true;
    engine::downloadHubModel(m_client, storeRunner(), [this](const engine::HubModelReport &report) {
        m_downloading = false;
        if (report.outcome == engine::HubModelReport::Outcome::Downloaded) {
            Q_EMIT modelChanged();
        } else if (report.outcome == engine::HubModelReport::Outcome::Failed) {
            qCWarning(lcHubLink).noquote() << "household model not downloaded:" << report.message;
        }
    });
}

void HubLink::unpair()
{
    m_client.unpair([this](const engine::Result<void> &done) {
        m_error = done ? QString() : done.error().message;
        m_pairing.reset();
        refresh();
    });
}
