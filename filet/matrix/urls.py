from django.urls import path

from filet.matrix import views

app_name = "matrix"

urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("exporter/<str:file_format>/", views.export, name="export"),
    path("partenaires/<int:pk>/", views.partner, name="partner"),
    path("partenaires/<int:pk>/etapes/<int:stage_pk>/", views.edit_cell, name="edit_cell"),
    path("etapes/", views.stages, name="stages"),
    path("etapes/ajouter/", views.stage_create, name="stage_create"),
    path("etapes/<int:pk>/", views.stage, name="stage"),
    path("etapes/<int:pk>/modifier/", views.stage_edit, name="stage_edit"),
    path("versions/", views.versions, name="versions"),
    path("versions/adopter/", views.adopt, name="adopt"),
    path("versions/comparer/", views.compare, name="compare"),
    path("versions/<int:number>/", views.version, name="version"),
    path(
        "versions/<int:number>/exporter/<str:file_format>/",
        views.version_export,
        name="version_export",
    ),
    path("ententes/", views.agreements, name="agreements"),
    path("ententes/ajouter/", views.agreement_create, name="agreement_create"),
    path("ententes/<int:pk>/", views.agreement, name="agreement"),
    path("ententes/<int:pk>/modifier/", views.agreement_edit, name="agreement_edit"),
]
