from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatrixConfig(AppConfig):
    name = "filet.matrix"
    verbose_name = _("Matrix of zones of contribution")
