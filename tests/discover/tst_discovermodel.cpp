// Discover (app/backend) over a real cache on the real StoreThread: the first ranking arrives off the GUI thread
// through the Learning state, the lists carry translated explanations, every feedback verb is recorded, queued
// for the hub and changes the lists at once, bad input is said plainly, and an empty cache says so.

#include "app/backend/discover.h"
#include "discoverpagefixture.h"
#include "engine/ingest/storethread.h"
#include "engine/store/store.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace
{

QStringList urisOf(const DiscoverListModel &model)
{
    QStringList uris;
    for (const DiscoverListModel::Entry &entry : model.entries()) {
        uris.append(entry.uri);
    }
    return uris;
}

} // namespace

class TestDiscoverModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<engine::StoreThread> m_store;
    std::unique_ptr<Discover> m_discover;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    void start(const QString &dataDir)
    {
        m_store = std::make_unique<engine::StoreThread>();
        bool ready = false;
        m_store->open(dataDir, m_store.get(), [&ready](const engine::StoreStatus &) {
            ready = true;
        });
        QTRY_VERIFY(ready);
        m_discover = std::make_unique<Discover>(m_store.get(), nullptr);
        for (DiscoverListModel *model : {m_discover->forYouNow(), m_discover->rediscover(), m_discover->deeperCuts()}) {
            m_testers.push_back(
                std::make_unique<QAbstractItemModelTester>(model,
                                                           QAbstractItemModelTester::FailureReportingMode::QtTest));
        }
    }

    // Runs `verb` and waits for the ranking it causes.
    template<typename Verb>
    void rankAfter(Verb verb)
    {
        QSignalSpy ranked(m_discover.get(), &Discover::ranked);
        verb();
        QVERIFY(ranked.wait(30'000));
    }

    QStringList allUris() const
    {
        return urisOf(*m_discover->forYouNow()) + urisOf(*m_discover->rediscover()) + urisOf(*m_discover->deeperCuts());
    }

    // Rows of `sql`'s first column, read on the store's thread.
    qint64 count(const QByteArray &sql)
    {
        qint64 value = -1;
        bool answered = false;
        m_store->post(
            [sql](engine::Store &store) {
                return store.database().scalar(sql);
            },
            m_discover.get(),
            [&](engine::Result<QVariant> result) {
                answered = true;
                value = result ? result.value().toLongLong() : -1;
            });
        [&] {
            QTRY_VERIFY(answered);
        }();
        return value;
    }

private Q_SLOTS:
    void cleanup()
    {
        m_testers.clear();
        m_discover.reset();
        m_store.reset();
    }

    void learnsOffTheGuiThreadThenShowsTheLists()
    {
        QTemporaryDir dir;
        const auto written = discovertest::writeDiscoverFixture(dir.path());
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
        start(dir.path());
        QCOMPARE(m_discover->state(), Discover::State::Idle);
        QSignalSpy ranked(m_discover.get(), &Discover::ranked);
        m_discover->activate();
        // The job is on the store's thread: the GUI thread is told it is learning, and nothing is shown yet.
        QCOMPARE(m_discover->state(), Discover::State::Learning);
        QVERIFY(m_discover->busy());
        QVERIFY(ranked.wait(30'000));
        QCOMPARE(m_discover->state(), Discover::State::Ready);
        QVERIFY(!m_discover->busy());

        QVERIFY(m_discover->forYouNow()->count() > 0);
        QVERIFY(urisOf(*m_discover->rediscover()).contains(QStringLiteral("spotify:track:C1")));
        const QStringList uris = allUris();
        QVERIFY(!uris.contains(QStringLiteral("spotify:track:A1"))); // played an hour ago
        QCOMPARE(QSet<QString>(uris.begin(), uris.end()).size(), uris.size()); // one list per track
        for (const DiscoverListModel *model : {m_discover->forYouNow(), m_discover->rediscover()}) {
            for (const DiscoverListModel::Entry &entry : model->entries()) {
                QVERIFY2(!entry.explanation.isEmpty(), qPrintable(entry.uri));
                QVERIFY(entry.title.startsWith(QStringLiteral("Song ")));
                QVERIFY(entry.artists.startsWith(QStringLiteral("Artist ")));
                QVERIFY(entry.artistUri.startsWith(QStringLiteral("spotify:artist:")));
                QVERIFY(!entry.liked);
            }
        }
        const DiscoverListModel::Entry c1 = m_discover->rediscover()->entries().at(
            urisOf(*m_discover->rediscover()).indexOf(QStringLiteral("spotify:track:C1")));
        QVERIFY2(c1.explanation.startsWith(QStringLiteral("You played it ")), qPrintable(c1.explanation));
        const QModelIndex first = m_discover->forYouNow()->index(0);
        QCOMPARE(first.data(DiscoverListModel::UriRole).toString(), m_discover->forYouNow()->entries().first().uri);
        QCOMPARE(first.data(DiscoverListModel::ExplanationRole).toString(),
                 m_discover->forYouNow()->entries().first().explanation);

        // Asking again changes nothing and is answered from the cached ranking.
        rankAfter([this] {
            m_discover->historyChanged();
        });
        QCOMPARE(allUris(), uris);
    }

    void feedbackIsRecordedQueuedAndRankedAtOnce()
    {
        QTemporaryDir dir;
        const auto written = discovertest::writeDiscoverFixture(dir.path());
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
        start(dir.path());
        rankAfter([this] {
            m_discover->activate();
        });
        QCOMPARE(m_discover->state(), Discover::State::Ready);

        // Hide a track: gone from every list, one feedback row, one outbox event.
        const DiscoverListModel::Entry hidden = m_discover->forYouNow()->entries().first();
        rankAfter([&] {
            m_discover->hideTrack(hidden.uri);
        });
        QVERIFY(!allUris().contains(hidden.uri));
        QVERIFY2(m_discover->notice().contains(hidden.title), qPrintable(m_discover->notice()));
        QVERIFY(!m_discover->noticeIsError());
        QCOMPARE(count("SELECT count(*) FROM feedback WHERE kind = 'hide_track'"), 1);
        QCOMPARE(count("SELECT count(*) FROM outbox WHERE kind = 'feedback'"), 1);

        // Not now: gone too.
        const DiscoverListModel::Entry later = m_discover->rediscover()->entries().first();
        rankAfter([&] {
            m_discover->notNow(later.uri);
        });
        QVERIFY(!allUris().contains(later.uri));

        // Hide an artist: none of its tracks are left.
        const QString artistUri = m_discover->forYouNow()->entries().first().artistUri;
        rankAfter([&] {
            m_discover->hideArtist(artistUri);
        });
        for (const DiscoverListModel *model :
             {m_discover->forYouNow(), m_discover->rediscover(), m_discover->deeperCuts()}) {
            for (const DiscoverListModel::Entry &entry : model->entries()) {
                QVERIFY2(entry.artistUri != artistUri, qPrintable(entry.uri));
            }
        }

        // Like, then unlike: the liked role follows.
        QVERIFY(m_discover->forYouNow()->count() > 0 || m_discover->rediscover()->count() > 0);
        DiscoverListModel *list =
            m_discover->forYouNow()->count() > 0 ? m_discover->forYouNow() : m_discover->rediscover();
        const QString liked = list->entries().first().uri;
        const auto likedIn = [this, &liked]() -> std::optional<bool> {
            for (const DiscoverListModel *model :
                 {m_discover->forYouNow(), m_discover->rediscover(), m_discover->deeperCuts()}) {
                for (const DiscoverListModel::Entry &entry : model->entries()) {
                    if (entry.uri == liked) {
                        return entry.liked;
                    }
                }
            }
            return std::nullopt;
        };
        rankAfter([&] {
            m_discover->like(liked);
        });
        if (likedIn()) { // a like reshapes "for you now"; where the track is still shown, it shows as liked
            QCOMPARE(*likedIn(), true);
        }
        QCOMPARE(count("SELECT count(*) FROM feedback WHERE kind = 'like'"), 1);
        rankAfter([&] {
            m_discover->unlike(liked);
        });
        QCOMPARE(count("SELECT count(*) FROM feedback WHERE kind = 'unlike'"), 1);
        QCOMPARE(count("SELECT count(*) FROM outbox WHERE kind = 'feedback'"), 5);
    }

    void badInputIsSaidAndChangesNothing()
    {
        QTemporaryDir dir;
        const auto written = discovertest::writeDiscoverFixture(dir.path());
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
        start(dir.path());
        rankAfter([this] {
            m_discover->activate();
        });
        const QStringList before = allUris();
        rankAfter([this] {
            m_discover->hideArtist(QStringLiteral("spotify:track:A2"));
        });
        QVERIFY(m_discover->noticeIsError());
        QVERIFY2(m_discover->notice().contains(QStringLiteral("'spotify:track:A2' is not a Spotify artist URI")),
                 qPrintable(m_discover->notice()));
        QCOMPARE(allUris(), before);
        QCOMPARE(m_discover->state(), Discover::State::Ready);
        QCOMPARE(count("SELECT count(*) FROM feedback"), 0);
        QCOMPARE(count("SELECT count(*) FROM outbox"), 0);
    }

    void savingAPlaylistNeedsASignIn()
    {
        QTemporaryDir dir;
        const auto written = discovertest::writeDiscoverFixture(dir.path());
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
        start(dir.path());
        rankAfter([this] {
            m_discover->activate();
        });
        QVERIFY(m_discover->forYouNow()->count() > 0);
        m_discover->saveAsPlaylist(Discover::List::ForYouNow);
        QVERIFY(!m_discover->isSavingPlaylist());
        QVERIFY(m_discover->noticeIsError());
        QVERIFY2(m_discover->notice().contains(QStringLiteral("Sign in with Spotify")),
                 qPrintable(m_discover->notice()));
        // A like is kept here without a sign-in.
        const QString uri = m_discover->forYouNow()->entries().first().uri;
        rankAfter([&] {
            m_discover->like(uri);
        });
        QVERIFY(!m_discover->noticeIsError());
        QCOMPARE(count("SELECT count(*) FROM feedback WHERE kind = 'like'"), 1);
    }

    void anEmptyCacheSaysSo()
    {
        QTemporaryDir dir;
        start(dir.path());
        // Before the page is shown, a finished sync computes nothing.
        m_discover->historyChanged();
        QCOMPARE(m_discover->state(), Discover::State::Idle);
        rankAfter([this] {
            m_discover->activate();
        });
        QCOMPARE(m_discover->state(), Discover::State::Empty);
        QCOMPARE(m_discover->forYouNow()->count(), 0);
        QCOMPARE(m_discover->rediscover()->count(), 0);
        QCOMPARE(m_discover->deeperCuts()->count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDiscoverModel)
#include "tst_discovermodel.moc"
