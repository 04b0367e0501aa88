#pragma once

#include <QAbstractListModel>
#include <QDate>
#include <QList>
#include <QPointer>
#include <QString>
#include <QtQml/qqmlregistration.h>

// One list or chart series of a dashboard: a top list, the bars of a chart, the first listens. Filled by
// Dashboard on the GUI thread from results computed on the store's thread; QML only reads it.
//
// Roles: label (the item or the bar's name), detail (a second line: artists, album, date), value (the number
// the list is ordered or drawn by), valueText (that number formatted for people), share (value / maxValue, for
// bars), itemId and itemKind (what a detail view opens: a row id and a Dashboard::ItemKind, itemKind -1 when
// the entry is not an item), rank (1-based position), change (a rank's change, e.g. "▲ 3", or "new").
class StatsListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Dashboard provides the lists")
    Q_PROPERTY(int count READ count NOTIFY entriesChanged)
    Q_PROPERTY(double maxValue READ maxValue NOTIFY entriesChanged)
    Q_PROPERTY(QList<qreal> values READ values NOTIFY entriesChanged)

public:
    enum Role {
        LabelRole = Qt::UserRole + 1,
        DetailRole,
        ValueRole,
        ValueTextRole,
        ShareRole,
        ItemIdRole,
        ItemKindRole,
        RankRole,
        ChangeRole,
    };
    Q_ENUM(Role)

    struct Entry {
        QString label;
        QString detail;
        double value = 0;
        QString valueText;
        qint64 itemId = 0;
        int itemKind = -1;
        QString change;
    };

    explicit StatsListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const;
    double maxValue() const;
    // Every entry's value in row order: what a Canvas chart draws.
    QList<qreal> values() const;
    const QList<Entry> &entries() const;

    // The label and valueText of `row`, for a chart's tooltip; empty outside the list.
    Q_INVOKABLE QString labelAt(int row) const;
    Q_INVOKABLE QString valueTextAt(int row) const;

    void setEntries(QList<Entry> entries);

Q_SIGNALS:
    void entriesChanged();

private:
    QList<Entry> m_entries;
    double m_maxValue = 0;
};

// The first `limit` entries of a StatsListModel, with the same roles (rank included), for a view that shows
// only some of a long list: a Repeater over the whole first-listens list would build a delegate for each of
// thousands of artists, which costs hundreds of MB and seconds before the page shows. `count` is how many
// entries the view has, `total` how many the list holds, so a view can offer to show more.
class StatsListSlice : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(StatsListModel *source READ source WRITE setSource NOTIFY sourceChanged)
    Q_PROPERTY(int limit READ limit WRITE setLimit NOTIFY limitChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int total READ total NOTIFY countChanged)

public:
    explicit StatsListSlice(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    StatsListModel *source() const;
    void setSource(StatsListModel *source);
    int limit() const;
    void setLimit(int limit);
    int count() const;
    int total() const;

Q_SIGNALS:
    void sourceChanged();
    void limitChanged();
    void countChanged();

private:
    void sourceReset();

    QPointer<StatsListModel> m_source;
    int m_limit = 0;
    int m_count = 0;
};
