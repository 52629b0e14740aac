"""Audited events of consultations, merged into the audit log's list at start-up."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

EVENTS: dict[str, Promise] = {
    "consultation.viewed": _("Consultation consulted"),
    "consultation.inbox_viewed": _("Consultation inbox consulted"),
    "consultation.created": _("Consultation asked"),
    "consultation.accepted": _("Consultation accepted"),
    "consultation.asked_back": _("Details asked about a consultation"),
    "consultation.replied": _("Details added to a consultation"),
    "consultation.answered": _("Consultation answered"),
    "consultation.redirected": _("Consultation redirected"),
    "consultation.escalated": _("Consultation escalated"),
    "consultation.rated": _("Consultation rated"),
    "consultation.withdrawn": _("Consultation withdrawn"),
    "consultation.closed": _("Consultation closed"),
    "consultation.reminded": _("Overdue consultation: pivot reminded"),
    "consultation.routed_to_backup": _("Overdue consultation: routed to the backup pivot"),
    "consultation.overdue_escalated": _("Overdue consultation: sent to the representative"),
    "consultation.faq_proposed": _("Consultation proposed for the FAQ"),
    "consultation.faq_reviewed": _("Proposed FAQ entry consulted"),
    "consultation.faq_published": _("Consultation published as a FAQ entry"),
    "consultation.counts_viewed": _("Consultation counts consulted"),
    "consultation.purged": _("Expired consultations destroyed"),
}
