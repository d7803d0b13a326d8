"""Organisations as Karte von morgen entries, so that data can flow back to that map.

An entry is OpenFairDB's NewEntryWithLicense (its openapi.yaml, in ../shared/data/directories/
kvm-openfairdb-sample/): title, description, lat, lng, street, zip, city, country, state, email,
telephone, homepage, categories, tags, links and license. Only public fields go out (innovex.visibility),
and only records Karte von morgen can take: under a licence it accepts (licences.KVM_ACCEPTS), with a
description and an exact public point (its API requires both; a city-centre point would misplace the entry
on its map).
The file is a JSON list of entries, which `flask actors import --format kvm` reads back.
"""

import json
from collections.abc import Callable, Iterable
from typing import IO

from flask import url_for

from innovex import licences, visibility
from innovex.actors.importers.kvm import COMPANY, INITIATIVE, SOURCE
from innovex.actors.importexport import PROGRESS_EVERY, ExportReport, outside
from innovex.models import Actor

# Kinds as OpenFairDB's two categories: non-profit initiatives and companies.
CATEGORY_OF_KIND = {
    "cooperative": COMPANY,
    "platform_coop": COMPANY,
    "collaborative": COMPANY,
    "association": INITIATIVE,
    "network": INITIATIVE,
    "supporter": INITIATIVE,
    "research": INITIATIVE,
    "public_body": INITIATIVE,
}
# A tag that names the kind where the category alone does not (the importer reads kinds from tags).
KIND_TAGS = {
    "cooperative": "genossenschaft",
    "platform_coop": "plattformgenossenschaft",
    "network": "netzwerk",
    "research": "forschung",
}


def entry(actor: Actor) -> tuple[dict | None, str | None]:
    """The organisation as an entry, or None and why Karte von morgen cannot take it."""
    spdx = licences.of_actor(actor)
    if spdx not in licences.KVM_ACCEPTS:
        return None, f"under {spdx or 'no stated licence'}, which Karte von morgen does not accept"
    profile = visibility.visible_profile(actor, None)
    if not profile:
        return None, "not public"
    if profile.get("lat") is None or actor.approximate:
        return None, "without an exact public point on the map"
    if not profile["description"].strip():
        return None, "without a description"
    data = {
        "title": actor.name,
        "description": profile["description"],
        "lat": profile["lat"],
        "lng": profile["lon"],
        "street": profile.get("address"),
        "zip": profile.get("postcode"),
        "city": profile.get("city"),
        "state": profile.get("region"),
        "country": profile.get("country"),
        "email": profile.get("email"),
        "telephone": profile.get("phone"),
        "homepage": profile.get("website"),
        "categories": [CATEGORY_OF_KIND[actor.kind]],
        "tags": list(dict.fromkeys([*filter(None, [KIND_TAGS.get(actor.kind)]), *profile["sectors"]])),
        "links": [{"url": url_for("actors.detail", slug=actor.slug, _external=True), "title": "innovex"}],
        "license": spdx,
    }
    if actor.source == SOURCE and actor.source_id:
        data["id"] = actor.source_id  # the entry it came from: an update there, not a new one
    return {key: value for key, value in data.items() if value not in (None, "")}, None


def export_kvm(
    file: IO[str],
    actors: Iterable[Actor],
    accepted: frozenset[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> ExportReport:
    """Write the entries as one JSON list; `accepted` narrows the licences further (--licence cc0)."""
    report = ExportReport()
    file.write("[")
    for checked, actor in enumerate(actors, start=1):
        if progress and checked % PROGRESS_EVERY == 0:
            progress(f"{checked} organisations checked")
        data, reason = None, outside(accepted, licences.of_actor(actor))
        if reason is None:
            data, reason = entry(actor)
        if data is None:
            report.left_out[reason] += 1
            continue
        file.write(("\n" if not report.written else ",\n") + json.dumps(data, ensure_ascii=False))
        report.written += 1
        report.licences.add(data["license"])
    file.write("\n]\n" if report.written else "]\n")
    return report
