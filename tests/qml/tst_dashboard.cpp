// Dashboard, the backend of the Dashboards pages, on a real cache: every figure is computed on the store's
// thread and arrives through signals on the GUI thread; results are cached per period; new plays and bad input
// are handled; exports and the detail view work.

#include "app/backend/dashboard.h"
#include "dashboardfixture.h"

#include <QFile>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace engine;

class TestDashboard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<StoreThread> m_store;

    void openStore(const QString &dataDir)
    {
        m_store = std::make_unique<StoreThread>();
        bool opened = false;
        m_store->open(dataDir, this, [&opened](const StoreStatus &) {
            opened = true;
        });
        QTRY_VERIFY(opened);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        Store::Outcome opened = Store::open(m_dir.path(), QStringLiteral(TUNESCOUT_SOURCE_DIR "/migrations/client"));
        QVERIFY(opened.store);
        if (QTest::currentTestFunction() != QByteArray("anEmptyCacheSaysSo")) {
            const auto written = writeDashboardFixture(opened.store->database());
            QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
        }
        opened.store.reset();
        openStore(m_dir.path());
    }

    void cleanup()
    {
        m_store.reset();
        QFile::remove(m_dir.filePath(QStringLiteral("tunescout.sqlite")));
        QFile::remove(m_dir.filePath(QStringLiteral("tunescout.sqlite-wal")));
        QFile::remove(m_dir.filePath(QStringLiteral("tunescout.sqlite-shm")));
    }

    void figuresArriveFromTheStoreThread()
    {
        Dashboard dashboard(m_store.get());
        QSignalSpy shown(&dashboard, &Dashboard::figuresShown);
        QList<QThread *> deliveredOn;
        connect(&dashboard, &Dashboard::resultsChanged, this, [&deliveredOn] {
            deliveredOn.append(QThread::currentThread());
        });

        dashboard.activate();
        // activate() only posts the work: nothing was read or computed on this thread.
        QCOMPARE(dashboard.state(), Dashboard::State::Loading);
        QVERIFY(dashboard.busy());
        QVERIFY(dashboard.playsText().isEmpty());
        QCOMPARE(shown.size(), 0);

        QVERIFY(shown.wait());
        QCOMPARE(dashboard.state(), Dashboard::State::Ready);
        QVERIFY(!dashboard.busy());
        QCOMPARE(dashboard.preset(), QStringLiteral("all"));
        QCOMPARE(dashboard.playsText(), QLocale().toString(8));
        QCOMPARE(dashboard.topArtists()->entries().constFirst().label, QStringLiteral("Artist B"));
        // 1 skip among 9 rows, in the locale's digits as the dashboard writes them.
        QCOMPARE(dashboard.skipRateText(), QStringLiteral("%1%").arg(QLocale().toString(11)));
        QCOMPARE(deliveredOn, QList<QThread *>{QThread::currentThread()});
    }

    void theRangePickerChangesTheFiguresAndCachesThem()
    {
        Dashboard dashboard(m_store.get());
        QSignalSpy shown(&dashboard, &Dashboard::figuresShown);
        dashboard.activate();
        QVERIFY(shown.wait());

        dashboard.setPreset(QStringLiteral("4w"));
        QVERIFY(dashboard.busy());
        QVERIFY(shown.wait());
        QCOMPARE(dashboard.playsText(), QLocale().toString(4));
        QCOMPARE(dashboard.topArtists()->entries().constFirst().label, QStringLiteral("Artist A"));
        QCOMPARE(dashboard.topTracks()->count(), 2);

        // Back to a period already computed: shown at once from the cache, no job.
        const auto before = shown.size();
        dashboard.setPreset(QStringLiteral("all"));
        QCOMPARE(shown.size(), before + 1);
        QVERIFY(!dashboard.busy());
        QCOMPARE(dashboard.playsText(), QLocale().toString(8));

        dashboard.setMeasure(Dashboard::Measure::Minutes);
        QVERIFY(shown.wait());
        QCOMPARE(dashboard.topArtists()->entries().constFirst().valueText, Dashboard::tr("%1 min").arg(19));
    }

    void aCustomRangeIsCheckedBeforeItIsUsed()
    {
        Dashboard dashboard(m_store.get());
        QSignalSpy shown(&dashboard, &Dashboard::figuresShown);
        dashboard.activate();
        QVERIFY(shown.wait());

        QVERIFY(!dashboard.setCustomRange(QStringLiteral("2024-13-01"), QString()));
        QVERIFY(dashboard.rangeError().contains(QStringLiteral("2024-13-01")));
        QVERIFY(!dashboard.setCustomRange(QStringLiteral("2024-03-02"), QStringLiteral("2024-03-01")));
        QVERIFY(!dashboard.rangeError().isEmpty());
        QCOMPARE(dashboard.preset(), QStringLiteral("all"));

        const QDate today = QDate::currentDate();
        QVERIFY(dashboard.setCustomRange(today.addDays(-2).toString(Qt::ISODate), today.toString(Qt::ISODate)));
        QVERIFY(dashboard.rangeError().isEmpty());
        QCOMPARE(dashboard.preset(), QStringLiteral("custom"));
        QVERIFY(shown.wait());
        QCOMPARE(dashboard.playsText(), QLocale().toString(3));
    }

    void newPlaysArePickedUp()
    {
        Dashboard dashboard(m_store.get());
        QSignalSpy shown(&dashboard, &Dashboard::figuresShown);
        dashboard.activate();
        QVERIFY(shown.wait());

        bool written = false;
        m_store->post(
            [](Store &store) {
                return store.database().exec("INSERT INTO plays (track_id, played_at_ms, ms_played, source) "
                                             "VALUES (2, ?1, NULL, 'polled')",
                                             {QDateTime::currentMSecsSinceEpoch() - 3'600'000});
            },
            this,
            [&written](Result<void> done) {
                QVERIFY(done);
                written = true;
            });
        QTRY_VERIFY(written);
        dashboard.historyChanged(false);
        QVERIFY(shown.wait());
        QCOMPARE(dashboard.playsText(), QLocale().toString(9));
    }

    void theDetailViewShowsOneItem()
    {
        Dashboard dashboard(m_store.get());
        QSignalSpy shown(&dashboard, &Dashboard::figuresShown);
        dashboard.activate();
        QVERIFY(shown.wait());

        dashboard.openDetail(Dashboard::ItemKind::Artist, 2);
        QVERIFY(dashboard.detail()->isOpen());
        QVERIFY(dashboard.detail()->isBusy());
        QTRY_VERIFY(!dashboard.detail()->isBusy());
        QVERIFY(dashboard.detail()->found());
        QCOMPARE(dashboard.detail()->title(), QStringLiteral("Artist B"));
        QCOMPARE(dashboard.detail()->playsText(), QLocale().toString(5));
        QCOMPARE(dashboard.detail()->skipRateText(), QStringLiteral("17%")); // 1 of 6 rows
        QVERIFY(dashboard.detail()->months()->count() >= 13); // 400 days ago to 3 days ago, month by month

        dashboard.openDetail(Dashboard::ItemKind::Track, 999);
        QTRY_VERIFY(!dashboard.detail()->isBusy());
        QVERIFY(!dashboard.detail()->found());
        dashboard.closeDetail();
        QVERIFY(!dashboard.detail()->isOpen());
    }

    void exportsWriteTheChosenFile()
    {
        Dashboard dashboard(m_store.get());
        QSignalSpy shown(&dashboard, &Dashboard::figuresShown);
        dashboard.activate();
        QVERIFY(shown.wait());

        const QString plays = m_dir.filePath(QStringLiteral("plays.csv"));
        dashboard.exportPlays(QUrl::fromLocalFile(plays), QStringLiteral("csv"));
        QVERIFY(dashboard.exportBusy());
        QTRY_VERIFY(!dashboard.exportBusy());
        QVERIFY2(!dashboard.exportFailed(), qPrintable(dashboard.exportMessage()));
        QFile file(plays);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 1 + 9 + 1); // header, every row (skips too), the final CRLF
        QVERIFY(lines.at(0).startsWith("played_at,track,"));

        const QString top = m_dir.filePath(QStringLiteral("top.json"));
        dashboard.exportTopLists(QUrl::fromLocalFile(top), QStringLiteral("json"));
        QTRY_VERIFY(!dashboard.exportBusy());
        QVERIFY2(!dashboard.exportFailed(), qPrintable(dashboard.exportMessage()));
        QFile json(top);
        QVERIFY(json.open(QIODevice::ReadOnly));
        QVERIFY(json.readAll().contains("\"Artist B\""));

        dashboard.exportPlays(QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("no/such/folder/plays.csv"))),
                              QStringLiteral("csv"));
        QTRY_VERIFY(!dashboard.exportBusy());
        QVERIFY(dashboard.exportFailed());
        QVERIFY(dashboard.exportMessage().contains(QStringLiteral("no/such/folder")));

        dashboard.exportPlays(QUrl::fromLocalFile(plays), QStringLiteral("xml"));
        QVERIFY(dashboard.exportFailed());
        QVERIFY(dashboard.exportMessage().contains(QStringLiteral("xml")));
    }

    // What RankedList shows of a long list: only the first rows get delegates, more can be added without
    // rebuilding those shown, and a new list starts again from the limit.
    void aSliceShowsTheFirstRowsOfAList()
    {
        StatsListModel list;
        QList<StatsListModel::Entry> entries;
        for (int i = 0; i < 250; ++i) {
            StatsListModel::Entry entry;
            entry.label = QStringLiteral("Artist %1").arg(i);
            entry.value = 250 - i;
            entries.append(entry);
        }
        list.setEntries(entries);

        StatsListSlice slice;
        QCOMPARE(slice.count(), 0);
        slice.setLimit(100);
        slice.setSource(&list);
        QCOMPARE(slice.rowCount(), 100);
        QCOMPARE(slice.count(), 100);
        QCOMPARE(slice.total(), 250);
        QCOMPARE(slice.roleNames(), list.roleNames());
        QCOMPARE(slice.data(slice.index(99), StatsListModel::LabelRole).toString(), QStringLiteral("Artist 99"));
        QCOMPARE(slice.data(slice.index(99), StatsListModel::RankRole).toInt(), 100);
        QCOMPARE(slice.data(slice.index(0), StatsListModel::ShareRole).toDouble(), 1.0);
        QVERIFY(!slice.data(slice.index(100), StatsListModel::LabelRole).isValid());

        QSignalSpy inserted(&slice, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&slice, &QAbstractItemModel::modelReset);
        slice.setLimit(200);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.constFirst().at(1).toInt(), 100);
        QCOMPARE(inserted.constFirst().at(2).toInt(), 199);
        QCOMPARE(reset.size(), 0);
        slice.setLimit(300);
        QCOMPARE(slice.count(), 250);

        list.setEntries(entries.mid(0, 3));
        QCOMPARE(reset.size(), 1);
        QCOMPARE(slice.count(), 3);
        QCOMPARE(slice.total(), 3);
        slice.setLimit(2);
        QCOMPARE(slice.count(), 2);
        slice.setSource(nullptr);
        QCOMPARE(slice.count(), 0);
        QCOMPARE(slice.total(), 0);
    }

    void anEmptyCacheSaysSo()
    {
        Dashboard dashboard(m_store.get());
        QSignalSpy shown(&dashboard, &Dashboard::figuresShown);
        dashboard.activate();
        QVERIFY(shown.wait());
        QCOMPARE(dashboard.state(), Dashboard::State::Empty);
        QVERIFY(!dashboard.busy());
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
