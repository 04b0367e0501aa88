#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

// The rows of an import report as the Import page lists them: one per counter, or one per file.
//
// Roles: title (what the row is: a rule, or a file name), detail (a file's status or error; empty for a
// counter), value (the count, formatted), problem (true for a file that could not be imported).
class ImportRowsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by HistoryImport")

public:
    enum Role { TitleRole = Qt::UserRole + 1, DetailRole, ValueRole, ProblemRole };

    struct Row {
        QString title;
        QString detail;
        QString value;
        bool problem = false;
    };

    explicit ImportRowsModel(QObject *parent = nullptr);

    void setRows(QList<Row> rows);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<Row> m_rows;
};
