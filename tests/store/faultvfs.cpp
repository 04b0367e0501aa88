#include "faultvfs.h"

#include <sqlite3.h>

namespace testsupport
{

namespace
{

using Operation = FaultVfs::Operation;

struct Plan {
    bool armed = false;
    Operation operation = Operation::Write;
    int nth = 0;
    int errorCode = SQLITE_OK;
    bool sticky = false;
    int calls = 0;
    int injected = 0;
};

Plan plan;
sqlite3_vfs *realVfs = nullptr;

// Our sqlite3_file, followed in the same allocation (szOsFile) by the real VFS's file.
struct FaultFile {
    sqlite3_file base;
    sqlite3_file *real;
};

sqlite3_file *realFile(sqlite3_file *file)
{
    return reinterpret_cast<FaultFile *>(file)->real;
}

// SQLITE_OK, or the error to inject for this call of `operation`.
int fault(Operation operation)
{
    if (!plan.armed || plan.operation != operation) {
        return SQLITE_OK;
    }
    ++plan.calls;
    if (plan.calls == plan.nth || (plan.sticky && plan.calls > plan.nth)) {
        ++plan.injected;
        return plan.errorCode;
    }
    return SQLITE_OK;
}

int faultClose(sqlite3_file *file)
{
    return realFile(file)->pMethods->xClose(realFile(file));
}

int faultRead(sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
    if (const int rc = fault(Operation::Read)) {
        return rc;
    }
    return realFile(file)->pMethods->xRead(realFile(file), buffer, amount, offset);
}

int faultWrite(sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
    if (const int rc = fault(Operation::Write)) {
        return rc;
    }
    return realFile(file)->pMethods->xWrite(realFile(file), buffer, amount, offset);
}

int faultTruncate(sqlite3_file *file, sqlite3_int64 size)
{
    return realFile(file)->pMethods->xTruncate(realFile(file), size);
}

int faultSync(sqlite3_file *file, int flags)
{
    if (const int rc = fault(Operation::Sync)) {
        return rc;
    }
    return realFile(file)->pMethods->xSync(realFile(file), flags);
}

int faultFileSize(sqlite3_file *file, sqlite3_int64 *size)
{
    if (const int rc = fault(Operation::FileSize)) {
        return rc;
    }
    return realFile(file)->pMethods->xFileSize(realFile(file), size);
}

int faultLock(sqlite3_file *file, int level)
{
    return realFile(file)->pMethods->xLock(realFile(file), level);
}

int faultUnlock(sqlite3_file *file, int level)
{
    return realFile(file)->pMethods->xUnlock(realFile(file), level);
}

int faultCheckReservedLock(sqlite3_file *file, int *reserved)
{
    return realFile(file)->pMethods->xCheckReservedLock(realFile(file), reserved);
}

int faultFileControl(sqlite3_file *file, int op, void *argument)
{
    return realFile(file)->pMethods->xFileControl(realFile(file), op, argument);
}

int faultSectorSize(sqlite3_file *file)
{
    return realFile(file)->pMethods->xSectorSize(realFile(file));
}

int faultDeviceCharacteristics(sqlite3_file *file)
{
    return realFile(file)->pMethods->xDeviceCharacteristics(realFile(file));
}

int faultShmMap(sqlite3_file *file, int region, int size, int extend, void volatile **address)
{
    return realFile(file)->pMethods->xShmMap(realFile(file), region, size, extend, address);
}

int faultShmLock(sqlite3_file *file, int offset, int n, int flags)
{
    return realFile(file)->pMethods->xShmLock(realFile(file), offset, n, flags);
}

void faultShmBarrier(sqlite3_file *file)
{
    realFile(file)->pMethods->xShmBarrier(realFile(file));
}

int faultShmUnmap(sqlite3_file *file, int deleteFlag)
{
    return realFile(file)->pMethods->xShmUnmap(realFile(file), deleteFlag);
}

int faultFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **pointer)
{
    return realFile(file)->pMethods->xFetch(realFile(file), offset, amount, pointer);
}

int faultUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *pointer)
{
    return realFile(file)->pMethods->xUnfetch(realFile(file), offset, pointer);
}

const sqlite3_io_methods ioMethods = {
    3,
    faultClose,
    faultRead,
    faultWrite,
    faultTruncate,
    faultSync,
    faultFileSize,
    faultLock,
    faultUnlock,
    faultCheckReservedLock,
    faultFileControl,
    faultSectorSize,
    faultDeviceCharacteristics,
    faultShmMap,
    faultShmLock,
    faultShmBarrier,
    faultShmUnmap,
    faultFetch,
    faultUnfetch,
};

int faultOpen(sqlite3_vfs *, const char *name, sqlite3_file *file, int flags, int *outFlags)
{
    auto *wrapper = reinterpret_cast<FaultFile *>(file);
    wrapper->real = reinterpret_cast<sqlite3_file *>(wrapper + 1);
    const int rc = realVfs->xOpen(realVfs, name, wrapper->real, flags, outFlags);
    // SQLite calls xClose only when pMethods is set, also after a failed open.
    wrapper->base.pMethods = wrapper->real->pMethods ? &ioMethods : nullptr;
    return rc;
}

int faultDelete(sqlite3_vfs *, const char *name, int syncDirectory)
{
    return realVfs->xDelete(realVfs, name, syncDirectory);
}

int faultAccess(sqlite3_vfs *, const char *name, int flags, int *result)
{
    return realVfs->xAccess(realVfs, name, flags, result);
}

int faultFullPathname(sqlite3_vfs *, const char *name, int size, char *out)
{
    return realVfs->xFullPathname(realVfs, name, size, out);
}

void *faultDlOpen(sqlite3_vfs *, const char *filename)
{
    return realVfs->xDlOpen(realVfs, filename);
}

void faultDlError(sqlite3_vfs *, int size, char *message)
{
    realVfs->xDlError(realVfs, size, message);
}

void (*faultDlSym(sqlite3_vfs *, void *handle, const char *symbol))(void)
{
    return realVfs->xDlSym(realVfs, handle, symbol);
}

void faultDlClose(sqlite3_vfs *, void *handle)
{
    realVfs->xDlClose(realVfs, handle);
}

int faultRandomness(sqlite3_vfs *, int size, char *out)
{
    return realVfs->xRandomness(realVfs, size, out);
}

int faultSleep(sqlite3_vfs *, int microseconds)
{
    return realVfs->xSleep(realVfs, microseconds);
}

int faultCurrentTime(sqlite3_vfs *, double *now)
{
    return realVfs->xCurrentTime(realVfs, now);
}

int faultGetLastError(sqlite3_vfs *, int size, char *message)
{
    return realVfs->xGetLastError(realVfs, size, message);
}

int faultCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *now)
{
    return realVfs->xCurrentTimeInt64(realVfs, now);
}

sqlite3_vfs faultVfs = {};

} // namespace

bool FaultVfs::install()
{
    if (realVfs) {
        return true;
    }
    realVfs = sqlite3_vfs_find(nullptr);
    if (!realVfs || realVfs->iVersion < 2) {
        return false;
    }
    faultVfs.iVersion = 2;
    faultVfs.szOsFile = int(sizeof(FaultFile)) + realVfs->szOsFile;
    faultVfs.mxPathname = realVfs->mxPathname;
    faultVfs.zName = FaultVfs::Name;
    faultVfs.xOpen = faultOpen;
    faultVfs.xDelete = faultDelete;
    faultVfs.xAccess = faultAccess;
    faultVfs.xFullPathname = faultFullPathname;
    faultVfs.xDlOpen = faultDlOpen;
    faultVfs.xDlError = faultDlError;
    faultVfs.xDlSym = faultDlSym;
    faultVfs.xDlClose = faultDlClose;
    faultVfs.xRandomness = faultRandomness;
    faultVfs.xSleep = faultSleep;
    faultVfs.xCurrentTime = faultCurrentTime;
    faultVfs.xGetLastError = faultGetLastError;
    faultVfs.xCurrentTimeInt64 = faultCurrentTimeInt64;
    return sqlite3_vfs_register(&faultVfs, 0) == SQLITE_OK;
}

void FaultVfs::arm(Operation operation, int nth, int errorCode, bool sticky)
{
    plan = Plan{true, operation, nth, errorCode, sticky, 0, 0};
}

void FaultVfs::disarm()
{
    plan.armed = false;
}

int FaultVfs::calls()
{
    return plan.calls;
}

int FaultVfs::injected()
{
    return plan.injected;
}

} // namespace testsupport
