"""No sensitive data in URLs or caches: every page of the matrix, as each persona allowed in,
is stored by no browser or proxy, carries no session id or CSRF secret in any address it
links to or redirects to, and offers no GET form for a password or free text."""

import re

from django.conf import settings

from tests.attack.crawl import Clients, pages, remember_forms
from tests.attack.pages import forms

ADDRESS = re.compile(r"""(?:href|src|action|formaction|hx-get|hx-post)=["']([^"']*)["']""")


def test_pages_are_not_stored_and_keep_secrets_out_of_addresses(personas):
    clients = Clients(personas)
    failures: list[str] = []
    walked = with_both = 0
    for page in pages(personas):
        client = clients[page.persona]
        response = client.get(page.url)
        walked += 1
        names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
        secrets = [client.cookies[n].value for n in names if n in client.cookies]
        secrets = [value for value in secrets if len(value) >= 16]
        with_both += len(secrets) == 2
        if page.persona != "anonymous" and "no-store" not in response.get("Cache-Control", ""):
            failures.append(f"{page.url_name}: Cache-Control {response.get('Cache-Control')!r}")
        addresses = [response.get("Location", "")]
        if response.get("Content-Type", "").startswith("text/html"):
            html = response.content.decode()
            remember_forms(page, html)  # the form attacks then walk only these pages
            addresses += ADDRESS.findall(html)
            for form in forms(html):
                kinds = {field.kind for field in form.fields}
                if form.method == "get" and kinds & {"password", "textarea"}:
                    failures.append(
                        f"{page.url_name}: GET form with {kinds & {'password', 'textarea'}}"
                    )
        for address in addresses:
            if any(secret in address for secret in secrets) or "csrfmiddlewaretoken" in address:
                failures.append(f"{page.url_name}: secret in {address[:80]!r}")
    assert failures == [], "\n".join(failures)
    assert walked >= 150
    # The secrets looked for were there to be found.
    assert with_both >= 100, with_both
