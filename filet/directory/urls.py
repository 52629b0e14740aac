from django.urls import path

from filet.directory import views

app_name = "directory"

urlpatterns = [
    path("partenaires/<int:pk>/modifier/", views.profile_edit, name="profile_edit"),
    path("partenaires/<int:pk>/versions/", views.profile_versions, name="versions"),
    path("partenaires/<int:pk>/versions/<int:number>/", views.profile_version, name="version"),
    path("table/", views.table, name="table"),
    path("table/modifier/", views.table_edit, name="table_edit"),
    path("table/membres/ajouter/", views.table_join, name="table_join"),
    path("table/membres/<int:membership_pk>/depart/", views.table_leave, name="table_leave"),
    path("table/groupes/ajouter/", views.group_create, name="group_create"),
    path("table/groupes/<int:pk>/", views.group_edit, name="group_edit"),
    path("hsds/exporter/", views.hsds_export, name="hsds_export"),
    path("hsds/importer/", views.hsds_import_page, name="hsds_import"),
]
