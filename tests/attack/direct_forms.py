"""Builds a Form class of Filet outside its view and fuzzes `is_valid()` on it."""

import inspect
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Personas

DIRECT = settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
GARBAGE = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=200),
    st.integers().map(str),
    st.sampled_from(["", "\x00", "9" * 40, "2026-02-30", "-1", "NaN"]),
)


def construct(cls: type, personas: Personas, failures: list[str]) -> bool:
    """Fuzz `cls(data=...)` if it can be built; False if not."""
    try:
        kwargs = _arguments(cls, personas)
        field_names = list(cls(data={}, **kwargs).fields)
    except Exception:  # noqa: BLE001 — a class this helper cannot build is reported by name
        return False

    @DIRECT
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(field_names, GARBAGE)))
    def run(data):
        try:
            cls(data=data, **kwargs).is_valid()
        except Exception as error:  # noqa: BLE001 — any exception is the finding
            failures.append(f"{cls.__name__}({data!r}): {error!r}")

    run()
    return True


def _invitation(p: Personas) -> object:
    from filet.accounts.models import Invitation
    from tests.access.targets import _invitation_in_a

    kwargs, _data = _invitation_in_a(p)
    return Invitation.objects.get(pk=kwargs["invitation_pk"])


def _action(p: Personas) -> object:
    from tests.meetings.builders import make_action

    return make_action(p)


def _plan(p: Personas) -> object:
    from tests.meetings.builders import make_plan

    return make_plan(p)[0]


def _meeting(p: Personas) -> object:
    from tests.meetings.builders import make_meeting

    return make_meeting(p)


# What a form's constructor may ask for, built only when asked.
BUILDERS: dict[str, Callable[[Personas], object]] = {
    "user": lambda p: p.coordinator,
    "organisation": lambda p: p.org_a,
    "organisation_ids": lambda p: [p.org_a.pk],
    "can_change_type": lambda p: True,
    "invitation": _invitation,
    "action": _action,
    "plan": _plan,
    "meeting": _meeting,
}


def _arguments(cls: type, personas: Personas) -> dict[str, object]:
    signature = inspect.signature(cls.__init__)
    return {
        name: BUILDERS[name](personas)
        for name, parameter in signature.parameters.items()
        if name in BUILDERS and parameter.default is inspect.Parameter.empty
    }
