"""The training panel of the home page: the person's next session and the required modules
they are not current on. Two queries."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from filet.accounts.models import User
from filet.training.models import (
    Completion,
    CompletionStatus,
    Module,
    ModuleVersion,
    Registration,
    RegistrationStatus,
    Requirement,
)
from filet.training.permissions import can_register


@dataclass(frozen=True)
class Panel:
    next_registration: Registration | None
    missing: list[Module]


def panel_for(user: User) -> Panel | None:
    if not can_register(user):
        return None
    next_registration = (
        Registration.objects.filter(
            user=user,
            status__in=(RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED),
            session__cancelled_at__isnull=True,
            session__ends_at__gte=timezone.now(),
        )
        .select_related("session__version__module")
        .order_by("session__starts_at")
        .first()
    )
    roles = {m.role for m in user.active_memberships}
    # Whether the person is current on each required module comes with the requirement
    # (EXISTS on their approved completion of the module's newest version): one query.
    current = Completion.objects.filter(
        user=user,
        status=CompletionStatus.APPROVED,
        version__module=OuterRef("module"),
        version__in=ModuleVersion.objects.latest_per_module(),
    )
    required = (
        Requirement.objects.filter(role__in=roles, module__is_active=True)
        .select_related("module")
        .annotate(current=Exists(current))
    )
    missing_by_pk = {r.module_id: r.module for r in required if not r.current}
    missing = sorted(missing_by_pk.values(), key=lambda m: m.title_fr)
    return Panel(next_registration, missing)
