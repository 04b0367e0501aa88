#include "tests/bench/support/benchfigures.h"

#include <QFile>

namespace bench
{

qint64 playsFromEnvironment(const char *variable)
{
    bool ok = false;
    const qint64 value = qEnvironmentVariableIntValue(variable, &ok);
    return ok && value > 0 ? value : 1'000'000;
}

double memoryMb(qint64 pid, const char *field)
{
    QFile status(pid == 0 ? QStringLiteral("/proc/self/status") : QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field)) {
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').constFirst().toDouble() / 1024.0;
        }
    }
    return 0;
}

} // namespace bench
