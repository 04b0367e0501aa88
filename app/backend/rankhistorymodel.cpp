#include "rankhistorymodel.h"

#include <QLocale>

#include <algorithm>

namespace
{

// Translated, as in the dashboards: German writes the day with a full stop.
QString dayText(QDate date)
{
    return QLocale().toString(date, RankHistoryModel::tr("d MMM yyyy", "date format: day"));
}

} // namespace

RankHistoryModel::Content RankHistoryModel::chart(const engine::SpotifyTopHistory &history, int maxLines)
{
    Content content;
    content.dates = history.dates;
    if (history.dates.isEmpty()) {
        return content;
    }
    const QDate first = history.dates.constFirst();
    const qint64 span = first.daysTo(history.dates.constLast());
    for (const QDate &date : history.dates) {
        content.positions.append(span > 0 ? double(first.daysTo(date)) / double(span) : 0.5);
    }
    const qsizetype last = history.dates.size() - 1;
    for (const auto &item : history.items) {
        if (content.lines.size() >= maxLines) {
            break;
        }
        // Items come best-ranked on the latest date first; the ones that dropped off follow and are left out.
        if (item.ranks.value(last) == 0) {
            break;
        }
        content.lines.append({item.name, item.id, item.ranks});
        for (const int rank : item.ranks) {
            content.maxRank = std::max(content.maxRank, rank);
        }
    }
    return content;
}

RankHistoryModel::RankHistoryModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int RankHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_content.lines.size());
}

QVariant RankHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Line &line = m_content.lines.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
        return line.label;
    case RanksRole:
        return QVariant::fromValue(line.ranks);
    case RankRole:
        return line.ranks.isEmpty() ? 0 : line.ranks.constLast();
    case ItemIdRole:
        return line.itemId;
    case ItemKindRole:
        return m_itemKind;
    case DescriptionRole:
        return lineDescription(line);
    default:
        return {};
    }
}

QHash<int, QByteArray> RankHistoryModel::roleNames() const
{
    return {{LabelRole, "label"},
            {RanksRole, "ranks"},
            {RankRole, "rank"},
            {ItemIdRole, "itemId"},
            {ItemKindRole, "itemKind"},
            {DescriptionRole, "description"}};
}

int RankHistoryModel::count() const
{
    return int(m_content.lines.size());
}

int RankHistoryModel::dateCount() const
{
    return int(m_content.dates.size());
}

int RankHistoryModel::maxRank() const
{
    return m_content.maxRank;
}

QString RankHistoryModel::lineDescription(const Line &line) const
{
    int best = 0;
    int onList = 0;
    for (const int rank : line.ranks) {
        if (rank > 0) {
            best = best == 0 ? rank : std::min(best, rank);
            ++onList;
        }
    }
    // One arg() call each: a name with "%2" in it must not be filled in by the next one.
    const QString latest = tr("%1: #%2").arg(line.label, QLocale().toString(line.ranks.value(line.ranks.size() - 1)));
    if (line.ranks.size() == 1) {
        return latest + QLatin1Char('.');
    }
    return tr("%1, best #%2, on %3 of %4 lists.")
        .arg(latest, QLocale().toString(best), QLocale().toString(onList), QLocale().toString(line.ranks.size()));
}

QString RankHistoryModel::description() const
{
    if (m_content.lines.isEmpty()) {
        return tr("No rank history for this list yet.");
    }
    QStringList sentences;
    sentences.append(m_content.dates.size() == 1
                         ? tr("Ranks on %1.").arg(dayText(m_content.dates.constFirst()))
                         : tr("Ranks from %1 to %2.")
                               .arg(dayText(m_content.dates.constFirst()), dayText(m_content.dates.constLast())));
    for (const Line &line : m_content.lines) {
        sentences.append(lineDescription(line));
    }
    return sentences.join(QLatin1Char(' '));
}

QString RankHistoryModel::firstDateText() const
{
    return dateLabelAt(0);
}

QString RankHistoryModel::lastDateText() const
{
    return dateLabelAt(int(m_content.dates.size()) - 1);
}

const RankHistoryModel::Content &RankHistoryModel::content() const
{
    return m_content;
}

QList<int> RankHistoryModel::ranksAt(int row) const
{
    return row >= 0 && row < m_content.lines.size() ? m_content.lines.at(row).ranks : QList<int>();
}

double RankHistoryModel::positionAt(int date) const
{
    return m_content.positions.value(date);
}

QString RankHistoryModel::dateLabelAt(int date) const
{
    return date >= 0 && date < m_content.dates.size() ? dayText(m_content.dates.at(date)) : QString();
}

QString RankHistoryModel::readout(int row, int date) const
{
    if (row < 0 || row >= m_content.lines.size() || date < 0 || date >= m_content.dates.size()) {
        return QString();
    }
    const Line &line = m_content.lines.at(row);
    const int rank = line.ranks.value(date);
    return rank > 0 ? tr("%1 on %2: #%3").arg(line.label, dayText(m_content.dates.at(date)), QLocale().toString(rank))
                    : tr("%1 on %2: not on the list").arg(line.label, dayText(m_content.dates.at(date)));
}

void RankHistoryModel::setContent(Content content, int itemKind)
{
    beginResetModel();
    m_content = std::move(content);
    m_itemKind = itemKind;
    endResetModel();
    Q_EMIT contentChanged();
}
