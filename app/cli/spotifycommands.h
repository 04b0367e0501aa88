#pragma once

#include "app/core/clientconfig.h"

#include <functional>

namespace engine
{
class Session;
}

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

// For commands that need Spotify: after session.restore(), `ready` runs once the session holds an access token;
// when it cannot (nobody signed in, the sign-in ended, a refresh failed) the reason is printed and `finish` gets the
// exit code (3 when the user must sign in, 1 otherwise).
void whenSignedIn(engine::Session &session, const std::function<void()> &ready, const std::function<void(int)> &finish);
