#pragma once

#include "hub/config.h"

namespace hub
{

// The admin commands of tunescout-hub (household create, invite, device list|revoke, status): one database
// session each, output on stdout, errors as one line on stderr. Each returns the exit status (ExitStatus).
class Admin
{
public:
    static int run(const Invocation &invocation);
};

} // namespace hub
