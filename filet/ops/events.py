"""Audit events of operations: the operator requeues failed e-mails."""

from django.utils.translation import gettext_lazy as _

EVENTS = {
    "outbox.requeued": _("Failed e-mails requeued"),
}
