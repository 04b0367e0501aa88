// UP-4's retry budget and circuit breaker (engine/model/retrypolicy.h), which Spotify's and the hub's clients share.

#include "engine/model/retrypolicy.h"

#include <QTest>

using namespace std::chrono_literals;

class TestRetryPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void retryBudgetAllowsTenPercent();
    void circuitBreakerStates();
};

void TestRetryPolicy::retryBudgetAllowsTenPercent()
{
    engine::RetryBudget budget(0.1, 2, 60s);
    QVERIFY(budget.tryRetry(0));
    QVERIFY(budget.tryRetry(0));
    QVERIFY(!budget.tryRetry(0)); // the floor
    for (int i = 0; i < 100; ++i) {
        budget.recordRequest(1000);
    }
    int allowed = 0;
    while (budget.tryRetry(2000)) {
        ++allowed;
    }
    QCOMPARE(allowed, 8); // 10 of 100, two spent already
    QVERIFY(budget.tryRetry(60500)); // the first two retries have left the window, the requests have not
    QVERIFY(budget.tryRetry(60500));
    QVERIFY(!budget.tryRetry(60500));
    QVERIFY(!budget.tryRetry(62500)); // the requests have left too: the floor, spent at 60.5 s
    QCOMPARE(budget.nextRoomAtMs(62500), 120500); // when the two retries of 60.5 s leave
    QVERIFY(budget.tryRetry(120500)); // everything has left the window
    QCOMPARE(budget.nextRoomAtMs(120501), 180500);
}

void TestRetryPolicy::circuitBreakerStates()
{
    using Admission = engine::CircuitBreaker::Admission;
    engine::CircuitBreaker circuit(5, 30s);
    for (int i = 0; i < 4; ++i) {
        circuit.recordFailure(i);
    }
    circuit.recordSuccess(); // consecutive failures only
    for (int i = 0; i < 4; ++i) {
        circuit.recordFailure(100 + i);
    }
    QCOMPARE(circuit.admit(200), Admission::Admit);
    QVERIFY(!circuit.isOpen());
    circuit.recordFailure(1000);
    QVERIFY(circuit.isOpen());
    QCOMPARE(circuit.halfOpensAtMs(), 31000);
    QCOMPARE(circuit.admit(1001), Admission::Reject);
    QCOMPARE(circuit.admit(30999), Admission::Reject);
    QCOMPARE(circuit.admit(31000), Admission::Probe);
    QCOMPARE(circuit.admit(31001), Admission::Wait);
    circuit.probeAbandoned();
    QCOMPARE(circuit.admit(31002), Admission::Probe);
    QVERIFY(!circuit.isOpen()); // half open
    circuit.recordFailure(32000);
    QVERIFY(circuit.isOpen()); // a failed probe reopens it at once
    QCOMPARE(circuit.halfOpensAtMs(), 62000);
    QCOMPARE(circuit.admit(32001), Admission::Reject);
    QCOMPARE(circuit.admit(62000), Admission::Probe);
    circuit.recordSuccess();
    QVERIFY(!circuit.isOpen());
    QCOMPARE(circuit.admit(62001), Admission::Admit);
    QCOMPARE(circuit.admit(62002), Admission::Admit);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)

#include "tst_retrypolicy.moc"
