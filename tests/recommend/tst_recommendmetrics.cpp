// Ranking metrics and the holdout split of the evaluation protocol, on hand-computed cases.
#include "engine/recommend/holdout.h"
#include "engine/recommend/metrics.h"

#include <QTest>

#include <cmath>

using namespace engine::recommend;

namespace
{

Interactions matrix(int rows, int cols, const std::vector<Eigen::Triplet<float, int>> &entries)
{
    Interactions m(rows, cols);
    m.setFromTriplets(entries.begin(), entries.end());
    return m;
}

// A user with `items[u]` items 0 … items[u]-1, each with count 1 + item.
Interactions usersWithItems(const std::vector<int> &items)
{
    std::vector<Eigen::Triplet<float, int>> entries;
    int cols = 1;
    for (std::size_t user = 0; user < items.size(); ++user) {
        for (int item = 0; item < items[user]; ++item) {
            entries.emplace_back(int(user), item, float(1 + item));
        }
        cols = std::max(cols, items[user]);
    }
    return matrix(int(items.size()), cols, entries);
}

} // namespace

class TestRecommendMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void metrics_data()
    {
        QTest::addColumn<std::vector<int>>("ranked");
        QTest::addColumn<std::vector<int>>("relevant");
        QTest::addColumn<int>("k");
        QTest::addColumn<double>("precision");
        QTest::addColumn<double>("recall");
        QTest::addColumn<double>("ndcg");
        QTest::addColumn<double>("map");
        // Hits at ranks 2 and 4 of 4: DCG = 1/log2(3) + 1/log2(5) = 1.061606, ideal (3 hits) = 1 + 0.630930 +
        // 0.5 = 2.130930; MAP = (1/2 + 2/4) / 3.
        QTest::addRow("hits-at-2-and-4") << std::vector<int>{5, 1, 7, 3} << std::vector<int>{1, 3, 9} << 4 << 0.5
                                         << 2.0 / 3 << 1.061606 / 2.130930 << 1.0 / 3;
        // k = 2 cuts the list and the ideal: both slots hit, the ideal is two hits.
        QTest::addRow("perfect-top-2") << std::vector<int>{1, 9, 3} << std::vector<int>{1, 3, 9} << 2 << 1.0 << 2.0 / 3
                                       << 1.0 << 1.0;
        // Fewer recommendations than k: precision still divides by k.
        QTest::addRow("short-list") << std::vector<int>{4} << std::vector<int>{4} << 10 << 0.1 << 1.0 << 1.0 << 1.0;
        QTest::addRow("no-hit") << std::vector<int>{0, 1, 2} << std::vector<int>{5} << 3 << 0.0 << 0.0 << 0.0 << 0.0;
        // One hit at rank 3 among 2 relevant: DCG = 0.5, ideal = 1 + 0.630930; MAP = (1/3) / 2.
        QTest::addRow("hit-at-3") << std::vector<int>{0, 1, 2} << std::vector<int>{2, 8} << 3 << 1.0 / 3 << 0.5
                                  << 0.5 / 1.630930 << 1.0 / 6;
    }

    void metrics()
    {
        QFETCH(std::vector<int>, ranked);
        QFETCH(std::vector<int>, relevant);
        QFETCH(int, k);
        const RankingMetrics m = rankingMetrics(ranked, relevant, k);
        QFETCH(double, precision);
        QFETCH(double, recall);
        QFETCH(double, ndcg);
        QFETCH(double, map);
        QCOMPARE_LT(std::abs(m.precision - precision), 1e-6);
        QCOMPARE_LT(std::abs(m.recall - recall), 1e-6);
        QCOMPARE_LT(std::abs(m.ndcg - ndcg), 1e-6);
        QCOMPARE_LT(std::abs(m.map - map), 1e-6);
    }

    void accumulatorMeansUsersAndCountsCoverage()
    {
        MetricsAccumulator accumulator(10);
        accumulator.add(std::vector<int>{0, 1}, std::vector<int>{0}, 2); // p 0.5, r 1
        accumulator.add(std::vector<int>{1, 2}, std::vector<int>{5, 6}, 2); // p 0, r 0
        accumulator.add(std::vector<int>{7, 8}, std::vector<int>{}, 2); // no held-out items: not counted
        QCOMPARE(accumulator.users(), 2);
        QCOMPARE(accumulator.mean().precision, 0.25);
        QCOMPARE(accumulator.mean().recall, 0.5);
        QCOMPARE(accumulator.coverage(), 0.3); // items 0, 1, 2 of 10

        MetricsAccumulator other(10);
        other.add(std::vector<int>{9, 0}, std::vector<int>{9}, 2);
        accumulator.merge(other);
        QCOMPARE(accumulator.users(), 3);
        QCOMPARE(accumulator.coverage(), 0.4);
        QCOMPARE_LT(std::abs(accumulator.mean().precision - 1.0 / 3), 1e-12);
    }

    void holdoutHoldsOutTheFractionOfEachUser()
    {
        const Interactions counts = usersWithItems({10, 1, 2, 5, 0});
        const HoldoutSplit split = holdoutSplit(counts, 0.2, 42);
        QCOMPARE(split.train.rows(), counts.rows());
        QCOMPARE(split.train.cols(), counts.cols());
        QCOMPARE(split.test.at(0).size(), 2u); // 20 % of 10
        QCOMPARE(split.test.at(1).size(), 0u); // a single item stays in training
        QCOMPARE(split.test.at(2).size(), 1u); // at least one, never all
        QCOMPARE(split.test.at(3).size(), 1u); // 20 % of 5
        QCOMPARE(split.test.at(4).size(), 0u);
        for (int user = 0; user < counts.rows(); ++user) {
            const auto &test = split.test.at(std::size_t(user));
            QVERIFY(std::is_sorted(test.begin(), test.end()));
            // Training and test partition the user's items, and the counts stay as they were.
            std::vector<int> all = rowItems(split.train, user);
            for (int item : test) {
                QVERIFY(!std::binary_search(all.begin(), all.end(), item));
            }
            QCOMPARE(all.size() + test.size(), rowItems(counts, user).size());
            for (Interactions::InnerIterator it(split.train, user); it; ++it) {
                QCOMPARE(it.value(), float(1 + it.col()));
            }
        }
    }

    void holdoutIsDeterministicForASeed()
    {
        const Interactions counts = usersWithItems(std::vector<int>(50, 40));
        const HoldoutSplit a = holdoutSplit(counts, 0.2, 7);
        const HoldoutSplit b = holdoutSplit(counts, 0.2, 7);
        const HoldoutSplit c = holdoutSplit(counts, 0.2, 8);
        QCOMPARE(a.test, b.test);
        QVERIFY(a.test != c.test);
        // 50 users × 8 held out of 40: each item is held out somewhere, not always the same ones.
        std::vector<int> heldOut(40, 0);
        for (const auto &test : a.test) {
            QCOMPARE(test.size(), 8u);
            for (int item : test) {
                ++heldOut[std::size_t(item)];
            }
        }
        QVERIFY(std::count(heldOut.begin(), heldOut.end(), 0) < 5);
    }
};

QTEST_APPLESS_MAIN(TestRecommendMetrics)
#include "tst_recommendmetrics.moc"
