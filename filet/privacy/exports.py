"""Rows and translated headers of the incident register export."""

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from filet.privacy.models import Incident


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("yes") if value else _("no")


def _date(value: object) -> str:
    return value.isoformat() if value is not None else ""  # type: ignore[attr-defined]


def incident_headers() -> list[str]:
    return [
        _("Reference"),
        _("Status"),
        _("Personal information concerned"),
        _("Circumstances"),
        _("Date or start of the period"),
        _("End of the period"),
        _("Date the organisation learned of it"),
        _("Number of persons concerned"),
        _("The number is an estimate"),
        _("Sensitivity of the information"),
        _("Likelihood of misuse"),
        _("Anticipated consequences"),
        _("Risk of serious injury"),
        _("Assessed on"),
        _("Notice to the Commission d'accès à l'information on"),
        _("Notice to the persons on"),
        _("Public notice, and why"),
        _("Measures taken"),
        _("Entered in the register by"),
        _("Recorded at"),
        _("Closed on"),
    ]


def incident_rows(incidents: Iterable[Incident]) -> Iterator[list[object]]:
    for i in incidents:
        yield [
            i.reference, i.get_status_display(), i.information, i.circumstances,
            _date(i.occurred_from), _date(i.occurred_to), _date(i.learned_on), i.persons,
            _yes_no(i.persons_estimated), i.get_sensitivity_display(),
            i.get_likelihood_display(), i.consequences, _yes_no(i.serious),
            _date(i.assessed_on), _date(i.commission_notified_on),
            _date(i.persons_notified_on), i.public_notice, i.measures,
            i.recorded_by.email, i.recorded_at.isoformat(timespec="seconds"), _date(i.closed_on),
        ]  # fmt: skip
