from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "filet.consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from filet.audit.events import EVENTS as ALL
        from filet.consultations.events import EVENTS

        ALL.update(EVENTS)
