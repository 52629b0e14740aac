from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from filet.audit.models import AuditEntry
from filet.resources import storage
from filet.resources.models import Resource
from tests.conftest import login
from tests.resources.builders import PDF, upload
from tests.resources.files import ooxml

URL = reverse("resources:upload")


def _post(client, personas, name="guide.pdf", data=PDF, **extra):
    form = {
        "organisation": personas.org_a.pk,
        "title": "Guide des signes d'exploitation",
        "description": "Pour le personnel des écoles.",
        "language": "fr-ca",
        "kind": "guide",
        "audience": "professionals",
        "keywords": "école, détection",
        "visibility": "organisation",
        "submission": "k1",
        "file": SimpleUploadedFile(name, data),
        **extra,
    }
    return client.post(URL, form)


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))


def test_a_worker_may_not_upload(client, personas):
    login(client, personas.worker)
    assert _post(client, personas).status_code == 403
    assert Resource.objects.count() == 0


def test_the_outsider_cannot_upload_for_organisation_a(client, personas):
    login(client, personas.outsider)
    response = _post(client, personas)
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert Resource.objects.count() == 0


def test_a_pivot_uploads_for_their_organisation(client, personas, _private_storage):
    login(client, personas.pivot)
    response = _post(client, personas)
    resource = Resource.objects.get()
    assert response.status_code == 302 and response["Location"] == resource.get_absolute_url()
    assert (resource.organisation, resource.uploaded_by) == (personas.org_a, personas.pivot)
    assert resource.file_name == "guide.pdf" and resource.size == len(PDF)
    assert resource.stored_name != "guide.pdf" and len(resource.stored_name) == 36
    assert storage.path_of(resource.stored_name).read_bytes() == PDF
    assert storage.path_of(resource.stored_name).parent == _private_storage / "resources"
    assert resource.search_text == (
        "guide des signes d'exploitation pour le personnel des ecoles. ecole, detection"
    )
    entry = AuditEntry.objects.get(action="resource.uploaded")
    assert (entry.actor, entry.target_id) == (personas.pivot, str(resource.pk))


def test_a_double_submit_uploads_once(client, personas):
    login(client, personas.pivot)
    _post(client, personas)
    _post(client, personas)
    assert Resource.objects.count() == 1


def test_a_lying_file_comes_back_with_the_typed_text_and_no_row(client, personas, _private_storage):
    login(client, personas.pivot)
    client.cookies["django_language"] = "en"
    response = _post(client, personas, name="guide.pdf", data=ooxml())
    assert response.status_code == 400
    form = response.context["form"]
    with translation.override("en"):  # lazy messages are rendered when read
        assert form.errors["file"] == ["The file's content does not match its extension “.pdf”."]
    assert form.data["title"] == "Guide des signes d'exploitation"
    assert Resource.objects.count() == 0
    assert not (_private_storage / "resources").exists()


def test_an_identifier_in_the_description_is_refused(client, personas):
    login(client, personas.pivot)
    response = _post(client, personas, description="Appeler le 418-555-0199 pour en parler.")
    assert response.status_code == 400
    assert response.context["form"].errors["description"][0].startswith("Un numéro de téléphone")
    assert Resource.objects.count() == 0


def test_a_translation_is_linked_and_shown_both_ways(client, personas):
    french = upload(personas.pivot, personas.org_a)
    login(client, personas.pivot)
    _post(
        client,
        personas,
        language="en",
        title="Exploitation signs guide",
        translation_of=french.pk,
        visibility="table",
        submission="k2",
    )
    english = Resource.objects.get(language="en")
    assert english.translation_of == french
    page = client.get(french.get_absolute_url())
    assert page.context["pair"] == english


def test_a_translation_in_the_same_language_is_refused(client, personas):
    french = upload(personas.pivot, personas.org_a)
    login(client, personas.pivot)
    client.cookies["django_language"] = "en"
    response = _post(client, personas, translation_of=french.pk)
    with translation.override("en"):
        assert response.context["form"].errors["translation_of"] == [
            "A translation is in the other language."
        ]
