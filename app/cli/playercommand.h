#pragma once

#include "app/core/clientconfig.h"

#include <QStringList>

// tunescout-cli player …: Spotify Connect from a terminal (status, play, pause, next, previous, seek, volume,
// shuffle, repeat, devices, transfer, queue). `arguments` are what follows "player".
int runPlayer(const ClientConfig &config, const QStringList &arguments, bool json);
