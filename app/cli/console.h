#pragma once

// What every CLI command writes with: standard output and standard error as QTextStreams, and the cache opened
// with whatever Store::open had to say (a quarantine, a salvage) printed on standard error.

#include "engine/store/store.h"

#include <QString>
#include <QTextStream>

#include <memory>

namespace cli
{

inline QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

inline QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

// Null when the cache cannot be opened; the reason has been printed then too.
inline std::unique_ptr<engine::Store> openStoreReporting(const QString &dataDir)
{
    engine::Store::Outcome opened = engine::Store::open(dataDir);
    if (!opened.status.message.isEmpty()) {
        err() << opened.status.message << '\n';
    }
    return std::move(opened.store);
}

} // namespace cli
