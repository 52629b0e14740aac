"""The trends filters turned into a `stats.Query`: shared by the dashboard, the research
pages, the exports and the API, so all of them clip periods and terms the same way."""

from datetime import date

from django.http import QueryDict
from django.utils import formats, timezone

from filet.observatory import stats
from filet.observatory.forms import TrendsFilterForm
from filet.taxonomy.models import CATEGORY_VOCABULARIES, Term, Vocabulary

DEFAULT_MONTHS = 12
MAX_MONTHS = 36  # a longer period is cut to its last 36 months
YEARS_OFFERED = 10


def month_options(first: date, last: date) -> list[tuple[str, str]]:
    months = reversed(stats.months_between(first, last))
    return [(m.strftime("%Y-%m"), formats.date_format(m, "YEAR_MONTH_FORMAT")) for m in months]


def parse_filters(
    params: QueryDict, first: date, last: date, term_ids: frozenset[int] | None
) -> tuple[TrendsFilterForm, stats.Query, str]:
    """The query the filters describe, clipped to [first, last] and to the allowed terms."""
    terms = [
        t
        for t in Term.objects.filter(vocabulary__in=[Vocabulary.SECTOR, *CATEGORY_VOCABULARIES])
        if t.vocabulary == Vocabulary.SECTOR or term_ids is None or t.pk in term_ids
    ]
    default_start = max(first, stats.add_months(last, 1 - DEFAULT_MONTHS))
    initial = {"start": f"{default_start:%Y-%m}", "end": f"{last:%Y-%m}"}
    form = TrendsFilterForm(
        params or None, terms=terms, months=month_options(first, last), initial=initial
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    end = min(_month_value(data.get("end")) or last, last)
    start = max(_month_value(data.get("start")) or default_start, first)
    vocabularies = [c[0] for c in form.fields["vocabulary"].choices]  # type: ignore[attr-defined]
    vocabulary = data.get("vocabulary") or (
        vocabularies[0] if vocabularies else Vocabulary.INDICATOR
    )
    query = stats.Query(
        start=max(min(start, end), stats.add_months(end, 1 - MAX_MONTHS)),
        end=end,
        vocabulary=vocabulary,
        sector=data.get("sector"),
        category=data.get("category"),
        term_ids=term_ids,
    )
    return form, query, data.get("measure") or stats.YOUTHS


def _month_value(value: str | None) -> date | None:
    return date.fromisoformat(value + "-01") if value else None


def table_bounds() -> tuple[date, date]:
    """The months the Table's dashboard offers: the last ten years up to this month."""
    last = timezone.localdate().replace(day=1)
    return stats.add_months(last, -12 * YEARS_OFFERED + 1), last
