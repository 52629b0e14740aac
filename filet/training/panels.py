"""The training panel of the home page: the person's next session and the required modules
they are not current on. Three queries."""

from dataclasses import dataclass

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
    required = {
        r.module_id: r.module
        for r in Requirement.objects.filter(role__in=roles, module__is_active=True).select_related(
            "module"
        )
    }
    current = set(
        Completion.objects.filter(
            user=user,
            status=CompletionStatus.APPROVED,
            version__in=ModuleVersion.objects.latest_per_module().filter(module__in=list(required)),
        ).values_list("version__module", flat=True)
    )
    missing = sorted(
        (m for pk, m in required.items() if pk not in current), key=lambda m: m.title_fr
    )
    return Panel(next_registration, missing)
