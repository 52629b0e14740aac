"""Records of organisation A for the permission matrix and the pivots' tests."""

from datetime import date
from typing import Any

from filet.directory.models import Territory
from filet.matrix.models import Stage
from filet.pivots import actions
from filet.pivots.models import Designation, Level, MandateRole, MandateVersion, Milieu

Target = tuple[dict[str, Any], dict[str, Any]]


def territory(code: str = "limoilou") -> Territory:
    return Territory.objects.get_or_create(code=code, defaults={"name_fr": code.title()})[0]


def stage(code: str = "prevention") -> Stage:
    return Stage.objects.get(code=code)


def milieu(p: Any, name: str = "École A", code: str = "limoilou") -> Milieu:
    found = Milieu.objects.filter(organisation=p.org_a, name=name).first()
    return found or actions.create_milieu(
        p.org_a, by=p.representative, name=name, type="school", territory=territory(code)
    )


def data(**overrides: Any) -> actions.DesignationData:
    values: dict[str, Any] = {
        "level": Level.PRIMARY,
        "stages": [stage()],
        "territories": [territory()],
        "milieux": [],
        "languages": ["fr"],
        "valid_from": date(2020, 1, 1),
    }
    values.update(overrides)
    return actions.DesignationData(**values)


def designation(p: Any, *, pivot: Any = None, **overrides: Any) -> Designation:
    return actions.designate(
        p.org_a, by=p.representative, pivot=pivot or p.pivot, data=data(**overrides)
    )


def sections(suffix: str = "") -> dict[str, dict[str, str]]:
    return {
        code: {"fr": f"Rôle {code} {suffix}".strip(), "en": f"Role {code} {suffix}".strip()}
        for code in MandateRole.values
    }


def mandate(p: Any, suffix: str = "") -> MandateVersion:
    return actions.adopt_mandate(
        by=p.coordinator, adopted_on=date(2026, 1, 15), sections=sections(suffix)
    )


def _designation_target(p: Any) -> Target:
    from tests.conftest import make_person

    person = make_person(
        f"pivot{Designation.objects.count()}@test.example", p.org_a, "worker", mfa=False
    )
    return {"pk": designation(p, pivot=person).pk}, {}


def _milieu_target(p: Any) -> Target:
    return {"pk": milieu(p).pk}, {}


def _mandate_version(p: Any) -> Target:
    return {"number": mandate(p).number}, {}


def _acknowledge(p: Any) -> Target:
    mandate(p)
    return {}, {}


def _org_a(p: Any) -> Target:
    return {"pk": p.org_a.pk}, {}


TARGETS = {
    "pivots:card": _milieu_target,
    "pivots:designate": _org_a,
    "pivots:milieux": _org_a,
    "pivots:designation": _designation_target,
    "pivots:designation_edit": _designation_target,
    "pivots:designation_confirm": _designation_target,
    "pivots:designation_withdraw": _designation_target,
    "pivots:absence_add": _designation_target,
    "pivots:mandate_version": _mandate_version,
    "pivots:mandate_acknowledge": _acknowledge,
    "pivots:report": _org_a,
    "pivots:report_export": _org_a,
}
