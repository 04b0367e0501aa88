#pragma once

#include <QtGlobal>

namespace bench
{

// The number of plays a bench works on: the positive whole number in the environment variable `variable`, else
// 1,000,000 (the size the targets are set for).
qint64 playsFromEnvironment(const char *variable);

// A memory figure of a process (`field` of /proc/<pid>/status, e.g. "VmRSS:" or "VmHWM:") in MB; 0 when it cannot
// be read. `pid` 0 is this process.
double memoryMb(qint64 pid, const char *field);

} // namespace bench
