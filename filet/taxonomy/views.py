from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from filet.lib.access import not_found
from filet.lib.http import AuthenticatedHttpRequest
from filet.taxonomy import actions
from filet.taxonomy.forms import TermForm
from filet.taxonomy.models import TaxonomyVersion, Term, Vocabulary
from filet.taxonomy.permissions import can_edit_taxonomy


def posted(request: AuthenticatedHttpRequest) -> QueryDict | None:
    """The POST data of a POST, even empty (an empty form is still a submission)."""
    return request.POST if request.method == "POST" else None


def _grouped(terms: list[Term]) -> list[tuple[str, list[Term]]]:
    labels = dict(Vocabulary.choices)
    order = {code: index for index, code in enumerate(Vocabulary.values)}
    terms = sorted(terms, key=lambda t: (order[t.vocabulary], t.family, t.position, t.pk))
    return [
        (str(labels[code]), list(group)) for code, group in groupby(terms, lambda t: t.vocabulary)
    ]


def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "vocabularies": _grouped(list(Term.objects.all())),
        "current": TaxonomyVersion.objects.current(),
        "can_edit": can_edit_taxonomy(request.user),
    }
    return render(request, "taxonomy/index.html", context)


def term_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_edit_taxonomy(request.user):
        raise PermissionDenied
    form = TermForm(
        posted(request),
        initial={"vocabulary": request.GET.get("vocabulary")},
    )
    if request.method == "POST" and form.is_valid():
        version = actions.save_term(
            form.instance, by=request.user, expected_version=0, **form.cleaned_data
        )
        messages.success(
            request, _("Term added; taxonomy version %(number)s.") % {"number": version.number}
        )
        return redirect("taxonomy:index")
    status = 400 if form.is_bound else 200
    return render(request, "taxonomy/term_form.html", {"form": form}, status=status)


def term_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    term = Term.objects.filter(pk=pk).first()
    if term is None:
        not_found(request, "term", pk)
    if not can_edit_taxonomy(request.user):
        raise PermissionDenied
    form = TermForm(posted(request), instance=term)
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data.pop("version") or 0
        try:
            version = actions.save_term(
                term, by=request.user, expected_version=expected, **form.cleaned_data
            )
        except actions.StaleEdit:
            form.add_error(
                None,
                _(
                    "Someone changed this term while you were editing it. "
                    "Reload the page to see their change."
                ),
            )
            return render(
                request, "taxonomy/term_form.html", {"form": form, "term": term}, status=409
            )
        messages.success(
            request, _("Term saved; taxonomy version %(number)s.") % {"number": version.number}
        )
        return redirect("taxonomy:index")
    status = 400 if form.is_bound else 200
    return render(request, "taxonomy/term_form.html", {"form": form, "term": term}, status=status)


def versions(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {"versions": TaxonomyVersion.objects.select_related("created_by").defer("snapshot")}
    return render(request, "taxonomy/versions.html", context)


def version(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    found = TaxonomyVersion.objects.filter(number=number).select_related("created_by").first()
    if found is None:
        not_found(request, "taxonomy_version", number)
    labels = dict(Vocabulary.choices)
    entries = [
        {**entry, "vocabulary_label": labels.get(entry["vocabulary"], "")}
        for entry in found.snapshot
    ]
    return render(request, "taxonomy/version.html", {"version": found, "entries": entries})
