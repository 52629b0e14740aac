"""Consultations for the permission matrix and the consultations' tests, made through the
real actions: asked by the worker of A, routed to the pivot of A."""

import uuid
from typing import Any

from filet.consultations import actions, faq
from filet.consultations.models import Consultation
from filet.pivots.models import Designation
from filet.taxonomy.models import Term, Vocabulary
from tests.pivots import builders as pivots

Target = tuple[dict[str, Any], dict[str, Any]]
QUESTION = "Une élève s'absente souvent et revient avec des cadeaux. Quels signes noter?"


def topic() -> Term:
    found = Term.objects.of(Vocabulary.INDICATOR).order_by("pk").first()
    assert found is not None
    return found


def designation_of(p: Any, *, pivot: Any = None, **overrides: Any) -> Designation:
    """The pivot's designation in A (made once per pivot and level)."""
    who = pivot or p.pivot
    level = overrides.get("level", "primary")
    found = Designation.objects.filter(pivot=who, level=level, withdrawn_at__isnull=True).first()
    return found or pivots.designation(p, pivot=who, **overrides)


def wanted(p: Any, **overrides: Any) -> actions.Request:
    values: dict[str, Any] = {
        "territory": pivots.territory(),
        "topic": topic(),
        "urgency": "normal",
        "question": QUESTION,
        "language": "fr",
        "stage": None,
        "designation": None,
    }
    values.update(overrides)
    return actions.Request(**values)


def consultation(p: Any, *, by: Any = None, chosen: bool = True, **overrides: Any) -> Consultation:
    if chosen and "designation" not in overrides:
        overrides["designation"] = designation_of(p)
    elif not chosen:
        designation_of(p)
    return actions.ask(
        wanted(p, **overrides),
        by=by or p.worker,
        organisation=p.org_a,
        submission=uuid.uuid4(),
    )


def answered(p: Any, text: str = "Notez les faits observés, sans interpréter.") -> Consultation:
    made = consultation(p)
    return actions.answer(
        made, by=p.pivot, version=made.version, text=text, submission=uuid.uuid4()
    )


def _consultation_target(p: Any) -> Target:
    return {"pk": consultation(p).pk}, {}


def _proposed_target(p: Any) -> Target:
    made = answered(p)
    faq.propose_faq(made, by=p.pivot, version=made.version)
    return {"pk": made.pk}, {}


def _ask_target(p: Any) -> Target:
    designation_of(p)
    return {}, {}


TARGETS = {
    "consultations:ask": _ask_target,
    "consultations:detail": _consultation_target,
    "consultations:accept": _consultation_target,
    "consultations:answer": _consultation_target,
    "consultations:ask_back": _consultation_target,
    "consultations:reply": _consultation_target,
    "consultations:redirect": _consultation_target,
    "consultations:escalate": _consultation_target,
    "consultations:rate": _consultation_target,
    "consultations:withdraw": _consultation_target,
    "consultations:propose_faq": _consultation_target,
    "consultations:faq_review": _proposed_target,
}
