#include "engine/spotify/pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <algorithm>
#include <array>

namespace engine
{

namespace
{

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

// 32 bytes is what RFC 7636 recommends and gives the 43-character minimum verifier length.
QByteArray randomBase64Url()
{
    std::array<quint32, 8> words;
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray encoded =
        QByteArray(reinterpret_cast<const char *>(words.data()), sizeof(words)).toBase64(Base64Url);
    words.fill(0);
    return encoded;
}

} // namespace

PkcePair makePkcePair()
{
    PkcePair pair;
    pair.verifier = randomBase64Url();
    pair.challenge = pkceChallenge(pair.verifier);
    return pair;
}

QByteArray pkceChallenge(QByteArrayView verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(Base64Url);
}

QByteArray makeState()
{
    return randomBase64Url();
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // The lengths are not secret (the state always has 43 characters); the contents are. Every byte of the
    // longer input is visited so that the loop length does not depend on where the first difference is.
    const qsizetype length = std::max(a.size(), b.size());
    unsigned difference = a.size() == b.size() ? 0U : 1U;
    for (qsizetype i = 0; i < length; ++i) {
        const auto left = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
        const auto right = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
        difference |= static_cast<unsigned>(left ^ right);
    }
    return difference == 0U;
}

} // namespace engine
