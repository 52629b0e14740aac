"""Pivots: the designations in force (read, everyone who works in a partner, as on the
pages) and who to call (a query, ranked as on the page)."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from filet.api.forms import valid
from filet.pivots import permissions, search, whocache
from filet.pivots.forms import WhoToCallForm
from filet.pivots.models import Designation


class DesignationSerializer(serializers.ModelSerializer[Designation]):
    pivot_name = serializers.CharField(source="pivot.full_name", read_only=True)
    work_phone = serializers.SerializerMethodField()
    work_email = serializers.SerializerMethodField()
    stages = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    territories = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    milieux = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Designation
        fields = [
            "id",
            "organisation",
            "pivot_name",
            "work_phone",
            "work_email",
            "level",
            "stages",
            "territories",
            "milieux",
            "language_codes",
            "valid_from",
            "valid_until",
        ]

    def _contact(self, designation: Designation) -> Any:
        return getattr(designation.pivot, "pivot_contact", None)

    def get_work_phone(self, designation: Designation) -> str:
        contact = self._contact(designation)
        return contact.work_phone if contact else ""

    def get_work_email(self, designation: Designation) -> str:
        contact = self._contact(designation)
        return contact.work_email if contact else ""


class HitSerializer(serializers.Serializer[Any]):
    designation = DesignationSerializer()
    available = serializers.BooleanField()
    own = serializers.BooleanField()
    in_milieu = serializers.BooleanField()


class AnswerSerializer(serializers.Serializer[Any]):
    hits = HitSerializer(many=True)
    closest = HitSerializer(many=True)
    why = serializers.CharField()
    reason = serializers.CharField()
    fallback = serializers.SerializerMethodField()

    def get_fallback(self, answer: search.Answer) -> list[int]:
        return [organisation.pk for organisation in answer.fallback]


def _require_caller(request: Request) -> None:
    if request.user.is_authenticated and not permissions.can_call(request.user):
        raise NotFound


class DesignationViewSet(viewsets.ReadOnlyModelViewSet[Designation]):
    """Designations in force today."""

    lookup_value_converter = "int"
    serializer_class = DesignationSerializer
    filter_fields = {"organisation": ("organisation_id", int), "level": ("level", str)}
    ordering_fields = ["id", "valid_from", "valid_until"]
    ordering = ["organisation_id", "id"]

    def get_queryset(self) -> QuerySet[Designation]:
        _require_caller(self.request)
        return (
            Designation.objects.in_force()
            .select_related("pivot__pivot_contact")
            .prefetch_related("stages", "territories", "milieux")
        )


class WhoToCall(APIView):
    """Where (a milieu or a territory), for what (a stage or a topic), in which language:
    the pivots to call, ranked as on the page."""

    @extend_schema(
        parameters=[
            OpenApiParameter("milieu", int),
            OpenApiParameter("territory", int),
            OpenApiParameter("stage", int),
            OpenApiParameter("topic", str),
            OpenApiParameter("language", str, enum=["fr", "en"]),
        ],
        responses=AnswerSerializer,
    )
    def get(self, request: Request) -> Response:
        _require_caller(request)
        cleaned = valid(WhoToCallForm(request.query_params))
        answer = whocache.find(
            search.question_from(cleaned), organisation_ids=request.user.organisation_ids()
        )
        return Response(AnswerSerializer(answer).data)
