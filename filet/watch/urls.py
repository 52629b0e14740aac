from django.urls import path

from filet.watch import views

app_name = "watch"

urlpatterns = [
    path("", views.item_list, name="list"),
    path("nouveau/", views.item_create, name="create"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/modifier/", views.item_edit, name="edit"),
    path("bulletins/", views.bulletin_list, name="bulletins"),
    path("bulletins/envoyer/", views.bulletin_send, name="bulletin_send"),
    path("bulletins/<int:year>/<int:month>/", views.bulletin_detail, name="bulletin"),
    path("abonnement/", views.subscription, name="subscription"),
]
