"""The form that creates a personal access token."""

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.api.models import Scope

LIFETIMES = [
    (30, _("30 days")),
    (90, _("90 days")),
    (180, _("180 days")),
    (365, _("1 year")),
]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What the token is for, e.g. “School software link”."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Scope.READ],
        help_text=_("Read lets the token see what you see; write lets it act as you."),
    )
    lifetime = forms.TypedChoiceField(
        label=_("Valid for"), choices=LIFETIMES, coerce=int, initial=90
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        scopes = set(cleaned.get("scopes") or [])
        if Scope.WRITE in scopes:
            scopes.add(Scope.READ)  # writing without reading would be useless
        cleaned["scopes"] = sorted(scopes)
        if "lifetime" in cleaned:
            cleaned["expires_at"] = timezone.now() + timedelta(days=cleaned["lifetime"])
        return cleaned
