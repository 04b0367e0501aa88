// Top-k scoring (engine/recommend/topitems.h) against brute force: exclusions, ties broken by the lower item id,
// several threads, and k larger than what is left.

#include "engine/recommend/topitems.h"

#include <QTest>

#include <algorithm>
#include <random>

using namespace engine::recommend;

namespace
{

std::vector<ScoredItem>
bruteForce(const Eigen::VectorXf &user, const RowMatrix &items, int k, const std::vector<int> &excluded)
{
    std::vector<ScoredItem> all;
    for (int i = 0; i < items.rows(); ++i) {
        if (!std::binary_search(excluded.begin(), excluded.end(), i)) {
            all.push_back({i, items.row(i).dot(user.transpose())});
        }
    }
    std::stable_sort(all.begin(), all.end(), [](const ScoredItem &a, const ScoredItem &b) {
        return a.score > b.score;
    });
    all.resize(std::min(all.size(), std::size_t(k)));
    return all;
}

} // namespace

class TestTopItems : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesBruteForce_data()
    {
        QTest::addColumn<int>("items");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("excludedCount");
        QTest::addRow("small") << 50 << 10 << 1 << 5;
        QTest::addRow("k-above-remaining") << 30 << 40 << 1 << 7;
        QTest::addRow("many-blocks-one-thread") << 40000 << 50 << 1 << 300;
        QTest::addRow("many-blocks-three-threads") << 40000 << 50 << 3 << 300;
        QTest::addRow("k-1") << 20000 << 1 << 2 << 0;
    }

    void matchesBruteForce()
    {
        QFETCH(int, items);
        QFETCH(int, k);
        QFETCH(int, threads);
        QFETCH(int, excludedCount);
        // Small integer factors: every score is exact in float, and many tie.
        std::mt19937 engine(37);
        std::uniform_int_distribution<int> value(-3, 3);
        RowMatrix factors(items, 4);
        for (Eigen::Index k2 = 0; k2 < factors.size(); ++k2) {
            factors.data()[k2] = float(value(engine));
        }
        const Eigen::VectorXf user = Eigen::Vector4f(1, 2, -1, 1);
        std::vector<int> excluded;
        std::uniform_int_distribution<int> item(0, items - 1);
        for (int e = 0; e < excludedCount; ++e) {
            excluded.push_back(item(engine));
        }
        std::sort(excluded.begin(), excluded.end());
        excluded.erase(std::unique(excluded.begin(), excluded.end()), excluded.end());

        const std::vector<ScoredItem> got = topItems(user, factors, k, excluded, threads);
        const std::vector<ScoredItem> expected = bruteForce(user, factors, k, excluded);
        QCOMPARE(got.size(), expected.size());
        for (std::size_t r = 0; r < got.size(); ++r) {
            QCOMPARE(got[r].item, expected[r].item);
            QCOMPARE(got[r].score, expected[r].score);
        }
        // The ties the data was built to have really happened.
        if (k > 1) {
            QVERIFY(std::adjacent_find(got.begin(),
                                       got.end(),
                                       [](const ScoredItem &a, const ScoredItem &b) {
                                           return a.score == b.score;
                                       })
                    != got.end());
        }
    }

    void unsortedExclusionsAndNaN()
    {
        RowMatrix factors(6, 2);
        factors << 1, 0, 2, 0, 3, 0, std::nanf(""), 0, 5, 0, 4, 0;
        const Eigen::VectorXf user = Eigen::Vector2f(1, 1);
        const std::vector<int> excluded{4, 1};
        const std::vector<ScoredItem> got = topItems(user, factors, 10, excluded);
        QCOMPARE(got.size(), std::size_t(3));
        QCOMPARE(got[0].item, 5);
        QCOMPARE(got[1].item, 2);
        QCOMPARE(got[2].item, 0);
    }

    void degenerateArguments()
    {
        const RowMatrix factors = RowMatrix::Ones(5, 3);
        QVERIFY(topItems(Eigen::Vector3f(1, 1, 1), factors, 0).empty());
        QVERIFY(topItems(Eigen::Vector2f(1, 1), factors, 3).empty());
        QVERIFY(topItems(Eigen::Vector3f(1, 1, 1), RowMatrix(0, 3), 3).empty());
    }
};

QTEST_GUILESS_MAIN(TestTopItems)
#include "tst_topitems.moc"
