from typing import Any

from django.core.management.base import BaseCommand
from django.utils import translation

from filet.accounts.models import User
from filet.dashboard.management.commands.seed_demo import DEMO_PASSWORD, SHOWCASE, demo_email


class Command(BaseCommand):
    help = "Print the demo accounts and their password."

    def handle(self, *args: Any, **options: Any) -> None:
        emails = [demo_email(local) for local in SHOWCASE]
        users = {u.email: u for u in User.objects.filter(email__in=emails, is_demo=True)}
        lines = [
            "",
            "Filet demo: http://127.0.0.1:8000",
            f"Password for every demo account: {DEMO_PASSWORD}",
            "",
        ]
        with translation.override("en"):
            for email in emails:
                user = users.get(email)
                if user is None:
                    continue
                roles = ", ".join(
                    f"{m.get_role_display()} ({m.organisation.acronym})"
                    for m in user.active_memberships
                ) or ("technical administrator" if user.is_staff else "")
                lines.append(f"  {email:<38} {roles}")
        lines.append("")
        self.stdout.write("\n".join(lines))
