from django.urls import path

from filet.calendars import views

app_name = "calendars"

urlpatterns = [
    path("", views.subscription, name="subscription"),
    path("lien/", views.issue, name="issue"),
    path("lien/revoquer/", views.revoke, name="revoke"),
    path("flux/<str:token>.ics", views.feed, name="feed"),
]
