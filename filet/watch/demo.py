"""Demo watch: a dozen fictional but plausible items over the last three months, in both
languages, and a published bulletin for last month (no e-mail sent)."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from filet.accounts.models import User
from filet.taxonomy.models import Term, Vocabulary
from filet.watch import actions
from filet.watch.models import BulletinRead, WatchKind

K = WatchKind
# days ago, author, kind, title FR, summary FR, title EN, summary EN, platforms, tags, source
ITEMS: list[tuple[Any, ...]] = [
    (
        4,
        "pivot.dpj",
        K.NEW_PLATFORM,
        "Recrutement par une application de rencontres pour adolescents",
        "Trois milieux rapportent des premiers contacts par une application de rencontres "
        "présentée comme réservée aux 13-17 ans, puis un passage rapide vers une messagerie "
        "chiffrée.",
        "",
        "",
        ["dating-apps", "messaging-apps"],
        "nouvelle tendance",
        "Observations des pivots",
        "",
    ),
    (
        9,
        "coordination",
        K.LEGAL,
        "Décision de la Cour du Québec sur le leurre informatique",
        "La Cour rappelle que l'offre de cadeaux en ligne à une adolescente constitue un élément "
        "du leurre, même sans rencontre. Résumé préparé pour les pivots.",
        "Court of Québec decision on online luring",
        "The court recalls that offering gifts online to a teenager is part of luring, even "
        "without a meeting. Summary prepared for pivots.",
        [],
        "jurisprudence, leurre",
        "Société québécoise d'information juridique",
        "https://soquij.qc.ca/",
    ),
    (
        15,
        "coordination",
        K.RESEARCH,
        "Rapport de recherche : l'âge d'entrée dans l'exploitation",
        "Une synthèse de recherche confirme un âge moyen d'entrée de 14 à 15 ans et le rôle "
        "croissant des réseaux sociaux dans le recrutement.",
        "Research report: age of entry into exploitation",
        "A research synthesis confirms an average age of entry of 14 to 15 and the growing role "
        "of social media in recruitment.",
        ["instagram", "snapchat"],
        "recherche",
        "Centre de recherche Enfance et Famille",
        "https://example.org/rapport-entree",
    ),
    (
        22,
        "pivot.central",
        K.NEWS,
        "",
        "",
        "Awareness week in English schools",
        "The English school board runs an awareness week on online sextortion in its secondary "
        "schools, with material adapted from the Table's kit.",
        [],
        "sensibilisation",
        "Central Capitale School Board",
        "",
    ),
    (
        30,
        "pivot.dpj",
        K.NEW_PLATFORM,
        "Jeux en ligne : sollicitations par les clavardages intégrés",
        "Des jeunes rapportent des sollicitations par les clavardages de jeux en ligne, avec des "
        "offres de monnaie virtuelle.",
        "Online games: solicitation through in-game chat",
        "Youths report solicitation through in-game chat, with offers of virtual currency.",
        ["gaming-platforms"],
        "jeux, monnaie virtuelle",
        "Observations des pivots",
        "",
    ),
    (
        38,
        "coordination",
        K.LEGAL,
        "Modification réglementaire sur l'anonymisation",
        "Le règlement sur l'anonymisation précise les trois critères à respecter pour les "
        "statistiques publiées par la Table.",
        "",
        "",
        [],
        "vie privée",
        "Gazette officielle du Québec",
        "https://www.publicationsduquebec.gouv.qc.ca/",
    ),
    (
        45,
        "pivot.central",
        K.RESEARCH,
        "",
        "",
        "Survey on sextortion among secondary students",
        "A provincial survey finds that one student in ten received a sextortion threat; few "
        "told an adult.",
        ["snapchat"],
        "sextorsion",
        "Public health survey",
        "",
    ),
    (
        52,
        "coordination",
        K.NEWS,
        "Campagne provinciale de sensibilisation",
        "Le ministère lance une campagne destinée aux parents sur les signes de recrutement.",
        "Provincial awareness campaign",
        "The ministry launches a campaign for parents on the signs of recruitment.",
        [],
        "campagne, parents",
        "Gouvernement du Québec",
        "https://www.quebec.ca/",
    ),
    (
        60,
        "pivot.dpj",
        K.OTHER,
        "Hausse des fugues signalées en fin d'été",
        "Plusieurs milieux notent plus de fugues à la fin de l'été, souvent liées à des fêtes "
        "privées.",
        "",
        "",
        [],
        "fugues",
        "Observations des pivots",
        "",
    ),
    (
        68,
        "coordination",
        K.RESEARCH,
        "Guide de pratique : repérage en milieu scolaire",
        "Un guide de pratique fondé sur des données probantes pour le personnel scolaire.",
        "Practice guide: screening in schools",
        "An evidence-based practice guide for school staff.",
        [],
        "école, repérage",
        "Institut national de santé publique",
        "https://www.inspq.qc.ca/",
    ),
    (
        75,
        "pivot.central",
        K.NEW_PLATFORM,
        "",
        "",
        "Subscription-content platforms used for self-advertising",
        "Street workers see youths pushed to sell content on subscription platforms.",
        ["subscription-content"],
        "auto-publicité",
        "Street-work observations",
        "",
    ),
    (
        84,
        "coordination",
        K.NEWS,
        "Table nationale : premier rapport d'étape",
        "La table nationale publie son premier rapport d'étape et un schéma commun d'indicateurs.",
        "National table: first progress report",
        "The national table publishes its first progress report and a shared indicator schema.",
        [],
        "table nationale",
        "Table nationale",
        "",
    ),
]


def _email(local: str) -> str:
    return f"{local}@filet.example"


def load(organisations: dict[str, Any], *, coordinator: User) -> None:
    today = timezone.localdate()
    people = {u.email: u for u in User.objects.filter(email__endswith="@filet.example")}
    platforms = {t.code: t for t in Term.objects.filter(vocabulary=Vocabulary.PLATFORM)}
    for (
        days,
        local,
        kind,
        title_fr,
        summary_fr,
        title_en,
        summary_en,
        codes,
        tags,
        name,
        url,
    ) in ITEMS:
        author = people.get(_email(local), coordinator)
        data = {
            "kind": kind,
            "title_fr": title_fr,
            "summary_fr": summary_fr,
            "title_en": title_en,
            "summary_en": summary_en,
            "keywords": tags,
            "source_name": name,
            "source_url": url,
            "published_on": today - timedelta(days=days),
        }
        terms = [platforms[code] for code in codes if code in platforms]
        actions.post_item(by=author, data=data, terms=terms)
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    bulletin = actions.publish_bulletin(last_month, by=coordinator)
    reader = people.get(_email("pivot.dpj"))
    if reader is not None:
        BulletinRead.objects.get_or_create(bulletin=bulletin, person=reader)
