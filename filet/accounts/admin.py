from django.contrib import admin

from allauth.mfa.models import Authenticator

from filet.accounts.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """Technical administration only: activate or deactivate accounts; no content."""

    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fields = ["email", "full_name", "language", "is_active", "is_staff"]
    readonly_fields = ["email"]


# Authenticators hold second-factor secrets: never browsable, even by administrators.
admin.site.unregister(Authenticator)
