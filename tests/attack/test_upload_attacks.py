"""Uploads through the view (tests/resources checks the validators one by one): a path
trick in the name and an oversized file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from filet.resources import storage
from filet.resources.models import Resource
from tests.conftest import login
from tests.resources.builders import PDF


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.FILET_PRIVATE_STORAGE = tmp_path / "private"
    return settings.FILET_PRIVATE_STORAGE


def _upload(client, personas, name: str, data: bytes):
    return client.post(
        reverse("resources:upload"),
        {
            "organisation": personas.org_a.pk,
            "title": "Guide",
            "description": "Pour le personnel des écoles.",
            "language": "fr-ca",
            "kind": "guide",
            "audience": "professionals",
            "keywords": "école",
            "visibility": "organisation",
            "submission": name,
            "file": SimpleUploadedFile(name, data),
        },
    )


@pytest.mark.parametrize(
    "name", ["../../../etc/passwd.pdf", "..\\..\\windows\\guide.pdf", "/var/www/guide.pdf"]
)
def test_a_path_in_the_name_stays_a_bare_name_under_a_generated_one(
    client, personas, private_storage, name
):
    login(client, personas.pivot)

    assert _upload(client, personas, name, PDF).status_code == 302

    resource = Resource.objects.get()
    assert "/" not in resource.file_name and "\\" not in resource.file_name
    assert resource.file_name.endswith(".pdf") and ".." not in resource.file_name
    stored = storage.path_of(resource.stored_name)
    assert stored.resolve().is_relative_to(private_storage.resolve())
    assert [p.name for p in private_storage.rglob("*") if p.is_file()] == [stored.name]


def test_an_oversized_file_is_refused_by_the_view_and_nothing_is_kept(
    client, personas, private_storage, settings
):
    settings.FILET_UPLOAD_MAX_BYTES = len(PDF) - 1
    login(client, personas.pivot)

    response = _upload(client, personas, "guide.pdf", PDF)

    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    assert Resource.objects.count() == 0
    assert not private_storage.exists() or not any(p.is_file() for p in private_storage.rglob("*"))
