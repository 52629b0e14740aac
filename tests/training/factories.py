"""Training records for tests, made through the real actions."""

import datetime
from typing import Any

from django.utils import timezone

from filet.accounts.models import User
from filet.calendars import actions as calendar_actions
from filet.organisations.roles import Role
from filet.training import actions
from filet.training.models import Completion, Mode, Module, ModuleVersion, Requirement, Session
from tests.conftest import Personas, make_person

BASE_URL = "http://testserver/"


def module(by: User, title: str = "Signes", *, versions: int = 1) -> Module:
    made = actions.save_module(
        None,
        by=by,
        title_fr=title,
        title_en=f"{title} (EN)",
        description_fr="Description",
        description_en="Description",
        audience_fr="",
        audience_en="",
        objectives_fr="",
        objectives_en="",
        duration_minutes=180,
        is_active=True,
    )
    for _number in range(versions):
        publish(made, by)
    return made


def publish(item: Module, by: User, *, review_in_days: int = 365) -> ModuleVersion:
    review_by = timezone.localdate() + datetime.timedelta(days=review_in_days)
    return actions.publish_version(item, by=by, review_by=review_by, materials="Guide (PDF)")


def at(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def session(
    version: ModuleVersion,
    by: User,
    *,
    capacity: int = 2,
    trainers: list[User] | None = None,
    **extra: Any,
) -> Session:
    fields = {
        "starts_at": at(10, 9),
        "ends_at": at(10, 12),
        "mode": Mode.IN_PERSON,
        "place": "Salle 204",
        "video_link": "",
        "capacity": capacity,
        **extra,
    }
    return actions.schedule_session(version, by=by, trainers=trainers or [], **fields)


def complete(user: User, version: ModuleVersion, by: User) -> Completion:
    completion = actions.declare_completion(
        version, user=user, completed_on=timezone.localdate(), evidence="Formation reçue"
    )
    return actions.review_declaration(completion, by=by, approve=True, link=BASE_URL, notify=False)


# --- Builders for tests/access/targets.py: a fresh target in organisation A --------------


def module_target(p: Personas) -> tuple[dict[str, Any], dict[str, Any]]:
    item = module(p.coordinator, f"Module {Module.objects.count() + 1}")
    return {"pk": item.pk}, {}


def session_target(p: Personas) -> tuple[dict[str, Any], dict[str, Any]]:
    item = module(p.coordinator, f"Module {Module.objects.count() + 1}")
    made = session(item.versions.get(), p.coordinator, trainers=[p.pivot])
    return {"pk": made.pk}, {}


def requirement_target(p: Personas) -> tuple[dict[str, Any], dict[str, Any]]:
    item = module(p.coordinator, f"Module {Module.objects.count() + 1}")
    requirement = actions.require_module(item, role=Role.PIVOT, by=p.coordinator)
    return {"pk": requirement.pk}, {}


def declaration_target(p: Personas) -> tuple[dict[str, Any], dict[str, Any]]:
    """A pending declaration by a new worker of organisation A."""
    item = module(p.coordinator, f"Module {Module.objects.count() + 1}")
    person = make_person(
        f"declarer{Requirement.objects.count()}{item.pk}@test.example",
        p.org_a,
        Role.WORKER,
        mfa=False,
    )
    completion = actions.declare_completion(
        item.versions.get(), user=person, completed_on=timezone.localdate(), evidence="Formation"
    )
    return {"pk": completion.pk}, {}


def feed_target(p: Personas) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"token": calendar_actions.issue_token(user=p.pivot)}, {}
