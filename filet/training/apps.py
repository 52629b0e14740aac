from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "filet.training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from filet.training import coverage_cache

        coverage_cache.connect()
