"""Bulk entry: several rows for one month, sector and milieu, all or none, once."""

import pytest
from django.urls import reverse
from django.utils import timezone

from filet.audit.models import AuditEntry
from filet.observatory.models import Observation
from tests.conftest import login
from tests.observatory.builders import term

pytestmark = pytest.mark.django_db
URL = reverse("observatory:bulk")


def _row(prefix, youths, indicator):
    return {
        f"{prefix}-youths": str(youths),
        f"{prefix}-source": term("source", "direct-observation").pk,
        f"{prefix}-confidence": term("confidence", "probable").pk,
        f"{prefix}-indicator_behaviour": [term("indicator", indicator).pk],
        f"{prefix}-note": "",
    }


def _form(**overrides):
    data = {
        "month": timezone.localdate().strftime("%Y-%m"),
        "sector": term("sector", "saint-roch").pk,
        "milieu": term("milieu", "school").pk,
        "submission": "4c1d6b0c5f2e4b0aa7d3e1f2a3b4c5d6",
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "3",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "12",
        **_row("form-0", 2, "running-away"),
        **_row("form-1", 1, "secrecy"),
        # Row 3 left as shown: initial values only, so it is not recorded.
        "form-2-youths": "1",
        "form-2-source": term("source", "direct-observation").pk,
        "form-2-confidence": term("confidence", "probable").pk,
    }
    data.update(overrides)
    return data


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))


def test_a_representative_may_not_record(client, personas):
    login(client, personas.representative)
    assert client.post(URL, _form()).status_code == 403
    assert Observation.objects.count() == 0


def test_a_pivot_records_the_changed_rows_with_the_common_fields(client, personas):
    login(client, personas.pivot)
    assert client.get(URL).status_code == 200
    response = client.post(URL, _form())
    assert response.status_code == 302
    saved = Observation.objects.order_by("submission_row")
    assert [o.youths for o in saved] == [2, 1]
    assert {o.sector.code for o in saved} == {"saint-roch"}
    assert {o.milieu.code for o in saved} == {"school"}
    assert AuditEntry.objects.filter(action="observation.recorded").count() == 2
    client.post(URL, _form())
    assert Observation.objects.count() == 2


def test_one_bad_row_records_nothing(client, personas):
    login(client, personas.pivot)
    response = client.post(URL, _form(**{"form-1-note": "Écrire à jeune@example.com"}))
    assert response.status_code == 400
    assert Observation.objects.count() == 0
