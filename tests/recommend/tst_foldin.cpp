// Fold-in (engine/recommend/foldin.h): a trained user's own counts give back that user's vector after a final
// exact user half-step, with both weightings, and degenerate input gives zeros rather than garbage.

#include "engine/recommend/foldin.h"
#include "tests/recommend/denseals.h"

#include <QTest>

#include <vector>

using namespace engine::recommend;

Q_DECLARE_METATYPE(engine::recommend::Weighting)

namespace
{

std::vector<std::pair<int, float>> rowOf(const Interactions &counts, int u)
{
    std::vector<std::pair<int, float>> row;
    for (Interactions::InnerIterator it(counts, u); it; ++it) {
        row.emplace_back(int(it.index()), it.value());
    }
    return row;
}

} // namespace

class TestFoldIn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reproducesTrainedUser_data()
    {
        QTest::addColumn<Weighting>("weighting");
        QTest::addColumn<float>("regularization");
        QTest::addColumn<float>("alpha");
        QTest::addRow("log1p") << Weighting::Log1p << 1.0f << 2.0f;
        QTest::addRow("log1p-weak-regularization") << Weighting::Log1p << 0.01f << 40.0f;
        QTest::addRow("bm25") << Weighting::Bm25 << 0.5f << 5.0f;
    }

    void reproducesTrainedUser()
    {
        QFETCH(Weighting, weighting);
        QFETCH(float, regularization);
        QFETCH(float, alpha);
        const Interactions counts = densetest::randomCounts(70, 45, 0.15, 29);
        AlsOptions options;
        options.factors = 16;
        options.regularization = regularization;
        options.alpha = alpha;
        options.weighting = weighting;
        options.iterations = 8;
        const auto model = trainAls(counts, options);
        QVERIFY(model);

        // The final user half-step, exact, written from the equations.
        const Interactions c = confidence(counts, options);
        const Eigen::MatrixXd users = densetest::exactStep(densetest::denseConfidence(c),
                                                           densetest::densePreference(c),
                                                           model->items.cast<double>(),
                                                           regularization);
        const FoldIn foldIn(model->items, options, counts);
        for (int u = 0; u < counts.rows(); ++u) {
            const Eigen::VectorXd folded = foldIn.userVector(rowOf(counts, u)).cast<double>();
            const double difference = (folded - users.row(u).transpose()).norm() / users.row(u).norm();
            QVERIFY2(difference < 1e-3, qPrintable(QStringLiteral("user %1: %2").arg(u).arg(difference)));
        }
    }

    // Repeated items add up, as in a matrix built from triplets; unknown items and bad counts are ignored.
    void repeatedAndInvalidEntries()
    {
        const Interactions counts = densetest::randomCounts(30, 20, 0.2, 31);
        AlsOptions options;
        options.factors = 8;
        options.iterations = 3;
        const auto model = trainAls(counts, options);
        QVERIFY(model);
        const FoldIn foldIn(model->items, options);
        const std::vector<std::pair<int, float>> once{{3, 5.0f}, {9, 2.0f}};
        const std::vector<std::pair<int, float>> split{{9, 2.0f},
                                                       {3, 2.0f},
                                                       {-1, 4.0f},
                                                       {3, 3.0f},
                                                       {20, 1.0f},
                                                       {4, 0.0f}};
        QCOMPARE(foldIn.userVector(split), foldIn.userVector(once));
        const Eigen::VectorXf empty = foldIn.userVector({});
        QCOMPARE(empty.size(), 8);
        QCOMPARE(empty.squaredNorm(), 0.0f);
    }

    // Without regularisation and with fewer items than factors the system is singular: the answer must still be
    // finite (the least-norm solution), never NaN.
    void singularSystemStaysFinite()
    {
        RowMatrix items = RowMatrix::Zero(10, 6);
        for (int i = 0; i < 10; ++i) {
            items(i, i % 3) = 1.0f + float(i);
        }
        AlsOptions options;
        options.factors = 6;
        options.regularization = 0.0f;
        const FoldIn foldIn(items, options);
        const std::vector<std::pair<int, float>> counts{{1, 3.0f}};
        const Eigen::VectorXf x = foldIn.userVector(counts);
        QVERIFY(x.allFinite());
        QVERIFY(x.squaredNorm() > 0.0f);
    }
};

QTEST_GUILESS_MAIN(TestFoldIn)
#include "tst_foldin.moc"
