"""Writing `search_documents` rows: in the committing transaction, in bulk for a rebuild, and the check."""

import logging
from collections.abc import Callable, Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from innovex.extensions import db
from innovex.models import Actor, Offering, Project, SearchDocument, Solution
from innovex.search.documents import BUILDERS, iter_all_rows, load_rows
from innovex.search.whoosh.analysis import analysed_terms, fold, words

log = logging.getLogger(__name__)

_UPSERT = sa.text(
    """
    INSERT INTO search_documents (doc_type, doc_id, owner_id, audience, kind, actor_kind, country, stage,
        status, sectors, title, names, spell, updated, vector, match_vector)
    VALUES (:doc_type, :doc_id, :owner_id, :audience, :kind, :actor_kind, :country, :stage, :status,
        :sectors, :title, :names, :spell, :updated,
        setweight(to_tsvector('simple', :a), 'A') || setweight(to_tsvector('simple', :b), 'B')
            || setweight(to_tsvector('german', :c), 'C') || setweight(to_tsvector('english', :c), 'C'),
        setweight(to_tsvector('simple', :ma), 'A') || setweight(to_tsvector('simple', :mb), 'B')
            || setweight(to_tsvector('simple', :mc), 'C'))
    ON CONFLICT (doc_type, doc_id) DO UPDATE SET owner_id = excluded.owner_id,
        audience = excluded.audience, kind = excluded.kind, actor_kind = excluded.actor_kind,
        country = excluded.country, stage = excluded.stage, status = excluded.status,
        sectors = excluded.sectors, title = excluded.title, names = excluded.names, spell = excluded.spell,
        updated = excluded.updated, vector = excluded.vector, match_vector = excluded.match_vector
    """
)


def _lines(text: str | None) -> list[str]:
    return [line for line in (text or "").split("\n") if line]


def _folded(*parts: Iterable[str] | str) -> str:
    out: list[str] = []
    for part in parts:
        out += [part] if isinstance(part, str) else list(part)
    return fold(" ".join(out))


def _stems(text: str | None) -> str:
    return " ".join(sorted(analysed_terms(text or "")))


def _sector_labels(doc_type: str, row) -> list[str]:
    if doc_type == "offering":
        sectors = row.actor.sectors
    elif doc_type == "solution":
        sectors = row.project.sectors
    else:
        sectors = row.sectors
    return [label for s in sectors for label in (s.label_de, s.label_en)]


def row_values(doc_type: str, row, document: dict) -> dict:
    """The parameters of one row's upsert, from the engine-neutral document (documents.py) and its row."""
    tags = _lines(document["tags"])
    names = [line for line in _lines(document["grams"]) if line not in set(tags)]  # title, offer titles
    if doc_type == "actor":
        match = (document["offers"], document["profile"])
    elif doc_type == "project":
        match = (document["needs"], document["project"])
    else:
        match = ("", "")
    return {
        "doc_type": doc_type,
        "doc_id": document["pk"],
        "owner_id": int(document["owner"]),
        "audience": document["audience"],
        "kind": document["kind"],
        "actor_kind": document["actor_kind"],
        "country": document["country"],
        "stage": document.get("stage"),
        "status": document.get("status"),
        "sectors": document["sectors"],
        "title": document["title"],
        "names": " ".join(words(document["grams"])),
        "spell": " ".join(words(document["spell"])),
        "updated": document["updated"],
        "a": _folded(names),
        "b": _folded(tags, _sector_labels(doc_type, row)),
        "c": _folded(document["text"]),
        "ma": _stems(match[0]),
        "mb": _stems(match[1]),
        "mc": " ".join(words(document["grams"])),
    }


def _rows(session: Session, doc_type: str, ids: Iterable[int]) -> tuple[list[dict], set[int]]:
    """Upsert parameters of the findable rows among ids, and the ids that must not be found (or are gone)."""
    ids = set(ids)
    values, unfindable = [], set(ids)
    for row, document in load_rows(session, doc_type, ids):
        if document is not None:
            values.append(row_values(doc_type, row, document))
            unfindable.discard(row.id)
    return values, unfindable


def write(session: Session, changes: Iterable[tuple[str, int, str]]) -> None:
    """Bring the rows of some changed documents up to date on the session's own connection (so they commit
    or roll back with the change). An organisation's status and sectors show in its offerings too."""
    ops: dict[tuple[str, int], str] = {}
    for doc_type, doc_id, op in changes:
        if op == "delete" or ops.get((doc_type, doc_id)) != "delete":
            ops[(doc_type, doc_id)] = op
    upserts = {t: {i for (dt, i), op in ops.items() if dt == t and op == "upsert"} for t in BUILDERS}
    deletes = {t: {i for (dt, i), op in ops.items() if dt == t and op == "delete"} for t in BUILDERS}
    connection = session.connection()
    if upserts["actor"]:
        owned = sa.select(Offering.id).where(Offering.actor_id.in_(sorted(upserts["actor"])))
        upserts["offering"] |= set(session.scalars(owned)) - deletes["offering"]
    if deletes["actor"]:
        connection.execute(
            sa.delete(SearchDocument).where(
                SearchDocument.doc_type == "offering", SearchDocument.owner_id.in_(sorted(deletes["actor"]))
            )
        )
    for doc_type in BUILDERS:
        values, unfindable = _rows(session, doc_type, upserts[doc_type])
        gone = sorted(unfindable | deletes[doc_type])
        if gone:
            connection.execute(
                sa.delete(SearchDocument).where(
                    SearchDocument.doc_type == doc_type, SearchDocument.doc_id.in_(gone)
                )
            )
        if values:
            connection.execute(_UPSERT, values)


def rebuild(progress: Callable[[str, int], None] | None = None) -> int:
    """Write every findable document afresh in one transaction (after an upgrade, or to repair drift)."""
    count = 0
    with Session(db.engine) as session:
        session.execute(sa.delete(SearchDocument))
        for doc_type in BUILDERS:
            for found in iter_all_rows(session, doc_type):
                session.connection().execute(_UPSERT, [row_values(doc_type, r, d) for r, d in found])
                count += len(found)
                if progress:
                    progress(doc_type, count)
        session.commit()
        # Fresh statistics, or the planner guesses the table's size from before and scans it on every query.
        session.execute(sa.text("ANALYZE search_documents"))
        session.commit()
    return count


def indexed_versions(session: Session) -> dict[str, int]:
    rows = session.execute(sa.select(SearchDocument.doc_type, SearchDocument.doc_id, SearchDocument.updated))
    return {f"{doc_type}:{doc_id}": updated for doc_type, doc_id, updated in rows}


def repair(keys: list[str], deleted: list[str]) -> None:
    """Rewrite the rows of some documents (missing or stale) and remove others, in one transaction."""
    changes = [(k.split(":")[0], int(k.split(":")[1]), "upsert") for k in keys]
    changes += [(k.split(":")[0], int(k.split(":")[1]), "delete") for k in deleted]
    with Session(db.engine) as session:
        write(session, changes)
        session.commit()


def healthy() -> bool:
    try:
        with Session(db.engine) as session:
            session.execute(sa.select(SearchDocument.doc_id).limit(1))
        return True
    except sa.exc.SQLAlchemyError as error:
        log.warning("search_documents unreadable: %r", error)
        return False


def empty_but_rows_exist(session: Session) -> bool:
    """True after an upgrade (or a switch of engine): rows exist, yet none of them is in the table."""
    if session.scalar(sa.select(SearchDocument.doc_id).limit(1)) is not None:
        return False
    return any(
        session.scalar(sa.select(model.id).limit(1)) is not None
        for model in (Actor, Offering, Project, Solution)
    )
