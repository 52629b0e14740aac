from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from allauth.mfa.models import Authenticator

from filet.accounts import actions
from filet.accounts.models import User
from filet.lib.admin import TechnicalAdmin
from filet.lib.http import AuthenticatedHttpRequest


@admin.register(User)
class UserAdmin(TechnicalAdmin):
    """Technical administration only: deactivate or reactivate accounts (audited); no content."""

    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fields = ["email", "full_name", "language", "is_active", "is_staff"]
    readonly_fields = ["email", "is_active", "is_staff"]
    actions = ["deactivate", "reactivate"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # accounts come from invitations

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # deactivate instead: the audit log keeps pointing at the account

    @admin.action(description=_("Deactivate the selected accounts"))
    def deactivate(self, request: AuthenticatedHttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            actions.set_active(user, by=request.user, active=False)
        messages.success(request, _("Accounts deactivated."))

    @admin.action(description=_("Reactivate the selected accounts"))
    def reactivate(self, request: AuthenticatedHttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            actions.set_active(user, by=request.user, active=True)
        messages.success(request, _("Accounts reactivated."))


# Authenticators hold second-factor secrets: never browsable, even by administrators.
admin.site.unregister(Authenticator)
