"""Hypothesis fuzzing of every form of Filet: no 500, whatever is typed.

Each form the pages offer (docs/permissions.md walked as each persona allowed in) is submitted
to its view with generated values (text, numbers, garbage, null bytes, forged choices and
hidden fields); then every Form class of `filet.*` that no view built on the way is fuzzed
directly through `is_valid()`. A form class that neither reaches is named in the failure."""

import importlib
import pkgutil
import sys

import pytest
from django import forms as django_forms
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import filet
from tests.attack.crawl import Clients, FoundForm, pages_with_forms
from tests.attack.direct_forms import construct
from tests.attack.pages import Form, fill

FUZZ = settings(
    max_examples=3,  # per form: about 110 forms, a bounded run
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
NASTY = [
    "",
    " ",
    "0",
    "-1",
    "9" * 40,
    "1e309",
    "NaN",
    "2026-02-30",
    "2026-13-01T25:61",
    "../../etc/passwd",
    "\x00",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "é" * 5000,
]
FUZZED = 24
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)


def _values(item_value: str, options: list[str]) -> st.SearchStrategy[object]:
    choices = [st.just(item_value), TEXT, st.sampled_from(NASTY), st.integers().map(str)]
    if options:
        choices.append(st.sampled_from(options))
        choices.append(st.lists(st.sampled_from(options), max_size=3))
    return st.one_of(choices)


def _strategy(form: Form) -> st.SearchStrategy[dict[str, object]]:
    """Dicts for the form's fields: sometimes plausible, often not; fields sometimes left out.
    Past the first FUZZED fields (a bulk form's many rows) the values stay plausible."""
    plausible = fill(form, "Texte ordinaire", "https://example.org")
    names = [
        item
        for item in form.fields
        if item.name != "csrfmiddlewaretoken" and item.kind not in {"submit", "button", "file"}
    ]
    fuzzed = {
        item.name: _values(str(plausible.get(item.name, "")), [o for o in item.options if o])
        for item in names[:FUZZED]
    }
    kept = {item.name: plausible[item.name] for item in names[FUZZED:] if item.name in plausible}
    return st.fixed_dictionaries({}, optional=fuzzed).map(lambda data: {**kept, **data})


def _fuzz_view(client, found: FoundForm, form: Form, failures: list[str]) -> None:
    @FUZZ
    @given(_strategy(form))
    def run(data):
        if found.method == "get":
            response = client.get(found.action, data)
        else:
            response = client.post(found.action, data)
        if response.status_code >= 500:
            failures.append(
                f"{found.method.upper()} {found.url_name} {data!r}: {response.status_code}"
            )

    run()


def filet_form_classes() -> set[type]:
    for module in pkgutil.walk_packages(filet.__path__, "filet."):
        if module.name.rsplit(".", 1)[-1] == "forms" or ".forms." in module.name:
            importlib.import_module(module.name)

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    found = {
        cls
        for base in (django_forms.BaseForm, django_forms.BaseFormSet)
        for cls in below(base)
        if cls.__module__.startswith("filet.")
    }
    # A base class shared by several forms is exercised through them.
    return {cls for cls in found if not any(sub in found for sub in cls.__subclasses__())}


@pytest.fixture
def built(monkeypatch):
    """The form classes that views build while fuzzing."""
    seen: set[type] = set()
    original = django_forms.BaseForm.__init__

    def spy(self, *args, **kwargs):
        seen.add(type(self))
        original(self, *args, **kwargs)

    monkeypatch.setattr(django_forms.BaseForm, "__init__", spy)
    return seen


def test_every_form_answers_without_a_server_error(personas, built):
    clients = Clients(personas)
    found: dict[tuple[str, str], tuple[FoundForm, Form]] = {}
    for item, form in pages_with_forms(personas, clients, ("post", "get")):
        found.setdefault((form.method, item.url_name), (item, form))
    failures: list[str] = []
    for item, form in found.values():
        _fuzz_view(clients[item.persona], item, form, failures)
    assert failures == [], "\n".join(failures)
    assert len(found) >= 80  # the walk reached Filet's forms
    # Then the classes no view built: fuzzed directly, or named.
    unreached = []
    for cls in sorted(filet_form_classes() - built, key=lambda c: (c.__module__, c.__name__)):
        if not construct(cls, personas, failures):
            unreached.append(f"{cls.__module__}.{cls.__name__}")
    assert failures == [], "\n".join(failures)
    assert unreached == [], "form classes neither a view nor this test could build"


def test_no_formset_lets_a_forged_count_build_many_forms():
    """A forged TOTAL_FORMS makes Django build up to `absolute_max` forms (default: 1000 more
    than max_num), seconds of work per request: the fuzzing found it. Each formset caps it."""
    filet_form_classes()  # imports every forms module
    modules = [m for n, m in sorted(sys.modules.items()) if n.startswith("filet.") and m]
    formsets = {
        f"{module.__name__}.{name}": value
        for module in modules
        for name, value in vars(module).items()
        if isinstance(value, type)
        and issubclass(value, django_forms.BaseFormSet)
        and hasattr(value, "absolute_max")  # made by a factory, not one of Django's bases
    }
    assert formsets, "no formset found: the search is broken"
    assert {
        name: cls.absolute_max for name, cls in formsets.items() if cls.absolute_max > 100
    } == {}
