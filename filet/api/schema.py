"""The OpenAPI schema says how errors look: every operation may answer an RFC 9457
problem (application/problem+json), documented once as the `Problem` component."""

from typing import Any

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details, in the token owner's language.",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "For 400: the messages of each field that is not valid.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["type", "title", "status", "detail", "instance"],
}
STATUSES = {
    "400": "The request is not valid (see errors).",
    "401": "No token, or a token unknown, expired or revoked.",
    "403": "Not allowed: the token's scope or area, or the action, is not the caller's.",
    "404": "Nothing here, or nothing the caller may see.",
    "429": "Too many requests for this token: retry after Retry-After seconds.",
}


def problem_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    reference = {"$ref": "#/components/schemas/Problem"}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for status, description in STATUSES.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/problem+json": {"schema": reference}},
                    },
                )
    return result
