#include "tests/bench/exportgenerator.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace
{

constexpr qint64 dayMs = 86'400'000;
constexpr qint64 startMs = 1'136'073'600'000; // 2006-01-01T00:00:00Z
constexpr qint64 years = 20;

// Zipf weights 1/rank^s: a few artists and tracks get most of the plays, as in real listening.
std::vector<double> zipf(size_t count, double exponent)
{
    std::vector<double> weights(count);
    for (size_t i = 0; i < count; ++i) {
        weights[i] = 1.0 / std::pow(double(i + 1), exponent);
    }
    return weights;
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QString base62(quint64 value)
{
    static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString id(22, QLatin1Char('0'));
    for (int i = 21; i >= 0; --i) {
        id[i] = QLatin1Char(digits[value % 62]);
        value /= 62;
    }
    return id;
}

bool zipFiles(const QString &zipPath, const QStringList &files, QString *error)
{
    archive *writer = archive_write_new();
    archive_write_set_format_zip(writer);
    if (archive_write_open_filename(writer, QFile::encodeName(zipPath).constData()) != ARCHIVE_OK) {
        *error = QString::fromUtf8(archive_error_string(writer));
        archive_write_free(writer);
        return false;
    }
    bool ok = true;
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = file.errorString();
            ok = false;
            break;
        }
        archive_entry *entry = archive_entry_new();
        const QByteArray name = "Spotify Extended Streaming History/" + QFileInfo(path).fileName().toUtf8();
        archive_entry_set_pathname(entry, name.constData());
        archive_entry_set_size(entry, file.size());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_write_header(writer, entry);
        while (!file.atEnd()) {
            const QByteArray chunk = file.read(1 << 20);
            archive_write_data(writer, chunk.constData(), size_t(chunk.size()));
        }
        archive_entry_free(entry);
        file.close();
        QFile::remove(path);
    }
    archive_write_close(writer);
    archive_write_free(writer);
    return ok;
}

// The catalogue takes the listening's stream (so that the export stays the same for a seed as it always was)
// and continues it for the listening.
SyntheticCatalogue makeCatalogue(qint64 plays, quint64 seed, std::mt19937_64 &random)
{
    using Artist = SyntheticCatalogue::Artist;
    using Track = SyntheticCatalogue::Track;
    constexpr int AlbumsPerArtist = SyntheticCatalogue::AlbumsPerArtist;
    constexpr int TagCount = SyntheticCatalogue::TagCount;
    const size_t artistCount = size_t(std::max<qint64>(50, plays / 120));
    const size_t trackCount = size_t(std::max<qint64>(200, plays / 15));

    SyntheticCatalogue catalogue;
    catalogue.artists.resize(artistCount);
    // What the export does not carry draws from its own stream, so that the export stays the same for a seed.
    std::mt19937_64 metadataRandom(seed + 1);
    for (size_t a = 0; a < artistCount; ++a) {
        Artist &artist = catalogue.artists[a];
        artist.name = QStringLiteral("Artist %1").arg(a);
        for (int &year : artist.albumYears) {
            year = 1960 + int(metadataRandom() % 64);
        }
        for (int k = 0; k < 3 && a % 5 != 4; ++k) {
            artist.tags.emplace_back(1 + int(a * 7 + size_t(k) * 13) % TagCount, 1 + k);
        }
    }

    const std::vector<double> artistWeights = zipf(artistCount, 1.05);
    std::discrete_distribution<size_t> pickArtist(artistWeights.begin(), artistWeights.end());
    catalogue.tracks.resize(trackCount);
    std::uniform_int_distribution<qint64> duration(120'000, 360'000);
    for (size_t i = 0; i < trackCount; ++i) {
        Track &track = catalogue.tracks[i];
        track.artist = pickArtist(random);
        track.uri = QStringLiteral("spotify:track:") + base62(random());
        track.name = QStringLiteral("Song %1").arg(i);
        track.album = int(i % AlbumsPerArtist);
        track.durationMs = duration(random);
    }
    return catalogue;
}

} // namespace

SyntheticCatalogue SyntheticCatalogue::make(qint64 plays, quint64 seed)
{
    std::mt19937_64 random(seed);
    return makeCatalogue(plays, seed, random);
}

QString SyntheticCatalogue::albumName(size_t artist, int album)
{
    return QStringLiteral("Album %1-%2").arg(artist).arg(album);
}

QString SyntheticCatalogue::tagName(int tag)
{
    return QStringLiteral("tag %1").arg(tag);
}

QStringList generateExport(const QString &directory, const ExportGeneratorOptions &options, QString *error)
{
    std::mt19937_64 random(options.seed);
    const SyntheticCatalogue catalogue = makeCatalogue(options.plays, options.seed, random);
    const std::vector<SyntheticCatalogue::Track> &tracks = catalogue.tracks;
    const std::vector<double> trackWeights = zipf(tracks.size(), 0.9);
    std::discrete_distribution<size_t> pickTrack(trackWeights.begin(), trackWeights.end());

    // The daily rhythm: quiet at night, peaks on the way to work and in the evening.
    const double hourWeights[24] = {2, 1, 0.5, 0.3, 0.3, 0.5, 2, 5, 8, 6, 5, 5, 6, 5, 5, 5, 6, 8, 9, 9, 8, 7, 5, 3};
    std::discrete_distribution<int> pickHour(std::begin(hourWeights), std::end(hourWeights));
    std::uniform_int_distribution<qint64> pickDay(0, years * 365);
    std::uniform_int_distribution<qint64> pickWithinHour(0, 3'599'999);
    std::vector<qint64> times(size_t(options.plays));
    for (qint64 &t : times) {
        t = startMs + pickDay(random) * dayMs + pickHour(random) * 3'600'000 + pickWithinHour(random);
    }
    std::sort(times.begin(), times.end());

    static const char *const platforms[] = {"android", "ios", "windows", "osx", "web_player", "linux"};
    static const char *const countries[] = {"GB", "DE", "US", "FR", "SE"};
    std::uniform_real_distribution<double> chance(0.0, 1.0);

    QDir().mkpath(directory);
    QStringList written;
    QFile file;
    int fileNumber = 0;
    qint64 firstInFile = 0;
    bool firstRow = true;
    auto closeFile = [&](qint64 lastMs) {
        file.write("\n]\n");
        file.close();
        const QString finalName = QStringLiteral("%1/Streaming_History_Audio_%2-%3_%4.json")
                                      .arg(directory)
                                      .arg(QDateTime::fromMSecsSinceEpoch(firstInFile, Qt::UTC).date().year())
                                      .arg(QDateTime::fromMSecsSinceEpoch(lastMs, Qt::UTC).date().year())
                                      .arg(fileNumber);
        QFile::remove(finalName);
        file.rename(finalName);
        written.append(finalName);
        ++fileNumber;
    };
    QByteArray row;
    for (size_t i = 0; i < times.size(); ++i) {
        if (!file.isOpen()) {
            file.setFileName(QStringLiteral("%1/part.json").arg(directory));
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                *error = file.errorString();
                return {};
            }
            file.write("[\n");
            firstRow = true;
            firstInFile = times[i];
        }
        const double roll = chance(random);
        const bool episode = roll < 0.01;
        const bool incognito = !episode && roll < 0.012;
        const SyntheticCatalogue::Track &track = tracks[pickTrack(random)];
        const bool skipped = chance(random) < 0.22;
        const qint64 msPlayed = skipped
            ? qint64(chance(random) * 29'000) + 500
            : std::min(track.durationMs, qint64(chance(random) * 60'000) + track.durationMs - 30'000);
        const bool shuffle = chance(random) < 0.4;
        const char *platform = platforms[size_t(chance(random) * std::size(platforms))];
        const char *country = countries[size_t(chance(random) * std::size(countries))];
        row.clear();
        row += firstRow ? "" : ",\n";
        firstRow = false;
        row += "{\"ts\":\"" + isoTime(times[i]).toLatin1() + "\",\"platform\":\"" + platform + "\",\"ms_played\":"
            + QByteArray::number(msPlayed) + ",\"conn_country\":\"" + country + "\",\"ip_addr\":\"192.0.2.1\",";
        if (episode) {
            row += "\"master_metadata_track_name\":null,\"master_metadata_album_artist_name\":null,"
                   "\"master_metadata_album_album_name\":null,\"spotify_track_uri\":null,\"episode_name\":\"Episode "
                + QByteArray::number(qulonglong(i)) + "\",\"episode_show_name\":\"A Show\",\"spotify_episode_uri\":"
                + "\"spotify:episode:" + base62(i).toLatin1() + "\",";
        } else {
            row += "\"master_metadata_track_name\":\"" + track.name.toUtf8()
                + "\",\"master_metadata_album_artist_name\""
                  ":\"Artist "
                + QByteArray::number(qulonglong(track.artist)) + "\",\"master_metadata_album_album_name\":\""
                + SyntheticCatalogue::albumName(track.artist, track.album).toUtf8() + "\",\"spotify_track_uri\":\""
                + track.uri.toLatin1()
                + "\",\"episode_name\":null,\"episode_show_name\":null,\"spotify_episode_uri\":null,";
        }
        row += "\"audiobook_title\":null,\"audiobook_uri\":null,\"audiobook_chapter_uri\":null,"
               "\"audiobook_chapter_title\":null,\"reason_start\":\"";
        row += shuffle ? "trackdone" : "clickrow";
        row += "\",\"reason_end\":\"";
        row += skipped ? "fwdbtn" : "trackdone";
        row += "\",\"shuffle\":";
        row += shuffle ? "true" : "false";
        row += ",\"skipped\":";
        row += skipped ? "true" : "false";
        row +=
            ",\"offline\":false,\"offline_timestamp\":" + QByteArray::number(times[i] / 1000) + ",\"incognito_mode\":";
        row += incognito ? "true}" : "false}";
        file.write(row);
        if (file.size() >= options.fileBytes) {
            closeFile(times[i]);
        }
    }
    if (file.isOpen()) {
        closeFile(times.empty() ? startMs : times.back());
    }
    if (options.zip) {
        const QString zipPath = directory + QStringLiteral("/my_spotify_data.zip");
        if (!zipFiles(zipPath, written, error)) {
            return {};
        }
        return {zipPath};
    }
    return written;
}
