from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "filet.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Authentication events only come to us through signals: they feed the audit log.
        from filet.accounts import receivers  # noqa: F401
