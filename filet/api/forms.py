"""The API validates writes with the pages' own Django forms: one set of rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError


def valid(form: forms.BaseForm) -> dict[str, Any]:
    """The form's cleaned data, or a 400 listing its errors by field."""
    if not form.is_valid():
        errors = {
            field: [str(error["message"]) for error in messages]
            for field, messages in form.errors.get_json_data().items()
        }
        raise ValidationError(errors)
    return form.cleaned_data


def merged(current: dict[str, Any], data: Any) -> dict[str, Any]:
    """PATCH semantics: what was sent over what is there."""
    if not isinstance(data, dict):
        raise ValidationError({"non_field_errors": [_("Send a JSON object.")]})
    return {**current, **data}
