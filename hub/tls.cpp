#include "hub/tls.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

using engine::Error;
using engine::Result;

namespace hub
{

namespace
{

struct BioFree {
    void operator()(BIO *bio) const
    {
        BIO_free(bio);
    }
};
struct X509Free {
    void operator()(X509 *certificate) const
    {
        X509_free(certificate);
    }
};
struct KeyFree {
    void operator()(EVP_PKEY *key) const
    {
        EVP_PKEY_free(key);
    }
};
struct ExtensionFree {
    void operator()(X509_EXTENSION *extension) const
    {
        X509_EXTENSION_free(extension);
    }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Certificate = std::unique_ptr<X509, X509Free>;
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Extension = std::unique_ptr<X509_EXTENSION, ExtensionFree>;

// The newest OpenSSL error of this thread, and the queue emptied so it cannot leak into a later message.
QString openSslError()
{
    const unsigned long code = ERR_peek_last_error();
    ERR_clear_error();
    if (code == 0) {
        return QStringLiteral("no details from OpenSSL");
    }
    char text[256] = {};
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

Result<QByteArray> readPem(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.exists()) {
        return Error{Error::Code::NotFound, QStringLiteral("The %1 %2 does not exist.").arg(what, path)};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{Error::Code::Io,
                     QStringLiteral("Cannot read the %1 %2: %3. Check that this user may read it.")
                         .arg(what, path, file.errorString())};
    }
    // A PEM certificate chain or key is a few KiB; anything much larger is not one.
    constexpr qint64 largestPem = 1024 * 1024;
    if (file.size() > largestPem) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("The %1 %2 is larger than 1 MiB: it is not a PEM file.").arg(what, path)};
    }
    return file.readAll();
}

Result<Certificate> loadCertificate(const QString &path)
{
    const Result<QByteArray> pem = readPem(path, QStringLiteral("TLS certificate"));
    if (!pem) {
        return pem.error();
    }
    const Bio bio(BIO_new_mem_buf(pem.value().constData(), int(pem.value().size())));
    Certificate certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!certificate) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("The TLS certificate %1 is not a PEM certificate (expected a \"-----BEGIN "
                                    "CERTIFICATE-----\" block): %2.")
                         .arg(path, openSslError())};
    }
    return certificate;
}

// No passphrase prompt: the hub starts unattended, so an encrypted key is refused with a message instead.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

Result<Key> loadKey(const QString &path)
{
    const Result<QByteArray> pem = readPem(path, QStringLiteral("TLS key"));
    if (!pem) {
        return pem.error();
    }
    const Bio bio(BIO_new_mem_buf(pem.value().constData(), int(pem.value().size())));
    Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, &noPassphrase, nullptr));
    if (!key) {
        const QString detail = openSslError();
        const QString hint = pem.value().contains("ENCRYPTED")
            ? QStringLiteral("it is encrypted; the hub needs an unencrypted key (openssl pkey -in KEY -out KEY2)")
            : QStringLiteral("expected a \"-----BEGIN PRIVATE KEY-----\" block");
        return Error{
            Error::Code::InvalidInput,
            QStringLiteral("The TLS key %1 is not a usable PEM private key (%2): %3.").arg(path, hint, detail)};
    }
    return key;
}

// The SHA-256 of the DER SubjectPublicKeyInfo: a renewed certificate for the same key keeps it, so paired
// clients keep trusting the hub (HB-4).
Result<QString> fingerprintOf(X509 *certificate, const QString &path)
{
    unsigned char *der = nullptr;
    const int size = i2d_PUBKEY(X509_get0_pubkey(certificate), &der);
    if (size <= 0) {
        return Error{
            Error::Code::InvalidInput,
            QStringLiteral("Cannot read the public key of the TLS certificate %1: %2.").arg(path, openSslError())};
    }
    unsigned char digest[EVP_MAX_MD_SIZE] = {};
    unsigned int length = 0;
    const bool hashed = EVP_Digest(der, size_t(size), digest, &length, EVP_sha256(), nullptr) == 1;
    OPENSSL_free(der);
    if (!hashed) {
        return Error{Error::Code::Internal,
                     QStringLiteral("Cannot hash the public key of %1: %2.").arg(path, openSslError())};
    }
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex(':').toUpper());
}

// Writes data to a new file with the given mode (or over an old one when overwrite), so a key is never
// readable by others, not even for a moment.
Result<void> writeFile(const QString &path, const QByteArray &data, mode_t mode, bool overwrite)
{
    const QByteArray name = QFile::encodeName(path);
    const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (overwrite ? O_TRUNC : O_EXCL);
    const int descriptor = ::open(name.constData(), flags, mode);
    if (descriptor < 0) {
        return Error{Error::Code::Io,
                     QStringLiteral("Cannot write %1: %2.").arg(path, QString::fromLocal8Bit(std::strerror(errno)))};
    }
    bool ok = ::fchmod(descriptor, mode) == 0;
    qsizetype written = 0;
    while (ok && written < data.size()) {
        const ssize_t n = ::write(descriptor, data.constData() + written, size_t(data.size() - written));
        ok = n > 0;
        written += ok ? n : 0;
    }
    const int error = errno;
    ok = ::close(descriptor) == 0 && ok;
    if (!ok) {
        return Error{Error::Code::Io,
                     QStringLiteral("Cannot write %1: %2.").arg(path, QString::fromLocal8Bit(std::strerror(error)))};
    }
    return {};
}

QByteArray pemOf(int (*write)(BIO *, void *), void *object)
{
    const Bio bio(BIO_new(BIO_s_mem()));
    write(bio.get(), object);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, int(size));
}

bool addExtension(X509 *certificate, int nid, const QString &value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    const Extension extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.toLatin1().constData()));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

} // namespace

Result<QString> publicKeyFingerprint(const QString &certificatePath)
{
    const Result<Certificate> certificate = loadCertificate(certificatePath);
    if (!certificate) {
        return certificate.error();
    }
    return fingerprintOf(certificate.value().get(), certificatePath);
}

Result<QString> checkCertificateAndKey(const QString &certificatePath, const QString &keyPath)
{
    const Result<Certificate> certificate = loadCertificate(certificatePath);
    if (!certificate) {
        return certificate.error();
    }
    const Result<Key> key = loadKey(keyPath);
    if (!key) {
        return key.error();
    }
    if (X509_check_private_key(certificate.value().get(), key.value().get()) != 1) {
        ERR_clear_error();
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("The TLS key %1 does not belong to the certificate %2: give the key the "
                                    "certificate was made for.")
                         .arg(keyPath, certificatePath)};
    }
    if (X509_cmp_current_time(X509_get0_notAfter(certificate.value().get())) < 0) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("The TLS certificate %1 has expired; make a new one (tunescout-hub cert "
                                    "generate).")
                         .arg(certificatePath)};
    }
    return fingerprintOf(certificate.value().get(), certificatePath);
}

Result<GeneratedCertificate> generateCertificate(const CertificateRequest &request)
{
    GeneratedCertificate result;
    const QDir folder(request.outDir);
    result.certificatePath = folder.filePath(QLatin1String(certificateFileName));
    result.keyPath = folder.filePath(QLatin1String(keyFileName));
    if (!request.force) {
        for (const QString &path : {result.certificatePath, result.keyPath}) {
            if (QFileInfo::exists(path)) {
                return Error{Error::Code::InvalidInput,
                             QStringLiteral("%1 already exists; nothing was written. Pass --force to replace the "
                                            "certificate and key (paired clients will then refuse the hub until "
                                            "they pair again), or choose another --out folder.")
                                 .arg(path)};
            }
        }
    }
    if (!QDir().mkpath(request.outDir)) {
        return Error{Error::Code::Io, QStringLiteral("Cannot create the folder %1.").arg(request.outDir)};
    }

    // localhost and 127.0.0.1 first, then the names asked for, each once.
    QSet<QString> seen;
    const auto addName = [&](const QString &name) {
        if (!seen.contains(name)) {
            seen.insert(name);
            result.subjectAltNames << name;
        }
    };
    addName(QStringLiteral("DNS:localhost"));
    addName(QStringLiteral("IP:127.0.0.1"));
    for (const QString &host : request.hosts) {
        addName(QStringLiteral("DNS:") + host.toLower());
    }
    for (const QString &address : request.addresses) {
        addName(QStringLiteral("IP:") + address);
    }
    const QString commonName = request.hosts.isEmpty() ? QStringLiteral("tunescout-hub") : request.hosts.constFirst();

    const Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    const Certificate certificate(X509_new());
    if (!key || !certificate) {
        return Error{Error::Code::Internal, QStringLiteral("Cannot make an EC P-256 key: %1.").arg(openSslError())};
    }
    X509 *x509 = certificate.get();
    // A random positive 128-bit serial number (RFC 5280 allows up to 20 bytes).
    unsigned char serial[16] = {};
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM *serialNumber = BN_bin2bn(serial, sizeof serial, nullptr);
    const bool made = X509_set_version(x509, X509_VERSION_3) == 1
        && BN_to_ASN1_INTEGER(serialNumber, X509_get_serialNumber(x509)) != nullptr
        && X509_gmtime_adj(X509_getm_notBefore(x509), -3600) != nullptr // an hour's slack for skewed clocks
        && X509_gmtime_adj(X509_getm_notAfter(x509), long(request.days) * 24 * 3600) != nullptr
        && X509_NAME_add_entry_by_txt(X509_get_subject_name(x509),
                                      "CN",
                                      MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>(commonName.toUtf8().constData()),
                                      -1,
                                      -1,
                                      0)
            == 1
        && X509_NAME_add_entry_by_txt(X509_get_subject_name(x509),
                                      "O",
                                      MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>("TuneScout household hub"),
                                      -1,
                                      -1,
                                      0)
            == 1
        && X509_set_issuer_name(x509, X509_get_subject_name(x509)) == 1
        && X509_set_pubkey(x509, key.get()) == 1
        // No keyUsage: without keyCertSign OpenSSL (and Qt) would not see the certificate as signed by itself.
        && addExtension(x509, NID_basic_constraints, QStringLiteral("critical,CA:FALSE"))
        && addExtension(x509, NID_ext_key_usage, QStringLiteral("serverAuth"))
        && addExtension(x509, NID_subject_key_identifier, QStringLiteral("hash"))
        && addExtension(x509, NID_subject_alt_name, result.subjectAltNames.join(QLatin1Char(',')))
        && X509_sign(x509, key.get(), EVP_sha256()) > 0;
    BN_free(serialNumber);
    if (!made) {
        return Error{Error::Code::Internal, QStringLiteral("Cannot make the certificate: %1.").arg(openSslError())};
    }

    const QByteArray keyPem = pemOf(
        [](BIO *bio, void *object) {
            return PEM_write_bio_PrivateKey(bio,
                                            static_cast<EVP_PKEY *>(object),
                                            nullptr,
                                            nullptr,
                                            0,
                                            nullptr,
                                            nullptr);
        },
        key.get());
    const QByteArray certificatePem = pemOf(
        [](BIO *bio, void *object) {
            return PEM_write_bio_X509(bio, static_cast<X509 *>(object));
        },
        x509);
    // The key first: a certificate without its key is useless, a key without a certificate is harmless.
    if (const Result<void> written = writeFile(result.keyPath, keyPem, 0600, request.force); !written) {
        return written.error();
    }
    if (const Result<void> written = writeFile(result.certificatePath, certificatePem, 0644, request.force); !written) {
        QFile::remove(result.keyPath);
        return written.error();
    }
    const Result<QString> fingerprint = fingerprintOf(x509, result.certificatePath);
    if (!fingerprint) {
        return fingerprint.error();
    }
    result.fingerprint = fingerprint.value();
    return result;
}

} // namespace hub
