#pragma once

#include "statslistmodel.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

// The artist, track or album a dashboard's detail view shows: its plays over time, first and last listen and
// skip rate in the dashboards' period. Dashboard fills it; QML only reads it.
class ItemDetail : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Dashboard.detail is the one detail view")
    Q_PROPERTY(bool open READ isOpen NOTIFY changed)
    Q_PROPERTY(bool busy READ isBusy NOTIFY changed)
    Q_PROPERTY(bool found READ found NOTIFY changed)
    Q_PROPERTY(QString kindName READ kindName NOTIFY changed)
    Q_PROPERTY(QString title READ title NOTIFY changed)
    Q_PROPERTY(QString subtitle READ subtitle NOTIFY changed)
    Q_PROPERTY(QString playsText READ playsText NOTIFY changed)
    Q_PROPERTY(QString minutesText READ minutesText NOTIFY changed)
    Q_PROPERTY(QString firstListen READ firstListen NOTIFY changed)
    Q_PROPERTY(QString lastListen READ lastListen NOTIFY changed)
    Q_PROPERTY(QString skipRateText READ skipRateText NOTIFY changed)
    Q_PROPERTY(StatsListModel *months READ months CONSTANT)

public:
    struct Content {
        bool found = false;
        QString kindName;
        QString title;
        QString subtitle;
        QString playsText;
        QString minutesText;
        QString firstListen;
        QString lastListen;
        QString skipRateText;
    };

    explicit ItemDetail(QObject *parent = nullptr);

    bool isOpen() const;
    bool isBusy() const;
    bool found() const;
    QString kindName() const;
    QString title() const;
    QString subtitle() const;
    QString playsText() const;
    QString minutesText() const;
    QString firstListen() const;
    QString lastListen() const;
    QString skipRateText() const;
    StatsListModel *months();

    // Opened and waiting for its figures.
    void startLoading(const QString &kindName);
    void setContent(Content content, QList<StatsListModel::Entry> months);
    void close();

Q_SIGNALS:
    void changed();

private:
    bool m_open = false;
    bool m_busy = false;
    Content m_content;
    StatsListModel m_months;
};
