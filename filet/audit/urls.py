from django.urls import path

from filet.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.audit_log, name="log"),
    path("exporter/<str:file_format>/", views.audit_export, name="export"),
]
