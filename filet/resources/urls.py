from django.urls import path

from filet.resources import views

app_name = "resources"

urlpatterns = [
    path("", views.library, name="library"),
    path("deposer/", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/retirer/", views.withdraw, name="withdraw"),
    path("<int:pk>/telecharger/", views.download, name="download"),
    path("faq/nouvelle/", views.faq_create, name="faq_create"),
    path("faq/<int:pk>/modifier/", views.faq_edit, name="faq_edit"),
]
