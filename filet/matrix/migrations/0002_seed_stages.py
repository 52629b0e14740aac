"""The seven stages of the continuum of DOMAIN.md §4, and the first version of the list."""

from django.db import migrations

# code, French label, English label, French definition, English definition
STAGES = [
    (
        "prevention",
        "Prévention",
        "Prevention",
        "Agir en amont auprès des jeunes et de leur milieu pour réduire les facteurs de risque.",
        "Acting early with youth and their settings to reduce risk factors.",
    ),
    (
        "awareness",
        "Sensibilisation",
        "Awareness",
        "Faire connaître le phénomène, ses signes et les ressources aux jeunes, aux parents et aux intervenants.",
        "Making the phenomenon, its signs and the resources known to youth, parents and workers.",
    ),
    (
        "detection",
        "Détection et dépistage",
        "Detection and screening",
        "Repérer les indicateurs d'exploitation et orienter sans délai.",
        "Spotting the indicators of exploitation and referring without delay.",
    ),
    (
        "protection",
        "Protection et intervention",
        "Protection and intervention",
        "Assurer la sécurité du jeune et intervenir auprès de lui et de sa famille.",
        "Keeping the youth safe and working with them and their family.",
    ),
    (
        "investigation",
        "Enquête et processus judiciaire",
        "Investigation and judicial process",
        "Enquêter sur les exploiteurs et accompagner le jeune dans le processus judiciaire.",
        "Investigating exploiters and supporting the youth through the judicial process.",
    ),
    (
        "support",
        "Soutien et réinsertion",
        "Support and reintegration",
        "Accompagner le jeune dans sa sortie de l'exploitation et son retour vers ses milieux.",
        "Supporting the youth out of exploitation and back into their settings.",
    ),
    (
        "research",
        "Recherche et formation",
        "Research and training",
        "Produire et diffuser les connaissances; former les intervenants et les pivots.",
        "Producing and spreading knowledge; training workers and pivots.",
    ),
]


def seed(apps, schema_editor):
    Stage = apps.get_model("matrix", "Stage")
    StageListVersion = apps.get_model("matrix", "StageListVersion")
    if Stage.objects.exists():
        return
    snapshot = []
    for order, (code, label_fr, label_en, definition_fr, definition_en) in enumerate(STAGES, 1):
        stage = Stage.objects.create(
            code=code,
            label_fr=label_fr,
            label_en=label_en,
            definition_fr=definition_fr,
            definition_en=definition_en,
            order=order * 10,
        )
        snapshot.append(
            {
                "id": stage.pk,
                "code": code,
                "label_fr": label_fr,
                "label_en": label_en,
                "definition_fr": definition_fr,
                "definition_en": definition_en,
                "order": order * 10,
                "is_active": True,
            }
        )
    StageListVersion.objects.create(number=1, stages=snapshot)


def unseed(apps, schema_editor):
    apps.get_model("matrix", "StageListVersion").objects.all().delete()
    apps.get_model("matrix", "Stage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("matrix", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
