"""Data classification of the API app: every field of its models."""

from filet.lib.classification import CONFIDENTIAL, INTERNAL, PERSONAL, SECRET, Declaration, fields

FIELDS: Declaration = {
    **fields(
        "ApiToken",
        "until expired or revoked; kept as history of who could reach the API",
        id=INTERNAL,
        user=PERSONAL,
        name=INTERNAL,
        prefix=INTERNAL,
        digest=SECRET,
        scopes=INTERNAL,
        areas=INTERNAL,
        created_at=INTERNAL,
        expires_at=INTERNAL,
        revoked_at=INTERNAL,
        last_used_at=PERSONAL,
    ),
    **fields(
        "IdempotentResponse",
        "24 hours: deleted at the next keyed request, or when its token is revoked",
        id=INTERNAL,
        token=INTERNAL,
        key=INTERNAL,
        request_digest=INTERNAL,
        status_code=INTERNAL,
        # The answer replayed: what the API returned to that person, e.g. an observation.
        body=(
            CONFIDENTIAL,
            "24 hours: deleted at the next keyed request, or when its token is revoked",
        ),
        created_at=INTERNAL,
    ),
}
