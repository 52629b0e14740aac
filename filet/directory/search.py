"""Directory search: one query over the denormalised, folded `search_text` of profiles,
with filters by type, territory, language of service and stage of the continuum."""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from filet.directory.models import Territory
from filet.directory.text import terms
from filet.matrix.models import Cell
from filet.organisations.models import Organisation


def search(criteria: dict[str, Any]) -> QuerySet[Organisation]:
    """Active partners matching every word of `q` (accents and case ignored) and every
    filter given; ordered by French name, territories prefetched for the result list."""
    organisations = Organisation.objects.active()
    for term in terms(criteria.get("q") or ""):
        # A partner nobody has described yet is still found by its names.
        organisations = organisations.filter(
            Q(profile__search_text__contains=term)
            | Q(profile__isnull=True)
            & (Q(name_fr__icontains=term) | Q(name_en__icontains=term) | Q(acronym__iexact=term))
        )
    if criteria.get("type"):
        organisations = organisations.filter(type=criteria["type"])
    if criteria.get("territory"):
        organisations = organisations.filter(profile__territories=criteria["territory"])
    if criteria.get("language"):
        code = criteria["language"]
        organisations = organisations.filter(profile__language_codes__contains=f" {code} ")
    if criteria.get("stage"):
        cells = Cell.objects.in_matrix().filter(stage=criteria["stage"])
        organisations = organisations.filter(pk__in=cells.values("organisation"))
    return (
        organisations.select_related("profile")
        .prefetch_related(
            Prefetch("profile__territories", queryset=Territory.objects.order_by("name_fr"))
        )
        .order_by("name_fr", "pk")
    )
