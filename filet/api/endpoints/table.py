"""The Table's shared work: the library, meetings, the action plan and training. Each list
is what the matching page shows the caller; anything else answers 404."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from filet.api.forms import valid
from filet.api.idempotency import idempotent
from filet.api.problems import Conflict
from filet.meetings import permissions as meetings
from filet.meetings.models import Meeting
from filet.plans import actions as plan_actions
from filet.plans import permissions as plans
from filet.plans.forms import ProgressForm
from filet.plans.models import Action, ActionStatus
from filet.resources import permissions as resources
from filet.resources.models import Resource
from filet.training import actions as training_actions
from filet.training import permissions as training
from filet.training.models import Module, Registration, Session


class ResourceSerializer(serializers.ModelSerializer[Resource]):
    class Meta:
        model = Resource
        fields = [
            "id",
            "title",
            "description",
            "language",
            "kind",
            "audience",
            "stage",
            "keywords",
            "visibility",
            "organisation",
            "file_name",
            "size",
            "created_at",
            "updated_at",
        ]


class ResourceViewSet(viewsets.ReadOnlyModelViewSet[Resource]):
    """The library: Table-wide resources and those of the caller's organisations."""

    lookup_value_converter = "int"
    serializer_class = ResourceSerializer
    filter_fields = {
        "language": ("language", str),
        "kind": ("kind", str),
        "audience": ("audience", str),
        "stage": ("stage_id", int),
    }
    ordering_fields = ["id", "title", "created_at"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self) -> QuerySet[Resource]:
        if not resources.can_read(self.request.user):
            raise NotFound
        return Resource.objects.visible_to(self.request.user)


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    class Meta:
        model = Meeting
        fields = ["id", "title", "starts_at", "ends_at", "place", "video_link", "cancelled_at"]


class MeetingViewSet(viewsets.ReadOnlyModelViewSet[Meeting]):
    """The Table's meetings: for people of organisations seated at the Table; a person
    invited by name sees the meetings they are invited to."""

    lookup_value_converter = "int"
    serializer_class = MeetingSerializer
    ordering_fields = ["id", "starts_at"]
    ordering = ["-starts_at", "-id"]

    def get_queryset(self) -> QuerySet[Meeting]:
        user = self.request.user
        if meetings.can_read_meetings(user):
            return Meeting.objects.all()
        return Meeting.objects.filter(invitations__person=user).distinct()


class ActionSerializer(serializers.ModelSerializer[Action]):
    plan = serializers.IntegerField(source="objective.plan_id", read_only=True)
    responsible = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    partners = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "plan",
            "objective",
            "code",
            "title_fr",
            "title_en",
            "responsible",
            "partners",
            "starts_on",
            "due_on",
            "status",
            "progress",
            "weight",
            "version",
            "updated_at",
        ]


class ProgressSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    progress = serializers.IntegerField(min_value=0, max_value=100)
    note = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField()


class ActionViewSet(viewsets.ReadOnlyModelViewSet[Action]):
    """The action plan's actions, for people of organisations seated at the Table."""

    lookup_value_converter = "int"
    serializer_class = ActionSerializer
    filter_fields = {
        "plan": ("objective__plan_id", int),
        "status": ("status", str),
        "responsible": ("responsible", int),
    }
    ordering_fields = ["id", "due_on", "progress", "code"]
    ordering = ["objective__plan_id", "objective__position", "code", "id"]

    def get_queryset(self) -> QuerySet[Action]:
        if not plans.can_read_plans(self.request.user):
            raise NotFound
        return Action.objects.select_related("objective").prefetch_related(
            "responsible", "partners"
        )

    @extend_schema(request=ProgressSerializer, responses={200: ActionSerializer})
    @action(detail=True, methods=["post"])
    @idempotent
    def progress(self, request: Request, pk: str) -> Response:
        """Report status and progress, as the action's page does: the coordinator or a
        representative of a responsible organisation; `version` is the one read (409)."""
        item = self.get_object()
        if not plans.can_update_action(request.user, item):
            raise PermissionDenied
        cleaned = valid(ProgressForm(request.data))
        try:
            updated = plan_actions.update_progress(item, by=request.user, **cleaned)
        except plan_actions.StaleEdit:
            message = _("Someone updated this action while you were editing it.")
            raise Conflict(message) from None
        return Response(ActionSerializer(updated).data)


class ModuleSerializer(serializers.ModelSerializer[Module]):
    class Meta:
        model = Module
        fields = [
            "id",
            "title_fr",
            "title_en",
            "description_fr",
            "description_en",
            "audience_fr",
            "audience_en",
            "objectives_fr",
            "objectives_en",
            "duration_minutes",
        ]


class ModuleViewSet(viewsets.ReadOnlyModelViewSet[Module]):
    """The training catalogue (modules offered)."""

    lookup_value_converter = "int"
    serializer_class = ModuleSerializer
    ordering_fields = ["id", "title_fr"]
    ordering = ["title_fr", "id"]

    def get_queryset(self) -> QuerySet[Module]:
        return Module.objects.filter(is_active=True)


class SessionSerializer(serializers.ModelSerializer[Session]):
    module = serializers.IntegerField(source="version.module_id", read_only=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "module",
            "starts_at",
            "ends_at",
            "mode",
            "place",
            "capacity",
            "cancelled_at",
        ]


class RegistrationSerializer(serializers.ModelSerializer[Registration]):
    class Meta:
        model = Registration
        fields = ["id", "session", "status", "registered_at"]


class SessionViewSet(viewsets.ReadOnlyModelViewSet[Session]):
    """Training sessions; a member registers (a seat, else the waiting list)."""

    lookup_value_converter = "int"
    serializer_class = SessionSerializer
    filter_fields = {"module": ("version__module_id", int)}
    ordering_fields = ["id", "starts_at"]
    ordering = ["starts_at", "id"]

    def get_queryset(self) -> QuerySet[Session]:
        return Session.objects.select_related("version")

    @extend_schema(request=None, responses={201: RegistrationSerializer})
    @action(detail=True, methods=["post"])
    @idempotent
    def register(self, request: Request, pk: str) -> Response:
        """Register the token's owner, as the session's page does; registering twice
        returns the same registration."""
        session = self.get_object()
        if not training.can_register(request.user):
            raise PermissionDenied
        try:
            registration = training_actions.register(
                session, user=request.user, base_url=settings.SITE_URL
            )
        except training_actions.SessionClosed:
            raise Conflict(_("This session is over or cancelled.")) from None
        return Response(RegistrationSerializer(registration).data, status=201)
