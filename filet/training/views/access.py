"""One helper per main object: what may not be seen answers 404, a reader who tries to
write gets 403."""

from django.core.exceptions import PermissionDenied
from django.http import QueryDict

from filet.lib.access import not_found
from filet.lib.http import AuthenticatedHttpRequest
from filet.training import actions, permissions
from filet.training.models import Completion, CompletionStatus, Module, Session


def get_module_for_user(
    request: AuthenticatedHttpRequest, pk: int, *, write: bool = False
) -> Module:
    """Modules are Table-wide: every signed-in person reads them; the coordinator writes."""
    module = Module.objects.filter(pk=pk).first()
    if module is None:
        not_found(request, "training_module", pk)
    if write and not permissions.can_manage(request.user):
        raise PermissionDenied
    return module


def get_session_for_user(
    request: AuthenticatedHttpRequest, pk: int, *, write: bool = False
) -> Session:
    session = Session.objects.select_related("version__module").filter(pk=pk).first()
    if session is None:
        not_found(request, "training_session", pk)
    if write and not permissions.can_manage(request.user):
        raise PermissionDenied
    return session


def get_declaration_for_user(request: AuthenticatedHttpRequest, pk: int) -> Completion:
    """A pending declaration, for its person's representative or the coordinator only."""
    completion = (
        Completion.objects.select_related("user", "version__module")
        .filter(pk=pk, status=CompletionStatus.PENDING)
        .first()
    )
    if completion is None or not permissions.can_review(
        request.user, completion, actions.organisations_of(completion.user)
    ):
        not_found(request, "training_completion", pk)
    return completion


def base_url(request: AuthenticatedHttpRequest) -> str:
    return request.build_absolute_uri("/")


def form_data(request: AuthenticatedHttpRequest) -> QueryDict | None:
    """The POST data, bound even when empty (an empty form must come back with its errors)."""
    return request.POST if request.method == "POST" else None
