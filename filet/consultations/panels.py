"""The consultations' panel on the home page: what waits for the person, as numbers and a
link, in one query."""

from typing import Any

from filet.accounts.models import User
from filet.consultations import inbox, permissions
from filet.organisations.roles import Role


def panel_for(user: User) -> dict[str, Any] | None:
    if not permissions.can_ask(user):
        return None
    return {
        "counts": inbox.counts(user),
        "representative": bool(user.organisation_ids(Role.REPRESENTATIVE)),
    }
