from django.contrib import admin

from filet.lib.admin import TechnicalAdmin
from filet.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(TechnicalAdmin):
    list_display = ["name_fr", "acronym", "type", "is_active"]
    list_filter = ["type", "is_active"]
    search_fields = ["name_fr", "name_en", "acronym"]
