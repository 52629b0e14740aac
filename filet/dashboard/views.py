from typing import Any

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render

from filet.accounts.models import Invitation, User
from filet.consultations.panels import panel_for as consultations_panel
from filet.lib.http import AuthenticatedHttpRequest
from filet.meetings.panels import panel_for as meetings_panel
from filet.observatory.panels import panel_for as observatory_panel
from filet.organisations import permissions
from filet.organisations.models import Membership, Organisation
from filet.organisations.roles import Role
from filet.pivots.panels import panel_for as pivots_panel
from filet.resources.panels import panel_for as resources_panel
from filet.situations.panels import panel_for as situations_panel
from filet.training.panels import panel_for as training_panel
from filet.watch.panels import panel_for as watch_panel

PANEL_ROLES = (Role.REPRESENTATIVE, Role.PIVOT, Role.WORKER)


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """One page per person: a panel for each role they hold (later issues add panels)."""
    user = request.user
    context = {
        "memberships": user.active_memberships,
        "roles": {m.role for m in user.active_memberships},
        "managed": _managed_panel(user),
        "table": _table_panel(user) if permissions.is_coordinator(user) else None,
        "audit_organisations": permissions.audit_organisations(user),
        "training": training_panel(user),
        "meetings": meetings_panel(user),
        "observatory": observatory_panel(user),
        "pivots": pivots_panel(user),
        "consultations": consultations_panel(user),
        "situations": situations_panel(user),
        "watch": watch_panel(user),
        "library": resources_panel(user),
        "Role": Role,
    }
    return render(request, "dashboard/home.html", context)


def _managed_panel(user: User) -> list[dict[str, Any]]:
    ids = user.organisation_ids(Role.REPRESENTATIVE)
    if not ids:
        return []
    counts = {
        row["organisation"]: row
        for row in Membership.objects.current()
        .filter(organisation__in=ids)
        .values("organisation")
        .annotate(**{role: Count("pk", filter=Q(role=role)) for role in PANEL_ROLES})
    }
    pending = dict(
        Invitation.objects.pending()
        .filter(organisation__in=ids)
        .values_list("organisation")
        .annotate(n=Count("pk"))
    )
    # The organisations come with the memberships the request has already loaded.
    represented = {
        m.organisation.pk: m.organisation
        for m in user.active_memberships
        if m.role == Role.REPRESENTATIVE
    }
    return [
        {"organisation": o, "counts": counts.get(o.pk, {}), "pending": pending.get(o.pk, 0)}
        for o in sorted(represented.values(), key=lambda o: o.name_fr)
    ]


def _table_panel(user: User) -> dict[str, int]:
    return {
        "organisations": Organisation.objects.active().count(),
        "people": Membership.objects.current().values("user").distinct().count(),
        "pending": Invitation.objects.pending().count(),
    }


def floor(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The bench's floor: a signed-in page with the base layout and nothing else."""
    return render(request, "dashboard/floor.html")
