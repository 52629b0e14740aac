from django.urls import path

from filet.observatory import views

app_name = "observatory"

urlpatterns = [
    path("", views.trends, name="trends"),
    path("exporter/<str:file_format>/", views.export, name="export"),
    path("parametres/", views.settings_edit, name="settings"),
    path("observations/", views.observations, name="observations"),
    path("observations/ajouter/", views.create, name="create"),
    path("observations/lot/", views.bulk, name="bulk"),
    path("observations/<int:pk>/", views.detail, name="detail"),
    path("observations/<int:pk>/modifier/", views.edit, name="edit"),
    path("protocoles/", views.protocols, name="protocols"),
    path("protocoles/ajouter/", views.protocol_create, name="protocol_create"),
    path("recherche/<int:pk>/", views.research, name="research"),
    path(
        "recherche/<int:pk>/exporter/<str:file_format>/",
        views.research_export,
        name="research_export",
    ),
]
