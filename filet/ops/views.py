"""The operator's health endpoint: public, JSON, no secrets; 503 when the database is down."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from filet.ops.health import check


@login_not_required
@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    status, body = check()
    return JsonResponse(body, status=status)
