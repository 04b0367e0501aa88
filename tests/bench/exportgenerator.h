#pragma once

#include <QString>
#include <QStringList>

#include <QtGlobal>

#include <array>
#include <cstddef>
#include <vector>

// The one synthetic model of a listener, for benchmarks and for looking at the app on realistic data.
//
// The catalogue: power-law artists with tracks on a handful of albums each, and what Spotify and MusicBrainz
// would tell about them but a privacy export does not carry (release years, tags). Sized by the number of
// plays and deterministic for a seed.
struct SyntheticCatalogue {
    static constexpr int AlbumsPerArtist = 7;
    static constexpr int TagCount = 60;

    struct Artist {
        QString name;
        std::array<int, AlbumsPerArtist> albumYears{};
        // MusicBrainz-style tags (1-based tag numbers) with their votes; empty for a fifth of the artists.
        std::vector<std::pair<int, int>> tags;
    };
    struct Track {
        QString uri;
        QString name;
        std::size_t artist = 0; // index into artists: the lower, the more popular
        int album = 0; // 0 .. AlbumsPerArtist-1 of its artist
        qint64 durationMs = 0;
    };
    std::vector<Artist> artists;
    std::vector<Track> tracks;

    static SyntheticCatalogue make(qint64 plays, quint64 seed);
    static QString albumName(std::size_t artist, int album);
    static QString tagName(int tag);
};

// A realistic synthetic "Extended streaming history" export of that catalogue: 20 years of listening with a
// daily rhythm, skips, shuffle, platforms, a few podcast and private-session rows. Deterministic for a seed.
// Files are Streaming_History_Audio_<from>-<to>_<n>.json of about fileBytes each, optionally zipped (store-
// compressed with deflate) into one my_spotify_data.zip.
struct ExportGeneratorOptions {
    qint64 plays = 1'000'000;
    quint64 seed = 20240601;
    qint64 fileBytes = 12 * 1024 * 1024;
    bool zip = false;
};

// Writes the export into `directory`; returns the files written (the zip alone when zipped), or an empty
// list and `error` set.
QStringList generateExport(const QString &directory, const ExportGeneratorOptions &options, QString *error);
