from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "filet.api"
    verbose_name = _("API")

    def ready(self) -> None:
        from filet.api.events import EVENTS
        from filet.audit.events import EVENTS as ALL

        ALL.update(EVENTS)
