// The rank-over-time chart's data: which lines are drawn, where each snapshot date sits on the time axis, the
// ranks per date (0 off the list), the axis bottom, and what is read out instead of the picture. Every value is
// worked out by hand from the history built here.

#include "app/backend/rankhistorymodel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

namespace
{

engine::SpotifyTopHistory::Line line(qint64 id, const QString &name, const QList<int> &ranks)
{
    engine::SpotifyTopHistory::Line l;
    l.id = id;
    l.spotifyId = QStringLiteral("sp%1").arg(id);
    l.name = name;
    l.ranks = ranks;
    return l;
}

// Snapshots on 1, 2 and 11 March (a week without a sync), items ordered as spotifyTopHistory() orders them:
// by rank on the latest date, then the ones that dropped off.
engine::SpotifyTopHistory history()
{
    engine::SpotifyTopHistory h;
    h.dates = {QDate(2025, 3, 1), QDate(2025, 3, 2), QDate(2025, 3, 11)};
    h.items = {line(7, QStringLiteral("Climber"), {5, 3, 1}),
               line(3, QStringLiteral("Steady"), {1, 1, 2}),
               line(9, QStringLiteral("Returning"), {2, 0, 3}),
               line(4, QStringLiteral("Newcomer"), {0, 0, 4}),
               line(5, QStringLiteral("Gone"), {3, 2, 0})};
    return h;
}

QString day(int d)
{
    return QLocale().toString(QDate(2025, 3, d), QStringLiteral("d MMM yyyy"));
}

} // namespace

class TestRankHistoryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chartTakesTheLatestListsLeaders()
    {
        const auto content = RankHistoryModel::chart(history(), 10);
        QCOMPARE(content.dates, history().dates);
        // 0, 1 and 10 days after the first of a 10-day span.
        QCOMPARE(content.positions, (QList<double>{0.0, 0.1, 1.0}));
        QCOMPARE(content.lines.size(), 4); // "Gone" is not on the latest list
        QCOMPARE(content.lines.at(0).label, QStringLiteral("Climber"));
        QCOMPARE(content.lines.at(0).itemId, 7);
        QCOMPARE(content.lines.at(0).ranks, (QList<int>{5, 3, 1}));
        QCOMPARE(content.lines.at(2).ranks, (QList<int>{2, 0, 3}));
        QCOMPARE(content.lines.at(3).ranks, (QList<int>{0, 0, 4}));
        // The worst rank of the drawn lines: Climber's 5 (Gone's ranks are not drawn).
        QCOMPARE(content.maxRank, 5);
    }

    void chartKeepsAtMostTheLimit()
    {
        const auto content = RankHistoryModel::chart(history(), 2);
        QCOMPARE(content.lines.size(), 2);
        QCOMPARE(content.lines.at(1).label, QStringLiteral("Steady"));
        QCOMPARE(content.maxRank, 5);
        const auto top = RankHistoryModel::chart(history(), 1);
        QCOMPARE(top.maxRank, 5); // Climber alone: 5, 3, 1
    }

    void oneSnapshotSitsInTheMiddleAndNoneDrawsNothing()
    {
        engine::SpotifyTopHistory one;
        one.dates = {QDate(2025, 3, 1)};
        one.items = {line(1, QStringLiteral("Only"), {2})};
        const auto content = RankHistoryModel::chart(one, 10);
        QCOMPARE(content.positions, QList<double>{0.5});
        QCOMPARE(content.maxRank, 2);
        const auto none = RankHistoryModel::chart(engine::SpotifyTopHistory(), 10);
        QVERIFY(none.lines.isEmpty());
        QVERIFY(none.positions.isEmpty());
        QCOMPARE(none.maxRank, 0);
    }

    void theModelServesTheLines()
    {
        RankHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &RankHistoryModel::contentChanged);
        QCOMPARE(model.description(), QStringLiteral("No rank history for this list yet."));
        model.setContent(RankHistoryModel::chart(history(), 10), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.count(), 4);
        QCOMPARE(model.dateCount(), 3);
        QCOMPARE(model.maxRank(), 5);
        const QModelIndex climber = model.index(0);
        QCOMPARE(climber.data(RankHistoryModel::LabelRole).toString(), QStringLiteral("Climber"));
        QCOMPARE(climber.data(RankHistoryModel::RanksRole).value<QList<int>>(), (QList<int>{5, 3, 1}));
        QCOMPARE(climber.data(RankHistoryModel::RankRole).toInt(), 1);
        QCOMPARE(climber.data(RankHistoryModel::ItemIdRole).toLongLong(), 7);
        QCOMPARE(climber.data(RankHistoryModel::ItemKindRole).toInt(), 1);
        QCOMPARE(model.ranksAt(2), (QList<int>{2, 0, 3}));
        QVERIFY(model.ranksAt(4).isEmpty());
        QCOMPARE(model.positionAt(1), 0.1);
        QCOMPARE(model.firstDateText(), day(1));
        QCOMPARE(model.lastDateText(), day(11));
        QCOMPARE(model.dateLabelAt(3), QString());
    }

    void whatScreenReadersHear()
    {
        RankHistoryModel model;
        model.setContent(RankHistoryModel::chart(history(), 10), 0);
        QCOMPARE(model.index(2).data(RankHistoryModel::DescriptionRole).toString(),
                 QStringLiteral("Returning: #3, best #2, on 2 of 3 lists."));
        QCOMPARE(model.description(),
                 QStringLiteral("Ranks from %1 to %2. Climber: #1, best #1, on 3 of 3 lists. Steady: #2, best #1, on 3 "
                                "of 3 lists. Returning: #3, best #2, on 2 of 3 lists. Newcomer: #4, best #4, on 1 of 3 "
                                "lists.")
                     .arg(day(1), day(11)));
        QCOMPARE(model.readout(0, 1), QStringLiteral("Climber on %1: #3").arg(day(2)));
        QCOMPARE(model.readout(2, 1), QStringLiteral("Returning on %1: not on the list").arg(day(2)));
        QCOMPARE(model.readout(4, 0), QString());
        QCOMPARE(model.readout(0, 3), QString());
    }

    void aNameWithAPlaceholderIsReadAsWritten()
    {
        engine::SpotifyTopHistory h;
        h.dates = {QDate(2025, 3, 1), QDate(2025, 3, 2)};
        h.items = {line(1, QStringLiteral("100%2 Hits"), {2, 1})};
        RankHistoryModel model;
        model.setContent(RankHistoryModel::chart(h, 10), 0);
        QCOMPARE(model.index(0).data(RankHistoryModel::DescriptionRole).toString(),
                 QStringLiteral("100%2 Hits: #1, best #1, on 2 of 2 lists."));
    }
};

QTEST_GUILESS_MAIN(TestRankHistoryModel)
#include "tst_rankhistorymodel.moc"
