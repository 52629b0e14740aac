import uuid
from datetime import date, time
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from filet.accounts.models import User
from filet.directory.models import Territory
from filet.lib.guard import validate_no_identifiers
from filet.matrix.models import Stage
from filet.organisations.forms import ShortListChoiceField
from filet.organisations.models import Membership, Organisation
from filet.organisations.roles import Role
from filet.pivots.actions import DesignationData
from filet.pivots.models import (
    Activity,
    Audience,
    Designation,
    Level,
    MandateRole,
    Milieu,
    MilieuType,
    PivotLanguage,
    Weekday,
    local_now,
)
from filet.pivots.reports import Quarter
from filet.resources.models import Resource

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MilieuChoiceField(ShortListChoiceField):
    def label_from_instance(self, obj: Milieu) -> str:
        return f"{obj.name} ({obj.territory.name})"


class WhoToCallForm(forms.Form):
    """Where, for what and in which language: a worker's question, never a youth's name."""

    milieu = MilieuChoiceField(
        label=_("Milieu"), required=False, queryset=Milieu.objects.select_related("territory")
    )
    # One plain query and one template per list: the form is on every who-to-call page.
    territory = ShortListChoiceField(
        label=_("Territory"), required=False, queryset=Territory.objects.all()
    )
    stage = ShortListChoiceField(
        label=_("Stage of the continuum"), required=False, queryset=Stage.objects.active()
    )
    topic = forms.CharField(
        label=_("Or a topic"),
        required=False,
        max_length=80,
        help_text=_("A word such as “detection” or “support”."),
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any")), *PivotLanguage.choices]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("milieu") and not data.get("territory"):
            raise forms.ValidationError(_("Choose a milieu or a territory."))
        return data


def _weekday_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for day, label in Weekday.choices:
        fields[f"day{day}_starts"] = forms.TimeField(
            label=_("%(day)s from") % {"day": label}, required=False, widget=TIME_INPUT
        )
        fields[f"day{day}_ends"] = forms.TimeField(
            label=_("%(day)s to") % {"day": label}, required=False, widget=TIME_INPUT
        )
    return fields


class DesignationForm(forms.Form):
    """A designation, its weekly hours (one range a day) and the pivot's work contact."""

    pivot = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices, widget=forms.RadioSelect)
    stages = forms.ModelMultipleChoiceField(
        label=_("Stages"), queryset=Stage.objects.active(), widget=forms.CheckboxSelectMultiple
    )
    territories = forms.ModelMultipleChoiceField(
        label=_("Territories"),
        queryset=Territory.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    milieux = forms.ModelMultipleChoiceField(
        label=_("Milieux"),
        required=False,
        queryset=Milieu.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=PivotLanguage.choices, widget=forms.CheckboxSelectMultiple
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE_INPUT)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DATE_INPUT)
    work_phone = forms.CharField(label=_("Work phone"), required=False, max_length=30)
    work_email = forms.EmailField(label=_("Work e-mail"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        designation: Designation | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.organisation, self.designation = organisation, designation
        self.fields.update(_weekday_fields())
        milieux = cast(forms.ModelMultipleChoiceField, self.fields["milieux"])
        milieux.queryset = Milieu.objects.filter(organisation=organisation)
        if designation is not None:
            del self.fields["pivot"]
        else:
            people = Membership.objects.current().filter(organisation=organisation)
            pivot = cast(forms.ModelChoiceField, self.fields["pivot"])
            pivot.queryset = User.objects.filter(pk__in=people.values("user"), is_active=True)
            self.fields["valid_from"].initial = local_now().date()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pivot = self.designation.pivot if self.designation else data.get("pivot")
        level = data.get("level")
        if pivot and level and self._already(pivot, level):
            self.add_error("level", _("This person already holds this designation; change it."))
        until, start = data.get("valid_until"), data.get("valid_from")
        if until and start and until < start:
            self.add_error("valid_until", _("The end comes before the start."))
        for day in Weekday.values:
            starts, ends = data.get(f"day{day}_starts"), data.get(f"day{day}_ends")
            if (starts is None) != (ends is None) or (starts and ends and ends <= starts):
                self.add_error(f"day{day}_ends", _("Give a start and a later end, or neither."))
        return data

    def _already(self, pivot: User, level: str) -> bool:
        others = Designation.objects.filter(
            organisation=self.organisation, pivot=pivot, level=level, withdrawn_at__isnull=True
        )
        if self.designation is not None:
            others = others.exclude(pk=self.designation.pk)
        return others.exists()

    def slots(self) -> list[tuple[int, time, time]]:
        data = self.cleaned_data
        return [
            (day, data[f"day{day}_starts"], data[f"day{day}_ends"])
            for day in Weekday.values
            if data.get(f"day{day}_starts") and data.get(f"day{day}_ends")
        ]

    def designation_data(self) -> DesignationData:
        data = self.cleaned_data
        return DesignationData(
            level=data["level"],
            stages=list(data["stages"]),
            territories=list(data["territories"]),
            milieux=list(data["milieux"]),
            languages=data["languages"],
            valid_from=data["valid_from"],
            valid_until=data.get("valid_until"),
            slots=self.slots(),
            work_phone=data.get("work_phone", ""),
            work_email=data.get("work_email", ""),
        )


def initial_for(designation: Designation) -> dict[str, Any]:
    contact = getattr(designation.pivot, "pivot_contact", None)
    initial: dict[str, Any] = {
        "level": designation.level,
        "stages": list(designation.stages.all()),
        "territories": list(designation.territories.all()),
        "milieux": list(designation.milieux.all()),
        "languages": designation.languages,
        "valid_from": designation.valid_from,
        "valid_until": designation.valid_until,
        "work_phone": contact.work_phone if contact else "",
        "work_email": contact.work_email if contact else "",
        "version": designation.version,
    }
    for slot in designation.slots.all():
        initial[f"day{slot.weekday}_starts"] = slot.starts
        initial[f"day{slot.weekday}_ends"] = slot.ends
    return initial


class AbsenceForm(forms.Form):
    starts_on = forms.DateField(label=_("Away from"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Back after"), widget=DATE_INPUT)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end comes before the start."))
        return data


class MilieuForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the institution"),
        max_length=200,
        help_text=_("A school, a group home, a neighbourhood: never a person."),
    )
    type = forms.ChoiceField(label=_("Type"), choices=MilieuType.choices)
    territory = forms.ModelChoiceField(label=_("Territory"), queryset=Territory.objects.all())

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if Milieu.objects.filter(organisation=self.organisation, name__iexact=name).exists():
            raise forms.ValidationError(_("Your organisation already named this milieu."))
        return name


class MandateForm(forms.Form):
    """A new version of the mandate: each of the five roles, in French and in English."""

    adopted_on = forms.DateField(label=_("Adopted by the Table on"), widget=DATE_INPUT)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for code, label in MandateRole.choices:
            self.fields[f"{code}_fr"] = forms.CharField(
                label=_("%(role)s — French") % {"role": label}, widget=forms.Textarea
            )
            self.fields[f"{code}_en"] = forms.CharField(
                label=_("%(role)s — English") % {"role": label}, widget=forms.Textarea
            )

    def sections(self) -> dict[str, dict[str, str]]:
        data = self.cleaned_data
        return {
            code: {"fr": data[f"{code}_fr"].strip(), "en": data[f"{code}_en"].strip()}
            for code in MandateRole.values
        }


class ActivityForm(forms.ModelForm):
    """An outreach activity in a minute, from a phone: counts and topics, never a youth."""

    submission = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = Activity
        fields = [
            "held_on",
            "milieu_type",
            "milieu",
            "audience",
            "participants",
            "duration_minutes",
            "topics",
            "material",
            "resource",
        ]
        widgets = {
            "held_on": DATE_INPUT,
            "audience": forms.RadioSelect,
            "topics": forms.Textarea(attrs={"rows": 3}),
            "material": forms.Textarea(attrs={"rows": 2}),
            "participants": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "duration_minutes": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
        }
        help_texts = {
            "topics": _("What was discussed. No names, no dates of birth, no contact details."),
            "material": _("Brochures, videos, workshops used."),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any):
        super().__init__(*args, **kwargs)
        organisation_ids = user.organisation_ids(Role.PIVOT)
        resource = cast(forms.ModelChoiceField, self.fields["resource"])
        resource.queryset = Resource.objects.visible_to(user).order_by("title")
        milieu = cast(forms.ModelChoiceField, self.fields["milieu"])
        milieu.queryset = Milieu.objects.filter(organisation__in=organisation_ids)
        self.fields["topics"].validators.append(validate_no_identifiers)
        self.fields["material"].validators.append(validate_no_identifiers)
        cast(forms.ChoiceField, self.fields["audience"]).choices = Audience.choices
        if not self.is_bound:
            self.initial.setdefault("held_on", local_now().date())
            self.initial.setdefault("submission", uuid.uuid4())
            self.initial.setdefault("audience", Audience.YOUTHS)

    def clean_held_on(self) -> date:
        held_on = self.cleaned_data["held_on"]
        if held_on > local_now().date():
            raise forms.ValidationError(_("An activity is recorded once it took place."))
        return held_on

    def clean_participants(self) -> int:
        value = self.cleaned_data["participants"]
        if value < 1:
            raise forms.ValidationError(_("At least one participant."))
        return value


class QuarterForm(forms.Form):
    quarter = forms.ChoiceField(label=_("Quarter"), required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["quarter"]).choices = [
            (str(q), q.label()) for q in Quarter.recent(local_now().date(), 8)
        ]

    def chosen(self) -> Quarter:
        value = self.cleaned_data.get("quarter") if self.is_valid() else None
        return Quarter.parse(value) if value else Quarter.containing(local_now().date())
