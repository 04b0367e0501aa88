#pragma once

#include "app/core/clientconfig.h"

#include <QStringList>

// tunescout-cli import PATH... [--dry-run] [--json] [--include-incognito]
struct ImportCommandOptions {
    bool json = false;
    bool dryRun = false;
    bool includeIncognito = false;
};

int runImport(const ClientConfig &config, const QStringList &paths, const ImportCommandOptions &options);
