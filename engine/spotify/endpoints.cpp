#include "engine/spotify/endpoints.h"

namespace engine
{

SpotifyEndpoints SpotifyEndpoints::defaults()
{
    return {QUrl(QStringLiteral("https://accounts.spotify.com")), QUrl(QStringLiteral("https://api.spotify.com/v1"))};
}

Result<SpotifyEndpoints> SpotifyEndpoints::fromEnvironment(const QProcessEnvironment &environment)
{
    SpotifyEndpoints endpoints = defaults();
    const struct {
        const char *variable;
        QUrl *target;
    } settings[] = {{"TUNESCOUT_SPOTIFY_ACCOUNTS_URL", &endpoints.accountsUrl},
                    {"TUNESCOUT_SPOTIFY_API_URL", &endpoints.apiUrl}};
    for (const auto &setting : settings) {
        const QString name = QString::fromLatin1(setting.variable);
        const QString value = environment.value(name);
        if (value.isEmpty()) {
            continue;
        }
        auto url = parseBaseUrl(value, name);
        if (!url) {
            return url.error();
        }
        *setting.target = url.value();
    }
    return endpoints;
}

Result<QUrl> parseBaseUrl(const QString &value, const QString &source)
{
    const QUrl url(value.trimmed(), QUrl::StrictMode);
    const bool usable = url.isValid()
        && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")) && !url.host().isEmpty()
        && !url.hasQuery() && !url.hasFragment() && url.userInfo().isEmpty();
    if (!usable) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("%1 must be an absolute http:// or https:// URL with a host and without a query, "
                                    "such as https://api.spotify.com/v1; it is \"%2\".")
                         .arg(source, value)};
    }
    QUrl base = url.adjusted(QUrl::StripTrailingSlash);
    if (base.path() == QLatin1String("/")) {
        base.setPath(QString());
    }
    return base;
}

} // namespace engine
