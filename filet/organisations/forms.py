from collections.abc import Iterator
from typing import Any, cast

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from filet.accounts.models import Invitation, Language, User
from filet.organisations.models import Membership, Organisation
from filet.organisations.roles import Role


class ListSelect(forms.Select):
    """Django's select, its options written in one template instead of two includes each:
    the same HTML at less than half the cost for long lists (the directory's territories)."""

    template_name = "organisations/widgets/select.html"


class ShortListIterator(ModelChoiceIterator):
    """The choices in one plain query. Django's iterator() opens a server-side cursor on
    PostgreSQL (declare, fetch, close), meant for long results, not a select's dozens."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ShortListChoiceField(forms.ModelChoiceField):
    """A choice among a few dozen rows: one plain query, one template."""

    iterator = ShortListIterator
    widget = ListSelect


def _role_choices(roles: list[Role]) -> list[tuple[str, Any]]:
    return [(role.value, role.label) for role in roles]


class GrantRoleForm(forms.Form):
    user = ShortListChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role"))

    def __init__(
        self, *args: Any, organisation: Organisation, roles: list[Role], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        members = Membership.objects.current().filter(organisation=organisation)
        people = cast(forms.ModelChoiceField, self.fields["user"])
        people.queryset = User.objects.filter(is_active=True, pk__in=members.values("user"))
        cast(forms.ChoiceField, self.fields["role"]).choices = _role_choices(roles)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        user, role = cleaned.get("user"), cleaned.get("role")
        held = Membership.objects.current().filter(
            user=user, organisation=self.organisation, role=role
        )
        if user and role and held.exists():
            raise forms.ValidationError(_("%(person)s already holds this role.") % {"person": user})
        return cleaned


class InvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"))
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=Language.choices, initial=Language.FRENCH
    )

    def __init__(
        self, *args: Any, organisation: Organisation, roles: list[Role], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        cast(forms.ChoiceField, self.fields["role"]).choices = _role_choices(roles)

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        email, role = cleaned.get("email"), cleaned.get("role")
        if not (email and role):
            return cleaned
        pending = Invitation.objects.pending().filter(
            email=email, organisation=self.organisation, role=role
        )
        if pending.exists():
            raise forms.ValidationError(_("An invitation for this person and role is pending."))
        held = Membership.objects.current().filter(
            user__email=email, organisation=self.organisation, role=role
        )
        if held.exists():
            raise forms.ValidationError(_("This person already holds this role."))
        return cleaned
