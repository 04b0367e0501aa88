#include "engine/store/librarysnapshot.h"

#include "engine/store/outboxrepository.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace engine
{

namespace
{

constexpr auto SignatureKey = "library_snapshot_signature";

Result<QList<QVariantList>> rows(SqliteDatabase &database, const QByteArray &sql)
{
    auto statement = database.prepare(sql);
    if (!statement) {
        return statement.error();
    }
    return statement.value().query();
}

QJsonArray uris(const QList<QVariantList> &list, const QString &prefix)
{
    QJsonArray out;
    for (const QVariantList &row : list) {
        out.append(QString(prefix + row.at(0).toString()));
    }
    return out;
}

} // namespace

Result<QJsonObject> librarySnapshotPayload(SqliteDatabase &database, qint64 takenAtMs)
{
    // Only items with a Spotify id: the hub keys everything by URI. The hub takes at most 10,000 of each.
    const auto saved = rows(database,
                            "SELECT t.spotify_id FROM saved_tracks s JOIN tracks t ON t.id = s.track_id "
                            "WHERE t.spotify_id IS NOT NULL ORDER BY t.spotify_id LIMIT 10000");
    if (!saved) {
        return saved.error();
    }
    const auto followed =
        rows(database,
             "SELECT a.spotify_id, a.name FROM followed_artists f JOIN artists a ON a.id = f.artist_id "
             "WHERE a.spotify_id IS NOT NULL ORDER BY a.spotify_id LIMIT 10000");
    if (!followed) {
        return followed.error();
    }
    // The latest long-term list, as the concert search of the client reads it (engine/concerts loadUserArtists).
    const auto top = rows(database,
                          "SELECT a.spotify_id, a.name FROM top_snapshot_items i JOIN artists a ON a.id = i.artist_id "
                          "WHERE i.snapshot_id = (SELECT id FROM top_snapshots WHERE kind = 'artists' "
                          "AND time_range = 'long_term' ORDER BY taken_on DESC LIMIT 1) "
                          "AND a.spotify_id IS NOT NULL ORDER BY i.rank LIMIT 10000");
    if (!top) {
        return top.error();
    }
    const QString artistPrefix = QStringLiteral("spotify:artist:");
    QJsonArray names;
    QSet<QString> named;
    for (const auto *list : {&followed.value(), &top.value()}) {
        for (const QVariantList &row : *list) {
            const QString uri = artistPrefix + row.at(0).toString();
            if (!named.contains(uri) && names.size() < 10000) {
                named.insert(uri);
                names.append(QJsonObject{{QStringLiteral("uri"), uri}, {QStringLiteral("name"), row.at(1).toString()}});
            }
        }
    }
    return QJsonObject{{QStringLiteral("taken_at_ms"), takenAtMs},
                       {QStringLiteral("saved_tracks"), uris(saved.value(), QStringLiteral("spotify:track:"))},
                       {QStringLiteral("followed_artists"), uris(followed.value(), artistPrefix)},
                       {QStringLiteral("top_artists"), uris(top.value(), artistPrefix)},
                       {QStringLiteral("artists"), names}};
}

Result<std::optional<QString>> enqueueLibrarySnapshot(SqliteDatabase &database, qint64 takenAtMs)
{
    auto payload = librarySnapshotPayload(database, takenAtMs);
    if (!payload) {
        return payload.error();
    }
    QJsonObject library = payload.value();
    library.remove(QStringLiteral("taken_at_ms"));
    if (library.value(QStringLiteral("saved_tracks")).toArray().isEmpty()
        && library.value(QStringLiteral("followed_artists")).toArray().isEmpty()
        && library.value(QStringLiteral("top_artists")).toArray().isEmpty()) {
        return std::optional<QString>();
    }
    const QString signature = QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(library).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256)
            .toHex());
    std::optional<QString> queued;
    auto written = database.transaction([&]() -> Result<void> {
        auto last = database.prepare("SELECT value FROM cache_metadata WHERE key = ?1");
        if (!last) {
            return last.error();
        }
        const auto stored = last.value().query({QString::fromLatin1(SignatureKey)});
        if (!stored) {
            return stored.error();
        }
        if (!stored.value().isEmpty() && stored.value().constFirst().at(0).toString() == signature) {
            return {};
        }
        auto outbox = OutboxRepository::create(database);
        if (!outbox) {
            return outbox.error();
        }
        auto id = outbox.value().enqueue(OutboxKind::LibrarySnapshot, payload.value());
        if (!id) {
            return id.error();
        }
        if (auto saved = database.exec("INSERT INTO cache_metadata (key, value) VALUES (?1, ?2) ON CONFLICT (key) "
                                       "DO UPDATE SET value = excluded.value",
                                       {QString::fromLatin1(SignatureKey), signature});
            !saved) {
            return saved;
        }
        queued = id.value();
        return {};
    });
    if (!written) {
        return written.error();
    }
    return queued;
}

} // namespace engine
