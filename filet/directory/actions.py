"""State changes of the directory and the Table: each is atomic, takes its actor as `by`,
writes a profile version where it changes a profile, and its audit row in the same
transaction."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.forms import BaseInlineFormSet
from django.http import HttpRequest
from django.utils import timezone

from filet.accounts.models import User
from filet.audit.actions import record
from filet.directory import snapshots
from filet.directory.models import (
    Profile,
    ProfileVersion,
    Table,
    TableMembership,
    Territory,
    WorkingGroup,
)
from filet.organisations.models import Organisation


class StaleProfile(Exception):
    """Someone else saved the profile after this person opened it."""


def profile_for(organisation: Organisation) -> Profile:
    """The organisation's profile, or an unsaved empty one if nobody has written it yet."""
    try:
        return organisation.profile
    except Profile.DoesNotExist:
        return Profile(organisation=organisation)


@transaction.atomic
def save_profile(
    profile: Profile,
    *,
    by: User | None,
    organisation_fields: dict[str, Any],
    territories: Iterable[Territory],
    children: Sequence[BaseInlineFormSet] = (),
    expected_revision: int | None = None,
    request: HttpRequest | None = None,
) -> ProfileVersion:
    """Save a partner's profile with its services, locations, phones and e-mails, then
    record a new version (a full snapshot) and the audit row.

    `expected_revision` is the revision the editor started from: if someone saved in the
    meantime, StaleProfile is raised and nothing is written.
    """
    previous = _lock_previous(profile, expected_revision)
    organisation = profile.organisation
    if organisation_fields:
        for name, value in organisation_fields.items():
            setattr(organisation, name, value)
        organisation.save(update_fields=list(organisation_fields))
    profile.save()
    profile.territories.set(list(territories))
    for formset in children:
        formset.instance = organisation
        formset.save()
    return _record_version(profile, by=by, previous=previous, request=request)


def _lock_previous(profile: Profile, expected_revision: int | None) -> dict[str, Any]:
    if profile.pk is None:
        return {}
    current = Profile.objects.select_for_update().get(pk=profile.pk)
    if expected_revision is not None and current.revision != expected_revision:
        raise StaleProfile
    last = current.versions.order_by("-number").first()
    return last.snapshot if last else {}


def _record_version(
    profile: Profile, *, by: User | None, previous: dict[str, Any], request: HttpRequest | None
) -> ProfileVersion:
    profile.refresh_search_fields()
    profile.revision += 1
    profile.updated_at = timezone.now()
    profile.save(update_fields=["search_text", "language_codes", "revision", "updated_at"])
    snapshot = snapshots.take(profile)
    version = ProfileVersion.objects.create(
        profile=profile, number=profile.revision, created_by=by, snapshot=snapshot
    )
    record(
        by,
        "profile.updated",
        profile,
        organisation=profile.organisation,
        request=request,
        version=version.number,
        fields=snapshots.changed_keys(previous, snapshot),
    )
    return version


@transaction.atomic
def update_table(table: Table, *, by: User | None, request: HttpRequest | None = None) -> Table:
    """Save the Table's name, mission and territory (the form has set them)."""
    table.pk = 1
    table.save()
    record(by, "table.updated", table, request=request)
    return table


@transaction.atomic
def add_table_member(
    organisation: Organisation,
    *,
    by: User | None,
    joined_on: date,
    note: str = "",
    request: HttpRequest | None = None,
) -> TableMembership:
    """Give an organisation a seat at the Table from `joined_on`."""
    membership = TableMembership.objects.create(
        organisation=organisation, joined_on=joined_on, note=note
    )
    record(
        by,
        "table.membership_changed",
        membership,
        organisation=organisation,
        request=request,
        change="joined",
        on=joined_on.isoformat(),
    )
    return membership


@transaction.atomic
def end_table_membership(
    membership: TableMembership,
    *,
    by: User | None,
    left_on: date,
    request: HttpRequest | None = None,
) -> TableMembership:
    """End a seat at the Table; the row stays, so the history is kept."""
    membership = TableMembership.objects.select_for_update().get(pk=membership.pk)
    membership.left_on = left_on
    membership.save(update_fields=["left_on"])
    record(
        by,
        "table.membership_changed",
        membership,
        organisation=membership.organisation,
        request=request,
        change="left",
        on=left_on.isoformat(),
    )
    return membership


@transaction.atomic
def save_working_group(
    group: WorkingGroup,
    *,
    by: User | None,
    organisations: Iterable[Organisation],
    people: Iterable[User],
    request: HttpRequest | None = None,
) -> WorkingGroup:
    """Create or update a working group with its member organisations and people."""
    created = group.pk is None
    group.save()
    group.organisations.set(list(organisations))
    group.people.set(list(people))
    record(
        by,
        "working_group.created" if created else "working_group.updated",
        group,
        request=request,
    )
    return group
