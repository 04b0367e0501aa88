#pragma once

#include <QStringList>

// What a person does to give TuneScout a Spotify Client ID of their own: Spotify no longer lets an app like
// this one share a Client ID between users, so every user (or household) registers one. Shown by the
// app's Settings page and by `tunescout-cli setup`.
namespace setupguide
{

// The redirect URI to register, without a port: Spotify then accepts any port on the loopback address.
inline constexpr auto RedirectUri = "http://127.0.0.1/callback";
inline constexpr auto DashboardUrl = "https://developer.spotify.com/dashboard";

// The steps, in order, translated.
QStringList steps();

} // namespace setupguide
