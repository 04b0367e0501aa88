#pragma once

#include "engine/stats/spotifytop.h"

#include <QAbstractListModel>
#include <QDate>
#include <QList>
#include <QString>
#include <QtQml/qqmlregistration.h>

// How the items of one of Spotify's top lists moved over the daily snapshots the sync kept: a rank-over-time
// chart (RankChart.qml) with one line per item. Filled by Dashboard from engine::spotifyTopHistory(); QML only
// reads it.
//
// Rows are the lines: the items on the latest snapshot, best-ranked first, at most the chart's limit. Roles:
// label (the item's name), ranks (its rank on each snapshot date, oldest first; 0 when it was not on that
// day's list), rank (on the latest date), itemId and itemKind (as StatsListModel's), description (the line read
// out: "Name: #3, best #1, on the list 12 times").
class RankHistoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Dashboard provides the chart")
    Q_PROPERTY(int count READ count NOTIFY contentChanged)
    Q_PROPERTY(int dateCount READ dateCount NOTIFY contentChanged)
    Q_PROPERTY(int maxRank READ maxRank NOTIFY contentChanged)
    Q_PROPERTY(QString description READ description NOTIFY contentChanged)
    Q_PROPERTY(QString firstDateText READ firstDateText NOTIFY contentChanged)
    Q_PROPERTY(QString lastDateText READ lastDateText NOTIFY contentChanged)

public:
    enum Role {
        LabelRole = Qt::UserRole + 1,
        RanksRole,
        RankRole,
        ItemIdRole,
        ItemKindRole,
        DescriptionRole,
    };
    Q_ENUM(Role)

    struct Line {
        QString label;
        qint64 itemId = 0;
        QList<int> ranks; // one per date; 0: not on that day's list
    };
    struct Content {
        QList<QDate> dates; // oldest first
        QList<double> positions; // each date's place on the time axis, 0 (the first) to 1 (the last)
        QList<Line> lines;
        int maxRank = 0; // the worst rank any line has on any date: the bottom of the axis
    };

    // The chart of `history`: the first `maxLines` items on its latest snapshot, dates placed by their day
    // (a week without a sync leaves a gap).
    static Content chart(const engine::SpotifyTopHistory &history, int maxLines);

    explicit RankHistoryModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const;
    int dateCount() const;
    int maxRank() const;
    // Every line read out, one sentence each: what a screen reader hears instead of the chart.
    QString description() const;
    // The first and last snapshot dates, for the time axis.
    QString firstDateText() const;
    QString lastDateText() const;
    const Content &content() const;

    // For the Canvas: a line's ranks, a date's place on the axis and its label, and what one point says.
    Q_INVOKABLE QList<int> ranksAt(int row) const;
    Q_INVOKABLE double positionAt(int date) const;
    Q_INVOKABLE QString dateLabelAt(int date) const;
    Q_INVOKABLE QString readout(int row, int date) const;

    void setContent(Content content, int itemKind);

Q_SIGNALS:
    void contentChanged();

private:
    QString lineDescription(const Line &line) const;

    Content m_content;
    int m_itemKind = -1;
};
