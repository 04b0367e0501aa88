#pragma once

#include <QString>

// `stats` and `export`: listening statistics and the history as CSV or JSON, from the cache only (no network).
struct StatsCommandOptions {
    QString dataDir;
    QString view; // stats: overview (default), top, clock, trend, streaks, skips, discovery, platforms, eras, genres
    QString from; // YYYY-MM-DD, local, included
    QString to; // YYYY-MM-DD, local, included
    QString range; // a preset: Nd, Nw, Nm, Ny or all
    QString by; // plays or minutes
    QString limit; // how many list entries
    QString period; // trend: day, week or month
    bool json = false;
    QString format; // export: csv or json
    QString what; // export: plays or top
    QString output; // export: the file to write (stdout when empty)
};

int runStats(const StatsCommandOptions &options);
int runExport(const StatsCommandOptions &options);
