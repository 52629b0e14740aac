from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "filet.situations"
    verbose_name = _("Safety net")

    def ready(self) -> None:
        from filet.audit.events import EVENTS as ALL
        from filet.situations.events import EVENTS

        ALL.update(EVENTS)
