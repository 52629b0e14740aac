from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from filet.taxonomy.models import Family, Term, Vocabulary


class TermForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Term
        fields = [
            "vocabulary",
            "family",
            "code",
            "label_fr",
            "label_en",
            "definition_fr",
            "definition_en",
            "position",
            "is_active",
        ]
        help_texts = {
            "is_active": _(
                "A retired term is no longer offered on the observation form; past "
                "observations keep it and trends still count it."
            ),
            "code": _("Short, stable identifier used in exports (letters, digits, hyphens)."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The vocabulary and the code are what exports and old versions refer to.
            self.fields["vocabulary"].disabled = True
            self.fields["code"].disabled = True
            self.fields["version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        vocabulary, family = data.get("vocabulary"), data.get("family")
        if vocabulary == Vocabulary.INDICATOR and not family:
            self.add_error("family", _("An indicator belongs to a family."))
        if vocabulary and vocabulary != Vocabulary.INDICATOR and family:
            self.add_error("family", _("Only indicators have a family."))
        if family and family not in Family.values:
            self.add_error("family", _("Choose a family from the list."))
        return data
