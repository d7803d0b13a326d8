"""innovex.licences: the spellings directories use, share-alike, the licence of a profile, the summary of a
file and the partners' filters."""

from types import SimpleNamespace

import pytest

from innovex import licences


@pytest.mark.parametrize(
    ("written", "spdx"),
    [
        ("CC0-1.0", "CC0-1.0"),
        ("cc0", "CC0-1.0"),
        ("CC0 1.0", "CC0-1.0"),
        ("Public Domain", "CC0-1.0"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"),
        ("http://creativecommons.org/publicdomain/zero/1.0", "CC0-1.0"),
        ("ODbL-1.0", "ODbL-1.0"),
        ("odbl", "ODbL-1.0"),
        ("ODbL 1.0", "ODbL-1.0"),
        ("Open Database License", "ODbL-1.0"),
        ("CC BY-SA 4.0", "CC-BY-SA-4.0"),
        ("cc-by-sa", "CC-BY-SA-4.0"),
        ("CC BY 4.0", "CC-BY-4.0"),
        ("cc_by_4.0", "CC-BY-4.0"),
        ("  pddl ", "PDDL-1.0"),
        ("ODC-By", "ODC-By-1.0"),
        ("DL-DE BY 2.0", "DL-DE-BY-2.0"),
        ("MIT", "MIT"),
    ],
)
def test_normalise_knows_the_spellings(written, spdx):
    assert licences.normalise(written) == spdx


@pytest.mark.parametrize("nothing", [None, "", "   "])
def test_normalise_of_nothing_is_none(nothing):
    assert licences.normalise(nothing) is None


def test_unknown_text_is_kept_trimmed():
    assert licences.normalise("  Nur für den Eigengebrauch ") == "Nur für den Eigengebrauch"


def test_share_alike_flags():
    share_alike = {spdx for spdx, licence in licences.LICENCES.items() if licence.share_alike}
    assert share_alike == {"ODbL-1.0", "CC-BY-SA-4.0"}


def test_open_choices_leave_out_software_licences():
    ids = [spdx for spdx, _name in licences.open_choices()]
    assert "CC0-1.0" in ids and "ODbL-1.0" in ids and "MIT" not in ids


def test_source_defaults():
    assert licences.source_default("https://kartevonmorgen.org/") == "ODbL-1.0"
    assert licences.source_default("https://example.org") is None
    assert licences.source_default(None) is None


def actor(licence=None, source=None):
    return SimpleNamespace(licence=licence, source=source)


def test_licence_of_a_profile(app):
    assert licences.of_actor(actor("cc0")) == "CC0-1.0"  # its own, normalised
    assert licences.of_actor(actor(source="https://kartevonmorgen.org")) == "ODbL-1.0"  # its source's
    assert licences.of_actor(actor(source="https://example.org")) is None  # imported, nobody said
    assert licences.of_actor(actor()) == "CC-BY-4.0"  # made here: the network's (DATA_LICENSE)
    assert licences.record_fields(actor("odbl")) == {
        "license": "ODbL-1.0",
        "license_url": "https://opendatacommons.org/licenses/odbl/1-0/",
    }


def test_summary_of_a_mixed_file():
    summary = licences.summary(["CC0-1.0", "ODbL-1.0", "CC0-1.0", None, "Eigene Lizenz"])
    assert [item["id"] for item in summary["licenses"]] == ["CC0-1.0", "Eigene Lizenz", "ODbL-1.0"]
    assert summary["licenses"][1] == {"id": "Eigene Lizenz", "name": "Eigene Lizenz", "url": None}
    assert summary["share_alike"] is True
    assert summary["unknown_license"] is True


def test_summary_of_a_cc0_file():
    summary = licences.summary(["CC0-1.0"])
    assert summary["share_alike"] is False and summary["unknown_license"] is False


def test_filters(app):
    records = [
        actor("CC0-1.0"),
        actor("ODbL-1.0"),
        actor("CC-BY-SA-4.0"),
        actor(source="https://example.org"),
    ]
    assert licences.filtered(records, licences.accepted_by("cc0")) == records[:1]
    assert licences.filtered(records, licences.accepted_by("odbl")) == records[:2]
    assert licences.filtered(records, licences.accepted_by(None)) == records
    assert {"CC0-1.0", "ODbL-1.0"} == licences.KVM_ACCEPTS
