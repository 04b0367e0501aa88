#pragma once

#include "engine/model/result.h"

#include <QString>
#include <QStringList>

namespace hub
{

// HB-4: the hub's own certificate, read and made with the OpenSSL C API (the hub links no QtNetwork).

// "AB:CD:…": the SHA-256 of the certificate's public key (its DER SubjectPublicKeyInfo), 32 bytes in upper-case
// hex joined by colons, as the client shows it at pairing and pins it. A renewed certificate for the same key has
// the same fingerprint. The openssl tool gives the same bytes:
// `openssl x509 -noout -pubkey -in CERT | openssl pkey -pubin -outform der | sha256sum`.
engine::Result<QString> publicKeyFingerprint(const QString &certificatePath);

// Checks that the certificate and the key are readable PEM and that the key belongs to the certificate;
// returns the fingerprint of its public key. Errors name the file and what is wrong with it.
engine::Result<QString> checkCertificateAndKey(const QString &certificatePath, const QString &keyPath);

// What `tunescout-hub cert generate` makes: a self-signed certificate for a home network.
struct CertificateRequest {
    QString outDir;
    QStringList hosts; // DNS names besides localhost
    QStringList addresses; // IP addresses besides 127.0.0.1
    int days = 825;
    bool force = false; // overwrite existing files
};

struct GeneratedCertificate {
    QString certificatePath;
    QString keyPath;
    QString fingerprint; // of the public key
    QStringList subjectAltNames; // "DNS:localhost", "IP:127.0.0.1", …
};

// The file names cert generate writes in its --out folder.
inline constexpr char certificateFileName[] = "hub.crt";
inline constexpr char keyFileName[] = "hub.key";

// An EC P-256 key (mode 0600) and a certificate valid for request.days from now, with a SubjectAltName for
// every host and address plus localhost and 127.0.0.1. Writes nothing when either file exists, unless force.
engine::Result<GeneratedCertificate> generateCertificate(const CertificateRequest &request);

} // namespace hub
