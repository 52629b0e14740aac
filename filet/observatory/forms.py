"""The observation form, built for a phone: one page, checkbox groups by family, defaults
on the current month and the most common answers. Terms are loaded once per form and
passed in, so the page costs one query for all its choices."""

import uuid
from datetime import date
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from filet.lib.guard import validate_no_identifiers
from filet.observatory.actions import Entry
from filet.observatory.models import MAX_YOUTHS, Observation, ResearchProtocol
from filet.observatory.stats import add_months
from filet.taxonomy.models import CATEGORY_VOCABULARIES, Family, Term, Vocabulary

MONTHS_BACK = 24

# Checkbox groups in the order of the form; indicators come one group per family.
GROUPS: list[tuple[str, str, str, Any]] = [
    *[(f"indicator_{f.value}", Vocabulary.INDICATOR, f.value, f.label) for f in Family],
    ("recruitment", Vocabulary.RECRUITMENT, "", Vocabulary.RECRUITMENT.label),
    ("place", Vocabulary.PLACE, "", Vocabulary.PLACE.label),
    ("platform", Vocabulary.PLATFORM, "", Vocabulary.PLATFORM.label),
    ("exploitation", Vocabulary.EXPLOITATION, "", Vocabulary.EXPLOITATION.label),
    ("actor_role", Vocabulary.ACTOR_ROLE, "", Vocabulary.ACTOR_ROLE.label),
    ("age_band", Vocabulary.AGE_BAND, "", _("Age bands of these youths")),
    ("action", Vocabulary.ACTION, "", _("Action taken")),
]
SINGLE = [
    ("sector", Vocabulary.SECTOR, _("Sector")),
    ("milieu", Vocabulary.MILIEU, _("Milieu type")),
    ("source", Vocabulary.SOURCE, _("Source")),
    ("confidence", Vocabulary.CONFIDENCE, _("Confidence")),
]
COMMON = ("month", "sector", "milieu")
DPJ_REMINDER = _(
    "Recording an observation in Filet is never a report to the DPJ. If you have reasonable "
    "grounds to believe that a youth's security or development is in danger, you must "
    "report it to the DPJ yourself (Youth Protection Act, s. 39)."
)


def month_choices(today: date, extra: date | None = None) -> list[tuple[str, str]]:
    current = today.replace(day=1)
    months = [add_months(current, -i) for i in range(MONTHS_BACK)]
    if extra and extra not in months:
        months.append(extra)
    return [(m.strftime("%Y-%m"), formats.date_format(m, "YEAR_MONTH_FORMAT")) for m in months]


def load_terms(keep: list[Term] | None = None) -> list[Term]:
    """Active terms, plus retired ones an edited observation already holds."""
    keep_ids = {t.pk for t in keep or []}
    return [t for t in Term.objects.order_by("position", "pk") if t.is_active or t.pk in keep_ids]


class ObservationForm(forms.Form):
    month = forms.ChoiceField(label=_("Month"))
    youths = forms.IntegerField(
        label=_("How many youths"),
        min_value=1,
        max_value=MAX_YOUTHS,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_identifiers],
        help_text=_("No name, date of birth, address, phone number, handle or photo."),
    )
    submission = forms.CharField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, terms: list[Term], common: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.terms = {t.pk: t for t in terms}
        for name, single, label in SINGLE:
            if common or name not in COMMON:
                options = [(t.pk, t.label) for t in terms if t.vocabulary == single]
                self.fields[name] = forms.TypedChoiceField(
                    label=label, choices=options, coerce=int, widget=_single_widget(name)
                )
        for name, vocabulary, family, label in GROUPS:
            choices = [
                (t.pk, t.label) for t in terms if t.vocabulary == vocabulary and t.family == family
            ]
            self.fields[name] = forms.TypedMultipleChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        if not common:
            for name in COMMON:
                self.fields.pop(name, None)
        else:
            self.fields["month"].choices = month_choices(  # type: ignore[attr-defined]
                timezone.localdate(), self.initial.get("month_date")
            )
        self.order_fields(["month", "sector", "milieu", "youths"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        actions = [self.terms[pk] for pk in data.get("action", [])]
        if len(actions) > 1 and any(t.code == "none" for t in actions):
            self.add_error("action", _("“None” cannot be combined with another action."))
        return data

    def entry(self, common: dict[str, Any] | None = None) -> Entry:
        data = {**self.cleaned_data, **(common or {})}
        chosen = [self.terms[pk] for name, *_rest in GROUPS for pk in data.get(name, [])]
        return Entry(
            month=date.fromisoformat(data["month"] + "-01"),
            sector=self.terms[data["sector"]],
            milieu=self.terms[data["milieu"]],
            source=self.terms[data["source"]],
            confidence=self.terms[data["confidence"]],
            youths=data["youths"],
            terms=chosen,
            note=data.get("note", ""),
        )

    @property
    def groups(self) -> list[forms.BoundField]:
        return [self[name] for name, *_rest in GROUPS if self.fields[name].choices]  # type: ignore[attr-defined]


def _single_widget(name: str) -> forms.Widget:
    return forms.RadioSelect() if name in ("source", "confidence") else forms.Select()


def initial_for(terms: list[Term]) -> dict[str, Any]:
    """Sensible defaults: this month, one youth, direct observation, probable, no action."""
    defaults = {"source": "direct-observation", "confidence": "probable"}
    initial: dict[str, Any] = {
        "month": timezone.localdate().strftime("%Y-%m"),
        "youths": 1,
        "submission": uuid.uuid4().hex,
    }
    for name, code in defaults.items():
        found = next((t.pk for t in terms if t.vocabulary == name and t.code == code), None)
        if found:
            initial[name] = found
    return initial


def initial_from(observation: Observation) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "month": observation.month.strftime("%Y-%m"),
        "month_date": observation.month,
        "youths": observation.youths,
        "note": observation.note,
        "version": observation.version,
    }
    for name in ("sector", "milieu", "source", "confidence"):
        initial[name] = getattr(observation, f"{name}_id")
    held = list(observation.terms.all())
    for name, vocabulary, family, _label in GROUPS:
        initial[name] = [t.pk for t in held if t.vocabulary == vocabulary and t.family == family]
    return initial


class BulkCommonForm(forms.Form):
    """What the rows of a bulk entry share: one month, one sector, one milieu."""

    month = forms.ChoiceField(label=_("Month"))
    sector = forms.TypedChoiceField(label=_("Sector"), coerce=int)
    milieu = forms.TypedChoiceField(label=_("Milieu type"), coerce=int)
    submission = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, terms: list[Term], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = month_choices(timezone.localdate())  # type: ignore[attr-defined]
        for name, vocabulary in (("sector", Vocabulary.SECTOR), ("milieu", Vocabulary.MILIEU)):
            self.fields[name].choices = [  # type: ignore[attr-defined]
                (t.pk, t.label) for t in terms if t.vocabulary == vocabulary
            ]


class RowForm(ObservationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, common=False, **kwargs)
        for name in ("submission", "version"):
            self.fields.pop(name)


# absolute_max: a forged TOTAL_FORMS cannot make the server build a thousand rows.
BulkFormSet = forms.formset_factory(
    RowForm, extra=0, max_num=12, absolute_max=12, validate_max=True
)
BULK_ROWS = 4


class SettingsForm(forms.Form):
    k = forms.IntegerField(
        label=_("Smallest published count (k)"),
        min_value=3,
        max_value=50,
        help_text=_("Counts from 1 to k − 1 are never shown or exported. 5 by default."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProtocolForm(forms.ModelForm):
    vocabularies = forms.MultipleChoiceField(
        label=_("Categories in scope"),
        choices=[(v.value, v.label) for v in CATEGORY_VOCABULARIES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    period_start = forms.DateField(
        label=_("First month"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Last month"), widget=forms.DateInput(attrs={"type": "date"})
    )
    approved_on = forms.DateField(
        label=_("Approval date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    expires_on = forms.DateField(
        label=_("Expiry date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = ResearchProtocol
        fields = [
            "title",
            "researcher",
            "organisation",
            "approved_by",
            "approved_on",
            "vocabularies",
            "terms",
            "period_start",
            "period_end",
            "expires_on",
        ]
        widgets = {"terms": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from filet.accounts.models import User
        from filet.organisations.models import Organisation
        from filet.organisations.roles import Role

        super().__init__(*args, **kwargs)
        self.fields["researcher"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__role=Role.RESEARCHER, memberships__ended_at__isnull=True
        ).distinct()
        self.fields["organisation"].queryset = Organisation.objects.active()  # type: ignore[attr-defined]
        self.fields["terms"].queryset = Term.objects.filter(  # type: ignore[attr-defined]
            vocabulary__in=CATEGORY_VOCABULARIES, is_active=True
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Periods are months: any day given stands for its month.
        for name in ("period_start", "period_end"):
            if data.get(name):
                data[name] = data[name].replace(day=1)
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The last month comes after the first."))
        approved, expires = data.get("approved_on"), data.get("expires_on")
        if approved and expires and expires < approved:
            self.add_error("expires_on", _("A protocol expires after its approval."))
        if not data.get("vocabularies") and not data.get("terms"):
            self.add_error("vocabularies", _("Choose at least one category or term."))
        return data


MEASURES = [("youths", _("Youths")), ("observations", _("Observations"))]


class TrendsFilterForm(forms.Form):
    """The dashboard's filters, read from the query string (they name no youth)."""

    start = forms.ChoiceField(label=_("From"), required=False)
    end = forms.ChoiceField(label=_("To"), required=False)
    vocabulary = forms.ChoiceField(
        label=_("Break down by"),
        choices=[(v.value, v.label) for v in CATEGORY_VOCABULARIES],
        required=False,
    )
    sector = forms.TypedChoiceField(label=_("Sector"), coerce=int, required=False, empty_value=None)
    category = forms.TypedChoiceField(
        label=_("Observations with"), coerce=int, required=False, empty_value=None
    )
    measure = forms.ChoiceField(label=_("Count"), choices=MEASURES, required=False)

    def __init__(
        self, *args: Any, terms: list[Term], months: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = months  # type: ignore[attr-defined]
        self.fields["end"].choices = months  # type: ignore[attr-defined]
        everything = [("", _("All"))]
        self.fields["sector"].choices = everything + [  # type: ignore[attr-defined]
            (t.pk, t.label) for t in terms if t.vocabulary == Vocabulary.SECTOR
        ]
        self.fields["category"].choices = everything + [  # type: ignore[attr-defined]
            (str(v.label), [(t.pk, t.label) for t in terms if t.vocabulary == v])
            for v in CATEGORY_VOCABULARIES
        ]
        if "vocabulary" in self.fields:
            allowed = {t.vocabulary for t in terms}
            field: Any = self.fields["vocabulary"]
            field.choices = [c for c in field.choices if c[0] in allowed]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The last month comes after the first."))
        return data


def select_options(form: forms.Form) -> list[dict[str, Any]]:
    """Every select of a form as plain data for a hand-written template: Django's widget
    templates render one small template per option, too slow for ten years of months."""
    selects = []
    for bound in form:
        current = str(bound.value() if bound.value() is not None else "")
        groups: list[tuple[str, list[tuple[str, str, bool]]]] = []
        for value, label in bound.field.choices:  # type: ignore[attr-defined]
            if isinstance(label, list | tuple):
                options = [(str(v), str(text), str(v) == current) for v, text in label]
                groups.append((str(value), options))
            else:
                groups.append(("", [(str(value), str(label), str(value) == current)]))
        selects.append({"field": bound, "groups": groups})
    return selects
