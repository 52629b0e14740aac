from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PivotsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "filet.pivots"
    verbose_name = _("Pivot workers")

    def ready(self) -> None:
        from filet.pivots import whocache

        whocache.connect()
