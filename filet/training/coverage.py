"""Who is current on the latest version of each module their role requires.

compute(): every line, for the export and the reminders. Four queries whatever the size:
requirements, latest versions, the people who hold a required role, and their completions.
Rows are read as tuples, not model instances: a province has some 15 000 (person, module)
lines, and this keeps the full report near a second.

The report page reads it through filet/training/coverage_cache.py: kept in the cache in a
compact form and rebuilt as objects one page at a time, thrown away on every change.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from filet.accounts.models import User
from filet.organisations.models import Membership, Organisation
from filet.organisations.roles import Role
from filet.training.models import (
    Completion,
    CompletionStatus,
    Module,
    ModuleVersion,
    Requirement,
)


class CoverageStatus(models.TextChoices):
    CURRENT = "current", _("Current")
    PENDING = "pending", _("Declaration awaiting review")
    OUTDATED = "outdated", _("Completed an older version")
    MISSING = "missing", _("Not completed")


@dataclass(frozen=True, slots=True)
class Person:
    """Who a line is about: enough to list them; people_not_current() loads full users."""

    pk: int
    full_name: str
    email: str


@dataclass(slots=True)
class Line:
    person: Person
    organisation: Organisation
    role_label: str
    module: Module
    latest_number: int | None
    completed_number: int | None
    status: str

    @property
    def is_current(self) -> bool:
        return self.status == CoverageStatus.CURRENT

    @property
    def status_label(self) -> str:
        return str(CoverageStatus(self.status).label)


@dataclass
class OrganisationCount:
    organisation: Organisation
    people: set[int] = field(default_factory=set)
    not_current: set[int] = field(default_factory=set)
    missing_items: int = 0

    @property
    def people_count(self) -> int:
        return len(self.people)

    @property
    def current_count(self) -> int:
        return len(self.people - self.not_current)

    @property
    def not_current_count(self) -> int:
        return len(self.not_current)


@dataclass
class Coverage:
    lines: list[Line]
    organisations: list[OrganisationCount]

    @property
    def not_current(self) -> list[Line]:
        return [line for line in self.lines if not line.is_current]

    def people_not_current(self) -> dict[User, list[Module]]:
        """Each person who lacks something, with the modules they lack (no duplicates)."""
        lacking: dict[int, list[Module]] = {}
        for line in self.not_current:
            modules = lacking.setdefault(line.person.pk, [])
            if line.module not in modules:
                modules.append(line.module)
        users = User.objects.in_bulk(list(lacking))
        return {users[pk]: modules for pk, modules in lacking.items()}


def compute(organisation_ids: set[int] | None = None, *, module: Module | None = None) -> Coverage:
    """The coverage of the given organisations (None: all), optionally for one module."""
    requirements = Requirement.objects.select_related("module").filter(module__is_active=True)
    if module is not None:
        requirements = requirements.filter(module=module)
    by_role: dict[str, list[Module]] = defaultdict(list)
    for requirement in requirements:
        by_role[requirement.role].append(requirement.module)
    if not by_role:
        return Coverage([], [])
    latest = {
        v.module_id: v.number
        for v in ModuleVersion.objects.latest_per_module().filter(
            module__in={m.pk for modules in by_role.values() for m in modules}
        )
    }
    memberships = _memberships(organisation_ids, set(by_role))
    done = _completions(memberships, set(latest))
    return _assemble(memberships, by_role, latest, done)


MEMBERSHIP_COLUMNS = (
    "role",
    "user_id",
    "user__full_name",
    "user__email",
    "organisation_id",
    "organisation__name_fr",
    "organisation__name_en",
    "organisation__acronym",
)


def _memberships(organisation_ids: set[int] | None, roles: set[str]) -> models.QuerySet[Membership]:
    memberships = (
        Membership.objects.current()
        .filter(role__in=roles, organisation__is_active=True, user__is_active=True)
        .order_by("organisation__name_fr", "user__full_name", "user__pk", "role")
    )
    if organisation_ids is not None:
        memberships = memberships.filter(organisation__in=organisation_ids)
    return memberships


def _completions(
    memberships: models.QuerySet[Membership], module_ids: set[int]
) -> dict[tuple[int, int], tuple[int, str]]:
    """(person, module) → the best (version number, status) they have on record."""
    rows = (
        Completion.objects.exclude(status=CompletionStatus.REJECTED)
        .filter(user__in=memberships.values("user"), version__module__in=module_ids)
        .values_list("user_id", "version__module_id", "version__number", "status")
    )
    best: dict[tuple[int, int], tuple[int, str]] = {}
    for user_id, module_id, number, status in rows:
        key = (user_id, module_id)
        # An approved completion beats a pending one of the same version.
        rank = (number, status == CompletionStatus.APPROVED)
        held = best.get(key)
        if held is None or rank > (held[0], held[1] == CompletionStatus.APPROVED):
            best[key] = (number, status)
    return best


def _status(latest: int | None, held: tuple[int, str] | None) -> str:
    if held is None or latest is None:
        return CoverageStatus.MISSING
    number, status = held
    if number < latest:
        return CoverageStatus.OUTDATED
    return CoverageStatus.CURRENT if status == CompletionStatus.APPROVED else CoverageStatus.PENDING


def _assemble(
    memberships: models.QuerySet[Membership],
    by_role: dict[str, list[Module]],
    latest: dict[int, int],
    done: dict[tuple[int, int], tuple[int, str]],
) -> Coverage:
    lines: list[Line] = []
    counts: dict[int, OrganisationCount] = {}
    people: dict[int, Person] = {}
    # Translated once: get_role_display() per row costs more than the rest together.
    role_labels = {role.value: str(role.label) for role in Role}
    seen: set[tuple[int, int, int]] = set()
    for role, user_id, full_name, email, org_id, *names in memberships.values_list(
        *MEMBERSHIP_COLUMNS
    ):
        count = counts.get(org_id) or counts.setdefault(org_id, _count(org_id, *names))
        person = people.get(user_id) or people.setdefault(
            user_id, Person(user_id, full_name, email)
        )
        count.people.add(user_id)
        for module in by_role[role]:
            # A person required the same module through two roles is listed once.
            if (org_id, user_id, module.pk) in seen:
                continue
            seen.add((org_id, user_id, module.pk))
            held = done.get((user_id, module.pk))
            status = _status(latest.get(module.pk), held)
            lines.append(
                Line(person, count.organisation, role_labels[role], module,
                     latest.get(module.pk), held[0] if held else None, status)
            )  # fmt: skip
            if status != CoverageStatus.CURRENT:
                count.not_current.add(user_id)
                count.missing_items += 1
    return Coverage(lines, list(counts.values()))


def _count(pk: int, name_fr: str, name_en: str, acronym: str) -> OrganisationCount:
    organisation = Organisation(pk=pk, name_fr=name_fr, name_en=name_en, acronym=acronym)
    return OrganisationCount(organisation)
