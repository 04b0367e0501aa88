#include "app/backend/navigationmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

class TestNavigationModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsEveryPageOnce()
    {
        NavigationModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QStringList expected{QStringLiteral("home"),
                                   QStringLiteral("dashboards"),
                                   QStringLiteral("player"),
                                   QStringLiteral("discover"),
                                   QStringLiteral("household"),
                                   QStringLiteral("concerts"),
                                   QStringLiteral("settings"),
                                   QStringLiteral("import")};
        QCOMPARE(model.rowCount(), expected.size());
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row);
            QCOMPARE(index.data(NavigationModel::PageIdRole).toString(), expected.at(row));
            QVERIFY(!index.data(NavigationModel::TitleRole).toString().isEmpty());
            QVERIFY(!index.data(NavigationModel::SubtitleRole).toString().isEmpty());
            QCOMPARE(index.data(NavigationModel::ShortcutRole).toString(), QStringLiteral("Ctrl+%1").arg(row + 1));
            QCOMPARE(model.indexOf(expected.at(row)), row);
        }
        QCOMPARE(model.indexOf(QStringLiteral("nowhere")), -1);
        QVERIFY(!model.data(model.index(0).sibling(99, 0), NavigationModel::TitleRole).isValid());
    }

    void exposesRoleNamesForQml()
    {
        const NavigationModel model;
        const QHash<int, QByteArray> roles = model.roleNames();
        QCOMPARE(roles.value(NavigationModel::PageIdRole), QByteArray("pageId"));
        QCOMPARE(roles.value(NavigationModel::TitleRole), QByteArray("title"));
        QCOMPARE(roles.value(NavigationModel::SubtitleRole), QByteArray("subtitle"));
        QCOMPARE(roles.value(NavigationModel::ShortcutRole), QByteArray("shortcut"));
    }
};

QTEST_GUILESS_MAIN(TestNavigationModel)
#include "tst_navigationmodel.moc"
