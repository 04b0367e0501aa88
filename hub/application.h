#pragma once

#include "hub/config.h"

#include <QStringList>

namespace hub
{

// Exit statuses of tunescout-hub.
enum ExitStatus {
    ExitSuccess = 0,
    ExitFailure = 1, // at run time: database, migration, listening, certificate files
    ExitUsage = 2, // bad command line, environment or config file
};

// Output of the commands: stdout as is; errors as one line on stderr, prefixed "tunescout-hub: ".
void printOut(const QString &text);
void printError(const QString &message);

// tunescout-hub from arguments to exit status. Needs a QCoreApplication; serve runs its event loop.
class Application
{
public:
    static int run(const QStringList &arguments, const Environment &environment);

private:
    static int migrate(const Config &config);
    static int serve(const Config &config);
    static int generateCertificate(const CertificateRequest &request);
    static int printFingerprint(const QString &certificatePath);
};

} // namespace hub
