// The player bar and the Player page in the real Main.qml over the real backend, with Player talking to the fake
// Spotify's playback state machine over loopback: the bar shows what plays after "play" and follows "next" from
// its button and the keyboard, a user without Premium gets one explanation and disabled controls, no active
// device opens the device picker with a transfer, the Discover lists play, covers come from the disk cache
// the second time, and a track's preview clip plays on this computer through Qt Multimedia (or says why not).

#include "appbackend.h"
#include "tests/support/spotify/fakespotify.h"
#include "tests/support/spotify/fakespotifytokenprovider.h"
#include "tests/support/testenv.h"

#include <QAccessible>
#include <QDir>
#include <QPointer>
#include <QQmlComponent>
#include <QQuickItem>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <cmath>
#include <memory>

Q_IMPORT_QML_PLUGIN(TuneScout_BackendPlugin)
Q_IMPORT_QML_PLUGIN(TuneScout_UiPlugin)

using testsupport::FakeSpotify;

class TestPlayerQml : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<qmltest::WarningRecorder> m_warnings;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<FakeSpotify> m_spotify;
    std::unique_ptr<testsupport::FakeSpotifyTokenProvider> m_tokens;
    std::unique_ptr<engine::SpotifyClient> m_client;
    std::unique_ptr<qmltest::AppBackend> m_app;
    QQuickWindow *m_window = nullptr;

    // Main.qml on the Player page, with Player signed in to the fake (the fake's tokens stand for a sign-in).
    void start()
    {
        m_spotify = std::make_unique<FakeSpotify>();
        QVERIFY(m_spotify->start());
        m_tokens = std::make_unique<testsupport::FakeSpotifyTokenProvider>(*m_spotify);
        m_client = std::make_unique<engine::SpotifyClient>(m_spotify->apiUrl(),
                                                           m_tokens.get(),
                                                           engine::SpotifyApiProfile::DevelopmentMode);
        m_dataDir = std::make_unique<QTemporaryDir>();
        qmltest::AppBackend::Options options;
        options.initialPage = QStringLiteral("player");
        m_app = std::make_unique<qmltest::AppBackend>(
            qmltest::AppBackend::config(m_dataDir->path(), m_dataDir->filePath(QStringLiteral("tunescout.ini"))),
            options);
        m_window = m_app->loadMain();
        QVERIFY(m_window);
        QTRY_VERIFY(!m_app->cache().busy());
        m_app->player().setClient(m_client.get());
        QTRY_VERIFY(m_app->player().isActive());
    }

    QQuickItem *item(const QString &objectName) const
    {
        auto *found = m_window->findChild<QQuickItem *>(objectName);
        if (!found) {
            qWarning("no item named %s", qPrintable(objectName));
        }
        return found;
    }

    QString text(const QString &objectName) const
    {
        QQuickItem *found = item(objectName);
        return found ? found->property("text").toString() : QString();
    }

    bool isShown(const QString &objectName) const
    {
        QQuickItem *found = item(objectName);
        return found && found->isVisible();
    }

    static QString accessibleName(QQuickItem *target)
    {
        QAccessibleInterface *node = target ? QAccessible::queryAccessibleInterface(target) : nullptr;
        return node ? node->text(QAccessible::Name) : QString();
    }

    // The "Play here" button for `deviceName` in `picker` (the Player page lists the devices too, under it).
    QQuickItem *transferButtonFor(QObject *picker, const QString &deviceName) const
    {
        auto *content = picker->property("contentItem").value<QQuickItem *>();
        QQuickItem *found = nullptr;
        qmltest::walkAccessibilityTree(m_window, [&](QAccessibleInterface *node) {
            auto *button = qobject_cast<QQuickItem *>(node->object());
            if (node->role() == QAccessible::Button && button && button->isVisible() && content
                && content->isAncestorOf(button)
                && node->text(QAccessible::Name) == QStringLiteral("Play on %1").arg(deviceName)) {
                found = button;
                return false;
            }
            return true;
        });
        return found;
    }

    // The visible item whose accessible name is `name` (menu items live in a popup, outside the window's item tree).
    QQuickItem *accessibleItem(const QString &name) const
    {
        QQuickItem *found = nullptr;
        qmltest::walkAccessibilityTree(m_window, [&](QAccessibleInterface *node) {
            auto *candidate = qobject_cast<QQuickItem *>(node->object());
            if (candidate && candidate->isVisible() && node->text(QAccessible::Name) == name) {
                found = candidate;
                return false;
            }
            return true;
        });
        return found;
    }

    // Qt Multimedia plays through PulseAudio (or PipeWire's PulseAudio server) on Linux; without a server the
    // clip still plays into GStreamer's fake sink, but Qt warns that it found no audio devices. Every test has
    // its own XDG_RUNTIME_DIR, so a server reaches the test only through PULSE_SERVER.
    static bool audioServerAvailable()
    {
        return qEnvironmentVariableIsSet("PULSE_SERVER");
    }

    // The Player page on a track whose preview clip the fake serves (extended profile).
    void startWithPreview()
    {
        start();
        m_spotify->setProfile(FakeSpotify::Profile::Extended);
        m_app->player().playUris(trackUris(1));
        QTRY_COMPARE(m_app->player().trackUri(), trackUris(1).constFirst());
        QTRY_VERIFY(!m_app->player().previewUrl().isEmpty());
        QTRY_VERIFY(isShown(QStringLiteral("previewPlayButton")));
    }

    // Presses "Play preview" and returns the button's MediaPlayer, made by the first press.
    QObject *pressPlayPreview()
    {
        qmltest::click(item(QStringLiteral("previewPlayButton")));
        QObject *player = nullptr;
        [&] {
            QTRY_VERIFY((player = item(QStringLiteral("previewButton"))->property("player").value<QObject *>())
                        != nullptr);
        }();
        return player;
    }

    // How many feedback events of `kind` (one of the fixed names, never user input) the cache holds.
    qint64 feedbackCount(const QString &kind)
    {
        const QByteArray sql = "SELECT count(*) FROM feedback WHERE kind = '" + kind.toLatin1() + "'";
        qint64 value = -1;
        bool answered = false;
        m_app->store().post(
            [sql](engine::Store &store) {
                return store.database().scalar(sql);
            },
            &m_app->player(),
            [&](engine::Result<QVariant> result) {
                answered = true;
                value = result ? result.value().toLongLong() : -1;
            });
        [&] {
            QTRY_VERIFY(answered);
        }();
        return value;
    }

    QStringList trackUris(int count, int from = 300) const
    {
        QStringList uris;
        m_spotify->withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
            for (int i = 0; i < count; ++i) {
                uris.append(QStringLiteral("spotify:track:") + library.tracks.at(from + i).id);
            }
        });
        return uris;
    }

    QString trackName(const QString &uri) const
    {
        QString name;
        m_spotify->withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
            for (const auto &track : library.tracks) {
                if (uri.endsWith(track.id)) {
                    name = track.name;
                }
            }
        });
        return name;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QAccessible::setActive(true);
    }

    void init()
    {
        m_warnings = std::make_unique<qmltest::WarningRecorder>();
    }

    void cleanup()
    {
        m_app.reset();
        m_client.reset();
        m_tokens.reset();
        m_spotify.reset();
        m_dataDir.reset();
        m_window = nullptr;
        const QString warnings = m_warnings->text();
        m_warnings.reset();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings));
    }

    void theBarShowsWhatPlaysAndNextChangesIt()
    {
        start();
        const QStringList uris = trackUris(3);
        m_app->player().playUris(uris);
        QTRY_COMPARE(text(QStringLiteral("playerBarTitle")), trackName(uris.at(0)));
        QVERIFY(!text(QStringLiteral("playerBarArtists")).isEmpty());
        QTRY_COMPARE(text(QStringLiteral("playerPageTitle")), trackName(uris.at(0)));
        QTRY_COMPARE(accessibleName(item(QStringLiteral("playPauseButton"))), QStringLiteral("Pause"));
        QVERIFY(!isShown(QStringLiteral("playerBarExplanation")));
        QTRY_VERIFY(item(QStringLiteral("playerBarCover"))->property("status").toInt() == 1); // Image.Ready

        // The seek slider follows the interpolated progress.
        QQuickItem *seek = item(QStringLiteral("seekSlider"));
        QVERIFY(seek->isEnabled());
        QTRY_VERIFY(seek->property("value").toDouble() > 0);
        QCOMPARE(seek->property("to").toDouble(), double(m_app->player().durationMs()));

        // Next from the bar's button, then from the keyboard.
        QTRY_VERIFY(item(QStringLiteral("nextButton"))->isEnabled());
        qmltest::click(item(QStringLiteral("nextButton")));
        QTRY_COMPARE(text(QStringLiteral("playerBarTitle")), trackName(uris.at(1)));
        QTRY_COMPARE(m_spotify->playback().position, 1);
        QTest::keyClick(m_window, Qt::Key_Right, Qt::ControlModifier);
        QTRY_COMPARE(text(QStringLiteral("playerBarTitle")), trackName(uris.at(2)));
        QTRY_COMPARE(m_spotify->playback().position, 2);

        // Space pauses while no field or button has the focus.
        m_window->contentItem()->forceActiveFocus();
        QTest::keyClick(m_window, Qt::Key_Space);
        QTRY_VERIFY(!m_spotify->playback().playing);
        QTRY_COMPARE(accessibleName(item(QStringLiteral("playPauseButton"))), QStringLiteral("Play"));

        // Shuffle and repeat from the bar reach the device.
        qmltest::click(item(QStringLiteral("shuffleButton")));
        QTRY_VERIFY(m_spotify->playback().shuffle);
        qmltest::click(item(QStringLiteral("repeatButton")));
        QTRY_COMPARE(m_spotify->playback().repeat, QStringLiteral("context"));

        const qmltest::AccessibleNames names = qmltest::checkAccessibleNames(m_window);
        QVERIFY2(names.unnamed.isEmpty(), qPrintable(names.unnamed.join(QLatin1Char('\n'))));
    }

    void withoutPremiumTheControlsAreDisabledWithOneExplanation()
    {
        start();
        m_spotify->setPremium(false);
        m_app->player().next();
        QTRY_VERIFY(m_app->player().premiumRequired());
        QTRY_VERIFY(isShown(QStringLiteral("playerBarExplanation")));
        QVERIFY(text(QStringLiteral("playerBarExplanation")).contains(QStringLiteral("Premium")));
        for (const char *control : {"playPauseButton",
                                    "nextButton",
                                    "previousButton",
                                    "shuffleButton",
                                    "repeatButton",
                                    "seekSlider",
                                    "volumeSlider",
                                    "deviceButton"}) {
            QVERIFY2(!item(QString::fromLatin1(control))->isEnabled(), control);
        }
        // One explanation: the page does not say it again, and nothing else is shown as an error.
        QVERIFY(!isShown(QStringLiteral("playerPageError")));
        int mentions = 0;
        qmltest::walkAccessibilityTree(m_window, [&mentions](QAccessibleInterface *node) {
            if (node->role() == QAccessible::AlertMessage && !node->state().invisible
                && node->text(QAccessible::Name).contains(QStringLiteral("Premium"))) {
                ++mentions;
            }
            return true;
        });
        QCOMPARE(mentions, 1);
        // Nor does the Space key: play/pause would flip the state shown at once.
        m_window->contentItem()->forceActiveFocus();
        const bool playing = m_app->player().isPlaying();
        QTest::keyClick(m_window, Qt::Key_Space);
        QCOMPARE(m_app->player().isPlaying(), playing);
    }

    void noActiveDeviceOpensThePickerWithATransfer()
    {
        start();
        m_spotify->deactivateDevices();
        m_app->player().refresh();
        QTRY_VERIFY(m_app->player().noActiveDevice());
        QObject *picker = m_window->findChild<QObject *>(QStringLiteral("devicePicker"));
        QVERIFY(picker);
        QTRY_VERIFY(picker->property("opened").toBool());
        QVERIFY(isShown(QStringLiteral("devicePickerOffer")));
        QTRY_COMPARE(m_app->player().devices().size(), 3);

        // The picker's rows: a "Play here" per device but the active one. The list read before the devices were
        // deactivated still shows the Living Room Speaker playing; wait until every row has its button (the rows
        // are made anew when the list changes, and the picker may move), then take the Work Laptop's.
        for (const QString &device :
             {QStringLiteral("Living Room Speaker"), QStringLiteral("Work Laptop"), QStringLiteral("Pocket Phone")}) {
            QTRY_VERIFY2(transferButtonFor(picker, device) != nullptr, qPrintable(device));
        }
        QQuickItem *laptop = nullptr;
        QTRY_VERIFY((laptop = transferButtonFor(picker, QStringLiteral("Work Laptop"))) != nullptr);
        qmltest::click(laptop);
        QTRY_VERIFY(m_app->player().isActive());
        QTRY_COMPARE(text(QStringLiteral("deviceButton")), QStringLiteral("Work Laptop"));
        QTRY_VERIFY(!picker->property("visible").toBool());
    }

    void aDiscoverListPlays()
    {
        start();
        // The Discover page's "Play" hands a list's URIs to Player; an empty cache has no lists, so drive the
        // same call a list's button makes with a DiscoverListModel of three recommendations.
        DiscoverListModel list;
        QList<DiscoverListModel::Entry> entries;
        for (const QString &uri : trackUris(3, 320)) {
            entries.append({trackName(uri), QStringLiteral("someone"), {}, {}, uri, {}, false});
        }
        list.setEntries(entries);
        QCOMPARE(list.uris(), trackUris(3, 320));
        m_app->player().playUris(list.uris());
        QTRY_COMPARE(text(QStringLiteral("playerBarTitle")), trackName(trackUris(1, 320).constFirst()));
    }

    void likeAndHideFromTheBar()
    {
        start();
        const QStringList uris = trackUris(1, 1200);
        const QString title = trackName(uris.at(0));
        m_app->player().playUris(uris);
        QTRY_COMPARE(text(QStringLiteral("playerBarTitle")), title);
        QTRY_VERIFY(isShown(QStringLiteral("likeButton")));
        QQuickItem *like = item(QStringLiteral("likeButton"));
        QTRY_COMPARE(accessibleName(like), QStringLiteral("Like “%1” and save it to your library").arg(title));

        // The heart saves the track to the Spotify library and shows it at once.
        qmltest::click(like);
        QTRY_COMPARE(like->property("checked").toBool(), true);
        QTRY_COMPARE(m_spotify->requestCount("PUT", QStringLiteral("^/v1/me/library$")), 1);
        QTRY_VERIFY(isShown(QStringLiteral("playerBarFeedbackNotice")));
        QCOMPARE(text(QStringLiteral("playerBarFeedbackNotice")), QStringLiteral("Liked “%1”.").arg(title));
        QCOMPARE(text(QStringLiteral("pageLikeButton")), QStringLiteral("\u2665 Liked"));
        QCOMPARE(feedbackCount(QStringLiteral("like")), qint64(1));

        // Hide the artist through the bar's menu.
        qmltest::click(item(QStringLiteral("hideButton")));
        const QString artist = m_app->player().artists();
        QQuickItem *hideArtist = nullptr;
        QTRY_VERIFY((hideArtist = accessibleItem(QStringLiteral("Never recommend anything by %1 again").arg(artist)))
                    != nullptr);
        QTRY_VERIFY(hideArtist->isEnabled());
        qmltest::click(hideArtist);
        QTRY_COMPARE(feedbackCount(QStringLiteral("hide_artist")), qint64(1));
        QTRY_VERIFY(text(QStringLiteral("playerBarFeedbackNotice")).contains(artist.section(u',', 0, 0)));
        QCOMPARE(m_spotify->requestCount("PUT", QStringLiteral("^/v1/me/library$")), 1); // hiding stays local

        // Unlike from the Player page.
        qmltest::click(item(QStringLiteral("pageLikeButton")));
        QTRY_COMPARE(m_spotify->requestCount("DELETE", QStringLiteral("^/v1/me/library$")), 1);
        QTRY_COMPARE(like->property("checked").toBool(), false);
    }

    void devicesShowTheirKindInWords()
    {
        start();
        m_app->player().refreshDevices();
        QTRY_COMPARE(m_app->player().devices().size(), qsizetype(3));
        // The fake's types are Spotify's words in lower case ("smartphone"): each row says the kind in words.
        QTRY_VERIFY(accessibleItem(QStringLiteral("Pocket Phone, Smartphone")));
        QVERIFY(accessibleItem(QStringLiteral("Work Laptop, Computer")));
        QVERIFY(accessibleItem(QStringLiteral("Living Room Speaker, Speaker, playing here")));
        QCOMPARE(Player::deviceTypeName(QStringLiteral("CastAudio")), QStringLiteral("Cast (audio)"));
        QCOMPARE(Player::deviceTypeName(QStringLiteral("Toaster")), QStringLiteral("Other device"));
    }

    void thePreviewButtonShowsOnlyWithAClip()
    {
        start();
        m_app->player().playUris(trackUris(1));
        QTRY_COMPARE(m_app->player().trackUri(), trackUris(1).constFirst());
        QVERIFY(m_app->player().previewUrl().isEmpty()); // Development Mode: no preview_url
        QVERIFY(!isShown(QStringLiteral("previewButton")));

        m_spotify->setProfile(FakeSpotify::Profile::Extended);
        m_app->player().refresh();
        QTRY_VERIFY(!m_app->player().previewUrl().isEmpty());
        QTRY_VERIFY(isShown(QStringLiteral("previewButton")));
        QQuickItem *play = item(QStringLiteral("previewPlayButton"));
        QCOMPARE(accessibleName(play), QStringLiteral("Play a 30-second preview clip on this computer"));

        QVERIFY(!isShown(QStringLiteral("previewError"))); // no failure before a try
    }

    void aPreviewClipPlaysAndStops()
    {
        TUNESCOUT_REQUIRE_SERVICE(audioServerAvailable(), "a PulseAudio server (tests/with-services.sh starts one)");
        startWithPreview();
        QObject *player = pressPlayPreview();
        QVERIFY(player);
        QTRY_COMPARE(player->property("playbackState").toInt(), 1); // MediaPlayer.PlayingState
        // The fake's clip lasts 4 s: the duration comes from decoding it, and the position moves on while it plays.
        QTRY_VERIFY(std::abs(player->property("duration").toLongLong() - 4000) < 250);
        QTRY_VERIFY(player->property("position").toLongLong() > 0);
        QVERIFY(m_spotify->requestCount("GET", QStringLiteral("^/preview/")) >= 1);
        const qint64 heard = player->property("position").toLongLong();
        QTRY_VERIFY(player->property("position").toLongLong() > heard);
        QCOMPARE(player->property("playbackState").toInt(), 1);
        QQuickItem *button = item(QStringLiteral("previewPlayButton"));
        QCOMPARE(button->property("text").toString(), QStringLiteral("Stop preview"));
        QCOMPARE(accessibleName(button), QStringLiteral("Stop the preview clip"));
        QVERIFY(!isShown(QStringLiteral("previewError")));

        qmltest::click(button);
        QTRY_COMPARE(player->property("playbackState").toInt(), 0); // MediaPlayer.StoppedState
        QCOMPARE(button->property("text").toString(), QStringLiteral("Play preview"));
        QVERIFY(!isShown(QStringLiteral("previewError")));
    }

    void aPreviewClipThatCannotBePlayedSaysWhy_data()
    {
        // The reasons are GStreamer's (Qt's back end on Debian), as Qt Multimedia passes them on.
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("reason");
        QTest::newRow("404") << 404 << QByteArray() << QStringLiteral("Not Found");
        QTest::newRow("not audio") << 200 << QByteArray(4096, '\0')
                                   << QStringLiteral("Could not determine type of stream.");
    }

    void aPreviewClipThatCannotBePlayedSaysWhy()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, reason);
        TUNESCOUT_REQUIRE_SERVICE(audioServerAvailable(), "a PulseAudio server (tests/with-services.sh starts one)");
        startWithPreview();
        testsupport::FakeSpotifyFault clip;
        clip.method = "GET";
        clip.pathPattern = QStringLiteral("^/preview/");
        clip.status = status;
        clip.rawBody = body;
        clip.rawContentType = QByteArrayLiteral("audio/mpeg");
        clip.times = -1;
        m_spotify->addFault(clip);

        QPointer<QObject> failed = pressPlayPreview();
        QVERIFY(failed);
        QTRY_VERIFY(isShown(QStringLiteral("previewError")));
        QCOMPARE(text(QStringLiteral("previewError")), QStringLiteral("Preview unavailable: %1").arg(reason));
        QCOMPARE(accessibleName(item(QStringLiteral("previewError"))), text(QStringLiteral("previewError")));
        // The failed player is gone, and the button offers to play again.
        QTRY_VERIFY(failed.isNull());
        QVERIFY(item(QStringLiteral("previewButton"))->property("player").value<QObject *>() == nullptr);
        QCOMPARE(text(QStringLiteral("previewPlayButton")), QStringLiteral("Play preview"));

        // Once the clip can be had, the next press plays it and the reason goes away.
        m_spotify->clearFaults();
        QObject *player = pressPlayPreview();
        QVERIFY(player);
        QTRY_VERIFY(player->property("position").toLongLong() > 0);
        QCOMPARE(player->property("playbackState").toInt(), 1);
        QVERIFY(!isShown(QStringLiteral("previewError")));
        qmltest::click(item(QStringLiteral("previewPlayButton")));
        QTRY_COMPARE(player->property("playbackState").toInt(), 0);
    }

    void coversComeFromTheDiskCacheTheSecondTime()
    {
        start();
        m_app->player().playUris(trackUris(1));
        QTRY_COMPARE(m_app->player().trackUri(), trackUris(1).constFirst());
        const QString cover = m_app->player().coverUrl();
        QVERIFY(!cover.isEmpty());
        for (const QString &name : {QStringLiteral("playerBarCover"), QStringLiteral("playerPageCover")}) {
            QTRY_COMPARE(item(name)->property("source").toUrl(), QUrl(cover));
            QTRY_COMPARE(item(name)->property("status").toInt(), 1); // Image.Ready
        }
        const int fetched = m_spotify->requestCount("GET", QStringLiteral("^/image/"));
        QVERIFY(fetched >= 1);
        QVERIFY(!QDir(CoverArtCache::directoryIn(m_dataDir->path())).isEmpty());

        // A new engine (as after a restart: nothing in memory) with a cache on the same folder.
        CoverArtCache again(CoverArtCache::directoryIn(m_dataDir->path()));
        QQmlEngine engine;
        engine.setNetworkAccessManagerFactory(&again);
        QQmlComponent component(&engine);
        component.setData(QByteArrayLiteral("import QtQuick\nImage { cache: false }"), QUrl());
        std::unique_ptr<QObject> image(component.create());
        QVERIFY2(image, qPrintable(component.errorString()));
        image->setProperty("source", QUrl(cover));
        QTRY_COMPARE(image->property("status").toInt(), 1);
        QCOMPARE(m_spotify->requestCount("GET", QStringLiteral("^/image/")), fetched);

        // A cover not seen before still goes to the network.
        image->setProperty("source", QUrl(cover + QStringLiteral("-other")));
        QTRY_COMPARE(image->property("status").toInt(), 1);
        QCOMPARE(m_spotify->requestCount("GET", QStringLiteral("^/image/")), fetched + 1);
    }
};

QTEST_MAIN(TestPlayerQml)
#include "tst_player_qml.moc"
