"""`manage.py bench_sessions --count N`: signed-in sessions for the load runner, as JSON.

The runner must not log in through the forms (password + TOTP for hundreds of clients would
bench argon2 and allauth's rate limits, not the pages). Instead this writes the very session
a completed login leaves, through the configured session engine; every request then still
goes through authentication, the session limits and the mandatory-MFA check.
"""

import json
import time
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from filet.accounts.middleware import LOGIN_AT, SEEN_AT
from filet.consultations.models import Consultation
from filet.directory.models import Territory
from filet.organisations.models import Membership, Role
from filet.plans.models import Plan
from filet.situations.models import Situation

DEFAULT_ROLES = [
    Role.COORDINATOR,
    Role.REPRESENTATIVE,
    Role.PIVOT,
    Role.WORKER,
    Role.PRIVACY_OFFICER,
]
BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


class Command(BaseCommand):
    help = "Create N signed-in sessions for people in various roles; print them as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument(
            "--roles",
            default=",".join(DEFAULT_ROLES),
            help="comma-separated roles, taken in turn (default: %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        roles = [role.strip() for role in options["roles"].split(",") if role.strip()]
        unknown = set(roles) - set(Role.values)
        if unknown or not roles:
            raise CommandError(f"bench_sessions: unknown roles {sorted(unknown)}")
        count = options["count"]
        holders = {role: _holders(role, limit=-(-count // len(roles))) for role in roles}
        sessions = []
        for index in range(count):
            role = roles[index % len(roles)]
            membership = holders[role][(index // len(roles)) % len(holders[role])]
            sessions.append(_session_for(membership))
        payload = {"cookie": settings.SESSION_COOKIE_NAME, "sessions": sessions}
        self.stdout.write(json.dumps(payload))


def _holders(role: str, *, limit: int) -> list[Membership]:
    holders = list(
        Membership.objects.current()
        .filter(role=role, user__is_active=True, organisation__is_active=True)
        .select_related("user")
        .order_by("pk")[:limit]
    )
    if not holders:
        raise CommandError(f"bench_sessions: nobody holds the role {role!r}")
    return holders


def _session_for(membership: Membership) -> dict[str, Any]:
    """Store the keys django.contrib.auth.login() and Filet's login receiver would set."""
    user = membership.user
    engine = import_module(settings.SESSION_ENGINE)
    session = engine.SessionStore()
    now = time.time()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = BACKEND
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session[LOGIN_AT] = now
    session[SEEN_AT] = now
    session.create()
    return {
        "key": session.session_key,
        "role": membership.role,
        "email": user.email,
        "organisation": membership.organisation_id,
        **_landmarks(user),
    }


def _landmarks(user: Any) -> dict[str, int | str | None]:
    """Records the bench's pages name, looked up rather than assumed: primary keys differ
    from one database to the next (PostgreSQL's sequences never go back)."""

    def first(queryset: Any) -> int | None:
        return queryset.order_by("pk").values_list("pk", flat=True).first()

    return {
        "territory": first(Territory.objects.all()),
        "plan": first(Plan.objects.all()),
        "consultation": first(Consultation.objects.filter(routings__to_user=user)),
        # A situation the person takes part in (not every pivot opened their partner's
        # showcase); None when they see none, and the page then names the showcase.
        "situation": Situation.objects.visible_to(user)
        .order_by("pk")
        .values_list("code", flat=True)
        .first(),
    }
