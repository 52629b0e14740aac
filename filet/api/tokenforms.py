"""The form that creates a personal access token."""

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.api.models import Area, Scope

LIFETIMES = [
    (30, _("30 days")),
    (90, _("90 days")),
    (180, _("180 days")),
    (365, _("1 year")),
]
# What each area holds, as the form offers it (the token list shows the short label).
AREA_CONTENTS = {
    Area.DIRECTORY: _("Directory: partners, services, HSDS"),
    Area.MATRIX: _("Matrix of zones of contribution"),
    Area.PIVOTS: _("Pivot workers: designations, who to call"),
    Area.SAFETY_NET: _("Safety net: situations, consultations"),
    Area.OBSERVATORY: _("Observatory: observations, trends"),
    Area.TABLE: _("The Table's life: resources, meetings, action plan, training"),
}


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
    areas = forms.MultipleChoiceField(
        label=_("Areas"),
        choices=[(area.value, AREA_CONTENTS[area]) for area in Area],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The parts of Filet the token may reach: tick only what the program needs."),
        error_messages={"required": _("Choose at least one area.")},
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
