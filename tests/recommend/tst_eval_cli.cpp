// tunescout-cli eval end to end on HetRec Last.fm 2K (../shared/data): the JSON table, the quality targets of
// ALS configuration B and of the hybrid for one seed (deterministic), and the exit codes for bad input.
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace
{

QString hetrec(const QString &file)
{
    return QDir(QStringLiteral(TUNESCOUT_SHARED_DIR)).filePath(QStringLiteral("data/hetrec-lastfm-2k/") + file);
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(TUNESCOUT_CLI_PATH), arguments);
    Run run;
    if (!process.waitForFinished(240'000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QJsonObject model(const QJsonObject &report, const QString &name)
{
    for (const QJsonValue &row : report.value(QStringLiteral("models")).toArray()) {
        if (row.toObject().value(QStringLiteral("model")).toString() == name) {
            return row.toObject();
        }
    }
    return {};
}

} // namespace

class TestEvalCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(hetrec(QStringLiteral("user_artists.dat"))),
                 "../shared/data/hetrec-lastfm-2k is missing");
    }

    void configurationBAndHybridClearTheirTargets()
    {
        QElapsedTimer timer;
        timer.start();
        const Run run = runCli({QStringLiteral("eval"),
                                QStringLiteral("--interactions"),
                                hetrec(QStringLiteral("user_artists.dat")),
                                QStringLiteral("--tags"),
                                hetrec(QStringLiteral("user_taggedartists.dat")),
                                QStringLiteral("--holdout"),
                                QStringLiteral("0.2"),
                                QStringLiteral("--seed"),
                                QStringLiteral("42"),
                                QStringLiteral("--factors"),
                                QStringLiteral("64"),
                                QStringLiteral("--iterations"),
                                QStringLiteral("15"),
                                QStringLiteral("--alpha"),
                                QStringLiteral("1"),
                                QStringLiteral("--regularization"),
                                QStringLiteral("10"),
                                QStringLiteral("--k"),
                                QStringLiteral("10"),
                                QStringLiteral("--threads"),
                                QStringLiteral("2"),
                                QStringLiteral("--json")});
        qInfo("tunescout-cli eval on HetRec (one seed, two threads) took %.1f s", double(timer.elapsed()) / 1000.0);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QJsonParseError error;
        const QJsonObject report = QJsonDocument::fromJson(run.out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(report.value(QStringLiteral("users")).toInt(), 1892);
        QCOMPARE(report.value(QStringLiteral("items")).toInt(), 17632);
        QCOMPARE(report.value(QStringLiteral("interactions")).toInt(), 92834);

        const QJsonObject als = model(report, QStringLiteral("als"));
        const QJsonObject hybrid = model(report, QStringLiteral("hybrid"));
        const QJsonObject popular = model(report, QStringLiteral("most-popular"));
        const QJsonObject knn = model(report, QStringLiteral("item-knn"));
        for (const QJsonObject &row : {als, hybrid, popular, knn}) {
            QVERIFY(!row.isEmpty());
            qInfo("%-13s p@10 %.4f  nDCG@10 %.4f  recall@10 %.4f  MAP@10 %.4f  coverage %.4f",
                  qPrintable(row.value(QStringLiteral("model")).toString()),
                  row.value(QStringLiteral("precision")).toDouble(),
                  row.value(QStringLiteral("ndcg")).toDouble(),
                  row.value(QStringLiteral("recall")).toDouble(),
                  row.value(QStringLiteral("map")).toDouble(),
                  row.value(QStringLiteral("coverage")).toDouble());
        }
        const auto at = [](const QJsonObject &row, const char *figure) {
            return row.value(QString::fromLatin1(figure)).toDouble();
        };
        // Configuration B's targets, and it beats item kNN.
        QCOMPARE_GE(at(als, "precision"), 0.189);
        QCOMPARE_GE(at(als, "ndcg"), 0.229);
        QCOMPARE_GT(at(als, "ndcg"), at(knn, "ndcg"));
        QCOMPARE_GT(at(als, "precision"), at(knn, "precision"));
        // The hybrid with tag content beats configuration B.
        QCOMPARE_GT(at(hybrid, "ndcg"), at(als, "ndcg"));
        // The baselines land near their anchors (0.069 / 0.079 and 0.146 / 0.180).
        QCOMPARE_LT(std::abs(at(popular, "ndcg") - 0.079), 0.02);
        QCOMPARE_LT(std::abs(at(knn, "ndcg") - 0.180), 0.02);
        QVERIFY(at(als, "seconds_per_iteration") > 0);
        QVERIFY(at(als, "coverage") > at(popular, "coverage"));
    }

    void badInputExitsWithUsage_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("message");
        QTest::addRow("broken-row") << QByteArray("userID\tartistID\tweight\n1\t2\t3\n1\t3\tlots\n") << QStringList()
                                    << QStringLiteral("interactions.dat:3: the count 'lots' is not a positive number");
        QTest::addRow("no-interactions") << QByteArray() << QStringList() << QStringLiteral("--interactions FILE");
        QTest::addRow("bad-holdout") << QByteArray("1\t2\t3\n")
                                     << QStringList{QStringLiteral("--holdout"), QStringLiteral("1.5")}
                                     << QStringLiteral("--holdout takes a number from 0.01 to 0.99");
        QTest::addRow("bad-weighting") << QByteArray("1\t2\t3\n")
                                       << QStringList{QStringLiteral("--weighting"), QStringLiteral("tfidf")}
                                       << QStringLiteral("--weighting takes log1p or bm25");
    }

    void badInputExitsWithUsage()
    {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, options);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QStringList arguments{QStringLiteral("eval")};
        if (!content.isEmpty()) {
            QFile file(dir.filePath(QStringLiteral("interactions.dat")));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
            file.close();
            arguments << QStringLiteral("--interactions") << file.fileName();
        }
        const Run run = runCli(arguments + options);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    // --tune searches the co-listening weight only when the tags carry days (sessions to learn from).
    void tuningSearchesCoListeningWhenTagsHaveDays()
    {
        QTemporaryDir dir;
        const auto write = [&dir](const QString &name, const QByteArray &content) {
            QFile file(dir.filePath(name));
            file.open(QIODevice::WriteOnly);
            file.write(content);
            return file.fileName();
        };
        QByteArray interactions("userID\tartistID\tweight\n");
        QByteArray dated("userID\tartistID\ttagID\tday\tmonth\tyear\n");
        QByteArray undated;
        for (int user = 0; user < 40; ++user) {
            for (int i = 0; i < 6; ++i) {
                const int item = (user * 3 + i * 7) % 30;
                interactions += QByteArray::number(user) + '\t' + QByteArray::number(item) + '\t'
                    + QByteArray::number(1 + (user + i) % 5) + '\n';
                const QByteArray tag = QByteArray::number(item % 4);
                dated += QByteArray::number(user) + '\t' + QByteArray::number(item) + '\t' + tag + '\t'
                    + QByteArray::number(1 + i / 2) + "\t5\t2010\n";
                undated += QByteArray::number(user) + '\t' + QByteArray::number(item) + '\t' + tag + '\n';
            }
        }
        const QString interactionsFile = write(QStringLiteral("ua.dat"), interactions);
        const auto coListeningTrials = [&](const QString &tags) {
            const Run run = runCli({QStringLiteral("eval"),
                                    QStringLiteral("--interactions"),
                                    interactionsFile,
                                    QStringLiteral("--tags"),
                                    tags,
                                    QStringLiteral("--factors"),
                                    QStringLiteral("4"),
                                    QStringLiteral("--iterations"),
                                    QStringLiteral("2"),
                                    QStringLiteral("--tune"),
                                    QStringLiteral("--json")});
            if (run.exitCode != 0) {
                qWarning("%s", run.err.constData());
                return -1;
            }
            const QJsonArray trials =
                QJsonDocument::fromJson(run.out).object().value(QStringLiteral("tuning")).toArray();
            if (trials.isEmpty()) {
                return -1;
            }
            int withCoListening = 0;
            for (const QJsonValue &trial : trials) {
                withCoListening += trial.toObject().value(QStringLiteral("colistening")).toDouble() > 0;
            }
            return withCoListening;
        };
        QCOMPARE(coListeningTrials(write(QStringLiteral("dated.dat"), dated)), 10);
        QCOMPARE(coListeningTrials(write(QStringLiteral("undated.tsv"), undated)), 0);
    }

    void missingFileIsBadUsage()
    {
        const Run run =
            runCli({QStringLiteral("eval"), QStringLiteral("--interactions"), QStringLiteral("/nonexistent/x.dat")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("/nonexistent/x.dat"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestEvalCli)
#include "tst_eval_cli.moc"
