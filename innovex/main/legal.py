"""Who runs this site, read once from the OPERATOR_* settings, for the Impressum and the privacy notice.

Both pages and the start-up warning read the operator through `operator()`, so a page can never show a
detail the warning calls missing, or the other way round.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, current_app

log = logging.getLogger(__name__)

# What a German Impressum cannot do without (§ 5 DDG): who, where, how to reach them quickly.
REQUIRED = ("OPERATOR_NAME", "OPERATOR_ADDRESS", "OPERATOR_EMAIL")


@dataclass(frozen=True)
class Operator:
    name: str
    address_lines: tuple[str, ...]
    email: str
    phone: str
    representative: str
    register: str
    vat_id: str
    privacy_contact: str  # the privacy contact, or the operator's email when that is not set

    @property
    def complete(self) -> bool:
        return bool(self.name and self.address_lines and self.email)


def _text(config, name: str) -> str:
    return str(config.get(name) or "").strip()


def read_operator(config) -> Operator:
    """The operator as configured; an address may have real newlines or "\\n" written out (environment)."""
    address = _text(config, "OPERATOR_ADDRESS").replace("\\n", "\n")
    email = _text(config, "OPERATOR_EMAIL")
    return Operator(
        name=_text(config, "OPERATOR_NAME"),
        address_lines=tuple(line.strip() for line in address.splitlines() if line.strip()),
        email=email,
        phone=_text(config, "OPERATOR_PHONE"),
        representative=_text(config, "OPERATOR_REPRESENTATIVE"),
        register=_text(config, "OPERATOR_REGISTER"),
        vat_id=_text(config, "OPERATOR_VAT_ID"),
        privacy_contact=_text(config, "PRIVACY_CONTACT") or email,
    )


def operator() -> Operator:
    return read_operator(current_app.config)


def missing_settings(config) -> list[str]:
    """The required operator settings that are empty, as their environment variable names."""
    return [f"INNOVEX_{name}" for name in REQUIRED if not _text(config, name)]


def looks_like_production(config) -> bool:
    """Production, or a setting only a public deployment turns on (secure cookies, https links)."""
    return bool(
        config.get("PRODUCTION")
        or config.get("SESSION_COOKIE_SECURE")
        or config.get("PREFERRED_URL_SCHEME") == "https"
    )


def init_app(app: Flask) -> None:
    """Warn at start-up when a public deployment would serve an Impressum without its operator."""
    missing = missing_settings(app.config)
    if missing and looks_like_production(app.config):
        log.warning(
            "legal pages: %s not set; /impressum and /datenschutz show a placeholder notice instead of the "
            "operator's details",
            ", ".join(missing),
        )


def days(span: timedelta | int | float) -> int:
    """A lifetime setting (a time span, or seconds) in whole days, at least one."""
    seconds = span.total_seconds() if isinstance(span, timedelta) else float(span)
    return max(1, round(seconds / 86400))
