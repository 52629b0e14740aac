"""The safety net, for those who take part only: situations and consultations the caller
needs to know about (the same `visible_to` as the pages), read-only, audited as read."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from filet.audit.actions import record
from filet.consultations import actions as consultation_actions
from filet.consultations.models import Consultation
from filet.situations import permissions as situations
from filet.situations.models import Participant, Situation


class ParticipantSerializer(serializers.ModelSerializer[Participant]):
    class Meta:
        model = Participant
        fields = ["organisation", "status"]


class SituationSerializer(serializers.ModelSerializer[Situation]):
    participants = ParticipantSerializer(many=True, read_only=True)

    class Meta:
        model = Situation
        fields = [
            "code",
            "status",
            "organisation",
            "lead_organisation",
            "age_band",
            "gender",
            "sector",
            "milieu_type",
            "dpj_report",
            "summary",
            "next_review_on",
            "opened_at",
            "updated_at",
            "closed_at",
            "participants",
        ]


class SituationViewSet(viewsets.ReadOnlyModelViewSet[Situation]):
    """Situations the caller was invited to, or that their organisation takes part in as
    they represent it; nobody else's exist here."""

    serializer_class = SituationSerializer
    lookup_field = "code"
    # A slug, as the pages' <slug:code>: anything else (a NUL byte above all, which PostgreSQL
    # refuses in text) cannot be a code, and the URL does not match: 404.
    lookup_value_converter = "slug"
    filter_fields = {"status": ("status", str)}
    ordering_fields = ["opened_at", "next_review_on"]
    ordering = ["-opened_at", "-pk"]

    def get_queryset(self) -> QuerySet[Situation]:
        participants = Prefetch("participants", queryset=Participant.objects.order_by("pk"))
        return Situation.objects.visible_to(self.request.user).prefetch_related(participants)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not situations.uses_net(request.user):
            raise NotFound
        response = super().list(request, *args, **kwargs)
        page = request.query_params.get("page", "1")[:10]
        record(request.user, "situation.listed", request=request._request, page=page)
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        situation = self.get_object()
        record(
            request.user,
            "situation.viewed",
            situation,
            organisation=situation.organisation,
            request=request._request,
        )
        return Response(self.get_serializer(situation).data)


class ConsultationSerializer(serializers.ModelSerializer[Consultation]):
    class Meta:
        model = Consultation
        fields = [
            "id",
            "reference",
            "requester_organisation",
            "organisation",
            "territory",
            "stage",
            "topic",
            "language",
            "urgency",
            "question",
            "status",
            "due_at",
            "created_at",
            "answered_at",
            "closed_at",
        ]


class ConsultationViewSet(viewsets.ReadOnlyModelViewSet[Consultation]):
    """Consultations the caller asked, was routed, or represents the organisation of."""

    serializer_class = ConsultationSerializer
    lookup_value_converter = "int"
    filter_fields = {"status": ("status", str)}
    ordering_fields = ["id", "created_at", "due_at"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self) -> QuerySet[Consultation]:
        return Consultation.objects.visible_to(self.request.user)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        results = response.data.get("results", []) if isinstance(response.data, dict) else []
        listed = [item["id"] for item in results]
        record(
            request.user,
            "consultation.inbox_viewed",
            request=request._request,
            consultations=listed,
        )
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        consultation = self.get_object()
        consultation_actions.record_view(consultation, by=request.user, request=request._request)
        return Response(self.get_serializer(consultation).data)
