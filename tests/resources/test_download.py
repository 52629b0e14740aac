from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.resources.models import Visibility
from tests.conftest import login
from tests.resources.builders import PDF, upload
from tests.resources.files import jpeg_with_exif


def _url(resource):
    return reverse("resources:download", kwargs={"pk": resource.pk})


def test_anonymous_is_sent_to_login(client, personas):
    resource = upload(personas.representative, personas.org_a)
    assert client.get(_url(resource))["Location"].startswith(reverse("account_login"))


def test_another_organisations_restricted_resource_is_404_and_not_audited_as_read(client, personas):
    resource = upload(personas.representative, personas.org_a, visibility=Visibility.ORGANISATION)
    login(client, personas.outsider)
    assert client.get(_url(resource)).status_code == 404
    assert client.get(resource.get_absolute_url()).status_code == 404
    assert not AuditEntry.objects.filter(action="resource.downloaded").exists()
    assert AuditEntry.objects.filter(action="access.denied", actor=personas.outsider).count() == 2


def test_the_coordinator_does_not_see_an_organisations_restricted_resource(client, personas):
    resource = upload(personas.representative, personas.org_a, visibility=Visibility.ORGANISATION)
    login(client, personas.coordinator)
    assert client.get(_url(resource)).status_code == 404


def test_a_colleague_downloads_it_as_an_attachment_and_it_is_audited(client, personas):
    resource = upload(personas.representative, personas.org_a, visibility=Visibility.ORGANISATION)
    login(client, personas.worker)
    response = client.get(_url(resource))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="guide.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    entry = AuditEntry.objects.get(action="resource.downloaded")
    assert (entry.actor, entry.target_id, entry.organisation) == (
        personas.worker,
        str(resource.pk),
        personas.org_a,
    )


def test_a_table_wide_resource_is_served_to_the_outsider(client, personas):
    resource = upload(personas.representative, personas.org_a, visibility=Visibility.TABLE)
    login(client, personas.outsider)
    assert client.get(_url(resource)).status_code == 200


def test_a_stored_image_has_lost_its_exif(client, personas):
    resource = upload(personas.pivot, personas.org_a, name="affiche.jpg", data=jpeg_with_exif())
    login(client, personas.pivot)
    body = b"".join(client.get(_url(resource)).streaming_content)
    assert body == jpeg_with_exif(metadata=False)
    assert client.get(_url(resource))["Content-Type"] == "image/jpeg"


def test_a_withdrawn_resource_is_404(client, personas):
    from filet.resources.actions import withdraw_resource

    resource = upload(personas.pivot, personas.org_a)
    withdraw_resource(resource, by=personas.pivot)
    login(client, personas.pivot)
    assert client.get(_url(resource)).status_code == 404
