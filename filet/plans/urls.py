from django.urls import path

from filet.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("nouveau/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/objectifs/", views.objective_create, name="objective_create"),
    path("<int:pk>/actions/", views.action_create, name="action_create"),
    path("<int:pk>/adopter/", views.adopt, name="adopt"),
    path("<int:pk>/partenaires/<int:organisation_pk>/", views.partner, name="partner"),
    path("<int:pk>/en-retard/", views.late, name="late"),
    path("<int:pk>/suivi/", views.follow_up, name="follow_up"),
    path("<int:pk>/exporter/", views.export, name="export"),
    path("<int:pk>/importer/", views.import_plan, name="import"),
    path("actions/<int:pk>/", views.action, name="action"),
    path("actions/<int:pk>/avancement/", views.action_update, name="action_update"),
    path("actions/<int:pk>/indicateurs/", views.indicator_create, name="indicator_create"),
    path("actions/<int:pk>/mesures/", views.measurement_create, name="measurement_create"),
]
