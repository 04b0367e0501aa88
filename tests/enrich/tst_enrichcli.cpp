#include "engine/store/libraryrepository.h"
#include "engine/store/store.h"
#include "tests/support/musicbrainz/fakemusicbrainz.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace engine;

class TestEnrichCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void enrichLooksUpAtMostTheLimit()
    {
        QTemporaryDir dir;
        {
            auto opened = Store::open(dir.path());
            QVERIFY(opened.store);
            auto library = LibraryRepository::create(opened.store->database());
            QVERIFY(library);
            const QStringList isrcs{QStringLiteral("FRZ039800212"),
                                    QStringLiteral("GBAYE0601498"),
                                    QStringLiteral("QZES71234567")};
            for (const QString &isrc : isrcs) {
                Track track;
                track.spotifyId = QStringLiteral("4Trk") + isrc + QStringLiteral("000000");
                track.name = isrc;
                track.isrc = isrc;
                QVERIFY(library.value().upsertTrack(track));
            }
        }
        testsupport::FakeMusicBrainz fake;
        fake.addStandardRecordings();

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TUNESCOUT_MUSICBRAINZ_URL"), fake.apiUrl().toString());
        QProcess cli;
        cli.setProcessEnvironment(environment);
        // The fake answers from its own threads, so waiting here blocks nothing it needs.
        cli.start(QStringLiteral(TUNESCOUT_CLI_PATH),
                  {QStringLiteral("--data-dir"),
                   dir.path(),
                   QStringLiteral("enrich"),
                   QStringLiteral("--limit"),
                   QStringLiteral("2")});
        QVERIFY(cli.waitForFinished(30000));
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QCOMPARE(cli.exitCode(), 0);
        // Never played: by ISRC. Two of three, so one is left.
        QVERIFY2(err.contains(QStringLiteral("[1/2] FRZ039800212 found: 0 track tags, 0 artist tags")),
                 qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("[2/2] GBAYE0601498 found: 2 track tags")), qPrintable(err));
        QVERIFY2(out.contains(QStringLiteral("Looked up 2 ISRCs at MusicBrainz")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("2 found, 0 not found, 0 failed; 1 left for a later run.")),
                 qPrintable(out));
        QCOMPARE(fake.requestCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestEnrichCli)
#include "tst_enrichcli.moc"
