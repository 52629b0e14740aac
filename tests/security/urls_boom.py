"""Filet's URLs plus one view that fails, to see the 500 page as a visitor would."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from filet.urls import handler403, handler404, handler500
from filet.urls import urlpatterns as filet_urlpatterns

SECRET_DETAIL = "boom: internal detail that must never reach the browser"


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET_DETAIL)


urlpatterns = [path("boum/", boom), *filet_urlpatterns]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
