"""innovex: a platform for the digital cooperative economy."""

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def resource_dir(name: str) -> Path:
    """templates/static/migrations: inside the installed package (wheel), else the checkout's top level."""
    packaged = Path(__file__).resolve().parent / f"_{name}"
    return packaged if packaged.is_dir() else ROOT / name


def create_app(config: dict | None = None) -> Flask:
    """Build the application: settings, extensions, blueprints, CLI and template helpers; no I/O."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(resource_dir("templates")),
        static_folder=str(resource_dir("static")),
        static_url_path="/static",
    )
    register_config(app, config)
    register_extensions(app)
    register_blueprints(app)
    register_cli(app)
    register_web(app)
    register_proxy(app)
    return app


def register_config(app: Flask, config: dict | None) -> None:
    from innovex import config as settings

    app.config.from_object(settings.DefaultConfig)
    if app.config.get("ENV_PRODUCTION") or _env_flag("INNOVEX_PRODUCTION"):
        app.config.from_object(settings.ProductionConfig)
    settings.load_environment(app.config)
    if config:
        app.config.update(config)
    settings.instance_defaults(app.config, app.instance_path)


def register_extensions(app: Flask) -> None:
    from innovex import cache, database, i18n  # noqa: F401 (cache: its listeners bump data versions)
    from innovex.auth.sessions import init_login
    from innovex.extensions import csrf, db, limiter, migrate
    from innovex.history import tracking  # noqa: F401 (its session hook records profile revisions)

    db.init_app(app)
    database.init_app(app)
    migrations = str(resource_dir("migrations"))
    migrate.init_app(app, db, directory=migrations, render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    init_login(app)
    i18n.init_app(app)


def register_blueprints(app: Flask) -> None:
    from innovex.converters import DatabaseIntConverter
    from innovex.health import bp as health_bp

    app.url_map.converters["int"] = DatabaseIntConverter
    from innovex.account.views import bp as account_bp
    from innovex.actors.views import bp as actors_bp
    from innovex.api.views import bp as api_bp
    from innovex.auth.views import bp as auth_bp
    from innovex.calls.views import bp as calls_bp
    from innovex.datacoop.views import bp as datacoop_bp
    from innovex.events.views import bp as events_bp
    from innovex.feedback.views import bp as feedback_bp
    from innovex.governance.views import bp as governance_bp
    from innovex.history.views import bp as history_bp
    from innovex.main.views import bp as main_bp
    from innovex.map.vendor import bp as vendor_bp
    from innovex.map.views import bp as map_bp
    from innovex.matching.views import bp as matching_bp
    from innovex.moderation.views import bp as moderation_bp
    from innovex.notifications.views import bp as notifications_bp
    from innovex.offerings.views import bp as offerings_bp
    from innovex.projects.views import bp as projects_bp
    from innovex.roadmap.views import bp as roadmap_bp
    from innovex.search import blueprint as search_bp
    from innovex.solutions.views import bp as solutions_bp
    from innovex.stats.views import bp as stats_bp
    from innovex.subscriptions.views import bp as subscriptions_bp
    from innovex.suggestions.views import bp as suggestions_bp

    for blueprint in (
        main_bp,
        auth_bp,
        account_bp,
        actors_bp,
        history_bp,
        suggestions_bp,
        offerings_bp,
        projects_bp,
        calls_bp,
        roadmap_bp,
        solutions_bp,
        events_bp,
        feedback_bp,
        notifications_bp,
        subscriptions_bp,
        search_bp,
        matching_bp,
        map_bp,
        stats_bp,
        api_bp,
        datacoop_bp,
        governance_bp,
        moderation_bp,
        vendor_bp,
        health_bp,
    ):
        app.register_blueprint(blueprint)


def register_cli(app: Flask) -> None:
    from innovex import cli

    cli.init_app(app)


def register_web(app: Flask) -> None:
    from innovex import error_pages, logs, page_cache, security, templating
    from innovex.main import legal

    page_cache.init_app(app)
    logs.init_app(app)
    legal.init_app(app)
    security.init_app(app)
    error_pages.init_app(app)
    templating.init_app(app)


def register_proxy(app: Flask) -> None:
    """Behind PROXY_FIX trusted proxies, take client address, scheme, host and prefix from X-Forwarded-*."""
    trusted = int(app.config["PROXY_FIX"])
    if trusted < 0:
        from innovex.config import ConfigError

        raise ConfigError(f"INNOVEX_PROXY_FIX={trusted} must be 0 (off) or the number of trusted proxies")
    if trusted:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = {"x_for": trusted, "x_proto": trusted, "x_host": trusted, "x_prefix": trusted}
        app.wsgi_app = ProxyFix(app.wsgi_app, **hops)


def _env_flag(name: str) -> bool:
    import os

    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}
