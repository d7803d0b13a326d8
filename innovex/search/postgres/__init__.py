"""PostgreSQL full-text search: the engine for several app hosts (no local index).

Every findable organisation, offering and project has one row in `search_documents` (see
innovex.models.search.SearchDocument), written by `index.write` in the same transaction as the change (the
session's commit hook in innovex/search/outbox.py), so every host finds a committed edit at once and the
outbox stays empty. `query` serves the search page and the directory filter, `similar` partner matching.
"""
