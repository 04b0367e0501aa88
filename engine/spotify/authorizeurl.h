#pragma once

#include "engine/model/result.h"

#include <QByteArray>
#include <QStringList>
#include <QUrl>

namespace engine
{

// The loopback address the sign-in receiver listens on. Spotify accepts only these two IP literals in a
// loopback redirect URI; `localhost` is rejected, so it is never produced here.
enum class LoopbackHost {
    IPv4, // 127.0.0.1
    IPv6, // [::1], used only when IPv4 loopback cannot be bound
};

// The path of the loopback redirect URI; plain, because Spotify has been seen rejecting hyphens there.
inline constexpr char LoopbackCallbackPath[] = "/callback";

// http://127.0.0.1:<port>/callback or http://[::1]:<port>/callback
QUrl loopbackRedirectUri(LoopbackHost host, quint16 port);

// The authority the browser puts in the Host header of the callback: 127.0.0.1:<port> or [::1]:<port>.
QByteArray loopbackAuthority(LoopbackHost host, quint16 port);

// The scopes TuneScout asks for (SPOTIFY.md §1.5): reading the profile, top items, recent plays, library,
// follows and playlists; controlling playback; saving to the library and editing playlists.
QStringList spotifyScopes();

struct AuthorizeRequest {
    QString clientId;
    QUrl redirectUri; // from loopbackRedirectUri(); sent again, identical, in the token request
    QStringList scopes = spotifyScopes();
    QByteArray state; // makeState()
    QByteArray codeChallenge; // PkcePair::challenge
};

// <accountsUrl>/authorize?client_id&response_type=code&redirect_uri&scope&state&code_challenge_method=S256
// &code_challenge, every value percent-encoded and the scopes separated by %20. Refuses a redirect URI that
// is not an http:// loopback IP literal, and empty values.
Result<QUrl> authorizeUrl(const QUrl &accountsUrl, const AuthorizeRequest &request);

} // namespace engine
