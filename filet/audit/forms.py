from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from filet.audit.events import EVENTS
from filet.audit.models import Outcome
from filet.organisations.forms import ListSelect
from filet.organisations.models import Organisation


class AuditFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    # Django's <select> in one template: its own renders two includes per option, and the
    # list of events has more than 160 of them.
    action = forms.ChoiceField(label=_("Event"), required=False, widget=ListSelect)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, widget=ListSelect)
    actor = forms.CharField(label=_("Person (e-mail contains)"), required=False, max_length=100)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, organisation_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = Organisation.objects.filter(pk__in=organisation_ids)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = scope
        events = [("", _("All events")), *EVENTS.items()]
        cast(forms.ChoiceField, self.fields["action"]).choices = events
        outcomes = [("", _("All outcomes")), *Outcome.choices]
        cast(forms.ChoiceField, self.fields["outcome"]).choices = outcomes

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return cleaned
