from django.db import migrations

from filet.taxonomy.seed import TERMS


def seed(apps, schema_editor):
    Term = apps.get_model("taxonomy", "Term")
    TaxonomyVersion = apps.get_model("taxonomy", "TaxonomyVersion")
    if Term.objects.exists():
        return
    for vocabulary, entries in TERMS.items():
        Term.objects.bulk_create(
            Term(
                vocabulary=vocabulary,
                family=family,
                code=code,
                label_fr=label_fr,
                label_en=label_en,
                position=position,
            )
            for position, (code, family, label_fr, label_en) in enumerate(entries, start=1)
        )
    snapshot = [
        {
            "id": t.pk,
            "vocabulary": t.vocabulary,
            "family": t.family,
            "code": t.code,
            "label_fr": t.label_fr,
            "label_en": t.label_en,
            "definition_fr": "",
            "definition_en": "",
            "active": True,
        }
        for t in Term.objects.order_by("vocabulary", "family", "position", "pk")
    ]
    TaxonomyVersion.objects.create(number=1, change="initial lists (DOMAIN.md §4)", snapshot=snapshot)


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
