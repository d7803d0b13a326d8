"""Where a profile comes from and under which licence, as its page, its JSON-LD and the exports name it."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from innovex import licences

# Directories by the host of their address (or the name an importer writes as the source).
SOURCE_NAMES = {
    "kartevonmorgen.org": "Karte von morgen",
    "data.transformap.co": "TransforMap",
    "transformap.co": "TransforMap",
    "murmurations": "Murmurations",
    "murmurations.network": "Murmurations",
}
# Formats whose files come from one directory: its name stands for a source the record does not name.
FORMAT_SOURCES = {"kvm": "Karte von morgen", "murmurations": "Murmurations"}


@dataclass(frozen=True)
class Provenance:
    imported: bool  # from a source elsewhere (False: made on innovex)
    source_name: str | None
    source_link: str | None  # the record's page in its source, else the source's address (http(s) only)
    source_licence: str | None  # what the source published it under (an SPDX id, or its text)
    licence: str | None  # the profile's licence now
    imported_at: datetime | None

    @property
    def relicensed(self) -> bool:
        """The owners chose another licence than the source's."""
        return self.imported and self.licence != self.source_licence


def _web_address(text: str | None) -> str | None:
    return text if text and urlsplit(text).scheme in ("http", "https") else None


def _host(text: str) -> str:
    host = urlsplit(text).hostname if "://" in text else None
    return (host or text).removeprefix("www.")


def source_name(source: str | None, source_format: str | None = None) -> str | None:
    """The directory's name ("Karte von morgen"), else its host, else the format's directory."""
    if source:
        host = _host(source.strip())
        return SOURCE_NAMES.get(host.casefold(), host)
    return FORMAT_SOURCES.get(source_format or "")


def source_licence(actor) -> str | None:
    """The licence an imported record's source states for it (its default when the record names none)."""
    if not actor.source:
        return None
    return licences.normalise(actor.source_licence) or licences.source_default(actor.source)


def of(actor) -> Provenance:
    imported = bool(actor.source)
    return Provenance(
        imported=imported,
        source_name=source_name(actor.source, actor.source_format) if imported else None,
        source_link=_web_address(actor.source_url) or _web_address(actor.source) if imported else None,
        source_licence=source_licence(actor),
        licence=licences.of_actor(actor),
        imported_at=actor.imported_at if imported else None,
    )
