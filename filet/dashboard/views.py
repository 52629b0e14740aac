from typing import Any

from django.db.models import Count
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
    # The organisations come with the memberships the request has already loaded.
    represented = {
        m.organisation.pk: m.organisation
        for m in user.active_memberships
        if m.role == Role.REPRESENTATIVE
    }
    if not represented:
        return []
    counts = {
        row["pk"]: row
        for row in Organisation.objects.filter(pk__in=represented)
        .with_people_counts(PANEL_ROLES)
        .values("pk", "pending", *PANEL_ROLES)
    }
    return [
        {"organisation": o, "counts": counts[o.pk], "pending": counts[o.pk]["pending"]}
        for o in sorted(represented.values(), key=lambda o: o.name_fr)
    ]


def _table_panel(user: User) -> dict[str, int]:
    return {
        "organisations": Organisation.objects.active().count(),
        # COUNT(DISTINCT) rather than counting a DISTINCT subquery: a third of the time.
        "people": Membership.objects.current().aggregate(n=Count("user", distinct=True))["n"],
        "pending": Invitation.objects.pending().count(),
    }


def floor(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The bench's floor: a signed-in page with the base layout and nothing else."""
    return render(request, "dashboard/floor.html")
