from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.matrix.models import (
    Agreement,
    MatrixVersion,
    Responsibility,
    Stage,
    matrix_organisations,
)


class CellForm(forms.Form):
    responsibility = forms.ChoiceField(
        label=_("Responsibility"),
        required=False,
        choices=[("", _("None (empty cell)")), *Responsibility.choices],
    )
    description_fr = forms.CharField(
        label=_("Description (French)"), max_length=300, required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), max_length=300, required=False
    )
    mandate = forms.CharField(
        label=_("Mandate"),
        max_length=200,
        required=False,
        help_text=_("The law, regulation or agreement that grounds it, e.g. “LPJ art. 38”."),
    )
    # The revision the editor saw: a second editor is told instead of overwriting.
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        described = cleaned.get("description_fr") or cleaned.get("description_en")
        if not cleaned.get("responsibility") and (described or cleaned.get("mandate")):
            raise forms.ValidationError(
                _("Choose a responsibility, or empty the description and the mandate.")
            )
        return cleaned


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = [
            "code",
            "label_fr",
            "label_en",
            "definition_fr",
            "definition_en",
            "order",
            "is_active",
        ]
        help_texts = {
            "code": _("Letters, digits and hyphens; used in exports."),
            "is_active": _("A retired stage leaves the matrix; adopted versions keep it."),
        }


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Adopted by the Table on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the meeting and the resolution number."),
    )

    def clean_adopted_on(self) -> Any:
        adopted_on = self.cleaned_data["adopted_on"]
        if adopted_on > timezone.localdate():
            raise forms.ValidationError(_("The adoption date cannot be in the future."))
        latest = MatrixVersion.objects.latest_adopted()
        if latest is not None and adopted_on < latest.adopted_on:
            raise forms.ValidationError(
                _("Version %(number)s was adopted on %(date)s: this date cannot be earlier.")
                % {"number": latest.number, "date": latest.adopted_on.isoformat()}
            )
        return adopted_on


class AgreementForm(forms.ModelForm):
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=matrix_organisations(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least two."),
    )
    stages = forms.ModelMultipleChoiceField(
        label=_("Stages"),
        queryset=Stage.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Agreement
        fields = [
            "title",
            "protocol",
            "scope",
            "starts_on",
            "ends_on",
            "partners",
            "stages",
            "contacts",
            "document_reference",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "scope": forms.Textarea(attrs={"rows": 4}),
            "contacts": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A fresh queryset per form: the class attribute would be evaluated once.
        self.fields["partners"].queryset = matrix_organisations()  # type: ignore[attr-defined]
        self.fields["stages"].queryset = Stage.objects.active()  # type: ignore[attr-defined]

    def clean_partners(self) -> Any:
        partners = self.cleaned_data["partners"]
        if len(partners) < 2:
            raise forms.ValidationError(_("An agreement binds at least two partners."))
        return partners

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date comes after the start date."))
        return cleaned
