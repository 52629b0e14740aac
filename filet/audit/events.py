"""The names of audited events, with their labels. record() refuses a name not listed here,
so the privacy officer's filters and the log never disagree."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

EVENTS: dict[str, Promise] = {
    "auth.login": _("Logged in"),
    "auth.login_failed": _("Failed login"),
    "auth.locked_out": _("Account locked after failed logins"),
    "auth.logout": _("Logged out"),
    "auth.session_expired": _("Session expired"),
    "auth.password_changed": _("Password changed"),
    "auth.password_reset": _("Password reset"),
    "mfa.enabled": _("Two-step verification enabled"),
    "mfa.removed": _("Two-step verification removed"),
    "mfa.recovery_codes_generated": _("Recovery codes generated"),
    "access.denied": _("Access denied"),
    "invitation.sent": _("Invitation sent"),
    "invitation.accepted": _("Invitation accepted"),
    "invitation.revoked": _("Invitation revoked"),
    "role.granted": _("Role granted"),
    "role.revoked": _("Role revoked"),
    "user.deactivated": _("Account deactivated"),
    "user.language_changed": _("Language changed"),
    "audit.viewed": _("Audit log consulted"),
    "demo.seeded": _("Demo data loaded"),
    "matrix.cell_changed": _("Matrix cell changed"),
    "matrix.adopted": _("Matrix adopted"),
    "matrix.exported": _("Matrix exported"),
    "stage.changed": _("Stage of the continuum changed"),
    "agreement.changed": _("Collaboration agreement changed"),
}
