#include "engine/hubclient/hubclient.h"

#include "engine/spotify/endpoints.h"
#include "engine/spotify/secretstore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslKey>
#include <QTimer>

Q_LOGGING_CATEGORY(lcHubClient, "tunescout.hub.client")

namespace engine
{

namespace
{

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QUrl endpoint(const QUrl &base, const QString &path)
{
    QUrl url = base;
    url.setPath(base.path() + path);
    return url;
}

QString pinMismatchMessage(const QUrl &url, const QString &pinned, const QString &presented)
{
    return QStringLiteral("The hub at %1 presented a certificate whose public key has the SHA-256 fingerprint %2, "
                          "but this device pinned %3 when it paired, so the connection was refused (a renewed "
                          "certificate for the same key would have been accepted). If the hub's key was replaced on "
                          "purpose, check the new fingerprint on the hub (tunescout-hub cert fingerprint), then "
                          "unpair (tunescout-cli hub leave, or Settings → Household hub → Unpair) and pair again "
                          "with a new invite code; otherwise someone may be intercepting the connection.")
        .arg(url.toString(), presented, pinned);
}

enum class PinMatch { None, PublicKey, WholeCertificate };

// Whether the certificate is the one with the expected fingerprint: of its public key (what is pinned now), or
// of the whole certificate (what earlier versions pinned, and what users may copy from openssl x509).
PinMatch matchPin(const QSslCertificate &certificate, const QString &expected)
{
    if (expected.isEmpty() || certificate.isNull()) {
        return PinMatch::None;
    }
    if (publicKeyFingerprint(certificate) == expected) {
        return PinMatch::PublicKey;
    }
    return certificateFingerprint(certificate) == expected ? PinMatch::WholeCertificate : PinMatch::None;
}

// The hub's problem+json detail, else the HTTP status.
QString problemText(QNetworkReply *reply, const QJsonObject &body)
{
    const QString detail = body.value(QStringLiteral("detail")).toString();
    const QString code = body.value(QStringLiteral("code")).toString();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!detail.isEmpty()) {
        return code.isEmpty() ? detail : QStringLiteral("%1 (%2)").arg(detail, code);
    }
    return QStringLiteral("The hub answered HTTP %1.").arg(status);
}

QString revokedMessage()
{
    return QStringLiteral("The hub no longer accepts this device (its token was revoked or has expired). Unpair "
                          "and pair again with a new invite code.");
}

// Why a request that got no HTTP answer failed on TLS; empty when TLS was not the reason.
QString tlsFailureMessage(const QUrl &base, const QString &pinned, const QString &presented, bool pinMismatch)
{
    if (pinMismatch) {
        return pinMismatchMessage(base, pinned, presented);
    }
    if (!presented.isEmpty()) {
        return QStringLiteral("The hub at %1 presented a certificate that does not verify (public-key SHA-256 "
                              "fingerprint %2) and none was pinned when this device paired. Unpair and pair again to "
                              "confirm the hub's certificate.")
            .arg(base.toString(), presented);
    }
    return {};
}

// A problem+json document with the hub's problem code: the hub itself judged the request, so a 400 is about
// what was sent and not, say, a proxy in the way that would refuse every request alike.
bool isHubProblem(const QJsonObject &answer)
{
    return !answer.value(QStringLiteral("code")).toString().isEmpty();
}

std::chrono::milliseconds retryAfterOf(QNetworkReply *reply, std::chrono::milliseconds fallback)
{
    const auto parsed = parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
    return parsed ? *parsed : fallback;
}

} // namespace

Result<QUrl> checkHubUrl(const QString &text, bool allowInsecureHttp)
{
    auto url = parseBaseUrl(text, QStringLiteral("The hub URL"));
    if (!url) {
        return url.error();
    }
    if (url.value().scheme() == QLatin1String("http") && !allowInsecureHttp && !isLoopbackHost(url.value().host())) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("The hub URL %1 uses plain http:// to %2, which is not this computer: the device "
                                    "token and your listening history would cross the network unencrypted. Use the "
                                    "hub's https:// address, or allow insecure HTTP explicitly "
                                    "(--allow-insecure-http) if you trust every device on this network.")
                         .arg(url.value().toString(), url.value().host())};
    }
    return url;
}

QString publicKeyFingerprint(const QSslCertificate &certificate)
{
    if (certificate.isNull()) {
        return {};
    }
    const QByteArray spki = certificate.publicKey().toDer();
    if (spki.isEmpty()) {
        return {};
    }
    return QString::fromLatin1(QCryptographicHash::hash(spki, QCryptographicHash::Sha256).toHex(':').toUpper());
}

QString certificateFingerprint(const QSslCertificate &certificate)
{
    if (certificate.isNull()) {
        return {};
    }
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QString normalizeFingerprint(const QString &text)
{
    QString hex = text.trimmed().toUpper();
    // sha256sum prints "HEX  -" for what it read from a pipe.
    static const QRegularExpression sha256sumTail(QStringLiteral("\\s+-$"));
    hex.remove(sha256sumTail);
    hex.remove(QLatin1Char(':'));
    hex.remove(QLatin1Char(' '));
    static const QRegularExpression sha256Hex(QStringLiteral("^[0-9A-F]{64}$"));
    if (!sha256Hex.match(hex).hasMatch()) {
        return {};
    }
    return QString::fromLatin1(QByteArray::fromHex(hex.toLatin1()).toHex(':').toUpper());
}

// What the TLS handshake of one request showed.
struct HubClient::TlsCheck {
    QString presented; // the public-key fingerprint of a certificate that did not verify, or differs from the pin
    bool pinMismatch = false;
    QString movedPin; // the public-key fingerprint to pin in place of the whole-certificate pin it matched
};

struct HubClient::Upload {
    std::vector<std::function<void(const HubUploadReport &)>> waiting;
    HubPairing pairing;
    QByteArray token;
    QList<OutboxEvent> batch;
    QByteArray body;
    int batchItems = HubLedger::MaxBatchItems;
    int failures = 0;
    bool retry = false; // the next send of the batch is a retry (UP-4's budget pays for it)
    HubUploadReport report;
};

HubClient::HubClient(StoreRunner runner,
                     SecretStore *secrets,
                     QNetworkAccessManager *network,
                     const Options &options,
                     QObject *parent)
    : QObject(parent)
    , m_runner(std::move(runner))
    , m_secrets(secrets)
    , m_network(network)
    , m_options(options)
{
    m_clock.start();
    m_resumeTimer.setSingleShot(true);
    connect(&m_resumeTimer, &QTimer::timeout, this, [this] {
        uploadOutbox([](const HubUploadReport &) {});
    });
}

HubClient::HubClient(StoreRunner runner, SecretStore *secrets, QNetworkAccessManager *network, QObject *parent)
    : HubClient(std::move(runner), secrets, network, Options(), parent)
{
}

HubClient::~HubClient() = default;

HubClient::Upstream &HubClient::upstream(const QUrl &base)
{
    const QString key = base.adjusted(QUrl::StripTrailingSlash).toString();
    auto it = m_upstreams.find(key);
    if (it == m_upstreams.end()) {
        it = m_upstreams
                 .emplace(key,
                          Upstream{RetryBudget(m_options.retryRatio, m_options.retryFloor, m_options.retryWindow),
                                   CircuitBreaker(m_options.circuitThreshold, m_options.circuitHalfOpenAfter),
                                   {}})
                 .first;
    }
    return it->second;
}

qint64 HubClient::nowMs() const
{
    return m_clock.elapsed();
}

QDateTime HubClient::wallClockAt(qint64 monotonicMs) const
{
    return QDateTime::currentDateTime().addMSecs(monotonicMs - nowMs());
}

void HubClient::whenAdmitted(const QUrl &base, std::function<void()> go, std::function<void(const QString &)> rejected)
{
    Upstream &hub = upstream(base);
    switch (hub.circuit.admit(nowMs())) {
    case CircuitBreaker::Admission::Admit:
    case CircuitBreaker::Admission::Probe:
        go();
        return;
    case CircuitBreaker::Admission::Wait:
        hub.afterProbe.push_back([this, base, go = std::move(go), rejected = std::move(rejected)] {
            whenAdmitted(base, go, rejected);
        });
        return;
    case CircuitBreaker::Admission::Reject:
        rejected(circuitOpenNote(base));
        return;
    }
}

QString HubClient::budgetSpentNote(const QUrl &base)
{
    return QStringLiteral("Retries to the hub at %1 are spent for now (at most %2% of the requests of %3 s, or %4), so "
                          "none is retried before %5.")
        .arg(base.toString())
        .arg(qRound(m_options.retryRatio * 100))
        .arg(std::chrono::duration_cast<std::chrono::seconds>(m_options.retryWindow).count())
        .arg(m_options.retryFloor)
        .arg(wallClockAt(upstream(base).budget.nextRoomAtMs(nowMs())).toString(QStringLiteral("HH:mm:ss")));
}

QString HubClient::circuitOpenNote(const QUrl &base)
{
    return QStringLiteral("The hub at %1 failed %2 times in a row (no answer, or a server error), so nothing is sent "
                          "to it until %3, when one request checks whether it is back.")
        .arg(base.toString())
        .arg(m_options.circuitThreshold)
        .arg(wallClockAt(upstream(base).circuit.halfOpensAtMs()).toString(QStringLiteral("HH:mm:ss")));
}

void HubClient::judge(const QUrl &base, int status)
{
    Upstream &hub = upstream(base);
    if (status == 0 || status >= 500) {
        hub.circuit.recordFailure(nowMs());
    } else {
        hub.circuit.recordSuccess();
    }
    // Requests held behind a probe ask again: admitted when it closed the breaker, refused when it reopened it.
    for (const auto &held : std::exchange(hub.afterProbe, {})) {
        held();
    }
}

QNetworkReply *HubClient::send(const QByteArray &verb,
                               const QUrl &url,
                               const QByteArray &body,
                               const QByteArray &token,
                               const QString &pinned,
                               const QString &trusted,
                               const std::shared_ptr<TlsCheck> &check,
                               const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers) {
        request.setRawHeader(name, value);
    }
    if (verb != "GET") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    request.setRawHeader("Accept", "application/json");
    if (!token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + token);
    }
    request.setTransferTimeout(int(m_options.transferTimeout.count()));
    QNetworkReply *reply = verb == "GET" ? m_network->get(request)
        : verb == "PUT"                  ? m_network->put(request, body)
                                         : m_network->post(request, body);
    const QString expected = pinned.isEmpty() ? trusted : pinned;
    connect(reply, &QNetworkReply::sslErrors, reply, [reply, pinned, expected, check](const QList<QSslError> &errors) {
        QSslCertificate certificate = reply->sslConfiguration().peerCertificate();
        for (const QSslError &error : errors) {
            if (certificate.isNull()) {
                certificate = error.certificate();
            }
        }
        if (matchPin(certificate, expected) != PinMatch::None) {
            // The key (or very certificate) the user confirmed: its chain and name cannot verify (self-signed),
            // the pin stands in for them.
            reply->ignoreSslErrors();
            return;
        }
        check->presented = publicKeyFingerprint(certificate);
        check->pinMismatch = !pinned.isEmpty();
    });
    connect(reply, &QNetworkReply::encrypted, reply, [reply, pinned, expected, check] {
        if (expected.isEmpty()) {
            return;
        }
        // A pinned hub must present the pinned key even when another certificate would verify.
        const QSslCertificate certificate = reply->sslConfiguration().peerCertificate();
        const PinMatch match = matchPin(certificate, expected);
        if (match == PinMatch::None) {
            check->presented = publicKeyFingerprint(certificate);
            check->pinMismatch = !pinned.isEmpty();
            reply->abort();
        } else if (match == PinMatch::WholeCertificate && !pinned.isEmpty()) {
            check->movedPin = publicKeyFingerprint(certificate);
        }
    });
    return reply;
}

void HubClient::pair(const HubPairRequest &request, std::function<void(const HubPairOutcome &)> done)
{
    const auto failed = [done](const QString &message) {
        HubPairOutcome outcome;
        outcome.message = message;
        done(outcome);
    };
    const auto url = checkHubUrl(request.url, request.allowInsecureHttp);
    if (!url) {
        failed(url.error().message);
        return;
    }
    if (request.inviteCode.trimmed().isEmpty() || request.displayName.trimmed().isEmpty()
        || request.deviceLabel.trimmed().isEmpty()) {
        failed(QStringLiteral("Pairing needs the invite code from the hub's admin, your name in the household and a "
                              "name for this device."));
        return;
    }
    QString trusted;
    if (!request.trustedFingerprint.isEmpty()) {
        trusted = normalizeFingerprint(request.trustedFingerprint);
        if (trusted.isEmpty()) {
            failed(QStringLiteral("\"%1\" is not a SHA-256 fingerprint: it has 32 pairs of hex digits such as "
                                  "AB:CD:…")
                       .arg(request.trustedFingerprint));
            return;
        }
    }
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("code"), request.inviteCode.trimmed()},
                                                      {QStringLiteral("display_name"), request.displayName.trimmed()},
                                                      {QStringLiteral("device_label"), request.deviceLabel.trimmed()}})
                                .toJson(QJsonDocument::Compact);
    auto check = std::make_shared<TlsCheck>();
    QNetworkReply *reply =
        send("POST", endpoint(url.value(), QStringLiteral("/api/v1/pair")), body, {}, {}, trusted, check);
    const QPointer<HubClient> self(this);
    connect(
        reply,
        &QNetworkReply::finished,
        this,
        [this, self, reply, check, request, trusted, base = url.value(), done, failed] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 0) {
                if (!check->presented.isEmpty()) {
                    HubPairOutcome outcome;
                    outcome.status = HubPairOutcome::Status::NeedsTrust;
                    outcome.fingerprint = check->presented;
                    outcome.message = trusted.isEmpty()
                        ? QStringLiteral("The hub's certificate is not signed by an authority this computer trusts "
                                         "(a self-signed home hub). The SHA-256 fingerprint of its public key is "
                                         "%1. Compare it with the one the hub shows (tunescout-hub cert fingerprint "
                                         "or tunescout-hub status) and pair only if they are the same.")
                              .arg(check->presented)
                        : QStringLiteral("The public key of the hub's certificate has the SHA-256 fingerprint %1, "
                                         "not the %2 you confirmed; nothing was sent. Check the fingerprint on the "
                                         "hub (tunescout-hub cert fingerprint).")
                              .arg(check->presented, trusted);
                    done(outcome);
                    return;
                }
                failed(QStringLiteral("Could not reach the hub at %1: %2").arg(base.toString(), reply->errorString()));
                return;
            }
            const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
            if (status != 201) {
                QString message = QStringLiteral("The hub refused the pairing: %1").arg(problemText(reply, answer));
                if (status == 429) {
                    message += QStringLiteral(" Try again in %1 s.")
                                   .arg(std::chrono::duration_cast<std::chrono::seconds>(
                                            retryAfterOf(reply, m_options.defaultRetryAfter))
                                            .count());
                }
                failed(message);
                return;
            }
            const QByteArray token = answer.value(QStringLiteral("token")).toString().toUtf8();
            if (!token.startsWith("hub_")) {
                failed(QStringLiteral("The hub's answer to the pairing holds no device token; is %1 a TuneScout hub?")
                           .arg(base.toString()));
                return;
            }
            HubPairing pairing;
            pairing.url = base;
            pairing.allowInsecureHttp = request.allowInsecureHttp;
            if (!trusted.isEmpty()) {
                // The public key's fingerprint, also when the user confirmed the whole certificate's.
                const QString presented = publicKeyFingerprint(reply->sslConfiguration().peerCertificate());
                pairing.fingerprint = presented.isEmpty() ? trusted : presented;
            }
            pairing.deviceLabel = request.deviceLabel.trimmed();
            const QJsonObject member = answer.value(QStringLiteral("member")).toObject();
            pairing.memberName = member.value(QStringLiteral("display_name")).toString(request.displayName.trimmed());
            pairing.memberId = member.value(QStringLiteral("id")).toInteger();
            pairing.deviceId =
                answer.value(QStringLiteral("device")).toObject().value(QStringLiteral("id")).toInteger();
            pairing.householdId =
                answer.value(QStringLiteral("household")).toObject().value(QStringLiteral("id")).toInteger();
            pairing.pairedAtMs = QDateTime::currentMSecsSinceEpoch();
            if (!m_secrets) {
                failed(QStringLiteral("There is no keychain to keep the device token in."));
                return;
            }
            m_secrets->write(
                QString::fromLatin1(TokenKey),
                token,
                [this, self, pairing, done, failed](const SecretStore::Answer &written) {
                    if (!self) {
                        return;
                    }
                    if (written.status != SecretStore::Status::Ok) {
                        failed(QStringLiteral(
                                   "Paired, but the device token could not be stored in the keychain (%1), so "
                                   "this device cannot use it. Make the keychain available and pair again with a "
                                   "new invite code; the hub's admin can revoke the unused device.")
                                   .arg(written.message));
                        return;
                    }
                    auto saved = std::make_shared<Result<void>>();
                    m_runner(
                        [pairing, saved](Store &store) {
                            auto ledger = HubLedger::create(store);
                            *saved = ledger ? ledger.value().savePairing(pairing) : Result<void>(ledger.error());
                        },
                        [pairing, saved, done, failed] {
                            if (!*saved) {
                                failed(QStringLiteral("Paired, but the pairing could not be saved in the cache: %1")
                                           .arg(saved->error().message));
                                return;
                            }
                            HubPairOutcome outcome;
                            outcome.status = HubPairOutcome::Status::Paired;
                            outcome.pairing = pairing;
                            outcome.fingerprint = pairing.fingerprint;
                            done(outcome);
                        });
                });
        });
}

bool HubClient::isUploading() const
{
    return m_upload != nullptr;
}

void HubClient::uploadOutbox(std::function<void(const HubUploadReport &)> done)
{
    if (m_upload) {
        m_upload->waiting.push_back(std::move(done));
        return;
    }
    m_upload = std::make_unique<Upload>();
    m_upload->waiting.push_back(std::move(done));
    m_upload->batchItems = m_options.batchItems;
    const QPointer<HubClient> self(this);
    loadCredentials([this, self](const Credentials &credentials) {
        if (!self) {
            return;
        }
        switch (credentials.status) {
        case Credentials::Status::Ok:
            m_upload->pairing = credentials.pairing;
            m_upload->token = credentials.token;
            nextBatch();
            return;
        case Credentials::Status::NotPaired:
            finishUpload(HubUploadReport::Outcome::NotPaired, credentials.message);
            return;
        case Credentials::Status::Revoked:
            finishUpload(HubUploadReport::Outcome::Revoked, credentials.message);
            return;
        case Credentials::Status::Failed:
            finishUpload(HubUploadReport::Outcome::Failed, credentials.message);
            return;
        }
    });
}

void HubClient::loadCredentials(std::function<void(const Credentials &)> done)
{
    auto pairing = std::make_shared<Result<std::optional<HubPairing>>>(std::optional<HubPairing>());
    const QPointer<HubClient> self(this);
    m_runner(
        [pairing](Store &store) {
            auto ledger = HubLedger::create(store);
            *pairing = ledger ? ledger.value().pairing() : Result<std::optional<HubPairing>>(ledger.error());
        },
        [this, self, pairing, done] {
            if (!self) {
                return;
            }
            Credentials credentials;
            if (!*pairing) {
                credentials.message = pairing->error().message;
                done(credentials);
                return;
            }
            if (!pairing->value()) {
                credentials.status = Credentials::Status::NotPaired;
                credentials.message = QStringLiteral("This device is not paired with a hub.");
                done(credentials);
                return;
            }
            credentials.pairing = *pairing->value();
            if (credentials.pairing.revoked) {
                credentials.status = Credentials::Status::Revoked;
                credentials.message = revokedMessage();
                done(credentials);
                return;
            }
            if (!m_secrets) {
                credentials.message = QStringLiteral("There is no keychain to read the device token from.");
                done(credentials);
                return;
            }
            m_secrets->read(QString::fromLatin1(TokenKey),
                            [self, credentials, done](const SecretStore::Answer &answer) mutable {
                                if (!self) {
                                    return;
                                }
                                if (answer.status == SecretStore::Status::NotFound) {
                                    credentials.status = Credentials::Status::NotPaired;
                                    credentials.message =
                                        QStringLiteral("The hub's device token is not in the keychain (was the "
                                                       "keychain reset?). Unpair and pair again with a new invite "
                                                       "code.");
                                } else if (answer.status != SecretStore::Status::Ok) {
                                    credentials.message =
                                        QStringLiteral("Could not read the hub's device token from the keychain: %1")
                                            .arg(answer.message);
                                } else {
                                    credentials.status = Credentials::Status::Ok;
                                    credentials.token = answer.secret;
                                }
                                done(credentials);
                            });
        });
}

void HubClient::nextBatch()
{
    struct Fetched {
        Result<QList<OutboxEvent>> events = QList<OutboxEvent>();
        int tooLarge = 0;
    };
    auto fetched = std::make_shared<Fetched>();
    const int limit = m_upload->batchItems;
    const qint64 maxBytes = m_options.batchBytes;
    const QPointer<HubClient> self(this);
    m_runner(
        [fetched, limit, maxBytes](Store &store) {
            auto ledger = HubLedger::create(store);
            if (!ledger) {
                fetched->events = ledger.error();
                return;
            }
            for (;;) {
                auto events = ledger.value().nextBatch(limit);
                if (!events || events.value().isEmpty()) {
                    fetched->events = std::move(events);
                    return;
                }
                const int fitting = eventsFittingBatch(events.value(), maxBytes);
                if (fitting > 0) {
                    fetched->events = events.value().mid(0, fitting);
                    return;
                }
                // One event alone is over the hub's limit for a whole batch: the hub can never take it.
                const auto refused = ledger.value().applyAnswers(
                    {HubItemAnswer{events.value().first().eventId,
                                   QStringLiteral("invalid"),
                                   QStringLiteral("larger than the hub's limit of 1 MiB for a batch")}});
                if (!refused) {
                    fetched->events = refused.error();
                    return;
                }
                ++fetched->tooLarge;
            }
        },
        [this, self, fetched] {
            if (!self) {
                return;
            }
            m_upload->report.refused += fetched->tooLarge;
            if (!fetched->events) {
                finishUpload(HubUploadReport::Outcome::Failed, fetched->events.error().message);
                return;
            }
            if (fetched->events.value().isEmpty()) {
                finishUpload(HubUploadReport::Outcome::Uploaded, {});
                return;
            }
            m_upload->batch = std::move(fetched->events.value());
            m_upload->body = syncRequestBody(m_upload->batch);
            postBatch();
        });
}

void HubClient::postBatch()
{
    const QPointer<HubClient> self(this);
    whenAdmitted(
        m_upload->pairing.url,
        [this, self] {
            if (!self || !m_upload) {
                return;
            }
            QStringList ids;
            for (const OutboxEvent &event : std::as_const(m_upload->batch)) {
                ids.append(event.eventId);
            }
            m_runner(
                [ids](Store &store) {
                    // Counted before sending: a crash during the request still shows the try.
                    if (auto ledger = HubLedger::create(store); ledger) {
                        if (auto marked = ledger.value().markAttempt(ids); !marked) {
                            qCWarning(lcHubClient).noquote() << marked.error().message;
                        }
                    }
                },
                [this, self] {
                    if (self && m_upload) {
                        sendBatch();
                    }
                });
        },
        [this, self](const QString &why) {
            if (self && m_upload) {
                finishUpload(HubUploadReport::Outcome::Failed,
                             why,
                             upstream(m_upload->pairing.url).circuit.halfOpensAtMs());
            }
        });
}

void HubClient::sendBatch()
{
    if (!std::exchange(m_upload->retry, false)) {
        upstream(m_upload->pairing.url).budget.recordRequest(nowMs());
    }
    auto check = std::make_shared<TlsCheck>();
    QNetworkReply *reply = send("POST",
                                endpoint(m_upload->pairing.url, QStringLiteral("/api/v1/sync")),
                                m_upload->body,
                                m_upload->token,
                                m_upload->pairing.fingerprint,
                                {},
                                check);
    connect(reply, &QNetworkReply::finished, this, [this, reply, check] {
        reply->deleteLater();
        batchAnswered(reply, check);
    });
}

void HubClient::batchAnswered(QNetworkReply *reply, const std::shared_ptr<TlsCheck> &check)
{
    const QUrl &base = m_upload->pairing.url;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    keepPinOnPublicKey(check, m_upload->pairing);
    judge(base, status);
    if (status == 0) {
        const QString tls =
            tlsFailureMessage(base, m_upload->pairing.fingerprint, check->presented, check->pinMismatch);
        if (!tls.isEmpty()) {
            finishUpload(HubUploadReport::Outcome::Failed, tls);
            return;
        }
        const QString message =
            QStringLiteral("Could not reach the hub at %1: %2").arg(base.toString(), reply->errorString());
        qCInfo(lcHubClient).noquote() << message;
        retryLater(fullJitterDelay(m_options.backoffBase,
                                   m_options.backoffCap,
                                   m_upload->failures + 1,
                                   *QRandomGenerator::global()),
                   false,
                   message,
                   true);
        return;
    }
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    if (status == 200) {
        const QJsonArray results = answer.value(QStringLiteral("results")).toArray();
        QList<HubItemAnswer> answers;
        for (const QJsonValue &value : results) {
            const QJsonObject result = value.toObject();
            const int index = result.value(QStringLiteral("index")).toInt(-1);
            QString id = result.value(QStringLiteral("id")).toString();
            if (id.isEmpty() && index >= 0 && index < m_upload->batch.size()) {
                id = m_upload->batch.at(index).eventId;
            }
            // Only an id this batch sent can be acknowledged: a hub cannot delete what it was not given.
            const bool sent = std::any_of(m_upload->batch.cbegin(), m_upload->batch.cend(), [&id](const auto &e) {
                return e.eventId == id;
            });
            if (sent) {
                answers.append(HubItemAnswer{id,
                                             result.value(QStringLiteral("status")).toString(),
                                             result.value(QStringLiteral("reason")).toString()});
            }
        }
        auto applied = std::make_shared<Result<int>>(0);
        const QPointer<HubClient> self(this);
        m_runner(
            [answers, applied](Store &store) {
                auto ledger = HubLedger::create(store);
                *applied = ledger ? ledger.value().applyAnswers(answers) : Result<int>(ledger.error());
            },
            [this, self, answers, applied] {
                if (!self) {
                    return;
                }
                if (!*applied) {
                    finishUpload(HubUploadReport::Outcome::Failed, applied->error().message);
                    return;
                }
                m_upload->failures = 0;
                ++m_upload->report.batches;
                m_upload->report.acknowledged += applied->value();
                m_upload->report.refused += int(std::count_if(answers.cbegin(), answers.cend(), [](const auto &a) {
                    return a.status != QLatin1String("created") && a.status != QLatin1String("duplicate");
                }));
                if (answers.isEmpty()) {
                    // Nothing in the answer matched what was sent: sending it again would loop for ever.
                    finishUpload(HubUploadReport::Outcome::Failed,
                                 QStringLiteral("The hub's answer to an upload named none of the events sent."));
                    return;
                }
                nextBatch();
            });
        return;
    }
    if (status == 401) {
        const QPointer<HubClient> self(this);
        markRevoked([this, self] {
            if (self) {
                finishUpload(HubUploadReport::Outcome::Revoked, revokedMessage());
            }
        });
        return;
    }
    const QString problem = problemText(reply, answer);
    if (status == 429 || status == 503) {
        const auto wait = retryAfterOf(reply, m_options.defaultRetryAfter);
        if (wait > m_options.longestRetryAfter) {
            finishUpload(HubUploadReport::Outcome::Failed,
                         QStringLiteral("The hub is busy and asks to wait %1 s: %2")
                             .arg(std::chrono::duration_cast<std::chrono::seconds>(wait).count())
                             .arg(problem));
            return;
        }
        // HB-10: after a 503 the next batches are half as large.
        const bool shrink = status == 503 && m_upload->batchItems > 1;
        if (shrink) {
            m_upload->batchItems /= 2;
        }
        // A 429 is the hub pacing this device: waited out, not paid from the budget (as SpotifyClient's gate).
        retryLater(wait, shrink, QStringLiteral("The hub is busy: %1").arg(problem), status == 503);
        return;
    }
    // 413 (too large) and 400 (a batch-wide refusal such as json_too_deep, which one bad event causes for the
    // whole batch): halve until the event at fault is alone, so that it cannot hold back the others.
    const bool refusedWhole = status == 413 || (status == 400 && isHubProblem(answer));
    if (refusedWhole && m_upload->batch.size() > 1) {
        m_upload->batchItems = int(m_upload->batch.size() / 2);
        nextBatch();
        return;
    }
    if (refusedWhole) {
        // One event alone is refused by this hub: keep it, with the hub's words, out of the next batches' way.
        refuseLoneEvent(problem, status == 400);
        return;
    }
    finishUpload(HubUploadReport::Outcome::Failed, QStringLiteral("The hub refused the upload: %1").arg(problem));
}

void HubClient::refuseLoneEvent(const QString &problem, bool restoreBatchSize)
{
    const QList<HubItemAnswer> refused{
        HubItemAnswer{m_upload->batch.first().eventId, QStringLiteral("invalid"), problem}};
    auto applied = std::make_shared<Result<int>>(0);
    const QPointer<HubClient> self(this);
    m_runner(
        [refused, applied](Store &store) {
            auto ledger = HubLedger::create(store);
            *applied = ledger ? ledger.value().applyAnswers(refused) : Result<int>(ledger.error());
        },
        [this, self, applied, restoreBatchSize] {
            if (!self) {
                return;
            }
            if (!*applied) {
                finishUpload(HubUploadReport::Outcome::Failed, applied->error().message);
                return;
            }
            ++m_upload->report.refused;
            // A 400 was about that one event, not the size of the batches: the rest goes in full batches again
            // (after a 413 smaller batches stay, the hub's body limit may be lower than ours).
            if (restoreBatchSize) {
                m_upload->batchItems = m_options.batchItems;
            }
            nextBatch();
        });
}

void HubClient::retryLater(std::chrono::milliseconds delay, bool refetch, const QString &why, bool budgeted)
{
    ++m_upload->failures;
    Upstream &hub = upstream(m_upload->pairing.url);
    if (hub.circuit.isOpen()) {
        // This failure opened the breaker: the probe comes after circuitHalfOpenAfter, or after a longer
        // Retry-After.
        finishUpload(HubUploadReport::Outcome::Failed,
                     why + QLatin1Char(' ') + circuitOpenNote(m_upload->pairing.url),
                     std::max(hub.circuit.halfOpensAtMs(), nowMs() + qint64(delay.count())));
        return;
    }
    if (m_upload->failures >= m_options.maxAttempts) {
        finishUpload(HubUploadReport::Outcome::Failed, why);
        return;
    }
    if (budgeted && !hub.budget.tryRetry(nowMs())) {
        const qint64 room = hub.budget.nextRoomAtMs(nowMs());
        finishUpload(HubUploadReport::Outcome::Failed,
                     why + QLatin1Char(' ') + budgetSpentNote(m_upload->pairing.url)
                         + QStringLiteral(" The upload tries again then."),
                     room);
        return;
    }
    m_upload->retry = true;
    QTimer::singleShot(delay, this, [this, refetch] {
        if (!m_upload) {
            return;
        }
        if (refetch) {
            nextBatch();
        } else {
            postBatch();
        }
    });
}

void HubClient::finishUpload(HubUploadReport::Outcome outcome, const QString &message, qint64 resumeAtMs)
{
    std::unique_ptr<Upload> upload = std::move(m_upload);
    upload->report.outcome = outcome;
    upload->report.message = message;
    if (resumeAtMs >= 0) {
        m_resumeTimer.start(int(std::max<qint64>(0, resumeAtMs - nowMs())));
        upload->report.nextAttemptAt = wallClockAt(resumeAtMs);
    } else if (outcome == HubUploadReport::Outcome::Uploaded) {
        m_resumeTimer.stop();
    }
    const auto deliver = [upload = std::shared_ptr<Upload>(std::move(upload))] {
        for (const auto &done : upload->waiting) {
            done(upload->report);
        }
    };
    if (message.isEmpty() || outcome == HubUploadReport::Outcome::NotPaired
        || outcome == HubUploadReport::Outcome::Revoked) {
        deliver();
        return;
    }
    qCWarning(lcHubClient).noquote() << message;
    m_runner(
        [message](Store &store) {
            if (auto ledger = HubLedger::create(store); ledger) {
                if (auto recorded = ledger.value().recordError(message); !recorded) {
                    qCWarning(lcHubClient).noquote() << recorded.error().message;
                }
            }
        },
        deliver);
}

void HubClient::keepPinOnPublicKey(const std::shared_ptr<TlsCheck> &check, HubPairing &pairing)
{
    if (check->movedPin.isEmpty() || pairing.fingerprint == check->movedPin) {
        return;
    }
    qCInfo(lcHubClient).noquote() << "The hub presented the certificate pinned by its whole fingerprint"
                                  << pairing.fingerprint << "- pinning its public key" << check->movedPin << "instead";
    pairing.fingerprint = check->movedPin;
    m_runner(
        [pin = check->movedPin](Store &store) {
            auto ledger = HubLedger::create(store);
            const Result<void> moved = ledger ? ledger.value().setFingerprint(pin) : Result<void>(ledger.error());
            if (!moved) {
                qCWarning(lcHubClient).noquote() << moved.error().message;
            }
        },
        [] {});
}

void HubClient::markRevoked(std::function<void()> then)
{
    m_runner(
        [](Store &store) {
            if (auto ledger = HubLedger::create(store); ledger) {
                if (auto marked = ledger.value().markRevoked(); !marked) {
                    qCWarning(lcHubClient).noquote() << marked.error().message;
                }
            }
        },
        std::move(then));
}

struct HubClient::Read {
    QByteArray verb; // GET, or PUT with `body`
    QByteArray body;
    QString path;
    QUrlQuery query;
    QList<std::pair<QByteArray, QByteArray>> headers;
    std::function<void(const HubReadReply &)> done;
    HubPairing pairing;
    QByteArray token;
    int failures = 0;
    bool retry = false; // the next send is a retry (UP-4's budget pays for it)
};

void HubClient::get(const QString &path, const QUrlQuery &query, std::function<void(const HubReadReply &)> done)
{
    get(path, query, {}, std::move(done));
}

void HubClient::get(const QString &path,
                    const QUrlQuery &query,
                    const QList<std::pair<QByteArray, QByteArray>> &headers,
                    std::function<void(const HubReadReply &)> done)
{
    auto read = std::make_shared<Read>();
    read->verb = "GET";
    read->path = path;
    read->query = query;
    read->headers = headers;
    read->done = std::move(done);
    startRead(read);
}

void HubClient::put(const QString &path, const QJsonObject &body, std::function<void(const HubReadReply &)> done)
{
    auto read = std::make_shared<Read>();
    read->verb = "PUT";
    read->body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    read->path = path;
    read->done = std::move(done);
    startRead(read);
}

void HubClient::startRead(const std::shared_ptr<Read> &read)
{
    const QPointer<HubClient> self(this);
    loadCredentials([this, self, read](const Credentials &credentials) {
        if (!self) {
            return;
        }
        if (credentials.status != Credentials::Status::Ok) {
            HubReadReply reply;
            reply.outcome = credentials.status == Credentials::Status::NotPaired ? HubReadReply::Outcome::NotPaired
                : credentials.status == Credentials::Status::Revoked             ? HubReadReply::Outcome::Revoked
                                                                                 : HubReadReply::Outcome::Failed;
            reply.message = credentials.message;
            read->done(reply);
            return;
        }
        read->pairing = credentials.pairing;
        read->token = credentials.token;
        sendRead(read);
    });
}

void HubClient::sendRead(const std::shared_ptr<Read> &read)
{
    const QPointer<HubClient> self(this);
    whenAdmitted(
        read->pairing.url,
        [this, self, read] {
            if (!self) {
                return;
            }
            if (!std::exchange(read->retry, false)) {
                upstream(read->pairing.url).budget.recordRequest(nowMs());
            }
            QUrl url = endpoint(read->pairing.url, read->path);
            url.setQuery(read->query);
            auto check = std::make_shared<TlsCheck>();
            QNetworkReply *reply =
                send(read->verb, url, read->body, read->token, read->pairing.fingerprint, {}, check, read->headers);
            connect(reply, &QNetworkReply::finished, this, [this, reply, check, read] {
                reply->deleteLater();
                readAnswered(reply, check, read);
            });
        },
        [read](const QString &why) {
            HubReadReply answer;
            answer.message = why;
            read->done(answer);
        });
}

void HubClient::readAnswered(QNetworkReply *reply,
                             const std::shared_ptr<TlsCheck> &check,
                             const std::shared_ptr<Read> &read)
{
    HubReadReply answer;
    answer.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    keepPinOnPublicKey(check, read->pairing);
    judge(read->pairing.url, answer.httpStatus);
    answer.etag = reply->rawHeader("ETag");
    const QString what = QStringLiteral("%1 %2 on the hub at %3")
                             .arg(QString::fromLatin1(read->verb), read->path, read->pairing.url.toString());
    const auto retry = [this, read, &answer](std::chrono::milliseconds wait, const QString &why, bool budgeted) {
        ++read->failures;
        Upstream &hub = upstream(read->pairing.url);
        if (hub.circuit.isOpen()) {
            answer.message = why + QLatin1Char(' ') + circuitOpenNote(read->pairing.url);
        } else if (read->failures >= m_options.maxAttempts) {
            answer.message = why;
        } else if (budgeted && !hub.budget.tryRetry(nowMs())) {
            answer.message = why + QLatin1Char(' ') + budgetSpentNote(read->pairing.url);
        }
        if (!answer.message.isEmpty()) {
            qCWarning(lcHubClient).noquote() << answer.message;
            read->done(answer);
            return;
        }
        read->retry = true;
        qCInfo(lcHubClient).noquote() << why;
        QTimer::singleShot(wait, this, [this, read] {
            sendRead(read);
        });
    };
    if (answer.httpStatus == 0) {
        answer.message =
            tlsFailureMessage(read->pairing.url, read->pairing.fingerprint, check->presented, check->pinMismatch);
        if (!answer.message.isEmpty()) {
            read->done(answer);
            return;
        }
        retry(
            fullJitterDelay(m_options.backoffBase,
                            m_options.backoffCap,
                            read->failures + 1,
                            *QRandomGenerator::global()),
            QStringLiteral("Could not reach the hub at %1: %2").arg(read->pairing.url.toString(), reply->errorString()),
            true);
        return;
    }
    if (answer.httpStatus == 304) {
        answer.outcome = HubReadReply::Outcome::Ok;
        read->done(answer);
        return;
    }
    const QByteArray bytes = reply->readAll();
    QJsonParseError parsed;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parsed);
    if (answer.httpStatus == 200) {
        if (parsed.error != QJsonParseError::NoError || !document.isObject()) {
            answer.message = QStringLiteral("The answer to %1 is not a JSON object (%2 at byte %3).")
                                 .arg(what,
                                      parsed.error != QJsonParseError::NoError ? parsed.errorString()
                                                                               : QStringLiteral("another JSON value"))
                                 .arg(parsed.offset);
            read->done(answer);
            return;
        }
        answer.outcome = HubReadReply::Outcome::Ok;
        answer.json = document.object();
        read->done(answer);
        return;
    }
    if (answer.httpStatus == 401) {
        answer.outcome = HubReadReply::Outcome::Revoked;
        answer.message = revokedMessage();
        markRevoked([read, answer] {
            read->done(answer);
        });
        return;
    }
    const QJsonObject problem = document.object();
    answer.problemCode = problem.value(QStringLiteral("code")).toString();
    const QString text = problemText(reply, problem);
    if (answer.httpStatus == 429 || answer.httpStatus == 503) {
        const auto wait = retryAfterOf(reply, m_options.defaultRetryAfter);
        if (wait > m_options.longestRetryAfter) {
            answer.message = QStringLiteral("The hub is busy and asks to wait %1 s: %2")
                                 .arg(std::chrono::duration_cast<std::chrono::seconds>(wait).count())
                                 .arg(text);
            read->done(answer);
            return;
        }
        retry(wait, QStringLiteral("The hub is busy: %1").arg(text), answer.httpStatus == 503);
        return;
    }
    answer.message = QStringLiteral("The hub refused %1: %2").arg(what, text);
    read->done(answer);
}

void HubClient::unpair(std::function<void(Result<void>)> done)
{
    auto forgotten = std::make_shared<Result<void>>();
    const QPointer<HubClient> self(this);
    m_runner(
        [forgotten](Store &store) {
            auto ledger = HubLedger::create(store);
            *forgotten = ledger ? ledger.value().forget() : Result<void>(ledger.error());
        },
        [this, self, forgotten, done] {
            if (!self) {
                return;
            }
            if (!*forgotten) {
                done(*forgotten);
                return;
            }
            if (!m_secrets) {
                done(Result<void>());
                return;
            }
            m_secrets->remove(QString::fromLatin1(TokenKey), [done](const SecretStore::Answer &answer) {
                if (answer.status == SecretStore::Status::Ok || answer.status == SecretStore::Status::NotFound) {
                    done(Result<void>());
                    return;
                }
                done(Error{Error::Code::Unavailable,
                           QStringLiteral("Unpaired, but the device token could not be removed from the keychain: %1")
                               .arg(answer.message)});
            });
        });
}

} // namespace engine
