from django.urls import path

from filet.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/personnes/", views.members, name="members"),
    path("<int:pk>/personnes/attribuer/", views.grant, name="grant"),
    path("<int:pk>/personnes/<int:membership_pk>/retirer/", views.revoke, name="revoke"),
    path("<int:pk>/invitations/", views.invite, name="invite"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/annuler/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
]
