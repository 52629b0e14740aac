"""`Idempotency-Key` on POST: the first answer given to a token for a key is kept 24 hours
and replayed for the same request; the same key with another request is refused (422)."""

import hashlib
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from filet.api.models import IDEMPOTENCY_WINDOW, ApiToken, IdempotentResponse
from filet.api.problems import Unprocessable

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200

Handler = Callable[..., Response]


def _request_digest(request: Request) -> str:
    content = json.dumps(request.data, sort_keys=True, default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{content}".encode()).hexdigest()


def idempotent(handler: Handler) -> Handler:
    """Wrap a view method that creates something."""

    @wraps(handler)
    def wrapper(view: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get(HEADER, "")
        token = request.auth if isinstance(request.auth, ApiToken) else None
        if not key or token is None:
            return handler(view, request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            raise ValidationError({HEADER: [_("The key is too long (200 characters at most).")]})
        with transaction.atomic():
            # The token's row is the lock: two calls with one key never both create.
            ApiToken.objects.select_for_update().filter(pk=token.pk).first()
            # Answers older than 24 hours go, whoever's they are: the table stays small.
            expired = timezone.now() - IDEMPOTENCY_WINDOW
            IdempotentResponse.objects.filter(created_at__lt=expired).delete()
            digest = _request_digest(request)
            stored = IdempotentResponse.objects.filter(token=token, key=key).first()
            if stored is not None:
                return _replay(stored, digest)
            response = handler(view, request, *args, **kwargs)
            if 200 <= response.status_code < 300:
                IdempotentResponse.objects.create(
                    token=token,
                    key=key,
                    request_digest=digest,
                    status_code=response.status_code,
                    body=json.loads(json.dumps(response.data, default=str)),
                )
            return response

    return wrapper


def _replay(stored: IdempotentResponse, digest: str) -> Response:
    if stored.request_digest != digest:
        raise Unprocessable(_("This Idempotency-Key was already used for a different request."))
    response = Response(stored.body, status=stored.status_code)
    response["Idempotent-Replayed"] = "true"
    return response
