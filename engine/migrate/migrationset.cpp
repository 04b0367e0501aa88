#include "engine/migrate/migrationset.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>

namespace engine
{

Result<MigrationSet> MigrationSet::load(const QString &dir)
{
    const QDir directory(dir);
    if (!directory.exists()) {
        return Error{Error::Code::NotFound, QStringLiteral("The migrations folder %1 does not exist.").arg(dir)};
    }
    QList<Migration> migrations;
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_([a-z0-9]+(?:_[a-z0-9]+)*)\\.sql$"));
    const QStringList files = directory.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &fileName : files) {
        const QRegularExpressionMatch match = pattern.match(fileName);
        if (!match.hasMatch()) {
            return Error{
                Error::Code::InvalidInput,
                QStringLiteral("The migration file %1 in %2 is not named NNNN_verb_object.sql.").arg(fileName, dir)};
        }
        QFile file(directory.filePath(fileName));
        if (!file.open(QIODevice::ReadOnly)) {
            return Error{Error::Code::Io,
                         QStringLiteral("Cannot read the migration %1: %2").arg(file.fileName(), file.errorString())};
        }
        migrations.append(Migration{match.captured(1).toInt(), match.captured(2), fileName, file.readAll()});
    }
    return fromList(std::move(migrations));
}

Result<MigrationSet> MigrationSet::fromList(QList<Migration> migrations)
{
    std::sort(migrations.begin(), migrations.end(), [](const Migration &a, const Migration &b) {
        return a.version < b.version;
    });
    for (qsizetype i = 0; i < migrations.size(); ++i) {
        const Migration &m = migrations.at(i);
        if (m.version != i + 1) {
            return Error{Error::Code::InvalidInput,
                         QStringLiteral("Migrations must be numbered 1, 2, 3… without gaps or repeats; found %1 "
                                        "where version %2 was expected.")
                             .arg(m.fileName.isEmpty() ? QString::number(m.version) : m.fileName)
                             .arg(i + 1)};
        }
        if (m.sql.trimmed().isEmpty()) {
            return Error{Error::Code::InvalidInput, QStringLiteral("The migration %1 is empty.").arg(m.fileName)};
        }
    }
    MigrationSet set;
    set.m_migrations = std::move(migrations);
    return set;
}

int MigrationSet::latestVersion() const
{
    return m_migrations.isEmpty() ? 0 : m_migrations.constLast().version;
}

const QList<Migration> &MigrationSet::all() const
{
    return m_migrations;
}

Result<QList<Migration>> MigrationSet::pendingFrom(int currentVersion) const
{
    if (currentVersion < 0) {
        return Error{Error::Code::Corrupt,
                     QStringLiteral("The database reports schema version %1, which no build of TuneScout writes.")
                         .arg(currentVersion)};
    }
    if (currentVersion > latestVersion()) {
        return Error{Error::Code::NewerSchema,
                     QStringLiteral("The database was made by a newer version of TuneScout (schema %1; this build "
                                    "knows up to %2). Update TuneScout to use it; the file was left untouched.")
                         .arg(currentVersion)
                         .arg(latestVersion())};
    }
    return m_migrations.mid(currentVersion);
}

} // namespace engine
