"""Required training per role and the coverage report: exact lines and counts, scoped per
organisation, flat query counts, XLSX export."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from filet.audit.models import AuditEntry
from filet.organisations.roles import Role
from filet.training import actions, coverage
from tests.conftest import login, make_person
from tests.training import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(personas):
    """Pivots must complete the pivot module (now at v2); workers the signs module."""
    p = personas
    pivot_module = factories.module(p.coordinator, "Rôle du pivot")
    signs = factories.module(p.coordinator, "Signes")
    actions.require_module(pivot_module, role=Role.PIVOT, by=p.coordinator)
    actions.require_module(signs, role=Role.WORKER, by=p.coordinator)
    second_pivot = make_person("pivot2@test.example", p.org_a, Role.PIVOT, mfa=False)
    outsider_pivot = make_person("pivot-b@test.example", p.org_b, Role.PIVOT, mfa=False)
    factories.complete(p.pivot, pivot_module.versions.get(), p.coordinator)
    factories.complete(outsider_pivot, pivot_module.versions.get(), p.coordinator)
    factories.publish(pivot_module, p.coordinator)  # v2: both pivots fall behind
    factories.complete(outsider_pivot, pivot_module.versions.get(number=2), p.coordinator)
    factories.complete(p.worker, signs.versions.get(), p.coordinator)
    p.second_pivot = second_pivot
    return p


def _lines(report):
    return [
        (
            line.person.email,
            line.organisation.name_fr,
            line.module.title_fr,
            line.status,
            line.completed_number,
        )
        for line in report.lines
    ]


def test_the_report_names_the_pivots_who_lack_the_required_module(required):
    report = coverage.compute()
    assert _lines(report) == [
        ("pivot@test.example", "Organisme A", "Rôle du pivot", "outdated", 1),
        ("pivot2@test.example", "Organisme A", "Rôle du pivot", "missing", None),
        ("worker@test.example", "Organisme A", "Signes", "current", 1),
        ("pivot-b@test.example", "Organisme B", "Rôle du pivot", "current", 2),
    ]
    counts = [
        (c.organisation.name_fr, c.people_count, c.current_count, c.not_current_count)
        for c in report.organisations
    ]
    assert counts == [("Organisme A", 3, 1, 2), ("Organisme B", 1, 1, 0)]


def test_a_pending_declaration_is_not_current(required):
    version = coverage.compute().lines[1].module.versions.get(number=2)
    actions.declare_completion(
        version, user=required.second_pivot, completed_on=datetime.date(2026, 1, 5), evidence="x"
    )
    assert _lines(coverage.compute({required.org_a.pk}))[1][3] == "pending"


def test_representative_sees_own_organisation_only(client, required):
    login(client, required.representative)
    response = client.get(reverse("training:coverage"))
    assert response.status_code == 200
    assert [c.organisation.name_fr for c in response.context["report"].organisations] == [
        "Organisme A"
    ]
    assert [line.person.email for line in response.context["report"].not_current] == [
        "pivot@test.example",
        "pivot2@test.example",
    ]


def test_coordinator_sees_every_organisation(client, required):
    login(client, required.coordinator)
    response = client.get(reverse("training:coverage"))
    assert [c.organisation.name_fr for c in response.context["report"].organisations] == [
        "Organisme A",
        "Organisme B",
    ]
    assert '<th scope="row">Pivot2</th>' in response.content.decode()


def test_outsider_asking_for_another_organisation_gets_404(client, required):
    login(client, required.outsider)
    url = reverse("training:coverage") + f"?organisation={required.org_a.pk}"
    assert client.get(url).status_code == 404
    assert AuditEntry.objects.filter(action="access.denied").count() == 1


def test_pivot_may_not_read_the_report(client, required):
    login(client, required.pivot)
    assert client.get(reverse("training:coverage")).status_code == 403


def test_anonymous_is_sent_to_login(client, required):
    response = client.get(reverse("training:coverage"))
    assert response["Location"].startswith(reverse("account_login"))


def _grow(personas, extra: int) -> None:
    for index in range(extra):
        make_person(f"more{extra}-{index}@test.example", personas.org_a, Role.PIVOT, mfa=False)
        make_person(f"w{extra}-{index}@test.example", personas.org_b, Role.WORKER, mfa=False)


def test_query_count_is_flat(client, required, django_assert_max_num_queries):
    login(client, required.coordinator)
    client.get(reverse("training:coverage"))  # the session's first request loads more
    counts = []
    for extra in (2, 20):
        _grow(required, extra)
        with django_assert_max_num_queries(15) as queries:
            response = client.get(reverse("training:coverage"))
        assert len(response.context["report"].lines) == {2: 8, 20: 48}[extra]
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_compute_takes_four_queries(required, django_assert_num_queries):
    with django_assert_num_queries(4):
        coverage.compute()


def test_export_is_translated_escaped_audited_and_reauthenticated(client, required):
    required.second_pivot.full_name = '=HYPERLINK("http://x")'
    required.second_pivot.save()
    login(client, required.coordinator)
    url = reverse("training:coverage_export")
    assert client.get(url).status_code == 302  # asks for the password again first
    assert AuditEntry.objects.filter(action="training.coverage_exported").count() == 0
    login(client, required.coordinator, reauthenticated=True)
    client.cookies["django_language"] = "en"
    response = client.get(url)
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Organisation", "Person", "Role", "Module", "Latest version", "Version completed", "Status"
    ]  # fmt: skip
    assert rows[1] == [
        "Organisation A", "'=HYPERLINK(\"http://x\")", "Pivot worker", "Rôle du pivot (EN)",
        2, None, "Not completed",
    ]  # fmt: skip
    assert AuditEntry.objects.filter(action="training.coverage_exported").count() == 1
