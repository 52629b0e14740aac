from django.urls import path

from filet.situations import views

app_name = "situations"

urlpatterns = [
    path("", views.situation_list, name="list"),
    path("ouvrir/", views.open_situation, name="open"),
    path("mon-filet/", views.watch_list, name="watch"),
    path("chiffres/", views.counts_view, name="counts"),
    path("situation/<slug:code>/", views.detail, name="detail"),
    path("situation/<slug:code>/modifier/", views.edit, name="edit"),
    path("situation/<slug:code>/statut/", views.change_status, name="status"),
    path("situation/<slug:code>/fermer/", views.close, name="close"),
    path("situation/<slug:code>/rouvrir/", views.reopen, name="reopen"),
    path("situation/<slug:code>/inviter/", views.invite, name="invite"),
    path("situation/<slug:code>/invitation/", views.respond, name="respond"),
    path("situation/<slug:code>/quitter/", views.leave, name="leave"),
    path("situation/<slug:code>/actions/ajouter/", views.action_add, name="action_add"),
    path(
        "situation/<slug:code>/actions/<int:action_pk>/",
        views.action_update,
        name="action_update",
    ),
    path("situation/<slug:code>/notes/", views.note_add, name="note_add"),
]
