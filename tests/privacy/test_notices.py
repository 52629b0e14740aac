"""Privacy notices and officers' contacts: published to every member, in both languages,
edited by the organisation's privacy officer or representative (the Table's by the
coordinator)."""

from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.organisations.models import Organisation, OrganisationType
from filet.privacy.models import PrivacyNotice
from tests.conftest import login


def _form(**extra):
    return {
        "officer_name": "Chantal Roy",
        "officer_title_fr": "Responsable de la protection des renseignements personnels",
        "officer_title_en": "Privacy officer",
        "officer_email": "rprp@a.example",
        "officer_phone": "418 555-0119",
        "notice_fr": "Nous détenons les coordonnées professionnelles de notre personnel.",
        "notice_en": "We hold our staff's work contact details.",
        "version": "0",
        **extra,
    }


def _edit(p):
    return reverse("privacy:notice_edit", kwargs={"pk": p.org_a.pk})


def _page(p):
    return reverse("privacy:notice", kwargs={"pk": p.org_a.pk})


def test_the_privacy_officer_publishes_and_everyone_reads_it(client, personas):
    login(client, personas.privacy_officer)
    assert client.post(_edit(personas), _form())["Location"] == _page(personas)
    notice = PrivacyNotice.objects.get()
    assert (notice.organisation, notice.version, notice.updated_by) == (
        personas.org_a, 1, personas.privacy_officer,
    )  # fmt: skip
    assert AuditEntry.objects.get(action="privacy.notice_changed").data == {"version": 1}
    login(client, personas.outsider)
    body = client.get(_page(personas)).content.decode()
    assert "Nous détenons les coordonnées" in body
    assert "rprp@a.example" in body


def test_an_english_reader_gets_the_english_notice(client, personas):
    login(client, personas.privacy_officer)
    client.post(_edit(personas), _form())
    personas.worker.language = "en"
    personas.worker.save(update_fields=["language"])
    login(client, personas.worker)
    body = client.get(_page(personas)).content.decode()
    assert "We hold our staff" in body
    assert "Nous détenons" not in body


def test_the_representative_may_edit_too(client, personas):
    login(client, personas.representative)
    assert client.post(_edit(personas), _form()).status_code == 302


def test_others_may_read_but_not_edit(client, personas):
    for name in ("pivot", "coordinator", "outsider", "outsider_privacy_officer"):
        login(client, personas.by_name(name))
        assert client.post(_edit(personas), _form()).status_code == 403
    assert not PrivacyNotice.objects.exists()


def test_both_languages_are_required_and_the_text_is_kept(client, personas):
    login(client, personas.privacy_officer)
    response = client.post(_edit(personas), _form(notice_en=""))
    assert response.status_code == 400
    assert "Nous détenons les coordonnées" in response.content.decode()
    assert not PrivacyNotice.objects.exists()


def test_a_concurrent_change_is_told(client, personas):
    login(client, personas.privacy_officer)
    client.post(_edit(personas), _form())
    response = client.post(_edit(personas), _form(notice_fr="Autre texte", version="0"))
    assert response.status_code == 409
    assert PrivacyNotice.objects.get().notice_fr.startswith("Nous détenons")


def test_the_coordinator_publishes_the_tables_notice(client, personas):
    login(client, personas.coordinator)
    response = client.post(reverse("privacy:table_notice_edit"), _form(officer_name="Table"))
    assert response["Location"] == reverse("privacy:index")
    login(client, personas.worker)
    index = client.get(reverse("privacy:index"))
    assert index.context["table_notice"].officer_name == "Table"


def test_the_partner_profile_links_to_the_notice(client, personas):
    login(client, personas.worker)
    body = client.get(reverse("organisations:detail", kwargs={"pk": personas.org_a.pk}))
    assert _page(personas) in body.content.decode()


def test_the_privacy_entry_is_in_the_navigation(client, personas):
    login(client, personas.worker)
    nav = client.get(reverse("privacy:index")).context["nav"]
    assert reverse("privacy:index") in [entry["url"] for entry in nav]


def test_partners_notices_are_listed_thirty_at_a_time(client, personas):
    """Issue 8: a province's 510 partners made the page grow with the province."""
    for i in range(35):
        Organisation.objects.create(name_fr=f"Partenaire {i:02d}", type=OrganisationType.COMMUNITY)
    last = Organisation.objects.get(name_fr="Partenaire 34")
    PrivacyNotice.objects.create(organisation=last, officer_name="R", officer_email="r34@x.example")
    PrivacyNotice.objects.create(organisation=None, officer_name="Table", officer_email="t@x.ex")
    Organisation.objects.filter(name_fr="Partenaire 00").update(is_active=False)
    active = list(Organisation.objects.active().order_by("name_fr"))
    login(client, personas.worker)
    first = client.get(reverse("privacy:index"))
    second = client.get(reverse("privacy:index"), {"page": 2})
    assert [o for o, _notice in first.context["organisations"]] == active[:30]
    assert [o for o, _notice in second.context["organisations"]] == active[30:]
    assert dict(second.context["organisations"])[last].officer_email == "r34@x.example"
    assert "r34@x.example" not in first.content.decode()
    assert second.context["table_notice"].officer_name == "Table"
    assert "Page 2 sur 2" in second.content.decode()
