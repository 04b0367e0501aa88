#include "hub/application.h"
#include "tunescoutversion.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

int main(int argc, char *argv[])
{
    // libpq reads these for whatever the connection string leaves out: name the hub in pg_stat_activity, and
    // never hang on an unreachable host.
    if (!qEnvironmentVariableIsSet("PGAPPNAME")) {
        qputenv("PGAPPNAME", "tunescout-hub");
    }
    if (!qEnvironmentVariableIsSet("PGCONNECT_TIMEOUT")) {
        qputenv("PGCONNECT_TIMEOUT", "10");
    }
    if (!qEnvironmentVariableIsSet("QT_MESSAGE_PATTERN")) {
        qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"));
    }

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tunescout-hub"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TUNESCOUT_VERSION));

    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    hub::Environment environment;
    const QStringList names = system.keys();
    for (const QString &name : names) {
        environment.insert(name, system.value(name));
    }
    return hub::Application::run(QCoreApplication::arguments(), environment);
}
