#include "hub/household.h"

#include "hub/database.h"

#include <QHash>
#include <QStringList>

#include <algorithm>

#include <pqxx/result>
#include <pqxx/transaction>

namespace hub
{

namespace
{

constexpr const char *selectHouseholdTrackPlays = "select_household_track_plays";
constexpr const char *selectHouseholdArtistPlays = "select_household_artist_plays";

QString textOf(const pqxx::field &field)
{
    return QString::fromUtf8(field.c_str());
}

qint64 playsOf(const HouseholdItem &item, qint64 memberId)
{
    for (const MemberPlays &member : item.members) {
        if (member.memberId == memberId) {
            return member.plays;
        }
    }
    return 0;
}

} // namespace

// The member ids come as an array as well as through the household: with them in the statement the planner
// estimates a household's share of the plays and reads them through plays_member_played_at_idx rather than
// scanning every household's plays (tst_hubhousehold checks the plans); the household condition keeps a
// wrong id list from reaching another household.
const char *const householdTrackPlaysSql = "SELECT p.track_uri, min(p.payload->>'track_name'), p.member_id, count(*) "
                                           "FROM members m JOIN plays p ON p.member_id = m.id "
                                           "WHERE m.household_id = $1 AND p.member_id = ANY ($3::bigint[]) AND "
                                           "p.played_at >= to_timestamp($2::bigint / 1000.0) "
                                           "AND p.track_uri IS NOT NULL "
                                           "GROUP BY p.track_uri, p.member_id";
// An artist synced without its URI is known by its name.
const char *const householdArtistPlaysSql =
    "SELECT coalesce(a->>'uri', a->>'name'), min(a->>'name'), p.member_id, count(*) "
    "FROM members m JOIN plays p ON p.member_id = m.id "
    "CROSS JOIN LATERAL jsonb_array_elements(p.payload->'artists') a "
    "WHERE m.household_id = $1 AND p.member_id = ANY ($3::bigint[]) AND p.played_at >= to_timestamp($2::bigint / "
    "1000.0) "
    "AND jsonb_typeof(p.payload->'artists') = 'array' "
    "GROUP BY 1, p.member_id";

HouseholdStore::HouseholdStore(Database &database)
    : m_database(database)
{
}

void HouseholdStore::prepare(pqxx::connection &connection)
{
    connection.prepare(selectHouseholdTrackPlays, householdTrackPlaysSql);
    connection.prepare(selectHouseholdArtistPlays, householdArtistPlaysSql);
}

QList<MemberItemPlays>
HouseholdStore::plays(qint64 householdId, const QList<qint64> &memberIds, ItemKind kind, qint64 sinceMs)
{
    const std::string idArray = idArrayText(memberIds);
    return m_database.run([&](pqxx::connection &connection) {
        pqxx::read_transaction transaction(connection);
        QList<MemberItemPlays> rows;
        const char *statement = kind == ItemKind::Track ? selectHouseholdTrackPlays : selectHouseholdArtistPlays;
        for (const pqxx::row &row : transaction.exec_prepared(statement, householdId, sinceMs, idArray)) {
            rows.append({textOf(row[0]), textOf(row[1]), row[2].as<qint64>(), row[3].as<qint64>()});
        }
        return rows;
    });
}

QList<HouseholdItem> aggregateItems(const QList<MemberItemPlays> &rows)
{
    QHash<QString, qsizetype> index;
    QList<HouseholdItem> items;
    for (const MemberItemPlays &row : rows) {
        auto found = index.constFind(row.key);
        if (found == index.cend()) {
            found = index.insert(row.key, items.size());
            items.append({row.key, row.name, 0, {}});
        }
        HouseholdItem &item = items[*found];
        item.plays += row.plays;
        item.members.append({row.memberId, row.plays});
    }
    for (HouseholdItem &item : items) {
        std::sort(item.members.begin(), item.members.end(), [](const MemberPlays &a, const MemberPlays &b) {
            return a.plays != b.plays ? a.plays > b.plays : a.memberId < b.memberId;
        });
    }
    std::sort(items.begin(), items.end(), [](const HouseholdItem &a, const HouseholdItem &b) {
        return a.plays != b.plays ? a.plays > b.plays : a.key < b.key;
    });
    return items;
}

QList<HouseholdItem> sharedItems(const QList<HouseholdItem> &items)
{
    QList<HouseholdItem> shared;
    std::copy_if(items.cbegin(), items.cend(), std::back_inserter(shared), [](const HouseholdItem &item) {
        return item.members.size() >= 2;
    });
    std::stable_sort(shared.begin(), shared.end(), [](const HouseholdItem &a, const HouseholdItem &b) {
        return a.members.size() > b.members.size();
    });
    return shared;
}

TasteOverlap tasteOverlap(const QList<HouseholdItem> &artists, qint64 memberA, qint64 memberB)
{
    TasteOverlap overlap;
    QList<std::pair<qint64, const HouseholdItem *>> shared;
    for (const HouseholdItem &artist : artists) {
        const qint64 a = playsOf(artist, memberA);
        const qint64 b = playsOf(artist, memberB);
        if (a > 0 || b > 0) {
            ++overlap.unionCount;
        }
        if (a > 0 && b > 0) {
            shared.append({std::min(a, b), &artist});
        }
    }
    overlap.sharedCount = shared.size();
    overlap.jaccard = overlap.unionCount == 0 ? 0.0 : double(overlap.sharedCount) / double(overlap.unionCount);
    std::sort(shared.begin(), shared.end(), [](const auto &x, const auto &y) {
        return x.first != y.first ? x.first > y.first : x.second->key < y.second->key;
    });
    for (const auto &[plays, artist] : shared) {
        HouseholdItem item = *artist;
        item.members.removeIf([&](const MemberPlays &member) {
            return member.memberId != memberA && member.memberId != memberB;
        });
        item.plays = playsOf(item, memberA) + playsOf(item, memberB);
        overlap.shared.append(item);
    }
    return overlap;
}

} // namespace hub
