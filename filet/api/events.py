"""Audit events of the API: its tokens. Calls themselves record the events of the pages
they mirror."""

from django.utils.translation import gettext_lazy as _

EVENTS = {
    "api.token_created": _("API token created"),
    "api.token_revoked": _("API token revoked"),
}
