"""Filtering on declared fields: a view lists `filter_fields` (query parameter → model
lookup, all integers or all strings as declared), documented in the schema."""

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend
from rest_framework.request import Request

if TYPE_CHECKING:
    from rest_framework.views import APIView

Field = tuple[str, type]  # (model lookup, int or str)


class DeclaredFilters(BaseFilterBackend):
    def filter_queryset(self, request: Request, queryset: QuerySet[Any], view: "APIView") -> Any:
        declared: dict[str, Field] = getattr(view, "filter_fields", {})
        for parameter, (lookup, kind) in declared.items():
            raw = request.query_params.get(parameter)
            if raw is None or raw == "":
                continue
            queryset = queryset.filter(**{lookup: _parse(parameter, raw, kind)})
        return queryset

    def get_schema_operation_parameters(self, view: "APIView") -> list[dict[str, Any]]:
        declared: dict[str, Field] = getattr(view, "filter_fields", {})
        return [
            {
                "name": parameter,
                "required": False,
                "in": "query",
                "description": f"Filter on {lookup}.",
                "schema": {"type": "integer" if kind is int else "string"},
            }
            for parameter, (lookup, kind) in declared.items()
        ]


def _parse(parameter: str, raw: str, kind: type) -> object:
    if kind is not int:
        if "\x00" in raw:  # PostgreSQL refuses NUL in text: a 400, not a 500
            raise ValidationError({parameter: [_("Null characters are not allowed.")]})
        return raw[:200]
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({parameter: [_("Enter a whole number.")]}) from None
    if not -(2**63) < value < 2**63:
        raise ValidationError({parameter: [_("Enter a whole number.")]})
    return value
