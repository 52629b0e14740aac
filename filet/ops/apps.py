from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "filet.ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from filet.audit.events import EVENTS as ALL
        from filet.ops.events import EVENTS

        ALL.update(EVENTS)
