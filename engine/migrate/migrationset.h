#pragma once

#include "engine/model/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace engine
{

// One numbered schema step: migrations/<db>/NNNN_verb_object.sql.
struct Migration {
    int version = 0;
    QString name; // "create_meta" for 0001_create_meta.sql
    QString fileName;
    QByteArray sql;
};

// The ordered, validated migrations of one database (client SQLite or hub Postgres). Both databases use
// this one loader and planner; only the way a step is executed differs (a transaction per backend).
class MigrationSet
{
public:
    // Reads every *.sql file in dir (a filesystem path or a ":/..." resource path). Names must be
    // NNNN_snake_case.sql and numbered 1..N without gaps or repeats.
    static Result<MigrationSet> load(const QString &dir);
    static Result<MigrationSet> fromList(QList<Migration> migrations);

    int latestVersion() const;
    const QList<Migration> &all() const;

    // The steps a database at currentVersion still needs, in order; an error for a database made by a
    // newer build (currentVersion > latestVersion) or a negative version.
    Result<QList<Migration>> pendingFrom(int currentVersion) const;

private:
    QList<Migration> m_migrations;
};

} // namespace engine
