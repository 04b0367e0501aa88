#pragma once

#include "engine/hubclient/hubclient.h"

#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class HubLink;
class QJSEngine;
class QQmlEngine;

namespace engine
{
class StoreThread;
}

// The Household page: the dashboards of the hub this device is paired with (GET /api/v1/household,
// /household/week, /household/favourites, /me/recommendations), read with the device token through HubLink's
// client. Lists are QVariantLists of maps for the page's repeaters: members {name, detail}, items {name, detail}
// and picks {uri, name, detail}; a pick's name comes from the local cache when it knows the track.
class Household : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(State state READ state NOTIFY changed)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY changed)
    Q_PROPERTY(QVariantList members READ members NOTIFY changed)
    Q_PROPERTY(QString weekSummary READ weekSummary NOTIFY changed)
    Q_PROPERTY(QVariantList weekArtists READ weekArtists NOTIFY changed)
    Q_PROPERTY(QVariantList favourites READ favourites NOTIFY changed)
    Q_PROPERTY(QVariantList picks READ picks NOTIFY changed)
    Q_PROPERTY(QString picksNote READ picksNote NOTIFY changed)

public:
    enum class State {
        NotPaired, // Settings → Household hub pairs this device
        Idle,
        Loading,
        Ready,
        Failed, // errorMessage says why
    };
    Q_ENUM(State)

    static constexpr int ListLength = 5;
    static constexpr int PickCount = 10;

    // `hub` and `store` outlive this object.
    Household(HubLink *hub, engine::StoreThread *store, QObject *parent = nullptr);
    ~Household() override;

    static Household *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    State state() const;
    QString errorMessage() const;
    QVariantList members() const;
    QString weekSummary() const;
    QVariantList weekArtists() const;
    QVariantList favourites() const;
    QVariantList picks() const;
    QString picksNote() const;

    // Reads the dashboards the first time the page is shown; refresh() reads them again.
    Q_INVOKABLE void activate();
    Q_INVOKABLE void refresh();

Q_SIGNALS:
    void changed();

private:
    struct Load;
    void hubChanged();
    void answered(const std::shared_ptr<Load> &load);
    void named(const std::shared_ptr<Load> &load, const QHash<QString, QString> &names);
    QString whoText(const QJsonArray &members) const;
    QVariantList items(const QJsonArray &list) const;

    HubLink *m_hub;
    engine::StoreThread *m_store;
    State m_state = State::NotPaired;
    QString m_error;
    QVariantList m_members;
    QString m_weekSummary;
    QVariantList m_weekArtists;
    QVariantList m_favourites;
    QVariantList m_picks;
    QString m_picksNote;
    bool m_again = false;
};
