"""The API under /api/: data endpoints answer to a token (or the signed-in session of the
documentation page), the token pages and the documentation page are ordinary pages."""

from django.urls import URLPattern, URLResolver, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from filet.api import views
from filet.api.endpoints import directory, hsds, matrix, observatory, pivots, safety_net, table

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("organisations", directory.OrganisationViewSet, basename="organisation")
router.register("services", directory.ServiceViewSet, basename="service")
router.register("matrix/stages", matrix.StageViewSet, basename="stage")
router.register("matrix/cells", matrix.CellViewSet, basename="cell")
router.register("pivots/designations", pivots.DesignationViewSet, basename="designation")
router.register("observations", observatory.ObservationViewSet, basename="observation")
router.register("resources", table.ResourceViewSet, basename="resource")
router.register("meetings", table.MeetingViewSet, basename="meeting")
router.register("plan/actions", table.ActionViewSet, basename="plan_action")
router.register("training/modules", table.ModuleViewSet, basename="training_module")
router.register("training/sessions", table.SessionViewSet, basename="training_session")
router.register("situations", safety_net.SituationViewSet, basename="situation")
router.register("consultations", safety_net.ConsultationViewSet, basename="consultation")

# DRF marks its views login_not_required: authentication is the API's own (a token or the
# session), answered with 401 rather than a redirect to the login page.
data_urls: list[URLPattern | URLResolver] = [
    *router.urls,
    path("matrix/cell/", matrix.CellWrite.as_view(), name="cell_write"),
    path("pivots/who-to-call/", pivots.WhoToCall.as_view(), name="who_to_call"),
    path("observatory/trends/", observatory.Trends.as_view(), name="trends"),
    path("hsds/", hsds.Root.as_view(), name="hsds_root"),
    path("hsds/organizations", hsds.Organizations.as_view(), name="hsds_organizations"),
    path(
        "hsds/organizations/<str:id>", hsds.OrganizationDetail.as_view(), name="hsds_organization"
    ),
    path("hsds/services", hsds.Services.as_view(), name="hsds_services"),
    path("hsds/services/<str:id>", hsds.ServiceDetail.as_view(), name="hsds_service"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
urlpatterns = [
    *data_urls,
    path("docs/", views.documentation, name="docs"),
    path("jetons/", views.tokens, name="tokens"),
    path("jetons/creer/", views.token_create, name="token_create"),
    path("jetons/<int:pk>/revoquer/", views.token_revoke, name="token_revoke"),
]
