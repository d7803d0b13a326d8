"""Re-licensing a profile: which licences its owners may choose, and the rule that binds imported records.

The rule, kept simple so that it can be stated in one sentence on the form:
- a profile made on innovex may take any open licence (licences.open_choices);
- an imported profile nobody has claimed keeps its source's licence;
- a claimed imported profile whose source published it under a share-alike licence (ODbL, CC BY-SA) keeps
  that licence (or one its terms allow: only the same one, for the licences innovex knows), unless every
  field taken from the source has been rewritten since (the profile history says which fields the import set:
  innovex.history.services.source_fields_rewritten); then nothing of the source is left and any open licence
  is possible;
- a claimed imported profile from a source without share-alike may take any open licence;
- one whose source states no licence innovex knows cannot be re-licensed: its terms are unknown.
"""

from flask_babel import gettext as _

from innovex import licences, provenance
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.history.services import source_fields_rewritten
from innovex.models import Actor

# A share-alike licence -> the licences its terms let an adaptation use (besides itself). ODbL 1.0 §4.4 allows
# "a compatible licence", CC BY-SA 4.0 the BY-SA compatible ones; innovex offers none of them.
SHARE_ALIKE_COMPATIBLE: dict[str, frozenset[str]] = {}


def allowed(actor: Actor) -> set[str] | None:
    """The licences this profile may take; None: any open one."""
    if not actor.source:
        return None
    source = provenance.source_licence(actor)
    known = licences.known(source)
    if not actor.owners:
        return {source} if source else set()
    if known is None:
        return set()
    if known.share_alike and not source_fields_rewritten(actor):
        return {source, *SHARE_ALIKE_COMPATIBLE.get(source, ())}
    return None


def freed_from_share_alike(actor: Actor) -> bool:
    """A claimed import from a share-alike source whose every field taken from the source was rewritten."""
    known = licences.known(provenance.source_licence(actor)) if actor.source else None
    return bool(known and known.share_alike and actor.owners and source_fields_rewritten(actor))


def refusal(actor: Actor, spdx: str) -> str | None:
    """Why the profile may not take this licence; None when it may."""
    if spdx not in dict(licences.open_choices()):
        return _("Please choose a licence from the list.")
    permitted = allowed(actor)
    if permitted is None or spdx in permitted:
        return None
    source = provenance.source_licence(actor)
    name = provenance.source_name(actor.source, actor.source_format)
    if not actor.owners:
        return _(
            "This profile was imported from %(source)s and nobody maintains it here yet: it keeps the "
            "licence of its source.",
            source=name,
        )
    known = licences.known(source)
    if known is None:
        return _(
            "%(source)s states no licence innovex knows for this record, so it cannot be re-licensed.",
            source=name,
        )
    return _(
        "%(source)s publishes this record under %(licence)s, a share-alike licence: the profile must stay "
        "under %(licence)s until every field taken from the source has been rewritten.",
        source=name,
        licence=known.name,
    )


def relicence(actor: Actor, spdx: str) -> Actor:
    """Put the profile under another licence; the history records the change (innovex.history)."""
    problem = refusal(actor, spdx)
    if problem:
        raise DomainError(problem, field="licence")
    actor.licence = spdx
    db.session.flush()
    return actor
