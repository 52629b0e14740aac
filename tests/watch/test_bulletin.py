import io
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.translation import trans_real

from filet.accounts.models import Language
from filet.observatory.actions import record_observations
from filet.organisations.models import Role
from filet.watch import reports
from filet.watch.highlights import month_highlights
from filet.watch.models import Bulletin, BulletinDelivery, BulletinRead
from tests.conftest import login, make_person
from tests.observatory.builders import entry, observation
from tests.watch.builders import bulletin, post

NOW = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)

# Until the translator's pass puts them in locale/, the French of the bulletin's subject
# and first line are given here, as the catalogue will hold them.
FRENCH = {
    "[Filet] Watch bulletin — %(month)s": "[Filet] Bulletin de veille — %(month)s",
}


@pytest.fixture
def french_catalogue():
    catalogue = trans_real.translation("fr-ca")._catalog
    added = [msgid for msgid in FRENCH if catalogue.get(msgid) is None]
    for msgid in added:
        catalogue[msgid] = FRENCH[msgid]
    yield
    for msgid in added:
        del catalogue._catalogs[0][msgid]


@pytest.fixture
def english_pivot(personas):
    return make_person(
        "english-pivot@test.example", personas.org_a, Role.PIVOT, language=Language.ENGLISH
    )


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("send_bulletin", *args, stdout=out)
    return out.getvalue().strip()


def test_the_bulletin_arrives_in_each_pivots_language(personas, english_pivot, french_catalogue):
    post(personas.pivot)
    with time_machine.travel(NOW, tick=False):
        line = _run("--month", "2026-10", "--base-url", "https://filet.example")
    assert line == "send_bulletin: 2026-10 — 2 sent, 0 already had it, 0 failed"
    by_person = {message.to[0]: message for message in mail.outbox}
    assert by_person["pivot@test.example"].subject == "[Filet] Bulletin de veille — octobre 2026"
    assert (
        by_person["english-pivot@test.example"].subject == "[Filet] Watch bulletin — October 2026"
    )
    english = by_person["english-pivot@test.example"].body
    assert "https://filet.example/veille/bulletins/2026/10/" in english
    assert "with 1 item and the month's trend highlights" in english
    assert "Nouvelle application" not in english  # a link, never the content
    bulletin = Bulletin.objects.get()
    assert (bulletin.month, bulletin.published_at) == (date(2026, 10, 1), NOW)
    assert set(BulletinDelivery.objects.values_list("person__email", "language")) == {
        ("pivot@test.example", "fr-ca"),
        ("english-pivot@test.example", "en"),
    }


def test_a_second_run_sends_nothing(personas, english_pivot):
    with time_machine.travel(NOW, tick=False):
        _run("--month", "2026-10")
        assert (
            _run("--month", "2026-10")
            == "send_bulletin: 2026-10 — 0 sent, 2 already had it, 0 failed"
        )
    assert len(mail.outbox) == 2
    assert BulletinDelivery.objects.count() == 2


def test_a_person_named_pivot_later_gets_it_on_the_next_run(personas):
    _run("--month", "2026-10")
    make_person("new-pivot@test.example", personas.org_b, Role.PIVOT)
    assert (
        _run("--month", "2026-10") == "send_bulletin: 2026-10 — 1 sent, 1 already had it, 0 failed"
    )
    assert [m.to for m in mail.outbox] == [["pivot@test.example"], ["new-pivot@test.example"]]


def test_a_subscriber_who_is_not_a_pivot_receives_it(client, personas):
    login(client, personas.worker)
    client.post(reverse("watch:subscription"), {"subscribed": "1"})
    _run("--month", "2026-10")
    assert sorted(m.to[0] for m in mail.outbox) == ["pivot@test.example", "worker@test.example"]


@pytest.mark.parametrize("month", ["2026-13", "october", "2026-1", ""])
def test_bad_input_fails_and_sends_nothing(personas, month):
    with pytest.raises(CommandError):
        _run("--month", month)
    assert mail.outbox == []
    assert Bulletin.objects.count() == 0


def test_the_coordinator_publishes_and_sends_with_the_button(client, personas):
    url = reverse("watch:bulletin_send")
    login(client, personas.pivot)
    assert client.post(url, {"month": "2026-10"}).status_code == 403
    assert Bulletin.objects.count() == 0
    login(client, personas.coordinator)
    response = client.post(url, {"month": "2026-10"})
    assert response["Location"] == "/veille/bulletins/2026/10/"
    assert [m.to for m in mail.outbox] == [["pivot@test.example"]]
    client.post(url, {"month": "2026-10"})
    assert len(mail.outbox) == 1


def test_opening_the_bulletin_records_the_first_read_only(client, personas):
    published = bulletin()
    url = published.get_absolute_url()
    login(client, personas.pivot)
    with time_machine.travel(NOW, tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(datetime(2026, 11, 9, tzinfo=UTC), tick=False):
        client.get(url)
    read = BulletinRead.objects.get()
    assert (read.person, read.bulletin, read.first_read_at) == (personas.pivot, published, NOW)


def test_an_unpublished_month_is_a_preview_for_the_coordinator_only(client, personas):
    url = reverse("watch:bulletin", kwargs={"year": 2026, "month": 9})
    login(client, personas.pivot)
    assert client.get(url).status_code == 404
    login(client, personas.coordinator)
    response = client.get(url)
    assert response.status_code == 200 and response.context["bulletin"] is None
    assert BulletinRead.objects.count() == 0


def test_the_management_report_counts_each_pivots_reads(personas, english_pivot):
    october, november = bulletin(date(2026, 10, 1)), bulletin(date(2026, 11, 1))
    bulletin(date(2026, 12, 1))
    with time_machine.travel(NOW, tick=False):
        BulletinRead.objects.create(bulletin=october, person=personas.pivot)
    BulletinRead.objects.create(bulletin=november, person=personas.pivot)
    BulletinRead.objects.create(bulletin=october, person=personas.worker)
    report = reports.bulletin_reads(personas.org_a, date(2026, 10, 1), date(2026, 11, 30))
    assert report["bulletins"] == [october, november]
    assert report["read"] == 2 and report["expected"] == 4
    rows = {row["person"].email: (row["read"], row["unread"]) for row in report["pivots"]}
    assert rows == {"english-pivot@test.example": (0, 2), "pivot@test.example": (2, 0)}
    pivot_row = next(r for r in report["pivots"] if r["person"] == personas.pivot)
    assert pivot_row["first_read_at"][october.pk] == NOW
    assert (
        reports.bulletin_reads(personas.org_b, date(2026, 10, 1), date(2026, 11, 30))["pivots"]
        == []
    )


def _observe(personas, month: date, count: int) -> None:
    entries = [entry(month=month, youths=1) for _ in range(count)]
    record_observations(entries, by=personas.pivot, organisation=personas.org_a)


def test_highlights_name_the_emerging_category_with_published_counts(personas):
    _observe(personas, date(2026, 9, 1), 5)
    _observe(personas, date(2026, 10, 1), 10)
    rows = month_highlights(date(2026, 10, 1))
    assert [(r["vocabulary"], r["total"], r["previous"], r["change_percent"]) for r in rows] == [
        ("indicator", 10, 5, 100)
    ]


def test_highlights_never_show_a_small_count(personas):
    _observe(personas, date(2026, 9, 1), 5)
    _observe(personas, date(2026, 10, 1), 8)
    observation(personas, month=date(2026, 10, 1), youths=3, terms=(("platform", "snapchat"),))
    assert month_highlights(date(2026, 10, 1)) == []


def test_a_mail_server_down_leaves_no_delivery_and_the_next_run_sends(personas, monkeypatch):
    import smtplib

    from django.core.mail import EmailMessage

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailMessage, "send", refuse)
        with pytest.raises(CommandError):
            _run("--month", "2026-10")
    assert BulletinDelivery.objects.count() == 0
    assert Bulletin.objects.count() == 1
    assert (
        _run("--month", "2026-10") == "send_bulletin: 2026-10 — 1 sent, 0 already had it, 0 failed"
    )
    assert [m.to for m in mail.outbox] == [["pivot@test.example"]]
