#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>

#include <pqxx/connection>

namespace hub
{

class Database;
struct MemberSummary;

enum class ItemKind {
    Track,
    Artist,
};

// How often one member played one item (a track, or an artist of the tracks) since a moment.
struct MemberItemPlays {
    QString key; // the Spotify URI; for an artist synced without one, its name
    QString name;
    qint64 memberId = 0;
    qint64 plays = 0;
};

struct MemberPlays {
    qint64 memberId = 0;
    qint64 plays = 0;
};

// One item across a household: its plays in all and by member (most plays first, then lower member id).
struct HouseholdItem {
    QString key;
    QString name;
    qint64 plays = 0;
    QList<MemberPlays> members;
};

// The statements behind HouseholdStore::plays(): $1 the household, $2 the start in Unix
// milliseconds, $3 the ids of the household's members as a Postgres array. Each
// row: item key, item name, member id, plays.
extern const char *const householdTrackPlaysSql;
extern const char *const householdArtistPlaysSql;

// The household dashboards' SQL (GET /api/v1/household/…). Every statement is scoped by the household of
// the caller's device and takes its values as parameters (HB-3, HB-7).
class HouseholdStore
{
public:
    explicit HouseholdStore(Database &database);

    // Prepares the statements on a new connection (Store::prepare calls it).
    static void prepare(pqxx::connection &connection);

    // Plays per (item, member) of the household's members (memberIds: its members, from Store::members) since
    // sinceMs (Unix milliseconds).
    QList<MemberItemPlays> plays(qint64 householdId, const QList<qint64> &memberIds, ItemKind kind, qint64 sinceMs);

private:
    Database &m_database;
};

// The rows of plays() per item, most played first (ties by key).
QList<HouseholdItem> aggregateItems(const QList<MemberItemPlays> &rows);
// The items at least two members played: most members first, then most plays, then key.
QList<HouseholdItem> sharedItems(const QList<HouseholdItem> &items);

struct TasteOverlap {
    double jaccard = 0; // |A ∩ B| / |A ∪ B| of the artists each played; 0 when neither played any
    qint64 sharedCount = 0;
    qint64 unionCount = 0;
    // The artists both played, ranked by the plays of whichever of the two played it less, then key.
    QList<HouseholdItem> shared;
};

// The overlap between the artists of two members, from aggregateItems() of the household's artist plays.
TasteOverlap tasteOverlap(const QList<HouseholdItem> &artists, qint64 memberA, qint64 memberB);

// The members of a household as GET /api/v1/household and /api/v1/households/{id}/members list them.
QJsonArray membersJson(const QList<MemberSummary> &members);

} // namespace hub
