"""The pivots' panel on the home page, in at most three queries: a pivot acknowledges the
mandate and logs an activity; a worker finds who to call; a representative sees the
stages of their organisations left without a pivot or a backup."""

from collections import defaultdict
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

from filet.accounts.models import User
from filet.directory.models import in_language
from filet.matrix.models import Cell
from filet.organisations.roles import Role
from filet.pivots import permissions
from filet.pivots.board import OWNED
from filet.pivots.models import Acknowledgement, Designation, Level, MandateVersion


def panel_for(user: User) -> dict[str, Any] | None:
    if not permissions.can_call(user):
        return None
    panel: dict[str, Any] = {"pivot": permissions.is_pivot(user), "gaps": None}
    if panel["pivot"]:
        mine = Acknowledgement.objects.filter(version=OuterRef("pk"), pivot=user)
        panel["mandate"] = (
            MandateVersion.objects.order_by("-number").annotate(acknowledged=Exists(mine)).first()
        )
    ids = user.organisation_ids(Role.REPRESENTATIVE)
    if ids:
        panel["gaps"] = stage_gaps(ids)
    return panel


def stage_gaps(ids: set[int]) -> list[dict[str, Any]]:
    """Stages an organisation answers for (matrix or designations) without a pivot in
    force, or without a backup: two queries for any number of organisations."""
    wanted: dict[tuple[int, int], str] = {}
    for org, stage, fr, en in Cell.objects.filter(
        organisation__in=ids, responsibility__in=OWNED, stage__is_active=True
    ).values_list("organisation", "stage", "stage__label_fr", "stage__label_en"):
        wanted[org, stage] = in_language(fr, en)
    held: dict[tuple[int, int], set[str]] = defaultdict(set)
    # In force: one uncorrelated IN over these organisations' designations rather than an
    # EXISTS per row (half PostgreSQL's planning time, the same answer).
    live = Designation.objects.in_force().filter(organisation__in=ids).values("pk")
    # Annotations escape django-stubs' view of values_list, hence Any.
    rows: Any = Designation.stages.through.objects.filter(
        designation__organisation__in=ids,
        designation__withdrawn_at__isnull=True,
        stage__is_active=True,
    ).annotate(live=ExpressionWrapper(Q(designation__in=live), output_field=BooleanField()))
    rows = rows.values_list(
        "designation__organisation", "stage", "stage__label_fr", "stage__label_en",
        "designation__level", "live",
    )  # fmt: skip
    for org, stage, fr, en, level, is_live in rows:
        wanted[org, stage] = in_language(fr, en)
        if is_live:
            held[org, stage].add(level)
    return [
        {"stage": label, "missing": "pivot" if not held[key] else "backup"}
        for key, label in sorted(wanted.items(), key=lambda item: item[1])
        if Level.BACKUP not in held[key]
    ]
