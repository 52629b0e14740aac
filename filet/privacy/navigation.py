"""The privacy app's entry in the navigation (its label lives in this app's catalogue)."""

from collections.abc import Callable

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from filet.accounts.models import User
from filet.privacy.permissions import can_read_notices

ENTRY: tuple[str, Promise, Callable[[User], bool]] = (
    "privacy:index",
    pgettext_lazy("navigation", "Privacy"),
    can_read_notices,
)
