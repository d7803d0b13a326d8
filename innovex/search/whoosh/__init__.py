"""The Whoosh engine: analysis, schema, index store, queries, the fast scorer and similarity matching.

Only modules inside innovex/search/ import from here; everything else goes through `innovex.search`."""
