from django.contrib import admin
from django.urls import include, path

from allauth.account.decorators import secure_admin_login

from filet.accounts.views import set_language

# The admin signs in through allauth, so its login gets MFA, lockout and rate limits too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Filet"

handler403 = "filet.lib.errors.permission_denied"
handler404 = "filet.lib.errors.page_not_found"
handler500 = "filet.ops.middleware.server_error"  # 503 when the database is down

urlpatterns = [
    path("", include("filet.dashboard.urls")),
    path("comptes/", include("allauth.urls")),
    path("compte/", include("filet.accounts.urls")),
    path("langue/", set_language, name="set_language"),
    path("partenaires/", include("filet.organisations.urls")),
    path("repertoire/", include("filet.directory.urls")),
    path("journal/", include("filet.audit.urls")),
    path("matrice/", include("filet.matrix.urls")),
    path("reunions/", include("filet.meetings.urls")),
    path("plan-action/", include("filet.plans.urls")),
    path("observatoire/", include("filet.observatory.urls")),
    path("taxonomie/", include("filet.taxonomy.urls")),
    path("formation/", include("filet.training.urls")),
    path("agenda/", include("filet.calendars.urls")),
    path("pivots/", include("filet.pivots.urls")),
    path("veille/", include("filet.watch.urls")),
    path("bibliotheque/", include("filet.resources.urls")),
    path("filet/", include("filet.situations.urls")),
    path("consultations/", include("filet.consultations.urls")),
    path("vie-privee/", include("filet.privacy.urls")),
    path("ops/", include("filet.ops.urls")),
    path("api/", include("filet.api.urls")),
    path("admin/", admin.site.urls),
]
