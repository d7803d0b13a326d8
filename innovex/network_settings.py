"""Network settings: the one door to the network_settings table, typed, with the app config as default.

Admins change them on the settings page; a passed setting proposal changes the ones marked `votable`."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import NetworkSetting


@dataclass(frozen=True)
class Setting:
    kind: type  # int, float, or str (the network's licence: its own proposal kind, checked there)
    config_key: str  # the app setting that is the default
    low: float
    high: float
    label: object
    votable: bool = True
    on_settings_page: bool = True  # the admins' settings page


SETTINGS: dict[str, Setting] = {
    "quorum": Setting(float, "GOVERNANCE_QUORUM", 0.0, 1.0, _l("Quorum (share of member organisations)")),
    "majority": Setting(
        float, "GOVERNANCE_MAJORITY", 0.0, 0.99, _l("Majority (share of yes among yes and no)")
    ),
    "voting_days": Setting(int, "GOVERNANCE_VOTING_DAYS", 1, 90, _l("Length of a vote in days")),
    "auto_hide_threshold": Setting(
        int, "REPORT_AUTO_HIDE_THRESHOLD", 1, 50, _l("Reports by distinct members that hide content")
    ),
    # The open-data licence of profiles made on innovex (an SPDX id); changed by a licence proposal.
    "data_licence": Setting(
        str, "DATA_LICENSE", 1, 40, _l("Licence of the open data"), votable=False, on_settings_page=False
    ),
}
VOTABLE = tuple(key for key, setting in SETTINGS.items() if setting.votable)
ON_SETTINGS_PAGE = tuple(key for key, setting in SETTINGS.items() if setting.on_settings_page)


def get(key: str) -> int | float:
    """The stored value of a setting, or its default from the app config."""
    setting = SETTINGS[key]
    stored = db.session.scalar(sa.select(NetworkSetting.value).where(NetworkSetting.key == key))
    if stored is not None:
        try:
            return setting.kind(stored)
        except ValueError:
            current_app.logger.warning("network setting %s holds %r; using the default", key, stored)
    return setting.kind(current_app.config[setting.config_key])


def parse(key: str, raw) -> int | float:
    """A typed, range-checked value for a setting; DomainError next to the field otherwise."""
    setting = SETTINGS.get(key)
    if setting is None:
        raise DomainError(_("Please choose one of the settings offered."), field="key")
    if setting.kind is str:
        value = " ".join(str(raw or "").split())
        if not setting.low <= len(value) <= setting.high:
            raise DomainError(_("Please choose one of the options."), field="value")
        return value
    try:
        value = setting.kind(str(raw).strip().replace(",", "."))
    except ValueError:
        raise DomainError(_("Please enter a number."), field="value") from None
    if not setting.low <= value <= setting.high:
        raise DomainError(
            _("Please enter a value from %(low)s to %(high)s.", low=setting.low, high=setting.high),
            field="value",
        )
    return value


def put(key: str, raw) -> int | float:
    """Store a setting (validated); returns the typed value."""
    value = parse(key, raw)
    row = db.session.get(NetworkSetting, key)
    if row is None:
        db.session.add(NetworkSetting(key=key, value=str(value)))
    else:
        row.value = str(value)
    db.session.flush()
    return value
