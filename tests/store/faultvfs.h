#pragma once

// A sqlite3_vfs that forwards everything to SQLite's default VFS ("unix") and fails chosen file operations on
// request, the way SQLite's own test VFS does: disk-full and I/O errors without root, a loop device or a full
// disk (RELIABILITY.md §3.3, T14). Open a database with FaultVfs::Name to route it through here.
//
// One thread only: the counters are plain integers, as the tests run every connection on the test thread.
namespace testsupport
{

class FaultVfs
{
public:
    enum class Operation { Read, Write, Sync, FileSize };

    static constexpr auto Name = "tunescout-fault";

    // Registers the VFS (not as the default). Safe to call more than once.
    static bool install();

    // From now on the `nth` call (1-based, counted over every file) of `operation` returns `errorCode`; with
    // `sticky` every later call does too, as a full disk would.
    static void arm(Operation operation, int nth, int errorCode, bool sticky);
    // Stops failing and counting.
    static void disarm();

    // Calls of the armed operation since arm(), and how many of them failed.
    static int calls();
    static int injected();
};

} // namespace testsupport
