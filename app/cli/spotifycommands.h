#pragma once

#include "app/core/clientconfig.h"

// The commands that talk to Spotify or about the signed-in account: login, logout, sync and status.
struct SpotifyCommandOptions {
    bool json = false;
    bool openBrowser = true;
    int timeoutS = 300;
    bool once = false;
};

int runLogin(const ClientConfig &config, const SpotifyCommandOptions &options);
int runLogout(const ClientConfig &config);
int runSync(const ClientConfig &config, const SpotifyCommandOptions &options);
int runStatus(const ClientConfig &config, const SpotifyCommandOptions &options);
