#include "tests/support/testenv.h"

#include <QDir>

namespace testsupport
{

bool servicesRequired()
{
    return qEnvironmentVariable("TUNESCOUT_TEST_REQUIRE_SERVICES") == QLatin1String("1");
}

QString postgresUrl()
{
    return qEnvironmentVariable("TUNESCOUT_TEST_PG_URL");
}

QString sourceDir()
{
    const QString fromEnv = qEnvironmentVariable("TUNESCOUT_SOURCE_DIR");
    return fromEnv.isEmpty() ? QStringLiteral(TUNESCOUT_SOURCE_DIR) : fromEnv;
}

QString binaryDir()
{
    return qEnvironmentVariable("TUNESCOUT_BINARY_DIR");
}

QString sharedReferenceDir()
{
    return QDir(QStringLiteral(TUNESCOUT_SHARED_DIR)).filePath(QStringLiteral("reference"));
}

} // namespace testsupport
