#pragma once

#include <QString>
#include <QStringList>

#include <QtGlobal>

// A realistic synthetic "Extended streaming history" export for benchmarks: power-law artists and tracks,
// 20 years of listening with a daily rhythm, skips, shuffle, platforms, a few podcast and private-session
// rows. Deterministic for a seed. Files are Streaming_History_Audio_<from>-<to>_<n>.json of about
// fileBytes each, optionally zipped (store-compressed with deflate) into one my_spotify_data.zip.
struct ExportGeneratorOptions {
    qint64 plays = 1'000'000;
    quint64 seed = 20240601;
    qint64 fileBytes = 12 * 1024 * 1024;
    bool zip = false;
};

// Writes the export into `directory`; returns the files written (the zip alone when zipped), or an empty
// list and `error` set.
QStringList generateExport(const QString &directory, const ExportGeneratorOptions &options, QString *error);
