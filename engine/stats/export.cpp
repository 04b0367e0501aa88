#include "engine/stats/export.h"

#include <QDateTime>
#include <QJsonDocument>

namespace engine
{

namespace
{

// RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled.
QByteArray csvField(const QString &value)
{
    QByteArray bytes = value.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace('"', "\"\"");
        bytes.prepend('"');
        bytes.append('"');
    }
    return bytes;
}

QString csvFlag(const QVariant &value)
{
    return value.isNull() ? QString() : QString::number(value.toLongLong() != 0 ? 1 : 0);
}

QJsonValue jsonFlag(const QVariant &value)
{
    return value.isNull() ? QJsonValue() : QJsonValue(value.toLongLong() != 0);
}

QJsonValue jsonText(const QVariant &value)
{
    return value.isNull() ? QJsonValue() : QJsonValue(value.toString());
}

} // namespace

ExportWriter::ExportWriter(QIODevice *device)
    : m_device(device)
{
}

void ExportWriter::write(const QByteArray &bytes)
{
    m_buffer.append(bytes);
    if (m_buffer.size() >= 1 << 16) {
        flush();
    }
}

bool ExportWriter::flush()
{
    if (!m_buffer.isEmpty() && m_device->write(m_buffer) != m_buffer.size()) {
        m_ok = false;
    }
    m_buffer.clear();
    return m_ok;
}

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

double roundedMinutes(qint64 ms)
{
    return double(qRound64(double(ms) / 600.0)) / 100.0; // two decimals
}

QString topKindKey(TopKind kind)
{
    switch (kind) {
    case TopKind::Artists:
        return QStringLiteral("artists");
    case TopKind::Tracks:
        return QStringLiteral("tracks");
    case TopKind::Albums:
        return QStringLiteral("albums");
    }
    return {};
}

QJsonArray topItemsJson(const QList<TopItem> &items)
{
    QJsonArray array;
    int rank = 0;
    for (const TopItem &item : items) {
        QJsonObject entry{{QStringLiteral("rank"), ++rank},
                          {QStringLiteral("id"), double(item.id)},
                          {QStringLiteral("spotify_id"), item.spotifyId.isEmpty() ? QJsonValue() : item.spotifyId},
                          {QStringLiteral("name"), item.name},
                          {QStringLiteral("plays"), double(item.plays)},
                          {QStringLiteral("minutes"), roundedMinutes(item.msPlayed)}};
        if (!item.artistNames.isEmpty()) {
            entry.insert(QStringLiteral("artists"), QJsonArray::fromStringList(item.artistNames));
        }
        if (!item.albumName.isEmpty() && item.albumName != item.name) {
            entry.insert(QStringLiteral("album"), item.albumName);
        }
        array.append(entry);
    }
    return array;
}

QByteArray csvLine(const QStringList &fields)
{
    QByteArray line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            line.append(',');
        }
        line.append(csvField(fields.at(i)));
    }
    line.append("\r\n");
    return line;
}

Result<qint64> exportPlays(SqliteDatabase &database, TimeRange range, ExportFormat format, ExportWriter &sink)
{
    auto prepared = database.prepare(
        "SELECT p.played_at_ms, t.name, t.spotify_id, "
        "(SELECT group_concat(name, char(31)) FROM (SELECT a.name FROM track_artists ta JOIN artists a "
        "ON a.id = ta.artist_id WHERE ta.track_id = t.id ORDER BY ta.position)), "
        "al.name, p.ms_played, p.source, p.skipped, p.shuffle, p.offline, p.incognito, p.platform, p.reason_start, "
        "p.reason_end, p.conn_country, p.minute_precision, p.context_uri "
        "FROM plays p JOIN tracks t ON t.id = p.track_id LEFT JOIN albums al ON al.id = t.album_id "
        "WHERE p.played_at_ms >= ?1 AND p.played_at_ms < ?2 ORDER BY p.played_at_ms, p.id");
    if (!prepared) {
        return prepared.error();
    }
    const bool json = format == ExportFormat::Json;
    SqliteStatement &statement = prepared.value();
    if (auto bound = statement.bind(1, range.fromMs); !bound) {
        return bound.error();
    }
    if (auto bound = statement.bind(2, range.toMs); !bound) {
        return bound.error();
    }
    static const QStringList header{QStringLiteral("played_at"),
                                    QStringLiteral("track"),
                                    QStringLiteral("track_spotify_id"),
                                    QStringLiteral("artists"),
                                    QStringLiteral("album"),
                                    QStringLiteral("ms_played"),
                                    QStringLiteral("source"),
                                    QStringLiteral("skipped"),
                                    QStringLiteral("shuffle"),
                                    QStringLiteral("offline"),
                                    QStringLiteral("incognito"),
                                    QStringLiteral("platform"),
                                    QStringLiteral("reason_start"),
                                    QStringLiteral("reason_end"),
                                    QStringLiteral("conn_country"),
                                    QStringLiteral("minute_precision"),
                                    QStringLiteral("context_uri")};
    sink.write(json ? QByteArray("[") : csvLine(header));
    qint64 count = 0;
    for (;;) {
        const auto stepped = statement.step();
        if (!stepped) {
            statement.reset();
            return stepped.error();
        }
        if (!stepped.value()) {
            break;
        }
        const auto c = [&statement](int i) {
            return statement.column(i);
        };
        const QString artists = c(3).toString();
        if (json) {
            const QJsonObject play{
                {QStringLiteral("played_at"), isoUtc(c(0).toLongLong())},
                {QStringLiteral("track"), c(1).toString()},
                {QStringLiteral("track_spotify_id"), jsonText(c(2))},
                {QStringLiteral("artists"),
                 QJsonArray::fromStringList(artists.isEmpty() ? QStringList() : artists.split(QChar(31)))},
                {QStringLiteral("album"), jsonText(c(4))},
                {QStringLiteral("ms_played"), c(5).isNull() ? QJsonValue() : QJsonValue(c(5).toDouble())},
                {QStringLiteral("source"), c(6).toString()},
                {QStringLiteral("skipped"), jsonFlag(c(7))},
                {QStringLiteral("shuffle"), jsonFlag(c(8))},
                {QStringLiteral("offline"), jsonFlag(c(9))},
                {QStringLiteral("incognito"), jsonFlag(c(10))},
                {QStringLiteral("platform"), jsonText(c(11))},
                {QStringLiteral("reason_start"), jsonText(c(12))},
                {QStringLiteral("reason_end"), jsonText(c(13))},
                {QStringLiteral("conn_country"), jsonText(c(14))},
                {QStringLiteral("minute_precision"), c(15).toLongLong() != 0},
                {QStringLiteral("context_uri"), jsonText(c(16))},
            };
            sink.write((count == 0 ? QByteArray("\n") : QByteArray(",\n"))
                       + QJsonDocument(play).toJson(QJsonDocument::Compact));
        } else {
            sink.write(csvLine({isoUtc(c(0).toLongLong()),
                                c(1).toString(),
                                c(2).toString(),
                                QString(artists).replace(QChar(31), QStringLiteral("; ")),
                                c(4).toString(),
                                c(5).isNull() ? QString() : c(5).toString(),
                                c(6).toString(),
                                csvFlag(c(7)),
                                csvFlag(c(8)),
                                csvFlag(c(9)),
                                csvFlag(c(10)),
                                c(11).toString(),
                                c(12).toString(),
                                c(13).toString(),
                                c(14).toString(),
                                csvFlag(c(15)),
                                c(16).toString()}));
        }
        ++count;
    }
    statement.reset();
    if (json) {
        sink.write("\n]\n");
    }
    return count;
}

void exportTopLists(const PlaySnapshot &snapshot,
                    TimeRange range,
                    Measure by,
                    int limit,
                    const QJsonObject &rangeDescription,
                    ExportFormat format,
                    ExportWriter &sink)
{
    if (format == ExportFormat::Json) {
        QJsonObject document{
            {QStringLiteral("range"), rangeDescription},
            {QStringLiteral("by"), by == Measure::Plays ? QStringLiteral("plays") : QStringLiteral("minutes")}};
        for (const TopKind kind : {TopKind::Artists, TopKind::Tracks, TopKind::Albums}) {
            document.insert(topKindKey(kind), topItemsJson(topItems(snapshot, kind, range, by, limit)));
        }
        sink.write(QJsonDocument(document).toJson(QJsonDocument::Indented));
        return;
    }
    sink.write(csvLine({QStringLiteral("list"),
                        QStringLiteral("rank"),
                        QStringLiteral("spotify_id"),
                        QStringLiteral("name"),
                        QStringLiteral("artists"),
                        QStringLiteral("album"),
                        QStringLiteral("plays"),
                        QStringLiteral("minutes")}));
    for (const TopKind kind : {TopKind::Artists, TopKind::Tracks, TopKind::Albums}) {
        int rank = 0;
        for (const TopItem &item : topItems(snapshot, kind, range, by, limit)) {
            sink.write(csvLine({topKindKey(kind),
                                QString::number(++rank),
                                item.spotifyId,
                                item.name,
                                item.artistNames.join(QStringLiteral("; ")),
                                kind == TopKind::Tracks ? item.albumName : QString(),
                                QString::number(item.plays),
                                QString::number(roundedMinutes(item.msPlayed))}));
        }
    }
}

} // namespace engine
