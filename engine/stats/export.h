#pragma once

#include "engine/model/result.h"
#include "engine/stats/statistics.h"
#include "engine/store/sqlitedatabase.h"

#include <QByteArray>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

// The listening history and top lists as CSV (RFC 4180) or JSON, for `tunescout-cli export` and the app's
// export action: one format, whichever front end writes it.
namespace engine
{

enum class ExportFormat { Csv, Json };

// Buffers what an export writes and remembers whether every write reached the device.
class ExportWriter
{
public:
    explicit ExportWriter(QIODevice *device);
    void write(const QByteArray &bytes);
    // Writes what is buffered; false when any write failed.
    bool flush();

private:
    QIODevice *m_device;
    QByteArray m_buffer;
    bool m_ok = true;
};

QString isoUtc(qint64 ms); // 2024-03-01T12:00:00.000Z
double roundedMinutes(qint64 ms); // two decimals
QString topKindKey(TopKind kind); // "artists", "tracks", "albums"
QJsonArray topItemsJson(const QList<TopItem> &items);
// One CSV record with its CRLF; a field with a comma, quote or line break is quoted, and its quotes doubled.
QByteArray csvLine(const QStringList &fields);

// Every play in the range, oldest first, one row at a time: memory stays flat however long the history is.
// Returns how many plays were written.
Result<qint64> exportPlays(SqliteDatabase &database, TimeRange range, ExportFormat format, ExportWriter &out);

// The top `limit` artists, tracks and albums of the range by `by`. JSON embeds `range` (how the range was asked
// for) and the measure; CSV has one record per entry with the list it belongs to.
void exportTopLists(const PlaySnapshot &snapshot,
                    TimeRange range,
                    Measure by,
                    int limit,
                    const QJsonObject &rangeDescription,
                    ExportFormat format,
                    ExportWriter &out);

} // namespace engine
