"""Data classification of the dashboard app: it stores nothing (no models)."""

from filet.lib.classification import Declaration

FIELDS: Declaration = {}
