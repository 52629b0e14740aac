"""The trends dashboard: who sees it, what it shows, and a flat number of queries."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from filet.audit.models import AuditEntry
from filet.observatory.actions import record_observations
from filet.observatory.generate import Author, generate
from filet.observatory.stats import add_months
from tests.conftest import login
from tests.observatory.builders import entry, term

pytestmark = pytest.mark.django_db
URL = reverse("observatory:trends")


def _this_month() -> date:
    return timezone.localdate().replace(day=1)


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("name", "kind"),
    # The administrator is stopped before the view: no content at all for them.
    [
        ("worker", "observatory"),
        ("privacy_officer", "observatory"),
        ("administrator", "content"),
        ("researcher", "observatory"),
    ],
)
def test_people_without_trend_access_get_404_and_the_refusal_is_logged(
    client, personas, name, kind
):
    login(client, personas.by_name(name))
    response = client.get(URL)
    assert response.status_code == 404
    assert AuditEntry.objects.filter(action="access.denied", data__kind=kind).count() == 1


def test_coordinator_sees_suppressed_counts_and_the_rule(client, personas):
    record_observations(
        [entry(youths=2) for _ in range(4)] + [entry(sector="vanier")],
        by=personas.pivot,
        organisation=personas.org_a,
    )
    login(client, personas.coordinator)
    response = client.get(URL)
    assert response.status_code == 200
    trends = response.context["trends"]
    assert trends.timeline.values[-1] == 9
    by_sector = {row.term.code: row.values[-1] for row in trends.by_sector}
    assert by_sector["limoilou"] is None  # 8 beside Vanier's 1: both hidden
    assert by_sector["vanier"] is None
    assert "k = 5" in response.content.decode()


def test_filters_narrow_the_views_and_bad_filters_fall_back_to_defaults(client, personas):
    record_observations([entry() for _ in range(6)], by=personas.pivot, organisation=personas.org_a)
    login(client, personas.representative)
    sector = term("sector", "limoilou").pk
    response = client.get(
        URL, {"sector": sector, "vocabulary": "platform", "measure": "observations"}
    )
    assert response.status_code == 200
    assert response.context["trends"].query.sector == sector
    assert response.context["trends"].query.vocabulary == "platform"
    assert response.context["trends"].measure == "observations"
    response = client.get(URL, {"start": "1999-01", "sector": "abc", "vocabulary": "<script>"})
    assert response.status_code == 200
    assert response.context["trends"].query.end == _this_month()


def test_a_period_ending_before_it_starts_is_refused_politely(client, personas):
    login(client, personas.coordinator)
    end = add_months(_this_month(), -3)
    response = client.get(URL, {"start": f"{_this_month():%Y-%m}", "end": f"{end:%Y-%m}"})
    assert response.status_code == 200
    assert "end" in response.context["form"].errors


@pytest.mark.parametrize("months", [2, 12])
def test_queries_do_not_grow_with_the_data(client, personas, django_assert_max_num_queries, months):
    authors = [Author(personas.pivot, personas.org_a)]
    generate(
        authors, first=add_months(_this_month(), 1 - months), months=months, per_month=40, seed=1
    )
    login(client, personas.coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(URL)
    assert response.status_code == 200
