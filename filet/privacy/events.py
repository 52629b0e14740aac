"""Audit events of the privacy officer's tools, merged into the log's list at start-up."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

EVENTS: dict[str, Promise] = {
    "incident.recorded": _("Confidentiality incident recorded"),
    "incident.changed": _("Confidentiality incident changed"),
    "incident.assessed": _("Risk of a confidentiality incident assessed"),
    "incident.notified": _("Notices of a confidentiality incident recorded"),
    "incident.closed": _("Confidentiality incident closed"),
    "incident.viewed": _("Confidentiality incident consulted"),
    "incident.exported": _("Incident register exported"),
    "audit.exported": _("Audit log exported"),
    "retention.period_set": _("Retention period set"),
    "retention.purged": _("Expired records destroyed"),
    "privacy.notice_changed": _("Privacy notice changed"),
    "privacy.data_exported": _("Personal information exported (access request)"),
}
