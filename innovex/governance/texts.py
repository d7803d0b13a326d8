"""The first versions of the cooperative's texts, in German and English; later versions come from votes."""

CHARTER_DE = """\
## Datencharta der innovex-Datengenossenschaft

1. **Gemeinsame Daten.** Die Profile, Angebote und Projekte auf innovex sind ein gemeinsames Werk der
   teilnehmenden Organisationen. Jede Organisation pflegt ihr eigenes Profil und entscheidet, welche Angaben
   öffentlich sind.
2. **Offenheit.** Öffentliche Angaben stehen als offene Daten unter der angegebenen Lizenz zur Verfügung.
3. **Mitbestimmung.** Jede Mitgliedsorganisation hat eine Stimme. Über die Taxonomie, die Texte der
   Genossenschaft, Einstellungen des Netzwerks und die Moderation entscheiden die Mitglieder gemeinsam.
4. **Sorgfalt.** Mitglieder halten ihre Angaben aktuell, korrigieren Fehler und gehen respektvoll
   miteinander um.
5. **Austritt.** Eine Organisation kann die Datengenossenschaft jederzeit verlassen; ihr Profil bleibt ihres.
"""

CHARTER_EN = """\
## Data charter of the innovex data cooperative

1. **Shared data.** The profiles, offers and projects on innovex are a joint work of the participating
   organisations. Each organisation maintains its own profile and decides which details are public.
2. **Openness.** Public details are available as open data under the stated licence.
3. **Co-determination.** Every member organisation has one vote. The members decide together on the taxonomy,
   the cooperative's texts, network settings and moderation.
4. **Care.** Members keep their details up to date, correct mistakes and treat each other with respect.
5. **Leaving.** An organisation can leave the data cooperative at any time; its profile remains its own.
"""

RULES_DE = """\
## Moderationsregeln

- Beiträge bleiben sachlich und beim Thema; keine Werbung ohne Bezug, keine Beleidigungen.
- Meldungen mehrerer Mitglieder blenden Inhalte aus, bis eine Moderatorin oder ein Moderator sie prüft.
- Jede Moderationsentscheidung steht mit ihrer Begründung im öffentlichen Moderationsprotokoll.
"""

RULES_EN = """\
## Moderation rules

- Posts stay factual and on topic; no unrelated advertising, no insults.
- Reports by several members hide content until a moderator reviews it.
- Every moderation decision is in the public moderation log with its reason.
"""

FIRST_VERSIONS = {"charter": (CHARTER_DE, CHARTER_EN), "moderation_rules": (RULES_DE, RULES_EN)}
