"""State changes of the watch: posting and editing items, publishing and sending the monthly
bulletin, reading it, subscribing to it. Each audited in its own transaction."""

import smtplib
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from filet.accounts.models import User
from filet.audit.actions import record
from filet.organisations.roles import Role
from filet.taxonomy.models import Term
from filet.watch import highlights, mail
from filet.watch.models import (
    Bulletin,
    BulletinDelivery,
    BulletinRead,
    BulletinSubscription,
    WatchItem,
)

ITEM_FIELDS = (
    "kind",
    "title_fr",
    "title_en",
    "summary_fr",
    "summary_en",
    "keywords",
    "source_name",
    "source_url",
    "published_on",
)


class StaleItem(Exception):
    """Someone else changed the item since the form was opened."""


@transaction.atomic
def post_item(
    *,
    by: User,
    data: dict[str, Any],
    terms: list[Term],
    submission: str = "",
    request: HttpRequest | None = None,
) -> WatchItem:
    """Post a watch item. A submission key already used by this author returns its item."""
    if submission:
        existing = WatchItem.objects.filter(author=by, submission=submission).first()
        if existing:
            return existing
    item = WatchItem(author=by, submission=submission, **{f: data[f] for f in ITEM_FIELDS})
    item.save()
    item.terms.set(terms)
    record(by, "watch.item_posted", item, request=request, kind=item.kind)
    return item


@transaction.atomic
def change_item(
    item: WatchItem,
    *,
    by: User,
    data: dict[str, Any],
    terms: list[Term],
    expected_version: int,
    request: HttpRequest | None = None,
) -> WatchItem:
    """Change an item; the second of two people editing at once is told, not overwritten."""
    locked = WatchItem.objects.select_for_update().get(pk=item.pk)
    if locked.version != expected_version:
        raise StaleItem
    for field in ITEM_FIELDS:
        setattr(item, field, data[field])
    item.version = locked.version + 1
    item.updated_at = timezone.now()
    item.save()
    item.terms.set(terms)
    record(by, "watch.item_changed", item, request=request, version=item.version)
    return item


@transaction.atomic
def publish_bulletin(month: date, *, by: User | None) -> Bulletin:
    """The month's bulletin, published now with its trend highlights frozen; once only
    (two publishers at once find the same row: get_or_create retries on the unique month)."""
    month = month.replace(day=1)
    existing = Bulletin.objects.filter(month=month).first()
    if existing:
        return existing
    bulletin, created = Bulletin.objects.get_or_create(
        month=month,
        defaults={"published_by": by, "highlights": highlights.month_highlights(month)},
    )
    if created:
        record(by, "bulletin.published", bulletin, month=str(bulletin))
    return bulletin


def bulletin_recipients() -> QuerySet[User]:
    """Every active pivot, and every active member who asked for the bulletin."""
    pivots = Q(
        memberships__role=Role.PIVOT,
        memberships__ended_at__isnull=True,
        memberships__organisation__is_active=True,
    )
    subscribed = Q(bulletin_subscription__isnull=False, memberships__ended_at__isnull=True)
    return User.objects.filter(is_active=True).filter(pivots | subscribed).distinct().order_by("pk")


@dataclass(frozen=True)
class Sending:
    bulletin: Bulletin
    sent: int
    already: int
    failed: int = 0


def send_bulletin(month: date, *, by: User | None, base_url: str) -> Sending:
    """Publish the month's bulletin if needed, then e-mail it to each recipient who has not
    had it. Safe to run again: a delivery row per person and bulletin, never two."""
    bulletin = publish_bulletin(month, by=by)
    sent = already = failed = 0
    for person in bulletin_recipients():
        try:
            created = _deliver(bulletin, person, base_url)
        except (OSError, smtplib.SMTPException):
            failed += 1
            continue
        sent, already = (sent + 1, already) if created else (sent, already + 1)
    if sent or failed:
        record(by, "bulletin.sent", bulletin, month=str(bulletin), sent=sent, failed=failed)
    return Sending(bulletin, sent, already, failed)


@transaction.atomic
def _deliver(bulletin: Bulletin, person: User, base_url: str) -> bool:
    """The row and the message go together: a failed send rolls the row back, so the next
    run tries that person again (the mail server being down fails no one's request)."""
    _delivery, created = BulletinDelivery.objects.get_or_create(
        bulletin=bulletin, person=person, defaults={"language": person.language}
    )
    if created:
        mail.bulletin(bulletin, person, base_url)
    return created


def record_read(bulletin: Bulletin, person: User) -> bool:
    """Note the first time a person opens the bulletin; True if this was it."""
    _read, created = BulletinRead.objects.get_or_create(bulletin=bulletin, person=person)
    return created


@transaction.atomic
def set_subscription(person: User, *, subscribed: bool, request: HttpRequest | None = None) -> None:
    """Ask for the bulletin by e-mail, or stop; recording nothing when nothing changes."""
    if subscribed:
        _row, changed = BulletinSubscription.objects.get_or_create(person=person)
    else:
        changed = BulletinSubscription.objects.filter(person=person).delete()[0] > 0
    if changed:
        record(
            person, "bulletin.subscription_changed", None, request=request, subscribed=subscribed
        )
