import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from filet.accounts.models import Language, User
from filet.matrix.models import Stage
from filet.organisations.models import Organisation
from filet.resources import permissions
from filet.resources.models import Audience, FaqEntry, Resource, ResourceKind
from filet.resources.uploads import CheckedFile, check_upload, max_size

RESOURCE_FORM_FIELDS = [
    "title",
    "description",
    "language",
    "kind",
    "audience",
    "stage",
    "keywords",
    "visibility",
    "translation_of",
]


class PairChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Resource) -> str:
        return f"{obj.title} ({obj.get_language_display()})"


class ResourceForm(forms.ModelForm):
    """Describe a resource; on upload, also its organisation and file."""

    translation_of = PairChoiceField(
        label=_("Translation of"),
        queryset=Resource.objects.none(),
        required=False,
        help_text=_("The same resource in the other language, if it is in the library."),
    )
    submission = forms.CharField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Resource
        fields = RESOURCE_FORM_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: User, upload: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = Stage.objects.active()  # type: ignore[attr-defined]
        # Originals only, not yet translated (or translated by this very resource).
        pairs = Resource.objects.visible_to(user).filter(
            Q(translation__isnull=True) | Q(translation=self.instance.pk or 0),
            translation_of__isnull=True,
        )
        if self.instance.pk:
            pairs = pairs.exclude(pk=self.instance.pk)
        self.fields["translation_of"].queryset = pairs.order_by("title")  # type: ignore[attr-defined]
        if upload:
            organisations = Organisation.objects.filter(
                pk__in=permissions.upload_organisation_ids(user)
            ).order_by("name_fr")
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Organisation"), queryset=organisations, empty_label=None
            )
            self.fields["file"] = forms.FileField(
                label=_("File"),
                help_text=_(
                    "PDF, PNG, JPEG, DOCX, XLSX, PPTX or plain text, at most %(limit)s MB. "
                    "Files with macros or scripts are refused; photo metadata is removed."
                )
                % {"limit": max_size() // (1024 * 1024)},
            )
        if not self.is_bound:
            self.initial.setdefault("submission", uuid.uuid4().hex)
            self.initial.setdefault("version", self.instance.version)

    def clean_file(self) -> CheckedFile:
        upload = self.cleaned_data["file"]
        if upload.size > max_size():
            raise ValidationError(
                _("The file is larger than %(limit)s MB."),
                params={"limit": max_size() // (1024 * 1024)},
                code="size",
            )
        return check_upload(upload.name, upload.read())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pair = data.get("translation_of")
        if pair is not None and pair.language == data.get("language"):
            self.add_error("translation_of", _("A translation is in the other language."))
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ResourceKind.choices]
    )
    audience = forms.ChoiceField(
        label=_("Audience"), required=False, choices=[("", _("Everyone")), *Audience.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Both")), *Language.choices]
    )
    stage = forms.ModelChoiceField(
        label=_("Stage"), required=False, queryset=Stage.objects.active(), empty_label=_("All")
    )


class FaqEntryForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FaqEntry
        fields = [
            "question_fr",
            "answer_fr",
            "question_en",
            "answer_en",
            "is_published",
            "position",
        ]
        widgets = {
            "answer_fr": forms.Textarea(attrs={"rows": 5}),
            "answer_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("version", self.instance.version)
