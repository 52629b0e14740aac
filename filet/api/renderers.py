"""JSON answers that no cache keeps. Filet's headers middleware marks the pages of a
signed-in session `no-store`; a token call is anonymous to the middleware, so the API says
it here, where every answer (and every problem) is rendered."""

from typing import Any

from rest_framework.renderers import JSONRenderer


class NoStoreJSONRenderer(JSONRenderer):
    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict[str, Any] | None = None,
    ) -> bytes:
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Cache-Control"] = "no-store"
        return super().render(data, accepted_media_type, renderer_context)
