"""Data licences: the known ones by SPDX id (name, address, share-alike), the spellings directories use for
them, the default of each source we import, and the licence of a profile as the exports state it."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app


@dataclass(frozen=True)
class Licence:
    id: str  # SPDX identifier (https://spdx.org/licenses/)
    name: str
    url: str
    share_alike: bool = False
    open: bool = True  # offered to owners who re-licence their profile


LICENCES = {
    licence.id: licence
    for licence in (
        Licence("CC0-1.0", "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
        Licence("PDDL-1.0", "ODC PDDL 1.0", "https://opendatacommons.org/licenses/pddl/1-0/"),
        Licence("CC-BY-4.0", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
        Licence("ODC-By-1.0", "ODC-By 1.0", "https://opendatacommons.org/licenses/by/1-0/"),
        Licence("CC-BY-SA-4.0", "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/", True),
        Licence("ODbL-1.0", "ODbL 1.0", "https://opendatacommons.org/licenses/odbl/1-0/", True),
        Licence("DL-DE-BY-2.0", "DL-DE BY 2.0", "https://www.govdata.de/dl-de/by-2-0"),
        Licence("DL-DE-ZERO-2.0", "DL-DE Zero 2.0", "https://www.govdata.de/dl-de/zero-2-0"),
        # A software licence, but what some registries (CoopHub's) publish their data under.
        Licence("MIT", "MIT", "https://opensource.org/license/mit", open=False),
    )
}
# Other spellings, compared without case, spaces, hyphens, dots and underscores ("CC BY-SA 4.0", "odbl").
ALIASES = {
    "cc0": "CC0-1.0",
    "publicdomain": "CC0-1.0",  # TransforMap writes "Public Domain": CC0 is the dedication closest to it
    "ccby": "CC-BY-4.0",
    "ccbysa": "CC-BY-SA-4.0",
    "odbl": "ODbL-1.0",
    "opendatabaselicense": "ODbL-1.0",
    "pddl": "PDDL-1.0",
    "odcby": "ODC-By-1.0",
}
# The licence a directory publishes its records under, for records that name none (the directories' READMEs
# under shared/data/directories): Karte von morgen asks users to respect the ODbL.
SOURCE_DEFAULTS = {
    "https://kartevonmorgen.org": "ODbL-1.0",
}
# What partners accept (?licence=... on the exports): Karte von morgen takes CC0 and ODbL entries.
FILTERS = {"cc0": frozenset({"CC0-1.0"}), "odbl": frozenset({"CC0-1.0", "ODbL-1.0"})}
KVM_ACCEPTS = FILTERS["odbl"]

_NOISE = re.compile(r"[\s._-]+")


def _key(text: str) -> str:
    return _NOISE.sub("", text).casefold()


_BY_KEY = {
    **{_key(licence.id): licence.id for licence in LICENCES.values()},
    **{_key(licence.name): licence.id for licence in LICENCES.values()},
    **{_key(licence.url.split("://", 1)[1]): licence.id for licence in LICENCES.values()},
    **ALIASES,
    **{_key(alias) + "40": spdx for alias, spdx in ALIASES.items() if spdx.startswith("CC-")},
    **{_key(alias) + "10": spdx for alias, spdx in ALIASES.items() if spdx.endswith("-1.0")},
}


def normalise(text: str | None) -> str | None:
    """The SPDX id of a licence as people write it ("CC BY-SA 4.0", "odbl", its address); unknown text is
    kept as it is (trimmed), so that nothing a source states is lost; None for nothing."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    bare = text.split("://", 1)[-1].rstrip("/")
    return _BY_KEY.get(_key(text)) or _BY_KEY.get(_key(bare + "/")) or _BY_KEY.get(_key(bare)) or text


def source_default(source: str | None) -> str | None:
    """The licence of a source's records when the record names none."""
    return SOURCE_DEFAULTS.get((source or "").rstrip("/"))


def default_licence() -> str:
    """The network's licence: what profiles made on innovex are published under (config DATA_LICENSE, or
    what a licence proposal of the data cooperative decided, innovex.network_settings "data_licence")."""
    from innovex import network_settings  # the settings import the models, which must not import this

    value = str(network_settings.get("data_licence"))
    return normalise(value) or value


def network_url() -> str:
    """The address of the network's licence (config DATA_LICENSE_URL for a licence innovex does not know)."""
    return url_of(default_licence()) or current_app.config["DATA_LICENSE_URL"]


def of_actor(actor) -> str | None:
    """A profile's licence: its own, else its source's default, else (made here) the network's; None for an
    imported record whose licence nobody stated."""
    if actor.licence:
        return normalise(actor.licence)
    if actor.source:
        return source_default(actor.source)
    return default_licence()


def record_fields(actor) -> dict:
    """A record's licence as the exports and the API state it: its SPDX id and the licence's address."""
    spdx = of_actor(actor)
    return {"license": spdx, "license_url": url_of(spdx)}


def known(spdx: str | None) -> Licence | None:
    return LICENCES.get(spdx) if spdx else None


def name_of(spdx: str | None) -> str | None:
    """A licence's short name ("ODbL 1.0"), else the text its source wrote."""
    licence = known(spdx)
    return licence.name if licence else spdx


def url_of(spdx: str | None) -> str | None:
    licence = known(spdx)
    return licence.url if licence else None


def open_choices() -> list[tuple[str, str]]:
    """The licences an owner may choose for a profile they maintain."""
    return [(licence.id, licence.name) for licence in LICENCES.values() if licence.open]


def accepted_by(name: str | None) -> frozenset[str] | None:
    """The licences an export filter (?licence=cc0) lets through; None (every record) without one."""
    return FILTERS[name] if name else None


def filtered(actors: Iterable, accepted: frozenset[str] | None) -> list:
    """The actors whose licence the partner accepts, in their order."""
    if accepted is None:
        return list(actors)
    return [actor for actor in actors if of_actor(actor) in accepted]


def summary(ids: Iterable[str | None]) -> dict:
    """The licences of a file's records as its metadata states them: each with its name and address, and
    whether any is share-alike (then the file as a whole must be shared alike)."""
    ids = list(ids)
    present = sorted({spdx for spdx in ids if spdx}, key=str.casefold)
    return {
        "licenses": [
            {"id": spdx, "name": known(spdx).name if known(spdx) else spdx, "url": url_of(spdx)}
            for spdx in present
        ],
        "share_alike": any(known(spdx) and known(spdx).share_alike for spdx in present),
        "unknown_license": any(spdx is None for spdx in ids),
    }
