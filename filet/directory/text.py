"""Folding text for search: the same function prepares the stored text and the query, so
"prevention" finds "prévention" and "ECOLE" finds "école" on SQLite and PostgreSQL alike."""

import unicodedata


def fold(text: str) -> str:
    """Lower case, accents removed (NFKD, combining marks dropped), spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def terms(query: str) -> list[str]:
    """The folded words of a query, each of which must match (AND)."""
    return [term for term in fold(query).split(" ") if term][:10]
