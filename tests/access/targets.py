"""For each URL of the matrix that takes arguments: how to build, for one request, a fresh
target record in organisation A, and what to POST. A new builder goes here with its URL."""

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from filet.accounts.models import Invitation
from filet.organisations.models import Membership, Role
from tests.conftest import Personas, make_person
from tests.training import factories as training

Target = tuple[dict[str, Any], dict[str, Any]]  # URL kwargs, POST data


def _org_a(p: Personas) -> Target:
    return {"pk": p.org_a.pk}, {}


def _membership_in_a(p: Personas) -> Target:
    count = Membership.objects.count()
    person = make_person(f"member{count}@test.example", p.org_a, Role.WORKER, mfa=False)
    membership = Membership.objects.get(user=person)
    return {"pk": p.org_a.pk, "membership_pk": membership.pk}, {}


def _invitation_in_a(p: Personas) -> Target:
    token, digest = Invitation.new_token()
    invitation = Invitation.objects.create(
        email=f"invitee{Invitation.objects.count()}@test.example",
        full_name="Invitee",
        organisation=p.org_a,
        role=Role.WORKER,
        token_digest=digest,
        invited_by=p.representative,
        expires_at=timezone.now() + timezone.timedelta(hours=1),
    )
    return {"pk": p.org_a.pk, "invitation_pk": invitation.pk}, {"token": token}


def _invitation_token(p: Personas) -> Target:
    kwargs, extra = _invitation_in_a(p)
    return {"token": extra["token"]}, {}


def _profile_version_of_a(p: Personas) -> Target:
    from filet.directory.actions import profile_for, save_profile

    profile = profile_for(p.org_a)
    if profile.pk is None:
        save_profile(profile, by=p.representative, organisation_fields={}, territories=[])
    return {"pk": p.org_a.pk, "number": 1}, {}


def _table_seat_of_a(p: Personas) -> Target:
    from filet.directory.models import TableMembership

    seat, _created = TableMembership.objects.get_or_create(
        organisation=p.org_a, left_on=None, defaults={"joined_on": timezone.localdate()}
    )
    return {"membership_pk": seat.pk}, {}


def _working_group(p: Personas) -> Target:
    from filet.directory.models import WorkingGroup

    group, _created = WorkingGroup.objects.get_or_create(
        name_fr="Groupe de travail", defaults={"mandate_fr": "Mandat"}
    )
    return {"pk": group.pk}, {}


def _language(p: Personas) -> Target:
    return {}, {"language": "en", "next": "/"}


def _matrix_cell_of_a(p: Personas) -> Target:
    from filet.matrix.models import Stage

    return {"pk": p.org_a.pk, "stage_pk": Stage.objects.first().pk}, {}  # type: ignore[union-attr]


def _stage(p: Personas) -> Target:
    from filet.matrix.models import Stage

    return {"pk": Stage.objects.first().pk}, {}  # type: ignore[union-attr]


def _matrix_version(p: Personas) -> Target:
    from filet.matrix.models import MatrixVersion
    from filet.matrix.snapshots import draft_snapshot

    number = MatrixVersion.objects.count() + 1
    MatrixVersion.objects.create(
        number=number,
        adopted_on=timezone.localdate(),
        adopted_by=p.coordinator,
        snapshot=draft_snapshot(),
    )
    return {"number": number}, {}


def _matrix_version_export(p: Personas) -> Target:
    kwargs, _data = _matrix_version(p)
    return {**kwargs, "file_format": "csv"}, {}


def _agreement_with_a(p: Personas) -> Target:
    from filet.matrix.models import Agreement

    agreement = Agreement.objects.create(
        title="Entente A–B", protocol="Protocole", scope="Portée", starts_on=timezone.localdate()
    )
    agreement.partners.set([p.org_a, p.org_b])
    return {"pk": agreement.pk}, {}


TARGETS: dict[str, Callable[[Personas], Target]] = {
    "organisations:detail": _org_a,
    "organisations:members": _org_a,
    "organisations:grant": _org_a,
    "organisations:invite": _org_a,
    "organisations:revoke": _membership_in_a,
    "organisations:revoke_invitation": _invitation_in_a,
    "accounts:accept_invitation": _invitation_token,
    "set_language": _language,
    "directory:profile_edit": _org_a,
    "directory:versions": _org_a,
    "directory:version": _profile_version_of_a,
    "directory:table_leave": _table_seat_of_a,
    "directory:group_edit": _working_group,
    "matrix:export": lambda p: ({"file_format": "xlsx"}, {}),
    "matrix:partner": _org_a,
    "matrix:edit_cell": _matrix_cell_of_a,
    "matrix:stage": _stage,
    "matrix:stage_edit": _stage,
    "matrix:version": _matrix_version,
    "matrix:version_export": _matrix_version_export,
    "matrix:agreement": _agreement_with_a,
    "matrix:agreement_edit": _agreement_with_a,
    "training:module": training.module_target,
    "training:module_edit": training.module_target,
    "training:version_create": training.module_target,
    "training:declare": training.module_target,
    "training:requirement_remove": training.requirement_target,
    "training:review": training.declaration_target,
    "training:session": training.session_target,
    "training:session_edit": training.session_target,
    "training:session_cancel": training.session_target,
    "training:register": training.session_target,
    "training:unregister": training.session_target,
    "training:attendance": training.session_target,
    "training:invite": training.session_target,
    "training:session_ics": training.session_target,
    "calendars:feed": training.feed_target,
}


from tests.meetings.builders import TARGETS as MEETINGS_TARGETS  # noqa: E402

TARGETS.update(MEETINGS_TARGETS)

from tests.observatory.builders import TARGETS as OBSERVATORY_TARGETS  # noqa: E402

TARGETS.update(OBSERVATORY_TARGETS)


from tests.resources.builders import TARGETS as RESOURCES_TARGETS  # noqa: E402
from tests.watch.builders import TARGETS as WATCH_TARGETS  # noqa: E402

TARGETS.update(WATCH_TARGETS)
TARGETS.update(RESOURCES_TARGETS)


from tests.pivots.builders import TARGETS as PIVOTS_TARGETS  # noqa: E402

TARGETS.update(PIVOTS_TARGETS)

from tests.consultations.builders import TARGETS as CONSULTATIONS_TARGETS  # noqa: E402

TARGETS.update(CONSULTATIONS_TARGETS)

from tests.situations.builders import TARGETS as SITUATIONS_TARGETS  # noqa: E402

TARGETS.update(SITUATIONS_TARGETS)

from tests.privacy.builders import TARGETS as PRIVACY_TARGETS  # noqa: E402

TARGETS.update(PRIVACY_TARGETS)

from tests.api.builders import TARGETS as API_TARGETS  # noqa: E402

TARGETS.update(API_TARGETS)


def build(url_name: str, personas: Personas) -> Target:
    builder = TARGETS.get(url_name)
    return builder(personas) if builder else ({}, {})
