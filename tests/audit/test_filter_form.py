"""The log renders its filters' long lists and its entries' outcomes without Django's slow
paths: what they show must not change, in either language, chosen value or not."""

import pytest
from django import forms
from django.utils import translation
from django.utils.safestring import mark_safe

from filet.audit.forms import AuditFilterForm
from filet.audit.models import AuditEntry, Outcome
from filet.organisations.forms import ListSelect

CHOICES = [
    ("", "All"),
    ("a&b", 'Quote " and <tag>'),
    ("x", "Plain"),
    (3, "Three"),
    ("safe", mark_safe("<em>already</em> &amp; safe")),
]


@pytest.mark.parametrize("value", [None, "", "a&b", "x", 3, "missing"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_action"}, {"id": "id_x", "required": True, "disabled": False}]
)
def test_list_select_renders_what_django_select_renders(value, attrs):
    expected = forms.Select(choices=CHOICES).render("action", value, attrs)
    assert ListSelect(choices=CHOICES).render("action", value, attrs) == expected


def test_list_select_renders_option_groups_as_django():
    grouped = [("", "All"), ("Group <1>", [("a", "A"), ("b", "B")])]
    expected = forms.Select(choices=grouped).render("action", "b", {"id": "id_action"})
    assert ListSelect(choices=grouped).render("action", "b", {"id": "id_action"}) == expected


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("data", [None, {"action": "audit.viewed", "outcome": "denied"}])
def test_filter_form_fields_render_as_with_django_select(db, language, data):
    form = AuditFilterForm(data, organisation_ids=set())
    with translation.override(language):
        for name in ("action", "outcome"):
            field = form[name]
            django_select = forms.Select(choices=field.field.choices)  # type: ignore[attr-defined]
            expected = django_select.render(
                field.html_name, field.value(), field.build_widget_attrs({"id": field.auto_id})
            )
            assert str(field) == expected
            assert len(expected.split("<option")) > 3


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("outcome", [*Outcome.values, "unknown"])
def test_outcome_label_is_what_get_outcome_display_gives(language, outcome):
    entry = AuditEntry(outcome=outcome)
    with translation.override(language):
        assert entry.outcome_label == entry.get_outcome_display()
