#include "engine/ingest/syncrules.h"

#include <QCryptographicHash>
#include <QDateTime>

#include <algorithm>

namespace engine::syncrules
{

namespace
{

// Each field ends with the ASCII unit separator and each item with the record separator, so that ("ab", "c")
// and ("a", "bc") hash differently.
class Fingerprint
{
public:
    Fingerprint &add(const QString &field)
    {
        m_hash.addData(field.toUtf8());
        m_hash.addData(QByteArrayView("\x1f"));
        return *this;
    }
    Fingerprint &add(qint64 field)
    {
        return add(QString::number(field));
    }
    void endItem()
    {
        m_hash.addData(QByteArrayView("\x1e"));
    }
    QByteArray result() const
    {
        return m_hash.result().toHex();
    }

private:
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
};

} // namespace

std::optional<PlayGap> findPlayGap(std::optional<qint64> newestPolledMs, const QList<Play> &fetched, bool pageWasFull)
{
    if (!newestPolledMs || fetched.isEmpty() || !pageWasFull) {
        return std::nullopt;
    }
    const auto oldest = std::min_element(fetched.cbegin(), fetched.cend(), [](const Play &a, const Play &b) {
        return a.playedAtMs < b.playedAtMs;
    });
    if (oldest->playedAtMs <= *newestPolledMs) {
        return std::nullopt;
    }
    return PlayGap{*newestPolledMs, oldest->playedAtMs};
}

bool isDue(std::optional<qint64> lastMs, qint64 nowMs, std::chrono::milliseconds interval)
{
    // A clock set back must not postpone the work by however far it jumped.
    return !lastMs || nowMs - *lastMs >= interval.count() || nowMs < *lastMs;
}

bool takenOn(std::optional<qint64> lastMs, QDate today)
{
    return lastMs && QDateTime::fromMSecsSinceEpoch(*lastMs).date() == today;
}

bool isReadablePlaylist(const PlaylistSummary &playlist, const QString &userId)
{
    return playlist.collaborative || (!userId.isEmpty() && playlist.ownerId == userId);
}

QByteArray savedTracksSignature(int total, const QList<SavedTrack> &firstPage)
{
    Fingerprint fingerprint;
    fingerprint.add(total).endItem();
    for (const SavedTrack &saved : firstPage) {
        fingerprint.add(saved.track.spotifyId).add(saved.addedAtMs).endItem();
    }
    return fingerprint.result();
}

QByteArray followedArtistsSignature(const QList<Artist> &artists)
{
    Fingerprint fingerprint;
    for (const Artist &artist : artists) {
        fingerprint.add(artist.spotifyId).add(artist.name).add(artist.imageUrl).endItem();
    }
    return fingerprint.result();
}

QByteArray playlistsSignature(const QList<PlaylistSummary> &playlists)
{
    Fingerprint fingerprint;
    for (const PlaylistSummary &playlist : playlists) {
        fingerprint.add(playlist.spotifyId)
            .add(playlist.snapshotId)
            .add(playlist.name)
            .add(playlist.description)
            .add(playlist.ownerId)
            .add(playlist.ownerName)
            .add(playlist.collaborative ? 1 : 0)
            .add(playlist.isPublic ? (*playlist.isPublic ? 1 : 0) : -1)
            .add(playlist.itemCount)
            .add(playlist.imageUrl)
            .endItem();
    }
    return fingerprint.result();
}

int offsetPages(int total, int offset, int limit)
{
    if (limit <= 0 || total <= offset) {
        return 1;
    }
    return (total - offset + limit - 1) / limit;
}

} // namespace engine::syncrules
