#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace engine
{

// One PKCE attempt (RFC 7636, S256). Held in memory only: never logged, never persisted.
struct PkcePair {
    QByteArray verifier; // 43 characters of [A-Za-z0-9-_]
    QByteArray challenge; // base64url(SHA-256(verifier)), no padding: 43 characters
};

// A fresh verifier from 32 bytes of the system CSPRNG and its S256 challenge.
PkcePair makePkcePair();

// base64url(SHA-256(verifier)) without padding.
QByteArray pkceChallenge(QByteArrayView verifier);

// A fresh OAuth `state`: 32 bytes of the system CSPRNG, base64url without padding (43 characters).
QByteArray makeState();

// Compares in time that depends only on the lengths, so that a local attacker probing the loopback
// receiver cannot learn the state byte by byte.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace engine
