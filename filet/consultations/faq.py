"""The FAQ from consultations: the person who answered offers the question and answer to
the coordinator, who reviews them (and only them), edits them so that nobody is named, and
publishes an anonymous FAQ entry through the library's own action, once."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from filet.accounts.models import User
from filet.consultations.actions import NotAllowed, audit, lock, save_changes
from filet.consultations.models import Consultation, Message, MessageKind
from filet.resources.actions import save_faq_entry
from filet.resources.models import FaqEntry


@transaction.atomic
def propose_faq(
    consultation: Consultation, *, by: User, version: int | None, request: HttpRequest | None = None
) -> Consultation:
    """The person who answered offers the question and answer to the coordinator, who
    reviews them (and only them) before anything is published."""
    current = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if current.faq_proposed_at is not None:
        return current
    locked = lock(consultation, "propose_faq", version)
    locked.faq_proposed_at = timezone.now()
    save_changes(locked, "faq_proposed_at")
    audit(by, "consultation.faq_proposed", locked, request)
    return locked


@transaction.atomic
def publish_faq(
    consultation: Consultation,
    *,
    by: User,
    data: dict[str, Any],
    request: HttpRequest | None = None,
) -> FaqEntry:
    """Publish the reviewed question and answer as an anonymous FAQ entry, once."""
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.faq_entry_id is not None:
        return FaqEntry.objects.get(pk=locked.faq_entry_id)
    if locked.faq_proposed_at is None:
        raise NotAllowed("publish_faq")
    fields = ("question_fr", "answer_fr", "question_en", "answer_en")
    entry = save_faq_entry(
        None,
        by=by,
        data={**{name: data[name] for name in fields}, "is_published": True, "position": 0},
        request=request,
    )
    locked.faq_entry = entry
    save_changes(locked, "faq_entry")
    audit(by, "consultation.faq_published", locked, request, faq_entry=entry.pk)
    return entry


def latest_answer(consultation: Consultation) -> Message | None:
    return consultation.messages.filter(kind=MessageKind.ANSWER).order_by("-created_at").first()
