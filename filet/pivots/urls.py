from django.urls import path

from filet.pivots import views

app_name = "pivots"

urlpatterns = [
    path("", views.board_view, name="board"),
    path("qui-appeler/", views.who_to_call, name="who_to_call"),
    path("milieu/<int:pk>/carte/", views.card, name="card"),
    path("organisation/<int:pk>/designer/", views.designate, name="designate"),
    path("organisation/<int:pk>/milieux/", views.milieux, name="milieux"),
    path("designation/<int:pk>/", views.designation_detail, name="designation"),
    path("designation/<int:pk>/modifier/", views.designation_edit, name="designation_edit"),
    path("designation/<int:pk>/confirmer/", views.designation_confirm, name="designation_confirm"),
    path("designation/<int:pk>/retirer/", views.designation_withdraw, name="designation_withdraw"),
    path("designation/<int:pk>/absence/", views.absence_add, name="absence_add"),
    path("mandat/", views.mandate, name="mandate"),
    path("mandat/version/<int:number>/", views.mandate_version, name="mandate_version"),
    path("mandat/comparer/", views.mandate_compare, name="mandate_compare"),
    path("mandat/adopter/", views.mandate_adopt, name="mandate_adopt"),
    path("mandat/accuser-reception/", views.mandate_acknowledge, name="mandate_acknowledge"),
    path("journal/", views.journal, name="journal"),
    path("journal/nouvelle-activite/", views.activity_create, name="activity_create"),
    path("rapport/", views.table_report, name="table_report"),
    path("rapport/xlsx/", views.table_report_export, name="table_report_export"),
    path("rapport/<int:pk>/", views.report, name="report"),
    path("rapport/<int:pk>/xlsx/", views.report_export, name="report_export"),
]
