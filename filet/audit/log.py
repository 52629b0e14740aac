"""An organisation's audit log as the privacy officer reads and exports it: filtered, newest
first, counted up to a cap.

Every entry about an organisation, or written by one of its people, has a link to it
(`record()` writes them), and each link repeats its entry's number: an index per
organisation and number then gives the newest entries of a page without walking the
million entries of a province, and the entries are read by their number afterwards.
"""

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from functools import cached_property
from typing import Any, overload

from django.db.models import QuerySet
from django.utils import timezone

from filet.audit.models import AuditEntry, AuditLink

COUNT_CAP = 10_000  # counting further would read the whole of a large organisation's log
CHUNK = 1_000  # entries read per query, for the export's long lists


class OrganisationLog:
    """The entries the filtered links lead to, newest first, as a sequence the Paginator
    slices; its count stops at COUNT_CAP and `capped` says there are more."""

    cap = COUNT_CAP

    def __init__(self, links: QuerySet[AuditLink]) -> None:
        self._seqs = links.order_by("-seq").values_list("seq", flat=True).distinct()

    @cached_property
    def _counted(self) -> int:
        return self._seqs[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self._counted > self.cap

    def count(self) -> int:
        return min(self._counted, self.cap)

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> AuditEntry: ...
    @overload
    def __getitem__(self, index: slice) -> list[AuditEntry]: ...
    def __getitem__(self, index: int | slice) -> AuditEntry | list[AuditEntry]:
        if isinstance(index, int):
            found = self[index : index + 1] if index >= 0 else []
            if not found:
                raise IndexError(index)
            return found[0]
        return _entries(list(self._seqs[index]))

    def __iter__(self) -> Iterator[AuditEntry]:
        return iter(self[: self.count()])


def _entries(seqs: list[int]) -> list[AuditEntry]:
    """The entries of these numbers, in the order given."""
    found: dict[int, AuditEntry] = {}
    for first in range(0, len(seqs), CHUNK):
        chunk = AuditEntry.objects.filter(seq__in=seqs[first : first + CHUNK])
        found |= {e.seq: e for e in chunk.select_related("actor", "organisation")}
    return [found[seq] for seq in seqs]


def filtered(organisation_ids: set[int], data: dict[str, Any]) -> OrganisationLog:
    """The log of these organisations (or of the one chosen) with the form's filters."""
    scope = {data["organisation"].pk} if data.get("organisation") else organisation_ids
    links = AuditLink.objects.filter(organisation__in=scope)
    if data.get("action"):
        links = links.filter(entry__action=data["action"])
    if data.get("outcome"):
        links = links.filter(entry__outcome=data["outcome"])
    if data.get("actor"):
        links = links.filter(entry__actor__email__icontains=data["actor"])
    tz = timezone.get_current_timezone()
    if data.get("start"):
        links = links.filter(entry__at__gte=datetime.combine(data["start"], time.min, tz))
    if data.get("end"):
        end = datetime.combine(data["end"] + timedelta(1), time.min, tz)
        links = links.filter(entry__at__lt=end)
    return OrganisationLog(links)
