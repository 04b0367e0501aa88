#pragma once

#include "hub/dto.h"

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <optional>

#include <pqxx/connection>

namespace hub
{

class Database;

// The device behind a bearer token. Every query a request makes is scoped by these ids, never by ids from
// the request body (HB-3).
struct DeviceIdentity {
    qint64 deviceId = 0;
    qint64 memberId = 0;
    qint64 householdId = 0;
    QString displayName;
    QString role;
    QString deviceLabel;
};

enum class PairFailure {
    None,
    UnknownCode,
    ExpiredCode,
    UsedCode,
};

struct PairResult {
    PairFailure failure = PairFailure::None;
    DeviceIdentity identity;
    QDateTime tokenExpiresAt;
};

enum class SyncOutcome {
    Created,
    Duplicate,
    Conflict,
};

struct MemberSummary {
    qint64 id = 0;
    QString displayName;
    QString role;
    QDateTime joinedAt;
    qint64 devices = 0;
};

struct DeviceRow {
    qint64 id = 0;
    qint64 householdId = 0;
    QString householdName;
    QString memberName;
    QString label;
    QDateTime createdAt;
    QDateTime lastUsedAt; // invalid: never
    QDateTime expiresAt;
    QDateTime revokedAt; // invalid: not revoked
};

enum class RevokeResult {
    Revoked,
    AlreadyRevoked,
    NotFound,
};

struct Household {
    qint64 id = 0;
    QString name;
};

struct TableCount {
    QString table;
    qint64 rows = 0;
};

// The hub's SQL, behind one class (HB-7): every statement is prepared once per connection, by name, with
// parameters; no SQL text is ever built from values. Methods throw what libpqxx and Database throw; the Api
// and the admin commands decide what that means for their caller.
class Store
{
public:
    explicit Store(Database &database);

    // The pool, for the stores of other features that share it (HouseholdStore).
    Database &database() const;

    // Prepares every statement on a new connection (Database calls it; the schema must be up to date).
    static void prepare(pqxx::connection &connection);

    // The device of a token hash, unless unknown, revoked or expired. Notes the use at most once a minute.
    std::optional<DeviceIdentity> authenticate(const QByteArray &tokenSha256);

    // Takes the invite (single use, in the same statement that checks it), finds or creates the member of that
    // display name in its household (the household's first member is its admin) and adds the device.
    PairResult pair(const QByteArray &codeSha256,
                    const QString &displayName,
                    const QString &deviceLabel,
                    const QByteArray &tokenSha256);

    // Stores the valid items in one transaction; the outcome of each, in order (invalid items are skipped by
    // the caller).
    QList<SyncOutcome> sync(const DeviceIdentity &device, const QList<SyncItem> &items);

    QList<MemberSummary> members(qint64 householdId);
    // Everything stored about a member: the member, their devices, plays, feedback and library snapshots.
    QJsonObject exportMember(const DeviceIdentity &device);
    // Removes the member, their devices (so the token stops working) and every row they synced.
    void deleteMember(qint64 memberId);

    // Admin.
    Household createHousehold(const QString &name);
    // Households whose id or name is key; more than one only for a name used twice.
    QList<Household> findHouseholds(const QString &key);
    QDateTime createInvite(qint64 householdId, const QByteArray &codeSha256, int validMinutes);
    QList<DeviceRow> devices();
    RevokeResult revokeDevice(qint64 deviceId);
    QList<TableCount> tableCounts();

private:
    Database &m_database;
};

} // namespace hub
