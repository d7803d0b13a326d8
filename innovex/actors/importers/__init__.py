"""Importers of other directories' formats (GeoJSON, Murmurations, Karte von morgen).

Each format module maps its records onto the JSON Lines record (docs/import-format.md); importexport
validates, matches and saves them. innovex.actors.importers.formats detects formats and runs an import.
"""
