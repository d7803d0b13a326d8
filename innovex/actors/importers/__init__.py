"""Importers of other directories' formats (GeoJSON, Murmurations, Karte von morgen, CSV), and what every
import shares: validation of one record (validation.py) and duplicate detection against existing profiles
(duplicates.py, with nearby.py for places).

Each format module maps its records onto the JSON Lines record (docs/import-format.md); importexport
validates, matches and saves them. innovex.actors.importers.formats detects formats and runs an import.
"""
