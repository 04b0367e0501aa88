#pragma once

#include "engine/hubclient/hubledger.h"
#include "engine/model/result.h"
#include "engine/model/retrypolicy.h"
#include "engine/store/store.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace engine
{

class SecretStore;

// Checks a hub URL typed by the user: absolute http(s) with a host and no query; plain http:// only to this
// computer (localhost, 127.0.0.0/8, ::1) unless the user allowed insecure HTTP explicitly.
Result<QUrl> checkHubUrl(const QString &text, bool allowInsecureHttp);
// The SHA-256 of the certificate's public key (its DER SubjectPublicKeyInfo), "AB:CD:…": the fingerprint the
// hub shows (tunescout-hub cert fingerprint) and the client pins (HB-4), the same for a renewed certificate
// with the same key. `openssl x509 -noout -pubkey -in CERT | openssl pkey -pubin -outform der | sha256sum`.
QString publicKeyFingerprint(const QSslCertificate &certificate);
// The SHA-256 of the whole certificate (DER), "AB:CD:…", as `openssl x509 -noout -fingerprint -sha256` prints
// it: what earlier versions pinned, still accepted once to move such a pin to the public key.
QString certificateFingerprint(const QSslCertificate &certificate);
// A fingerprint as the user typed or pasted it (with or without colons, sha256sum's trailing "-"), upper case
// with colons; empty when it is not 32 bytes of hex.
QString normalizeFingerprint(const QString &text);

struct HubPairRequest {
    QString url;
    QString inviteCode;
    QString displayName;
    QString deviceLabel;
    bool allowInsecureHttp = false;
    // The fingerprint the user confirmed for a certificate that does not verify: of its public key, or (as
    // earlier versions showed it) of the whole certificate; the public key's is pinned either way.
    QString trustedFingerprint;
};

struct HubPairOutcome {
    enum class Status {
        Paired,
        NeedsTrust, // the certificate does not verify: show `fingerprint`, ask, pair again with it trusted
        Failed,
    };
    Status status = Status::Failed;
    HubPairing pairing;
    QString fingerprint; // the certificate's public-key fingerprint, for NeedsTrust (and pinned when Paired)
    QString message; // for a person; why it failed
};

struct HubUploadReport {
    enum class Outcome {
        Uploaded, // every event that was waiting has been answered
        NotPaired,
        Revoked, // the hub answered 401: pair again
        Failed, // the hub could not be reached or refused the upload; what is left waits for the next time
    };
    Outcome outcome = Outcome::Failed;
    int acknowledged = 0; // events the hub answered created or duplicate, now deleted from the outbox
    int refused = 0; // events the hub answered conflict or invalid in this upload, kept in the outbox
    int batches = 0;
    QString message;
    // When this client uploads again by itself (the circuit breaker's half-open probe, or once the retry budget
    // has room again); invalid when it waits for the next call.
    QDateTime nextAttemptAt;
};

// The answer to one authenticated read (GET) or replacement (PUT) at the hub.
struct HubReadReply {
    enum class Outcome {
        Ok, // `json` is the hub's answer; or, with httpStatus 304, the If-None-Match version is still current
        NotPaired,
        Revoked, // the hub answered 401: pair again
        Failed, // unreachable, refused (message names the hub's problem code), or not JSON
    };
    Outcome outcome = Outcome::Failed;
    int httpStatus = 0; // 0 when no HTTP answer arrived
    QString problemCode; // the hub's problem+json code ("no_home_location", "no_model" …), empty otherwise
    QJsonObject json;
    QByteArray etag; // the answer's ETag header, empty when none
    QString message;
};

// The client of the household hub (hub/openapi.yaml): pairs this device, uploads the outbox and reads the
// household's views.
//
// Transport security (RELIABILITY.md HB-4): http:// only to loopback unless allowed at pairing; a hub whose
// certificate does not verify (a self-signed home hub) is paired only once the user confirmed its public-key
// fingerprint (publicKeyFingerprint), which is then pinned with the URL, and every later connection presenting
// a certificate for another key is refused naming both fingerprints; a renewed certificate for the same key is
// accepted. A pin of the whole certificate (earlier versions) is accepted for that very certificate and moved
// to its public key. There is no switch that ignores certificate errors otherwise.
//
// Upload (HB-9, HB-10): batches of at most 500 events and 1 MiB; only ids answered created or duplicate are
// deleted; conflict and invalid are kept and stepped over; 401 marks the pairing revoked; 429 and 503 wait
// for Retry-After (a 503 also halves the batch); 413 and a batch-wide 400 halve the batch until the event at
// fault is alone, which is then kept as invalid with the hub's words; network errors back off with full jitter;
// after maxAttempts failures in a row the upload stops and the error is recorded for status.
//
// Retry budget and circuit breaker (RELIABILITY.md UP-4), per hub (its URL), shared by uploads and reads, with
// the rules SpotifyClient applies to Spotify (engine/model/retrypolicy.h): retries after network errors and 5xx
// are at most retryRatio of the requests of the last retryWindow (but always retryFloor); a retry beyond that fails
// fast. Waiting out a 429 is the hub's own pacing and bounded by maxAttempts, as SpotifyClient's 429 gate is.
// After circuitThreshold failures in a row (no answer, or a 5xx: the table of §6.2 puts 503 with 500, 502, 504,
// resets and timeouts) nothing is sent to that hub until circuitHalfOpenAfter has passed, then one request probes
// it. A 429 is an answer from a working hub about this device's pace, so it ends a run of failures as any other
// answer does. An upload stopped by either does not wait for the next call: the client uploads again by itself
// when the breaker lets its probe through or the budget has room (HubUploadReport::nextAttemptAt), and the
// recorded error says why and when. The outbox keeps every row that was not acknowledged. Pairing stays outside:
// it is one request a person is waiting for, never retried, to a hub that may not be the paired one.
//
// Reads (get) and replacements (put, idempotent and so safe to retry) follow the same URL, pin and token rules: 401
// marks the pairing revoked, 429 and 503 are waited out (Retry-After) and network errors retried with backoff, at most
// maxAttempts tries in all.
class HubClient : public QObject
{
    Q_OBJECT
public:
    // Runs `work` where the cache lives (the store's thread in the app, at once in the CLI) and `then` on
    // this object's thread afterwards.
    using StoreRunner = std::function<void(std::function<void(Store &)> work, std::function<void()> then)>;

    struct Options {
        int maxAttempts = 5; // failures in a row (network, 429, 503) before an upload gives up
        std::chrono::milliseconds backoffBase = std::chrono::seconds(1);
        std::chrono::milliseconds backoffCap = std::chrono::minutes(1);
        std::chrono::milliseconds defaultRetryAfter = std::chrono::seconds(5);
        std::chrono::milliseconds longestRetryAfter = std::chrono::minutes(5);
        std::chrono::milliseconds transferTimeout = std::chrono::seconds(30);
        int batchItems = HubLedger::MaxBatchItems;
        qint64 batchBytes = HubLedger::MaxBatchBytes;
        // UP-4, the same numbers as SpotifyPolicy's.
        double retryRatio = 0.1;
        int retryFloor = 5;
        std::chrono::milliseconds retryWindow = std::chrono::seconds(60);
        int circuitThreshold = 5;
        std::chrono::milliseconds circuitHalfOpenAfter = std::chrono::seconds(30);
    };

    static constexpr auto TokenKey = "hub-device-token"; // the keychain entry, next to spotify-refresh-token

    HubClient(StoreRunner runner,
              SecretStore *secrets,
              QNetworkAccessManager *network,
              const Options &options,
              QObject *parent = nullptr);
    HubClient(StoreRunner runner, SecretStore *secrets, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~HubClient() override;

    // Pairs with the hub: POST /api/v1/pair, the token into the keychain, the pairing into the cache.
    void pair(const HubPairRequest &request, std::function<void(const HubPairOutcome &)> done);
    // Uploads everything waiting in the outbox. One upload at a time: a call while one runs joins it.
    void uploadOutbox(std::function<void(const HubUploadReport &)> done);
    bool isUploading() const;
    // GET `path` (such as "/api/v1/concerts") with `query` from the paired hub with the device token. Reads
    // run side by side, independent of uploads.
    void get(const QString &path, const QUrlQuery &query, std::function<void(const HubReadReply &)> done);
    // The same with extra request headers (If-None-Match: a 304 answer is Ok without json).
    void get(const QString &path,
             const QUrlQuery &query,
             const QList<std::pair<QByteArray, QByteArray>> &headers,
             std::function<void(const HubReadReply &)> done);
    // PUT `body` as JSON to `path` (such as "/api/v1/me/training") on the paired hub with the device token;
    // the reply holds the hub's answer (the resource as stored).
    void put(const QString &path, const QJsonObject &body, std::function<void(const HubReadReply &)> done);
    // Forgets the pairing and removes the token from the keychain; the outbox stays.
    void unpair(std::function<void(Result<void>)> done);

private:
    struct TlsCheck;
    struct Upload;
    struct Read;
    // What this client knows of one hub: UP-4's budget and breaker, and the requests held while a probe is out.
    struct Upstream {
        RetryBudget budget;
        CircuitBreaker circuit;
        std::vector<std::function<void()>> afterProbe;
    };
    // The pairing and its device token, or why there are none.
    struct Credentials {
        enum class Status { Ok, NotPaired, Revoked, Failed };
        Status status = Status::Failed;
        HubPairing pairing;
        QByteArray token;
        QString message;
    };

    // `verb` (GET, POST or PUT; the last two with `body`) to `url`.
    QNetworkReply *send(const QByteArray &verb,
                        const QUrl &url,
                        const QByteArray &body,
                        const QByteArray &token,
                        const QString &pinned,
                        const QString &trusted,
                        const std::shared_ptr<TlsCheck> &check,
                        const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    // Moves a pin of the whole certificate, which the hub's certificate just matched, to its public key.
    void keepPinOnPublicKey(const std::shared_ptr<TlsCheck> &check, HubPairing &pairing);
    void loadCredentials(std::function<void(const Credentials &)> done);
    void markRevoked(std::function<void()> then);
    Upstream &upstream(const QUrl &base);
    qint64 nowMs() const;
    QDateTime wallClockAt(qint64 monotonicMs) const;
    // Runs `go` when the hub's breaker lets a request out: at once, or once the probe out has returned; `rejected`
    // with the reason while the breaker is open.
    void whenAdmitted(const QUrl &base, std::function<void()> go, std::function<void(const QString &)> rejected);
    // Counts an answer (or its absence, status 0) for the hub's breaker.
    void judge(const QUrl &base, int status);
    // Why nothing goes to the hub while its breaker is open, and until when.
    QString circuitOpenNote(const QUrl &base);
    // Why a retry to the hub was not made (UP-4's budget), and when one can be.
    QString budgetSpentNote(const QUrl &base);
    void startRead(const std::shared_ptr<Read> &read);
    void sendRead(const std::shared_ptr<Read> &read);
    void readAnswered(QNetworkReply *reply, const std::shared_ptr<TlsCheck> &check, const std::shared_ptr<Read> &read);
    void nextBatch();
    void postBatch();
    void sendBatch();
    void batchAnswered(QNetworkReply *reply, const std::shared_ptr<TlsCheck> &check);
    void refuseLoneEvent(const QString &problem, bool restoreBatchSize);
    // Sends the batch again after `delay` (fetching it anew, smaller, with `refetch`), or ends the upload with
    // `why` after maxAttempts failures, when the breaker opened, or when a `budgeted` retry finds the budget spent.
    void retryLater(std::chrono::milliseconds delay, bool refetch, const QString &why, bool budgeted);
    // Ends the upload; with `resumeAtMs` (monotonic) the client uploads again by itself then.
    void finishUpload(HubUploadReport::Outcome outcome, const QString &message, qint64 resumeAtMs = -1);

    StoreRunner m_runner;
    QPointer<SecretStore> m_secrets;
    QNetworkAccessManager *m_network;
    Options m_options;
    std::unique_ptr<Upload> m_upload;
    std::map<QString, Upstream> m_upstreams; // by the hub's URL
    QElapsedTimer m_clock;
    QTimer m_resumeTimer;
};

} // namespace engine
