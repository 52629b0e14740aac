"""Library search: every word of the query (accents and case ignored, with the directory's
folding) must be in a resource's folded title, description or tags, or a FAQ entry's."""

from typing import Any

from filet.accounts.models import User
from filet.directory.text import terms
from filet.resources.models import FaqEntry, FaqEntryQuerySet, Resource, ResourceQuerySet


def search(user: User, criteria: dict[str, Any]) -> ResourceQuerySet:
    resources = Resource.objects.visible_to(user)
    for term in terms(criteria.get("q") or ""):
        resources = resources.filter(search_text__contains=term)
    for field in ("kind", "audience", "language", "stage"):
        if criteria.get(field):
            resources = resources.filter(**{field: criteria[field]})
    return resources.select_related("stage", "organisation", "translation_of", "translation")


def faq(criteria: dict[str, Any], *, drafts: bool) -> FaqEntryQuerySet:
    entries = FaqEntry.objects.all() if drafts else FaqEntry.objects.published()
    for term in terms(criteria.get("q") or ""):
        entries = entries.filter(search_text__contains=term)
    return entries
