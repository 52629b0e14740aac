from django.urls import path

from filet.training.views import catalogue, report, sessions

app_name = "training"

urlpatterns = [
    path("", catalogue.modules, name="modules"),
    path("modules/ajouter/", catalogue.module_create, name="module_create"),
    path("modules/<int:pk>/", catalogue.module, name="module"),
    path("modules/<int:pk>/modifier/", catalogue.module_edit, name="module_edit"),
    path("modules/<int:pk>/versions/ajouter/", catalogue.version_create, name="version_create"),
    path("modules/<int:pk>/declarer/", catalogue.declare, name="declare"),
    path("exigences/", catalogue.requirements, name="requirements"),
    path("exigences/<int:pk>/retirer/", catalogue.requirement_remove, name="requirement_remove"),
    path("declarations/", catalogue.reviews, name="reviews"),
    path("declarations/<int:pk>/", catalogue.review, name="review"),
    path("seances/", sessions.sessions, name="sessions"),
    path("seances/ajouter/", sessions.session_create, name="session_create"),
    path("seances/<int:pk>/", sessions.session, name="session"),
    path("seances/<int:pk>/modifier/", sessions.session_edit, name="session_edit"),
    path("seances/<int:pk>/annuler/", sessions.session_cancel, name="session_cancel"),
    path("seances/<int:pk>/inscription/", sessions.register, name="register"),
    path("seances/<int:pk>/desinscription/", sessions.unregister, name="unregister"),
    path("seances/<int:pk>/presences/", sessions.attendance, name="attendance"),
    path("seances/<int:pk>/inviter/", sessions.invite, name="invite"),
    path("seances/<int:pk>/seance.ics", sessions.session_ics, name="session_ics"),
    path("couverture/", report.report, name="coverage"),
    path("couverture/exporter/", report.export, name="coverage_export"),
    path("couverture/rappels/", report.send_reminders, name="send_reminders"),
]
