#include "hub/store.h"

#include "hub/concerts.h"
#include "hub/database.h"
#include "hub/household.h"
#include "hub/model.h"
#include "hub/training.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <string>

#include <pqxx/except>
#include <pqxx/result>
#include <pqxx/transaction>

namespace hub
{

namespace
{

// Tokens last a year (HB-1); pairing again gives a new one.
constexpr const char *tokenLifetime = "1 year";

// Statement names, verb_object.
constexpr const char *selectDeviceByToken = "select_device_by_token";
constexpr const char *touchDevice = "touch_device";
constexpr const char *useInvite = "use_invite";
constexpr const char *selectInviteState = "select_invite_state";
constexpr const char *upsertMember = "upsert_member";
constexpr const char *insertDevice = "insert_device";
constexpr const char *markInviteDevice = "mark_invite_device";
constexpr const char *insertPlays = "insert_plays";
constexpr const char *insertFeedback = "insert_feedback";
constexpr const char *insertLibrarySnapshots = "insert_library_snapshots";
constexpr const char *insertPlaysSkippingStored = "insert_plays_skipping_stored";
constexpr const char *insertFeedbackSkippingStored = "insert_feedback_skipping_stored";
constexpr const char *insertLibrarySnapshotsSkippingStored = "insert_library_snapshots_skipping_stored";
constexpr const char *selectPlayHashes = "select_play_hashes";
constexpr const char *selectFeedbackHashes = "select_feedback_hashes";
constexpr const char *selectLibrarySnapshotHashes = "select_library_snapshot_hashes";
constexpr const char *selectMembers = "select_members";
constexpr const char *selectMember = "select_member";
constexpr const char *selectMemberDevices = "select_member_devices";
constexpr const char *selectMemberPlays = "select_member_plays";
constexpr const char *selectMemberFeedback = "select_member_feedback";
constexpr const char *selectMemberLibrarySnapshots = "select_member_library_snapshots";
constexpr const char *deleteMemberById = "delete_member";
constexpr const char *insertHousehold = "insert_household";
constexpr const char *selectHouseholds = "select_households";
constexpr const char *insertInvite = "insert_invite";
constexpr const char *selectDevices = "select_devices";
constexpr const char *revokeDeviceById = "revoke_device";
constexpr const char *selectDeviceRevoked = "select_device_revoked";
constexpr const char *countRows = "count_rows";

#define EPOCH_MS(column) "(extract(epoch FROM " column ") * 1000)::bigint"

QDateTime timeOf(const pqxx::field &field)
{
    if (field.is_null()) {
        return {};
    }
    return QDateTime::fromMSecsSinceEpoch(field.as<qint64>(), Qt::UTC);
}

QString textOf(const pqxx::field &field)
{
    return QString::fromUtf8(field.c_str());
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

std::string latin1(const QByteArray &bytes)
{
    return bytes.toStdString();
}

// A Postgres array literal ({"a","b"}) built up element by element: libpqxx 6 cannot pass a container as a
// parameter, so a batch's column travels as the text of an array, which the statement casts (HB-7 holds: the
// literal is a parameter value, never part of the SQL).
class ArrayLiteral
{
public:
    void append(const QByteArray &element)
    {
        m_text.append(m_text.isEmpty() ? '{' : ',');
        m_text.append('"');
        // Most elements (ids, numbers, hashes, URIs) need no escaping: they go in whole rather than byte by byte.
        qsizetype from = 0;
        for (qsizetype at = 0; at < element.size(); ++at) {
            const char c = element.at(at);
            if (c == '"' || c == '\\') {
                m_text.append(element.constData() + from, at - from);
                m_text.append('\\');
                from = at;
            }
        }
        m_text.append(element.constData() + from, element.size() - from);
        m_text.append('"');
    }

    std::string text() const
    {
        return m_text.isEmpty() ? std::string("{}") : m_text.toStdString() + '}';
    }

private:
    QByteArray m_text;
};

// Rows of one synced table in the shape a sync item has, so an export can be uploaded again.
QJsonArray itemsOf(const pqxx::result &rows, const QString &kind)
{
    QJsonArray items;
    for (const pqxx::row &row : rows) {
        items.append(QJsonObject{
            {QStringLiteral("id"), textOf(row[0])},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("payload"), QJsonDocument::fromJson(QByteArray(row[1].c_str())).object()},
            {QStringLiteral("received_at_ms"), row[2].as<qint64>()},
        });
    }
    return items;
}

} // namespace

Store::Store(Database &database)
    : m_database(database)
{
}

Database &Store::database() const
{
    return m_database;
}

void Store::prepare(pqxx::connection &connection)
{
    HouseholdStore::prepare(connection);
    TrainingStore::prepare(connection);
    ModelStore::prepare(connection);
    ConcertStore::prepare(connection);
    connection.prepare(selectDeviceByToken,
                       "SELECT d.id, d.member_id, m.household_id, m.display_name, m.role, d.label, "
                       "d.last_used_at IS NULL OR d.last_used_at < now() - interval '1 minute' "
                       "FROM devices d JOIN members m ON m.id = d.member_id "
                       "WHERE d.token_sha256 = $1 AND d.revoked_at IS NULL AND d.expires_at > now()");
    connection.prepare(touchDevice, "UPDATE devices SET last_used_at = now() WHERE id = $1");
    connection.prepare(useInvite,
                       "UPDATE invites SET used_at = now() "
                       "WHERE code_sha256 = $1 AND used_at IS NULL AND expires_at > now() "
                       "RETURNING id, household_id");
    connection.prepare(selectInviteState,
                       "SELECT used_at IS NOT NULL, expires_at <= now() FROM invites WHERE code_sha256 = $1");
    // ON CONFLICT … DO UPDATE (a no-op change) so that RETURNING also yields an existing member's row.
    connection.prepare(upsertMember,
                       "INSERT INTO members (household_id, display_name, role) "
                       "SELECT $1, $2, CASE WHEN EXISTS (SELECT 1 FROM members WHERE household_id = $1) "
                       "THEN 'member' ELSE 'admin' END "
                       "ON CONFLICT (household_id, display_name) DO UPDATE SET display_name = EXCLUDED.display_name "
                       "RETURNING id, role");
    connection.prepare(insertDevice,
                       "INSERT INTO devices (member_id, label, token_sha256, expires_at) "
                       "VALUES ($1, $2, $3, now() + $4::interval) RETURNING id, " EPOCH_MS("expires_at"));
    connection.prepare(markInviteDevice, "UPDATE invites SET used_by_device_id = $2 WHERE id = $1");

    // One statement per batch and table (a round trip per item made sync ~15 times slower): the batch's columns
    // arrive as arrays, unnest turns them into rows, and RETURNING names the ids that were new. The ids already
    // stored are looked up before (see syncKind), so the insert is a plain one: ON CONFLICT DO NOTHING probes the
    // primary key once more per row (about 15% of PostgreSQL's time on a batch of new plays) to guard against what
    // is nearly always absent, an id that a concurrent transaction committed after the lookup. When that happens
    // the insert fails on the primary key and Store::sync redoes the batch with the *_skipping_stored statements,
    // which skip those ids; they are looked up again after, by a new statement, which sees them.
    const std::string plays =
        "INSERT INTO plays (member_id, client_id, device_id, played_at, track_uri, ms_played, "
        "payload, payload_sha256) "
        "SELECT $1, i.client_id, $2, to_timestamp(i.time_ms / 1000.0), NULLIF(i.uri, ''), "
        "NULLIF(i.ms_played, -1), i.payload, i.payload_sha256 "
        "FROM unnest($3::uuid[], $4::bigint[], $5::text[], $6::integer[], $7::jsonb[], $8::text[]) "
        "AS i (client_id, time_ms, uri, ms_played, payload, payload_sha256) ";
    const std::string feedback =
        "INSERT INTO feedback (member_id, client_id, device_id, kind, uri, created_at, payload, "
        "payload_sha256) "
        "SELECT $1, i.client_id, $2, i.kind, i.uri, to_timestamp(i.time_ms / 1000.0), "
        "i.payload, i.payload_sha256 "
        "FROM unnest($3::uuid[], $4::bigint[], $5::text[], $6::text[], $7::jsonb[], $8::text[]) "
        "AS i (client_id, time_ms, kind, uri, payload, payload_sha256) ";
    const std::string librarySnapshots =
        "INSERT INTO library_snapshots (member_id, client_id, device_id, taken_at, payload, payload_sha256) "
        "SELECT $1, i.client_id, $2, to_timestamp(i.time_ms / 1000.0), i.payload, i.payload_sha256 "
        "FROM unnest($3::uuid[], $4::bigint[], $5::jsonb[], $6::text[]) "
        "AS i (client_id, time_ms, payload, payload_sha256) ";
    const std::string returning = "RETURNING client_id::text";
    const std::string skippingStored = "ON CONFLICT (member_id, client_id) DO NOTHING " + returning;
    connection.prepare(insertPlays, plays + returning);
    connection.prepare(insertFeedback, feedback + returning);
    connection.prepare(insertLibrarySnapshots, librarySnapshots + returning);
    connection.prepare(insertPlaysSkippingStored, plays + skippingStored);
    connection.prepare(insertFeedbackSkippingStored, feedback + skippingStored);
    connection.prepare(insertLibrarySnapshotsSkippingStored, librarySnapshots + skippingStored);
    // One primary-key lookup per id, whatever the statistics say: as client_id = ANY (…) the planner, without fresh
    // statistics (a new hub, a burst of syncs), read all of the member's rows through their (member_id, played_at)
    // index and compared each with every id of the batch, a cost that grew with the member's history.
    connection.prepare(selectPlayHashes,
                       "SELECT i.client_id::text, s.payload_sha256 FROM unnest($2::uuid[]) AS i (client_id) "
                       "CROSS JOIN LATERAL (SELECT payload_sha256 FROM plays "
                       "WHERE member_id = $1 AND client_id = i.client_id LIMIT 1) AS s");
    connection.prepare(selectFeedbackHashes,
                       "SELECT i.client_id::text, s.payload_sha256 FROM unnest($2::uuid[]) AS i (client_id) "
                       "CROSS JOIN LATERAL (SELECT payload_sha256 FROM feedback "
                       "WHERE member_id = $1 AND client_id = i.client_id LIMIT 1) AS s");
    connection.prepare(selectLibrarySnapshotHashes,
                       "SELECT i.client_id::text, s.payload_sha256 FROM unnest($2::uuid[]) AS i (client_id) "
                       "CROSS JOIN LATERAL (SELECT payload_sha256 FROM library_snapshots "
                       "WHERE member_id = $1 AND client_id = i.client_id LIMIT 1) AS s");

    connection.prepare(
        selectMembers,
        "SELECT m.id, m.display_name, m.role, " EPOCH_MS(
            "m.created_at") ", "
                            "(SELECT count(*) FROM devices d WHERE d.member_id = m.id AND d.revoked_at IS NULL) "
                            "FROM members m WHERE m.household_id = $1 ORDER BY m.id");
    connection.prepare(selectMember,
                       "SELECT m.id, m.display_name, m.role, " EPOCH_MS(
                           "m.created_at") ", h.id, h.name "
                                           "FROM members m JOIN households h ON h.id = m.household_id WHERE m.id = $1");
    connection.prepare(selectMemberDevices,
                       "SELECT id, label, " EPOCH_MS("created_at") ", " EPOCH_MS("last_used_at") ", " EPOCH_MS(
                           "expires_at") ", " EPOCH_MS("revoked_at") " FROM devices WHERE member_id = $1 ORDER BY id");
    connection.prepare(selectMemberPlays,
                       "SELECT client_id::text, payload::text, " EPOCH_MS(
                           "received_at") " FROM plays "
                                          "WHERE member_id = $1 ORDER BY played_at, client_id");
    connection.prepare(selectMemberFeedback,
                       "SELECT client_id::text, payload::text, " EPOCH_MS(
                           "received_at") " FROM feedback "
                                          "WHERE member_id = $1 ORDER BY created_at, client_id");
    connection.prepare(selectMemberLibrarySnapshots,
                       "SELECT client_id::text, payload::text, " EPOCH_MS(
                           "received_at") " FROM library_snapshots "
                                          "WHERE member_id = $1 ORDER BY taken_at, client_id");
    // The synced tables and devices cascade from members.
    connection.prepare(deleteMemberById, "DELETE FROM members WHERE id = $1");

    connection.prepare(insertHousehold, "INSERT INTO households (name) VALUES ($1) RETURNING id, name");
    connection.prepare(selectHouseholds,
                       "SELECT id, name FROM households WHERE id::text = $1 OR name = $1 ORDER BY id");
    connection.prepare(insertInvite,
                       "INSERT INTO invites (household_id, code_sha256, expires_at) "
                       "VALUES ($1, $2, now() + make_interval(mins => $3)) RETURNING " EPOCH_MS("expires_at"));
    connection.prepare(
        selectDevices,
        "SELECT d.id, h.id, h.name, m.display_name, d.label, " EPOCH_MS("d.created_at") ", " EPOCH_MS(
            "d.last_used_at") ", " EPOCH_MS("d.expires_at") ", " EPOCH_MS("d.revoked_at") " "
                                                                                          "FROM devices d JOIN members "
                                                                                          "m ON m.id = d.member_id "
                                                                                          "JOIN households h ON h.id = "
                                                                                          "m.household_id ORDER BY "
                                                                                          "d.id");
    connection.prepare(revokeDeviceById,
                       "UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id");
    connection.prepare(selectDeviceRevoked, "SELECT revoked_at IS NOT NULL FROM devices WHERE id = $1");
    connection.prepare(countRows,
                       "SELECT 'households', count(*) FROM households UNION ALL "
                       "SELECT 'members', count(*) FROM members UNION ALL "
                       "SELECT 'devices', count(*) FROM devices UNION ALL "
                       "SELECT 'devices (active)', count(*) FROM devices "
                       "WHERE revoked_at IS NULL AND expires_at > now() UNION ALL "
                       "SELECT 'invites', count(*) FROM invites UNION ALL "
                       "SELECT 'plays', count(*) FROM plays UNION ALL "
                       "SELECT 'feedback', count(*) FROM feedback UNION ALL "
                       "SELECT 'library_snapshots', count(*) FROM library_snapshots");
}

std::optional<DeviceIdentity> Store::authenticate(const QByteArray &tokenSha256)
{
    return m_database.run([&](pqxx::connection &connection) -> std::optional<DeviceIdentity> {
        pqxx::work transaction(connection);
        const pqxx::result rows = transaction.exec_prepared(selectDeviceByToken, latin1(tokenSha256));
        if (rows.empty()) {
            return std::nullopt;
        }
        const pqxx::row row = rows[0];
        DeviceIdentity identity{row[0].as<qint64>(),
                                row[1].as<qint64>(),
                                row[2].as<qint64>(),
                                textOf(row[3]),
                                textOf(row[4]),
                                textOf(row[5])};
        // last_used_at is for the admin's device list; writing it on every request would cost a write per read.
        if (row[6].as<bool>()) {
            transaction.exec_prepared0(touchDevice, identity.deviceId);
        }
        transaction.commit();
        return identity;
    });
}

PairResult Store::pair(const QByteArray &codeSha256,
                       const QString &displayName,
                       const QString &deviceLabel,
                       const QByteArray &tokenSha256)
{
    return m_database.run([&](pqxx::connection &connection) {
        pqxx::work transaction(connection);
        PairResult result;
        const pqxx::result invite = transaction.exec_prepared(useInvite, latin1(codeSha256));
        if (invite.empty()) {
            const pqxx::result state = transaction.exec_prepared(selectInviteState, latin1(codeSha256));
            result.failure = state.empty() ? PairFailure::UnknownCode
                : state[0][0].as<bool>()   ? PairFailure::UsedCode
                                           : PairFailure::ExpiredCode;
            return result;
        }
        const qint64 inviteId = invite[0][0].as<qint64>();
        result.identity.householdId = invite[0][1].as<qint64>();
        const pqxx::row member =
            transaction.exec_prepared1(upsertMember, result.identity.householdId, utf8(displayName));
        result.identity.memberId = member[0].as<qint64>();
        result.identity.role = textOf(member[1]);
        result.identity.displayName = displayName;
        result.identity.deviceLabel = deviceLabel;
        const pqxx::row device = transaction.exec_prepared1(insertDevice,
                                                            result.identity.memberId,
                                                            utf8(deviceLabel),
                                                            latin1(tokenSha256),
                                                            tokenLifetime);
        result.identity.deviceId = device[0].as<qint64>();
        result.tokenExpiresAt = timeOf(device[1]);
        transaction.exec_prepared0(markInviteDevice, inviteId, result.identity.deviceId);
        transaction.commit();
        return result;
    });
}

namespace
{

// The stored payload hashes of ids, by id.
QHash<QString, QByteArray>
storedHashes(pqxx::work &transaction, const char *statement, const DeviceIdentity &device, const ArrayLiteral &ids)
{
    QHash<QString, QByteArray> hashes;
    for (const pqxx::row &row : transaction.exec_prepared(statement, device.memberId, ids.text())) {
        hashes.insert(textOf(row[0]), QByteArray(row[1].c_str()));
    }
    return hashes;
}

// How syncKind inserts: plainly (an id stored meanwhile fails the transaction), or skipping ids stored meanwhile.
enum class SyncInsert { Plain, SkippingStored };

// The items of one kind: the lookup of the ids already stored, then one insert of the rest; fills in their
// outcomes. Looking up first means a resent batch (the client lost an answer) costs one read instead of an insert
// that parses, checks and throws away every row; a new batch pays one index lookup per item for it. An id the
// insert skipped although the lookup did not find it was committed by a concurrent transaction meanwhile: it is
// looked up once more, by a new statement, which sees that row.
void syncKind(pqxx::work &transaction,
              const DeviceIdentity &device,
              const QList<SyncItem> &items,
              SyncKind kind,
              SyncInsert insert,
              QList<SyncOutcome> &outcomes)
{
    const bool skip = insert == SyncInsert::SkippingStored;
    const char *selectHashes = kind == SyncKind::Play ? selectPlayHashes
        : kind == SyncKind::Feedback                  ? selectFeedbackHashes
                                                      : selectLibrarySnapshotHashes;
    // The first item of each id is the one inserted; a repeat within the batch is answered like a resend.
    QHash<QString, qsizetype> firstOf;
    ArrayLiteral allIds;
    for (qsizetype index = 0; index < items.size(); ++index) {
        const SyncItem &item = items.at(index);
        if (item.kind == kind && !firstOf.contains(item.clientId)) {
            firstOf.insert(item.clientId, index);
            allIds.append(item.clientId.toUtf8());
        }
    }
    if (firstOf.isEmpty()) {
        return;
    }
    QHash<QString, QByteArray> stored = storedHashes(transaction, selectHashes, device, allIds);

    ArrayLiteral ids;
    ArrayLiteral times;
    ArrayLiteral texts;
    ArrayLiteral moreTexts;
    ArrayLiteral numbers;
    ArrayLiteral payloads;
    ArrayLiteral hashes;
    qsizetype inserting = 0;
    for (qsizetype index = 0; index < items.size(); ++index) {
        const SyncItem &item = items.at(index);
        if (item.kind != kind || firstOf.value(item.clientId) != index || stored.contains(item.clientId)) {
            continue;
        }
        ++inserting;
        ids.append(item.clientId.toUtf8());
        times.append(QByteArray::number(item.timeMs));
        payloads.append(item.payloadJson);
        hashes.append(item.payloadSha256);
        switch (kind) {
        case SyncKind::Play:
            texts.append(item.uri.toUtf8());
            numbers.append(QByteArray::number(item.msPlayed));
            break;
        case SyncKind::Feedback:
            texts.append(item.feedbackKind.toUtf8());
            moreTexts.append(item.uri.toUtf8());
            break;
        case SyncKind::LibrarySnapshot:
            break;
        }
    }

    QSet<qsizetype> createdIndexes;
    if (inserting > 0) {
        pqxx::result created;
        switch (kind) {
        case SyncKind::Play:
            created = transaction.exec_prepared(skip ? insertPlaysSkippingStored : insertPlays,
                                                device.memberId,
                                                device.deviceId,
                                                ids.text(),
                                                times.text(),
                                                texts.text(),
                                                numbers.text(),
                                                payloads.text(),
                                                hashes.text());
            break;
        case SyncKind::Feedback:
            created = transaction.exec_prepared(skip ? insertFeedbackSkippingStored : insertFeedback,
                                                device.memberId,
                                                device.deviceId,
                                                ids.text(),
                                                times.text(),
                                                texts.text(),
                                                moreTexts.text(),
                                                payloads.text(),
                                                hashes.text());
            break;
        case SyncKind::LibrarySnapshot:
            created = transaction.exec_prepared(skip ? insertLibrarySnapshotsSkippingStored : insertLibrarySnapshots,
                                                device.memberId,
                                                device.deviceId,
                                                ids.text(),
                                                times.text(),
                                                payloads.text(),
                                                hashes.text());
            break;
        }
        for (const pqxx::row &row : created) {
            const qsizetype index = firstOf.value(textOf(row[0]), -1);
            if (index >= 0) {
                createdIndexes.insert(index);
                outcomes[index] = SyncOutcome::Created;
                // A repeat later in the batch compares with what was just stored.
                stored.insert(items.at(index).clientId, items.at(index).payloadSha256);
            }
        }
        if (createdIndexes.size() < inserting) {
            ArrayLiteral raced;
            for (auto it = firstOf.cbegin(); it != firstOf.cend(); ++it) {
                if (!stored.contains(it.key())) {
                    raced.append(it.key().toUtf8());
                }
            }
            stored.insert(storedHashes(transaction, selectHashes, device, raced));
        }
    }

    for (qsizetype index = 0; index < items.size(); ++index) {
        const SyncItem &item = items.at(index);
        if (item.kind != kind || createdIndexes.contains(index)) {
            continue;
        }
        // A row gone since (its member deleted meanwhile) cannot be told apart from a resend; nothing is lost.
        const auto hash = stored.constFind(item.clientId);
        outcomes[index] =
            hash != stored.cend() && *hash != item.payloadSha256 ? SyncOutcome::Conflict : SyncOutcome::Duplicate;
    }
}

} // namespace

QList<SyncOutcome> Store::sync(const DeviceIdentity &device, const QList<SyncItem> &items)
{
    return m_database.run([&](pqxx::connection &connection) {
        const auto attempt = [&](SyncInsert insert) {
            pqxx::work transaction(connection);
            QList<SyncOutcome> outcomes(items.size(), SyncOutcome::Duplicate);
            for (const SyncKind kind : {SyncKind::Play, SyncKind::Feedback, SyncKind::LibrarySnapshot}) {
                syncKind(transaction, device, items, kind, insert, outcomes);
            }
            transaction.commit();
            return outcomes;
        };
        try {
            return attempt(SyncInsert::Plain);
        } catch (const pqxx::unique_violation &) {
            // A concurrent upload committed one of the batch's ids after the lookup (the client retried while its
            // first request was still running); this attempt was rolled back whole, so nothing is stored twice.
            return attempt(SyncInsert::SkippingStored);
        }
    });
}

QList<MemberSummary> Store::members(qint64 householdId)
{
    return m_database.run([&](pqxx::connection &connection) {
        pqxx::read_transaction transaction(connection);
        QList<MemberSummary> members;
        for (const pqxx::row &row : transaction.exec_prepared(selectMembers, householdId)) {
            members.append({row[0].as<qint64>(), textOf(row[1]), textOf(row[2]), timeOf(row[3]), row[4].as<qint64>()});
        }
        return members;
    });
}

QJsonObject Store::exportMember(const DeviceIdentity &device)
{
    return m_database.run([&](pqxx::connection &connection) {
        // One snapshot, so the parts agree with each other.
        pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> transaction(connection);
        const pqxx::row member = transaction.exec_prepared1(selectMember, device.memberId);
        QJsonArray devices;
        for (const pqxx::row &row : transaction.exec_prepared(selectMemberDevices, device.memberId)) {
            QJsonObject object{{QStringLiteral("id"), row[0].as<qint64>()},
                               {QStringLiteral("label"), textOf(row[1])},
                               {QStringLiteral("created_at_ms"), row[2].as<qint64>()},
                               {QStringLiteral("expires_at_ms"), row[4].as<qint64>()}};
            if (!row[3].is_null()) {
                object.insert(QStringLiteral("last_used_at_ms"), row[3].as<qint64>());
            }
            if (!row[5].is_null()) {
                object.insert(QStringLiteral("revoked_at_ms"), row[5].as<qint64>());
            }
            devices.append(object);
        }
        return QJsonObject{
            {QStringLiteral("member"),
             QJsonObject{{QStringLiteral("id"), member[0].as<qint64>()},
                         {QStringLiteral("display_name"), textOf(member[1])},
                         {QStringLiteral("role"), textOf(member[2])},
                         {QStringLiteral("joined_at_ms"), member[3].as<qint64>()},
                         {QStringLiteral("household"),
                          QJsonObject{{QStringLiteral("id"), member[4].as<qint64>()},
                                      {QStringLiteral("name"), textOf(member[5])}}}}},
            {QStringLiteral("devices"), devices},
            {QStringLiteral("plays"),
             itemsOf(transaction.exec_prepared(selectMemberPlays, device.memberId), QStringLiteral("play"))},
            {QStringLiteral("feedback"),
             itemsOf(transaction.exec_prepared(selectMemberFeedback, device.memberId), QStringLiteral("feedback"))},
            {QStringLiteral("library_snapshots"),
             itemsOf(transaction.exec_prepared(selectMemberLibrarySnapshots, device.memberId),
                     QStringLiteral("library_snapshot"))},
        };
    });
}

void Store::deleteMember(qint64 memberId)
{
    m_database.run([&](pqxx::connection &connection) {
        pqxx::work transaction(connection);
        transaction.exec_prepared0(deleteMemberById, memberId);
        transaction.commit();
    });
}

Household Store::createHousehold(const QString &name)
{
    return m_database.run([&](pqxx::connection &connection) {
        pqxx::work transaction(connection);
        const pqxx::row row = transaction.exec_prepared1(insertHousehold, utf8(name));
        transaction.commit();
        return Household{row[0].as<qint64>(), textOf(row[1])};
    });
}

QList<Household> Store::findHouseholds(const QString &key)
{
    return m_database.run([&](pqxx::connection &connection) {
        pqxx::read_transaction transaction(connection);
        QList<Household> households;
        for (const pqxx::row &row : transaction.exec_prepared(selectHouseholds, utf8(key))) {
            households.append({row[0].as<qint64>(), textOf(row[1])});
        }
        return households;
    });
}

QDateTime Store::createInvite(qint64 householdId, const QByteArray &codeSha256, int validMinutes)
{
    return m_database.run([&](pqxx::connection &connection) {
        pqxx::work transaction(connection);
        const pqxx::row row = transaction.exec_prepared1(insertInvite, householdId, latin1(codeSha256), validMinutes);
        transaction.commit();
        return timeOf(row[0]);
    });
}

QList<DeviceRow> Store::devices()
{
    return m_database.run([&](pqxx::connection &connection) {
        pqxx::read_transaction transaction(connection);
        QList<DeviceRow> devices;
        for (const pqxx::row &row : transaction.exec_prepared(selectDevices)) {
            devices.append({row[0].as<qint64>(),
                            row[1].as<qint64>(),
                            textOf(row[2]),
                            textOf(row[3]),
                            textOf(row[4]),
                            timeOf(row[5]),
                            timeOf(row[6]),
                            timeOf(row[7]),
                            timeOf(row[8])});
        }
        return devices;
    });
}

RevokeResult Store::revokeDevice(qint64 deviceId)
{
    return m_database.run([&](pqxx::connection &connection) {
        pqxx::work transaction(connection);
        if (!transaction.exec_prepared(revokeDeviceById, deviceId).empty()) {
            transaction.commit();
            return RevokeResult::Revoked;
        }
        return transaction.exec_prepared(selectDeviceRevoked, deviceId).empty() ? RevokeResult::NotFound
                                                                                : RevokeResult::AlreadyRevoked;
    });
}

QList<TableCount> Store::tableCounts()
{
    return m_database.run([&](pqxx::connection &connection) {
        pqxx::read_transaction transaction(connection);
        QList<TableCount> counts;
        for (const pqxx::row &row : transaction.exec_prepared(countRows)) {
            counts.append({textOf(row[0]), row[1].as<qint64>()});
        }
        return counts;
    });
}

} // namespace hub
