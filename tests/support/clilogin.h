#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace testsupport
{

// How `tunescout-cli login --no-browser` went.
struct CliLogin {
    QUrl authorize; // the authorization address the CLI printed; empty when it printed none in time
    int pageStatus = 0; // the HTTP status the "browser" got for it (the fake Spotify, then the CLI's callback)
    bool finished = false; // the CLI exited within its own timeout
    int exitCode = -1;
    QByteArray output; // what the CLI printed after the address
};

// Runs `cli login --no-browser` with `environment` (whose TUNESCOUT_SPOTIFY_* point at a fake Spotify) and
// opens the address it prints as a browser would: the fake authorizes at once and redirects to the CLI's
// loopback callback. Returns once the CLI has exited or timed out.
CliLogin cliLogin(const QString &cli, const QProcessEnvironment &environment);

} // namespace testsupport
