"""The month's trend highlights for the bulletin: the categories the observatory flags as
emerging (growing fastest against the previous month). Read from observatory/stats.py, so
every number has been through small-cell suppression; a hidden total stays None."""

from datetime import date
from typing import Any

from filet.observatory import stats
from filet.taxonomy.models import Vocabulary

VOCABULARIES = (
    Vocabulary.INDICATOR,
    Vocabulary.RECRUITMENT,
    Vocabulary.PLATFORM,
    Vocabulary.EXPLOITATION,
)


def month_highlights(month: date) -> list[dict[str, Any]]:
    """Emerging categories of `month`, as plain data to freeze in the bulletin."""
    rows: list[dict[str, Any]] = []
    for vocabulary in VOCABULARIES:
        trends = stats.build(stats.Query(start=month, end=month, vocabulary=vocabulary))
        for series in trends.emerging:
            if series.term is None:
                continue
            rows.append(
                {
                    "vocabulary": str(vocabulary),
                    "label_fr": series.term.label_fr,
                    "label_en": series.term.label_en,
                    "total": series.total,
                    "previous": series.previous,
                    "change_percent": series.change_percent,
                }
            )
    return rows
