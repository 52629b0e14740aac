import uuid
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.privacy.models import Incident, PrivacyNotice
from filet.privacy.schedule import MINIMUM_MONTHS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class VersionedForm(forms.ModelForm):
    """Carries the version the user saw, so a concurrent change is told, not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("version", self.instance.version)


class IncidentForm(VersionedForm):
    submission = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)

    class Meta:
        model = Incident
        fields = [
            "information",
            "circumstances",
            "occurred_from",
            "occurred_to",
            "learned_on",
            "persons",
            "persons_estimated",
            "measures",
        ]
        widgets = {
            "information": forms.Textarea(attrs={"rows": 3}),
            "circumstances": forms.Textarea(attrs={"rows": 5}),
            "measures": forms.Textarea(attrs={"rows": 4}),
            "occurred_from": DateInput(),
            "occurred_to": DateInput(),
            "learned_on": DateInput(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission", uuid.uuid4().hex)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end, learned = (
            data.get("occurred_from"),
            data.get("occurred_to"),
            data.get("learned_on"),
        )
        today = timezone.localdate()
        if start and end and end < start:
            self.add_error("occurred_to", _("The end of the period is before its start."))
        if start and learned and learned < start:
            self.add_error("learned_on", _("The organisation cannot learn of it before it began."))
        for name in ("occurred_from", "learned_on"):
            if data.get(name) and data[name] > today:
                self.add_error(name, _("This date is in the future."))
        return data


SERIOUS_CHOICES = [("yes", _("Yes: risk of serious injury")), ("no", _("No"))]


class AssessmentForm(VersionedForm):
    serious = forms.TypedChoiceField(
        label=_("Is there a risk of serious injury?"),
        choices=SERIOUS_CHOICES,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Incident
        fields = ["sensitivity", "likelihood", "consequences", "serious", "assessed_on"]
        widgets = {"consequences": forms.Textarea(attrs={"rows": 4}), "assessed_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("sensitivity", "likelihood", "consequences", "assessed_on"):
            self.fields[name].required = True
        if not self.is_bound:
            serious = self.instance.serious
            self.initial["serious"] = "" if serious is None else ("yes" if serious else "no")
            self.initial["assessed_on"] = self.instance.assessed_on or timezone.localdate()


class NoticesForm(VersionedForm):
    class Meta:
        model = Incident
        fields = ["commission_notified_on", "persons_notified_on", "public_notice"]
        widgets = {
            "commission_notified_on": DateInput(),
            "persons_notified_on": DateInput(),
            "public_notice": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        learned = self.instance.learned_on
        for name in ("commission_notified_on", "persons_notified_on"):
            if data.get(name) and learned and data[name] < learned:
                self.add_error(name, _("A notice cannot precede the date the incident was known."))
        if not data.get("commission_notified_on") and not data.get("persons_notified_on"):
            raise forms.ValidationError(_("Give the date of at least one notice."))
        return data


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    closed_on = forms.DateField(label=_("Closed on"), widget=DateInput())


class NoticeForm(VersionedForm):
    class Meta:
        model = PrivacyNotice
        fields = [
            "officer_name",
            "officer_title_fr",
            "officer_title_en",
            "officer_email",
            "officer_phone",
            "notice_fr",
            "notice_en",
        ]
        widgets = {
            "notice_fr": forms.Textarea(attrs={"rows": 12}),
            "notice_en": forms.Textarea(attrs={"rows": 12}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("officer_name") or not data.get("officer_email"):
            raise forms.ValidationError(_("Name the privacy officer and give their e-mail."))
        if not data.get("notice_fr") or not data.get("notice_en"):
            raise forms.ValidationError(_("Publish the notice in French and in English."))
        return data


class RetentionForm(forms.Form):
    """One number of months per kind of record that has a retention rule."""

    def __init__(self, *args: Any, rules: list[Any], current: dict[str, int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for rule in rules:
            self.fields[rule.kind] = forms.IntegerField(
                label=rule.label,
                min_value=MINIMUM_MONTHS.get(rule.kind, 1),
                max_value=1200,
                initial=current.get(rule.kind, rule.default_months),
                help_text=rule.basis,
            )
