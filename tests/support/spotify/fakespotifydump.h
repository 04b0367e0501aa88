#pragma once

#include "tests/support/spotify/fakespotify.h"

#include <QString>
#include <QTextStream>

namespace testsupport
{

// Writes every kind of body FakeSpotify serves into `directory`, one file per response, for both
// profiles: success bodies of each endpoint (first page, later page, empty page), every error it emits
// (each scripted fault, each invalid_grant, the removed-endpoint answers), plus `index.json` that
// describes each file (method, OpenAPI path template, status, profile, accounts or Web API). The bodies
// are fetched over HTTP from running instances, so they are exactly what the fake serves. Each request
// also states the status it expects; a mismatch is reported and makes the dump fail.
// Returns 0 on success; problems go to `errors`.
int dumpFakeSpotify(const QString &directory, const FakeSpotify::Options &options, QTextStream &errors);

} // namespace testsupport
