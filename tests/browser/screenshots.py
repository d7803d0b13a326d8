"""Screenshots of the main pages with demo data, for docs/screenshots/ (not a test: pytest skips it).

Run from the repository root: `.venv/bin/python -m tests.browser.screenshots [--lang de|en]`.
"""

import argparse
import tempfile
from pathlib import Path

import sqlalchemy as sa
from playwright.sync_api import sync_playwright

from innovex import seed_data
from innovex.extensions import db
from innovex.models import Actor, Feedback, Notification, Offering, Project, User
from tests.browser.live import CHROMIUM, CHROMIUM_ARGS, LiveServer, build_app

OUTPUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def seed(app) -> dict:
    """Run `flask seed-demo` and pick the pages worth showing: the richest profile, thread and inbox."""
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    if result.exit_code != 0:
        raise SystemExit(f"seed-demo failed:\n{result.output}")
    with app.app_context():
        actor = db.session.scalars(
            sa.select(Actor)
            .join(Offering)
            .where(Actor.status == "active")
            .group_by(Actor.id)
            .order_by(sa.func.count(Offering.id).desc(), Actor.id)
        ).first()
        project = db.session.scalars(
            sa.select(Project)
            .join(Feedback)
            .where(Project.visibility == "public")
            .group_by(Project.id)
            .order_by(sa.func.count(Feedback.id).desc(), Project.id)
        ).first()
        emails = [email for email, _name, _role in seed_data.DEMO_LOGINS]
        reader = db.session.execute(
            sa.select(User.email)
            .join(Notification, Notification.user_id == User.id)
            .where(User.email.in_(emails))
            .group_by(User.id)
            .order_by(sa.func.count(Notification.id).desc())
        ).scalar()
        return {"actor": actor.slug, "project": project.slug, "reader": reader or emails[0]}


MODERATOR = "moderation@demo.innovex.coop"


def login(page, email: str) -> None:
    page.goto("/auth/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(seed_data.DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def shoot(base_url: str, picks: dict, language: str) -> list[Path]:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    pages = [
        ("home", "/"),
        ("directory", "/organisations/"),
        ("organisation", f"/organisations/{picks['actor']}"),
        ("projects", "/projects/"),
        ("project", f"/projects/{picks['project']}"),
        ("search", "/search/?q=Lastenrad"),
        ("map", "/map/"),
        ("statistics", "/statistics/"),
        ("roadmap", "/roadmap/"),
        ("solutions", "/solutions/"),
        ("cooperative", "/cooperative/"),
    ]
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=base_url, locale=language, viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        for name, path in pages:
            page.goto(path)
            saved.append(OUTPUT / f"{name}.png")
            page.screenshot(path=str(saved[-1]), full_page=True)
        login(page, picks["reader"])
        page.goto("/notifications/")
        saved.append(OUTPUT / "notifications.png")
        page.screenshot(path=str(saved[-1]), full_page=True)
        context.clear_cookies()
        login(page, MODERATOR)
        for name, path in (
            ("moderation-queue", "/moderation/queue"),
            ("moderation-dashboard", "/moderation/dashboard"),
        ):
            page.goto(path)
            saved.append(OUTPUT / f"{name}.png")
            page.screenshot(path=str(saved[-1]), full_page=True)
        browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="de", choices=["de", "en"], help="the browser's language")
    language = parser.parse_args().lang
    with tempfile.TemporaryDirectory() as tmp:
        # The demo moderator has no authenticator app; pictures of the moderation pages do not need one.
        app = build_app(Path(tmp), REQUIRE_2FA_FOR_STAFF=False)
        picks = seed(app)
        with LiveServer(app) as server:
            for path in shoot(server.url, picks, language):
                print(path)


if __name__ == "__main__":
    main()
