#include "engine/hubclient/hubledger.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcHubLedger, "tunescout.hub.ledger")

namespace engine
{

namespace
{

constexpr auto UrlKey = "hub_url";
constexpr auto FingerprintKey = "hub_fingerprint";
constexpr auto AllowInsecureKey = "hub_allow_insecure_http";
constexpr auto MemberNameKey = "hub_member_name";
constexpr auto DeviceLabelKey = "hub_device_label";
constexpr auto MemberIdKey = "hub_member_id";
constexpr auto DeviceIdKey = "hub_device_id";
constexpr auto HouseholdIdKey = "hub_household_id";
constexpr auto PairedAtKey = "hub_paired_at_ms";
constexpr auto RevokedKey = "hub_revoked";
constexpr auto LastUploadKey = "hub_last_upload_at_ms";
constexpr auto LastErrorKey = "hub_last_error";
constexpr auto RejectedKey = "hub_rejected_events";

const char *const allKeys[] = {UrlKey,
                               FingerprintKey,
                               AllowInsecureKey,
                               MemberNameKey,
                               DeviceLabelKey,
                               MemberIdKey,
                               DeviceIdKey,
                               HouseholdIdKey,
                               PairedAtKey,
                               RevokedKey,
                               LastUploadKey,
                               LastErrorKey,
                               RejectedKey};

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QJsonObject itemJson(const OutboxEvent &event)
{
    return QJsonObject{{QStringLiteral("id"), event.eventId},
                       {QStringLiteral("kind"), outboxKindName(event.kind)},
                       {QStringLiteral("payload"), event.payload}};
}

} // namespace

HubLedger::HubLedger(Store &store, OutboxRepository outbox)
    : m_store(&store)
    , m_outbox(std::move(outbox))
{
}

Result<HubLedger> HubLedger::create(Store &store)
{
    auto outbox = OutboxRepository::create(store.database());
    if (!outbox) {
        return outbox.error();
    }
    return HubLedger(store, std::move(outbox.value()));
}

Result<QString> HubLedger::value(const char *key)
{
    auto statement = m_store->database().prepare("SELECT value FROM cache_metadata WHERE key = ?1");
    if (!statement) {
        return statement.error();
    }
    const auto rows = statement.value().query({QString::fromLatin1(key)});
    if (!rows) {
        return rows.error();
    }
    return rows.value().isEmpty() ? QString() : rows.value().first().value(0).toString();
}

Result<void> HubLedger::setValues(const QList<std::pair<const char *, QString>> &values)
{
    SqliteDatabase &database = m_store->database();
    return database.transaction([&database, &values]() -> Result<void> {
        for (const auto &[key, text] : values) {
            const Result<void> written = text.isNull()
                ? database.exec("DELETE FROM cache_metadata WHERE key = ?1", {QString::fromLatin1(key)})
                : database.exec("INSERT INTO cache_metadata (key, value) VALUES (?1, ?2) ON CONFLICT "
                                "(key) DO UPDATE SET value = excluded.value",
                                {QString::fromLatin1(key), text});
            if (!written) {
                return written;
            }
        }
        return {};
    });
}

Result<std::optional<HubPairing>> HubLedger::pairing()
{
    QMap<QString, QString> values;
    for (const char *key : allKeys) {
        auto text = value(key);
        if (!text) {
            return text.error();
        }
        values.insert(QString::fromLatin1(key), text.value());
    }
    const QString url = values.value(QString::fromLatin1(UrlKey));
    if (url.isEmpty()) {
        return std::optional<HubPairing>();
    }
    HubPairing pairing;
    pairing.url = QUrl(url);
    pairing.fingerprint = values.value(QString::fromLatin1(FingerprintKey));
    pairing.allowInsecureHttp = values.value(QString::fromLatin1(AllowInsecureKey)) == QLatin1String("1");
    pairing.memberName = values.value(QString::fromLatin1(MemberNameKey));
    pairing.deviceLabel = values.value(QString::fromLatin1(DeviceLabelKey));
    pairing.memberId = values.value(QString::fromLatin1(MemberIdKey)).toLongLong();
    pairing.deviceId = values.value(QString::fromLatin1(DeviceIdKey)).toLongLong();
    pairing.householdId = values.value(QString::fromLatin1(HouseholdIdKey)).toLongLong();
    pairing.pairedAtMs = values.value(QString::fromLatin1(PairedAtKey)).toLongLong();
    pairing.revoked = values.value(QString::fromLatin1(RevokedKey)) == QLatin1String("1");
    return std::optional<HubPairing>(pairing);
}

Result<void> HubLedger::savePairing(const HubPairing &pairing)
{
    if (auto cleared = forget(); !cleared) {
        return cleared;
    }
    return setValues({{UrlKey, pairing.url.toString()},
                      {FingerprintKey, pairing.fingerprint.isEmpty() ? QString() : pairing.fingerprint},
                      {AllowInsecureKey, pairing.allowInsecureHttp ? QStringLiteral("1") : QString()},
                      {MemberNameKey, pairing.memberName.isEmpty() ? QString() : pairing.memberName},
                      {DeviceLabelKey, pairing.deviceLabel.isEmpty() ? QString() : pairing.deviceLabel},
                      {MemberIdKey, QString::number(pairing.memberId)},
                      {DeviceIdKey, QString::number(pairing.deviceId)},
                      {HouseholdIdKey, QString::number(pairing.householdId)},
                      {PairedAtKey, QString::number(pairing.pairedAtMs)}});
}

Result<void> HubLedger::markRevoked()
{
    return setValues({{RevokedKey, QStringLiteral("1")},
                      {LastErrorKey,
                       QStringLiteral("The hub no longer accepts this device (its token was revoked or has "
                                      "expired). Unpair and pair again with a new invite code.")}});
}

Result<void> HubLedger::setFingerprint(const QString &fingerprint)
{
    return setValues({{FingerprintKey, fingerprint}});
}

Result<void> HubLedger::forget()
{
    QList<std::pair<const char *, QString>> cleared;
    for (const char *key : allKeys) {
        cleared.append({key, QString()});
    }
    return setValues(cleared);
}

Result<QMap<QString, QString>> HubLedger::rejected()
{
    const auto text = value(RejectedKey);
    if (!text) {
        return text.error();
    }
    QMap<QString, QString> map;
    const QJsonObject object = QJsonDocument::fromJson(text.value().toUtf8()).object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        map.insert(it.key(), it.value().toString());
    }
    return map;
}

Result<HubUploadState> HubLedger::uploadState()
{
    HubUploadState state;
    const auto lastUpload = value(LastUploadKey);
    const auto lastError = value(LastErrorKey);
    auto refused = rejected();
    const auto count = m_outbox.pendingCount();
    if (!lastUpload || !lastError || !refused || !count) {
        return !lastUpload ? lastUpload.error()
            : !lastError   ? lastError.error()
            : !refused     ? refused.error()
                           : count.error();
    }
    if (!lastUpload.value().isEmpty()) {
        state.lastUploadAtMs = lastUpload.value().toLongLong();
    }
    state.lastError = lastError.value();
    state.rejected = std::move(refused.value());
    // A refused event the user deleted some other way (a fresh cache) is no longer in the outbox.
    state.waiting = count.value() - state.rejected.size();
    if (state.waiting < 0) {
        state.waiting = 0;
    }
    return state;
}

Result<void> HubLedger::recordError(const QString &message)
{
    return setValues({{LastErrorKey, message}});
}

Result<QList<OutboxEvent>> HubLedger::nextBatch(int maxItems)
{
    const auto refused = rejected();
    if (!refused) {
        return refused.error();
    }
    return m_outbox.pending(maxItems, refused.value().keys());
}

Result<void> HubLedger::markAttempt(const QStringList &eventIds)
{
    return m_outbox.markAttempt(eventIds);
}

Result<int> HubLedger::applyAnswers(const QList<HubItemAnswer> &answers)
{
    auto refused = rejected();
    if (!refused) {
        return refused.error();
    }
    QStringList acknowledged;
    bool refusedMore = false;
    for (const HubItemAnswer &answer : answers) {
        if (answer.status == QLatin1String("created") || answer.status == QLatin1String("duplicate")) {
            acknowledged.append(answer.eventId);
        } else if (!answer.eventId.isEmpty()) {
            const QString words = answer.reason.isEmpty() ? answer.status : answer.status + u": " + answer.reason;
            qCWarning(lcHubLedger).noquote() << "The hub refused event" << answer.eventId << "-" << words;
            refused.value().insert(answer.eventId, words);
            refusedMore = true;
        }
    }
    QJsonObject refusedJson;
    for (auto it = refused.value().cbegin(); it != refused.value().cend(); ++it) {
        refusedJson.insert(it.key(), it.value());
    }
    return inTransaction<int>(m_store->database(), [&]() -> Result<int> {
        auto deleted = m_outbox.acknowledge(acknowledged);
        if (!deleted) {
            return deleted.error();
        }
        QList<std::pair<const char *, QString>> values{{LastUploadKey, QString::number(nowMs())},
                                                       {LastErrorKey, QString()}};
        if (refusedMore) {
            values.append({RejectedKey, QString::fromUtf8(QJsonDocument(refusedJson).toJson(QJsonDocument::Compact))});
        }
        if (auto written = setValues(values); !written) {
            return written.error();
        }
        return deleted.value();
    });
}

QByteArray syncRequestBody(const QList<OutboxEvent> &events)
{
    QJsonArray items;
    for (const OutboxEvent &event : events) {
        items.append(itemJson(event));
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("items"), items}}).toJson(QJsonDocument::Compact);
}

int eventsFittingBatch(const QList<OutboxEvent> &events, qint64 maxBytes)
{
    // {"items":[…]} with the items' compact JSON separated by commas.
    qint64 bytes = qint64(sizeof("{\"items\":[]}")) - 1;
    int fitting = 0;
    for (const OutboxEvent &event : events) {
        const qint64 item = QJsonDocument(itemJson(event)).toJson(QJsonDocument::Compact).size() + (fitting > 0);
        if (bytes + item > maxBytes) {
            break;
        }
        bytes += item;
        ++fitting;
    }
    return fitting;
}

} // namespace engine
