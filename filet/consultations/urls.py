from django.urls import path

from filet.consultations import views

app_name = "consultations"

urlpatterns = [
    path("", views.inbox_view, name="inbox"),
    path("demander/", views.ask, name="ask"),
    path("chiffres/", views.counts, name="counts"),
    path("faq/", views.faq_queue, name="faq_queue"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/accepter/", views.accept, name="accept"),
    path("<int:pk>/repondre/", views.answer, name="answer"),
    path("<int:pk>/demander-precisions/", views.ask_back, name="ask_back"),
    path("<int:pk>/preciser/", views.reply, name="reply"),
    path("<int:pk>/rediriger/", views.redirect_view, name="redirect"),
    path("<int:pk>/escalader/", views.escalate, name="escalate"),
    path("<int:pk>/evaluer/", views.rate, name="rate"),
    path("<int:pk>/retirer/", views.withdraw, name="withdraw"),
    path("<int:pk>/proposer-faq/", views.propose_faq, name="propose_faq"),
    path("<int:pk>/faq/", views.faq_review, name="faq_review"),
]
