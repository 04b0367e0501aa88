<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Account</name>
    <message numerus="yes">
        <source>Last synced at %1: %n new play(s)</source>
        <translation>
            <numerusform>Zuletzt synchronisiert um %1: %n neue Wiedergabe</numerusform>
            <numerusform>Zuletzt synchronisiert um %1: %n neue Wiedergaben</numerusform>
        </translation>
    </message>
    <message>
        <source>Set up your Spotify app in Settings to sign in.</source>
        <translation>Richte in den Einstellungen deine Spotify-App ein, um dich anzumelden.</translation>
    </message>
    <message>
        <source>Not signed in to Spotify.</source>
        <translation>Nicht bei Spotify angemeldet.</translation>
    </message>
    <message>
        <source>Signing in with your saved sign-in…</source>
        <translation>Anmeldung mit deiner gespeicherten Anmeldung…</translation>
    </message>
    <message>
        <source>Finish signing in in your browser.</source>
        <translation>Schließe die Anmeldung in deinem Browser ab.</translation>
    </message>
    <message>
        <source>Open the address below in your browser to sign in.</source>
        <translation>Öffne die Adresse unten in deinem Browser, um dich anzumelden.</translation>
    </message>
    <message>
        <source>Signed in to Spotify.</source>
        <translation>Bei Spotify angemeldet.</translation>
    </message>
    <message>
        <source>Please sign in again.</source>
        <translation>Bitte melde dich erneut an.</translation>
    </message>
    <message>
        <source>Syncing %1 (%2 of %3)…</source>
        <translation>Synchronisiere %1 (%2 von %3)…</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Nothing to show for this period.</source>
        <translation>Für diesen Zeitraum gibt es nichts anzuzeigen.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, %2 values; use the arrow keys to read them</source>
        <translation>%1, %2 Werte; lies sie mit den Pfeiltasten</translation>
    </message>
    <message>
        <source>Use the arrow keys to read each value.</source>
        <translation>Lies jeden Wert mit den Pfeiltasten.</translation>
    </message>
</context>
<context>
    <name>CacheStatus</name>
    <message>
        <source>Opening the local cache…</source>
        <translation>Lokaler Cache wird geöffnet…</translation>
    </message>
    <message>
        <source>Local cache ready (schema %1)</source>
        <translation>Lokaler Cache bereit (Schema %1)</translation>
    </message>
    <message>
        <source>Local cache rebuilt after damage</source>
        <translation>Lokaler Cache nach Beschädigung neu aufgebaut</translation>
    </message>
    <message>
        <source>Cache made by a newer TuneScout</source>
        <translation>Cache von einer neueren TuneScout-Version</translation>
    </message>
    <message>
        <source>Local cache unavailable</source>
        <translation>Lokaler Cache nicht verfügbar</translation>
    </message>
</context>
<context>
    <name>ClockHeatmap</name>
    <message>
        <source>plays</source>
        <translation>Wiedergaben</translation>
    </message>
    <message>
        <source>Listening clock: %1</source>
        <translation>Höruhr: %1</translation>
    </message>
    <message>
        <source>Listening clock by weekday and hour; use the arrow keys to read each hour</source>
        <translation>Höruhr nach Wochentag und Stunde; lies jede Stunde mit den Pfeiltasten</translation>
    </message>
    <message>
        <source>%1:00</source>
        <translation>%1:00</translation>
    </message>
    <message>
        <source>%1 %2:00–%3:00: %4 %5</source>
        <translation>%1 %2:00–%3:00: %4 %5</translation>
    </message>
    <message>
        <source>Point at an hour, or use the arrow keys, to read it.</source>
        <translation>Zeig auf eine Stunde oder nutze die Pfeiltasten, um sie zu lesen.</translation>
    </message>
</context>
<context>
    <name>ConcertRow</name>
    <message>
        <source>%1 on %2 at %3</source>
        <translation>%1 am %2 in %3</translation>
    </message>
    <message>
        <source>%1 (support)</source>
        <translation>%1 (Vorband)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Open the tickets for %1 on %2 in the browser</source>
        <translation>Tickets für %1 am %2 im Browser öffnen</translation>
    </message>
    <message>
        <source>Add to calendar</source>
        <translation>Zum Kalender hinzufügen</translation>
    </message>
    <message>
        <source>Save %1 on %2 as a calendar file</source>
        <translation>%1 am %2 als Kalenderdatei speichern</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>Concerts</name>
    <message>
        <source>The radius</source>
        <translation>Der Radius</translation>
    </message>
    <message>
        <source>Could not write %1: check that the folder exists and is writable.</source>
        <translation>%1 konnte nicht geschrieben werden: prüfe, ob der Ordner existiert und beschreibbar ist.</translation>
    </message>
    <message>
        <source>That show is no longer listed: refresh and try again.</source>
        <translation>Dieses Konzert ist nicht mehr aufgeführt: aktualisiere und versuch es erneut.</translation>
    </message>
    <message>
        <source>Choose a file to save the calendar entry to.</source>
        <translation>Wähle eine Datei, in der der Kalendereintrag gespeichert wird.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Saved %1 on %2 to %3: open it with your calendar.</source>
        <translation>%1 am %2 in %3 gespeichert: öffne die Datei mit deinem Kalender.</translation>
    </message>
    <message>
        <source>You follow %1</source>
        <translation>Du folgst %1</translation>
    </message>
    <message>
        <source>In your top artists (#%1)</source>
        <translation>In deinen Top-Künstlern (#%1)</translation>
    </message>
    <message numerus="yes">
        <source>You played %1 %Ln times</source>
        <translation>
            <numerusform>Du hast %1 %Ln-mal gehört</numerusform>
            <numerusform>Du hast %1 %Ln-mal gehört</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message numerus="yes">
        <source>Listed %n hour(s) ago: the provider could not be asked now</source>
        <translation>
            <numerusform>Vor %n Stunde aufgeführt: der Anbieter konnte gerade nicht gefragt werden</numerusform>
            <numerusform>Vor %n Stunden aufgeführt: der Anbieter konnte gerade nicht gefragt werden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Listed %n day(s) ago: the provider could not be asked now</source>
        <translation>
            <numerusform>Vor %n Tag aufgeführt: der Anbieter konnte gerade nicht gefragt werden</numerusform>
            <numerusform>Vor %n Tagen aufgeführt: der Anbieter konnte gerade nicht gefragt werden</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 Showing what %2 listed before.</source>
        <translation>%1 Angezeigt wird, was %2 zuvor aufgeführt hat.</translation>
    </message>
    <message>
        <source>HH:mm</source>
        <comment>time format: hour and minute</comment>
        <translation>HH:mm</translation>
    </message>
    <message numerus="yes">
        <source>%1 and you play %2</source>
        <comment>names of household members; the artist</comment>
        <translation>
            <numerusform>%1 und du hört beide %2</numerusform>
            <numerusform>%1 und du hört alle %2</numerusform>
        </translation>
    </message>
    <message>
        <source>You play %1</source>
        <translation>Du hörst %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 plays %2</source>
        <comment>names of household members; the artist</comment>
        <translation>
            <numerusform>%1 hört %2</numerusform>
            <numerusform>%1 hören %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 follows %2</source>
        <comment>names of household members; the artist</comment>
        <translation>
            <numerusform>%1 folgt %2</numerusform>
            <numerusform>%1 folgen %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>vor %n Stunde</numerusform>
            <numerusform>vor %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 Showing what the household hub listed %2.</source>
        <translation>%1 Angezeigt wird, was der Haushalts-Hub %2 aufgeführt hat.</translation>
    </message>
</context>
<context>
    <name>ConcertsPage</name>
    <message>
        <source>Concerts</source>
        <translation>Konzerte</translation>
    </message>
    <message>
        <source>Save the show as a calendar file</source>
        <translation>Konzert als Kalenderdatei speichern</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>Kalenderdateien (*.ics)</translation>
    </message>
    <message>
        <source>Upcoming shows of your artists within %1 km of %2.</source>
        <translation>Kommende Konzerte deiner Künstler im Umkreis von %1 km um %2.</translation>
    </message>
    <message>
        <source>Upcoming shows of your artists near you.</source>
        <translation>Kommende Konzerte deiner Künstler in deiner Nähe.</translation>
    </message>
    <message>
        <source>Looking for concerts</source>
        <translation>Suche nach Konzerten</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Look for concerts again</source>
        <translation>Erneut nach Konzerten suchen</translation>
    </message>
    <message>
        <source>Choose where to look</source>
        <translation>Wähle, wo gesucht wird</translation>
    </message>
    <message>
        <source>Add a concert provider key</source>
        <translation>Füge einen Schlüssel für einen Konzertanbieter hinzu</translation>
    </message>
    <message>
        <source>Import your history or sync first</source>
        <translation>Importiere zuerst deinen Verlauf oder synchronisiere</translation>
    </message>
    <message>
        <source>Concerts could not be looked up</source>
        <translation>Konzerte konnten nicht gesucht werden</translation>
    </message>
    <message>
        <source>No upcoming shows nearby</source>
        <translation>Keine kommenden Konzerte in der Nähe</translation>
    </message>
    <message>
        <source>Looking for concerts…</source>
        <translation>Suche nach Konzerten…</translation>
    </message>
    <message>
        <source>TuneScout does not know where you are. Set a city or coordinates and a radius under Concerts on the Settings page.</source>
        <translation>TuneScout weiß nicht, wo du bist. Lege auf der Seite Einstellungen unter Konzerte eine Stadt oder Koordinaten und einen Radius fest.</translation>
    </message>
    <message>
        <source>Shows are listed by Ticketmaster (and SeatGeek in North America). Get a free Ticketmaster API key and set TUNESCOUT_TICKETMASTER_KEY or concerts/ticketmaster_key in %1, then start TuneScout again; the &quot;Concerts&quot; section of README.md says how.</source>
        <translation>Konzerte kommen von Ticketmaster (und SeatGeek in Nordamerika). Hol dir einen kostenlosen Ticketmaster-API-Schlüssel, setze TUNESCOUT_TICKETMASTER_KEY oder concerts/ticketmaster_key in %1 und starte TuneScout neu; wie das geht, steht im Abschnitt „Concerts“ der README.md.</translation>
    </message>
    <message>
        <source>Concerts are looked up for the artists you follow, your top artists and the ones you play most, and none are known yet. Sign in with Spotify on the Home page and sync, or import your history.</source>
        <translation>Konzerte werden für die Künstler gesucht, denen du folgst, deine Top-Künstler und die, die du am meisten hörst, und noch ist keiner bekannt. Melde dich auf der Startseite bei Spotify an und synchronisiere, oder importiere deinen Verlauf.</translation>
    </message>
    <message>
        <source>None of your artists plays within %1 km of %2. A larger radius in Settings finds more.</source>
        <translation>Keiner deiner Künstler spielt im Umkreis von %1 km um %2. Mit einem größeren Radius in den Einstellungen findest du mehr.</translation>
    </message>
    <message>
        <source>Asking the providers about each of your artists; answers are kept for a day.</source>
        <translation>Die Anbieter werden zu jedem deiner Künstler gefragt; die Antworten werden einen Tag lang aufbewahrt.</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
    <message>
        <source>Open the Settings page to set where to look for concerts</source>
        <translation>Seite Einstellungen öffnen, um festzulegen, wo nach Konzerten gesucht wird</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Filter by artist</source>
        <translation>Nach Künstler filtern</translation>
    </message>
    <message>
        <source>Show only artists whose name contains</source>
        <translation>Nur Künstler zeigen, deren Name dies enthält</translation>
    </message>
    <message>
        <source>Within %1 km</source>
        <translation>Im Umkreis von %1 km</translation>
    </message>
    <message>
        <source>Any distance</source>
        <translation>Beliebige Entfernung</translation>
    </message>
    <message>
        <source>Show only concerts within this distance, in kilometres; 0 for any</source>
        <translation>Nur Konzerte innerhalb dieser Entfernung in Kilometern zeigen; 0 für beliebig</translation>
    </message>
    <message>
        <source>Upcoming shows</source>
        <translation>Kommende Konzerte</translation>
    </message>
    <message>
        <source>No show matches the filter.</source>
        <translation>Kein Konzert passt zum Filter.</translation>
    </message>
    <message>
        <source>Upcoming shows of your household&apos;s artists within %1 km of %2, from the household hub.</source>
        <translation>Kommende Konzerte der Künstler deines Haushalts im Umkreis von %1 km um %2, vom Haushalts-Hub.</translation>
    </message>
    <message>
        <source>Upcoming shows of your household&apos;s artists, from the household hub.</source>
        <translation>Kommende Konzerte der Künstler deines Haushalts, vom Haushalts-Hub.</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>1 play</source>
        <translation>1 Wiedergabe</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>Artist</source>
        <translation>Künstler</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>Album</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Week of %1</source>
        <translation>Woche vom %1</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>You listen most on %1s from %2:00 to %3:00.</source>
        <translation>Am meisten hörst du an %1en von %2:00 bis %3:00 Uhr.</translation>
    </message>
    <message>
        <source>1 new artist</source>
        <translation>1 neuer Künstler</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>%1s</source>
        <translation>%1er</translation>
    </message>
    <message>
        <source>No genre tags are loaded yet. They come from MusicBrainz when the optional tag lookup has run; until then this chart stays empty.</source>
        <translation>Es sind noch keine Genre-Tags geladen. Sie kommen von MusicBrainz, sobald die optionale Tag-Suche gelaufen ist; bis dahin bleibt dieses Diagramm leer.</translation>
    </message>
    <message>
        <source>Tags are known for %1 of the plays in this period.</source>
        <translation>Für %1 der Wiedergaben in diesem Zeitraum sind Tags bekannt.</translation>
    </message>
    <message>
        <source>The listening history could not be read: %1</source>
        <translation>Der Hörverlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Spotify&apos;s lists could not be read: %1</source>
        <translation>Die Listen von Spotify konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Spotify&apos;s own lists appear here after a sync while signed in.</source>
        <translation>Die eigenen Listen von Spotify erscheinen hier nach einer Synchronisierung, während du angemeldet bist.</translation>
    </message>
    <message>
        <source>Spotify&apos;s list of %1.</source>
        <translation>Spotifys Liste vom %1.</translation>
    </message>
    <message>
        <source>Spotify&apos;s list of %1; changes since %2 (%3 snapshots kept).</source>
        <translation>Spotifys Liste vom %1; Änderungen seit %2 (%3 Stände gespeichert).</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>▲ %1</source>
        <translation>▲ %1</translation>
    </message>
    <message>
        <source>▼ %1</source>
        <translation>▼ %1</translation>
    </message>
    <message>
        <source>on the list once</source>
        <translation>einmal auf der Liste</translation>
    </message>
    <message>
        <source>Unknown period “%1”: use 4w, 6m, 1y or all.</source>
        <translation>Unbekannter Zeitraum „%1“: nutze 4w, 6m, 1y oder all.</translation>
    </message>
    <message>
        <source>“%1” is not a date: write the first day as YYYY-MM-DD, e.g. 2024-03-01.</source>
        <translation>„%1“ ist kein Datum: schreib den ersten Tag als JJJJ-MM-TT, z. B. 2024-03-01.</translation>
    </message>
    <message>
        <source>“%1” is not a date: write the last day as YYYY-MM-DD, e.g. 2024-03-31.</source>
        <translation>„%1“ ist kein Datum: schreib den letzten Tag als JJJJ-MM-TT, z. B. 2024-03-31.</translation>
    </message>
    <message>
        <source>The first day (%1) is after the last day (%2).</source>
        <translation>Der erste Tag (%1) liegt nach dem letzten Tag (%2).</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamte Zeit</translation>
    </message>
    <message>
        <source>Until %1</source>
        <translation>Bis %1</translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation>Seit %1</translation>
    </message>
    <message>
        <source>Choose a file on this computer to export to (not “%1”).</source>
        <translation>Wähle eine Datei auf diesem Computer für den Export (nicht „%1“).</translation>
    </message>
    <message>
        <source>Unknown export format “%1”: use csv or json.</source>
        <translation>Unbekanntes Exportformat „%1“: nutze csv oder json.</translation>
    </message>
    <message>
        <source>The listening history is not loaded yet.</source>
        <translation>Der Hörverlauf ist noch nicht geladen.</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Exportiere nach %1…</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Top lists saved to %1.</source>
        <translation>Toplisten in %1 gespeichert.</translation>
    </message>
    <message>
        <source>%1 saved to %2.</source>
        <translation>%1 in %2 gespeichert.</translation>
    </message>
    <message>
        <source>Choose a file on this computer for the image (not “%1”).</source>
        <translation>Wähle eine Datei auf diesem Computer für das Bild (nicht „%1“).</translation>
    </message>
    <message>
        <source>The share image could not be drawn.</source>
        <translation>Das Bild zum Teilen konnte nicht gezeichnet werden.</translation>
    </message>
    <message>
        <source>Share image saved to %1.</source>
        <translation>Bild zum Teilen in %1 gespeichert.</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <comment>date format: day</comment>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <source>d MMM yyyy, HH:mm</source>
        <comment>date format: day and time</comment>
        <translation>d. MMM yyyy, HH:mm</translation>
    </message>
    <message numerus="yes">
        <source>%Ln plays</source>
        <translation>
            <numerusform>%Ln Wiedergabe</numerusform>
            <numerusform>%Ln Wiedergaben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln days</source>
        <translation>
            <numerusform>%Ln Tag</numerusform>
            <numerusform>%Ln Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new artists</source>
        <translation>
            <numerusform>%Ln neuer Künstler</numerusform>
            <numerusform>%Ln neue Künstler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>on the list %Ln times</source>
        <translation>
            <numerusform>%Ln-mal auf der Liste</numerusform>
            <numerusform>%Ln-mal auf der Liste</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardClock</name>
    <message>
        <source>Listening clock</source>
        <translation>Höruhr</translation>
    </message>
    <message>
        <source>When you listen</source>
        <translation>Wann du hörst</translation>
    </message>
    <message>
        <source>plays</source>
        <translation>Wiedergaben</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>Nothing was played in this period.</source>
        <translation>In diesem Zeitraum wurde nichts gehört.</translation>
    </message>
    <message>
        <source>Hours are in this computer&apos;s time zone; a play counts at the moment it ended.</source>
        <translation>Die Stunden gelten in der Zeitzone dieses Computers; eine Wiedergabe zählt zu dem Zeitpunkt, an dem sie endete.</translation>
    </message>
</context>
<context>
    <name>DashboardDetail</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Not in your history</source>
        <translation>Nicht in deinem Hörverlauf</translation>
    </message>
    <message>
        <source>Plays</source>
        <translation>Wiedergaben</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>First listen</source>
        <translation>Zum ersten Mal gehört</translation>
    </message>
    <message>
        <source>Last listen</source>
        <translation>Zuletzt gehört</translation>
    </message>
    <message>
        <source>Plays per month</source>
        <translation>Wiedergaben pro Monat</translation>
    </message>
    <message>
        <source>Not played in this period.</source>
        <translation>In diesem Zeitraum nicht gehört.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the detail view</source>
        <translation>Detailansicht schließen</translation>
    </message>
</context>
<context>
    <name>DashboardDiscovery</name>
    <message>
        <source>Discovery</source>
        <translation>Entdeckungen</translation>
    </message>
    <message>
        <source>New artists per month</source>
        <translation>Neue Künstler pro Monat</translation>
    </message>
    <message>
        <source>No artist was heard for the first time in this period.</source>
        <translation>In diesem Zeitraum hast du keinen Künstler zum ersten Mal gehört.</translation>
    </message>
    <message>
        <source>First listens</source>
        <translation>Zum ersten Mal gehört</translation>
    </message>
    <message>
        <source>One artist heard for the first time in this period.</source>
        <translation>Ein Künstler in diesem Zeitraum zum ersten Mal gehört.</translation>
    </message>
    <message>
        <source>No new artists in this period.</source>
        <translation>Keine neuen Künstler in diesem Zeitraum.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln artists heard for the first time in this period; the latest first.</source>
        <translation>
            <numerusform>%Ln Künstler in diesem Zeitraum zum ersten Mal gehört; die neuesten zuerst.</numerusform>
            <numerusform>%Ln Künstler in diesem Zeitraum zum ersten Mal gehört; die neuesten zuerst.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardEmptyState</name>
    <message>
        <source>The history could not be read</source>
        <translation>Der Hörverlauf konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>No listening history yet</source>
        <translation>Noch kein Hörverlauf</translation>
    </message>
    <message>
        <source>Reading your listening history…</source>
        <translation>Dein Hörverlauf wird gelesen…</translation>
    </message>
    <message>
        <source>Reading your listening history</source>
        <translation>Dein Hörverlauf wird gelesen</translation>
    </message>
    <message>
        <source>Dashboards are made from the plays kept on this computer, and there are none yet. Sign in with Spotify on the Home page: TuneScout then syncs what you play from now on (Spotify only shares the last 50 plays). For your whole history, request your Extended streaming history in Spotify&apos;s privacy settings and import it.</source>
        <translation>Dashboards entstehen aus den Wiedergaben, die auf diesem Computer gespeichert sind, und davon gibt es noch keine. Melde dich auf der Startseite bei Spotify an: TuneScout synchronisiert dann, was du ab jetzt hörst (Spotify gibt nur die letzten 50 Wiedergaben heraus). Für deinen ganzen Hörverlauf fordere in den Datenschutzeinstellungen von Spotify deinen erweiterten Streamingverlauf an und importiere ihn.</translation>
    </message>
    <message>
        <source>This takes a moment for a long history; the rest of TuneScout keeps working meanwhile.</source>
        <translation>Bei einem langen Hörverlauf dauert das einen Moment; der Rest von TuneScout funktioniert währenddessen weiter.</translation>
    </message>
    <message>
        <source>Go to Home to sign in</source>
        <translation>Zur Startseite, um dich anzumelden</translation>
    </message>
    <message>
        <source>Open the Home page to sign in with Spotify</source>
        <translation>Startseite öffnen, um dich bei Spotify anzumelden</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Read the listening history again</source>
        <translation>Hörverlauf erneut lesen</translation>
    </message>
</context>
<context>
    <name>DashboardEras</name>
    <message>
        <source>Eras and genres</source>
        <translation>Epochen und Genres</translation>
    </message>
    <message>
        <source>Release decades</source>
        <translation>Jahrzehnte der Veröffentlichung</translation>
    </message>
    <message>
        <source>Genres</source>
        <translation>Genres</translation>
    </message>
    <message>
        <source>No tags for the music of this period.</source>
        <translation>Keine Tags für die Musik dieses Zeitraums.</translation>
    </message>
</context>
<context>
    <name>DashboardOverview</name>
    <message>
        <source>Overview</source>
        <translation>Überblick</translation>
    </message>
    <message>
        <source>Nothing was played in this period. Pick a longer one above.</source>
        <translation>In diesem Zeitraum wurde nichts gehört. Wähle oben einen längeren.</translation>
    </message>
    <message>
        <source>Plays</source>
        <translation>Wiedergaben</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 Stunden</translation>
    </message>
    <message>
        <source>Artists</source>
        <translation>Künstler</translation>
    </message>
    <message>
        <source>Tracks</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Days with music</source>
        <translation>Tage mit Musik</translation>
    </message>
    <message>
        <source>Longest streak</source>
        <translation>Längste Serie</translation>
    </message>
    <message>
        <source>Current streak</source>
        <translation>Aktuelle Serie</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>On shuffle</source>
        <translation>Mit Zufallswiedergabe</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline gehört</translation>
    </message>
    <message>
        <source>Top artists</source>
        <translation>Top-Künstler</translation>
    </message>
    <message>
        <source>Top tracks</source>
        <translation>Top-Titel</translation>
    </message>
    <message>
        <source>Top albums</source>
        <translation>Top-Alben</translation>
    </message>
    <message>
        <source>When you listen</source>
        <translation>Wann du hörst</translation>
    </message>
    <message>
        <source>plays</source>
        <translation>Wiedergaben</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Spotify only says which device played a track in your privacy export; import it to see this.</source>
        <translation>Welches Gerät einen Titel abgespielt hat, verrät Spotify nur im Datenschutz-Export; importiere ihn, um das zu sehen.</translation>
    </message>
</context>
<context>
    <name>DashboardShareCard</name>
    <message>
        <source>My listening</source>
        <translation>Was ich höre</translation>
    </message>
    <message>
        <source>minutes · %1 plays</source>
        <translation>Minuten · %1 Wiedergaben</translation>
    </message>
    <message>
        <source>Top artists</source>
        <translation>Top-Künstler</translation>
    </message>
    <message>
        <source>Top tracks</source>
        <translation>Top-Titel</translation>
    </message>
    <message>
        <source>When I listen</source>
        <translation>Wann ich höre</translation>
    </message>
    <message>
        <source>TuneScout · computed on my own computer</source>
        <translation>TuneScout · berechnet auf meinem eigenen Computer</translation>
    </message>
</context>
<context>
    <name>DashboardTopLists</name>
    <message>
        <source>Top lists</source>
        <translation>Toplisten</translation>
    </message>
    <message>
        <source>Which top list</source>
        <translation>Welche Topliste</translation>
    </message>
    <message>
        <source>Artists</source>
        <translation>Künstler</translation>
    </message>
    <message>
        <source>Tracks</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Albums</source>
        <translation>Alben</translation>
    </message>
    <message>
        <source>Spotify&apos;s lists</source>
        <translation>Spotifys Listen</translation>
    </message>
    <message>
        <source>Top artists</source>
        <translation>Top-Künstler</translation>
    </message>
    <message>
        <source>Top tracks</source>
        <translation>Top-Titel</translation>
    </message>
    <message>
        <source>Top albums</source>
        <translation>Top-Alben</translation>
    </message>
    <message>
        <source>What Spotify thinks</source>
        <translation>Was Spotify meint</translation>
    </message>
    <message>
        <source>Spotify list of</source>
        <translation>Spotify-Liste für</translation>
    </message>
    <message>
        <source>About 4 weeks</source>
        <translation>Etwa 4 Wochen</translation>
    </message>
    <message>
        <source>About 6 months</source>
        <translation>Etwa 6 Monate</translation>
    </message>
    <message>
        <source>About a year</source>
        <translation>Etwa ein Jahr</translation>
    </message>
    <message>
        <source>Spotify&apos;s period</source>
        <translation>Spotifys Zeitraum</translation>
    </message>
    <message>
        <source>Rank over time of the top %1</source>
        <translation>Platzierung der Top %1 im Zeitverlauf</translation>
    </message>
    <message>
        <source>No list for this period yet.</source>
        <translation>Für diesen Zeitraum gibt es noch keine Liste.</translation>
    </message>
</context>
<context>
    <name>DashboardTrends</name>
    <message>
        <source>Trends</source>
        <translation>Trends</translation>
    </message>
    <message>
        <source>Plays over time</source>
        <translation>Wiedergaben im Zeitverlauf</translation>
    </message>
    <message>
        <source>Minutes over time</source>
        <translation>Minuten im Zeitverlauf</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Pro Tag</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>Pro Woche</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>Pro Monat</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>Gruppieren nach</translation>
    </message>
</context>
<context>
    <name>DashboardsPage</name>
    <message>
        <source>Dashboards</source>
        <translation>Dashboards</translation>
    </message>
    <message>
        <source>Your listening in numbers, from the history kept on this computer.</source>
        <translation>Dein Hörverhalten in Zahlen, aus dem Hörverlauf auf diesem Computer.</translation>
    </message>
    <message>
        <source>Last 4 weeks</source>
        <translation>Letzte 4 Wochen</translation>
    </message>
    <message>
        <source>Last 6 months</source>
        <translation>Letzte 6 Monate</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>Letztes Jahr</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamte Zeit</translation>
    </message>
    <message>
        <source>Custom dates…</source>
        <translation>Eigene Daten…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>From YYYY-MM-DD</source>
        <translation>Von JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>First day of the period (YYYY-MM-DD)</source>
        <translation>Erster Tag des Zeitraums (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <source>To YYYY-MM-DD</source>
        <translation>Bis JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>Last day of the period (YYYY-MM-DD)</source>
        <translation>Letzter Tag des Zeitraums (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Apply the custom period</source>
        <translation>Eigenen Zeitraum anwenden</translation>
    </message>
    <message>
        <source>Plays</source>
        <translation>Wiedergaben</translation>
    </message>
    <message>
        <source>Count plays</source>
        <translation>Wiedergaben zählen</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>Count minutes</source>
        <translation>Minuten zählen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Export plays or top lists to a file</source>
        <translation>Wiedergaben oder Toplisten in eine Datei exportieren</translation>
    </message>
    <message>
        <source>Plays of this period as CSV…</source>
        <translation>Wiedergaben dieses Zeitraums als CSV…</translation>
    </message>
    <message>
        <source>Plays of this period as JSON…</source>
        <translation>Wiedergaben dieses Zeitraums als JSON…</translation>
    </message>
    <message>
        <source>Top lists of this period as CSV…</source>
        <translation>Toplisten dieses Zeitraums als CSV…</translation>
    </message>
    <message>
        <source>Top lists of this period as JSON…</source>
        <translation>Toplisten dieses Zeitraums als JSON…</translation>
    </message>
    <message>
        <source>Share image…</source>
        <translation>Bild zum Teilen…</translation>
    </message>
    <message>
        <source>Save a picture of this period as PNG</source>
        <translation>Ein Bild dieses Zeitraums als PNG speichern</translation>
    </message>
    <message>
        <source>Computing</source>
        <translation>Wird berechnet</translation>
    </message>
    <message>
        <source>Dashboard sections</source>
        <translation>Dashboard-Bereiche</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Überblick</translation>
    </message>
    <message>
        <source>Top lists</source>
        <translation>Toplisten</translation>
    </message>
    <message>
        <source>Listening clock</source>
        <translation>Höruhr</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>Trends</translation>
    </message>
    <message>
        <source>Discovery</source>
        <translation>Entdeckungen</translation>
    </message>
    <message>
        <source>Eras and genres</source>
        <translation>Epochen und Genres</translation>
    </message>
    <message>
        <source>Export plays</source>
        <translation>Wiedergaben exportieren</translation>
    </message>
    <message>
        <source>Export top lists</source>
        <translation>Toplisten exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Save the share image</source>
        <translation>Bild zum Teilen speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
</context>
<context>
    <name>DeviceList</name>
    <message>
        <source>Spotify lists no devices. Open Spotify on a phone, computer or speaker, then look again.</source>
        <translation>Spotify listet keine Geräte. Öffne Spotify auf einem Handy, Computer oder Lautsprecher und sieh dann noch einmal nach.</translation>
    </message>
    <message>
        <source>%1 · playing here</source>
        <translation>%1 · spielt hier</translation>
    </message>
    <message>
        <source>Play here</source>
        <translation>Hier abspielen</translation>
    </message>
    <message>
        <source>Play on %1</source>
        <translation>Auf %1 abspielen</translation>
    </message>
    <message>
        <source>%1, %2, playing here</source>
        <translation>%1, %2, spielt hier</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>DevicePicker</name>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>No Spotify device is active</source>
        <translation>Kein Spotify-Gerät ist aktiv</translation>
    </message>
    <message>
        <source>Play on</source>
        <translation>Abspielen auf</translation>
    </message>
    <message>
        <source>Choose one of your devices to play on. If yours is missing, open Spotify on it first.</source>
        <translation>Wähle eines deiner Geräte für die Wiedergabe. Fehlt deins, öffne zuerst Spotify darauf.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the device list</source>
        <translation>Geräteliste schließen</translation>
    </message>
</context>
<context>
    <name>Discover</name>
    <message>
        <source>Because you play %1</source>
        <translation>Weil du %1 hörst</translation>
    </message>
    <message>
        <source>Fits what you play</source>
        <translation>Passt zu dem, was du hörst</translation>
    </message>
    <message>
        <source>Listeners of %1 also play this</source>
        <translation>Wer %1 hört, hört auch das</translation>
    </message>
    <message>
        <source>Listeners like you play this</source>
        <translation>Hörer wie du hören das</translation>
    </message>
    <message>
        <source>Similar tags to %1</source>
        <translation>Ähnliche Tags wie %1</translation>
    </message>
    <message>
        <source>Tags you like</source>
        <translation>Tags, die du magst</translation>
    </message>
    <message>
        <source>Often played in a session with %1</source>
        <translation>Oft in einer Session mit %1 gehört</translation>
    </message>
    <message>
        <source>Often played in your sessions</source>
        <translation>Oft in deinen Sessions gehört</translation>
    </message>
    <message>
        <source>This list is empty: there is nothing to save.</source>
        <translation>Diese Liste ist leer: es gibt nichts zu speichern.</translation>
    </message>
    <message>
        <source>Sign in with Spotify on the Home page to save a list as a playlist.</source>
        <translation>Melde dich auf der Startseite bei Spotify an, um eine Liste als Playlist zu speichern.</translation>
    </message>
    <message>
        <source>For you now</source>
        <translation>Für dich jetzt</translation>
    </message>
    <message>
        <source>Rediscover</source>
        <translation>Wiederentdecken</translation>
    </message>
    <message>
        <source>Deeper cuts of your top artists</source>
        <translation>Weniger Bekanntes deiner Top-Künstler</translation>
    </message>
    <message>
        <source>TuneScout — %1</source>
        <translation>TuneScout — %1</translation>
    </message>
    <message>
        <source>Recommended by TuneScout from your own listening.</source>
        <translation>Von TuneScout aus deinem eigenen Hörverhalten empfohlen.</translation>
    </message>
    <message>
        <source>Spotify did not save the playlist: %1</source>
        <translation>Spotify hat die Playlist nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Liked “%1” here, but Spotify did not save it: %2</source>
        <translation>„%1“ gefällt dir hier, aber Spotify hat es nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>Unliked “%1” here, but Spotify did not remove it: %2</source>
        <translation>„%1“ gefällt dir hier nicht mehr, aber Spotify hat es nicht entfernt: %2</translation>
    </message>
    <message>
        <source>Could not save that: %1</source>
        <translation>Das konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Liked “%1”.</source>
        <translation>„%1“ gefällt dir.</translation>
    </message>
    <message>
        <source>No longer liked: “%1”.</source>
        <translation>„%1“ gefällt dir nicht mehr.</translation>
    </message>
    <message>
        <source>“%1” will not be recommended again.</source>
        <translation>„%1“ wird nicht mehr empfohlen.</translation>
    </message>
    <message>
        <source>Nothing by %1 will be recommended again.</source>
        <translation>Nichts von %1 wird mehr empfohlen.</translation>
    </message>
    <message>
        <source>“%1” is left out for a week.</source>
        <translation>„%1“ wird eine Woche lang ausgelassen.</translation>
    </message>
    <message numerus="yes">
        <source>Saved “%1” to Spotify with %Ln tracks.</source>
        <translation>
            <numerusform>„%1“ mit %Ln Titel bei Spotify gespeichert.</numerusform>
            <numerusform>„%1“ mit %Ln Titeln bei Spotify gespeichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You played it %Ln times, last in %1</source>
        <translation>
            <numerusform>Du hast es %Ln Mal gehört, zuletzt im %1</numerusform>
            <numerusform>Du hast es %Ln Mal gehört, zuletzt im %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A deeper cut from %1, one of your top artists (%Ln plays)</source>
        <translation>
            <numerusform>Weniger bekannt, von deinem Top-Künstler %1 (%Ln Wiedergabe)</numerusform>
            <numerusform>Weniger bekannt, von deinem Top-Künstler %1 (%Ln Wiedergaben)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You played it to the end %Ln times lately</source>
        <translation>
            <numerusform>Du hast ihn zuletzt %Ln-mal bis zum Ende gehört</numerusform>
            <numerusform>Du hast ihn zuletzt %Ln-mal bis zum Ende gehört</numerusform>
        </translation>
    </message>
    <message>
        <source>Liked “%1” here; it goes to your Spotify library once Spotify can be reached.</source>
        <translation>„%1“ hier als Like gespeichert; es kommt in deine Spotify-Bibliothek, sobald Spotify erreichbar ist.</translation>
    </message>
    <message>
        <source>Unliked “%1” here; it leaves your Spotify library once Spotify can be reached.</source>
        <translation>Like für „%1“ hier entfernt; es verlässt deine Spotify-Bibliothek, sobald Spotify erreichbar ist.</translation>
    </message>
    <message>
        <source>Fits what your household plays</source>
        <translation>Passt zu dem, was dein Haushalt hört</translation>
    </message>
    <message>
        <source>%1 plays this</source>
        <translation>%1 hört das</translation>
    </message>
    <message>
        <source>%1 and %2 play this</source>
        <translation>%1 und %2 hören das</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2 and %Ln more in your household play this</source>
        <translation>
            <numerusform>%1, %2 und %Ln weitere Person im Haushalt hören das</numerusform>
            <numerusform>%1, %2 und %Ln weitere Personen im Haushalt hören das</numerusform>
        </translation>
    </message>
    <message>
        <source>Household picks</source>
        <translation>Tipps aus dem Haushalt</translation>
    </message>
    <message>
        <source>Pair this computer with your household hub in Settings to see what your household plays.</source>
        <translation>Verbinde diesen Computer unter Einstellungen mit dem Hub deines Haushalts, um zu sehen, was dein Haushalt hört.</translation>
    </message>
    <message>
        <source>Household picks could not be computed: %1</source>
        <translation>Die Tipps aus dem Haushalt konnten nicht berechnet werden: %1</translation>
    </message>
    <message>
        <source>Your household hub has not trained a model yet; picks appear after its next training.</source>
        <translation>Der Hub deines Haushalts hat noch kein Modell trainiert; Tipps erscheinen nach seinem nächsten Training.</translation>
    </message>
    <message>
        <source>The household model does not know your plays yet; they count from the hub&apos;s next training.</source>
        <translation>Das Modell des Haushalts kennt deine Wiedergaben noch nicht; sie zählen ab dem nächsten Training des Hubs.</translation>
    </message>
    <message>
        <source>Nothing new from your household right now.</source>
        <translation>Gerade nichts Neues aus deinem Haushalt.</translation>
    </message>
</context>
<context>
    <name>DiscoverItemRow</name>
    <message>
        <source>%1 by %2. %3</source>
        <translation>%1 von %2. %3</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Liked</source>
        <translation>Gefällt dir</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>Gefällt mir</translation>
    </message>
    <message>
        <source>Unlike %1</source>
        <translation>%1 gefällt mir nicht mehr</translation>
    </message>
    <message>
        <source>Like %1</source>
        <translation>%1 gefällt mir</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <source>Leave %1 out for a week</source>
        <translation>%1 eine Woche lang auslassen</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Never recommend %1 again</source>
        <translation>%1 nie wieder empfehlen</translation>
    </message>
    <message>
        <source>Hide artist</source>
        <translation>Künstler ausblenden</translation>
    </message>
    <message>
        <source>Never recommend anything by %1 again</source>
        <translation>Nie wieder etwas von %1 empfehlen</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
</context>
<context>
    <name>DiscoverPage</name>
    <message>
        <source>Discover</source>
        <translation>Entdecken</translation>
    </message>
    <message>
        <source>Recommendations computed on this computer from your own listening.</source>
        <translation>Empfehlungen, auf diesem Computer aus deinem eigenen Hörverhalten berechnet.</translation>
    </message>
    <message>
        <source>Updating the recommendations</source>
        <translation>Empfehlungen werden aktualisiert</translation>
    </message>
    <message>
        <source>Recommendations could not be computed</source>
        <translation>Die Empfehlungen konnten nicht berechnet werden</translation>
    </message>
    <message>
        <source>Import your history or sync first</source>
        <translation>Importiere zuerst deinen Hörverlauf oder synchronisiere</translation>
    </message>
    <message>
        <source>Learning from your history…</source>
        <translation>Lerne aus deinem Hörverlauf…</translation>
    </message>
    <message>
        <source>Learning from your history</source>
        <translation>Lerne aus deinem Hörverlauf</translation>
    </message>
    <message>
        <source>Recommendations are learnt from the plays, playlists and saved tracks kept on this computer, and there are none yet. Import your Extended streaming history from Spotify&apos;s privacy export, or sign in with Spotify on the Home page and sync.</source>
        <translation>Empfehlungen werden aus den Wiedergaben, Playlists und gespeicherten Titeln auf diesem Computer gelernt, und davon gibt es noch keine. Importiere deinen erweiterten Streamingverlauf aus dem Datenschutz-Export von Spotify oder melde dich auf der Startseite bei Spotify an und synchronisiere.</translation>
    </message>
    <message>
        <source>The first time takes a few seconds on a long history; the rest of TuneScout keeps working meanwhile.</source>
        <translation>Beim ersten Mal dauert das bei einem langen Hörverlauf ein paar Sekunden; der Rest von TuneScout funktioniert währenddessen weiter.</translation>
    </message>
    <message>
        <source>Import your history</source>
        <translation>Hörverlauf importieren</translation>
    </message>
    <message>
        <source>Open the Import page to import Spotify&apos;s privacy export</source>
        <translation>Import-Seite öffnen, um den Datenschutz-Export von Spotify zu importieren</translation>
    </message>
    <message>
        <source>Go to Home to sign in</source>
        <translation>Zur Startseite, um dich anzumelden</translation>
    </message>
    <message>
        <source>Open the Home page to sign in with Spotify and sync</source>
        <translation>Startseite öffnen, um dich bei Spotify anzumelden und zu synchronisieren</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Compute the recommendations again</source>
        <translation>Empfehlungen neu berechnen</translation>
    </message>
    <message>
        <source>For you now</source>
        <translation>Für dich jetzt</translation>
    </message>
    <message>
        <source>Nothing new fits your recent listening yet.</source>
        <translation>Noch passt nichts Neues zu dem, was du zuletzt gehört hast.</translation>
    </message>
    <message>
        <source>Rediscover</source>
        <translation>Wiederentdecken</translation>
    </message>
    <message>
        <source>No forgotten favourites: you still play everything you loved.</source>
        <translation>Keine vergessenen Lieblinge: du hörst noch alles, was du geliebt hast.</translation>
    </message>
    <message>
        <source>Deeper cuts of your top artists</source>
        <translation>Weniger Bekanntes deiner Top-Künstler</translation>
    </message>
    <message>
        <source>No deeper cuts of your top artists are known yet.</source>
        <translation>Von deinen Top-Künstlern ist noch nichts weniger Bekanntes bekannt.</translation>
    </message>
    <message>
        <source>Household picks</source>
        <translation>Tipps aus dem Haushalt</translation>
    </message>
    <message>
        <source>Nothing new from your household right now.</source>
        <translation>Gerade nichts Neues aus deinem Haushalt.</translation>
    </message>
</context>
<context>
    <name>DiscoverSection</name>
    <message>
        <source>Nothing to recommend here yet.</source>
        <translation>Hier gibt es noch nichts zu empfehlen.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Save as playlist</source>
        <translation>Als Playlist speichern</translation>
    </message>
    <message>
        <source>Save %1 as a new Spotify playlist</source>
        <translation>%1 als neue Spotify-Playlist speichern</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play %1 on your Spotify device</source>
        <translation>%1 auf deinem Spotify-Gerät abspielen</translation>
    </message>
</context>
<context>
    <name>Enrichment</name>
    <message>
        <source>1 track</source>
        <translation>1 Titel</translation>
    </message>
    <message>
        <source>Genre lookup is off: %1 Fix or unset it and start TuneScout again.</source>
        <translation>Die Genre-Suche ist aus: %1 Korrigiere oder entferne die Einstellung und starte TuneScout neu.</translation>
    </message>
    <message>
        <source>Stopped before a track was looked up.</source>
        <translation>Angehalten, bevor ein Titel nachgeschlagen wurde.</translation>
    </message>
    <message>
        <source>Every track with an ISRC has been looked up; nothing was sent.</source>
        <translation>Jeder Titel mit ISRC wurde schon nachgeschlagen; nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Found genres for %1, %2 not in MusicBrainz.</source>
        <translation>Genres für %1 gefunden, %2 nicht in MusicBrainz.</translation>
    </message>
    <message>
        <source>MusicBrainz&apos;s answer for %1 could not be read; they are asked again after a day.</source>
        <translation>Die Antwort von MusicBrainz für %1 konnte nicht gelesen werden; sie werden nach einem Tag erneut abgefragt.</translation>
    </message>
    <message>
        <source>Stopped: %1 left for the next run.</source>
        <translation>Angehalten: %1 für den nächsten Durchlauf übrig.</translation>
    </message>
    <message>
        <source>%1 left for the next run.</source>
        <translation>%1 für den nächsten Durchlauf übrig.</translation>
    </message>
    <message>
        <source>Finding the tracks to look up…</source>
        <translation>Suche die Titel zum Nachschlagen…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Every track with an ISRC has been looked up.</source>
        <translation>Jeder Titel mit ISRC wurde nachgeschlagen.</translation>
    </message>
    <message>
        <source>%1 with an ISRC not looked up yet.</source>
        <translation>%1 mit ISRC noch nicht nachgeschlagen.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln tracks</source>
        <translation>
            <numerusform>%Ln Titel</numerusform>
            <numerusform>%Ln Titel</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenreLookup</name>
    <message>
        <source>Genres come from MusicBrainz, an open music encyclopedia. Only each track&apos;s ISRC (the code of its recording) is sent — nothing about you or your listening — one request a second. You can stop at any time; the next lookup continues where this one ended.</source>
        <translation>Genres kommen von MusicBrainz, einer offenen Musik-Enzyklopädie. Gesendet wird nur die ISRC jedes Titels (der Code seiner Aufnahme) – nichts über dich oder dein Hörverhalten –, eine Anfrage pro Sekunde. Du kannst jederzeit anhalten; die nächste Suche macht dort weiter, wo diese endete.</translation>
    </message>
    <message>
        <source>Look up genres on MusicBrainz</source>
        <translation>Genres bei MusicBrainz nachschlagen</translation>
    </message>
    <message>
        <source>Looking up genres: %1</source>
        <translation>Genres werden nachgeschlagen: %1</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop looking up genres</source>
        <translation>Genre-Suche anhalten</translation>
    </message>
</context>
<context>
    <name>HistoryImport</name>
    <message>
        <source>%1 of %2 · %3 rows · %4</source>
        <translation>%1 von %2 · %3 Zeilen · %4</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Estimating the time left…</source>
        <translation>Restzeit wird geschätzt…</translation>
    </message>
    <message>
        <source>About a second left</source>
        <translation>Noch etwa eine Sekunde</translation>
    </message>
    <message>
        <source>About a minute left</source>
        <translation>Noch etwa eine Minute</translation>
    </message>
    <message>
        <source>Choose the export&apos;s zip, its folder or its JSON files on this computer.</source>
        <translation>Wähle die ZIP-Datei des Exports, seinen Ordner oder seine JSON-Dateien auf diesem Computer.</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>Imported before: nothing changed</source>
        <translation>Schon früher importiert: nichts geändert</translation>
    </message>
    <message>
        <source>Podcasts, audiobooks or video: counted, not stored</source>
        <translation>Podcasts, Hörbücher oder Videos: gezählt, nicht gespeichert</translation>
    </message>
    <message>
        <source>Not a listening history: ignored</source>
        <translation>Kein Hörverlauf: ignoriert</translation>
    </message>
    <message>
        <source>Cancelled: nothing of this file was stored</source>
        <translation>Abgebrochen: nichts aus dieser Datei wurde gespeichert</translation>
    </message>
    <message>
        <source>1 row</source>
        <translation>1 Zeile</translation>
    </message>
    <message>
        <source>1 play</source>
        <translation>1 Wiedergabe</translation>
    </message>
    <message>
        <source>Import cancelled. %1 added before it stopped are kept.</source>
        <translation>Import abgebrochen. Bereits hinzugefügt und behalten: %1.</translation>
    </message>
    <message>
        <source>%1 added to your history.</source>
        <translation>%1 zu deinem Hörverlauf hinzugefügt.</translation>
    </message>
    <message>
        <source>1 file could not be imported; the others were.</source>
        <translation>1 Datei konnte nicht importiert werden; die anderen wurden importiert.</translation>
    </message>
    <message numerus="yes">
        <source>About %Ln seconds left</source>
        <translation>
            <numerusform>Noch etwa %Ln Sekunde</numerusform>
            <numerusform>Noch etwa %Ln Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>About %Ln minutes left</source>
        <translation>
            <numerusform>Noch etwa %Ln Minute</numerusform>
            <numerusform>Noch etwa %Ln Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows</source>
        <translation>
            <numerusform>%Ln Zeile</numerusform>
            <numerusform>%Ln Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln plays</source>
        <translation>
            <numerusform>%Ln Wiedergabe</numerusform>
            <numerusform>%Ln Wiedergaben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln files could not be imported; the others were.</source>
        <translation>
            <numerusform>%Ln Datei konnte nicht importiert werden; die anderen wurden importiert.</numerusform>
            <numerusform>%Ln Dateien konnten nicht importiert werden; die anderen wurden importiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Welcome to TuneScout</source>
        <translation>Willkommen bei TuneScout</translation>
    </message>
    <message>
        <source>Your listening history, dashboards and recommendations, kept on this computer.</source>
        <translation>Dein Hörverlauf, Dashboards und Empfehlungen, gespeichert auf diesem Computer.</translation>
    </message>
    <message>
        <source>Local cache</source>
        <translation>Lokaler Cache</translation>
    </message>
    <message>
        <source>Opening the cache</source>
        <translation>Cache wird geöffnet</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation>Schemaversion</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Waiting for hub</source>
        <translation>Warteschlange für den Hub</translation>
    </message>
    <message>
        <source>Your listening history</source>
        <translation>Dein Hörverlauf</translation>
    </message>
    <message>
        <source>Nothing is here yet. Import your history from Spotify&apos;s privacy export to see every year you have listened, or sign in to sync what you play from now on.</source>
        <translation>Hier ist noch nichts. Importiere deinen Hörverlauf aus dem Datenschutz-Export von Spotify, um jedes Jahr zu sehen, in dem du gehört hast, oder melde dich an, um ab jetzt zu synchronisieren, was du hörst.</translation>
    </message>
    <message>
        <source>Import your history…</source>
        <translation>Hörverlauf importieren…</translation>
    </message>
    <message>
        <source>Import your history from Spotify&apos;s privacy export</source>
        <translation>Hörverlauf aus dem Datenschutz-Export von Spotify importieren</translation>
    </message>
    <message>
        <source>Spotify account</source>
        <translation>Spotify-Konto</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Sign-in address: %1</source>
        <translation>Anmeldeadresse: %1</translation>
    </message>
    <message>
        <source>Set up Spotify…</source>
        <translation>Spotify einrichten…</translation>
    </message>
    <message>
        <source>Set up your Spotify app</source>
        <translation>Deine Spotify-App einrichten</translation>
    </message>
    <message>
        <source>Sign in with Spotify</source>
        <translation>Mit Spotify anmelden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel signing in</source>
        <translation>Anmeldung abbrechen</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Sign out of Spotify</source>
        <translation>Von Spotify abmelden</translation>
    </message>
</context>
<context>
    <name>Household</name>
    <message numerus="yes">
        <source>%n play(s) by %1</source>
        <comment>household members</comment>
        <translation>
            <numerusform>%n Wiedergabe von %1</numerusform>
            <numerusform>%n Wiedergaben von %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s)</source>
        <translation>
            <numerusform>%n Gerät</numerusform>
            <numerusform>%n Geräte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n play(s) in the household in the last seven days</source>
        <translation>
            <numerusform>%n Wiedergabe im Haushalt in den letzten sieben Tagen</numerusform>
            <numerusform>%n Wiedergaben im Haushalt in den letzten sieben Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Picked by the household hub for you</source>
        <translation>Vom Haushalts-Hub für dich ausgewählt</translation>
    </message>
    <message>
        <source>None yet: the hub&apos;s model knows none of your plays. Sync, then wait for its next training.</source>
        <translation>Noch keine: Das Modell des Hubs kennt keine deiner Wiedergaben. Synchronisiere und warte auf sein nächstes Training.</translation>
    </message>
    <message>
        <source>None yet: the hub has not trained a model. Its admin runs tunescout-hub train.</source>
        <translation>Noch keine: Der Hub hat noch kein Modell trainiert. Sein Admin startet das mit tunescout-hub train.</translation>
    </message>
</context>
<context>
    <name>HouseholdPage</name>
    <message>
        <source>Household</source>
        <translation>Haushalt</translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>Noch nichts.</translation>
    </message>
    <message>
        <source>What the people on your household hub share.</source>
        <translation>Was die Leute an deinem Haushalts-Hub teilen.</translation>
    </message>
    <message>
        <source>Reading the household hub</source>
        <translation>Der Haushalts-Hub wird gelesen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Read the household hub again</source>
        <translation>Den Haushalts-Hub erneut lesen</translation>
    </message>
    <message>
        <source>The household hub could not be read</source>
        <translation>Der Haushalts-Hub konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>No household hub yet</source>
        <translation>Noch kein Haushalts-Hub</translation>
    </message>
    <message>
        <source>Pair TuneScout with your household&apos;s hub under Settings → Household hub to see its members, what the household played this week, shared favourites and picks for you.</source>
        <translation>Verbinde TuneScout unter Einstellungen → Haushalts-Hub mit dem Hub deines Haushalts, um seine Mitglieder, was der Haushalt diese Woche gehört hat, gemeinsame Lieblinge und Empfehlungen für dich zu sehen.</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
    <message>
        <source>Open Settings to pair with a household hub</source>
        <translation>Einstellungen öffnen, um einen Haushalts-Hub zu verbinden</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Diese Woche</translation>
    </message>
    <message>
        <source>Nobody in the household played anything this week.</source>
        <translation>Im Haushalt hat diese Woche noch niemand etwas gehört.</translation>
    </message>
    <message>
        <source>Shared favourites</source>
        <translation>Gemeinsame Lieblinge</translation>
    </message>
    <message>
        <source>No artist has been played by two members yet.</source>
        <translation>Noch kein Künstler wurde von zwei Mitgliedern gehört.</translation>
    </message>
    <message>
        <source>Household picks for you</source>
        <translation>Haushalts-Empfehlungen für dich</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play %1 on your Spotify device</source>
        <translation>%1 auf deinem Spotify-Gerät abspielen</translation>
    </message>
</context>
<context>
    <name>HubLink</name>
    <message>
        <source>%1 on “%2”</source>
        <translation>%1 auf „%2“</translation>
    </message>
    <message>
        <source>Not paired</source>
        <translation>Nicht gekoppelt</translation>
    </message>
    <message>
        <source>The hub no longer accepts this device. Unpair and pair again with a new invite code.</source>
        <translation>Der Hub nimmt dieses Gerät nicht mehr an. Entkoppeln Sie es und koppeln Sie es mit einem neuen Einladungscode erneut.</translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation>Wird hochgeladen …</translation>
    </message>
    <message>
        <source>Last upload %1</source>
        <translation>Zuletzt hochgeladen: %1</translation>
    </message>
    <message>
        <source>Nothing uploaded yet</source>
        <translation>Noch nichts hochgeladen</translation>
    </message>
    <message numerus="yes">
        <source>The hub refused %n event(s); they stay in the cache.</source>
        <translation>
            <numerusform>Der Hub hat %n Ereignis abgelehnt; es bleibt im Cache.</numerusform>
            <numerusform>Der Hub hat %n Ereignisse abgelehnt; sie bleiben im Cache.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not paired: the certificate was not trusted.</source>
        <translation>Nicht gekoppelt: Dem Zertifikat wurde nicht vertraut.</translation>
    </message>
    <message>
        <source>The hub&apos;s answer about training has no opt_in choice.</source>
        <translation>Die Antwort des Hubs zum Training enthält keine opt_in-Wahl.</translation>
    </message>
</context>
<context>
    <name>ImportCounts</name>
    <message>
        <source>rows read</source>
        <translation>Zeilen gelesen</translation>
    </message>
    <message>
        <source>plays added (30 s or longer)</source>
        <translation>Wiedergaben hinzugefügt (30 s oder länger)</translation>
    </message>
    <message>
        <source>short plays added (skips, under 30 s)</source>
        <translation>kurze Wiedergaben hinzugefügt (übersprungen, unter 30 s)</translation>
    </message>
    <message>
        <source>already in the cache</source>
        <translation>schon im Cache</translation>
    </message>
    <message>
        <source>merged with synced plays (within 90 s)</source>
        <translation>mit synchronisierten Wiedergaben zusammengeführt (innerhalb von 90 s)</translation>
    </message>
    <message>
        <source>Account-data plays given their exact time</source>
        <translation>Wiedergaben aus den Kontodaten mit genauer Zeit versehen</translation>
    </message>
    <message>
        <source>Account-data rows already known exactly</source>
        <translation>Zeilen aus den Kontodaten schon genau bekannt</translation>
    </message>
    <message>
        <source>Account-data rows matched to known tracks</source>
        <translation>Zeilen aus den Kontodaten bekannten Titeln zugeordnet</translation>
    </message>
    <message>
        <source>Account-data rows kept by name only</source>
        <translation>Zeilen aus den Kontodaten nur mit Namen übernommen</translation>
    </message>
    <message>
        <source>podcast episodes skipped</source>
        <translation>Podcast-Folgen übersprungen</translation>
    </message>
    <message>
        <source>audiobook chapters skipped</source>
        <translation>Hörbuchkapitel übersprungen</translation>
    </message>
    <message>
        <source>video rows skipped</source>
        <translation>Videozeilen übersprungen</translation>
    </message>
    <message>
        <source>private-session plays skipped</source>
        <translation>Wiedergaben aus privaten Sessions übersprungen</translation>
    </message>
    <message>
        <source>private-session plays imported</source>
        <translation>Wiedergaben aus privaten Sessions importiert</translation>
    </message>
    <message>
        <source>rows without a track skipped</source>
        <translation>Zeilen ohne Titel übersprungen</translation>
    </message>
    <message>
        <source>rows without a time skipped</source>
        <translation>Zeilen ohne Zeit übersprungen</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Choose Spotify&apos;s export: the zip or its JSON files</source>
        <translation>Wähle den Export von Spotify: die ZIP-Datei oder ihre JSON-Dateien</translation>
    </message>
    <message>
        <source>Spotify export (*.zip *.json)</source>
        <translation>Spotify-Export (*.zip *.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose the folder you unpacked the export into</source>
        <translation>Wähle den Ordner, in den du den Export entpackt hast</translation>
    </message>
    <message>
        <source>Import your history</source>
        <translation>Hörverlauf importieren</translation>
    </message>
    <message>
        <source>Your whole listening history from Spotify&apos;s privacy export, kept on this computer.</source>
        <translation>Dein ganzer Hörverlauf aus dem Datenschutz-Export von Spotify, gespeichert auf diesem Computer.</translation>
    </message>
    <message>
        <source>Choose the export</source>
        <translation>Export wählen</translation>
    </message>
    <message>
        <source>Request “Extended streaming history” (every year since you joined) or “Account data” (the last year) in your Spotify account&apos;s privacy settings. Spotify emails a zip after a few days: choose it as it is, the folder you unpacked it into, or single JSON files. Importing the same files again changes nothing.</source>
        <translation>Fordere in den Datenschutzeinstellungen deines Spotify-Kontos „Erweiterter Streamingverlauf“ (jedes Jahr seit deiner Anmeldung) oder „Kontodaten“ (das letzte Jahr) an. Spotify schickt nach ein paar Tagen eine ZIP-Datei per E-Mail: wähle sie so, wie sie ist, den Ordner, in den du sie entpackt hast, oder einzelne JSON-Dateien. Dieselben Dateien erneut zu importieren ändert nichts.</translation>
    </message>
    <message>
        <source>Choose the zip or files…</source>
        <translation>ZIP-Datei oder Dateien wählen…</translation>
    </message>
    <message>
        <source>Choose the export&apos;s zip or JSON files to import</source>
        <translation>ZIP-Datei oder JSON-Dateien des Exports zum Importieren wählen</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Ordner wählen…</translation>
    </message>
    <message>
        <source>Choose a folder holding the export to import</source>
        <translation>Ordner mit dem zu importierenden Export wählen</translation>
    </message>
    <message>
        <source>Include private-session plays</source>
        <translation>Wiedergaben aus privaten Sessions einbeziehen</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Import läuft</translation>
    </message>
    <message>
        <source>Import progress: %1 percent</source>
        <translation>Importfortschritt: %1 Prozent</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation>Import abbrechen</translation>
    </message>
    <message>
        <source>The import could not run</source>
        <translation>Der Import konnte nicht laufen</translation>
    </message>
    <message>
        <source>What the import did</source>
        <translation>Was der Import getan hat</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1: %2 %3</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>TuneScout</source>
        <translation>TuneScout</translation>
    </message>
    <message>
        <source>The configuration could not be read</source>
        <translation>Die Konfiguration konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>Some plays may be missing from your history</source>
        <translation>In deinem Hörverlauf fehlen möglicherweise Wiedergaben</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss the notice about missing plays</source>
        <translation>Hinweis auf fehlende Wiedergaben schließen</translation>
    </message>
</context>
<context>
    <name>NavigationModel</name>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Your listening at a glance</source>
        <translation>Dein Hörverhalten auf einen Blick</translation>
    </message>
    <message>
        <source>Dashboards</source>
        <translation>Dashboards</translation>
    </message>
    <message>
        <source>Top artists, tracks and habits over time</source>
        <translation>Top-Künstler, -Titel und Gewohnheiten im Zeitverlauf</translation>
    </message>
    <message>
        <source>Player</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>Control what plays on your Spotify devices</source>
        <translation>Steuere, was auf deinen Spotify-Geräten läuft</translation>
    </message>
    <message>
        <source>Discover</source>
        <translation>Entdecken</translation>
    </message>
    <message>
        <source>Recommendations computed on this computer</source>
        <translation>Empfehlungen, auf diesem Computer berechnet</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Haushalt</translation>
    </message>
    <message>
        <source>What the people on your hub share</source>
        <translation>Was die Leute an deinem Hub teilen</translation>
    </message>
    <message>
        <source>Concerts</source>
        <translation>Konzerte</translation>
    </message>
    <message>
        <source>Upcoming shows of your artists nearby</source>
        <translation>Kommende Konzerte deiner Künstler in der Nähe</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Account, cache and connections</source>
        <translation>Konto, Cache und Verbindungen</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Your lifetime history from Spotify&apos;s privacy export</source>
        <translation>Dein gesamter Hörverlauf aus dem Datenschutz-Export von Spotify</translation>
    </message>
</context>
<context>
    <name>NavigationRail</name>
    <message>
        <source>TuneScout</source>
        <translation>TuneScout</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Cache status: %1</source>
        <translation>Cache-Status: %1</translation>
    </message>
</context>
<context>
    <name>Player</name>
    <message>
        <source>Computer</source>
        <translation>Computer</translation>
    </message>
    <message>
        <source>Smartphone</source>
        <translation>Smartphone</translation>
    </message>
    <message>
        <source>Tablet</source>
        <translation>Tablet</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Lautsprecher</translation>
    </message>
    <message>
        <source>TV</source>
        <translation>Fernseher</translation>
    </message>
    <message>
        <source>AV receiver</source>
        <translation>AV-Receiver</translation>
    </message>
    <message>
        <source>Set-top box</source>
        <translation>Set-Top-Box</translation>
    </message>
    <message>
        <source>Audio adapter</source>
        <translation>Audio-Adapter</translation>
    </message>
    <message>
        <source>Game console</source>
        <translation>Spielkonsole</translation>
    </message>
    <message>
        <source>Cast (video)</source>
        <translation>Cast (Video)</translation>
    </message>
    <message>
        <source>Cast (audio)</source>
        <translation>Cast (Audio)</translation>
    </message>
    <message>
        <source>Car</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Other device</source>
        <translation>Anderes Gerät</translation>
    </message>
    <message>
        <source>Liked “%1” here; it goes to your Spotify library once Spotify can be reached.</source>
        <translation>„%1“ hier als Like gespeichert; es kommt in deine Spotify-Bibliothek, sobald Spotify erreichbar ist.</translation>
    </message>
    <message>
        <source>Unliked “%1” here; it leaves your Spotify library once Spotify can be reached.</source>
        <translation>Like für „%1“ hier entfernt; es verlässt deine Spotify-Bibliothek, sobald Spotify erreichbar ist.</translation>
    </message>
    <message>
        <source>Liked “%1” here, but Spotify did not save it: %2</source>
        <translation>„%1“ hier als Like gespeichert, aber Spotify hat es nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>Unliked “%1” here, but Spotify did not remove it: %2</source>
        <translation>Like für „%1“ hier entfernt, aber Spotify hat es nicht entfernt: %2</translation>
    </message>
    <message>
        <source>Could not save that: the cache did not take it.</source>
        <translation>Das konnte nicht gespeichert werden: Der Cache hat es nicht angenommen.</translation>
    </message>
    <message>
        <source>Liked “%1”.</source>
        <translation>„%1“ gefällt dir.</translation>
    </message>
    <message>
        <source>No longer liked: “%1”.</source>
        <translation>Gefällt dir nicht mehr: „%1“.</translation>
    </message>
    <message>
        <source>“%1” will not be recommended again.</source>
        <translation>„%1“ wird nicht mehr empfohlen.</translation>
    </message>
    <message>
        <source>Nothing by %1 will be recommended again.</source>
        <translation>Nichts von %1 wird mehr empfohlen.</translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <source>Player</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>Cover of %1</source>
        <translation>Cover von %1</translation>
    </message>
    <message>
        <source>Nothing is playing</source>
        <translation>Gerade läuft nichts</translation>
    </message>
    <message>
        <source>Sign in to control playback</source>
        <translation>Melde dich an, um die Wiedergabe zu steuern</translation>
    </message>
    <message>
        <source>Shuffle is on; turn it off</source>
        <translation>Zufallswiedergabe ist an; ausschalten</translation>
    </message>
    <message>
        <source>Shuffle is off; turn it on</source>
        <translation>Zufallswiedergabe ist aus; einschalten</translation>
    </message>
    <message>
        <source>Previous track</source>
        <translation>Vorheriger Titel</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Next track</source>
        <translation>Nächster Titel</translation>
    </message>
    <message>
        <source>Repeat the track; turn repeat off</source>
        <translation>Titel wird wiederholt; Wiederholen ausschalten</translation>
    </message>
    <message>
        <source>Repeat the list; repeat the track instead</source>
        <translation>Liste wird wiederholt; stattdessen den Titel wiederholen</translation>
    </message>
    <message>
        <source>Repeat is off; repeat the list</source>
        <translation>Wiederholen ist aus; die Liste wiederholen</translation>
    </message>
    <message>
        <source>Position in the track: %1 of %2</source>
        <translation>Position im Titel: %1 von %2</translation>
    </message>
    <message>
        <source>Volume: %1 %</source>
        <translation>Lautstärke: %1 %</translation>
    </message>
    <message>
        <source>Volume: this device does not allow changing it</source>
        <translation>Lautstärke: Dieses Gerät lässt sie nicht ändern</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Playing on %1; choose a device</source>
        <translation>Wiedergabe auf %1; Gerät wählen</translation>
    </message>
    <message>
        <source>Choose a device to play on</source>
        <translation>Gerät für die Wiedergabe wählen</translation>
    </message>
    <message>
        <source>Liked; remove “%1” from your library</source>
        <translation>Gefällt dir; „%1“ aus deiner Bibliothek entfernen</translation>
    </message>
    <message>
        <source>Like “%1” and save it to your library</source>
        <translation>„%1“ liken und in deiner Bibliothek speichern</translation>
    </message>
    <message>
        <source>Hide from recommendations…</source>
        <translation>In Empfehlungen ausblenden…</translation>
    </message>
    <message>
        <source>Hide this track</source>
        <translation>Diesen Titel ausblenden</translation>
    </message>
    <message>
        <source>Never recommend “%1” again</source>
        <translation>„%1“ nie wieder empfehlen</translation>
    </message>
    <message>
        <source>Hide this artist</source>
        <translation>Diesen Künstler ausblenden</translation>
    </message>
    <message>
        <source>Never recommend anything by %1 again</source>
        <translation>Nie wieder etwas von %1 empfehlen</translation>
    </message>
</context>
<context>
    <name>PlayerPage</name>
    <message>
        <source>Player</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>Control playback on your Spotify devices. Spotify streams no sound to other apps: TuneScout tells the device you choose what to play, which needs Spotify Premium.</source>
        <translation>Steuere die Wiedergabe auf deinen Spotify-Geräten. Spotify überträgt keinen Ton an andere Apps: TuneScout sagt dem Gerät, das du wählst, was es spielen soll. Dafür brauchst du Spotify Premium.</translation>
    </message>
    <message>
        <source>Cover of %1</source>
        <translation>Cover von %1</translation>
    </message>
    <message>
        <source>Nothing is playing</source>
        <translation>Gerade läuft nichts</translation>
    </message>
    <message>
        <source>Sign in with Spotify on the Home page to control playback</source>
        <translation>Melde dich auf der Startseite bei Spotify an, um die Wiedergabe zu steuern</translation>
    </message>
    <message>
        <source>Playing on %1</source>
        <translation>Läuft auf %1</translation>
    </message>
    <message>
        <source>Paused on %1</source>
        <translation>Pausiert auf %1</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>Erneut suchen</translation>
    </message>
    <message>
        <source>Look for devices again</source>
        <translation>Erneut nach Geräten suchen</translation>
    </message>
    <message>
        <source>Up next</source>
        <translation>Als Nächstes</translation>
    </message>
    <message>
        <source>spotify:track:… or spotify:episode:…</source>
        <translation>spotify:track:… oder spotify:episode:…</translation>
    </message>
    <message>
        <source>Spotify URI of a track or episode to add to the queue</source>
        <translation>Spotify-URI eines Titels oder einer Episode für die Warteschlange</translation>
    </message>
    <message>
        <source>Add to queue</source>
        <translation>Zur Warteschlange</translation>
    </message>
    <message>
        <source>Add %1 to the queue</source>
        <translation>%1 zur Warteschlange hinzufügen</translation>
    </message>
    <message>
        <source>Nothing is queued.</source>
        <translation>Die Warteschlange ist leer.</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Liked; remove “%1” from your library</source>
        <translation>Gefällt dir; „%1“ aus deiner Bibliothek entfernen</translation>
    </message>
    <message>
        <source>Like “%1” and save it to your library</source>
        <translation>„%1“ liken und in deiner Bibliothek speichern</translation>
    </message>
    <message>
        <source>Hide this track</source>
        <translation>Diesen Titel ausblenden</translation>
    </message>
    <message>
        <source>Never recommend “%1” again</source>
        <translation>„%1“ nie wieder empfehlen</translation>
    </message>
    <message>
        <source>Hide this artist</source>
        <translation>Diesen Künstler ausblenden</translation>
    </message>
    <message>
        <source>Never recommend anything by %1 again</source>
        <translation>Nie wieder etwas von %1 empfehlen</translation>
    </message>
    <message>
        <source>♥ Liked</source>
        <translation>♥ Gefällt dir</translation>
    </message>
    <message>
        <source>♡ Like</source>
        <translation>♡ Gefällt mir</translation>
    </message>
</context>
<context>
    <name>PreviewButton</name>
    <message>
        <source>Stop preview</source>
        <translation>Vorschau stoppen</translation>
    </message>
    <message>
        <source>Play preview</source>
        <translation>Vorschau abspielen</translation>
    </message>
    <message>
        <source>Stop the preview clip</source>
        <translation>Die Hörprobe stoppen</translation>
    </message>
    <message>
        <source>Play a 30-second preview clip on this computer</source>
        <translation>Eine 30-sekündige Hörprobe auf diesem Computer abspielen</translation>
    </message>
    <message>
        <source>the clip could not be played</source>
        <translation>die Hörprobe konnte nicht abgespielt werden</translation>
    </message>
    <message>
        <source>Preview unavailable: %1</source>
        <translation>Hörprobe nicht verfügbar: %1</translation>
    </message>
</context>
<context>
    <name>RankChart</name>
    <message>
        <source>%1: no history yet</source>
        <translation>%1: noch kein Verlauf</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, %2 lines; use the arrow keys to read them</source>
        <translation>%1, %2 Linien; lies sie mit den Pfeiltasten</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>Up and down pick a line, left and right a day.</source>
        <translation>Hoch und runter wählen eine Linie, links und rechts einen Tag.</translation>
    </message>
</context>
<context>
    <name>RankHistoryModel</name>
    <message>
        <source>%1: #%2</source>
        <translation>%1: #%2</translation>
    </message>
    <message>
        <source>%1, best #%2, on %3 of %4 lists.</source>
        <translation>%1, beste Platzierung #%2, auf %3 von %4 Listen.</translation>
    </message>
    <message>
        <source>No rank history for this list yet.</source>
        <translation>Für diese Liste gibt es noch keinen Platzierungsverlauf.</translation>
    </message>
    <message>
        <source>Ranks on %1.</source>
        <translation>Platzierungen am %1.</translation>
    </message>
    <message>
        <source>Ranks from %1 to %2.</source>
        <translation>Platzierungen vom %1 bis %2.</translation>
    </message>
    <message>
        <source>%1 on %2: #%3</source>
        <translation>%1 am %2: #%3</translation>
    </message>
    <message>
        <source>%1 on %2: not on the list</source>
        <translation>%1 am %2: nicht auf der Liste</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <comment>date format: day</comment>
        <translation>d. MMM yyyy</translation>
    </message>
</context>
<context>
    <name>RankedList</name>
    <message>
        <source>Nothing played in this period.</source>
        <translation>In diesem Zeitraum nichts gehört.</translation>
    </message>
    <message>
        <source>%1. %2, %3, %4 (%5)</source>
        <translation>%1. %2, %3, %4 (%5)</translation>
    </message>
    <message>
        <source>%1. %2, %3, %4</source>
        <translation>%1. %2, %3, %4</translation>
    </message>
    <message>
        <source>Show more (%1 of %2 shown)</source>
        <translation>Mehr zeigen (%1 von %2 angezeigt)</translation>
    </message>
    <message numerus="yes">
        <source>Show %Ln more entries</source>
        <translation>
            <numerusform>%Ln weiteren Eintrag zeigen</numerusform>
            <numerusform>%Ln weitere Einträge zeigen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Account, cache and connections. Values set through TUNESCOUT_* environment variables take precedence over the settings file.</source>
        <translation>Konto, Cache und Verbindungen. Werte aus TUNESCOUT_*-Umgebungsvariablen haben Vorrang vor der Einstellungsdatei.</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>Cache database</source>
        <translation>Cache-Datenbank</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>Einstellungsdatei</translation>
    </message>
    <message>
        <source>Spotify</source>
        <translation>Spotify</translation>
    </message>
    <message>
        <source>TuneScout signs in with a Spotify app of your own. To create one:</source>
        <translation>TuneScout meldet sich mit deiner eigenen Spotify-App an. So erstellst du eine:</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>Schritt %1: %2</translation>
    </message>
    <message>
        <source>Client ID, e.g. 0123456789abcdef0123456789abcdef</source>
        <translation>Client-ID, z. B. 0123456789abcdef0123456789abcdef</translation>
    </message>
    <message>
        <source>Spotify Client ID</source>
        <translation>Spotify-Client-ID</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save the Spotify Client ID</source>
        <translation>Spotify-Client-ID speichern</translation>
    </message>
    <message>
        <source>Set by TUNESCOUT_SPOTIFY_CLIENT_ID, which takes precedence over this setting.</source>
        <translation>Gesetzt durch TUNESCOUT_SPOTIFY_CLIENT_ID, das Vorrang vor dieser Einstellung hat.</translation>
    </message>
    <message>
        <source>Redirect URI</source>
        <translation>Weiterleitungs-URI</translation>
    </message>
    <message>
        <source>Accounts service</source>
        <translation>Kontodienst</translation>
    </message>
    <message>
        <source>Web API</source>
        <translation>Web-API</translation>
    </message>
    <message>
        <source>Household hub</source>
        <translation>Haushalts-Hub</translation>
    </message>
    <message>
        <source>Hub URL</source>
        <translation>Hub-URL</translation>
    </message>
    <message>
        <source>Waiting for hub</source>
        <translation>Warteschlange für den Hub</translation>
    </message>
    <message>
        <source>Open metadata</source>
        <translation>Offene Metadaten</translation>
    </message>
    <message>
        <source>MusicBrainz</source>
        <translation>MusicBrainz</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>MIT</source>
        <translation>MIT</translation>
    </message>
    <message>
        <source>Concerts</source>
        <translation>Konzerte</translation>
    </message>
    <message>
        <source>City or LAT,LON, e.g. 52.52,13.405</source>
        <translation>Stadt oder BREITE,LÄNGE, z. B. 52.52,13.405</translation>
    </message>
    <message>
        <source>Place to look for concerts near</source>
        <translation>Ort, in dessen Nähe nach Konzerten gesucht wird</translation>
    </message>
    <message>
        <source>Radius in kilometres</source>
        <translation>Radius in Kilometern</translation>
    </message>
    <message>
        <source>km</source>
        <translation>km</translation>
    </message>
    <message>
        <source>Save the place and radius for concerts</source>
        <translation>Ort und Radius für Konzerte speichern</translation>
    </message>
    <message>
        <source>Where to look for upcoming shows of your artists: a city (Berlin, London, Montréal, …) or coordinates as LAT,LON, and how far you would travel.</source>
        <translation>Wo nach kommenden Konzerten deiner Künstler gesucht wird: eine Stadt (Berlin, London, Montréal, …) oder Koordinaten als BREITE,LÄNGE, und wie weit du fahren würdest.</translation>
    </message>
    <message>
        <source>Pair this device with your household&apos;s hub to share what you play. Ask the hub&apos;s admin for an invite code (tunescout-hub invite).</source>
        <translation>Koppeln Sie dieses Gerät mit dem Hub Ihres Haushalts, um zu teilen, was Sie hören. Den Einladungscode erhalten Sie vom Admin des Hubs (tunescout-hub invite).</translation>
    </message>
    <message>
        <source>https://hub.home.arpa:8787</source>
        <translation>https://hub.home.arpa:8787</translation>
    </message>
    <message>
        <source>Invite code</source>
        <translation>Einladungscode</translation>
    </message>
    <message>
        <source>e.g. 7KQ2M-X9D4R</source>
        <translation>z. B. 7KQ2M-X9D4R</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <source>How the household knows you</source>
        <translation>Wie der Haushalt Sie kennt</translation>
    </message>
    <message>
        <source>Your name in the household</source>
        <translation>Ihr Name im Haushalt</translation>
    </message>
    <message>
        <source>Allow plain HTTP to a hub on another computer (unencrypted)</source>
        <translation>Unverschlüsseltes HTTP zu einem Hub auf einem anderen Computer erlauben</translation>
    </message>
    <message>
        <source>Pairing…</source>
        <translation>Wird gekoppelt …</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>Koppeln</translation>
    </message>
    <message>
        <source>Pair with the hub</source>
        <translation>Mit dem Hub koppeln</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>Hub</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>public key pinned, SHA-256 %1</source>
        <translation>öffentlicher Schlüssel festgelegt, SHA-256 %1</translation>
    </message>
    <message>
        <source>verified by this computer</source>
        <translation>von diesem Computer geprüft</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Upload now</source>
        <translation>Jetzt hochladen</translation>
    </message>
    <message>
        <source>Upload to the hub now</source>
        <translation>Jetzt zum Hub hochladen</translation>
    </message>
    <message>
        <source>Unpair</source>
        <translation>Entkoppeln</translation>
    </message>
    <message>
        <source>Unpair from the hub</source>
        <translation>Vom Hub entkoppeln</translation>
    </message>
    <message>
        <source>Trust this hub&apos;s certificate?</source>
        <translation>Dem Zertifikat dieses Hubs vertrauen?</translation>
    </message>
    <message>
        <source>The hub&apos;s certificate is not signed by an authority this computer trusts, as with a hub at home. Compare the fingerprint of its public key with the one the hub shows (tunescout-hub cert fingerprint); pair only if they are the same.</source>
        <translation>Das Zertifikat des Hubs ist nicht von einer Stelle signiert, der dieser Computer vertraut – wie bei einem Hub zu Hause üblich. Vergleichen Sie den Fingerabdruck seines öffentlichen Schlüssels mit dem, den der Hub anzeigt (tunescout-hub cert fingerprint), und koppeln Sie nur, wenn beide gleich sind.</translation>
    </message>
    <message>
        <source>Public-key SHA-256 fingerprint %1</source>
        <translation>SHA-256-Fingerabdruck des öffentlichen Schlüssels %1</translation>
    </message>
    <message>
        <source>Use my plays for household picks</source>
        <translation>Meine Wiedergaben für Tipps aus dem Haushalt verwenden</translation>
    </message>
</context>
<context>
    <name>SetupGuide</name>
    <message>
        <source>Sign in at %1 with your Spotify account and choose &quot;Create app&quot;.</source>
        <translation>Melde dich unter %1 mit deinem Spotify-Konto an und wähle „Create app“.</translation>
    </message>
    <message>
        <source>Give it any name and description, tick &quot;Web API&quot;, and add the redirect URI %1 exactly as written (no port number).</source>
        <translation>Gib ihr einen beliebigen Namen und eine Beschreibung, hake „Web API“ an und füge die Weiterleitungs-URI %1 genau so hinzu, wie sie dasteht (ohne Portnummer).</translation>
    </message>
    <message>
        <source>Save, open the app&apos;s settings and copy its Client ID. TuneScout never needs the client secret.</source>
        <translation>Speichere, öffne die Einstellungen der App und kopiere ihre Client-ID. Das Client-Secret braucht TuneScout nie.</translation>
    </message>
    <message>
        <source>The app starts in Development Mode: its owner needs Spotify Premium, and at most five people can use it. Add each of them under &quot;User Management&quot; with the e-mail address of their Spotify account.</source>
        <translation>Die App startet im Development Mode: Ihr Besitzer braucht Spotify Premium, und höchstens fünf Personen können sie nutzen. Füge jede davon unter „User Management“ mit der E-Mail-Adresse ihres Spotify-Kontos hinzu.</translation>
    </message>
    <message>
        <source>Paste the Client ID into TuneScout, then sign in.</source>
        <translation>Füge die Client-ID in TuneScout ein und melde dich dann an.</translation>
    </message>
</context>
<context>
    <name>StatTile</name>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>today %1</source>
        <translation>heute %1</translation>
    </message>
    <message>
        <source>yesterday %1</source>
        <translation>gestern %1</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>1 minute ago</source>
        <translation>vor 1 Minute</translation>
    </message>
    <message>
        <source>1 hour ago</source>
        <translation>vor 1 Stunde</translation>
    </message>
    <message>
        <source>1 day ago</source>
        <translation>vor 1 Tag</translation>
    </message>
    <message>
        <source>Offline — nothing has been synced yet</source>
        <translation>Offline – noch nichts synchronisiert</translation>
    </message>
    <message>
        <source>Offline — showing data from %1</source>
        <translation>Offline – Daten von %1 werden angezeigt</translation>
    </message>
    <message>
        <source>There is no network connection.</source>
        <translation>Es gibt keine Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>Spotify cannot be reached.</source>
        <translation>Spotify ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>%1 Everything cached stays available. TuneScout checks again from time to time and catches up with what you played since.</source>
        <translation>%1 Alles Zwischengespeicherte bleibt verfügbar. TuneScout prüft von Zeit zu Zeit erneut und holt nach, was du seitdem gehört hast.</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>Syncing %1 (step %2 of %3)…</source>
        <translation>Synchronisiere %1 (Schritt %2 von %3)…</translation>
    </message>
    <message>
        <source>Plays between %1 and %2 may be missing: more than 50 were played between two checks.</source>
        <translation>Wiedergaben zwischen %1 und %2 fehlen möglicherweise: zwischen zwei Abfragen wurden mehr als 50 gehört.</translation>
    </message>
    <message>
        <source>And 1 earlier stretch.</source>
        <translation>Und 1 früherer Zeitraum.</translation>
    </message>
    <message>
        <source>Nothing waiting for the hub</source>
        <translation>Nichts in der Warteschlange für den Hub</translation>
    </message>
    <message>
        <source>1 event</source>
        <translation>1 Ereignis</translation>
    </message>
    <message>
        <source>%1 waiting for the hub</source>
        <translation>%1 für den Hub in der Warteschlange</translation>
    </message>
    <message>
        <source>%1 waiting for a hub (none is set up)</source>
        <translation>%1 für einen Hub in der Warteschlange (keiner ist eingerichtet)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln days ago</source>
        <translation>
            <numerusform>vor %Ln Tag</numerusform>
            <numerusform>vor %Ln Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln minutes ago</source>
        <translation>
            <numerusform>vor %Ln Minute</numerusform>
            <numerusform>vor %Ln Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hours ago</source>
        <translation>
            <numerusform>vor %Ln Stunde</numerusform>
            <numerusform>vor %Ln Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>And %Ln earlier stretches.</source>
        <translation>
            <numerusform>Und %Ln früherer Zeitraum.</numerusform>
            <numerusform>Und %Ln frühere Zeiträume.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln events</source>
        <translation>
            <numerusform>%Ln Ereignis</numerusform>
            <numerusform>%Ln Ereignisse</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Translations</name>
    <message>
        <source>There is no translation for “%1”; the languages are %2. Showing English.</source>
        <translation>Es gibt keine Übersetzung für „%1“; verfügbar sind %2. Englisch wird angezeigt.</translation>
    </message>
</context>
</TS>
