from django.db import migrations, models

# The areas as they were when tokens got them; written out so that this migration does not
# change if the model's list does.
EVERY_AREA = ["directory", "matrix", "observatory", "pivots", "safety_net", "table"]


def give_every_area(apps, schema_editor):
    """Tokens made before areas existed opened everything: they keep doing so."""
    apps.get_model("api", "ApiToken").objects.update(areas=EVERY_AREA)


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="areas",
            field=models.JSONField(default=list, verbose_name="areas"),
        ),
        migrations.RunPython(give_every_area, migrations.RunPython.noop),
    ]
