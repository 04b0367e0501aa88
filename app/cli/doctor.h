#pragma once

#include "app/core/clientconfig.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

// `tunescout-cli doctor`: checks what TuneScout needs on this machine and says what to do about it.
class Doctor : public QObject
{
    Q_OBJECT
public:
    struct Check {
        QString name;
        bool ok = false;
        QString value;
        QString advice; // what to do when not ok
    };

    explicit Doctor(QObject *parent = nullptr);

    // Runs every check, then calls done with the results (asynchronously: the keychain answers over D-Bus).
    void run(const QString &dataDirOption, std::function<void(const QList<Check> &)> done);

    static QString toText(const QList<Check> &checks);
    static QJsonObject toJson(const QList<Check> &checks);
    static bool allOk(const QList<Check> &checks);
};
