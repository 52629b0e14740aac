from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "filet.directory"
    verbose_name = _("Directory of partners")

    def ready(self) -> None:
        from filet.directory import hsds_cache

        hsds_cache.connect()
