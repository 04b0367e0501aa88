#pragma once

#include "app/core/clientconfig.h"

// `tunescout-cli enrich [--limit N]`: looks up open tags (genres) at MusicBrainz for the cached tracks that
// have an ISRC and no lookup yet. Progress on stderr, the summary on stdout.
int runEnrich(const ClientConfig &config, int limit);
