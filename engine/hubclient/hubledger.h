#pragma once

#include "engine/model/result.h"
#include "engine/store/outboxrepository.h"
#include "engine/store/store.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace engine
{

// The pairing with a household hub as the cache remembers it (cache_metadata keys hub_*). The device token is
// not here: it lives in the keychain only.
struct HubPairing {
    QUrl url;
    // The pinned SHA-256 of the hub certificate's public key ("AB:CD:…"; earlier versions pinned the whole
    // certificate's); empty when the certificate verifies.
    QString fingerprint;
    bool allowInsecureHttp = false;
    QString memberName;
    QString deviceLabel;
    qint64 memberId = 0;
    qint64 deviceId = 0;
    qint64 householdId = 0;
    qint64 pairedAtMs = 0;
    bool revoked = false; // the hub answered 401: the token was revoked or expired

    friend bool operator==(const HubPairing &, const HubPairing &) = default;
};

// What the uploads have done so far, for `hub status` and Settings.
struct HubUploadState {
    std::optional<qint64> lastUploadAtMs; // the last batch the hub answered
    QString lastError; // empty after a successful upload
    qint64 waiting = 0; // outbox events the hub has not acknowledged and not refused
    QMap<QString, QString> rejected; // event id → the hub's answer ("conflict: …", "invalid: …")
};

// The hub's answer to one item of a batch.
struct HubItemAnswer {
    QString eventId;
    QString status; // created, duplicate, conflict, invalid
    QString reason;
};

// The cache side of the hub client, run on the store's thread: the pairing, the next batch to send and what
// the hub answered. An event leaves the outbox only when the hub answered created or duplicate for its id;
// conflict and invalid keep it and remember the hub's words so that later batches step over it.
class HubLedger
{
public:
    static constexpr int MaxBatchItems = 500;
    static constexpr qint64 MaxBatchBytes = 1024 * 1024;

    static Result<HubLedger> create(Store &store);

    Result<std::optional<HubPairing>> pairing();
    // Replaces any earlier pairing and forgets the events an earlier hub refused.
    Result<void> savePairing(const HubPairing &pairing);
    Result<void> markRevoked();
    // Pins another fingerprint for the paired hub (a whole-certificate pin moved to the public key's).
    Result<void> setFingerprint(const QString &fingerprint);
    // Forgets the pairing, the upload state and the refused events; the outbox stays.
    Result<void> forget();

    Result<HubUploadState> uploadState();
    Result<void> recordError(const QString &message);

    // The oldest events not refused before, at most maxItems; the caller trims it to the byte limit.
    Result<QList<OutboxEvent>> nextBatch(int maxItems);
    // Counts an upload attempt for the events of a batch about to be sent.
    Result<void> markAttempt(const QStringList &eventIds);
    // Deletes the acknowledged events, remembers the refused ones, records the upload. Returns how many were
    // deleted.
    Result<int> applyAnswers(const QList<HubItemAnswer> &answers);

private:
    explicit HubLedger(Store &store, OutboxRepository outbox);

    Result<QString> value(const char *key);
    Result<void> setValues(const QList<std::pair<const char *, QString>> &values);
    Result<QMap<QString, QString>> rejected();

    Store *m_store;
    OutboxRepository m_outbox;
};

// The JSON body of POST /api/v1/sync for these events.
QByteArray syncRequestBody(const QList<OutboxEvent> &events);
// How many of the events, from the front, fit one batch of at most maxBytes (at least one when any fits).
int eventsFittingBatch(const QList<OutboxEvent> &events, qint64 maxBytes);

} // namespace engine
