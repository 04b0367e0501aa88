#include "itemdetail.h"

ItemDetail::ItemDetail(QObject *parent)
    : QObject(parent)
{
}

bool ItemDetail::isOpen() const
{
    return m_open;
}

bool ItemDetail::isBusy() const
{
    return m_busy;
}

bool ItemDetail::found() const
{
    return m_content.found;
}

QString ItemDetail::kindName() const
{
    return m_content.kindName;
}

QString ItemDetail::title() const
{
    return m_content.title;
}

QString ItemDetail::subtitle() const
{
    return m_content.subtitle;
}

QString ItemDetail::playsText() const
{
    return m_content.playsText;
}

QString ItemDetail::minutesText() const
{
    return m_content.minutesText;
}

QString ItemDetail::firstListen() const
{
    return m_content.firstListen;
}

QString ItemDetail::lastListen() const
{
    return m_content.lastListen;
}

QString ItemDetail::skipRateText() const
{
    return m_content.skipRateText;
}

StatsListModel *ItemDetail::months()
{
    return &m_months;
}

void ItemDetail::startLoading(const QString &kindName)
{
    m_open = true;
    m_busy = true;
    m_content = {};
    m_content.kindName = kindName;
    m_months.setEntries({});
    Q_EMIT changed();
}

void ItemDetail::setContent(Content content, QList<StatsListModel::Entry> months)
{
    m_busy = false;
    m_content = std::move(content);
    m_months.setEntries(std::move(months));
    Q_EMIT changed();
}

void ItemDetail::close()
{
    if (m_open) {
        m_open = false;
        Q_EMIT changed();
    }
}
