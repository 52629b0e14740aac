"""State changes of the library: uploading, changing and withdrawing resources, downloads,
and the FAQ. Each audited in the same transaction as the change."""

import hashlib
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from filet.accounts.models import User
from filet.audit.actions import record
from filet.organisations.models import Organisation
from filet.resources import storage
from filet.resources.models import FaqEntry, Resource
from filet.resources.uploads import CheckedFile

RESOURCE_FIELDS = (
    "title",
    "description",
    "language",
    "kind",
    "audience",
    "stage",
    "keywords",
    "visibility",
    "translation_of",
)
FAQ_FIELDS = ("question_fr", "answer_fr", "question_en", "answer_en", "is_published", "position")


class StaleEdit(Exception):
    """Someone else changed the record since the form was opened."""


def upload_resource(
    *,
    by: User,
    organisation: Organisation,
    data: dict[str, Any],
    file: CheckedFile,
    submission: str = "",
    request: HttpRequest | None = None,
) -> Resource:
    """Keep a checked file privately and describe it, all or nothing.

    The file is written first under a new random name; if the row cannot be saved, the
    file is removed, so neither an orphan file nor a row without its file is left.
    A submission key already used by this person returns the resource it created."""
    if submission:
        existing = Resource.objects.filter(uploaded_by=by, submission=submission).first()
        if existing:
            return existing
    stored_name = storage.save(file.data, file.extension)
    try:
        return _create(by, organisation, data, file, stored_name, submission, request)
    except BaseException:
        storage.delete(stored_name)
        raise


@transaction.atomic
def _create(
    by: User,
    organisation: Organisation,
    data: dict[str, Any],
    file: CheckedFile,
    stored_name: str,
    submission: str,
    request: HttpRequest | None,
) -> Resource:
    resource = Resource(
        organisation=organisation,
        uploaded_by=by,
        file_name=file.name,
        stored_name=stored_name,
        content_type=file.content_type,
        size=len(file.data),
        sha256=hashlib.sha256(file.data).hexdigest(),
        submission=submission,
        **{field: data.get(field) for field in RESOURCE_FIELDS},
    )
    resource.keywords = resource.keywords or ""
    resource.description = resource.description or ""
    resource.refresh_search_text()
    resource.save()
    record(
        by,
        "resource.uploaded",
        resource,
        organisation=organisation,
        request=request,
        visibility=resource.visibility,
        size=resource.size,
    )
    return resource


@transaction.atomic
def change_resource(
    resource: Resource,
    *,
    by: User,
    data: dict[str, Any],
    expected_version: int,
    request: HttpRequest | None = None,
) -> Resource:
    """Change a resource's description (not its file); the second editor is told."""
    locked = Resource.objects.select_for_update().get(pk=resource.pk)
    if locked.version != expected_version:
        raise StaleEdit
    for field in RESOURCE_FIELDS:
        setattr(resource, field, data.get(field))
    resource.keywords = resource.keywords or ""
    resource.description = resource.description or ""
    resource.refresh_search_text()
    resource.version = locked.version + 1
    resource.updated_at = timezone.now()
    resource.save()
    record(
        by,
        "resource.changed",
        resource,
        organisation=resource.organisation,
        request=request,
        version=resource.version,
    )
    return resource


@transaction.atomic
def withdraw_resource(
    resource: Resource, *, by: User, request: HttpRequest | None = None
) -> Resource:
    """Take a resource out of the library; the row and its audit trail stay."""
    locked = Resource.objects.select_for_update().get(pk=resource.pk)
    if locked.withdrawn_at is not None:
        return locked
    locked.withdrawn_at = timezone.now()
    locked.save(update_fields=["withdrawn_at"])
    record(by, "resource.withdrawn", locked, organisation=locked.organisation, request=request)
    return locked


def record_download(resource: Resource, *, by: User, request: HttpRequest | None = None) -> None:
    """A download is a read of a possibly restricted file: audited."""
    record(by, "resource.downloaded", resource, organisation=resource.organisation, request=request)


@transaction.atomic
def save_faq_entry(
    entry: FaqEntry | None,
    *,
    by: User,
    data: dict[str, Any],
    expected_version: int | None = None,
    request: HttpRequest | None = None,
) -> FaqEntry:
    """Create (entry None) or change a FAQ entry."""
    if entry is None:
        entry = FaqEntry(created_by=by)
    else:
        locked = FaqEntry.objects.select_for_update().get(pk=entry.pk)
        if locked.version != expected_version:
            raise StaleEdit
        entry.version = locked.version + 1
    for field in FAQ_FIELDS:
        setattr(entry, field, data[field])
    entry.refresh_search_text()
    entry.updated_at = timezone.now()
    entry.save()
    record(by, "faq.changed", entry, request=request, published=entry.is_published)
    return entry
