"""Demo library: a few resources, some in French and English versions linked, each a tiny
generated file (no file shipped), and two published FAQ entries."""

from typing import Any

from filet.accounts.models import User
from filet.matrix.models import Stage
from filet.resources import actions
from filet.resources.models import Audience, ResourceKind, Visibility
from filet.resources.uploads import check_upload


def tiny_pdf(title: str) -> bytes:
    """A one-page PDF showing its title: the smallest file a reader opens."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 14 Tf 40 750 Td (" + text + b") Tj ET"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length " + str(len(stream)).encode() + b">>stream\n" + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += str(number).encode() + b" 0 obj" + body + b"endobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size " + str(len(objects) + 1).encode() + b"/Root 1 0 R>>\n"
    out += b"startxref\n" + str(xref).encode() + b"\n%%EOF\n"
    return bytes(out)


# key, author, organisation, language, kind, audience, stage, visibility, title, description,
# tags, paired with (key)
RESOURCES: list[tuple[Any, ...]] = [
    (
        "guide-fr",
        "coordination",
        "table",
        "fr-ca",
        ResourceKind.PRACTICE_GUIDE,
        Audience.PROFESSIONALS,
        "detection",
        Visibility.TABLE,
        "Guide de pratique de la Table",
        "Les pratiques communes des partenaires : repérage, consultation d'un pivot, "
        "signalement à la DPJ et filet de sécurité.",
        "pratique, pivot",
        None,
    ),
    (
        "guide-en",
        "coordination",
        "table",
        "en",
        ResourceKind.PRACTICE_GUIDE,
        Audience.PROFESSIONALS,
        "detection",
        Visibility.TABLE,
        "The Table's practice guide",
        "The partners' shared practices: screening, consulting a pivot, reporting to youth "
        "protection and the safety net.",
        "practice, pivot",
        "guide-fr",
    ),
    (
        "kit-fr",
        "pivot.dpj",
        "dpj",
        "fr-ca",
        ResourceKind.AWARENESS_KIT,
        Audience.YOUTHS,
        "awareness",
        Visibility.TABLE,
        "Trousse de sensibilisation pour les élèves du secondaire",
        "Animation de 50 minutes sur le recrutement en ligne et la sextorsion.",
        "sensibilisation, école",
        None,
    ),
    (
        "kit-en",
        "pivot.central",
        "central",
        "en",
        ResourceKind.AWARENESS_KIT,
        Audience.YOUTHS,
        "awareness",
        Visibility.TABLE,
        "Awareness kit for secondary students",
        "A 50-minute workshop on online recruitment and sextortion.",
        "awareness, school",
        "kit-fr",
    ),
    (
        "parents-fr",
        "coordination",
        "table",
        "fr-ca",
        ResourceKind.CAMPAIGN,
        Audience.PARENTS,
        "prevention",
        Visibility.TABLE,
        "Dépliant pour les parents : les signes à surveiller",
        "Les indices de recrutement et à qui s'adresser.",
        "parents, campagne",
        None,
    ),
    (
        "dpj-internal",
        "rep.dpj",
        "dpj",
        "fr-ca",
        ResourceKind.TOOL,
        Audience.PROFESSIONALS,
        "protection",
        Visibility.ORGANISATION,
        "Aide-mémoire interne : consultation d'un pivot",
        "Outil réservé au personnel de la DPJ.",
        "outil interne",
        None,
    ),
]


def load(organisations: dict[str, Any], *, coordinator: User) -> None:
    people = {u.email: u for u in User.objects.filter(email__endswith="@filet.example")}
    stages = {s.code: s for s in Stage.objects.all()}
    created: dict[str, Any] = {}
    for (
        key,
        local,
        slug,
        language,
        kind,
        audience,
        stage,
        visibility,
        title,
        text,
        tags,
        pair,
    ) in RESOURCES:
        data = {
            "title": title,
            "description": text,
            "language": language,
            "kind": kind,
            "audience": audience,
            "stage": stages.get(stage),
            "keywords": tags,
            "visibility": visibility,
            "translation_of": created.get(pair) if pair else None,
        }
        file = check_upload(f"{key}.pdf", tiny_pdf(title))
        created[key] = actions.upload_resource(
            by=people.get(f"{local}@filet.example", coordinator),
            organisation=organisations[slug],
            data=data,
            file=file,
        )
    _load_faq(coordinator)


def _load_faq(coordinator: User) -> None:
    for position, (question_fr, answer_fr, question_en, answer_en) in enumerate(FAQ):
        actions.save_faq_entry(
            None,
            by=coordinator,
            data={
                "question_fr": question_fr,
                "answer_fr": answer_fr,
                "question_en": question_en,
                "answer_en": answer_en,
                "is_published": True,
                "position": position,
            },
        )


FAQ = [
    (
        "Une consultation auprès d'un pivot remplace-t-elle un signalement à la DPJ?",
        "Non. Consulter un pivot aide à réfléchir; le signalement reste une obligation de "
        "chaque professionnel dès qu'il a un motif raisonnable de croire.",
        "Does consulting a pivot replace a report to youth protection?",
        "No. Consulting a pivot helps you think it through; reporting remains each "
        "professional's duty as soon as there is reasonable cause to believe.",
    ),
    (
        "Puis-je nommer le jeune dans une consultation?",
        "Non. Décrivez la situation sans nom, date de naissance ni adresse; votre organisation "
        "garde le lien avec la personne.",
        "May I name the youth in a consultation?",
        "No. Describe the situation without a name, birth date or address; your organisation "
        "keeps the link to the person.",
    ),
]
