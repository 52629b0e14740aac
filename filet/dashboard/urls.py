from django.urls import path

from filet.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("plancher/", views.floor, name="floor"),
]
