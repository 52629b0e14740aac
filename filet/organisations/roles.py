from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does in one organisation (DOMAIN.md §2). One person may hold several."""

    COORDINATOR = "coordinator", _("Table coordinator")
    REPRESENTATIVE = "representative", _("Organisation representative")
    PIVOT = "pivot", _("Pivot worker")
    WORKER = "worker", _("Worker")
    MANAGER = "manager", _("Manager")
    RESEARCHER = "researcher", _("Researcher")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles a representative may hand out inside their own organisation. Coordinator,
# researcher and administrator carry Table-wide reach and are granted by the coordinator.
REPRESENTATIVE_GRANTABLE = frozenset(
    {Role.REPRESENTATIVE, Role.PIVOT, Role.WORKER, Role.MANAGER, Role.PRIVACY_OFFICER}
)
COORDINATOR_GRANTABLE = frozenset(set(Role) - {Role.ADMINISTRATOR})
