"""Forms of consultations. Every free text goes through the identifier guard; a form that
comes back with errors keeps what the person typed."""

import uuid
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from filet.accounts.models import User
from filet.consultations.actions import Request
from filet.consultations.models import (
    TEXT_MAX,
    TOPIC_VOCABULARIES,
    Consultation,
    Rating,
    RoutingKind,
    Urgency,
)
from filet.directory.models import Territory
from filet.lib.guard import validate_no_identifiers
from filet.matrix.models import Stage
from filet.organisations.models import Organisation
from filet.pivots.models import Designation
from filet.taxonomy.models import Term, Vocabulary

LANGUAGES = [("fr", _("French")), ("en", _("English"))]
NO_NAME_HELP = _(
    "Describe the situation without naming anyone: no name, date of birth, address, phone "
    "number, e-mail, handle or school class."
)


class TopicField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Term) -> str:
        vocabularies = dict(Vocabulary.choices)
        return f"{vocabularies[obj.vocabulary]} — {obj.label}"


class DesignationField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Designation) -> str:
        return f"{obj.pivot} · {obj.get_level_display()} · {obj.organisation.name}"


def _guarded_text(
    label: Any, *, required: bool = True, max_length: int = TEXT_MAX
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validate_no_identifiers],
        help_text=NO_NAME_HELP,
    )


class AskForm(forms.Form):
    """A worker's question: where, at which stage, on what, how urgent, without a name."""

    territory = forms.ModelChoiceField(label=_("Territory"), queryset=Territory.objects.all())
    stage = forms.ModelChoiceField(
        label=_("Stage of the continuum"), required=False, queryset=Stage.objects.active()
    )
    topic = TopicField(
        label=_("Topic"),
        queryset=Term.objects.active()
        .filter(vocabulary__in=TOPIC_VOCABULARIES)
        .order_by("vocabulary", "position", "pk"),
    )
    language = forms.ChoiceField(label=_("Language of the exchange"), choices=LANGUAGES)
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Urgency.choices, widget=forms.RadioSelect, initial="normal"
    )
    question = _guarded_text(_("Your question"))
    designation = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submission = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission", uuid.uuid4())

    def wanted(self, designation: Designation | None) -> Request:
        data = self.cleaned_data
        return Request(
            territory=data["territory"],
            topic=data["topic"],
            urgency=data["urgency"],
            question=data["question"],
            language=data["language"],
            stage=data["stage"],
            designation=designation,
        )


class _Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, consultation: Consultation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and consultation is not None:
            self.initial["version"] = consultation.version
        if "submission" in self.fields and not self.is_bound:
            self.initial["submission"] = uuid.uuid4()


class VersionForm(_Versioned):
    """A button: accept, withdraw, propose for the FAQ."""


class MessageForm(_Versioned):
    text = _guarded_text(_("Message"))
    submission = forms.UUIDField(widget=forms.HiddenInput)


class AnswerForm(MessageForm):
    text = _guarded_text(_("Your answer"))


class AskBackForm(MessageForm):
    text = _guarded_text(_("What you need to know"))


class ReplyForm(MessageForm):
    text = _guarded_text(_("The details asked for"))


class RedirectForm(_Versioned):
    designation = DesignationField(label=_("Another pivot"), queryset=Designation.objects.none())
    reason = _guarded_text(_("Why this pivot"), max_length=1000)
    submission = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, consultation=consultation, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["designation"])
        field.queryset = candidates(consultation)


def candidates(consultation: Consultation) -> Any:
    """Pivots in force serving the consultation's territory, other than the one it is with."""
    serving = Designation.territories.through.objects.filter(territory=consultation.territory_id)
    return (
        Designation.objects.in_force()
        .filter(pk__in=serving.values("designation"))
        .exclude(pivot=consultation.assignee_id)
        .select_related("pivot", "organisation")
        .order_by("organisation__name_fr", "pivot__full_name", "pk")
    )


class EscalateForm(_Versioned):
    to = forms.ChoiceField(
        label=_("Escalate to"),
        widget=forms.RadioSelect,
        choices=[
            (RoutingKind.TO_REPRESENTATIVE.value, _("The representative of the organisation")),
            (RoutingKind.TO_COORDINATOR.value, _("The Table's coordinator")),
        ],
    )
    reason = _guarded_text(_("Why"), max_length=1000)
    submission = forms.UUIDField(widget=forms.HiddenInput)


class RateForm(_Versioned):
    rating = forms.ChoiceField(
        label=_("Was the answer useful?"), choices=Rating.choices, widget=forms.RadioSelect
    )
    comment = _guarded_text(_("Comment (optional)"), required=False, max_length=1000)


class FaqForm(forms.Form):
    """The coordinator's edit of a proposed FAQ entry: nobody named, guard applied."""

    question_fr = forms.CharField(
        label=_("Question (French)"), max_length=300, validators=[validate_no_identifiers]
    )
    answer_fr = _guarded_text(_("Answer (French)"))
    question_en = forms.CharField(
        label=_("Question (English)"),
        max_length=300,
        required=False,
        validators=[validate_no_identifiers],
    )
    answer_en = _guarded_text(_("Answer (English)"), required=False)


def requester_organisation(user: User) -> Organisation | None:
    """The organisation a question is asked from: the first where the person asks."""
    for membership in user.active_memberships:
        if membership.role in ("worker", "pivot", "representative"):
            return membership.organisation
    return None
