from django.http import HttpRequest

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """No public sign-up: accounts come from invitations only."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
