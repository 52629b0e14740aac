"""Library records for the permission matrix and the library tests."""

from typing import Any

from filet.organisations.models import Organisation
from filet.resources import actions
from filet.resources.models import Audience, FaqEntry, Resource, ResourceKind, Visibility
from filet.resources.uploads import check_upload

Target = tuple[dict[str, Any], dict[str, Any]]

# The smallest PDF a reader opens: one empty page.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def resource_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Guide de détection",
        "description": "Repérer les signes d'exploitation chez les adolescents.",
        "language": "fr-ca",
        "kind": ResourceKind.GUIDE,
        "audience": Audience.PROFESSIONALS,
        "stage": None,
        "keywords": "détection, école",
        "visibility": Visibility.TABLE,
        "translation_of": None,
    }
    data.update(overrides)
    return data


def upload(
    by: Any,
    organisation: Organisation,
    *,
    name: str = "guide.pdf",
    data: bytes = PDF,
    **fields: Any,
) -> Resource:
    return actions.upload_resource(
        by=by,
        organisation=organisation,
        data=resource_data(**fields),
        file=check_upload(name, data),
    )


def faq_entry(by: Any, *, published: bool = True) -> FaqEntry:
    return actions.save_faq_entry(
        None,
        by=by,
        data={
            "question_fr": "Faut-il signaler à la DPJ?",
            "answer_fr": "Oui, dès qu'il y a un motif raisonnable de croire.",
            "question_en": "Must we report to youth protection?",
            "answer_en": "Yes, as soon as there is reasonable cause to believe.",
            "is_published": published,
            "position": 0,
        },
    )


def _restricted_of_a(p: Any) -> Target:
    resource = upload(p.representative, p.org_a, visibility=Visibility.ORGANISATION)
    return {"pk": resource.pk}, {}


def _faq_target(p: Any) -> Target:
    return {"pk": faq_entry(p.coordinator).pk}, {}


TARGETS = {
    "resources:detail": _restricted_of_a,
    "resources:edit": _restricted_of_a,
    "resources:withdraw": _restricted_of_a,
    "resources:download": _restricted_of_a,
    "resources:faq_edit": _faq_target,
}
