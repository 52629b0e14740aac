from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "filet.privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from filet.audit.events import EVENTS as ALL
        from filet.privacy.events import EVENTS

        ALL.update(EVENTS)
