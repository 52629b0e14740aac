"""Access and portability: a person's own information as JSON, re-authenticated and
audited; a privacy officer answers for a person of their organisation only."""

import json

from django.urls import reverse

from filet.audit.actions import record
from filet.audit.models import AuditEntry
from tests.conftest import login
from tests.privacy.builders import incident

MINE = reverse("privacy:my_data_export")


def _for(p, person):
    return reverse("privacy:person_export", kwargs={"pk": p.org_a.pk, "person_pk": person.pk})


def test_a_person_downloads_their_own_information(client, personas):
    found = incident(personas)
    record(personas.privacy_officer, "auth.login")
    login(client, personas.privacy_officer, reauthenticated=True)
    response = client.get(MINE)
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert document["format"] == "filet.personal-data/1"
    assert document["account"]["email"] == "privacy@test.example"
    assert [(m["organisation"], m["role"]) for m in document["memberships"]] == [
        (personas.org_a.pk, "privacy_officer")
    ]
    assert [r["id"] for r in document["records"]["privacy.incident.recorded_by"]] == [found.pk]
    assert "auth.login" in [e["action"] for e in document["audit_entries"]]
    entry = AuditEntry.objects.get(action="privacy.data_exported")
    assert (entry.actor, entry.data) == (
        personas.privacy_officer,
        {"person": personas.privacy_officer.pk},
    )


def test_no_secret_is_in_the_document(client, personas):
    login(client, personas.worker, reauthenticated=True)
    body = client.get(MINE).content.decode()
    assert personas.worker.password not in body
    assert "security_stamp" not in body
    assert "password" not in json.loads(body)["account"]


def test_the_download_needs_recent_authentication(client, personas):
    login(client, personas.worker)
    response = client.get(MINE)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not AuditEntry.objects.filter(action="privacy.data_exported").exists()


def test_the_privacy_officer_answers_for_a_person_of_their_organisation(client, personas):
    login(client, personas.privacy_officer, reauthenticated=True)
    document = json.loads(client.get(_for(personas, personas.worker)).content)
    assert document["account"]["email"] == "worker@test.example"
    entry = AuditEntry.objects.get(action="privacy.data_exported")
    assert (entry.actor, entry.organisation, entry.data) == (
        personas.privacy_officer, personas.org_a, {"person": personas.worker.pk},
    )  # fmt: skip


def test_a_person_of_another_organisation_does_not_exist_for_them(client, personas):
    login(client, personas.privacy_officer, reauthenticated=True)
    assert client.get(_for(personas, personas.outsider)).status_code == 404
    assert not AuditEntry.objects.filter(action="privacy.data_exported").exists()


def test_another_organisations_officer_gets_404(client, personas):
    login(client, personas.outsider_privacy_officer, reauthenticated=True)
    assert client.get(_for(personas, personas.worker)).status_code == 404
    people = reverse("privacy:people", kwargs={"pk": personas.org_a.pk})
    assert client.get(people).status_code == 404


def test_the_officer_lists_the_people_of_their_organisation(client, personas):
    login(client, personas.privacy_officer)
    response = client.get(reverse("privacy:people", kwargs={"pk": personas.org_a.pk}))
    assert [p.email for p in response.context["people"]] == [
        "manager@test.example",
        "pivot@test.example",
        "privacy@test.example",
        "representative@test.example",
        "worker@test.example",
    ]


def test_records_of_other_apps_are_included_without_their_secrets(client, personas):
    from filet.calendars.actions import issue_token
    from filet.calendars.models import FeedToken

    issue_token(user=personas.worker)
    feed = FeedToken.objects.get(user=personas.worker)
    login(client, personas.worker, reauthenticated=True)
    body = client.get(MINE).content.decode()
    rows = json.loads(body)["records"]["calendars.feedtoken.user"]
    assert [row["id"] for row in rows] == [feed.pk]
    assert "digest" not in rows[0]
    assert feed.digest not in body


def test_the_technical_administrator_downloads_their_own_information(client, personas):
    """Law 25's right of access is everyone's: the administrator reads no content, but
    reaches their own information from their account page, and nothing of the privacy
    pages beyond it."""
    admin = personas.administrator
    login(client, admin, reauthenticated=True)
    account = client.get(reverse("accounts:preferences")).content.decode()
    assert reverse("privacy:my_data") in account
    page = client.get(reverse("privacy:my_data"))
    assert page.status_code == 200
    assert f'href="{reverse("privacy:index")}"' not in page.content.decode()
    response = client.get(MINE)
    assert response.status_code == 200
    assert json.loads(response.content)["account"]["email"] == admin.email
    assert client.get(reverse("privacy:index")).status_code == 404
