"""Password policy: 12 to 128 characters, no common passwords, argon2id [6.2.1–6.2.9, 11.4.2]."""

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from filet.accounts.actions import accept_invitation, invite
from filet.accounts.forms import AcceptInvitationForm
from filet.accounts.models import User
from filet.organisations.models import Role

# Not a dictionary word, not like the invitee's name or e-mail, any length we need.
PHRASE = "Quatre canots gris remontent la riviere au lever du jour sans bruit " * 2
COMMON = "qwerty123456"  # twelve characters, and on Django's common-password list

LENGTHS = [
    pytest.param(11, "password_too_short", id="11-refused"),
    pytest.param(12, None, id="12-accepted"),
    pytest.param(128, None, id="128-accepted"),
    pytest.param(129, "password_too_long", id="129-refused"),
]


@pytest.fixture
def invitation(personas):
    return invite(
        by=personas.representative,
        organisation=personas.org_a,
        email="nadia.roy@test.example",
        full_name="Nadia Roy",
        role=Role.WORKER,
        language="fr-ca",
        base_url="http://testserver/",
    )


def form_error_codes(invitation, password: str) -> list[str]:
    form = AcceptInvitationForm(
        {"password1": password, "password2": password}, invitation=invitation
    )
    form.is_valid()
    return [error.code for error in form.errors.as_data().get("password1", [])]


def validator_error_codes(password: str) -> list[str]:
    try:
        password_validation.validate_password(password, User(email="nadia.roy@test.example"))
    except ValidationError as error:
        return [e.code for e in error.error_list]
    return []


@pytest.mark.parametrize(("length", "code"), LENGTHS)
def test_length_limits_in_the_invitation_form(invitation, length, code):
    password = PHRASE[:length]
    assert len(password) == length

    assert form_error_codes(invitation, password) == ([code] if code else [])


@pytest.mark.parametrize(("length", "code"), LENGTHS)
def test_length_limits_in_validate_password(db, length, code):
    assert validator_error_codes(PHRASE[:length]) == ([code] if code else [])


def test_common_password_is_refused_in_the_invitation_form(invitation):
    assert form_error_codes(invitation, COMMON) == ["password_too_common"]


def test_common_password_is_refused_by_validate_password(db):
    assert validator_error_codes(COMMON) == ["password_too_common"]


def test_no_composition_rule_a_lowercase_sentence_is_enough(invitation):
    assert form_error_codes(invitation, "les pommes tombent en automne") == []


def test_new_password_hashes_are_argon2id(rf, invitation, settings):
    # tests/conftest.py swaps in a fast hasher; this test restores the project's own.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    password = PHRASE[:40]

    accept_invitation(invitation, password=password, request=rf.post("/"))

    user = User.objects.get(email="nadia.roy@test.example")
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(password)


def test_project_hashes_with_argon2_first():
    from filet import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )
