"""The observatory: raw observations of the caller's own organisation (its pivots and
representative read them; pivots record), and the Table's trends with the same small-cell
suppression as the dashboard."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.relations import PKOnlyObject
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from filet.api.forms import valid
from filet.api.idempotency import idempotent
from filet.audit.actions import record
from filet.observatory import actions, permissions, stats
from filet.observatory.forms import GROUPS, ObservationForm, initial_for, load_terms
from filet.observatory.models import MAX_YOUTHS, Observation, ObservationTerm
from filet.observatory.query import parse_filters, table_bounds
from filet.taxonomy.models import Term


class TermIds(serializers.ManyRelatedField):
    """The observation's terms by id: from the context when a list read them for its whole
    page (`term_ids`), else from the observation."""

    def get_attribute(self, instance: Observation) -> Any:
        known = self.context.get("term_ids") or {}
        if instance.pk not in known:
            return super().get_attribute(instance)
        return [PKOnlyObject(pk) for pk in known[instance.pk]]


class ObservationSerializer(serializers.ModelSerializer[Observation]):
    terms = TermIds(
        child_relation=serializers.PrimaryKeyRelatedField(read_only=True), read_only=True
    )

    class Meta:
        model = Observation
        fields = [
            "id",
            "organisation",
            "month",
            "sector",
            "milieu",
            "source",
            "confidence",
            "youths",
            "terms",
            "note",
            "version",
            "created_at",
            "updated_at",
        ]


class ObservationInputSerializer(serializers.Serializer[Any]):
    """The page's form, as JSON: terms by id, the month as YYYY-MM."""

    month = serializers.RegexField(r"^\d{4}-\d{2}$")
    youths = serializers.IntegerField(min_value=1, max_value=MAX_YOUTHS)
    sector = serializers.IntegerField()
    milieu = serializers.IntegerField()
    source = serializers.IntegerField()
    confidence = serializers.IntegerField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    terms = serializers.ListField(child=serializers.IntegerField(), required=False)


def _form_data(body: dict[str, Any], terms: list[Any]) -> dict[str, Any]:
    """Spread the flat list of term ids over the form's checkbox groups."""
    by_id = {term.pk: term for term in terms}
    data = {key: value for key, value in body.items() if key != "terms"}
    for name, vocabulary, family, _label in GROUPS:
        data[name] = [
            pk
            for pk in body.get("terms", [])
            if pk in by_id
            and by_id[pk].vocabulary == vocabulary
            and (not family or by_id[pk].family == family)
        ]
    return data


def _term_ids(observations: list[Observation]) -> dict[int, list[int]]:
    """The page's terms by id, in the vocabularies' order, in one query: only the ids are
    answered, and building 400 terms cost more than the rest of the page."""
    found: dict[int, list[int]] = {observation.pk: [] for observation in observations}
    order = [f"term__{name}" for name in Term._meta.ordering]  # type: ignore[union-attr]
    rows = ObservationTerm.objects.filter(observation__in=found).order_by(*order)
    for observation_id, term_id in rows.values_list("observation_id", "term_id"):
        found[observation_id].append(term_id)
    return found


class ObservationViewSet(
    viewsets.GenericViewSet[Observation], mixins.ListModelMixin, mixins.RetrieveModelMixin
):
    """Observations of the caller's own organisations; nobody else's exist here."""

    lookup_value_converter = "int"
    serializer_class = ObservationSerializer
    filter_fields = {"organisation": ("organisation_id", int), "sector": ("sector_id", int)}
    ordering_fields = ["id", "month", "created_at"]
    ordering = ["-month", "-id"]

    def get_queryset(self) -> QuerySet[Observation]:
        ids = permissions.raw_organisation_ids(self.request.user)
        return Observation.objects.of_organisations(ids)

    def paginate_queryset(self, queryset: QuerySet[Observation]) -> list[Observation] | None:
        page = super().paginate_queryset(queryset)
        self.term_ids = _term_ids(page or [])
        return page

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "term_ids": getattr(self, "term_ids", {})}

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not permissions.raw_organisation_ids(request.user):
            raise NotFound
        response = super().list(request, *args, **kwargs)
        shown = response.data.get("results", []) if isinstance(response.data, dict) else []
        record(
            request.user,
            "observation.listed",
            None,
            request=request._request,
            page=request.query_params.get("page", "1")[:10],
            count=len(shown),
        )
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        observation = self.get_object()
        record(
            request.user,
            "observation.viewed",
            observation,
            organisation=observation.organisation,
            request=request._request,
        )
        return Response(self.get_serializer(observation).data)

    @extend_schema(request=ObservationInputSerializer, responses={201: ObservationSerializer})
    @idempotent
    def create(self, request: Request) -> Response:
        """Record an observation for the caller's organisation (pivots), as on the page."""
        if not permissions.can_record(request.user):
            raise PermissionDenied
        body = ObservationInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        terms = load_terms()
        initial = initial_for(terms)
        form = ObservationForm(_form_data(body.validated_data, terms), terms=terms, initial=initial)
        valid(form)
        organisation = permissions.recording_organisation(request.user)
        if organisation is None:  # a pivot always has one; be safe all the same
            raise PermissionDenied
        saved = actions.record_observations(
            [form.entry()], by=request.user, organisation=organisation
        )
        return Response(ObservationSerializer(saved[0]).data, status=201)


class SeriesSerializer(serializers.Serializer[Any]):
    term = serializers.IntegerField(source="term.pk", allow_null=True, default=None)
    label = serializers.CharField()
    values = serializers.ListField(child=serializers.IntegerField(allow_null=True))
    total = serializers.IntegerField(allow_null=True)
    previous = serializers.IntegerField(allow_null=True)


class TrendsSerializer(serializers.Serializer[Any]):
    k = serializers.IntegerField()
    measure = serializers.CharField()
    months = serializers.ListField(child=serializers.DateField())
    timeline = SeriesSerializer()
    by_category = SeriesSerializer(many=True)
    by_sector = SeriesSerializer(many=True)
    by_milieu = SeriesSerializer(many=True)
    hidden_cells = serializers.IntegerField()


class Trends(APIView):
    """The dashboard's aggregates, with the same filters; a suppressed count is null."""

    @extend_schema(
        parameters=[
            OpenApiParameter("start", str, description="YYYY-MM"),
            OpenApiParameter("end", str, description="YYYY-MM"),
            OpenApiParameter("vocabulary", str),
            OpenApiParameter("sector", int),
            OpenApiParameter("category", int),
            OpenApiParameter("measure", str, enum=[stats.YOUTHS, stats.OBSERVATIONS]),
        ],
        responses=TrendsSerializer,
    )
    def get(self, request: Request) -> Response:
        if not permissions.can_view_trends(request.user):
            raise NotFound
        _form, query, measure = parse_filters(request.query_params, *table_bounds(), None)
        return Response(TrendsSerializer(stats.build(query, measure=measure)).data)
