#include "engine/store/libraryrepository.h"
#include "engine/store/namekey.h"
#include "engine/store/outboxrepository.h"
#include "engine/store/playrepository.h"
#include "engine/store/store.h"
#include "engine/store/syncstaterepository.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace engine;

namespace
{

// The message of a failed Result, for QVERIFY2 (which evaluates its message even when the check passes).
template<typename T>
QByteArray why(const Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

constexpr qint64 t0 = 1'760'000'000'000; // a play's end time, Unix ms

Track fullTrack(const QString &id, const QString &name, const QString &artistId, const QString &artistName)
{
    Track track;
    track.spotifyId = id;
    track.name = name;
    track.artists = {ArtistRef{artistId, artistName}};
    track.album.spotifyId = QStringLiteral("album-") + id;
    track.album.name = name + QStringLiteral(" (Album)");
    track.album.albumType = QStringLiteral("album");
    track.album.releaseDate = QStringLiteral("2001-03-12");
    track.album.releaseDatePrecision = QStringLiteral("day");
    track.album.totalTracks = 14;
    track.album.artists = track.artists;
    track.durationMs = 320'000;
    track.isExplicit = true;
    track.discNumber = 1;
    track.trackNumber = 3;
    track.isrc = QStringLiteral("GBDUW0000059");
    return track;
}

// What a row of the privacy export carries: a track URI (or none), and names for the rest.
Track importedTrack(const QString &id, const QString &name, const QString &albumName, const QString &artistName)
{
    Track track;
    track.spotifyId = id;
    track.name = name;
    track.album.name = albumName;
    track.artists = {ArtistRef{QString(), artistName}};
    return track;
}

Play polled(const Track &track, qint64 playedAtMs)
{
    Play play;
    play.track = track;
    play.playedAtMs = playedAtMs;
    play.source = Play::Source::Polled;
    play.contextUri = QStringLiteral("spotify:playlist:37i9dQZF1DXcBWIGoYBM5M");
    play.contextType = QStringLiteral("playlist");
    return play;
}

Play imported(const Track &track, qint64 playedAtMs, qint64 msPlayed)
{
    Play play;
    play.track = track;
    play.playedAtMs = playedAtMs;
    play.msPlayed = msPlayed;
    play.source = Play::Source::Imported;
    play.skipped = msPlayed < 30'000;
    play.shuffle = true;
    play.offline = false;
    return play;
}

} // namespace

class TestRepositories : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<Store> m_store;
    std::optional<LibraryRepository> m_library;
    std::optional<PlayRepository> m_plays;
    std::optional<SyncStateRepository> m_sync;
    std::optional<OutboxRepository> m_outbox;

    SqliteDatabase &db()
    {
        return m_store->database();
    }

    qint64 count(const QByteArray &sql)
    {
        const auto value = db().scalar(sql);
        return value ? value.value().toLongLong() : -1;
    }

    QList<QVariantList> rows(const QByteArray &sql, const QVariantList &parameters = {})
    {
        auto statement = db().prepare(sql);
        if (!statement) {
            return {};
        }
        const auto result = statement.value().query(parameters);
        return result ? result.value() : QList<QVariantList>();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        // A fresh cache for every test and data row.
        Store::Outcome outcome = Store::open(m_dir.filePath(QString::number(++m_run)));
        QVERIFY2(outcome.store, qPrintable(outcome.status.message));
        m_store = std::move(outcome.store);
        auto library = LibraryRepository::create(db());
        QVERIFY2(library, why(library).constData());
        m_library.emplace(std::move(library).value());
        auto plays = PlayRepository::create(db(), *m_library);
        QVERIFY2(plays, why(plays).constData());
        m_plays.emplace(std::move(plays).value());
        auto sync = SyncStateRepository::create(db());
        QVERIFY2(sync, why(sync).constData());
        m_sync.emplace(std::move(sync).value());
        auto outbox = OutboxRepository::create(db());
        QVERIFY2(outbox, why(outbox).constData());
        m_outbox.emplace(std::move(outbox).value());
    }

    void cleanup()
    {
        if (m_store) {
            QCOMPARE(rows("PRAGMA foreign_key_check"), QList<QVariantList>());
            QVERIFY(db().isAutocommit());
        }
        m_outbox.reset();
        m_sync.reset();
        m_plays.reset();
        m_library.reset();
        m_store.reset();
    }

    void nameKeys_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("key");
        QTest::addRow("latin-accents") << QStringLiteral("Beyoncé") << QStringLiteral("beyonce");
        QTest::addRow("case-and-whitespace") << QStringLiteral("  Sigur \t RÓS ") << QStringLiteral("sigur ros");
        QTest::addRow("no-break-space") << QStringLiteral("Röyksopp\u00a0Forever")
                                        << QStringLiteral("royksopp forever");
        QTest::addRow("full-width") << QStringLiteral("ＡＢＢＡ") << QStringLiteral("abba");
        QTest::addRow("ligature") << QStringLiteral("ﬁve") << QStringLiteral("five");
        QTest::addRow("cyrillic") << QStringLiteral("Ёлка") << QStringLiteral("елка");
        QTest::addRow("greek") << QStringLiteral("Άλκηστις") << QStringLiteral("αλκηστισ");
        QTest::addRow("kana-voicing-kept") << QStringLiteral("ガールズ") << QStringLiteral("ガールズ");
        QTest::addRow("half-width-kana") << QStringLiteral("ｶﾞｰﾙｽﾞ") << QStringLiteral("ガールズ");
        QTest::addRow("hangul") << QStringLiteral("방탄소년단") << QStringLiteral("방탄소년단");
        QTest::addRow("emoji") << QStringLiteral("\U0001F600 Smile") << QStringLiteral("\U0001F600 smile");
        QTest::addRow("leading-the-kept") << QStringLiteral("The Beatles") << QStringLiteral("the beatles");
    }

    void nameKeys()
    {
        QFETCH(QString, name);
        QFETCH(QString, key);
        QCOMPARE(nameKey(name), key);
    }

    void voicingMarksKeepKanaApart()
    {
        QVERIFY(nameKey(QStringLiteral("ガールズ")) != nameKey(QStringLiteral("カールズ")));
    }

    void artistsAreUpsertedBySpotifyId()
    {
        const auto first = m_library->upsertArtist(Artist{QStringLiteral("4tZwfgrHOc3mvqYlEYSvVi"),
                                                          QStringLiteral("Daft Punk"),
                                                          QStringLiteral("https://i/1"),
                                                          {}});
        QVERIFY(first);
        const auto again =
            m_library->upsertArtist(ArtistRef{QStringLiteral("4tZwfgrHOc3mvqYlEYSvVi"), QStringLiteral("Daft Punk!")});
        QVERIFY(again);
        QCOMPARE(again.value(), first.value());
        QCOMPARE(rows("SELECT name, image_url FROM artists"),
                 (QList<QVariantList>{{QStringLiteral("Daft Punk!"), QStringLiteral("https://i/1")}}));
    }

    void nameOnlyArtistsMatchByKeyAndAreTakenOverByAnId()
    {
        const auto plain = m_library->upsertArtist(ArtistRef{QString(), QStringLiteral("Sigur Rós")});
        const auto shouted = m_library->upsertArtist(ArtistRef{QString(), QStringLiteral("SIGUR  ROS")});
        QVERIFY(plain && shouted);
        QCOMPARE(shouted.value(), plain.value());

        const auto identified = m_library->upsertArtist(
            Artist{QStringLiteral("6UUrUCIZtQeOf8tC0WuzRy"), QStringLiteral("Sigur Rós"), {}, {}});
        QVERIFY(identified);
        QCOMPARE(identified.value(), plain.value());
        const auto later = m_library->upsertArtist(ArtistRef{QString(), QStringLiteral("sigur rós")});
        QCOMPARE(later.value(), plain.value());
        QCOMPARE(count("SELECT count(*) FROM artists"), 1);
        QCOMPARE(count("SELECT count(*) FROM artists WHERE spotify_id = '6UUrUCIZtQeOf8tC0WuzRy'"), 1);

        QCOMPARE(m_library->upsertArtist(ArtistRef{QString(), QStringLiteral("  ")}).error().code,
                 Error::Code::InvalidInput);
    }

    void albumsAreUpsertedBySpotifyIdOrByNameAndArtist()
    {
        Album album;
        album.spotifyId = QStringLiteral("2noRn2Aes5aoNVsU6iWThc");
        album.name = QStringLiteral("Discovery");
        album.albumType = QStringLiteral("album");
        album.totalTracks = 14;
        album.artists = {ArtistRef{QStringLiteral("4tZwfgrHOc3mvqYlEYSvVi"), QStringLiteral("Daft Punk")}};
        const auto id = m_library->upsertAlbum(album);
        QVERIFY2(id, why(id).constData());
        Album sparse = album; // as a simplified album object: fewer fields, none of them erased
        sparse.albumType.clear();
        sparse.totalTracks = 0;
        QCOMPARE(m_library->upsertAlbum(sparse).value(), id.value());
        QCOMPARE(rows("SELECT album_type, total_tracks FROM albums"),
                 (QList<QVariantList>{{QStringLiteral("album"), 14LL}}));

        const Album nameOnly{{},
                             QStringLiteral("DISCOVERY"),
                             {},
                             {},
                             {},
                             0,
                             {},
                             {},
                             {ArtistRef{{}, QStringLiteral("Daft Punk")}}};
        QCOMPARE(m_library->upsertAlbum(nameOnly).value(), id.value());
        QCOMPARE(count("SELECT count(*) FROM albums"), 1);
        const Album withoutArtist{{}, QStringLiteral("Homework"), {}, {}, {}, 0, {}, {}, {}};
        QCOMPARE(m_library->upsertAlbum(withoutArtist).error().code, Error::Code::InvalidInput);
    }

    void tracksAreUpsertedWithAlbumAndArtists()
    {
        Track track = fullTrack(QStringLiteral("0DiWol3AO6WpXZgp0goxAV"),
                                QStringLiteral("One More Time"),
                                QStringLiteral("4tZwfgrHOc3mvqYlEYSvVi"),
                                QStringLiteral("Daft Punk"));
        track.artists.append(ArtistRef{QStringLiteral("0hEurMDQu99nJRq8pTxO14"), QStringLiteral("Romanthony")});
        const auto first = m_library->upsertTrack(track);
        QVERIFY2(first, why(first).constData());
        const auto again = m_library->upsertTrack(track);
        QCOMPARE(again.value(), first.value());
        QCOMPARE(count("SELECT count(*) FROM tracks"), 1);
        QCOMPARE(count("SELECT count(*) FROM albums"), 1);
        QCOMPARE(count("SELECT count(*) FROM artists"), 2);
        QCOMPARE(rows("SELECT a.spotify_id FROM track_artists ta JOIN artists a ON a.id = ta.artist_id "
                      "ORDER BY ta.position"),
                 (QList<QVariantList>{{QStringLiteral("4tZwfgrHOc3mvqYlEYSvVi")},
                                      {QStringLiteral("0hEurMDQu99nJRq8pTxO14")}}));
        QCOMPARE(rows("SELECT duration_ms, explicit, disc_number, track_number, isrc, is_local FROM tracks"),
                 (QList<QVariantList>{{320'000LL, 1LL, 1LL, 3LL, QStringLiteral("GBDUW0000059"), 0LL}}));
        QCOMPARE(count("SELECT count(*) FROM album_artists"), 1);

        QCOMPARE(m_library->upsertTrack(Track{}).error().code, Error::Code::InvalidInput);
    }

    void anImportedRowDoesNotUndoASyncedTrack()
    {
        const Track synced = fullTrack(QStringLiteral("0DiWol3AO6WpXZgp0goxAV"),
                                       QStringLiteral("One More Time"),
                                       QStringLiteral("4tZwfgrHOc3mvqYlEYSvVi"),
                                       QStringLiteral("Daft Punk"));
        const auto id = m_library->upsertTrack(synced);
        QVERIFY(id);
        const auto before = rows("SELECT album_id, duration_ms, explicit, isrc FROM tracks");

        const auto again = m_library->upsertTrack(importedTrack(synced.spotifyId,
                                                                synced.name,
                                                                QStringLiteral("Discovery"),
                                                                QStringLiteral("Daft Punk (Live)")));
        QVERIFY2(again, why(again).constData());
        QCOMPARE(again.value(), id.value());
        QCOMPARE(rows("SELECT album_id, duration_ms, explicit, isrc FROM tracks"), before);
        QCOMPARE(rows("SELECT a.spotify_id FROM track_artists ta JOIN artists a ON a.id = ta.artist_id"),
                 (QList<QVariantList>{{QStringLiteral("4tZwfgrHOc3mvqYlEYSvVi")}}));
        QCOMPARE(count("SELECT count(*) FROM albums"), 1);
        QCOMPARE(count("SELECT count(*) FROM artists"), 1);
    }

    void importedTracksSkipTheLookupsOnlyWhenNothingCanMatch()
    {
        // Before the import: a name-only track (Account data) and a synced one.
        const auto nameOnly = m_library->upsertTrack(importedTrack(QString(),
                                                                   QStringLiteral("Hoppípolla"),
                                                                   QStringLiteral("Takk..."),
                                                                   QStringLiteral("Sigur Rós")));
        QVERIFY2(nameOnly, why(nameOnly).constData());
        const auto synced = m_library->upsertTrack(fullTrack(QStringLiteral("0DiWol3AO6WpXZgp0goxAV"),
                                                             QStringLiteral("One More Time"),
                                                             QStringLiteral("4tZwfgrHOc3mvqYlEYSvVi"),
                                                             QStringLiteral("Daft Punk")));
        QVERIFY2(synced, why(synced).constData());
        const qint64 artist =
            count("SELECT artist_id FROM track_artists WHERE track_id = " + QByteArray::number(nameOnly.value()));
        const QVariant album = rows("SELECT album_id FROM tracks WHERE id = ?1", {nameOnly.value()}).value(0).value(0);

        QVERIFY(db().transaction([&]() -> Result<void> {
            if (auto begun = m_library->beginTrackImport(); !begun) {
                return begun;
            }
            const auto upsert = [&](const QString &id, const QString &name) {
                return m_library->upsertImportedTrack(
                    importedTrack(id, name, QStringLiteral("Takk..."), QStringLiteral("Sigur Rós")),
                    {artist},
                    album);
            };
            // The export's row of the name-only track takes it over, as upsertTrack() would.
            const auto claimed = upsert(QStringLiteral("6eTGxxQxiTFE6LfZHC33Wm"), QStringLiteral("Hoppípolla"));
            [&] {
                QVERIFY2(claimed, why(claimed).constData());
                QCOMPARE(claimed.value(), nameOnly.value());
            }();
            // A known Spotify id is that track.
            const auto known = upsert(QStringLiteral("0DiWol3AO6WpXZgp0goxAV"), QStringLiteral("One More Time"));
            [&] {
                QVERIFY2(known, why(known).constData());
                QCOMPARE(known.value(), synced.value());
            }();
            // A new one is inserted with its artist, and is known from then on.
            const auto added = upsert(QStringLiteral("3AJwUDP919kvQ9QcozQPxg"), QStringLiteral("Sæglópur"));
            const auto again = upsert(QStringLiteral("3AJwUDP919kvQ9QcozQPxg"), QStringLiteral("Sæglópur"));
            [&] {
                QVERIFY2(added, why(added).constData());
                QVERIFY2(again, why(again).constData());
                QCOMPARE(again.value(), added.value());
            }();
            // A name-only track created during the import can be taken over too.
            const auto later = m_library->upsertTrack(importedTrack(QString(),
                                                                    QStringLiteral("Glósóli"),
                                                                    QStringLiteral("Takk..."),
                                                                    QStringLiteral("Sigur Rós")));
            const auto laterClaimed = upsert(QStringLiteral("5PnxvJ4gHKvFdvvmOFgGF9"), QStringLiteral("Glósóli"));
            [&] {
                QVERIFY2(later, why(later).constData());
                QVERIFY2(laterClaimed, why(laterClaimed).constData());
                QCOMPARE(laterClaimed.value(), later.value());
            }();
            return {};
        }));
        QCOMPARE(count("SELECT count(*) FROM tracks"), 4);
        QCOMPARE(count("SELECT count(*) FROM tracks WHERE spotify_id IS NULL"), 0);
        QCOMPARE(count("SELECT count(*) FROM track_artists ta JOIN tracks t ON t.id = ta.track_id "
                       "WHERE t.spotify_id = '3AJwUDP919kvQ9QcozQPxg' AND ta.position = 0 AND ta.artist_id = "
                       + QByteArray::number(artist)),
                 1);
    }

    void nameOnlyTracksAreMatchedAndTakenOverBySync()
    {
        const Track fromExport = importedTrack(QString(),
                                               QStringLiteral("Hoppípolla"),
                                               QStringLiteral("Takk..."),
                                               QStringLiteral("Sigur Rós"));
        const auto first = m_library->upsertTrack(fromExport);
        QVERIFY2(first, why(first).constData());
        Track respelled = fromExport;
        respelled.name = QStringLiteral("HOPPIPOLLA");
        respelled.album.name = QStringLiteral("takk...");
        respelled.artists = {ArtistRef{QString(), QStringLiteral("Sigur Ros")}};
        QCOMPARE(m_library->upsertTrack(respelled).value(), first.value());
        QCOMPARE(count("SELECT count(*) FROM tracks"), 1);
        QCOMPARE(count("SELECT count(*) FROM albums"), 1);
        QCOMPARE(count("SELECT count(*) FROM artists"), 1);

        Track synced = fullTrack(QStringLiteral("6eTGxxQxiTFE6LfZHC33Wm"),
                                 QStringLiteral("Hoppípolla"),
                                 QStringLiteral("6UUrUCIZtQeOf8tC0WuzRy"),
                                 QStringLiteral("Sigur Rós"));
        synced.album.name = QStringLiteral("Takk...");
        const auto claimed = m_library->upsertTrack(synced);
        QVERIFY2(claimed, why(claimed).constData());
        QCOMPARE(claimed.value(), first.value());
        QCOMPARE(count("SELECT count(*) FROM tracks WHERE spotify_id IS NOT NULL"), 1);
        QCOMPARE(count("SELECT count(*) FROM albums WHERE spotify_id IS NOT NULL"), 1);
        QCOMPARE(count("SELECT count(*) FROM artists WHERE spotify_id IS NOT NULL"), 1);
        QCOMPARE(count("SELECT count(*) FROM tracks") + count("SELECT count(*) FROM albums")
                     + count("SELECT count(*) FROM artists"),
                 3);
    }

    void theProfileIsUpserted()
    {
        UserProfile profile{QStringLiteral("acc-1"), QStringLiteral("wizzler"), QStringLiteral("Wiz"), {}, {}};
        const auto first = m_library->saveProfile(profile);
        QVERIFY(first);
        profile.displayName = QStringLiteral("Wizzler");
        QCOMPARE(m_library->saveProfile(profile).value(), first.value());
        QCOMPARE(rows("SELECT account_id, display_name, image_url FROM users"),
                 (QList<QVariantList>{{QStringLiteral("acc-1"), QStringLiteral("Wizzler"), QVariant()}}));
        QCOMPARE(m_library->saveProfile(UserProfile{}).error().code, Error::Code::InvalidInput);
    }

    void savedTracksAreReplaced()
    {
        const Track a = fullTrack(QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("x"), QStringLiteral("X"));
        const Track b = fullTrack(QStringLiteral("b"), QStringLiteral("B"), QStringLiteral("x"), QStringLiteral("X"));
        const Track c = fullTrack(QStringLiteral("c"), QStringLiteral("C"), QStringLiteral("y"), QStringLiteral("Y"));
        QVERIFY(m_library->replaceSavedTracks({SavedTrack{a, 100}, SavedTrack{b, 200}}));
        QVERIFY(m_library->replaceSavedTracks({SavedTrack{b, 250}, SavedTrack{c, 300}}));
        QCOMPARE(rows("SELECT t.spotify_id, s.added_at_ms FROM saved_tracks s JOIN tracks t ON t.id = s.track_id "
                      "ORDER BY t.spotify_id"),
                 (QList<QVariantList>{{QStringLiteral("b"), 250LL}, {QStringLiteral("c"), 300LL}}));
        QVERIFY(m_library->replaceSavedTracks({}));
        QCOMPARE(count("SELECT count(*) FROM saved_tracks"), 0);
        QCOMPARE(count("SELECT count(*) FROM tracks"), 3);
    }

    void followedArtistsAreReplacedKeepingWhenFirstSeen()
    {
        const Artist x{QStringLiteral("x"), QStringLiteral("X"), {}, {}};
        const Artist y{QStringLiteral("y"), QStringLiteral("Y"), {}, {}};
        const Artist z{QStringLiteral("z"), QStringLiteral("Z"), {}, {}};
        QVERIFY(m_library->replaceFollowedArtists({x, y}));
        QVERIFY(db().exec("UPDATE followed_artists SET seen_at_ms = 1"));
        QVERIFY(m_library->replaceFollowedArtists({x, z}));
        const auto followed = rows("SELECT a.spotify_id, f.seen_at_ms = 1 FROM followed_artists f JOIN artists a ON "
                                   "a.id = f.artist_id ORDER BY a.spotify_id");
        QCOMPARE(followed, (QList<QVariantList>{{QStringLiteral("x"), 1LL}, {QStringLiteral("z"), 0LL}}));
    }

    void playlistItemsAreReplacedOnlyWhenTheSnapshotChanges()
    {
        const Track a = fullTrack(QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("x"), QStringLiteral("X"));
        const Track b = fullTrack(QStringLiteral("b"), QStringLiteral("B"), QStringLiteral("x"), QStringLiteral("X"));
        const Track c = fullTrack(QStringLiteral("c"), QStringLiteral("C"), QStringLiteral("y"), QStringLiteral("Y"));
        PlaylistSummary playlist;
        playlist.spotifyId = QStringLiteral("pl1");
        playlist.name = QStringLiteral("Road trip");
        playlist.ownerId = QStringLiteral("wizzler");
        playlist.isPublic = false;
        playlist.snapshotId = QStringLiteral("s1");
        playlist.itemCount = 2;

        QCOMPARE(m_library->playlistSnapshotId(playlist.spotifyId).value(), QString());
        const auto id =
            m_library->savePlaylist(playlist,
                                    {PlaylistEntry{a, 10, QStringLiteral("wizzler")}, PlaylistEntry{b, 20, {}}});
        QVERIFY2(id, why(id).constData());
        const QByteArray items = "SELECT i.position, t.spotify_id FROM playlist_items i LEFT JOIN tracks t ON t.id = "
                                 "i.track_id ORDER BY i.position";
        const QList<QVariantList> firstItems{{0LL, QStringLiteral("a")}, {1LL, QStringLiteral("b")}};
        QCOMPARE(rows(items), firstItems);

        playlist.name = QStringLiteral("Road trip 2026");
        QCOMPARE(m_library->savePlaylist(playlist, {PlaylistEntry{c, 30, {}}}).value(), id.value());
        QCOMPARE(rows(items), firstItems);
        QCOMPARE(count("SELECT count(*) FROM playlists WHERE name = 'Road trip 2026'"), 1);

        playlist.snapshotId = QStringLiteral("s2");
        PlaylistEntry episode; // an episode Spotify serves without an id or a name we keep
        QVERIFY(m_library->savePlaylist(playlist, {PlaylistEntry{c, 30, {}}, episode}));
        QCOMPARE(rows(items), (QList<QVariantList>{{0LL, QStringLiteral("c")}, {1LL, QVariant()}}));
        QCOMPARE(m_library->playlistSnapshotId(playlist.spotifyId).value(), QStringLiteral("s2"));

        QCOMPARE(m_library->removePlaylistsNotIn({playlist.spotifyId}).value(), 0);
        QCOMPARE(m_library->removePlaylistsNotIn({QStringLiteral("other")}).value(), 1);
        QCOMPARE(count("SELECT count(*) FROM playlists"), 0);
        QCOMPARE(count("SELECT count(*) FROM playlist_items"), 0);
    }

    void topSnapshotsAreKeptOncePerDay()
    {
        const QDate day(2026, 3, 1);
        const Artist a{QStringLiteral("a"), QStringLiteral("A"), {}, {}};
        const Artist b{QStringLiteral("b"), QStringLiteral("B"), {}, {}};
        const Artist c{QStringLiteral("c"), QStringLiteral("C"), {}, {}};
        QVERIFY(m_library->saveTopSnapshot(TopRange::ShortTerm, day, QList<Artist>{a, b}));
        QVERIFY(m_library->saveTopSnapshot(TopRange::ShortTerm, day, QList<Artist>{c, a}));
        QVERIFY(m_library->saveTopSnapshot(TopRange::ShortTerm, day.addDays(1), QList<Artist>{b}));
        QVERIFY(m_library->saveTopSnapshot(TopRange::LongTerm, day, QList<Artist>{a}));
        const Track t = fullTrack(QStringLiteral("t"), QStringLiteral("T"), QStringLiteral("a"), QStringLiteral("A"));
        QVERIFY(m_library->saveTopSnapshot(TopRange::ShortTerm, day, QList<Track>{t}));

        QCOMPARE(rows("SELECT s.kind, s.time_range, s.taken_on, i.rank, coalesce(a.spotify_id, t.spotify_id) FROM "
                      "top_snapshots s JOIN top_snapshot_items i ON i.snapshot_id = s.id LEFT JOIN artists a ON a.id "
                      "= i.artist_id LEFT JOIN tracks t ON t.id = i.track_id ORDER BY s.kind, s.time_range, "
                      "s.taken_on, i.rank"),
                 (QList<QVariantList>{
                     {QStringLiteral("artists"),
                      QStringLiteral("long_term"),
                      QStringLiteral("2026-03-01"),
                      1LL,
                      QStringLiteral("a")},
                     {QStringLiteral("artists"),
                      QStringLiteral("short_term"),
                      QStringLiteral("2026-03-01"),
                      1LL,
                      QStringLiteral("c")},
                     {QStringLiteral("artists"),
                      QStringLiteral("short_term"),
                      QStringLiteral("2026-03-01"),
                      2LL,
                      QStringLiteral("a")},
                     {QStringLiteral("artists"),
                      QStringLiteral("short_term"),
                      QStringLiteral("2026-03-02"),
                      1LL,
                      QStringLiteral("b")},
                     {QStringLiteral("tracks"),
                      QStringLiteral("short_term"),
                      QStringLiteral("2026-03-01"),
                      1LL,
                      QStringLiteral("t")},
                 }));
        QCOMPARE(m_library->saveTopSnapshot(TopRange::ShortTerm, QDate(), QList<Artist>{a}).error().code,
                 Error::Code::InvalidInput);
    }

    void countsCoverEveryKindOfRow()
    {
        QCOMPARE(m_library->counts().value(), LibraryCounts{});
        const Track a = fullTrack(QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("x"), QStringLiteral("X"));
        QVERIFY(m_library->saveProfile(UserProfile{{}, QStringLiteral("wizzler"), {}, {}, {}}));
        QVERIFY(m_library->replaceSavedTracks({SavedTrack{a, 1}}));
        QVERIFY(m_library->replaceFollowedArtists({Artist{QStringLiteral("y"), QStringLiteral("Y"), {}, {}}}));
        QVERIFY(m_library->savePlaylist(
            PlaylistSummary{QStringLiteral("p"), QStringLiteral("P"), {}, {}, {}, false, {}, {}, 0, {}},
            {}));
        QVERIFY(m_plays->insertPlays({polled(a, t0), polled(a, t0 + 400'000)}));
        QVERIFY(m_outbox->enqueue(OutboxKind::Play, QJsonObject{{QStringLiteral("n"), 1}}));
        // Each new polled play queued an event too.
        QCOMPARE(m_library->counts().value(), (LibraryCounts{1, 2, 1, 2, 1, 1, 1, 3}));
    }

    void playsAreIdempotent()
    {
        const Track a = fullTrack(QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("x"), QStringLiteral("X"));
        const Track b = fullTrack(QStringLiteral("b"), QStringLiteral("B"), QStringLiteral("x"), QStringLiteral("X"));
        QCOMPARE(m_plays->latestPolledPlayAtMs().value(), std::nullopt);
        const QList<Play> batch{polled(a, t0 + 500'000), polled(b, t0), polled(a, t0)};
        QCOMPARE(m_plays->insertPlays(batch).value(), 3);
        QCOMPARE(m_plays->insertPlays(batch).value(), 0);
        QCOMPARE(count("SELECT count(*) FROM plays"), 3);
        QCOMPARE(m_plays->latestPolledPlayAtMs().value(), std::optional<qint64>(t0 + 500'000));
    }

    void importedPlaysMergeWithinNinetySeconds_data()
    {
        QTest::addColumn<qint64>("offsetMs");
        QTest::addColumn<bool>("merges");
        QTest::addRow("same-time") << qint64(0) << true;
        QTest::addRow("60s-later") << qint64(60'000) << true;
        QTest::addRow("90s-earlier") << qint64(-90'000) << true;
        QTest::addRow("90s-later") << qint64(90'000) << true;
        QTest::addRow("90.001s-later") << qint64(90'001) << false;
        QTest::addRow("90.001s-earlier") << qint64(-90'001) << false;
    }

    void importedPlaysMergeWithinNinetySeconds()
    {
        QFETCH(qint64, offsetMs);
        QFETCH(bool, merges);
        const Track track =
            fullTrack(QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("x"), QStringLiteral("X"));
        QCOMPARE(m_plays->insertPlays({polled(track, t0)}).value(), 1);
        const Track fromExport =
            importedTrack(QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("A (Album)"), QStringLiteral("X"));
        const QList<Play> import{imported(fromExport, t0 + offsetMs, 12'000)};

        QCOMPARE(m_plays->insertPlays(import).value(), merges ? 0 : 1);
        QCOMPARE(m_plays->insertPlays(import).value(), 0);
        QCOMPARE(count("SELECT count(*) FROM plays"), merges ? 1 : 2);
        if (merges) {
            QCOMPARE(rows("SELECT played_at_ms, source, ms_played, skipped, shuffle, offline, context_type FROM plays"),
                     (QList<QVariantList>{
                         {t0, QStringLiteral("polled"), 12'000LL, 1LL, 1LL, 0LL, QStringLiteral("playlist")}}));
        }
        QCOMPARE(count("SELECT count(*) FROM tracks"), 1);
    }

    void aSecondListenInsideTheWindowIsKept()
    {
        const Track track =
            fullTrack(QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("x"), QStringLiteral("X"));
        QCOMPARE(m_plays->insertPlays({polled(track, t0)}).value(), 1);
        // Played to the end (the poll saw it), then started again and skipped after 25 s.
        const QList<Play> import{imported(track, t0 + 25'000, 25'000), imported(track, t0 - 1'000, 318'000)};
        QCOMPARE(m_plays->insertPlays(import).value(), 1);
        QCOMPARE(m_plays->insertPlays(import).value(), 0);
        QCOMPARE(rows("SELECT played_at_ms, source, ms_played FROM plays ORDER BY played_at_ms"),
                 (QList<QVariantList>{{t0, QStringLiteral("polled"), 318'000LL},
                                      {t0 + 25'000, QStringLiteral("imported"), 25'000LL}}));
    }

    void aPolledPlayTakesOverAnImportedOne()
    {
        const Track track =
            fullTrack(QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("x"), QStringLiteral("X"));
        const QList<Play> import{imported(track, t0, 318'000)};
        QCOMPARE(m_plays->insertPlays(import).value(), 1);
        const QList<Play> poll{polled(track, t0 + 1'500)};
        QCOMPARE(m_plays->insertPlays(poll).value(), 0);
        QCOMPARE(m_plays->insertPlays(poll).value(), 0);
        QCOMPARE(m_plays->insertPlays(import).value(), 0);
        QCOMPARE(rows("SELECT played_at_ms, source, ms_played, context_type FROM plays"),
                 (QList<QVariantList>{{t0 + 1'500, QStringLiteral("polled"), 318'000LL, QStringLiteral("playlist")}}));
        QCOMPARE(m_plays->latestPolledPlayAtMs().value(), std::optional<qint64>(t0 + 1'500));
    }

    void playsOfOtherTracksNeverMerge()
    {
        const Track a = fullTrack(QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("x"), QStringLiteral("X"));
        const Track b = fullTrack(QStringLiteral("b"), QStringLiteral("B"), QStringLiteral("x"), QStringLiteral("X"));
        QCOMPARE(m_plays->insertPlays({polled(a, t0), imported(b, t0 + 1'000, 200'000)}).value(), 2);
    }

    void aFailingPlayRollsBackTheWholeBatch()
    {
        const Track a = fullTrack(QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("x"), QStringLiteral("X"));
        const auto result = m_plays->insertPlays({polled(a, t0), polled(Track{}, t0 + 1)});
        QVERIFY(!result);
        QCOMPARE(result.error().code, Error::Code::InvalidInput);
        QCOMPARE(count("SELECT count(*) FROM plays"), 0);
        QCOMPARE(count("SELECT count(*) FROM tracks"), 0);
    }

    void repositoriesComposeIntoOneTransaction()
    {
        const Track a = fullTrack(QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("x"), QStringLiteral("X"));
        const auto abandoned = db().transaction([&]() -> Result<void> {
            if (const auto plays = m_plays->insertPlays({polled(a, t0)}); !plays) {
                return plays.error();
            }
            if (const auto queued = m_outbox->enqueue(OutboxKind::Play, {}); !queued) {
                return queued.error();
            }
            if (auto cursor = m_sync->setCursor(QStringLiteral("recently_played"), QStringLiteral("c1")); !cursor) {
                return cursor;
            }
            return Error{Error::Code::Network, QStringLiteral("the upload failed")};
        });
        QCOMPARE(abandoned.error().code, Error::Code::Network);
        QVERIFY(db().isAutocommit());
        QCOMPARE(m_library->counts().value(), LibraryCounts{});
        QCOMPARE(m_sync->all().value(), QList<SyncState>{});
    }

    // Stands in for SQLite rolling back by itself (after SQLITE_FULL or an I/O error) without the work noticing.
    void aTransactionRolledBackUnderneathIsNeitherContinuedNorCommitted()
    {
        const auto continued = db().transaction([this]() -> Result<void> {
            if (auto rolledBack = db().exec("INSERT INTO sync_gaps (from_ms, to_ms, detected_at_ms) VALUES (1, 2, 3); "
                                            "ROLLBACK");
                !rolledBack) {
                return rolledBack;
            }
            return m_sync->recordGap(4, 5);
        });
        QCOMPARE(continued.error().code, Error::Code::Storage);
        const auto committed = db().transaction([this] {
            return db().exec("INSERT INTO sync_gaps (from_ms, to_ms, detected_at_ms) VALUES (1, 2, 3); ROLLBACK");
        });
        QCOMPARE(committed.error().code, Error::Code::Storage);
        QVERIFY2(committed.error().message.contains(QStringLiteral("abandoned")), why(committed).constData());
        QCOMPARE(count("SELECT count(*) FROM sync_gaps"), 0);
    }

    void syncStateIsKeptPerResource()
    {
        const QString recent = QStringLiteral("recently_played");
        QCOMPARE(m_sync->state(recent).value(), (SyncState{recent, {}, {}, {}, {}, {}}));
        QVERIFY(m_sync->setCursor(recent, QStringLiteral("1760000000000")));
        QVERIFY(m_sync->recordAttempt(recent, 10));
        QVERIFY(m_sync->recordFailure(recent, 11, QStringLiteral("Spotify answered 503")));
        QCOMPARE(
            m_sync->state(recent).value(),
            (SyncState{recent, QStringLiteral("1760000000000"), {}, 11, {}, QStringLiteral("Spotify answered 503")}));
        QVERIFY(m_sync->recordSuccess(recent, 12));
        QVERIFY(m_sync->setSnapshot(QStringLiteral("playlists"), QStringLiteral("snap")));
        QCOMPARE(m_sync->all().value(),
                 (QList<SyncState>{SyncState{QStringLiteral("playlists"), {}, QStringLiteral("snap"), {}, {}, {}},
                                   SyncState{recent, QStringLiteral("1760000000000"), {}, 12, 12, {}}}));
    }

    void syncGapsAreListedOldestFirst()
    {
        QVERIFY(m_sync->recordGap(100, 200));
        QVERIFY(m_sync->recordGap(10, 10));
        QCOMPARE(m_sync->recordGap(5, 4).error().code, Error::Code::InvalidInput);
        const auto gaps = m_sync->gaps();
        QVERIFY(gaps);
        QCOMPARE(gaps.value().size(), 2);
        QCOMPARE(gaps.value().at(0).fromMs, 10);
        QCOMPARE(gaps.value().at(1).toMs, 200);
        QVERIFY(gaps.value().at(1).detectedAtMs > t0);
    }

    void theOutboxKeepsOrderAndDeletesOnlyAckedEvents()
    {
        // FULL durability is what makes an enqueue() that returned survive a power cut.
        QCOMPARE(db().scalar("PRAGMA synchronous").value().toInt(), 2);

        QStringList ids;
        for (int i = 0; i < 4; ++i) {
            const auto id = m_outbox->enqueue(
                i == 2 ? OutboxKind::Feedback : OutboxKind::Play,
                QJsonObject{{QStringLiteral("n"), i}, {QStringLiteral("name"), QStringLiteral("Beyoncé")}});
            QVERIFY2(id, why(id).constData());
            QVERIFY(!QUuid::fromString(id.value()).isNull());
            QVERIFY(!id.value().startsWith(QLatin1Char('{')));
            ids.append(id.value());
        }
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 4);

        const auto firstTwo = m_outbox->pending(2);
        QVERIFY(firstTwo);
        QCOMPARE(firstTwo.value().size(), 2);
        QCOMPARE(firstTwo.value().at(0).eventId, ids.at(0));
        QCOMPARE(firstTwo.value().at(1).payload,
                 (QJsonObject{{QStringLiteral("n"), 1}, {QStringLiteral("name"), QStringLiteral("Beyoncé")}}));
        QCOMPARE(m_outbox->pending(10).value().at(2).kind, OutboxKind::Feedback);

        QVERIFY(m_outbox->markAttempt({ids.at(0), ids.at(1)}));
        QVERIFY(m_outbox->markAttempt({ids.at(1)}));
        QCOMPARE(m_outbox->acknowledge({ids.at(1), ids.at(3), QStringLiteral("not-in-the-outbox")}).value(), 2);
        QCOMPARE(m_outbox->acknowledge({}).value(), 0);

        const auto left = m_outbox->pending(10);
        QVERIFY(left);
        QCOMPARE(left.value().size(), 2);
        QCOMPARE(left.value().at(0).eventId, ids.at(0));
        QCOMPARE(left.value().at(0).attempts, 1);
        QVERIFY(left.value().at(0).lastAttemptAtMs.has_value());
        QCOMPARE(left.value().at(1).eventId, ids.at(2));
        QCOMPARE(left.value().at(1).attempts, 0);
        QCOMPARE(left.value().at(1).lastAttemptAtMs, std::nullopt);
    }

    void writesToAReadOnlyCacheReportAStorageProblem()
    {
        auto readOnly = SqliteDatabase::open(db().path(), SqliteDatabase::Mode::ReadOnly);
        QVERIFY(readOnly);
        auto outbox = OutboxRepository::create(readOnly.value());
        QVERIFY(outbox);
        const auto queued = outbox.value().enqueue(OutboxKind::Play, {});
        QVERIFY(!queued);
        QCOMPARE(queued.error().code, Error::Code::Storage);
        QVERIFY2(queued.error().message.contains(db().path()), why(queued).constData());
        QVERIFY(readOnly.value().isAutocommit());
    }
};

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"
