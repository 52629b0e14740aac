from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from filet.lib.guard import validate_no_identifiers
from filet.meetings.forms import SubmissionField
from filet.meetings.models import Resolution
from filet.organisations.models import Organisation
from filet.plans.models import Action, ActionStatus, Indicator, Objective, Plan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title_fr", "title_en", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] <= data["starts_on"]:
            self.add_error("ends_on", _("The period must end after it starts."))
        return data

    def _post_clean(self) -> None:
        pass


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = Objective
        fields = ["title_fr", "title_en"]


class ActionForm(forms.ModelForm):
    submission = SubmissionField()

    class Meta:
        model = Action
        fields = [
            "objective",
            "title_fr",
            "title_en",
            "responsible",
            "partners",
            "starts_on",
            "due_on",
            "weight",
        ]
        widgets = {
            "starts_on": DATE,
            "due_on": DATE,
            "responsible": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = plan.objectives.all()  # type: ignore[attr-defined]
        self.fields["responsible"].queryset = Organisation.objects.active()  # type: ignore[attr-defined]
        self.fields["partners"].queryset = Organisation.objects.active()  # type: ignore[attr-defined]
        self.fields["weight"].min_value = 1  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("due_on") and data["due_on"] < data["starts_on"]:
            self.add_error("due_on", _("The due date comes after the start."))
        if data.get("weight") is not None and data["weight"] < 1:
            self.add_error("weight", _("The weight is at least 1."))
        return data

    def _post_clean(self) -> None:
        pass


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(
        label=_("Progress note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        validators=[validate_no_identifiers],
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name_fr", "name_en", "target"]


class MeasurementForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    measured_on = forms.DateField(label=_("Measured on"), widget=DATE)
    value = forms.DecimalField(label=_("Value"), max_digits=12, decimal_places=2)

    def __init__(self, *args: Any, action: Action, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = action.indicators.all()  # type: ignore[attr-defined]


class AdoptForm(forms.Form):
    resolution = forms.ModelChoiceField(
        label=_("Adopted by resolution"), queryset=Resolution.objects.all()
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX file"))
    dry_run = forms.BooleanField(
        label=_("Check only (dry run): change nothing"), required=False, initial=True
    )


class FollowUpForm(forms.Form):
    on = forms.DateField(label=_("Meeting date"), widget=DATE)
