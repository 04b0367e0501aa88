#pragma once

#include <QString>
#include <QStringList>

#include <string>

namespace hub
{

// A libpq connection string as the operator wrote it: a postgresql:// URL or key=value pairs. It may hold a
// password, so it never reaches a log or a response; messages that libpq builds from it go through
// redacted() first.
class ConnectionString
{
public:
    ConnectionString() = default;
    explicit ConnectionString(QString text);

    bool isEmpty() const;
    // A URL with the postgresql:// or postgres:// scheme, or at least one key=value pair. libpq checks the
    // rest when it connects.
    bool isWellFormed() const;
    std::string toStdString() const;

    // message with this string and every form of its password replaced by "***".
    QString redacted(const QString &message) const;
    QString redacted(const char *message) const;

private:
    QStringList secrets() const;

    QString m_text;
};

} // namespace hub
