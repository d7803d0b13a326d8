"""Bilingual taxonomies seeded into the database: (slug, German label, English label).

Sectors start from the ESSGLOBAL activity vocabulary (http://purl.org/essglobal/standard/activities),
grouped to the level a cooperative network browses by.
"""

SECTORS = [
    ("agriculture", "Landwirtschaft und Ernährung", "Agriculture and food"),
    ("housing", "Wohnen", "Housing"),
    ("energy", "Energie", "Energy"),
    ("mobility", "Mobilität und Logistik", "Mobility and logistics"),
    ("it", "Software und IT", "Software and IT"),
    ("platforms", "Digitale Plattformen", "Digital platforms"),
    ("finance", "Finanzen und Versicherung", "Finance and insurance"),
    ("health", "Gesundheit und Pflege", "Health and care"),
    ("education", "Bildung und Forschung", "Education and research"),
    ("culture", "Kultur, Medien und Kreativwirtschaft", "Culture, media and creative industries"),
    ("retail", "Handel und Konsum", "Retail and consumption"),
    ("manufacturing", "Handwerk und Produktion", "Crafts and manufacturing"),
    ("consulting", "Beratung und Dienstleistungen", "Consulting and services"),
    ("social", "Soziale Dienste", "Social services"),
    ("environment", "Umwelt und Kreislaufwirtschaft", "Environment and circular economy"),
    ("tourism", "Tourismus und Gastronomie", "Tourism and hospitality"),
]

COLLABORATION_FORMS = [
    ("implementation", "Umsetzungspartner", "Implementation partner"),
    ("peer_feedback", "Peer-Feedback", "Peer feedback"),
    ("knowledge", "Wissensaustausch", "Knowledge exchange"),
    ("tenders", "Gemeinsame Ausschreibungen", "Joint tenders"),
    ("infrastructure", "Geteilte Infrastruktur", "Shared infrastructure"),
    ("funding", "Gemeinsame Finanzierung", "Joint funding"),
    ("pilot", "Pilotanwendung", "Pilot user"),
]
