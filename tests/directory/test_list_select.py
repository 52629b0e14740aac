"""The directory's filters render their selects through one template (no include per
option): the HTML must be exactly Django's."""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from filet.directory.forms import DirectorySearchForm
from filet.directory.models import Territory
from filet.organisations.forms import ListSelect, ShortListChoiceField

pytestmark = pytest.mark.django_db

CHOICES = [
    ("", "Tous"),
    ("1", "Région <01> & « Île »"),
    ("2", 'Secteur "Nord"'),
    ("Groupe", [("3", "Trois"), ("4", "Quatre")]),
]


@pytest.mark.parametrize("value", [None, "", "2", "4"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_x"}, {"id": "id_x", "aria-invalid": "true", "required": True}]
)
def test_the_list_select_writes_what_djangos_select_writes(value, attrs):
    ours = ListSelect(choices=CHOICES).render("x", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("x", value, attrs=attrs)
    assert ours == django
    assert ours.count("<option") == 5


def test_the_search_form_renders_as_with_djangos_selects():
    for n in range(3):
        Territory.objects.create(code=f"t{n}", name_fr=f"Territoire {n}", kind="region")
    chosen = Territory.objects.order_by("pk").last()
    data = {"q": "aide", "type": "community", "territory": str(chosen.pk), "language": "en"}
    for language in ("fr", "en"):
        with translation.override(language):
            ours = DirectorySearchForm(data)
            stock = DirectorySearchForm(data)
            for field in stock.fields.values():
                if isinstance(field.widget, ListSelect):
                    field.widget = forms.Select(choices=field.widget.choices)
            assert ours.is_valid() and stock.is_valid()
            for name in ("type", "territory", "language", "stage"):
                assert str(ours[name]) == str(stock[name])
            assert f'<option value="{chosen.pk}" selected>' in str(ours["territory"])


def test_a_short_list_reads_its_choices_in_one_plain_query():
    for n in range(4):
        Territory.objects.create(code=f"s{n}", name_fr=f"Secteur {n}", kind="sector")
    chosen = Territory.objects.order_by("pk").first()
    ours = ShortListChoiceField(queryset=Territory.objects.order_by("name_fr"), empty_label="—")
    django = forms.ModelChoiceField(queryset=Territory.objects.order_by("name_fr"), empty_label="—")
    with CaptureQueriesContext(connection) as queries:
        html = ours.widget.render("t", chosen.pk, attrs={"id": "id_t"})
    assert [q["sql"].split()[0] for q in queries] == ["SELECT"]  # no DECLARE … CURSOR
    assert html == forms.Select(choices=django.choices).render("t", chosen.pk, {"id": "id_t"})
    assert ours.clean(str(chosen.pk)) == chosen
