from django.urls import path

from filet.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("planifier/", views.create, name="create"),
    path("regles/", views.meeting_settings, name="settings"),
    path("resolutions/", views.resolutions, name="resolutions"),
    path("resolutions/<int:pk>/", views.resolution, name="resolution"),
    path("resolutions/<int:pk>/suivi-termine/", views.resolution_close, name="resolution_close"),
    path("questions/<int:pk>/", views.question, name="question"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/annuler/", views.cancel, name="cancel"),
    path("<int:pk>/calendrier.ics", views.ics, name="ics"),
    path("<int:pk>/envoyer-invitations/", views.send_invitations, name="send_invitations"),
    path("<int:pk>/inviter/", views.invite, name="invite"),
    path("<int:pk>/ordre-du-jour/", views.agenda_add, name="agenda_add"),
    path("<int:pk>/presences/", views.attendance, name="attendance"),
    path("<int:pk>/proces-verbal/", views.minutes, name="minutes"),
    path("<int:pk>/proces-verbal/diffuser/", views.minutes_circulate, name="minutes_circulate"),
    path("<int:pk>/adopter/<int:minutes_pk>/", views.minutes_adopt, name="minutes_adopt"),
    path("<int:pk>/resolutions/", views.resolution_create, name="resolution_create"),
    path("<int:pk>/questions/", views.question_create, name="question_create"),
]
