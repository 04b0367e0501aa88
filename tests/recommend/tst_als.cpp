// Implicit ALS (engine/recommend/als.h): confidences, the loss going down, one iteration against dense
// double-precision versions of the same steps (through training, and through each CG kernel this processor runs),
// determinism, cancelling, and the messages for bad input.

#include "engine/recommend/als.h"
#include "engine/recommend/alskernel.h"
#include "engine/recommend/rowsolve.h"
#include "tests/recommend/denseals.h"

#include <QTest>

#include <cmath>
#include <random>
#include <utility>
#include <vector>

using namespace engine::recommend;

Q_DECLARE_METATYPE(engine::recommend::Solver)
Q_DECLARE_METATYPE(engine::recommend::Weighting)
Q_DECLARE_METATYPE(engine::recommend::AlsOptions)
Q_DECLARE_METATYPE(engine::recommend::detail::CgRowsKernel)

namespace
{

Interactions smallCounts()
{
    // row 0: item 0 ×1, item 1 ×3; row 1: item 1 ×2; row 2: item 0 ×4, item 2 ×1.
    const std::vector<Eigen::Triplet<float>> triplets{{0, 0, 1}, {0, 1, 3}, {1, 1, 2}, {2, 0, 4}, {2, 2, 1}};
    Interactions m(3, 3);
    m.setFromTriplets(triplets.begin(), triplets.end());
    return m;
}

Eigen::MatrixXd toDouble(const RowMatrix &m)
{
    return m.cast<double>();
}

} // namespace

class TestAls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void log1pConfidence()
    {
        AlsOptions options;
        options.alpha = 2.0f;
        const Interactions c = confidence(smallCounts(), options);
        QCOMPARE(c.nonZeros(), 5);
        QVERIFY(qFuzzyCompare(c.coeff(0, 0), float(1.0 + 2.0 * std::log(2.0))));
        QVERIFY(qFuzzyCompare(c.coeff(0, 1), float(1.0 + 2.0 * std::log(4.0))));
        QVERIFY(qFuzzyCompare(c.coeff(2, 0), float(1.0 + 2.0 * std::log(5.0))));
        QCOMPARE(c.coeff(1, 0), 0.0f);
    }

    void bm25Confidence()
    {
        // 3 rows; item 0 and item 1 are in 2 rows (idf ln 3 − ln 3 = 0), item 2 in 1 (idf ln 3 − ln 2).
        // Row totals 4, 2, 5: average 11/3.
        AlsOptions options;
        options.weighting = Weighting::Bm25;
        options.alpha = 1.0f;
        const Interactions c = confidence(smallCounts(), options);
        QCOMPARE(c.coeff(0, 0), 1.0f);
        QCOMPARE(c.coeff(1, 1), 1.0f);
        const double norm = 0.2 + 0.8 * 5.0 / (11.0 / 3.0);
        const double expected = 1.0 + 1.0 * 101.0 / (100.0 * norm + 1.0) * (std::log(3.0) - std::log(2.0));
        QVERIFY2(std::abs(c.coeff(2, 2) - expected) < 1e-6, qPrintable(QString::number(c.coeff(2, 2))));
        QVERIFY(std::abs(expected - 1.3148) < 1e-3);
    }

    void lossDecreases_data()
    {
        QTest::addColumn<Solver>("solver");
        QTest::addColumn<Weighting>("weighting");
        QTest::addRow("cg-log1p") << Solver::ConjugateGradient << Weighting::Log1p;
        QTest::addRow("cg-bm25") << Solver::ConjugateGradient << Weighting::Bm25;
        QTest::addRow("cholesky-log1p") << Solver::Cholesky << Weighting::Log1p;
    }

    void lossDecreases()
    {
        QFETCH(Solver, solver);
        QFETCH(Weighting, weighting);
        const Interactions counts = densetest::randomCounts(80, 50, 0.15, 7);
        AlsOptions options;
        options.factors = 8;
        options.regularization = 0.5f;
        options.alpha = 4.0f;
        options.weighting = weighting;
        options.solver = solver;
        options.iterations = 12;
        options.computeLoss = true;
        std::vector<double> losses;
        const auto model = trainAls(counts, options, [&](int iteration, int iterations, double loss) {
            [&] {
                QCOMPARE(iterations, 12);
                QCOMPARE(iteration, int(losses.size()) + 1);
            }();
            losses.push_back(loss);
            return true;
        });
        QVERIFY(model);
        QCOMPARE(losses.size(), std::size_t(12));
        const Interactions c = confidence(counts, options);
        QCOMPARE(alsLoss(c, *model), losses.back());
        const double initial = alsLoss(c, initialAls(counts.rows(), counts.cols(), options));
        QVERIFY2(losses.front() < initial, qPrintable(QStringLiteral("%1 vs %2").arg(losses.front()).arg(initial)));
        for (std::size_t k = 1; k < losses.size(); ++k) {
            QVERIFY2(
                losses[k] <= losses[k - 1] * (1.0 + 1e-6),
                qPrintable(QStringLiteral("iteration %1: %2 after %3").arg(k + 1).arg(losses[k]).arg(losses[k - 1])));
        }
        QVERIFY(losses.back() < losses.front());
    }

    void lossMatchesDenseObjective()
    {
        const Interactions counts = densetest::randomCounts(30, 20, 0.2, 3);
        AlsOptions options;
        options.factors = 6;
        options.regularization = 2.0f;
        const AlsModel model = initialAls(30, 20, options);
        const Interactions c = confidence(counts, options);
        const Eigen::MatrixXd residual =
            densetest::densePreference(c) - toDouble(model.users) * toDouble(model.items).transpose();
        const double expected = (densetest::denseConfidence(c).array() * residual.array().square()).sum()
            + 2.0 * (toDouble(model.users).squaredNorm() + toDouble(model.items).squaredNorm());
        QVERIFY2(std::abs(alsLoss(c, model) - expected) < 1e-4 * expected, qPrintable(QString::number(expected)));
    }

    // One iteration (users, then items) against a dense CG written from the equations, in double precision.
    void cgIterationMatchesDense_data()
    {
        QTest::addColumn<int>("factors");
        QTest::addColumn<int>("cgSteps");
        QTest::addRow("8-factors-3-steps") << 8 << 3;
        QTest::addRow("32-factors-3-steps") << 32 << 3;
        QTest::addRow("64-factors-2-steps") << 64 << 2;
        QTest::addRow("12-factors-5-steps") << 12 << 5;
    }

    void cgIterationMatchesDense()
    {
        QFETCH(int, factors);
        QFETCH(int, cgSteps);
        // Row 5 and column 7 empty: their factors must come out as zeros.
        Interactions counts = densetest::randomCounts(40, 30, 0.2, 11);
        counts.prune([](int row, int col, float) {
            return row != 5 && col != 7;
        });
        AlsOptions options;
        options.factors = factors;
        options.regularization = 1.0f;
        options.alpha = 3.0f;
        options.cgSteps = cgSteps;
        // The second iteration, from the first one's factors: the first starts from tiny uniform factors, whose
        // nearly rank-one Gram matrix makes float CG lose three digits against double precision on both sides.
        options.iterations = 1;
        const auto start = trainAls(counts, options);
        options.iterations = 2;
        const auto model = trainAls(counts, options);
        QVERIFY(start && model);

        const Interactions c = confidence(counts, options);
        const Eigen::MatrixXd dc = densetest::denseConfidence(c);
        const Eigen::MatrixXd dp = densetest::densePreference(c);
        const Eigen::MatrixXd users =
            densetest::cgStep(dc, dp, toDouble(start->users), toDouble(start->items), 1.0, cgSteps);
        // The items' half-step from our users, so that each half-step is compared on its own.
        const Eigen::MatrixXd items = densetest::cgStep(dc.transpose(),
                                                        dp.transpose(),
                                                        toDouble(start->items),
                                                        toDouble(model->users),
                                                        1.0,
                                                        cgSteps);
        QVERIFY2(densetest::relativeDifference(toDouble(model->users), users) < 1e-4,
                 qPrintable(QString::number(densetest::relativeDifference(toDouble(model->users), users))));
        QVERIFY2(densetest::relativeDifference(toDouble(model->items), items) < 1e-4,
                 qPrintable(QString::number(densetest::relativeDifference(toDouble(model->items), items))));
        QCOMPARE(model->users.row(5).squaredNorm(), 0.0f);
        QCOMPARE(model->items.row(7).squaredNorm(), 0.0f);
    }

    // Each CG kernel this processor runs, called directly on one half-step: the vector path (32, 64 and 128
    // factors), with rows of 0 to about 100 stored items so that the blocks of four, their remainders and the
    // prefetch near a row's end all run, and the plain path (any other count).
    void everyKernelMatchesDense_data()
    {
        QTest::addColumn<detail::CgRowsKernel>("kernel");
        QTest::addColumn<int>("factors");
        std::vector<std::pair<const char *, detail::CgRowsKernel>> kernels{{"baseline", detail::cgRowsBaseline}};
        if (detail::cpuHasAvx2()) {
            kernels.emplace_back("avx2", detail::cgRowsAvx2);
        }
        for (const auto &[name, kernel] : kernels) {
            for (const int factors : {32, 64, 128, 12}) {
                QTest::addRow("%s-%d", name, factors) << kernel << factors;
            }
        }
    }

    void everyKernelMatchesDense()
    {
        QFETCH(detail::CgRowsKernel, kernel);
        QFETCH(int, factors);
        constexpr int cgSteps = 3;
        constexpr float regularization = 1.0f;
        Interactions counts = densetest::randomCounts(50, 600, 0.12, 23);
        counts.prune([](int row, int col, float) {
            return row != 3 && (row != 4 || col < 30);
        });
        AlsOptions options;
        options.alpha = 3.0f;
        const Interactions c = confidence(counts, options);

        // A well-conditioned start for both sides, as after a first iteration.
        std::mt19937 random(29);
        std::normal_distribution<float> normal(0.0f, 0.3f);
        RowMatrix users(c.rows(), factors);
        RowMatrix items(c.cols(), factors);
        for (RowMatrix *m : {&users, &items}) {
            for (Eigen::Index k = 0; k < m->size(); ++k) {
                m->data()[k] = normal(random);
            }
        }
        const Eigen::MatrixXd expected = densetest::cgStep(densetest::denseConfidence(c),
                                                           densetest::densePreference(c),
                                                           toDouble(users),
                                                           toDouble(items),
                                                           regularization,
                                                           cgSteps);

        const Eigen::MatrixXf gram = detail::gram(items, regularization, 1);
        const detail::CgHalfStep step{c.outerIndexPtr(),
                                      c.innerIndexPtr(),
                                      c.valuePtr(),
                                      items.data(),
                                      gram.data(),
                                      users.data(),
                                      factors,
                                      cgSteps};
        std::vector<float> scratch(static_cast<std::size_t>(3 * factors));
        // In two calls, as threads share the rows out.
        kernel(step, 0, 20, scratch.data());
        kernel(step, 20, static_cast<int>(c.rows()), scratch.data());

        const double difference = densetest::relativeDifference(toDouble(users), expected);
        QVERIFY2(difference < 1e-4, qPrintable(QString::number(difference)));
        QCOMPARE(users.row(3).squaredNorm(), 0.0f);
    }

    void choleskyIterationMatchesDense()
    {
        const Interactions counts = densetest::randomCounts(40, 30, 0.2, 13);
        AlsOptions options;
        options.factors = 10;
        options.regularization = 0.1f;
        options.alpha = 10.0f;
        options.solver = Solver::Cholesky;
        options.iterations = 1;
        const auto model = trainAls(counts, options);
        QVERIFY(model);
        const AlsModel start = initialAls(counts.rows(), counts.cols(), options);
        const Interactions c = confidence(counts, options);
        const Eigen::MatrixXd dc = densetest::denseConfidence(c);
        const Eigen::MatrixXd dp = densetest::densePreference(c);
        const Eigen::MatrixXd users = densetest::exactStep(dc, dp, toDouble(start.items), 0.1);
        const Eigen::MatrixXd items = densetest::exactStep(dc.transpose(), dp.transpose(), users, 0.1);
        QVERIFY(densetest::relativeDifference(toDouble(model->users), users) < 1e-4);
        QVERIFY(densetest::relativeDifference(toDouble(model->items), items) < 1e-4);
    }

    // With as many CG steps as factors (and some to spare), CG reaches the exact solve of each row.
    void cgWithEnoughStepsMatchesCholesky()
    {
        const Interactions counts = densetest::randomCounts(60, 40, 0.15, 17);
        AlsOptions options;
        options.factors = 8;
        options.regularization = 1.0f;
        options.iterations = 1;
        options.solver = Solver::Cholesky;
        const auto exact = trainAls(counts, options);
        options.solver = Solver::ConjugateGradient;
        options.cgSteps = 20;
        const auto cg = trainAls(counts, options);
        QVERIFY(exact && cg);
        const double users = densetest::relativeDifference(toDouble(cg->users), toDouble(exact->users));
        const double items = densetest::relativeDifference(toDouble(cg->items), toDouble(exact->items));
        QVERIFY2(users < 1e-4 && items < 1e-4, qPrintable(QStringLiteral("%1 %2").arg(users).arg(items)));
    }

    void deterministic()
    {
        const Interactions counts = densetest::randomCounts(300, 120, 0.05, 19);
        AlsOptions options;
        options.factors = 64;
        options.iterations = 3;
        options.threads = 2;
        const auto first = trainAls(counts, options);
        const auto second = trainAls(counts, options);
        QVERIFY(first && second);
        QVERIFY(first->users == second->users);
        QVERIFY(first->items == second->items);
        // Every row is solved on its own and every sum runs in a fixed order: the thread count does not matter.
        options.threads = 3;
        const auto three = trainAls(counts, options);
        QVERIFY(three && three->users == first->users && three->items == first->items);
        options.seed = 43;
        const auto other = trainAls(counts, options);
        QVERIFY(other && other->users != first->users);
    }

    void cancelAfterSecondIteration()
    {
        AlsOptions options;
        options.factors = 4;
        options.iterations = 10;
        int calls = 0;
        const auto model =
            trainAls(densetest::randomCounts(20, 10, 0.3, 23), options, [&](int iteration, int, double loss) {
                ++calls;
                [&] {
                    QVERIFY(std::isnan(loss));
                }();
                return iteration < 2;
            });
        QVERIFY(!model);
        QCOMPARE(calls, 2);
    }

    void badInput_data()
    {
        QTest::addColumn<AlsOptions>("options");
        QTest::addColumn<float>("count");
        QTest::addColumn<QString>("message");
        const AlsOptions good;
        AlsOptions factors = good;
        factors.factors = 0;
        QTest::addRow("factors") << factors << 4.0f << QStringLiteral("factors must be between 1 and 1024, not 0");
        AlsOptions threads = good;
        threads.threads = 0;
        QTest::addRow("threads") << threads << 4.0f << QStringLiteral("threads must be between 1 and 256, not 0");
        AlsOptions steps = good;
        steps.cgSteps = 0;
        QTest::addRow("cg-steps") << steps << 4.0f << QStringLiteral("CG steps must be at least 1, not 0");
        AlsOptions reg = good;
        reg.regularization = -0.5f;
        QTest::addRow("regularization") << reg << 4.0f
                                        << QStringLiteral("regularization must be a number of at least 0, not -0.5");
        AlsOptions b = good;
        b.weighting = Weighting::Bm25;
        b.bm25B = 1.5f;
        QTest::addRow("bm25-b") << b << 4.0f << QStringLiteral("BM25 B must be between 0 and 1, not 1.5");
        QTest::addRow("negative-count") << good << -2.0f
                                        << QStringLiteral(
                                               "the count at row 2, column 0 is -2: counts must be positive");
        QTest::addRow("zero-count") << good << 0.0f
                                    << QStringLiteral("the count at row 2, column 0 is 0: counts must be positive");
        QTest::addRow("valid") << good << 4.0f << QString();
    }

    void badInput()
    {
        QFETCH(AlsOptions, options);
        QFETCH(float, count);
        QFETCH(QString, message);
        Interactions counts = smallCounts();
        counts.coeffRef(2, 0) = count;
        QCOMPARE(QString::fromStdString(validateAls(counts, options)), message);
        QCOMPARE(trainAls(counts, options).has_value(), message.isEmpty());
    }

    void emptyMatrixIsRefused()
    {
        const std::string message = validateAls(Interactions(0, 5), AlsOptions{});
        QCOMPARE(QString::fromStdString(message),
                 QStringLiteral("there is nothing to train on: the interaction matrix has 0 rows and 5 columns"));
        QVERIFY(!trainAls(Interactions(0, 5), AlsOptions{}));
    }
};

QTEST_GUILESS_MAIN(TestAls)
#include "tst_als.moc"
