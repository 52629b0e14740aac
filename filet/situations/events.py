"""Audited events of the safety net, merged into filet.audit.events at start-up."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

EVENTS: dict[str, Promise] = {
    "situation.opened": _("Situation opened"),
    "situation.viewed": _("Situation consulted"),
    "situation.listed": _("Situations listed"),
    "situation.changed": _("Situation changed"),
    "situation.status_changed": _("Situation status changed"),
    "situation.closed": _("Situation closed"),
    "situation.reopened": _("Situation reopened"),
    "situation.invited": _("Partner invited to a situation"),
    "situation.accepted": _("Invitation to a situation accepted"),
    "situation.declined": _("Invitation to a situation declined"),
    "situation.left": _("Participant left a situation"),
    "situation.action_added": _("Action added to a concerted plan"),
    "situation.action_changed": _("Action of a concerted plan changed"),
    "situation.note_added": _("Follow-up note added"),
    "situation.watch_viewed": _("Safety-net watch list consulted"),
    "situation.counts_viewed": _("Safety-net counts consulted"),
    "situation.reminders_sent": _("Safety-net reminders sent"),
    "situation.purged": _("Closed situations destroyed"),
}
