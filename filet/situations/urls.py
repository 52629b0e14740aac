from django.urls import URLPattern

app_name = "situations"

urlpatterns: list[URLPattern] = []
