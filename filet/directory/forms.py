from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from filet.accounts.models import User
from filet.directory.models import (
    ContactEmail,
    Location,
    Phone,
    Profile,
    Service,
    ServiceLanguage,
    Table,
    TableMembership,
    Territory,
    WorkingGroup,
)
from filet.directory.snapshots import PROFILE_FIELDS
from filet.matrix.models import Stage
from filet.organisations.forms import ListSelect, ShortListChoiceField
from filet.organisations.models import Organisation, OrganisationType

SMALL_TEXT = {"rows": 3}


class OrganisationNamesForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name_fr", "name_en", "acronym", "type"]

    def __init__(self, *args: Any, can_change_type: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The type decides where a partner sits in the matrix: the coordinator's call.
        self.fields["type"].disabled = not can_change_type


class ProfileForm(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    territories = forms.ModelMultipleChoiceField(
        label=_("territories served"),
        queryset=Territory.objects.order_by("kind", "name_fr"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Profile
        fields = [*PROFILE_FIELDS, "territories"]
        widgets = {
            name: forms.Textarea(attrs=SMALL_TEXT)
            for name in PROFILE_FIELDS
            if name.endswith(("_fr", "_en"))
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision


class ServiceForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=ServiceLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Service
        fields = [
            "name_fr",
            "name_en",
            "description_fr",
            "description_en",
            "eligibility_fr",
            "eligibility_en",
            "referral_fr",
            "referral_en",
            "hours_fr",
            "hours_en",
            "languages",
        ]
        widgets = {
            name: forms.Textarea(attrs=SMALL_TEXT)
            for name in [
                "description_fr",
                "description_en",
                "eligibility_fr",
                "eligibility_en",
                "referral_fr",
                "referral_en",
            ]
        }


# At most ROWS rows per list: a forged TOTAL_FORMS cannot make the server build thousands.
ROWS = 100
ServiceFormSet = inlineformset_factory(
    Organisation,
    Service,
    form=ServiceForm,
    extra=1,
    can_delete=True,
    max_num=ROWS,
    absolute_max=ROWS,
    validate_max=True,
)
LocationFormSet = inlineformset_factory(
    Organisation,
    Location,
    fields=[
        "name_fr",
        "name_en",
        "address_1",
        "address_2",
        "city",
        "province",
        "postal_code",
        "is_confidential",
    ],
    extra=1,
    can_delete=True,
    max_num=ROWS,
    absolute_max=ROWS,
    validate_max=True,
)
PhoneFormSet = inlineformset_factory(
    Organisation,
    Phone,
    fields=["number", "extension", "kind", "label_fr", "label_en"],
    extra=1,
    can_delete=True,
    max_num=ROWS,
    absolute_max=ROWS,
    validate_max=True,
)
EmailFormSet = inlineformset_factory(
    Organisation,
    ContactEmail,
    fields=["address", "label_fr", "label_en"],
    extra=1,
    can_delete=True,
    max_num=ROWS,
    absolute_max=ROWS,
    validate_max=True,
)


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput({"type": "search"}),
    )
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All")), *OrganisationType.choices],
        widget=ListSelect,
    )
    territory = ShortListChoiceField(
        label=_("Territory"),
        queryset=Territory.objects.order_by("kind", "name_fr"),
        required=False,
        empty_label=_("All"),
    )
    language = forms.ChoiceField(
        label=_("Language of service"),
        required=False,
        choices=[("", _("All")), *ServiceLanguage.choices],
        widget=ListSelect,
    )
    stage = ShortListChoiceField(
        label=_("Stage of the continuum"),
        queryset=Stage.objects.active().order_by("order"),
        required=False,
        empty_label=_("All"),
    )


class TableForm(forms.ModelForm):
    class Meta:
        model = Table
        fields = [
            "name_fr",
            "name_en",
            "mission_fr",
            "mission_en",
            "territory_fr",
            "territory_en",
            "founded_on",
        ]
        widgets = {
            "mission_fr": forms.Textarea(attrs=SMALL_TEXT),
            "mission_en": forms.Textarea(attrs=SMALL_TEXT),
            "founded_on": forms.DateInput(attrs={"type": "date"}),
        }


class JoinTableForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        # Those without a seat today; a subquery, so each form sees the current seats.
        queryset=Organisation.objects.active().exclude(
            pk__in=TableMembership.objects.filter(left_on__isnull=True).values("organisation")
        ),
    )
    joined_on = forms.DateField(label=_("Joined on"), widget=forms.DateInput({"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class LeaveTableForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=forms.DateInput({"type": "date"}))

    def __init__(self, *args: Any, membership: TableMembership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_left_on(self) -> Any:
        left_on = self.cleaned_data["left_on"]
        if left_on < self.membership.joined_on:
            raise forms.ValidationError(_("The date cannot be before the date of joining."))
        return left_on


class WorkingGroupForm(forms.ModelForm):
    organisations = forms.ModelMultipleChoiceField(
        label=_("organisations"),
        queryset=Organisation.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    people = forms.ModelMultipleChoiceField(
        label=_("people"),
        queryset=User.objects.filter(is_active=True, is_staff=False),
        required=False,
    )

    class Meta:
        model = WorkingGroup
        fields = [
            "name_fr",
            "name_en",
            "mandate_fr",
            "mandate_en",
            "started_on",
            "ended_on",
            "organisations",
            "people",
        ]
        widgets = {
            "mandate_fr": forms.Textarea(attrs=SMALL_TEXT),
            "mandate_en": forms.Textarea(attrs=SMALL_TEXT),
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ended_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The end cannot come before the start."))
        return cleaned


class HsdsImportForm(forms.Form):
    package = forms.FileField(
        label=_("HSDS file"),
        help_text=_("A JSON file (a list of organizations) or a zip of the CSV package."),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_package(self) -> Any:
        upload = self.cleaned_data["package"]
        name = upload.name.lower()
        if not name.endswith((".json", ".zip")):
            raise forms.ValidationError(_("Choose a .json file or a .zip of CSV files."))
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
