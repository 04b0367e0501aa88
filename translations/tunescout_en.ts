<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Account</name>
    <message numerus="yes">
        <source>Last synced at %1: %n new play(s)</source>
        <translation>
            <numerusform>Last synced at %1: %n new play</numerusform>
            <numerusform>Last synced at %1: %n new plays</numerusform>
        </translation>
    </message>
    <message>
        <source>Set up your Spotify app in Settings to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in to Spotify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in with your saved sign-in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish signing in in your browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the address below in your browser to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to Spotify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing %1 (%2 of %3)…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Nothing to show for this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 values; use the arrow keys to read them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the arrow keys to read each value.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CacheStatus</name>
    <message>
        <source>Opening the local cache…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local cache ready (schema %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local cache rebuilt after damage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache made by a newer TuneScout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local cache unavailable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClockHeatmap</name>
    <message>
        <source>plays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening clock: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening clock by weekday and hour; use the arrow keys to read each hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2:00–%3:00: %4 %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point at an hour, or use the arrow keys, to read it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConcertRow</name>
    <message>
        <source>%1 on %2 at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (support)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the tickets for %1 on %2 in the browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save %1 on %2 as a calendar file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Concerts</name>
    <message>
        <source>The radius</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: check that the folder exists and is writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That show is no longer listed: refresh and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file to save the calendar entry to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 on %2 to %3: open it with your calendar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You follow %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In your top artists (#%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>You played %1 %Ln times</source>
        <translation>
            <numerusform>You played %1 %Ln time</numerusform>
            <numerusform>You played %1 %Ln times</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Listed %n hour(s) ago: the provider could not be asked now</source>
        <translation>
            <numerusform>Listed %n hour ago: the provider could not be asked now</numerusform>
            <numerusform>Listed %n hours ago: the provider could not be asked now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Listed %n day(s) ago: the provider could not be asked now</source>
        <translation>
            <numerusform>Listed %n day ago: the provider could not be asked now</numerusform>
            <numerusform>Listed %n days ago: the provider could not be asked now</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 Showing what %2 listed before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HH:mm</source>
        <comment>time format: hour and minute</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 and you play %2</source>
        <comment>names of household members; the artist</comment>
        <translation>
            <numerusform>%1 and you both play %2</numerusform>
            <numerusform>%1 and you all play %2</numerusform>
        </translation>
    </message>
    <message>
        <source>You play %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 plays %2</source>
        <comment>names of household members; the artist</comment>
        <translation>
            <numerusform>%1 plays %2</numerusform>
            <numerusform>%1 play %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 follows %2</source>
        <comment>names of household members; the artist</comment>
        <translation>
            <numerusform>%1 follows %2</numerusform>
            <numerusform>%1 follow %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 Showing what the household hub listed %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConcertsPage</name>
    <message>
        <source>Concerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the show as a calendar file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upcoming shows of your artists within %1 km of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upcoming shows of your artists near you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for concerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for concerts again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a concert provider key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import your history or sync first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concerts could not be looked up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No upcoming shows nearby</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for concerts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TuneScout does not know where you are. Set a city or coordinates and a radius under Concerts on the Settings page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows are listed by Ticketmaster (and SeatGeek in North America). Get a free Ticketmaster API key and set TUNESCOUT_TICKETMASTER_KEY or concerts/ticketmaster_key in %1, then start TuneScout again; the &quot;Concerts&quot; section of README.md says how.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concerts are looked up for the artists you follow, your top artists and the ones you play most, and none are known yet. Sign in with Spotify on the Home page and sync, or import your history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of your artists plays within %1 km of %2. A larger radius in Settings finds more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the providers about each of your artists; answers are kept for a day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Settings page to set where to look for concerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by artist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only artists whose name contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Within %1 km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only concerts within this distance, in kilometres; 0 for any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upcoming shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No show matches the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upcoming shows of your household&apos;s artists within %1 km of %2, from the household hub.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upcoming shows of your household&apos;s artists, from the household hub.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Artist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You listen most on %1s from %2:00 to %3:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 new artist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No genre tags are loaded yet. They come from MusicBrainz when the optional tag lookup has run; until then this chart stays empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags are known for %1 of the plays in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The listening history could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spotify&apos;s lists could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spotify&apos;s own lists appear here after a sync while signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spotify&apos;s list of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spotify&apos;s list of %1; changes since %2 (%3 snapshots kept).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▲ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▼ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the list once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown period “%1”: use 4w, 6m, 1y or all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a date: write the first day as YYYY-MM-DD, e.g. 2024-03-01.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a date: write the last day as YYYY-MM-DD, e.g. 2024-03-31.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first day (%1) is after the last day (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file on this computer to export to (not “%1”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown export format “%1”: use csv or json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The listening history is not loaded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top lists saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 saved to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file on this computer for the image (not “%1”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share image could not be drawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share image saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <comment>date format: day</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d MMM yyyy, HH:mm</source>
        <comment>date format: day and time</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln plays</source>
        <translation>
            <numerusform>%Ln play</numerusform>
            <numerusform>%Ln plays</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln days</source>
        <translation>
            <numerusform>%Ln day</numerusform>
            <numerusform>%Ln days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new artists</source>
        <translation>
            <numerusform>%Ln new artist</numerusform>
            <numerusform>%Ln new artists</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>on the list %Ln times</source>
        <translation>
            <numerusform>on the list %Ln time</numerusform>
            <numerusform>on the list %Ln times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardClock</name>
    <message>
        <source>Listening clock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When you listen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was played in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours are in this computer&apos;s time zone; a play counts at the moment it ended.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardDetail</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in your history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First listen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last listen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plays per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not played in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the detail view</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardDiscovery</name>
    <message>
        <source>Discovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New artists per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No artist was heard for the first time in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First listens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One artist heard for the first time in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new artists in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln artists heard for the first time in this period; the latest first.</source>
        <translation>
            <numerusform>%Ln artist heard for the first time in this period; the latest first.</numerusform>
            <numerusform>%Ln artists heard for the first time in this period; the latest first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardEmptyState</name>
    <message>
        <source>The history could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No listening history yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading your listening history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading your listening history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboards are made from the plays kept on this computer, and there are none yet. Sign in with Spotify on the Home page: TuneScout then syncs what you play from now on (Spotify only shares the last 50 plays). For your whole history, request your Extended streaming history in Spotify&apos;s privacy settings and import it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This takes a moment for a long history; the rest of TuneScout keeps working meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Home to sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Home page to sign in with Spotify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the listening history again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardEras</name>
    <message>
        <source>Eras and genres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release decades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Genres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tags for the music of this period.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardOverview</name>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was played in this period. Pick a longer one above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Artists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days with music</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest streak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current streak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On shuffle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top artists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top tracks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top albums</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When you listen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spotify only says which device played a track in your privacy export; import it to see this.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardShareCard</name>
    <message>
        <source>My listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minutes · %1 plays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top artists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top tracks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When I listen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TuneScout · computed on my own computer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardTopLists</name>
    <message>
        <source>Top lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which top list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Artists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Albums</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spotify&apos;s lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top artists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top tracks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top albums</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What Spotify thinks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spotify list of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About 4 weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About 6 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About a year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spotify&apos;s period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank over time of the top %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No list for this period yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardTrends</name>
    <message>
        <source>Trends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plays over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group by</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardsPage</name>
    <message>
        <source>Dashboards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your listening in numbers, from the history kept on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 4 weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 6 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom dates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day of the period (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day of the period (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the custom period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count plays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plays or top lists to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plays of this period as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plays of this period as JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top lists of this period as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top lists of this period as JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a picture of this period as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening clock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eras and genres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export top lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the share image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceList</name>
    <message>
        <source>Spotify lists no devices. Open Spotify on a phone, computer or speaker, then look again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · playing here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2, playing here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicePicker</name>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Spotify device is active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one of your devices to play on. If yours is missing, open Spotify on it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the device list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Discover</name>
    <message>
        <source>Because you play %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fits what you play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listeners of %1 also play this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listeners like you play this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similar tags to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags you like</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Often played in a session with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Often played in your sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This list is empty: there is nothing to save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with Spotify on the Home page to save a list as a playlist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For you now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rediscover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deeper cuts of your top artists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TuneScout — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended by TuneScout from your own listening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spotify did not save the playlist: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liked “%1” here, but Spotify did not save it: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unliked “%1” here, but Spotify did not remove it: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save that: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liked “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer liked: “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” will not be recommended again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing by %1 will be recommended again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is left out for a week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved “%1” to Spotify with %Ln tracks.</source>
        <translation>
            <numerusform>Saved “%1” to Spotify with %Ln track.</numerusform>
            <numerusform>Saved “%1” to Spotify with %Ln tracks.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You played it %Ln times, last in %1</source>
        <translation>
            <numerusform>You played it %Ln time, last in %1</numerusform>
            <numerusform>You played it %Ln times, last in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A deeper cut from %1, one of your top artists (%Ln plays)</source>
        <translation>
            <numerusform>A deeper cut from %1, one of your top artists (%Ln play)</numerusform>
            <numerusform>A deeper cut from %1, one of your top artists (%Ln plays)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You played it to the end %Ln times lately</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Liked “%1” here; it goes to your Spotify library once Spotify can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unliked “%1” here; it leaves your Spotify library once Spotify can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fits what your household plays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 plays this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 play this</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %2 and %Ln more in your household play this</source>
        <translation>
            <numerusform>%1, %2 and %Ln more in your household play this</numerusform>
            <numerusform>%1, %2 and %Ln more in your household play this</numerusform>
        </translation>
    </message>
    <message>
        <source>Household picks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pair this computer with your household hub in Settings to see what your household plays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household picks could not be computed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your household hub has not trained a model yet; picks appear after its next training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The household model does not know your plays yet; they count from the hub&apos;s next training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing new from your household right now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiscoverItemRow</name>
    <message>
        <source>%1 by %2. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Like</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlike %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Like %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave %1 out for a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never recommend %1 again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide artist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never recommend anything by %1 again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiscoverPage</name>
    <message>
        <source>Discover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendations computed on this computer from your own listening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating the recommendations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendations could not be computed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import your history or sync first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning from your history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning from your history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendations are learnt from the plays, playlists and saved tracks kept on this computer, and there are none yet. Import your Extended streaming history from Spotify&apos;s privacy export, or sign in with Spotify on the Home page and sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first time takes a few seconds on a long history; the rest of TuneScout keeps working meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import your history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Import page to import Spotify&apos;s privacy export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Home to sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Home page to sign in with Spotify and sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute the recommendations again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For you now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing new fits your recent listening yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rediscover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No forgotten favourites: you still play everything you loved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deeper cuts of your top artists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No deeper cuts of your top artists are known yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household picks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing new from your household right now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiscoverSection</name>
    <message>
        <source>Nothing to recommend here yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as playlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save %1 as a new Spotify playlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play %1 on your Spotify device</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Enrichment</name>
    <message>
        <source>1 track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Genre lookup is off: %1 Fix or unset it and start TuneScout again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before a track was looked up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every track with an ISRC has been looked up; nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found genres for %1, %2 not in MusicBrainz.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MusicBrainz&apos;s answer for %1 could not be read; they are asked again after a day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1 left for the next run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left for the next run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding the tracks to look up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every track with an ISRC has been looked up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 with an ISRC not looked up yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln tracks</source>
        <translation>
            <numerusform>%Ln track</numerusform>
            <numerusform>%Ln tracks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenreLookup</name>
    <message>
        <source>Genres come from MusicBrainz, an open music encyclopedia. Only each track&apos;s ISRC (the code of its recording) is sent — nothing about you or your listening — one request a second. You can stop at any time; the next lookup continues where this one ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look up genres on MusicBrainz</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up genres: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop looking up genres</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryImport</name>
    <message>
        <source>%1 of %2 · %3 rows · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimating the time left…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About a second left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About a minute left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the export&apos;s zip, its folder or its JSON files on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported before: nothing changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Podcasts, audiobooks or video: counted, not stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a listening history: ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: nothing of this file was stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled. %1 added before it stopped are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added to your history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 file could not be imported; the others were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>About %Ln seconds left</source>
        <translation>
            <numerusform>About %Ln second left</numerusform>
            <numerusform>About %Ln seconds left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>About %Ln minutes left</source>
        <translation>
            <numerusform>About %Ln minute left</numerusform>
            <numerusform>About %Ln minutes left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln plays</source>
        <translation>
            <numerusform>%Ln play</numerusform>
            <numerusform>%Ln plays</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln files could not be imported; the others were.</source>
        <translation>
            <numerusform>%Ln file could not be imported; the others were.</numerusform>
            <numerusform>%Ln files could not be imported; the others were.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to TuneScout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your listening history, dashboards and recommendations, kept on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your listening history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is here yet. Import your history from Spotify&apos;s privacy export to see every year you have listened, or sign in to sync what you play from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import your history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import your history from Spotify&apos;s privacy export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spotify account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up Spotify…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up your Spotify app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with Spotify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel signing in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out of Spotify</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Household</name>
    <message numerus="yes">
        <source>%n play(s) by %1</source>
        <comment>household members</comment>
        <translation>
            <numerusform>%n play by %1</numerusform>
            <numerusform>%n plays by %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s)</source>
        <translation>
            <numerusform>%n device</numerusform>
            <numerusform>%n devices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n play(s) in the household in the last seven days</source>
        <translation>
            <numerusform>%n play in the household in the last seven days</numerusform>
            <numerusform>%n plays in the household in the last seven days</numerusform>
        </translation>
    </message>
    <message>
        <source>Picked by the household hub for you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None yet: the hub&apos;s model knows none of your plays. Sync, then wait for its next training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None yet: the hub has not trained a model. Its admin runs tunescout-hub train.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HouseholdPage</name>
    <message>
        <source>Household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the people on your household hub share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the household hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the household hub again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The household hub could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No household hub yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pair TuneScout with your household&apos;s hub under Settings → Household hub to see its members, what the household played this week, shared favourites and picks for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings to pair with a household hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody in the household played anything this week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared favourites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No artist has been played by two members yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household picks for you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play %1 on your Spotify device</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HubLink</name>
    <message>
        <source>%1 on “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not paired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub no longer accepts this device. Unpair and pair again with a new invite code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last upload %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing uploaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The hub refused %n event(s); they stay in the cache.</source>
        <translation>
            <numerusform>The hub refused %n event; it stays in the cache.</numerusform>
            <numerusform>The hub refused %n events; they stay in the cache.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not paired: the certificate was not trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub&apos;s answer about training has no opt_in choice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportCounts</name>
    <message>
        <source>rows read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plays added (30 s or longer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>short plays added (skips, under 30 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already in the cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>merged with synced plays (within 90 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account-data plays given their exact time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account-data rows already known exactly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account-data rows matched to known tracks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account-data rows kept by name only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>podcast episodes skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audiobook chapters skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>video rows skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private-session plays skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private-session plays imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rows without a track skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rows without a time skipped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Spotify&apos;s export: the zip or its JSON files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spotify export (*.zip *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder you unpacked the export into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import your history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your whole listening history from Spotify&apos;s privacy export, kept on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request “Extended streaming history” (every year since you joined) or “Account data” (the last year) in your Spotify account&apos;s privacy settings. Spotify emails a zip after a few days: choose it as it is, the folder you unpacked it into, or single JSON files. Importing the same files again changes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the zip or files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the export&apos;s zip or JSON files to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder holding the export to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include private-session plays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import progress: %1 percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import could not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the import did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>TuneScout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some plays may be missing from your history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the notice about missing plays</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NavigationModel</name>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your listening at a glance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top artists, tracks and habits over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Player</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control what plays on your Spotify devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendations computed on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the people on your hub share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upcoming shows of your artists nearby</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account, cache and connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your lifetime history from Spotify&apos;s privacy export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NavigationRail</name>
    <message>
        <source>TuneScout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache status: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Player</name>
    <message>
        <source>Computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smartphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tablet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AV receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set-top box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio adapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Game console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cast (video)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cast (audio)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Car</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liked “%1” here; it goes to your Spotify library once Spotify can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unliked “%1” here; it leaves your Spotify library once Spotify can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liked “%1” here, but Spotify did not save it: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unliked “%1” here, but Spotify did not remove it: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save that: the cache did not take it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liked “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer liked: “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” will not be recommended again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing by %1 will be recommended again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <source>Player</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cover of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is playing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to control playback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shuffle is on; turn it off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shuffle is off; turn it on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the track; turn repeat off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the list; repeat the track instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat is off; repeat the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position in the track: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume: %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume: this device does not allow changing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playing on %1; choose a device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a device to play on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liked; remove “%1” from your library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Like “%1” and save it to your library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide from recommendations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide this track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never recommend “%1” again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide this artist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never recommend anything by %1 again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlayerPage</name>
    <message>
        <source>Player</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control playback on your Spotify devices. Spotify streams no sound to other apps: TuneScout tells the device you choose what to play, which needs Spotify Premium.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cover of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is playing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with Spotify on the Home page to control playback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playing on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for devices again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spotify:track:… or spotify:episode:…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spotify URI of a track or episode to add to the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1 to the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liked; remove “%1” from your library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Like “%1” and save it to your library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide this track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never recommend “%1” again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide this artist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never recommend anything by %1 again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>♥ Liked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>♡ Like</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewButton</name>
    <message>
        <source>Stop preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the preview clip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play a 30-second preview clip on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the clip could not be played</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RankChart</name>
    <message>
        <source>%1: no history yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 lines; use the arrow keys to read them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up and down pick a line, left and right a day.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RankHistoryModel</name>
    <message>
        <source>%1: #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, best #%2, on %3 of %4 lists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rank history for this list yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranks on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranks from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2: #%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2: not on the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <comment>date format: day</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RankedList</name>
    <message>
        <source>Nothing played in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2, %3, %4 (%5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2, %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show more (%1 of %2 shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Show %Ln more entries</source>
        <translation>
            <numerusform>Show %Ln more entry</numerusform>
            <numerusform>Show %Ln more entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account, cache and connections. Values set through TUNESCOUT_* environment variables take precedence over the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spotify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TuneScout signs in with a Spotify app of your own. To create one:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client ID, e.g. 0123456789abcdef0123456789abcdef</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spotify Client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the Spotify Client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by TUNESCOUT_SPOTIFY_CLIENT_ID, which takes precedence over this setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redirect URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MusicBrainz</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MIT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City or LAT,LON, e.g. 52.52,13.405</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place to look for concerts near</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Radius in kilometres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the place and radius for concerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to look for upcoming shows of your artists: a city (Berlin, London, Montréal, …) or coordinates as LAT,LON, and how far you would travel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pair this device with your household&apos;s hub to share what you play. Ask the hub&apos;s admin for an invite code (tunescout-hub invite).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://hub.home.arpa:8787</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 7KQ2M-X9D4R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the household knows you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name in the household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow plain HTTP to a hub on another computer (unencrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pair with the hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>public key pinned, SHA-256 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verified by this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload to the hub now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpair from the hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this hub&apos;s certificate?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub&apos;s certificate is not signed by an authority this computer trusts, as with a hub at home. Compare the fingerprint of its public key with the one the hub shows (tunescout-hub cert fingerprint); pair only if they are the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public-key SHA-256 fingerprint %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use my plays for household picks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupGuide</name>
    <message>
        <source>Sign in at %1 with your Spotify account and choose &quot;Create app&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give it any name and description, tick &quot;Web API&quot;, and add the redirect URI %1 exactly as written (no port number).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save, open the app&apos;s settings and copy its Client ID. TuneScout never needs the client secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app starts in Development Mode: its owner needs Spotify Premium, and at most five people can use it. Add each of them under &quot;User Management&quot; with the e-mail address of their Spotify account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the Client ID into TuneScout, then sign in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatTile</name>
    <message>
        <source>%1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>today %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yesterday %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 minute ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 day ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — nothing has been synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — showing data from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no network connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spotify cannot be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Everything cached stays available. TuneScout checks again from time to time and catches up with what you played since.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing %1 (step %2 of %3)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plays between %1 and %2 may be missing: more than 50 were played between two checks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>And 1 earlier stretch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing waiting for the hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waiting for the hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waiting for a hub (none is set up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln days ago</source>
        <translation>
            <numerusform>%Ln day ago</numerusform>
            <numerusform>%Ln days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln minutes ago</source>
        <translation>
            <numerusform>%Ln minute ago</numerusform>
            <numerusform>%Ln minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hours ago</source>
        <translation>
            <numerusform>%Ln hour ago</numerusform>
            <numerusform>%Ln hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>And %Ln earlier stretches.</source>
        <translation>
            <numerusform>And %Ln earlier stretch.</numerusform>
            <numerusform>And %Ln earlier stretches.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln events</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Translations</name>
    <message>
        <source>There is no translation for “%1”; the languages are %2. Showing English.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
