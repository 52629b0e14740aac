"""The administration site answers to the technical administrator's role, not Django's
per-model permission rows, which Filet does not use."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class TechnicalAdmin(admin.ModelAdmin):
    def _is_technical(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._is_technical(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_technical(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_technical(request)
