"""State changes about people: invitations, accepting them, preferences."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from allauth.account.models import EmailAddress

from filet.accounts.models import Invitation, User, new_security_stamp
from filet.audit.actions import record
from filet.organisations.models import Membership, Organisation


@transaction.atomic
def invite(
    *,
    by: User,
    organisation: Organisation,
    email: str,
    full_name: str,
    role: str,
    language: str,
    base_url: str,
) -> Invitation:
    """Create an invitation and e-mail its one-time link once the transaction commits."""
    token, digest = Invitation.new_token()
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        full_name=full_name.strip(),
        language=language,
        organisation=organisation,
        role=role,
        token_digest=digest,
        invited_by=by,
        expires_at=timezone.now() + settings.INVITATION_LIFETIME,
    )
    record(by, "invitation.sent", invitation, organisation=organisation, role=role)
    link = base_url.rstrip("/") + invitation.accept_url(token)
    _send_invitation(invitation, link)  # stored in the outbox, in this transaction
    return invitation


def _send_invitation(invitation: Invitation, link: str) -> None:
    context = {"invitation": invitation, "link": link, "hours": _lifetime_hours()}
    with translation.override(invitation.language):
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])


def _lifetime_hours() -> int:
    return int(settings.INVITATION_LIFETIME.total_seconds() // 3600)


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, by: User) -> None:
    """Make a pending invitation's link useless."""
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record(by, "invitation.revoked", invitation, organisation=invitation.organisation)


@transaction.atomic
def accept_invitation(
    invitation: Invitation, *, password: str | None, request: HttpRequest
) -> User:
    """Create the account (or reuse the signed-in one) and grant the invited role.

    The row is locked and re-checked so that a double submit grants nothing twice.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValueError("invitation no longer usable")
    user = User.objects.filter(email=invitation.email).first()
    if user is None:
        user = User.objects.create_user(
            invitation.email,
            password,
            full_name=invitation.full_name,
            language=invitation.language,
        )
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    Membership.objects.get_or_create(
        user=user,
        organisation=invitation.organisation,
        role=invitation.role,
        ended_at=None,
        defaults={"granted_by": invitation.invited_by},
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    record(
        user,
        "invitation.accepted",
        invitation,
        organisation=invitation.organisation,
        request=request,
        role=invitation.role,
    )
    return user


@transaction.atomic
def update_preferences(user: User, *, full_name: str, language: str, request: HttpRequest) -> None:
    """Save a person's name and language; the language also drives their e-mails."""
    changed_language = user.language != language
    user.full_name, user.language = full_name, language
    user.save(update_fields=["full_name", "language"])
    if changed_language:
        record(user, "user.language_changed", request=request, language=language)


@transaction.atomic
def set_active(user: User, *, by: User, active: bool) -> None:
    """Deactivate (or reactivate) an account. A deactivated person's sessions stop working
    on their next request: authentication refuses inactive accounts."""
    if user.is_active == active:
        return
    user.is_active = active
    user.security_stamp = new_security_stamp()  # every existing session ends
    user.save(update_fields=["is_active", "security_stamp"])
    record(by, "user.deactivated" if not active else "user.reactivated", user)
