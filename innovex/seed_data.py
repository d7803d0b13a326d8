"""Invented demo content for `flask seed-demo`: places, organisation archetypes, people, projects, feedback.

Cities and coordinates are real (approximate centres); organisations, people and web addresses are
invented. Needs of one archetype use the tags of other archetypes' offers, so partner matching finds pairs.
"""

# (city, region, postcode, lat, lon)
CITIES = [
    ("Berlin", "Berlin-Brandenburg", "10997", 52.5200, 13.4050),
    ("Hamburg", "Elbe", "20359", 53.5511, 9.9937),
    ("München", "Oberland", "80469", 48.1372, 11.5756),
    ("Köln", "Rheinland", "50667", 50.9375, 6.9603),
    ("Leipzig", "Leipziger Land", "04229", 51.3397, 12.3731),
    ("Freiburg im Breisgau", "Breisgau", "79098", 47.9990, 7.8421),
    ("Kassel", "Nordhessen", "34117", 51.3127, 9.4797),
    ("Bremen", "Weser", "28195", 53.0793, 8.8017),
    ("Dresden", "Elbtal", "01067", 51.0504, 13.7373),
    ("Münster", "Münsterland", "48143", 51.9607, 7.6261),
    ("Frankfurt am Main", "Rhein-Main", "60311", 50.1109, 8.6821),
    ("Stuttgart", "Neckar", "70173", 48.7758, 9.1829),
    ("Hannover", "Calenberger Land", "30159", 52.3759, 9.7320),
    ("Nürnberg", "Franken", "90402", 49.4521, 11.0767),
    ("Göttingen", "Südniedersachsen", "37073", 51.5413, 9.9158),
    ("Jena", "Saaletal", "07743", 50.9271, 11.5892),
    ("Kiel", "Förde", "24103", 54.3233, 10.1228),
    ("Rostock", "Mecklenburg", "18055", 54.0924, 12.0991),
    ("Bochum", "Ruhr", "44787", 51.4818, 7.2162),
    ("Karlsruhe", "Baden", "76133", 49.0069, 8.4037),
    ("Tübingen", "Schönbuch", "72070", 48.5216, 9.0576),
    ("Buchholz in der Nordheide", "Nordheide", "21244", 53.3285, 9.8782),
    ("Witzenhausen", "Werratal", "37213", 51.3410, 9.8570),
    ("Potsdam", "Havelland", "14467", 52.3906, 13.0645),
]

# The Land of each city above: the demo organisations' state (Actor.region), which subscriptions can name.
LAND_OF_CITY = {
    "Berlin": "Berlin", "Hamburg": "Hamburg", "München": "Bayern", "Köln": "Nordrhein-Westfalen",
    "Leipzig": "Sachsen", "Freiburg im Breisgau": "Baden-Württemberg", "Kassel": "Hessen", "Bremen": "Bremen",
    "Dresden": "Sachsen", "Münster": "Nordrhein-Westfalen", "Frankfurt am Main": "Hessen",
    "Stuttgart": "Baden-Württemberg", "Hannover": "Niedersachsen", "Nürnberg": "Bayern",
    "Göttingen": "Niedersachsen", "Jena": "Thüringen", "Kiel": "Schleswig-Holstein",
    "Rostock": "Mecklenburg-Vorpommern", "Bochum": "Nordrhein-Westfalen", "Karlsruhe": "Baden-Württemberg",
    "Tübingen": "Baden-Württemberg", "Buchholz in der Nordheide": "Niedersachsen", "Witzenhausen": "Hessen",
    "Potsdam": "Brandenburg",
}  # fmt: skip

STREETS = [
    "Bahnhofstraße", "Lindenstraße", "Am Hafen", "Werkstattweg", "Gartenstraße", "Schulstraße", "Mühlenweg",
    "Hauptstraße", "Kirchplatz", "Genossenschaftsweg", "Marktstraße", "Am Sportplatz", "Feldstraße",
]  # fmt: skip

FIRST_NAMES = [
    "Anna", "Ben", "Clara", "David", "Elif", "Finn", "Greta", "Hannes", "Ida", "Jonas", "Karla", "Lukas",
    "Mara", "Niklas", "Olga", "Paul", "Ronja", "Samir", "Tina", "Ulrich", "Vera", "Wiebke", "Yusuf", "Zoe",
    "Aylin", "Bernd", "Carlotta", "Dominik", "Emma", "Friederike", "Georg", "Hanna", "Jana", "Kemal",
    "Lea", "Malte", "Nele", "Oskar", "Pia", "Rasmus", "Sophie", "Theo", "Ute", "Valentin", "Merle", "Jakob",
]  # fmt: skip

LAST_NAMES = [
    "Schmidt", "Müller", "Becker", "Wagner", "Hoffmann", "Schulz", "Koch", "Richter", "Klein", "Wolf",
    "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Meier",
    "Lehmann", "Köhler", "Walter", "Peters", "Kaya", "Yılmaz", "Nowak", "Jansen", "Brandt", "Vogel", "Busch",
    "Engel", "Fuchs", "Graf", "Haas", "Jäger", "Kühn", "Lorenz", "Marx", "Otto", "Pohl", "Seidel", "Sommer",
]  # fmt: skip

# Each archetype: name patterns ({city}, {region}), kind, legal form, sectors, collaboration forms, a Markdown
# description, offers and needs as (title, description, tags), member range and founding range.
ARCHETYPES = [
    {
        "key": "lastenrad",
        "names": [
            "Lastenrad-Kollektiv {city} eG", "Radlogistik {region} eG",
            "Lastenrad-Kollektiv {region} eG",
        ],
        "kind": "cooperative", "legal_form": "eg", "sectors": ["mobility", "environment"],
        "collaboration": ["implementation", "pilot", "infrastructure"],
        "description": "Wir sind eine Genossenschaft von Fahrerinnen und Fahrern in {city}.\n\n"
        "- emissionsfreie Zustellung auf der **letzten Meile**\n- Verleih von Lastenrädern an Vereine\n"
        "- faire Löhne, gemeinsames Eigentum an der Flotte",
        "offers": [
            ("Lastenrad-Logistik in der Innenstadt", "Zustellung von Paketen und Kisten bis 150 kg.",
             ["lastenrad", "logistik", "letzte meile"]),
            ("Lastenrad-Verleih für Vereine", "Räder tage- oder wochenweise, mit Einweisung.",
             ["lastenrad", "verleih", "mobilität"]),
            ("Lastenrad-Werkstatt für Gewerbe", "Wartung und Reparatur der Lastenräder anderer Betriebe.",
             ["lastenrad", "werkstatt", "reparatur"]),
        ],
        "needs": [
            ("Buchhaltung für unsere Genossenschaft", "Laufende Buchhaltung und Jahresabschluss.",
             ["buchhaltung", "jahresabschluss"]),
            ("Open-Source-Buchungssystem für Räder", "Reservierung, Schlüsselübergabe, Abrechnung.",
             ["open source", "buchungssystem", "software"]),
            ("Werkstattfläche gesucht", "Mindestens 80 m² ebenerdig für Wartung.", ["räume", "werkstatt"]),
        ],
        "members": (12, 80), "founded": (2012, 2022),
    },
    {
        "key": "solar",
        "names": ["Solar-Genossenschaft {region} eG", "Bürgerenergie {city} eG", "Sonnenstrom {region} eG"],
        "kind": "cooperative", "legal_form": "eg", "sectors": ["energy", "environment"],
        "collaboration": ["implementation", "funding", "tenders"],
        "description": "Bürgerinnen und Bürger aus der Region {region} bauen gemeinsam **Photovoltaik** auf "
        "Dächern von Schulen, Betrieben und Wohnhäusern. Jedes Mitglied hat eine Stimme.",
        "offers": [
            ("Photovoltaik auf Gemeinschaftsdächern", "Planung, Finanzierung und Betrieb von PV-Anlagen.",
             ["photovoltaik", "energie", "mieterstrom"]),
            ("Energieberatung für Genossenschaften", "Von der Dachprüfung bis zum Mieterstrommodell.",
             ["energieberatung", "photovoltaik"]),
            ("Balkonkraftwerke für Mietshäuser", "Sammelbestellung und Montage mit Hausgemeinschaften.",
             ["photovoltaik", "balkonkraftwerk", "energie"]),
        ],
        "needs": [
            ("Dachflächen gesucht", "Ab 200 m², möglichst nach Süden.", ["dachflächen", "photovoltaik"]),
            ("Mitgliederverwaltung als Software", "Für rund 900 Mitglieder, mit Online-Beitritt.",
             ["mitgliederverwaltung", "software", "open source"]),
            ("Crowdfunding für neue Anlagen", "Plattform und Begleitung für Nachrangdarlehen.",
             ["crowdfunding", "finanzierung"]),
        ],
        "members": (150, 1800), "founded": (2008, 2020),
    },
    {
        "key": "software",
        "names": [
            "Quellcode Kooperative {city} eG", "Codeflüsse {region} eG",
            "Freie Software Werkstatt {city} eG",
        ],
        "kind": "cooperative", "legal_form": "eg", "sectors": ["it", "platforms"],
        "collaboration": ["implementation", "knowledge", "peer_feedback"],
        "description": "Eine Genossenschaft von Entwicklerinnen und Entwicklern in {city}. Wir bauen "
        "**Open-Source-Software** für die solidarische Wirtschaft und gehören uns selbst.",
        "offers": [
            ("Webentwicklung mit Open Source", "Websites, Webshops und Portale mit freien Werkzeugen.",
             ["webentwicklung", "open source", "software", "onlineshop"]),
            ("Mitglieder- und Buchungsverwaltung", "Anpassbare Open-Source-Lösung, gehostet oder bei euch.",
             ["mitgliederverwaltung", "buchungssystem", "open source", "software"]),
            ("App-Entwicklung", "Barrierearme Apps für Android und iOS.", ["app-entwicklung", "software"]),
        ],
        "needs": [
            ("Pilotanwender:innen für unsere Software", "Genossenschaften, die früh testen.",
             ["pilot", "feedback"]),
            ("Rechtsberatung zum Datenschutz", "DSGVO-Fragen zu Auftragsverarbeitung.",
             ["datenschutz", "rechtsberatung"]),
        ],
        "members": (5, 30), "founded": (2010, 2023),
    },
    {
        "key": "hosting",
        "names": ["Hosting-Kooperative {city} eG", "Serverkeller {region} eG"],
        "kind": "platform_coop", "legal_form": "eg", "sectors": ["it"],
        "collaboration": ["infrastructure", "knowledge"],
        "description": "Datenschutzfreundliches **Hosting** aus {city}: E-Mail, Nextcloud und Websites auf "
        "eigenen Servern, betrieben mit Ökostrom und ohne Tracking.",
        "offers": [
            ("Datenschutzfreundliches Hosting", "Server in Deutschland, Verträge nach DSGVO.",
             ["hosting", "datenschutz", "open source"]),
            ("Nextcloud für Vereine", "Dateien, Kalender und Videokonferenzen für Gruppen.",
             ["hosting", "nextcloud", "kollaboration"]),
            ("E-Mail-Postfächer ohne Werbung", "Für Vereine ab fünf Postfächern, mit Spamfilter.",
             ["hosting", "e-mail", "datenschutz"]),
        ],
        "needs": [
            ("Ökostrom für unseren Serverraum", "Am liebsten aus einer Bürgerenergie-Anlage.",
             ["ökostrom", "energie", "photovoltaik"]),
            ("Serverraum mit Glasfaser", "Gekühlter Raum, 24/7 zugänglich.", ["räume", "infrastruktur"]),
        ],
        "members": (8, 120), "founded": (2014, 2022),
    },
    {
        "key": "buchhaltung",
        "names": ["Zahlenwerk {city} eG", "Genossenschaftliche Buchhaltung {region} eG"],
        "kind": "cooperative", "legal_form": "eg", "sectors": ["consulting", "finance"],
        "collaboration": ["implementation", "knowledge"],
        "description": "Wir machen die **Buchhaltung** für Genossenschaften, Vereine und Kollektive in "
        "{region} und erklären sie so, dass die Mitglieder sie verstehen.",
        "offers": [
            ("Buchhaltung und Jahresabschluss für Genossenschaften", "Inklusive Vorbereitung der Prüfung.",
             ["buchhaltung", "jahresabschluss", "finanzen"]),
            ("Lohnabrechnung", "Für Teams von 2 bis 50 Personen.", ["lohnabrechnung", "buchhaltung"]),
            ("Kassenprüfung für Vereine", "Unabhängige Prüfung vor der Mitgliederversammlung.",
             ["buchhaltung", "kassenprüfung", "finanzen"]),
        ],
        "needs": [
            ("Open-Source-Buchhaltungssoftware", "Mehrmandantenfähig, mit DATEV-Export.",
             ["open source", "buchhaltung", "software"]),
        ],
        "members": (4, 25), "founded": (2005, 2021),
    },
    {
        "key": "beratung",
        "names": ["Gründungsberatung Genossenschaften {region} e.V.", "Kooperationsbüro {city} e.V."],
        "kind": "supporter", "legal_form": "ev", "sectors": ["consulting"],
        "collaboration": ["knowledge", "peer_feedback", "funding"],
        "description": "Wir begleiten Gruppen in {region} von der ersten Idee bis zur Eintragung ins "
        "Genossenschaftsregister.",
        "offers": [
            ("Genossenschaftsgründung begleiten", "Satzung, Businessplan, Prüfungsverband.",
             ["genossenschaftsgründung", "beratung", "satzung"]),
            ("Fördermittelberatung", "Welche Programme passen, und wie man sie beantragt.",
             ["fördermittel", "finanzierung", "beratung"]),
            ("Satzungscheck für bestehende Genossenschaften",
             "Passen Satzung und gelebte Praxis noch zusammen?",
             ["satzung", "beratung"]),
        ],
        "needs": [
            ("Referent:innen aus der Praxis", "Für unsere Gründungswerkstätten.", ["workshops", "bildung"]),
        ],
        "members": (20, 150), "founded": (1998, 2019),
    },
    {
        "key": "solawi",
        "names": ["Solidarische Landwirtschaft {region} eG", "Gemüsekooperative {city} eG"],
        "kind": "cooperative", "legal_form": "eg", "sectors": ["agriculture"],
        "collaboration": ["pilot", "infrastructure"],
        "description": "Eine **Solawi** am Rand von {city}: Die Mitglieder tragen die Kosten des Hofs und "
        "teilen die Ernte. Wöchentlich gibt es Gemüsekisten in Depots in der Stadt.",
        "offers": [
            ("Regionales Gemüse für Kantinen", "Saisonal, bio, vom eigenen Hof.",
             ["regionale lebensmittel", "gemüse", "solawi"]),
            ("Hofführungen und Bildungsangebote", "Für Schulklassen und Teams.",
             ["bildung", "landwirtschaft"]),
            ("Ernteanteile für Betriebe", "Gemüsekisten für Teams, abgeholt im Büro.",
             ["solawi", "gemüse", "regionale lebensmittel"]),
        ],
        "needs": [
            ("Lastenrad-Lieferung in die Stadt", "Wöchentlich 120 Kisten zu 8 Depots.",
             ["lastenrad", "logistik"]),
            ("Mitgliederverwaltung mit Ernteanteilen", "Beiträge, Depots, Urlaubspausen.",
             ["mitgliederverwaltung", "software"]),
        ],
        "members": (60, 400), "founded": (2011, 2023),
    },
    {
        "key": "wohnen",
        "names": ["Wohnprojekt {city}-Nord eG", "Gemeinsam Wohnen {city} eG"],
        "kind": "cooperative", "legal_form": "eg", "sectors": ["housing"],
        "collaboration": ["pilot", "knowledge"],
        "description": "Rund 60 Menschen wohnen in {city} gemeinsam, bezahlbar und dauerhaft dem Markt "
        "entzogen. Unsere Gemeinschaftsräume stehen der Nachbarschaft offen.",
        "offers": [
            ("Gemeinschaftsräume für Veranstaltungen", "Saal für 80 Personen, Küche, Garten.",
             ["räume", "veranstaltungen"]),
            ("Erfahrung mit Mieterstrom", "Wir teilen Verträge und Abrechnungsmodelle.",
             ["mieterstrom", "wohnen", "wissen"]),
            ("Beratung für neue Wohnprojekte", "Von der Gruppe bis zum Grundstück: was wir gelernt haben.",
             ["wohnen", "beratung", "wissen"]),
        ],
        "needs": [
            ("Photovoltaik für unser Dach", "400 m² Flachdach, Mieterstrom gewünscht.",
             ["photovoltaik", "mieterstrom"]),
            ("Carsharing für Bewohner:innen", "Zwei E-Autos in der Tiefgarage.", ["carsharing", "mobilität"]),
            ("Partner für Holzbau-Aufstockung", "Zwei zusätzliche Geschosse in Holz.", ["holzbau", "bauen"]),
        ],
        "members": (40, 300), "founded": (1995, 2021),
    },
    {
        "key": "carsharing",
        "names": ["Stadtteilauto {city} eG", "Carsharing {region} eG"],
        "kind": "cooperative", "legal_form": "eg", "sectors": ["mobility"],
        "collaboration": ["implementation", "infrastructure"],
        "description": "Autos teilen statt besitzen: Unsere Mitglieder in {city} nutzen gemeinsam rund "
        "40 Fahrzeuge, die Hälfte davon elektrisch.",
        "offers": [
            ("E-Carsharing für Quartiere", "Stationen für Wohnprojekte und Betriebe.",
             ["carsharing", "elektromobilität", "mobilität"]),
            ("Flottenmanagement-Erfahrung", "Wir beraten bei Aufbau und Versicherung.",
             ["flottenmanagement", "mobilität"]),
            ("Dienstwagen teilen",
             "Betriebe teilen ihre Fahrzeuge abends und am Wochenende mit der Nachbarschaft.",
             ["carsharing", "mobilität"]),
        ],
        "needs": [
            ("Buchungssoftware als Open Source", "Ablösung unserer proprietären Lösung.",
             ["buchungssystem", "open source", "software"]),
            ("Ladeinfrastruktur mit Ökostrom", "Ladepunkte mit Strom vom Dach.",
             ["ladeinfrastruktur", "photovoltaik", "energie"]),
        ],
        "members": (200, 3000), "founded": (1992, 2018),
    },
    {
        "key": "kurier",
        "names": ["Fahrradkurier-Kooperative {city} eG", "Liefern fair {city} eG"],
        "kind": "platform_coop", "legal_form": "eg", "sectors": ["platforms", "mobility"],
        "collaboration": ["implementation", "pilot"],
        "description": "Eine **Plattform-Genossenschaft**: Kurierinnen und Kuriere in {city} besitzen die "
        "Lieferplattform selbst, statt für einen Konzern zu fahren.",
        "offers": [
            ("Faire Lieferplattform für lokale Läden", "Bestellungen, Touren, Abrechnung.",
             ["plattform", "logistik", "lieferdienst"]),
            ("Lastenrad-Kurierdienst", "Same-Day-Lieferung im Stadtgebiet.",
             ["lastenrad", "logistik", "kurierdienst"]),
            ("Tourenplanung als Dienstleistung", "Wir planen Lieferrouten für andere Kollektive mit.",
             ["logistik", "tourenplanung"]),
        ],
        "needs": [
            ("App-Entwicklung für Fahrer:innen", "Touren-App als Open Source.",
             ["app-entwicklung", "software", "open source"]),
            ("Versicherung für Fahrer:innen", "Unfall- und Haftpflicht für Mitglieder.", ["versicherung"]),
        ],
        "members": (15, 90), "founded": (2017, 2024),
    },
    {
        "key": "druckerei",
        "names": ["Druckerei-Kollektiv {city}", "Risografie Kooperative {city} eG"],
        "kind": "collaborative", "legal_form": "gmbh", "sectors": ["culture", "manufacturing"],
        "collaboration": ["implementation"],
        "description": "Kollektivbetrieb in {city}: Wir drucken auf Recyclingpapier und gestalten für "
        "Initiativen, Genossenschaften und Kulturprojekte. Gleicher Lohn für alle.",
        "offers": [
            ("Umweltfreundlicher Druck", "Offset und Risografie, Recyclingpapier.",
             ["druck", "recyclingpapier"]),
            ("Grafikdesign und Corporate Design", "Logos, Plakate, Berichte.",
             ["grafikdesign", "kommunikation"]),
            ("Buchbinderei in Kleinauflage", "Broschüren, Zines und Jahresberichte, gebunden im Haus.",
             ["druck", "buchbinderei"]),
        ],
        "needs": [
            ("Lastenrad-Auslieferung für Drucksachen", "Mehrmals pro Woche.", ["lastenrad", "logistik"]),
            ("Webshop für Druckaufträge", "Upload, Kalkulation, Bezahlung.",
             ["webentwicklung", "onlineshop"]),
        ],
        "members": (4, 15), "founded": (1985, 2016),
    },
    {
        "key": "repair",
        "names": ["Repair-Café {city} e.V.", "Reparaturinitiative {region} e.V."],
        "kind": "association", "legal_form": "ev", "sectors": ["environment", "social"],
        "collaboration": ["knowledge", "infrastructure"],
        "description": "Ehrenamtliche in {city} reparieren gemeinsam mit den Besitzerinnen und Besitzern "
        "Toaster, Fahrräder und Kleidung. Reparieren statt wegwerfen!",
        "offers": [
            ("Reparaturworkshops", "Für Schulen, Betriebe und Nachbarschaften.",
             ["reparatur", "workshops", "kreislaufwirtschaft"]),
            ("Elektronik-Expertise", "Ehrenamtliche Elektriker:innen helfen bei kniffligen Fällen.",
             ["reparatur", "elektronik"]),
            ("Reparaturanleitungen für Haushaltsgeräte", "Zum Ausleihen, Nachmachen und Weitergeben.",
             ["reparatur", "anleitungen", "kreislaufwirtschaft"]),
        ],
        "needs": [
            ("Werkstattraum für Reparaturtreffen", "Einmal im Monat, mit Strom und Tischen.",
             ["räume", "werkstatt"]),
            ("Ersatzteil-Datenbank", "Jemand, der mit uns eine offene Datenbank baut.",
             ["open source", "software", "datenbank"]),
        ],
        "members": (15, 60), "founded": (2013, 2021),
    },
    {
        "key": "dorfladen",
        "names": ["Dorfladen {region} eG", "Unser Laden {city} eG"],
        "kind": "cooperative", "legal_form": "eg", "sectors": ["retail", "agriculture"],
        "collaboration": ["pilot", "infrastructure"],
        "description": "Der Dorfladen gehört rund 250 Menschen aus der Umgebung von {city}. Wir verkaufen "
        "regionale Lebensmittel und sind Treffpunkt im Ort.",
        "offers": [
            ("Regionaler Lebensmittelhandel", "Von 40 Höfen aus dem Umland.",
             ["regionale lebensmittel", "einzelhandel"]),
            ("Abholstation für Solawi-Kisten", "Gekühlt, sechs Tage die Woche.", ["solawi", "abholstation"]),
            ("Postpartnerfiliale im Dorf", "Pakete, Briefmarken und Bargeld an der Ladentheke.",
             ["einzelhandel", "nahversorgung"]),
        ],
        "needs": [
            ("Kassensystem als Open Source", "Mit Waage und Mitgliederrabatt.",
             ["kassensystem", "open source", "software"]),
            ("Lieferlogistik für ältere Kundschaft", "Bestellung per Telefon, Lieferung per Rad.",
             ["logistik", "lastenrad"]),
        ],
        "members": (120, 450), "founded": (2009, 2022),
    },
    {
        "key": "kaffee",
        "names": ["Kaffeekollektiv {city} eG", "Fairbohne {region} eG"],
        "kind": "cooperative", "legal_form": "eg", "sectors": ["retail", "agriculture"],
        "collaboration": ["implementation", "knowledge"],
        "description": "Wir importieren Kaffee direkt von Kooperativen in Mexiko und Honduras und rösten in "
        "{city}. Preise und Lieferkette sind **offen einsehbar**.",
        "offers": [
            ("Fair gehandelter Kaffee für Kantinen", "Abo für Betriebe und Genossenschaften.",
             ["kaffee", "fairer handel", "catering"]),
            ("Bildung zu Lieferketten", "Workshops für Schulen und Weltläden.", ["bildung", "fairer handel"]),
            ("Röstkurse für Cafés", "Einen Tag lang selbst rösten und verkosten.",
             ["kaffee", "bildung"]),
        ],
        "needs": [
            ("Lagerfläche im Hafen", "Trocken, 200 m².", ["lager", "logistik"]),
            ("Onlineshop mit Abo-Funktion", "Open Source bevorzugt.",
             ["onlineshop", "webentwicklung", "open source"]),
        ],
        "members": (10, 900), "founded": (2006, 2020),
    },
    {
        "key": "pflege",
        "names": ["Pflegegenossenschaft {city} eG", "Hebammen-Kooperative {region} eG"],
        "kind": "cooperative", "legal_form": "eg", "sectors": ["health", "social"],
        "collaboration": ["pilot", "peer_feedback"],
        "description": "Pflegekräfte in {city} organisieren ihre Arbeit selbst: kleine Teams, verlässliche "
        "Dienstpläne, mehr Zeit für Menschen.",
        "offers": [
            ("Ambulante Pflege im Quartier", "Teams von vier bis sechs Pflegekräften.",
             ["pflege", "quartier"]),
            ("Schulungen für pflegende Angehörige", "Abends und online.", ["bildung", "pflege"]),
            ("Beratung zur Gründung einer Pflegegenossenschaft",
             "Wie Pflegekräfte ihren eigenen Dienst aufbauen.",
             ["pflege", "genossenschaftsgründung", "beratung"]),
        ],
        "needs": [
            ("Dienstplan-Software", "Selbstorganisierte Teams, Open Source.",
             ["dienstplan", "software", "open source"]),
            ("Fördermittelberatung", "Für den Aufbau eines zweiten Teams.", ["fördermittel", "beratung"]),
        ],
        "members": (10, 70), "founded": (2015, 2024),
    },
    {
        "key": "coworking",
        "names": ["Coworking Genossenschaft {city} eG", "Gemeinschaftsbüro {region} eG"],
        "kind": "cooperative", "legal_form": "eg", "sectors": ["consulting", "culture"],
        "collaboration": ["infrastructure", "peer_feedback"],
        "description": "Arbeitsplätze, Werkstatt und Seminarräume in {city}, getragen von den Menschen, die "
        "hier arbeiten.",
        "offers": [
            ("Arbeitsplätze und Seminarräume", "Tageweise oder fest, mit Küche.",
             ["coworking", "räume", "veranstaltungen"]),
            ("Moderation von Workshops", "Soziokratie, Open Space, Großgruppen.",
             ["moderation", "workshops"]),
            ("Werkstattplätze mit Maschinen", "Holz- und Metallwerkstatt zur Mitnutzung.",
             ["werkstatt", "coworking"]),
        ],
        "needs": [
            ("Buchungssystem für Räume", "Mit Mitgliederpreisen.", ["buchungssystem", "software"]),
            ("Photovoltaik für das Hallendach", "Eigenverbrauch für Büros und Werkstatt.", ["photovoltaik"]),
        ],
        "members": (25, 140), "founded": (2012, 2023),
    },
    {
        "key": "bildung",
        "names": ["Bildungskollektiv {city}", "Akademie für Kooperation {region} e.V."],
        "kind": "association", "legal_form": "ev", "sectors": ["education"],
        "collaboration": ["knowledge", "peer_feedback"],
        "description": "Wir vermitteln Wissen über Selbstorganisation, Genossenschaften und solidarisches "
        "Wirtschaften, in {city} und online.",
        "offers": [
            ("Workshops zu Soziokratie und Selbstorganisation", "Für Teams und Vorstände.",
             ["workshops", "moderation", "selbstorganisation"]),
            ("Weiterbildung Genossenschaftswesen", "Kurse für Gründungsgruppen.",
             ["bildung", "genossenschaftsgründung"]),
        ],
        "needs": [
            ("Lernplattform als Open Source", "Für Kurse mit 200 Teilnehmenden.",
             ["lernplattform", "open source", "software"]),
        ],
        "members": (8, 40), "founded": (2004, 2020),
    },
    {
        "key": "forschung",
        "names": ["Forschungsstelle Kooperative Ökonomie {city}", "Institut für Genossenschaftswesen {city}"],
        "kind": "research", "legal_form": "other", "sectors": ["education"],
        "collaboration": ["knowledge", "peer_feedback", "funding"],
        "description": "Wir erforschen von {city} aus, wie Genossenschaften wirken, und machen unsere "
        "Ergebnisse frei zugänglich (Open Access).",
        "offers": [
            ("Wirkungsmessung und Evaluation", "Indikatoren, Befragungen, Berichte.",
             ["evaluation", "forschung", "wirkungsmessung"]),
            ("Wissenschaftliche Begleitung von Pilotprojekten", "Auch für Förderanträge.",
             ["forschung", "pilot"]),
        ],
        "needs": [
            ("Praxispartner für Studien", "Genossenschaften, die Daten teilen.",
             ["praxispartner", "forschung"])
        ],
        "members": None, "founded": (1970, 2015),
    },
    {
        "key": "verband",
        "names": ["Netzwerk Kooperative Wirtschaft {region} e.V.", "Genossenschaftsverbund {region} e.V."],
        "kind": "network", "legal_form": "ev", "sectors": ["consulting"],
        "collaboration": ["knowledge", "tenders", "peer_feedback"],
        "description": "Der Zusammenschluss der Genossenschaften und Kollektive in {region}: Vernetzung, "
        "Interessenvertretung und gemeinsame Ausschreibungen.",
        "offers": [
            ("Vernetzung und Veranstaltungen", "Stammtische, Fachtage, Mentoring.",
             ["vernetzung", "veranstaltungen"]),
            ("Prüfung und Beratung", "Über unseren Partner-Prüfungsverband.",
             ["genossenschaftsprüfung", "beratung"]),
        ],
        "needs": [
            ("Mitgliederverwaltung für den Verband", "Für 120 Mitgliedsorganisationen.",
             ["mitgliederverwaltung", "software"]),
            ("Kommunikation und Social Media", "Jemand, der unsere Kanäle betreut.",
             ["kommunikation", "social media"]),
        ],
        "members": (30, 200), "founded": (1990, 2018),
    },
    {
        "key": "finanzen",
        "names": ["Bürgerfonds {region} eG", "Regionalwert {region} AG"],
        "kind": "supporter", "legal_form": "ag", "sectors": ["finance"],
        "collaboration": ["funding"],
        "description": "Bürgerinnen und Bürger investieren in {region} in Betriebe der regionalen, "
        "ökologischen und solidarischen Wirtschaft.",
        "offers": [
            ("Nachrangdarlehen für Gründungen", "5.000 bis 150.000 Euro.", ["finanzierung", "darlehen"]),
            ("Crowdfunding-Begleitung", "Kampagne, Vertrag, Kommunikation.",
             ["crowdfunding", "finanzierung"]),
        ],
        "needs": [
            ("Wirkungsberichte unserer Beteiligungen", "Einheitliche Indikatoren.",
             ["wirkungsmessung", "evaluation"])
        ],
        "members": (300, 2500), "founded": (2006, 2019),
    },
    {
        "key": "kommune",
        "names": ["Wirtschaftsförderung {city}", "Stadtwerke {city}"],
        "kind": "public_body", "legal_form": "other", "sectors": ["energy", "consulting"],
        "collaboration": ["pilot", "funding", "tenders"],
        "description": "Die Stadt {city} unterstützt gemeinwohlorientierte Unternehmen mit Beratung, Flächen "
        "und Pilotprojekten.",
        "offers": [
            ("Dachflächen öffentlicher Gebäude", "Für Bürgerenergie-Projekte.",
             ["dachflächen", "photovoltaik"]),
            ("Förderprogramm Quartier", "Zuschüsse bis 20.000 Euro.", ["fördermittel", "quartier"]),
        ],
        "needs": [("Pilotprojekte für emissionsfreie Logistik", "Lastenräder in der Innenstadt.",
                   ["pilot", "logistik", "lastenrad"])],
        "members": None, "founded": (1950, 2010),
    },
    {
        "key": "holzbau",
        "names": ["Zimmerei-Kollektiv {city} eG", "Holzbau {region} eG"],
        "kind": "collaborative", "legal_form": "eg", "sectors": ["manufacturing", "housing"],
        "collaboration": ["implementation", "tenders"],
        "description": "Zimmerinnen und Zimmerer in {region}: ökologischer **Holzbau**, Aufstockungen und "
        "Tiny Houses, gemeinsam geplant und im Kollektiv gebaut.",
        "offers": [
            ("Holzbau und Aufstockung", "Planung und Ausführung.", ["holzbau", "bauen"]),
            ("Tiny-House-Workshops", "Selbstbau unter Anleitung.", ["workshops", "holzbau"]),
        ],
        "needs": [
            ("Buchhaltung und Lohnabrechnung", "Für 14 Beschäftigte.",
             ["buchhaltung", "lohnabrechnung"])
        ],
        "members": (5, 20), "founded": (1998, 2020),
    },
]  # fmt: skip

# Projects: owning archetype (the first organisation of it owns the project), texts, stage, what it seeks,
# tags, competencies it needs, sectors, visibility, specific top-level feedback (kind, body, and for an offer
# that speaks of the offering organisation's own work the archetype it comes from) and updates.
PROJECTS = [
    {
        "owner": "lastenrad", "title": "Gemeinsame Lastenrad-Logistik für die Innenstadt",
        "summary": "Läden, Solawis und Druckereien teilen sich eine genossenschaftliche Lastenrad-Flotte "
        "für die letzte Meile.",
        "body": "### Ausgangslage\n\nViele kleine Betriebe liefern einzeln mit Transportern in die "
        "Innenstadt. Das ist teuer, laut und verstopft die Straßen.\n\n### Idee\n\n- ein gemeinsamer "
        "**Mikro-Hub** am Rand der Innenstadt\n- Zustellung per Lastenrad, gebündelt über alle "
        "Partner\n- Abrechnung nach Kisten, transparent für alle Mitglieder\n\n### Was wir suchen\n\n"
        "Partner mit Lieferbedarf und eine "
        "Open-Source-Software für Touren und Abrechnung.",
        "stage": "pilot", "seeking": ["partners", "pilot_users"],
        "tags": ["lastenrad", "logistik", "letzte meile"],
        "competencies": ["buchungssystem", "open source"], "sectors": ["mobility", "environment"],
        "visibility": "public",
        "feedback": [
            ("question", "Wie wollt ihr die Kosten zwischen großen und kleinen Partnern fair aufteilen?"),
            ("offer", "Wir liefern jede Woche 120 Kisten in die Stadt und würden den Hub gerne mit testen.",
             "solawi"),
            ("concern", "Ein Hub am Stadtrand braucht Fläche. Habt ihr mit der Stadt schon über "
             "Zwischennutzung gesprochen?"),
            ("praise", "Genau so etwas fehlt bei uns. Toll, dass ihr das angeht!"),
        ],
        "updates": [("Version 2: Kostenmodell nach Kisten", "Nach dem Feedback rechnen wir pro Kiste ab, "
                     "mit einem Sockelbetrag für kleine Partner.", "Kostenmodell überarbeitet")],
    },
    {
        "owner": "solar", "title": "Mieterstrom für Genossenschaftswohnungen",
        "summary": "Solarstrom vom eigenen Dach direkt an die Bewohnerinnen und Bewohner, ohne Umweg über "
        "den Netzbetreiber.",
        "body": "Wir wollen mit Wohnungsgenossenschaften ein **übertragbares Mieterstrommodell** entwickeln: "
        "Verträge, Messkonzept, Abrechnung.\n\n1. Pilot mit zwei Wohnprojekten\n2. Musterverträge "
        "veröffentlichen\n3. Ausrollen in der Region",
        "stage": "concept", "seeking": ["partners", "cofunding"], "tags": ["photovoltaik", "mieterstrom"],
        "competencies": ["energieberatung", "rechtsberatung"], "sectors": ["energy", "housing"],
        "visibility": "public",
        "feedback": [
            ("question", "Welches Messkonzept plant ihr? Summenzähler oder virtuelle Zählpunkte?"),
            ("idea", "Schaut euch das Modell der gemeinschaftlichen Gebäudeversorgung an, das ist seit "
             "Kurzem deutlich einfacher."),
            ("offer", "Unser Flachdach hat 400 m² und wir suchen genau so ein Modell.", "wohnen"),
        ],
        "updates": [],
    },
    {
        "owner": "software", "title": "Open-Source-Mitgliederverwaltung für Genossenschaften",
        "summary": "Eine freie Software für Mitgliederlisten, Geschäftsanteile, Beitritte und die "
        "Generalversammlung.",
        "body": "Viele Genossenschaften verwalten ihre Mitglieder in Tabellen. Wir bauen eine "
        "**Open-Source-Lösung**, die\n\n- Geschäftsanteile und Kündigungsfristen kennt,\n- den "
        "Online-Beitritt mit Unterschrift erlaubt,\n- Einladungen zur Generalversammlung "
        "verschickt.\n\nDer Prototyp läuft; wir suchen Genossenschaften, die ihn testen.",
        "stage": "prototype", "seeking": ["pilot_users", "feedback"],
        "tags": ["open source", "mitgliederverwaltung", "software"], "competencies": ["datenschutz"],
        "sectors": ["it", "platforms"], "visibility": "public",
        "first_by_demo": True,  # the demo member asks the first question, so that they get replies
        "feedback": [
            ("question", "Kann man Daten aus einer Excel-Tabelle importieren?"),
            ("concern", "Bitte denkt früh an die Auftragsverarbeitung nach DSGVO, sonst dürfen viele Vereine "
             "das nicht nutzen."),
            ("offer", "Wir hosten das gerne für Genossenschaften, die keinen eigenen Server haben.",
             "hosting"),
            ("idea", "Eine Schnittstelle zur Buchhaltung für Geschäftsanteile wäre Gold wert."),
        ],
        "updates": [("Version 1: Import und Datenschutz", "CSV-Import und ein Mustervertrag zur "
                     "Auftragsverarbeitung sind fertig.", "Import, AV-Vertrag"),
                    ("Version 2: Schnittstelle zur Buchhaltung", "Geschäftsanteile werden jetzt als "
                     "Buchungen exportiert.", "Buchhaltungsexport")],
    },
    {
        "owner": "solawi", "title": "Solawi-Kisten per Lastenrad in die Stadt",
        "summary": "Statt mit dem Transporter wollen wir unsere Ernteanteile mit Lastenrädern zu den Depots "
        "bringen.",
        "body": "Jede Woche fahren wir 120 Kisten zu acht Depots. Wir suchen einen **Logistikpartner mit "
        "Lastenrädern** und wollen gemeinsam klären, ob sich ein Umschlagpunkt am Stadtrand lohnt.",
        "stage": "idea", "seeking": ["partners"], "tags": ["solawi", "lastenrad", "logistik"],
        "competencies": ["logistik"], "sectors": ["agriculture", "mobility"], "visibility": "public",
        "feedback": [
            ("offer", "Wir fahren ohnehin zweimal die Woche in euer Viertel und hätten Kapazität.",
             "lastenrad"),
            ("question", "Wie schwer sind die Kisten? Ab 30 kg wird es für manche Räder knapp."),
        ],
        "updates": [],
    },
    {
        "owner": "kurier", "title": "Faire Lieferplattform für lokale Läden",
        "summary": "Eine Lieferplattform, die den Kurierinnen und Kurieren gehört, für Läden, die nicht bei "
        "den großen Plattformen mitmachen wollen.",
        "body": "Die Plattform läuft in einer Stadt mit 35 Läden. Jetzt wollen wir sie **in weitere Städte "
        "bringen**: als Föderation eigenständiger Kurier-Genossenschaften, die sich die Software teilen.",
        "stage": "scaling", "seeking": ["cofunding", "partners"],
        "tags": ["plattform", "lieferdienst", "app-entwicklung"],
        "competencies": ["app-entwicklung", "finanzierung"],
        "sectors": ["platforms", "mobility"], "visibility": "public",
        "feedback": [
            ("question", "Wie regelt ihr in der Föderation, wer über die Weiterentwicklung der Software "
             "entscheidet?"),
            ("offer", "Wir können die Expansion mit Nachrangdarlehen begleiten.", "finanzen"),
            ("praise", "Wir bestellen seit einem Jahr über euch. Zuverlässig und freundlich!"),
        ],
        "updates": [("Version 1: Föderationsvertrag", "Jede Stadt hat eine Stimme im Software-Rat.",
                     "Governance geklärt")],
    },
    {
        "owner": "wohnen", "title": "Quartiers-Carsharing im Wohnprojekt",
        "summary": "Zwei E-Autos für Bewohnerinnen und Nachbarn, geladen mit Strom vom eigenen Dach.",
        "body": "Seit drei Monaten teilen sich 60 Haushalte zwei E-Autos. Wir testen, ob das Modell auch für "
        "die **Nachbarschaft** geöffnet werden kann.",
        "stage": "pilot", "seeking": ["pilot_users"], "tags": ["carsharing", "elektromobilität"],
        "competencies": ["flottenmanagement"], "sectors": ["housing", "mobility"], "visibility": "public",
        "feedback": [
            ("question", "Wie ist die Versicherung geregelt, wenn Nachbarn fahren?"),
            ("offer", "Wir betreiben 40 Autos und können die Buchung und Versicherung übernehmen.",
             "carsharing"),
        ],
        "updates": [],
    },
    {
        "owner": "hosting", "title": "Nextcloud-Verbund für Vereine und Genossenschaften",
        "summary": "Mehrere Hosting-Kooperativen bieten gemeinsam Nextcloud an, mit gegenseitiger "
        "Vertretung und Backups.",
        "body": "Kleine Hoster sind verwundbar, wenn jemand krank wird. Im **Verbund** vertreten wir uns "
        "gegenseitig, spiegeln Backups und teilen ein Support-Wiki.",
        "stage": "scaling", "seeking": ["partners", "knowledge"],
        "tags": ["hosting", "nextcloud", "datenschutz"],
        "competencies": ["hosting", "open source"], "sectors": ["it"], "visibility": "public",
        "feedback": [
            ("concern", "Wer haftet, wenn ein Backup beim Partner fehlt?"),
            ("praise", "Endlich eine Alternative zu den großen Clouds für unseren Verein."),
        ],
        "updates": [],
    },
    {
        "owner": "repair", "title": "Reparatur-Netzwerk mit offener Ersatzteil-Datenbank",
        "summary": "Repair-Cafés sammeln, welche Ersatzteile wo zu bekommen sind, und teilen ihr Wissen.",
        "body": "Oft scheitert eine Reparatur am fehlenden Teil. Wir wollen eine **offene Datenbank** "
        "aufbauen: Gerät, Teil, Bezugsquelle, Anleitung.",
        "stage": "idea", "seeking": ["knowledge", "feedback"], "tags": ["reparatur", "kreislaufwirtschaft"],
        "competencies": ["open source", "datenbank"], "sectors": ["environment"], "visibility": "public",
        "feedback": [
            ("idea", "Es gibt schon offene Datensätze zu Reparaturen, die man anbinden könnte."),
            ("question", "Wer pflegt die Daten langfristig?"),
        ],
        "updates": [],
    },
    {
        "owner": "pflege", "title": "Dienstplan-App für selbstorganisierte Pflegeteams",
        "summary": "Teams planen ihre Dienste selbst, fair und nachvollziehbar, auf dem Handy.",
        "body": "Wir haben die Anforderungen mit drei Teams gesammelt. Jetzt suchen wir **Entwicklungs"
        "partner** und eine Förderung für den ersten Prototyp.",
        "stage": "concept", "seeking": ["partners", "cofunding"], "tags": ["dienstplan", "pflege"],
        "competencies": ["app-entwicklung", "software", "fördermittel"], "sectors": ["health", "it"],
        "visibility": "public",
        "feedback": [
            ("offer", "Das passt zu unserer Erfahrung mit barrierearmen Apps. Lasst uns sprechen.",
             "software"),
            ("concern", "Dienstpläne sind mitbestimmungspflichtig. Habt ihr das arbeitsrechtlich geprüft?"),
        ],
        "updates": [],
    },
    {
        "owner": "buchhaltung", "title": "Jahresabschluss-Service für Kleingenossenschaften",
        "summary": "Ein fester Preis für den Jahresabschluss kleiner Genossenschaften, abgestimmt mit dem "
        "Prüfungsverband.",
        "body": "Nach zwei Jahren Pilot mit 25 Genossenschaften ist der Service **abgeschlossen und im "
        "Regelbetrieb**. Hier sammeln wir, was wir gelernt haben.",
        "stage": "completed", "seeking": ["feedback"], "tags": ["buchhaltung", "jahresabschluss"],
        "competencies": [], "sectors": ["finance", "consulting"], "visibility": "public",
        "feedback": [("praise", "Hat uns viel Stress erspart, danke!")],
        "updates": [],
    },
    {
        "owner": "bildung", "title": "Online-Kurs: Genossenschaft gründen in acht Wochen",
        "summary": "Ein offener Kurs für Gründungsgruppen, mit Videos, Aufgaben und Sprechstunden.",
        "body": "Die ersten vier Module sind fertig. Wir suchen **Feedback** von Gründungsgruppen und "
        "Praktikerinnen, die als Gäste in den Sprechstunden auftreten.",
        "stage": "prototype", "seeking": ["feedback", "knowledge"],
        "tags": ["bildung", "genossenschaftsgründung"], "competencies": ["lernplattform"],
        "sectors": ["education"], "visibility": "public",
        "feedback": [
            ("idea", "Ein Modul zur Satzung mit echten Beispielen wäre hilfreich."),
            ("offer", "Wir kommen gerne als Gäste in eine Sprechstunde.", "beratung"),
        ],
        "updates": [],
    },
    {
        "owner": "kaffee", "title": "Kaffee-Abo mit transparenter Lieferkette",
        "summary": "Betriebe abonnieren Kaffee und sehen für jede Lieferung, was bei den Bäuerinnen ankommt.",
        "body": "Das Abo läuft mit zwölf Betrieben. Im **Pilot** testen wir eine Seite, die pro Sack den "
        "Preis an der Farm zeigt.",
        "stage": "pilot", "seeking": ["pilot_users"], "tags": ["kaffee", "fairer handel"],
        "competencies": ["onlineshop"], "sectors": ["retail"], "visibility": "public",
        "feedback": [("question", "Könnt ihr auch an Genossenschaften ohne eigene Kantine liefern?")],
        "updates": [],
    },
    {
        "owner": "verband", "title": "Digitale Generalversammlung: Leitfaden und Werkzeuge",
        "summary": "Was rechtlich geht und welche freien Werkzeuge sich für Abstimmungen eignen.",
        "body": "Wir sammeln Erfahrungen unserer Mitglieder mit **hybriden und digitalen** "
        "Generalversammlungen und schreiben daraus einen Leitfaden.",
        "stage": "concept", "seeking": ["knowledge", "feedback"],
        "tags": ["generalversammlung", "open source"],
        "competencies": ["rechtsberatung"], "sectors": ["consulting"], "visibility": "network",
        "feedback": [("question", "Braucht es für digitale Versammlungen eine Satzungsänderung?")],
        "updates": [],
    },
    {
        "owner": "coworking", "title": "Raumbörse für Gemeinschaftsräume",
        "summary": "Genossenschaften teilen freie Räume mit anderen Initiativen.",
        "body": "Ein erster Entwurf; noch nicht öffentlich.", "stage": "idea", "seeking": ["partners"],
        "tags": ["räume", "buchungssystem"], "competencies": [], "sectors": ["consulting"],
        "visibility": "draft", "feedback": [], "updates": [],
    },
    {
        "owner": "forschung", "title": "Offenes Indikatorenset zur Wirkungsmessung",
        "summary": "Zwanzig Indikatoren, mit denen Genossenschaften ihre Wirkung vergleichbar beschreiben.",
        "body": "Der Entwurf ist mit fünf Genossenschaften erprobt. Wir suchen **Pilotanwender** aus "
        "anderen Branchen und Rückmeldungen zur Verständlichkeit.",
        "stage": "prototype", "seeking": ["pilot_users", "knowledge"],
        "tags": ["wirkungsmessung", "evaluation"],
        "competencies": ["forschung"], "sectors": ["education", "finance"], "visibility": "public",
        "feedback": [
            ("idea", "Ein Indikator zur Mitbestimmung der Mitglieder fehlt noch."),
            ("offer", "Wir wollen das Set für unsere 30 Beteiligungen nutzen.", "finanzen"),
        ],
        "updates": [("Version 1: Indikator Mitbestimmung", "Neu: Beteiligung an Generalversammlungen.",
                     "Indikator ergänzt")],
    },
]  # fmt: skip

# Generic top-level feedback by kind, used beside the project-specific items above.
FEEDBACK = {
    "question": [
        "Wie wollt ihr die Mitglieder in die Entscheidungen einbinden?",
        "Gibt es schon eine Kostenschätzung für das erste Jahr?",
        "Wie viele Partner braucht ihr mindestens, damit sich das trägt?",
        "Welche Rolle spielt ehrenamtliche Arbeit in eurem Modell?",
        "Habt ihr geprüft, ob es dafür Fördermittel vom Land gibt?",
        "Wo kann man den aktuellen Stand einsehen?",
    ],
    "idea": [
        "Vielleicht lohnt sich ein gemeinsamer Termin mit dem Prüfungsverband, bevor ihr weiterplant.",
        "Startet klein in einem Stadtteil und wertet nach drei Monaten aus.",
        "Ihr könntet die Dokumentation unter einer freien Lizenz veröffentlichen, dann können andere "
        "Regionen mitmachen.",
        "Eine kurze Umfrage unter den Mitgliedern würde zeigen, wie groß der Bedarf wirklich ist.",
        "Kooperiert mit der Hochschule vor Ort, dort gibt es oft Studierende für Abschlussarbeiten.",
    ],
    "concern": [
        "Der Zeitplan wirkt sehr ambitioniert für ein ehrenamtliches Team.",
        "Was passiert, wenn die Förderung nach zwei Jahren ausläuft?",
        "Ich sehe ein Risiko bei der Abhängigkeit von einem einzelnen Dienstleister.",
        "Die Haftungsfragen solltet ihr vor dem Start klären.",
    ],
    "praise": [
        "Super Projekt, genau das brauchen wir in unserer Region auch!",
        "Sehr gut beschrieben, man versteht sofort, worum es geht.",
        "Danke, dass ihr eure Erfahrungen so offen teilt.",
    ],
    "offer": [
        "Wir haben so etwas schon einmal umgesetzt und teilen gerne unsere Unterlagen.",
        "Meldet euch, wir können mit unserem Angebot unterstützen.",
        "Wir hätten Interesse, als Pilotpartner mitzumachen.",
    ],
}

# Replies: from the project's authors, and from others.
AUTHOR_REPLIES = [
    "Danke für den Hinweis! Das nehmen wir in die nächste Version auf.",
    "Gute Frage. Wir haben dazu einen ersten Entwurf und stellen ihn nächste Woche hier ein.",
    "Das haben wir bisher unterschätzt, danke! Können wir dazu kurz telefonieren?",
    "Ja, genau so ist es geplant. Details stehen jetzt im Abschnitt **Idee**.",
    "Wir klären das gerade mit unserem Prüfungsverband und melden uns.",
]
OTHER_REPLIES = [
    "Das sehen wir genauso, bei uns war das auch der schwierigste Punkt.",
    "Wir haben dafür eine Vorlage, die ich gerne teile.",
    "Ergänzend: Bei uns hat es geholfen, eine Arbeitsgruppe nur dafür zu bilden.",
    "Gibt es dazu schon Erfahrungen aus anderen Städten?",
    "+1, das würde uns auch interessieren.",
    "Ich würde das eher schrittweise angehen, sonst wird es schnell zu viel.",
]

DEMO_PASSWORD = "demo-innovex-2026"
DEMO_LOGINS = [
    ("mitglied@demo.innovex.coop", "Demo Mitglied", "member"),
    ("moderation@demo.innovex.coop", "Demo Moderation", "moderator"),
    ("admin@demo.innovex.coop", "Demo Admin", "admin"),
]

# Moderation demo: reports by members (reason, note), the moderators' impulse and their logged actions.
AUTO_HIDDEN_REPORTS = [
    ("spam", "Reine Werbung für einen Onlineshop, kein Bezug zum Projekt."),
    ("spam", ""),
    ("off_topic", "Hat mit dem Projekt nichts zu tun."),
]
OPEN_REPORTS = [
    [("offensive", "Der Ton ist unnötig herablassend.")],
    [("off_topic", "Gehört eher in ein anderes Projekt."), ("other", "")],
]
FEATURE_REASON = "Ein gelungenes Beispiel für Zusammenarbeit zwischen Genossenschaften."
PIN_REASON = "Beantwortet die häufigste Frage in diesem Projekt."
WARN_REASON = "Bitte bleiben Sie beim Thema und sachlich."
WARN_NOTE = "Zweiter Hinweis aus dem Netzwerk; bei Wiederholung Sperre erwägen."
IMPULSE = {
    "kind": "call",
    "title": "Aufruf: Partner für genossenschaftliche Mobilität gesucht",
    "body": (
        "Mehrere Projekte im Netzwerk suchen **Umsetzungspartner** für Lastenräder, Carsharing "
        "und Logistik.\n\n"
        "- Sie betreiben Fahrzeuge oder Werkstätten?\n"
        "- Sie haben Erfahrung mit Flottenmanagement?\n\n"
        "Melden Sie Ihr Interesse direkt bei den verlinkten Projekten."
    ),
    "deadline_days": 21,
    "sectors": ["mobility"],
}

# Events of the demo: two upcoming, one past. `organiser` is "member" (the demo member's organisation) or
# "moderators"; times are wall-clock times in Europe/Berlin, `days` from the day of seeding.
EVENTS = [
    {
        "title": "Werkstatt: Lastenräder gemeinsam nutzen",
        "description": (
            "Wie teilen Genossenschaften ihre Lastenräder? Wir zeigen **Buchung, Wartung und Versicherung** "
            "aus drei Pilotprojekten.\n\n- Erfahrungsberichte\n- offene Fragen\n- nächste Schritte"
        ),
        "organiser": "member",
        "days": 12,
        "hour": 17,
        "hours": 2,
        "address": "Karl-Heine-Straße 22",
        "city": "Leipzig",
        "online_url": "",
        "sectors": ["mobility"],
    },
    {
        "title": "Netzwerktreffen online: Plattform-Genossenschaften",
        "description": (
            "Ein offenes Treffen für alle Mitglieder: Neuigkeiten aus dem Netzwerk und Zeit für Fragen."
        ),
        "organiser": "moderators",
        "days": 26,
        "hour": 10,
        "hours": 1,
        "address": "",
        "city": "",
        "online_url": "https://meet.demo.innovex.coop/netzwerktreffen",
        "sectors": [],
    },
    {
        "title": "Rückblick: Energiegenossenschaften im Austausch",
        "description": "Das Treffen zu gemeinsamen Solardächern; die Folien liegen bei den Projekten.",
        "organiser": "moderators",
        "days": -9,
        "hour": 14,
        "hours": 3,
        "address": "Rathausplatz 1",
        "city": "Kassel",
        "online_url": "",
        "sectors": [],
    },
]
