#include "app/core/setupguide.h"

#include <QCoreApplication>

namespace setupguide
{

QStringList steps()
{
    return {
        QCoreApplication::translate("SetupGuide", "Sign in at %1 with your Spotify account and choose \"Create app\".")
            .arg(QLatin1String(DashboardUrl)),
        QCoreApplication::translate("SetupGuide",
                                    "Give it any name and description, tick \"Web API\", and add the redirect URI %1 "
                                    "exactly as written (no port number).")
            .arg(QLatin1String(RedirectUri)),
        QCoreApplication::translate("SetupGuide",
                                    "Save, open the app's settings and copy its Client ID. TuneScout never needs the "
                                    "client secret."),
        QCoreApplication::translate(
            "SetupGuide",
            "The app starts in Development Mode: its owner needs Spotify Premium, and at most "
            "five people can use it. Add each of them under \"User Management\" with the e-mail "
            "address of their Spotify account."),
        QCoreApplication::translate("SetupGuide", "Paste the Client ID into TuneScout, then sign in."),
    };
}

} // namespace setupguide
