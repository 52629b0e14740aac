import uuid
from datetime import date
from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from filet.taxonomy.models import Term, Vocabulary
from filet.watch.models import WatchItem, WatchKind

TAG_VOCABULARIES = (Vocabulary.PLATFORM, Vocabulary.RECRUITMENT)


class DateInput(forms.DateInput):
    input_type = "date"


class TermChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Term) -> str:
        return f"{obj.get_vocabulary_display()} · {obj.label}"


class WatchItemForm(forms.ModelForm):
    terms = TermChoiceField(
        label=_("Platforms and recruitment methods"),
        queryset=Term.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    source_url = forms.URLField(
        label=_("Source address"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("A public page (http or https). It describes the source, never a youth."),
    )
    submission = forms.CharField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = WatchItem
        fields = [
            "kind",
            "title_fr",
            "summary_fr",
            "title_en",
            "summary_en",
            "terms",
            "keywords",
            "source_name",
            "published_on",
        ]
        widgets = {
            "summary_fr": forms.Textarea(attrs={"rows": 5}),
            "summary_en": forms.Textarea(attrs={"rows": 5}),
            "published_on": DateInput(format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["terms"].queryset = (  # type: ignore[attr-defined]
            Term.objects.active()
            .filter(vocabulary__in=TAG_VOCABULARIES)
            .order_by("vocabulary", "position", "pk")
        )
        self.fields["kind"].choices = WatchKind.choices  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("submission", uuid.uuid4().hex)
            self.initial.setdefault("version", self.instance.version)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("title_fr") and not data.get("title_en"):
            self.add_error("title_fr", _("Give a title in French, in English or in both."))
        for lang in ("fr", "en"):
            if data.get(f"summary_{lang}") and not data.get(f"title_{lang}"):
                self.add_error(f"title_{lang}", _("A summary in this language needs a title."))
        return data


class FilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *WatchKind.choices]
    )
    term = forms.ModelChoiceField(
        label=_("Platform or method"),
        required=False,
        queryset=Term.objects.filter(vocabulary__in=TAG_VOCABULARIES),
        empty_label=_("All"),
    )


class MonthForm(forms.Form):
    month = forms.CharField(label=_("Month"), widget=forms.TextInput(attrs={"type": "month"}))

    def clean_month(self) -> date:
        try:
            return date.fromisoformat(self.cleaned_data["month"] + "-01")
        except ValueError:
            raise forms.ValidationError(_("Give a month as YYYY-MM.")) from None
