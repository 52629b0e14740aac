"""The matrix of zones of contribution: stages and cells of the working draft (read,
everyone); one cell (write: the coordinator, or the row's representative, as on the page)."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from filet.api.forms import valid
from filet.api.problems import Conflict
from filet.matrix import actions, permissions
from filet.matrix.forms import CellForm
from filet.matrix.models import Cell, Stage, matrix_organisations


class StageSerializer(serializers.ModelSerializer[Stage]):
    class Meta:
        model = Stage
        fields = ["id", "code", "label_fr", "label_en", "definition_fr", "definition_en", "order"]


class CellSerializer(serializers.ModelSerializer[Cell]):
    class Meta:
        model = Cell
        fields = [
            "id",
            "organisation",
            "stage",
            "responsibility",
            "description_fr",
            "description_en",
            "mandate",
            "revision",
            "updated_at",
        ]


class CellChangeSerializer(serializers.Serializer[Any]):
    organisation = serializers.IntegerField()
    stage = serializers.IntegerField()
    responsibility = serializers.CharField(allow_blank=True)
    description_fr = serializers.CharField(required=False, allow_blank=True)
    description_en = serializers.CharField(required=False, allow_blank=True)
    mandate = serializers.CharField(required=False, allow_blank=True)
    revision = serializers.IntegerField(min_value=0)


class StageViewSet(viewsets.ReadOnlyModelViewSet[Stage]):
    """The active stages of the continuum (the matrix's columns)."""

    lookup_value_converter = "int"
    serializer_class = StageSerializer
    ordering_fields = ["order", "id"]
    ordering = ["order", "id"]

    def get_queryset(self) -> QuerySet[Stage]:
        return Stage.objects.active()


class CellViewSet(viewsets.GenericViewSet[Cell], mixins.ListModelMixin):
    """The cells of the working draft; an empty cell is absent."""

    lookup_value_converter = "int"
    serializer_class = CellSerializer
    filter_fields = {"organisation": ("organisation_id", int), "stage": ("stage_id", int)}
    ordering_fields = ["id", "organisation", "stage", "updated_at"]
    ordering = ["organisation_id", "stage__order", "id"]

    def get_queryset(self) -> QuerySet[Cell]:
        return Cell.objects.in_matrix()


class CellWrite(APIView):
    """Write one cell of the working draft (an empty responsibility clears it). `revision`
    is the one read (0 for an empty cell); 409 if someone changed it since."""

    @extend_schema(request=CellChangeSerializer, responses={200: CellSerializer, 204: None})
    def put(self, request: Request) -> Response:
        body = CellChangeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        organisation = matrix_organisations().filter(pk=body.validated_data["organisation"]).first()
        stage = Stage.objects.active().filter(pk=body.validated_data["stage"]).first()
        if organisation is None or stage is None:
            raise NotFound
        if not permissions.can_edit_row(request.user, organisation):
            raise PermissionDenied
        cleaned = valid(CellForm(body.validated_data))
        try:
            cell = actions.set_cell(organisation, stage, by=request.user, **cleaned)
        except actions.StaleEdit:
            raise Conflict(_("Someone changed this cell while you were editing it.")) from None
        if cell is None:
            return Response(status=204)
        return Response(CellSerializer(cell).data)
