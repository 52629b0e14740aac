from typing import Any

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.accounts.models import User
from filet.lib.guard import validate_no_identifiers
from filet.organisations.roles import Role
from filet.training.models import Attendance, Mode, Module, Session


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ModuleForm(forms.ModelForm):
    # The revision the editor saw: a second editor is told instead of overwriting.
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)

    class Meta:
        model = Module
        fields = [
            "title_fr",
            "title_en",
            "description_fr",
            "description_en",
            "audience_fr",
            "audience_en",
            "objectives_fr",
            "objectives_en",
            "duration_minutes",
            "is_active",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("description_fr", "description_en", "objectives_fr", "objectives_en")
        }


class VersionForm(forms.Form):
    materials = forms.CharField(
        label=_("Materials"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One reference or link per line (document, slides, video)."),
    )
    change_note = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_identifiers],
    )
    review_by = forms.DateField(label=_("Review by"), widget=DateInput)


class RequirementForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), choices=[(r.value, r.label) for r in Role if r != Role.ADMINISTRATOR]
    )
    module = forms.ModelChoiceField(
        label=_("Module"), queryset=Module.objects.filter(is_active=True)
    )


class TrainerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name} <{obj.email}>"


def _formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    # Links typed without a scheme are taken as https (Django 6's default, asked for now).
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class SessionForm(forms.ModelForm):
    trainers = TrainerChoiceField(
        label=_("Trainers"),
        queryset=User.objects.filter(is_active=True, memberships__ended_at__isnull=True)
        .distinct()
        .order_by("full_name"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    # The calendar SEQUENCE the editor saw doubles as the edit counter.
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    class Meta:
        model = Session
        fields = ["starts_at", "ends_at", "mode", "place", "video_link", "capacity", "trainers"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "mode": forms.RadioSelect,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session must end after it starts."))
        mode = cleaned.get("mode")
        if mode == Mode.IN_PERSON and not cleaned.get("place"):
            self.add_error("place", _("Give the place of an in-person session."))
        if mode == Mode.ONLINE and not cleaned.get("video_link"):
            self.add_error("video_link", _("Give the link of an online session."))
        return cleaned


class SessionCreateForm(SessionForm):
    module = forms.ModelChoiceField(
        label=_("Module"),
        queryset=Module.objects.filter(is_active=True, versions__isnull=False).distinct(),
    )

    field_order = ["module"]


class DeclarationForm(forms.Form):
    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput)
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where, when and with whom you took it, in a few words. No youth's details."),
        validators=[validate_no_identifiers],
    )

    def clean_completed_on(self) -> Any:
        value = self.cleaned_data["completed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class AttendanceForm(forms.Form):
    """One radio group per registered person, named by registration id."""

    def __init__(self, *args: Any, registrations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (Attendance.PRESENT, Attendance.PRESENT.label),
            (Attendance.ABSENT, Attendance.ABSENT.label),
        ]
        for registration in registrations:
            self.fields[f"r{registration.pk}"] = forms.ChoiceField(
                label=registration.user.full_name,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                initial=registration.attendance or None,
            )

    def marks(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items() if value}
