#include "hub/tokens.h"

#include <QRandomGenerator>

#include <array>

namespace hub
{

namespace
{

const QByteArray tokenPrefix = QByteArrayLiteral("hub_");
constexpr int tokenBytes = 32;
constexpr int inviteCharacters = 10;

} // namespace

QByteArray newDeviceToken()
{
    std::array<quint32, tokenBytes / 4> words;
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray random(reinterpret_cast<const char *>(words.data()), tokenBytes);
    return tokenPrefix + random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool isWellFormedDeviceToken(const QByteArray &text)
{
    if (!text.startsWith(tokenPrefix) || text.size() != tokenPrefix.size() + 43) {
        return false;
    }
    for (qsizetype i = tokenPrefix.size(); i < text.size(); ++i) {
        const char c = text.at(i);
        const bool base64Url =
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!base64Url) {
            return false;
        }
    }
    return true;
}

QString newInviteCode()
{
    static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    QString code;
    for (int i = 0; i < inviteCharacters; ++i) {
        if (i == inviteCharacters / 2) {
            code += QLatin1Char('-');
        }
        code += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(32)]);
    }
    return code;
}

} // namespace hub
