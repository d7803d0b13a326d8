"""The solutions of the demo: two results of projects, one of them adopted by another project."""

from datetime import datetime, timedelta

from innovex import licences
from innovex.extensions import db
from innovex.models import Project, Solution, SolutionAdoption, SolutionBlock, SolutionLink

SOLUTIONS = [
    {
        "project": "Nextcloud-Verbund für Vereine und Genossenschaften",
        "title": "Nextcloud-Verbund-Baukasten",
        "slug": "nextcloud-verbund-baukasten",
        "summary": "Eine gemeinsam betriebene Nextcloud für viele kleine Organisationen, mit Vorlagen für "
        "Mandanten, Datensicherung und Einführungsschulung.",
        "body": "Der Baukasten beschreibt, wie mehrere Genossenschaften **eine** Nextcloud-Instanz teilen: "
        "jede Organisation bekommt einen eigenen Bereich, die Kosten werden nach Nutzerzahl geteilt.\n\n"
        "Zur Nachnutzung: Ansible-Rollen übernehmen, Mandantenvorlage anpassen, Schulungsfolien nutzen.",
        "licence": "AGPL-3.0-or-later",
        "requirements": "Ein Server mit 8 GB RAM, Grundkenntnisse in Linux-Administration.",
        "costs": "Etwa 40 € im Monat für den Server, geteilt durch die beteiligten Organisationen.",
        "blocks": [
            ("Mandantenvorlage", "legt Gruppen, Ordner und Rechte für eine neue Organisation an"),
            ("Ansible-Rollen", "installieren und aktualisieren die Instanz"),
            ("Schulungsfolien", "zwei Stunden Einführung für neue Mitglieder"),
        ],
        "links": [("Quellcode", "https://code.example/nextcloud-verbund")],
        "days_ago": 40,
    },
    {
        "project": "Faire Lieferplattform für lokale Läden",
        "title": "Offene Liefer-Disposition",
        "slug": "offene-liefer-disposition",
        "summary": "Eine Disposition für Lastenrad-Kurierdienste: Aufträge annehmen, Touren planen, "
        "Zustellungen bestätigen.",
        "body": "Die Disposition ist der Kern unserer Lieferplattform. Läden geben Aufträge ein, die "
        "Software bündelt sie zu Touren für Lastenräder.",
        "licence": "EUPL-1.2",
        "requirements": "Python-Hosting, eine PostgreSQL-Datenbank.",
        "costs": "Keine Lizenzkosten; Einrichtung etwa zwei Personentage.",
        "blocks": [
            ("Tourenplaner", "bündelt Aufträge nach Stadtteil und Zeitfenster"),
            ("Zustell-App", "Fahrer*innen bestätigen die Zustellung mit Foto"),
        ],
        "links": [
            ("Quellcode", "https://code.example/liefer-disposition"),
            ("Handbuch", "https://docs.example/liefer-disposition"),
        ],
        "days_ago": 20,
        "adopted_by": "Solawi-Kisten per Lastenrad in die Stadt",
    },
]


def seed_solutions(now: datetime, projects: list[Project]) -> list[Solution]:
    by_title = {project.title: project for project in projects}
    solutions = []
    for spec in SOLUTIONS:
        project = by_title[spec["project"]]
        published = now - timedelta(days=spec["days_ago"])
        solution = Solution(
            project=project,
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            body=spec["body"],
            licence=licences.normalise(spec["licence"]),
            requirements=spec["requirements"],
            costs=spec["costs"],
            contact="",
            published_by=project.author,
            published_at=published,
            updated_at=published,
            builders=list(project.owning_actors),
        )
        solution.blocks = [
            SolutionBlock(position=n, name=a, description=b) for n, (a, b) in enumerate(spec["blocks"])
        ]
        solution.links = [SolutionLink(position=n, label=a, url=b) for n, (a, b) in enumerate(spec["links"])]
        if "adopted_by" in spec:
            adopter = by_title[spec["adopted_by"]]
            solution.adoptions = [
                SolutionAdoption(
                    project=adopter, adopted_by=adopter.author, created_at=published + timedelta(days=3)
                )
            ]
        db.session.add(solution)
        solutions.append(solution)
    db.session.flush()
    return solutions
