from django.urls import path

from filet.privacy import incident_views, views

app_name = "privacy"

urlpatterns = [
    path("", views.index, name="index"),
    path("calendrier-de-conservation/", views.schedule, name="schedule"),
    path("conservation/", views.retention, name="retention"),
    path("avis/table/modifier/", views.table_notice_edit, name="table_notice_edit"),
    path("avis/<int:pk>/", views.notice, name="notice"),
    path("avis/<int:pk>/modifier/", views.notice_edit, name="notice_edit"),
    path("mes-renseignements/", views.my_data, name="my_data"),
    path("mes-renseignements/json/", views.my_data_export, name="my_data_export"),
    path("organisations/<int:pk>/destruction/", views.due_view, name="due"),
    path("organisations/<int:pk>/acces/", views.people, name="people"),
    path(
        "organisations/<int:pk>/acces/<int:person_pk>/json/",
        views.person_export,
        name="person_export",
    ),
    path("organisations/<int:pk>/incidents/", incident_views.incidents, name="incidents"),
    path(
        "organisations/<int:pk>/incidents/nouveau/",
        incident_views.incident_create,
        name="incident_create",
    ),
    path(
        "organisations/<int:pk>/incidents/exporter/<str:file_format>/",
        incident_views.incidents_export,
        name="incidents_export",
    ),
    path("incidents/<int:pk>/", incident_views.incident_detail, name="incident"),
    path("incidents/<int:pk>/modifier/", incident_views.incident_edit, name="incident_edit"),
    path("incidents/<int:pk>/risque/", incident_views.incident_assess, name="incident_assess"),
    path("incidents/<int:pk>/avis/", incident_views.incident_notify, name="incident_notify"),
    path("incidents/<int:pk>/fermer/", incident_views.incident_close, name="incident_close"),
]
