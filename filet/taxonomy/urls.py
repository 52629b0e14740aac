from django.urls import path

from filet.taxonomy import views

app_name = "taxonomy"

urlpatterns = [
    path("", views.index, name="index"),
    path("ajouter/", views.term_create, name="term_create"),
    path("termes/<int:pk>/modifier/", views.term_edit, name="term_edit"),
    path("versions/", views.versions, name="versions"),
    path("versions/<int:number>/", views.version, name="version"),
]
