// The evaluation's dataset reader: HetRec files and plain TSVs, and clear errors (file and line) for broken ones.
#include "engine/recommend/dataset.h"

#include <QDate>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace engine::recommend;

class TestRecommendDataset : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
            qFatal("cannot write %s", qPrintable(path));
        }
        return path;
    }

private Q_SLOTS:
    void readsHetRecWithHeader()
    {
        const QString path = write(QStringLiteral("user_artists.dat"),
                                   "userID\tartistID\tweight\n2\t51\t13883\n2\t52\t11690\r\n3\t51\t7\n\n2\t51\t17\n");
        const auto read = readInteractions(path);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
        const Dataset &d = read.value();
        QCOMPARE(d.counts.rows(), 2);
        QCOMPARE(d.counts.cols(), 2);
        QCOMPARE(d.userIds, (std::vector<QByteArray>{"2", "3"}));
        QCOMPARE(d.itemIds, (std::vector<QByteArray>{"51", "52"}));
        QCOMPARE(d.counts.coeff(0, 0), 13900.0f); // the repeated (2, 51) row adds up
        QCOMPARE(d.counts.coeff(0, 1), 11690.0f);
        QCOMPARE(d.counts.coeff(1, 0), 7.0f);
        QCOMPARE(d.counts.nonZeros(), 3);
    }

    void readsPlainTsvWithoutHeader()
    {
        const QString path = write(QStringLiteral("plays.tsv"), "alice\tsong-a\t2.5\tignored\nbob\tsong-b\t1\n");
        const auto read = readInteractions(path);
        QVERIFY(read.ok());
        QCOMPARE(read.value().counts.coeff(0, 0), 2.5f);
        QCOMPARE(read.value().itemIds.at(1), QByteArray("song-b"));
    }

    void reportsBrokenRows_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::addRow("too-few-columns") << QByteArray("userID\tartistID\tweight\n2\t51\t3\n2\t52\n")
                                         << QStringLiteral("broken.dat:3: expected 3 tab-separated columns");
        QTest::addRow("not-a-number") << QByteArray("1\t2\t3\n1\t3\tmany\n")
                                      << QStringLiteral("broken.dat:2: the count 'many' is not a positive number");
        QTest::addRow("zero-count") << QByteArray("1\t2\t3\n\n1\t3\t0\n")
                                    << QStringLiteral("broken.dat:3: the count '0' is not a positive number");
        QTest::addRow("negative-count") << QByteArray("1\t2\t-4\n")
                                        << QStringLiteral("broken.dat:1: the count '-4' is not a positive number");
        QTest::addRow("empty-id") << QByteArray("1\t2\t3\n\t2\t3\n")
                                  << QStringLiteral("broken.dat:2: the user id is empty");
        QTest::addRow("spaces-not-tabs") << QByteArray("1 2 3\n")
                                         << QStringLiteral("broken.dat:1: expected 3 tab-separated columns");
        QTest::addRow("header-only") << QByteArray("userID\tartistID\tweight\n") << QStringLiteral("no interactions");
        QTest::addRow("empty") << QByteArray() << QStringLiteral("no interactions");
    }

    void reportsBrokenRows()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const auto read = readInteractions(write(QStringLiteral("broken.dat"), content));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, engine::Error::Code::InvalidInput);
        QVERIFY2(read.error().message.contains(expected), qPrintable(read.error().message));
    }

    void missingFileIsAnIoError()
    {
        const auto read = readInteractions(m_dir.filePath(QStringLiteral("nope.dat")));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, engine::Error::Code::Io);
        QVERIFY(read.error().message.contains(QStringLiteral("nope.dat")));
    }

    void readsHetRecTagsByHeader()
    {
        auto read = readInteractions(write(QStringLiteral("ua.dat"), "userID\tartistID\tweight\n2\t51\t5\n3\t52\t1\n"));
        QVERIFY(read.ok());
        Dataset &d = read.value();
        // HetRec's order is user, artist, tag; artist 99 was never listened to; user 7 has no interactions.
        const QString tags = write(QStringLiteral("uta.dat"),
                                   "userID\tartistID\ttagID\tday\tmonth\tyear\n2\t52\t13\t1\t4\t2009\n"
                                   "2\t99\t13\t1\t4\t2009\n7\t51\t15\t1\t4\t2009\n3\t52\t15\t1\t4\t2009\n");
        QVERIFY(readTags(tags, d).ok());
        QCOMPARE(d.tagCount, 2);
        QCOMPARE(d.tagUsesSkipped, 1);
        QCOMPARE(d.tagUses.size(), 3u);
        QCOMPARE(d.tagUses[0].user, 0);
        QCOMPARE(d.tagUses[0].item, 1);
        QCOMPARE(d.tagUses[0].tag, 0);
        QCOMPARE(d.tagUses[1].user, -1);
        QCOMPARE(d.tagUses[1].item, 0);
        QCOMPARE(d.tagUses[1].tag, 1);
        QCOMPARE(d.tagUses[2].tag, 1);
        QCOMPARE(d.tagUses[0].day, QDate(2009, 4, 1).toJulianDay());

        // Headerless: user, item, tag. A short row fails and leaves the tags read before in place.
        QVERIFY(readTags(write(QStringLiteral("plain.tsv"), "2\t51\trock\n"), d).ok());
        QCOMPARE(d.tagUses.size(), 1u);
        QCOMPARE(d.tagUses[0].day, -1);
        const auto broken = readTags(write(QStringLiteral("short.tsv"), "2\t51\trock\n2\t52\n"), d);
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error().message.contains(QStringLiteral("short.tsv:2: expected 3 tab-separated columns")),
                 qPrintable(broken.error().message));
        QCOMPARE(d.tagUses.size(), 1u);

        // A date that does not exist names its line.
        const auto badDate = readTags(write(QStringLiteral("date.dat"),
                                            "userID\tartistID\ttagID\tday\tmonth\tyear\n2\t52\t13\t1\t4\t2009\n"
                                            "3\t52\t15\t31\t2\t2009\n"),
                                      d);
        QVERIFY(!badDate.ok());
        QVERIFY2(
            badDate.error().message.contains(QStringLiteral("date.dat:3: '2009-2-31' (year-month-day) is not a date")),
            qPrintable(badDate.error().message));
        QCOMPARE(d.tagUses.size(), 1u);
    }
};

QTEST_APPLESS_MAIN(TestRecommendDataset)
#include "tst_recommenddataset.moc"
