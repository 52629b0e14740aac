"""The directory: partners with their profiles and services (read, everyone); a profile's
fields (write, as on the profile page: its representative or the coordinator)."""

from functools import cached_property
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from filet.api.forms import merged, valid
from filet.api.problems import Conflict
from filet.directory import actions, permissions
from filet.directory.forms import ProfileForm
from filet.directory.models import Location, Profile, Service
from filet.directory.snapshots import PROFILE_FIELDS
from filet.organisations.models import Organisation


class ServiceSerializer(serializers.ModelSerializer[Service]):
    class Meta:
        model = Service
        fields = [
            "id",
            "organisation",
            "name_fr",
            "name_en",
            "description_fr",
            "description_en",
            "eligibility_fr",
            "eligibility_en",
            "referral_fr",
            "referral_en",
            "hours_fr",
            "hours_en",
            "languages",
        ]


class LocationSerializer(serializers.ModelSerializer[Location]):
    class Meta:
        model = Location
        fields = [
            "id",
            "name_fr",
            "name_en",
            "address_1",
            "address_2",
            "city",
            "province",
            "postal_code",
            "is_confidential",
        ]


class ProfileSerializer(serializers.ModelSerializer[Profile]):
    territories = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Profile
        fields = ["revision", *PROFILE_FIELDS, "territories", "updated_at"]


class ProfileChangeSerializer(serializers.Serializer[Any]):
    """Documents the PATCH body: the revision read, and any profile field to change."""

    revision = serializers.IntegerField()
    mission_fr = serializers.CharField(required=False, allow_blank=True)
    mission_en = serializers.CharField(required=False, allow_blank=True)


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    profile = serializers.SerializerMethodField()
    services = ServiceSerializer(many=True, read_only=True)
    locations = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = ["id", "name_fr", "name_en", "acronym", "type", "profile", "services", "locations"]

    # One nested serializer per list, not per row: DRF builds a ModelSerializer's fields
    # from the model each time one is made, which cost more than the rows themselves.
    @cached_property
    def _profile(self) -> ProfileSerializer:
        return ProfileSerializer()

    @cached_property
    def _location(self) -> LocationSerializer:
        return LocationSerializer()

    @extend_schema_field(ProfileSerializer(allow_null=True))
    def get_profile(self, organisation: Organisation) -> dict[str, Any] | None:
        profile = getattr(organisation, "profile", None)
        return self._profile.to_representation(profile) if profile is not None else None

    @extend_schema_field(LocationSerializer(many=True))
    def get_locations(self, organisation: Organisation) -> list[dict[str, Any]]:
        # Confidential addresses: the organisation's own people only, as on the page.
        user = self.context["request"].user
        own = permissions.can_see_confidential(user, organisation)
        return [
            self._location.to_representation(location)
            for location in organisation.locations.all()
            if own or not location.is_confidential
        ]


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet[Organisation]):
    """Active partners, as in the directory."""

    lookup_value_converter = "int"
    serializer_class = OrganisationSerializer
    filter_fields = {"type": ("type", str)}
    ordering_fields = ["id", "name_fr", "acronym"]
    ordering = ["name_fr", "id"]

    def get_queryset(self) -> QuerySet[Organisation]:
        return (
            Organisation.objects.active()
            .select_related("profile")
            .prefetch_related("services", "locations", "profile__territories")
        )

    @extend_schema(request=ProfileChangeSerializer, responses=ProfileSerializer)
    @action(detail=True, methods=["patch"], url_path="profile")
    def profile(self, request: Request, pk: str) -> Response:
        """Change the profile's fields; `revision` is the one read (409 if it moved)."""
        organisation = self.get_object()
        if not permissions.can_edit_profile(request.user, organisation):
            raise PermissionDenied
        profile = actions.profile_for(organisation)
        current = {name: getattr(profile, name) for name in PROFILE_FIELDS}
        data = merged(current, request.data)
        if "revision" not in data:
            raise ValidationError({"revision": [_("This field is required.")]})
        # Territories are chosen on the page; the API keeps them as they are.
        data["territories"] = (
            list(profile.territories.values_list("pk", flat=True)) if profile.pk else []
        )
        cleaned = valid(ProfileForm(data, instance=profile))
        try:
            actions.save_profile(
                profile,
                by=request.user,
                organisation_fields={},
                territories=cleaned["territories"],
                expected_revision=cleaned.get("revision"),
                request=request._request,
            )
        except actions.StaleProfile:
            message = _("Someone else saved this profile meanwhile. Reload it, then redo.")
            raise Conflict(message) from None
        return Response(ProfileSerializer(profile).data)


class ServiceViewSet(viewsets.GenericViewSet[Service], mixins.ListModelMixin):
    """Every active partner's services."""

    lookup_value_converter = "int"
    serializer_class = ServiceSerializer
    filter_fields = {"organisation": ("organisation_id", int)}
    ordering_fields = ["id", "name_fr"]
    ordering = ["organisation_id", "id"]

    def get_queryset(self) -> QuerySet[Service]:
        return Service.objects.filter(organisation__is_active=True)
