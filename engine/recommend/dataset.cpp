#include "engine/recommend/dataset.h"

#include <QDate>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <cmath>

namespace engine::recommend
{

namespace
{

Error failure(Error::Code code, const QString &message)
{
    return Error{code, message};
}

// Reads a tab-separated file line by line; `row` gets the line number and the fields of each non-blank line.
template<typename RowHandler>
Result<void> forEachRow(const QString &path, RowHandler &&row)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return failure(Error::Code::Io, QStringLiteral("%1: cannot be read: %2").arg(path, file.errorString()));
    }
    int lineNumber = 0;
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        ++lineNumber;
        while (line.endsWith('\n') || line.endsWith('\r')) {
            line.chop(1);
        }
        if (line.trimmed().isEmpty()) {
            continue;
        }
        const QList<QByteArray> fields = line.split('\t');
        if (auto handled = row(lineNumber, fields); !handled) {
            return handled;
        }
    }
    if (file.error() != QFileDevice::NoError) {
        return failure(Error::Code::Io, QStringLiteral("%1: reading failed: %2").arg(path, file.errorString()));
    }
    return {};
}

QString where(const QString &path, int line)
{
    return QStringLiteral("%1:%2").arg(QFileInfo(path).fileName()).arg(line);
}

int indexOf(QHash<QByteArray, int> &ids, std::vector<QByteArray> &names, const QByteArray &id)
{
    const auto found = ids.constFind(id);
    if (found != ids.constEnd()) {
        return found.value();
    }
    const int index = int(names.size());
    ids.insert(id, index);
    names.push_back(id);
    return index;
}

} // namespace

Result<Dataset> readInteractions(const QString &path)
{
    Dataset dataset;
    QHash<QByteArray, int> users;
    QHash<QByteArray, int> items;
    std::vector<Eigen::Triplet<float, int>> triplets;
    bool first = true;
    auto read = forEachRow(path, [&](int line, const QList<QByteArray> &fields) -> Result<void> {
        const bool header = first;
        first = false;
        if (fields.size() < 3) {
            return failure(Error::Code::InvalidInput,
                           QStringLiteral("%1: expected 3 tab-separated columns (user, item, count), found %2")
                               .arg(where(path, line))
                               .arg(fields.size()));
        }
        const QByteArray user = fields.at(0).trimmed();
        const QByteArray item = fields.at(1).trimmed();
        bool numeric = false;
        const double count = fields.at(2).trimmed().toDouble(&numeric);
        if (header && !numeric) {
            return {}; // a header line such as "userID\tartistID\tweight"
        }
        if (user.isEmpty() || item.isEmpty()) {
            return failure(
                Error::Code::InvalidInput,
                QStringLiteral("%1: the %2 id is empty")
                    .arg(where(path, line), user.isEmpty() ? QStringLiteral("user") : QStringLiteral("item")));
        }
        if (!numeric || !(count > 0) || !std::isfinite(count)) {
            return failure(Error::Code::InvalidInput,
                           QStringLiteral("%1: the count '%2' is not a positive number")
                               .arg(where(path, line), QString::fromUtf8(fields.at(2).trimmed().left(40))));
        }
        triplets.emplace_back(indexOf(users, dataset.userIds, user),
                              indexOf(items, dataset.itemIds, item),
                              float(count));
        return {};
    });
    if (!read) {
        return read.error();
    }
    if (triplets.empty()) {
        return failure(Error::Code::InvalidInput,
                       QStringLiteral("%1: no interactions (expected user, item, count rows)").arg(path));
    }
    dataset.counts.resize(Eigen::Index(dataset.userIds.size()), Eigen::Index(dataset.itemIds.size()));
    dataset.counts.setFromTriplets(triplets.begin(), triplets.end());
    return dataset;
}

Result<void> readTags(const QString &path, Dataset &dataset)
{
    QHash<QByteArray, int> users;
    for (std::size_t i = 0; i < dataset.userIds.size(); ++i) {
        users.insert(dataset.userIds[i], int(i));
    }
    QHash<QByteArray, int> items;
    for (std::size_t i = 0; i < dataset.itemIds.size(); ++i) {
        items.insert(dataset.itemIds[i], int(i));
    }
    QHash<QByteArray, int> tags;
    std::vector<QByteArray> tagNames;
    std::vector<TagUse> uses;
    int skipped = 0;
    // Without a header: user, item, tag. HetRec's header names its columns (user, artist, tag, day, month, year).
    qsizetype userColumn = 0;
    qsizetype itemColumn = 1;
    qsizetype tagColumn = 2;
    qsizetype dayColumn = -1;
    qsizetype monthColumn = -1;
    qsizetype yearColumn = -1;
    bool first = true;
    auto read = forEachRow(path, [&](int line, const QList<QByteArray> &fields) -> Result<void> {
        if (first) {
            first = false;
            QList<QByteArray> names;
            for (const QByteArray &field : fields) {
                names.append(field.trimmed().toLower());
            }
            if (names.contains("tagid")) {
                userColumn = names.indexOf("userid");
                itemColumn = names.contains("artistid") ? names.indexOf("artistid") : names.indexOf("itemid");
                tagColumn = names.indexOf("tagid");
                if (names.contains("day") && names.contains("month") && names.contains("year")) {
                    dayColumn = names.indexOf("day");
                    monthColumn = names.indexOf("month");
                    yearColumn = names.indexOf("year");
                }
                if (userColumn < 0 || itemColumn < 0) {
                    return failure(Error::Code::InvalidInput,
                                   QStringLiteral("%1: the header names tagID but not userID and artistID (or itemID)")
                                       .arg(where(path, line)));
                }
                return {};
            }
        }
        const qsizetype needed = std::max({userColumn, itemColumn, tagColumn, dayColumn, monthColumn, yearColumn}) + 1;
        if (fields.size() < needed) {
            return failure(Error::Code::InvalidInput,
                           QStringLiteral("%1: expected %2 tab-separated columns (user, item, tag), found %3")
                               .arg(where(path, line))
                               .arg(needed)
                               .arg(fields.size()));
        }
        const QByteArray user = fields.at(userColumn).trimmed();
        const QByteArray item = fields.at(itemColumn).trimmed();
        const QByteArray tag = fields.at(tagColumn).trimmed();
        if (user.isEmpty() || item.isEmpty() || tag.isEmpty()) {
            return failure(Error::Code::InvalidInput,
                           QStringLiteral("%1: the user, item and tag ids must not be empty").arg(where(path, line)));
        }
        const auto itemIndex = items.constFind(item);
        if (itemIndex == items.constEnd()) {
            ++skipped;
            return {};
        }
        qint64 day = -1;
        if (dayColumn >= 0) {
            bool dayOk = false;
            bool monthOk = false;
            bool yearOk = false;
            const QDate date(fields.at(yearColumn).trimmed().toInt(&yearOk),
                             fields.at(monthColumn).trimmed().toInt(&monthOk),
                             fields.at(dayColumn).trimmed().toInt(&dayOk));
            if (!dayOk || !monthOk || !yearOk || !date.isValid()) {
                return failure(Error::Code::InvalidInput,
                               QStringLiteral("%1: '%2-%3-%4' (year-month-day) is not a date")
                                   .arg(where(path, line),
                                        QString::fromUtf8(fields.at(yearColumn).trimmed().left(10)),
                                        QString::fromUtf8(fields.at(monthColumn).trimmed().left(10)),
                                        QString::fromUtf8(fields.at(dayColumn).trimmed().left(10))));
            }
            day = date.toJulianDay();
        }
        uses.push_back({users.value(user, -1), itemIndex.value(), indexOf(tags, tagNames, tag), day});
        return {};
    });
    if (!read) {
        return read.error();
    }
    dataset.tagUses = std::move(uses);
    dataset.tagCount = int(tagNames.size());
    dataset.tagUsesSkipped = skipped;
    return {};
}

} // namespace engine::recommend
