#include "hub/connectionstring.h"

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace hub
{

namespace
{

bool isUrl(const QString &text)
{
    return text.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        || text.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

} // namespace

ConnectionString::ConnectionString(QString text)
    : m_text(std::move(text))
{
}

bool ConnectionString::isEmpty() const
{
    return m_text.trimmed().isEmpty();
}

bool ConnectionString::isWellFormed() const
{
    const QString text = m_text.trimmed();
    if (isUrl(text)) {
        return true;
    }
    static const QRegularExpression keyValue(QStringLiteral("(^|\\s)[A-Za-z_]+\\s*="));
    return keyValue.match(text).hasMatch();
}

std::string ConnectionString::toStdString() const
{
    return m_text.trimmed().toStdString();
}

QString ConnectionString::redacted(const QString &message) const
{
    QString result = message;
    for (const QString &secret : secrets()) {
        result.replace(secret, QStringLiteral("***"));
    }
    return result;
}

QString ConnectionString::redacted(const char *message) const
{
    return redacted(QString::fromUtf8(message));
}

QStringList ConnectionString::secrets() const
{
    QStringList passwords;
    if (isUrl(m_text)) {
        // libpq accepts several hosts in one URL, which QUrl rejects, so the parts are found by hand.
        static const QRegularExpression userInfo(QStringLiteral("^[A-Za-z]+://[^:@/]*:([^@/]*)@"));
        static const QRegularExpression queryPassword(QStringLiteral("[?&]password=([^&]*)"));
        for (const QRegularExpression *pattern : {&userInfo, &queryPassword}) {
            const QString encoded = pattern->match(m_text.trimmed()).captured(1);
            passwords << encoded << QUrl::fromPercentEncoding(encoded.toUtf8());
        }
    } else {
        static const QRegularExpression keyValue(
            QStringLiteral("(?:^|\\s)password\\s*=\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|(\\S+))"));
        auto matches = keyValue.globalMatch(m_text);
        while (matches.hasNext()) {
            const QRegularExpressionMatch match = matches.next();
            const QString quoted = match.captured(1);
            passwords << (quoted.isEmpty() ? match.captured(2) : quoted);
            passwords << QString(quoted).replace(QStringLiteral("\\'"), QStringLiteral("'"));
        }
    }
    passwords.removeAll(QString());
    passwords.removeDuplicates();
    // The whole string first, then the longest secrets, so a short one never splits a longer one.
    std::sort(passwords.begin(), passwords.end(), [](const QString &a, const QString &b) {
        return a.size() > b.size();
    });
    QStringList result{m_text, m_text.trimmed()};
    result << passwords;
    result.removeAll(QString());
    return result;
}

} // namespace hub
