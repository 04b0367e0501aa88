#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace engine
{

// Whether the OS keychain (Secret Service, macOS Keychain, Windows Credential Manager) can hold secrets.
struct KeychainStatus {
    bool available = false;
    QString detail; // what the backend said, for a person
};

// TuneScout's keychain service name; entries are keyed below it.
inline constexpr auto KeychainService = "TuneScout";

// Asks the keychain for an entry that does not exist: "not found" proves a working, unlocked backend
// without creating anything or prompting. Never falls back to plaintext. Calls `done` on `context`'s
// thread, after at most timeoutMs.
void probeKeychain(QObject *context, int timeoutMs, std::function<void(const KeychainStatus &)> done);

} // namespace engine
