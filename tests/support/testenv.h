#pragma once

#include <QString>
#include <QTest>

namespace testsupport
{

// True when the runner (tests/run.sh, and so CI) promises Postgres, the keyring and a display:
// a test that needs one of them then fails instead of skipping.
bool servicesRequired();

// libpq URL of a superuser on the test cluster (TUNESCOUT_TEST_PG_URL), or empty when there is none.
QString postgresUrl();

// The source tree and the build tree, as CTest passes them.
QString sourceDir();
QString binaryDir();

// A directory of the shared reference material (../shared/reference next to the checkout).
QString sharedReferenceDir();

} // namespace testsupport

// Skips, or fails when the runner promised the service, if `available` is false.
#define TUNESCOUT_REQUIRE_SERVICE(available, what)                                                                     \
    do {                                                                                                               \
        if (!(available)) {                                                                                            \
            if (testsupport::servicesRequired())                                                                       \
                QFAIL(qPrintable(QStringLiteral("%1 is required (TUNESCOUT_TEST_REQUIRE_SERVICES=1) but unavailable")  \
                                     .arg(QStringLiteral(what))));                                                     \
            QSKIP(what " is not available");                                                                           \
        }                                                                                                              \
    } while (false)
