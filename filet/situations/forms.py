"""Forms of the safety net. Free text goes through the identifier guard; a refused form
comes back with everything the person typed."""

import uuid
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.accounts.models import User
from filet.directory.models import Territory, TerritoryKind
from filet.lib.guard import validate_no_identifiers
from filet.organisations.models import Organisation
from filet.pivots.models import Designation, MilieuType
from filet.situations.actions import SituationData
from filet.situations.models import (
    NOTE_MAX,
    SUMMARY_MAX,
    ActionStatus,
    AgeBand,
    DpjReport,
    Gender,
    Outcome,
    Participant,
    Situation,
)
from filet.taxonomy.models import Term, Vocabulary

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH_INPUT = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
GUARD_HELP = _("No name, date of birth, address, phone number, handle or photo.")

DPJ_REMINDER = _(
    "If you have reasonable grounds to believe that a youth's security or development is in "
    "danger, you must report it to the DPJ yourself, without delay (Youth Protection Act, "
    "s. 39). Filet never counts as a report: opening a situation here is not a report."
)


def _guarded(label: Any, max_length: int, *, required: bool = False, rows: int = 3) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        validators=[validate_no_identifiers],
        help_text=GUARD_HELP,
    )


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class SituationForm(forms.Form):
    """Opening a situation: coarse attributes, the DPJ question, a short summary."""

    age_band = forms.ChoiceField(
        label=_("Age band"), choices=AgeBand.choices, widget=forms.RadioSelect
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect)
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Territory.objects.filter(kind=TerritoryKind.SECTOR)
    )
    milieu_type = forms.ChoiceField(label=_("Milieu type"), choices=MilieuType.choices)
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators"),
        required=False,
        queryset=Term.objects.active().of(Vocabulary.INDICATOR).order_by("family", "position"),
        widget=forms.CheckboxSelectMultiple,
    )
    dpj_report = forms.ChoiceField(
        label=_("Report made to the DPJ?"), choices=DpjReport.choices, widget=forms.RadioSelect
    )
    dpj_reported_in = forms.DateField(
        label=_("Month of the report"),
        required=False,
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=MONTH_INPUT,
    )
    dpj_reason = _guarded(_("Why no report is required"), 300)
    summary = _guarded(_("Short summary"), SUMMARY_MAX, rows=4)
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and "submission" not in self.initial:
            self.initial["submission"] = uuid.uuid4()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        report, month = data.get("dpj_report"), data.get("dpj_reported_in")
        if report == DpjReport.MADE and month is None:
            self.add_error("dpj_reported_in", _("Give the month of the report."))
        if month is not None:
            data["dpj_reported_in"] = month = month.replace(day=1)
            if month > timezone.localdate():
                self.add_error("dpj_reported_in", _("The month of the report is in the future."))
        if report == DpjReport.NOT_REQUIRED and not data.get("dpj_reason", "").strip():
            self.add_error("dpj_reason", _("Say why no report is required."))
        return data

    def situation_data(self) -> SituationData:
        data = self.cleaned_data
        names = ("age_band", "gender", "sector", "milieu_type", "dpj_report",
                 "dpj_reported_in", "dpj_reason", "summary")  # fmt: skip
        values: dict[str, Any] = {name: data.get(name) for name in names}
        values.update({k: v for k, v in data.items() if k in self._frame_fields})
        return SituationData(indicators=list(data.get("indicators", [])), **values)

    _frame_fields: tuple[str, ...] = ()


class SituationEditForm(SituationForm):
    """The same attributes, and the frame of the concerted plan."""

    lead_organisation = OrganisationChoiceField(
        label=_("Lead organisation"), required=False, queryset=Organisation.objects.none()
    )
    next_review_on = forms.DateField(label=_("Next review"), required=False, widget=DATE_INPUT)
    alone_justification = _guarded(
        _("Why a single organisation is enough (seen by the coordinator)"), 300
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    _frame_fields = ("lead_organisation", "next_review_on", "alone_justification")

    def __init__(self, *args: Any, situation: Situation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["submission"]
        lead = cast(OrganisationChoiceField, self.fields["lead_organisation"])
        lead.queryset = Organisation.objects.filter(pk__in=situation.accepted_organisation_ids())


def initial_for(situation: Situation) -> dict[str, Any]:
    names = [name for name in SituationEditForm.base_fields if name != "submission"]
    initial = {name: getattr(situation, name) for name in names if name != "indicators"}
    initial["indicators"] = list(situation.indicators.all())
    return initial


class DesignationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Designation) -> str:
        return f"{obj.pivot.full_name} — {obj.organisation.name} ({obj.get_level_display()})"


class InviteForm(forms.Form):
    designation = DesignationChoiceField(
        label=_("Pivot of a partner"), queryset=Designation.objects.none()
    )

    def __init__(self, *args: Any, situation: Situation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        seeing = [p.person_id for p in situation.participants.all() if p.status in p.SEEING]
        field = cast(DesignationChoiceField, self.fields["designation"])
        field.queryset = (
            Designation.objects.in_force()
            .exclude(organisation=situation.organisation)
            .exclude(pivot__in=seeing)
            .select_related("pivot", "organisation")
            .order_by("organisation__name_fr", "pivot__full_name", "pk")
        )


class RespondForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = _guarded(_("Reason for declining"), 300, rows=2)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why you decline."))
        return data


class LeaveForm(forms.Form):
    reason = _guarded(_("Why you leave"), 300, required=True, rows=2)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[])

    def __init__(self, *args: Any, choices: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = choices


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    reason = _guarded(_("Why close with actions still open"), 300, rows=2)


class ActionForm(forms.Form):
    title = forms.CharField(
        label=_("Action"), max_length=200, validators=[validate_no_identifiers],
        help_text=GUARD_HELP,
    )  # fmt: skip
    organisation = OrganisationChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.none()
    )
    person = forms.ModelChoiceField(
        label=_("Responsible person"), required=False, queryset=User.objects.none()
    )
    due_on = forms.DateField(label=_("Due date"), widget=DATE_INPUT)
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, situation: Situation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission", uuid.uuid4())
        self.taking_part = [
            p for p in situation.participants.all() if p.status == Participant.Status.ACCEPTED
        ]
        organisations = cast(OrganisationChoiceField, self.fields["organisation"])
        organisations.queryset = Organisation.objects.filter(
            pk__in={p.organisation_id for p in self.taking_part}
        )
        people = cast(forms.ModelChoiceField, self.fields["person"])
        people.queryset = User.objects.filter(pk__in={p.person_id for p in self.taking_part})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person, organisation = data.get("person"), data.get("organisation")
        if (
            person
            and organisation
            and not any(
                p.person_id == person.pk and p.organisation_id == organisation.pk
                for p in self.taking_part
            )
        ):
            self.add_error("person", _("This person does not take part for this organisation."))
        return data


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class NoteForm(forms.Form):
    text = _guarded(_("Follow-up note"), NOTE_MAX, required=True)
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission", uuid.uuid4())
