import html
from typing import Any, cast

from django import forms
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from filet.audit.events import EVENTS
from filet.audit.models import Outcome
from filet.organisations.models import Organisation


def _escape(value: Any) -> str:
    # conditional_escape() without its check for lazy arguments: it costs more than escaping.
    return str(value.__html__()) if hasattr(value, "__html__") else html.escape(str(value))


def _attrs(attrs: dict[str, Any]) -> str:
    """As django/forms/widgets/attrs.html: True names the attribute, False leaves it out."""
    return "".join(
        f" {_escape(name)}" if value is True else f' {_escape(name)}="{_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class PlainSelect(forms.Select):
    """Django's <select>, markup for markup, written in Python: its template renders two
    includes per option, and the list of events has more than 160 of them."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _options, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = "".join(
            f'\n  <option value="{_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
            f"{_escape(option['label'])}</option>\n"
            for _group, group_options, _index in widget["optgroups"]
            for option in group_options
        )
        start = f'<select name="{_escape(widget["name"])}"{_attrs(widget["attrs"])}>'
        return mark_safe(f"{start}{options}\n</select>")  # noqa: S308 - every value escaped


class AuditFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    action = forms.ChoiceField(label=_("Event"), required=False, widget=PlainSelect)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, widget=PlainSelect)
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
