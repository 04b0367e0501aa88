// tunescout-cli recommend and similar, end to end on a synthetic cache (tests/bench/support).

#include "engine/store/store.h"
#include "tests/bench/support/syntheticcache.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace engine;

namespace
{

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QString &dataDir, const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("TUNESCOUT_DATA_DIR"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(TUNESCOUT_CLI_PATH), QStringList{QStringLiteral("--data-dir"), dataDir} + arguments);
    process.waitForFinished(240000);
    Run run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class TestRecommendCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto opened = Store::open(m_dir.path());
        QVERIFY(opened.store);
        const auto written = generateSyntheticHistory(opened.store->database(), 20000);
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
    }

    void recommendJson()
    {
        const Run run = cli(
            m_dir.path(),
            {QStringLiteral("recommend"), QStringLiteral("--limit"), QStringLiteral("7"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        QVERIFY(root.value(QStringLiteral("trained_tracks")).toInt() > 0);
        const QJsonObject lists = root.value(QStringLiteral("lists")).toObject();
        for (const char *name : {"for_you_now", "rediscover", "deeper_cuts"}) {
            const QJsonArray items = lists.value(QLatin1String(name)).toArray();
            QVERIFY2(items.size() == 7, name);
            QStringList seen;
            for (const QJsonValue &value : items) {
                const QJsonObject item = value.toObject();
                QVERIFY(
                    item.value(QStringLiteral("track_uri")).toString().startsWith(QStringLiteral("spotify:track:")));
                QVERIFY(!item.value(QStringLiteral("explanation")).toString().isEmpty());
                QVERIFY(!seen.contains(item.value(QStringLiteral("track_uri")).toString()));
                seen.append(item.value(QStringLiteral("track_uri")).toString());
            }
        }
        m_known = lists.value(QStringLiteral("for_you_now"))
                      .toArray()
                      .at(0)
                      .toObject()
                      .value(QStringLiteral("track_uri"))
                      .toString();
    }

    void similarOnAKnownUri()
    {
        QVERIFY(!m_known.isEmpty());
        const Run run = cli(m_dir.path(),
                            {QStringLiteral("similar"),
                             m_known,
                             QStringLiteral("--limit"),
                             QStringLiteral("5"),
                             QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(root.value(QStringLiteral("seed")).toObject().value(QStringLiteral("track_uri")).toString(), m_known);
        const QJsonArray items = root.value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 5);
        for (const QJsonValue &value : items) {
            QVERIFY(value.toObject().value(QStringLiteral("track_uri")).toString() != m_known);
        }
    }

    void unknownAndMalformedUris()
    {
        Run run = cli(m_dir.path(), {QStringLiteral("similar"), QStringLiteral("spotify:track:notInTheCache")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("spotify:track:notInTheCache is not in the cache"), run.err.constData());
        run = cli(m_dir.path(), {QStringLiteral("similar"), QStringLiteral("https://open.spotify.com/x")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("is not a Spotify track URI"), run.err.constData());
        run = cli(m_dir.path(), {QStringLiteral("recommend"), QStringLiteral("--limit"), QStringLiteral("0")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--limit"), run.err.constData());
    }

    void emptyCacheSaysWhatToDo()
    {
        QTemporaryDir empty;
        const Run run = cli(empty.path(), {QStringLiteral("recommend")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("import your history"), run.out.constData());
    }

private:
    QTemporaryDir m_dir;
    QString m_known;
};

QTEST_GUILESS_MAIN(TestRecommendCli)
#include "tst_recommend_cli.moc"
