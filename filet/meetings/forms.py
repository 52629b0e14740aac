import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from filet.accounts.models import User
from filet.meetings.models import (
    AgendaItem,
    AttendanceStatus,
    DecisionMethod,
    Meeting,
    Question,
    QuorumRule,
    Resolution,
)
from filet.organisations.models import Organisation
from filet.plans.models import Objective


class SubmissionField(forms.UUIDField):
    """A hidden one-time key per form shown: the action recognises a second POST of it."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)


def table_people() -> Any:
    """Who speaks for an organisation at the Table: current representatives and coordinators
    (a short list, where all accounts of a province would not be)."""
    from filet.organisations.roles import Role

    return User.objects.filter(
        is_active=True,
        memberships__ended_at__isnull=True,
        memberships__role__in=(Role.REPRESENTATIVE, Role.COORDINATOR),
    ).distinct()


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(forms.ModelForm):
    video_link = forms.URLField(label=_("video link"), required=False, assume_scheme="https")
    submission = SubmissionField()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        # The video link is declared above (https by default), so it is left out here.
        fields = ["title", "starts_at", "ends_at", "place"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("video_link", self.instance.video_link)
        self.order_fields(["title", "starts_at", "ends_at", "place", "video_link"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        if (
            not data.get("place")
            and not data.get("video_link")
            and not self.errors.get("video_link")
        ):
            self.add_error("place", _("Give a place or a video link."))
        return data

    def _post_clean(self) -> None:
        # The model's constraints are checked by the form above, with clearer messages.
        pass


class InviteForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Invite organisations"),
        queryset=Organisation.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    person = forms.ModelChoiceField(
        label=_("Invite a person"), queryset=User.objects.filter(is_active=True), required=False
    )


class AgendaItemForm(forms.ModelForm):
    document_title = forms.CharField(label=_("Attached document"), max_length=200, required=False)
    document_link = forms.URLField(
        label=_("Link to the document"), required=False, assume_scheme="https"
    )

    class Meta:
        model = AgendaItem
        fields = ["title", "presenter", "duration_minutes", "parent"]

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = meeting.agenda_items.filter(parent=None)  # type: ignore[attr-defined]
        self.fields["parent"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("document_link") and not data.get("document_title"):
            self.add_error("document_title", _("Give the document a title."))
        return data


def attendance_form(meeting: Meeting, data: Any = None) -> forms.Form:
    """One choice per invited organisation and per person invited by name."""
    form = forms.Form(data)
    for invitation in meeting.invitations.select_related("organisation", "person"):
        key = (
            f"org_{invitation.organisation_id}"
            if invitation.organisation_id
            else f"person_{invitation.person_id}"
        )
        form.fields[key] = forms.ChoiceField(
            label=str(invitation.organisation or invitation.person),
            choices=[("", "—"), *AttendanceStatus.choices],
            required=False,
        )
    for attendance in meeting.attendances.all():
        key = (
            f"org_{attendance.organisation_id}"
            if attendance.organisation_id
            else f"person_{attendance.person_id}"
        )
        form.initial[key] = attendance.status
    return form


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 16}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from filet.lib.guard import validate_no_identifiers

        self.fields["text"].validators.append(validate_no_identifiers)


class AdoptMinutesForm(forms.Form):
    minutes_meeting = forms.IntegerField(widget=forms.HiddenInput)


class ResolutionForm(forms.ModelForm):
    submission = SubmissionField()

    class Meta:
        model = Resolution
        fields = [
            "decision",
            "method",
            "votes_for",
            "votes_against",
            "abstentions",
            "follow_up_organisation",
            "follow_up_person",
            "due_on",
        ]
        widgets = {
            "method": forms.RadioSelect,
            "due_on": DATE,
            "decision": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].initial = DecisionMethod.CONSENSUS
        self.fields["method"].choices = DecisionMethod.choices  # type: ignore[attr-defined]
        self.fields["follow_up_organisation"].queryset = Organisation.objects.active()  # type: ignore[attr-defined]
        self.fields["follow_up_person"].queryset = table_people()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("method") == DecisionMethod.VOTE:
            for name in ("votes_for", "votes_against", "abstentions"):
                if data.get(name) is None:
                    self.add_error(name, _("A vote needs its count."))
        return data


class ActionRowForm(forms.Form):
    """One action of the plan that the resolution creates (optional)."""

    objective = forms.ModelChoiceField(
        label=_("Objective"), queryset=Objective.objects.none(), required=False
    )
    title = forms.CharField(label=_("Action"), max_length=200, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.active(), required=False
    )
    due_on = forms.DateField(label=_("Due"), widget=DATE, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = Objective.objects.select_related("plan").exclude(  # type: ignore[attr-defined]
            plan__status="closed"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [n for n in ("objective", "title", "organisation", "due_on") if data.get(n)]
        if filled and len(filled) < 4:
            for name in ("objective", "title", "organisation", "due_on"):
                if not data.get(name) and not self.errors.get(name):
                    self.add_error(name, _("Needed to create the action."))
        return data


# absolute_max: a forged TOTAL_FORMS cannot make the server build a thousand rows.
ActionRowFormSet = forms.formset_factory(ActionRowForm, extra=2, max_num=5, absolute_max=5)


class QuestionForm(forms.ModelForm):
    submission = SubmissionField()

    class Meta:
        model = Question
        fields = ["text", "organisation", "asked_by"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.active()  # type: ignore[attr-defined]
        self.fields["asked_by"].queryset = table_people()  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answered_by = forms.ModelChoiceField(
        label=_("Answered by"), queryset=User.objects.none(), required=False
    )
    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    close = forms.BooleanField(label=_("The question is answered: close it"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from filet.lib.guard import validate_no_identifiers

        self.fields["answer"].validators.append(validate_no_identifiers)
        self.fields["answered_by"].queryset = table_people()  # type: ignore[attr-defined]


class QuorumForm(forms.Form):
    quorum_rule = forms.ChoiceField(
        label=_("Quorum"), choices=QuorumRule.choices, widget=forms.RadioSelect
    )
