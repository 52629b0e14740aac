from django.urls import path

from filet.accounts import views

app_name = "accounts"

urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
