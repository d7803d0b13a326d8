"""The roadmap part of the demo: two themes with milestones in every state, and projects of the demo
attached to them, written through the roadmap's services so the demo's log reads like a real one."""

from datetime import date, datetime

from innovex.models import Project, RoadmapTheme, User
from innovex.roadmap import services

# theme name, goal, horizon (years from now), milestones: (title, years from now, state, project titles)
THEMES = (
    (
        "Mobilität",
        "Bis zum Horizont teilen die Genossenschaften des Netzwerks **Lastenräder und Autos** über eine "
        "gemeinsame Buchung, statt jede für sich ein Fahrzeug zu halten.",
        4,
        (
            (
                "Erste Lastenrad-Flotte in Leipzig",
                -1,
                "reached",
                ("Gemeinsame Lastenrad-Logistik für die Innenstadt",),
            ),
            (
                "Gemeinsame Buchung für Rad und Auto",
                1,
                "in_progress",
                ("Quartiers-Carsharing im Wohnprojekt", "Solawi-Kisten per Lastenrad in die Stadt"),
            ),
            ("Zehn Städte im Verbund", 3, "planned", ()),
        ),
    ),
    (
        "Energie",
        "Jede Wohnungsgenossenschaft im Netzwerk kann ihren Mitgliedern **Mieterstrom** anbieten, mit "
        "gemeinsamer Abrechnung und offenen Werkzeugen.",
        5,
        (
            (
                "Musterverträge für Mieterstrom",
                0,
                "in_progress",
                ("Mieterstrom für Genossenschaftswohnungen",),
            ),
            (
                "Gemeinsame Abrechnung",
                2,
                "planned",
                ("Open-Source-Mitgliederverwaltung für Genossenschaften",),
            ),
        ),
    ),
)


def _years(now: datetime, years: int) -> date:
    day = now.date()
    return day.replace(year=day.year + years, day=min(day.day, 28))


def seed_roadmap(now: datetime, moderator: User, projects: list[Project]) -> list[RoadmapTheme]:
    by_title = {project.title: project for project in projects if project.visibility != "draft"}
    themes = []
    for name, goal, horizon, milestones in THEMES:
        theme = services.create_theme(
            moderator, {"name": name, "goal": goal, "horizon_on": _years(now, horizon)}
        )
        for title, years, state, titles in milestones:
            when = _years(now, years)
            milestone = services.add_milestone(
                theme,
                moderator,
                {
                    "title": title,
                    "due_on": when,
                    "state": state,
                    "reached_on": when if state == "reached" else None,
                },
            )
            for project_title in titles:
                if project_title in by_title:
                    services.link(milestone, moderator, "project", by_title[project_title].slug)
        themes.append(theme)
    return themes
