"""Fictional directory for the demo: profiles of the seed's 13 organisations, Québec City
sectors, the Table with its membership history (founders in 2007, two more in December
2009) and two working groups. Every name, address and number here is invented."""

from datetime import date
from typing import Any

from filet.accounts.models import User
from filet.directory import actions
from filet.directory.models import (
    ContactEmail,
    Location,
    Phone,
    PhoneKind,
    PrivacyRegime,
    Service,
    Table,
    Territory,
    TerritoryKind,
    WorkingGroup,
)
from filet.organisations.models import Organisation, OrganisationType

TERRITORIES = [
    ("capitale-nationale", "Capitale-Nationale", "Capitale-Nationale", TerritoryKind.REGION),
    ("chaudiere-appalaches", "Chaudière-Appalaches", "Chaudière-Appalaches", TerritoryKind.REGION),
    ("limoilou", "Limoilou", "Limoilou", TerritoryKind.SECTOR),
    ("saint-roch", "Saint-Roch", "Saint-Roch", TerritoryKind.SECTOR),
    ("sainte-foy", "Sainte-Foy", "Sainte-Foy", TerritoryKind.SECTOR),
    ("charlesbourg", "Charlesbourg", "Charlesbourg", TerritoryKind.SECTOR),
    ("beauport", "Beauport", "Beauport", TerritoryKind.SECTOR),
    ("vanier", "Vanier", "Vanier", TerritoryKind.SECTOR),
    ("haute-saint-charles", "Haute-Saint-Charles", "Haute-Saint-Charles", TerritoryKind.SECTOR),
    ("levis", "Lévis", "Lévis", TerritoryKind.SECTOR),
]
ALL_CITY = ["limoilou", "saint-roch", "sainte-foy", "charlesbourg", "beauport", "vanier"]

PUBLIC, PRIVATE, HEALTH = (
    PrivacyRegime.PUBLIC_BODIES,
    PrivacyRegime.PRIVATE_SECTOR,
    PrivacyRegime.HEALTH_SOCIAL,
)

# slug → profile fields, territories, services, locations (name, address, postal code,
# confidential), phones (number, kind, label fr, label en), e-mails (address, fr, en)
PROFILES: dict[str, dict[str, Any]] = {
    "table": {
        "privacy_regime": PRIVATE,
        "mission_fr": "Coordonner la Table régionale : animer les rencontres, tenir le plan "
        "d'action et soutenir la formation des intervenants pivots.",
        "mission_en": "Coordinate the regional Table: run meetings, keep the action plan and "
        "support the training of pivot workers.",
        "territories": ["capitale-nationale"],
        "services": [
            (
                "Formation des intervenants pivots",
                "Pivot worker training",
                "Formation de base sur l'exploitation sexuelle des mineurs et le rôle de pivot.",
                "Basic training on the sexual exploitation of minors and the pivot role.",
                ["fr", "en"],
            )
        ],
        "phones": [("418 555-0100", PhoneKind.VOICE, "Coordination", "Coordination")],
        "emails": [("coordination@table.example", "Coordination", "Coordination")],
    },
    "dpj": {
        "privacy_regime": HEALTH,
        "mission_fr": "Assurer la protection des enfants et des adolescents dont la sécurité ou "
        "le développement est compromis, dont ceux victimes d'exploitation sexuelle.",
        "mission_en": "Protect children and teenagers whose safety or development is "
        "compromised, including victims of sexual exploitation.",
        "culture_fr": "Toute situation commence par un signalement. Appelez-nous avant de "
        "conclure : la réception et le traitement des signalements conseillent aussi.",
        "culture_en": "Every situation starts with a report. Call us before concluding: the "
        "intake team also gives advice.",
        "mandates_fr": "Loi sur la protection de la jeunesse (art. 32, 38, 39).",
        "mandates_en": "Youth Protection Act (s. 32, 38, 39).",
        "may_share_fr": "Si un signalement est retenu ; les orientations générales.",
        "may_share_en": "Whether a report is retained; general orientations.",
        "may_not_share_fr": "Le contenu du dossier d'un jeune (art. 11.2 LPJ) sans autorisation.",
        "may_not_share_en": "The content of a youth's file (s. 11.2 YPA) without authorisation.",
        "escalation_fr": "Intervenant pivot → chef de service RTS → directeur adjoint.",
        "escalation_en": "Pivot worker → intake team manager → deputy director.",
        "territories": ["capitale-nationale", *ALL_CITY, "haute-saint-charles"],
        "services": [
            (
                "Réception et traitement des signalements",
                "Report intake",
                "Reçoit les signalements 24 heures sur 24, 7 jours sur 7.",
                "Receives reports 24 hours a day, 7 days a week.",
                ["fr", "en"],
            ),
            (
                "Équipe spécialisée en exploitation sexuelle",
                "Sexual exploitation team",
                "Évaluation et suivi des jeunes exploités ou à risque de l'être.",
                "Assessment and follow-up of youths exploited or at risk.",
                ["fr"],
            ),
        ],
        "locations": [("Siège", "2915, avenue du Bourg-Royal", "G1C 3S2", False)],
        "phones": [("418 555-0111", PhoneKind.HOTLINE, "Signalements", "Reports")],
        "emails": [],
        "privacy_officer": ("Louise Fortin", "rprp@dpj.example", "418 555-0119"),
    },
    "recherche": {
        "privacy_regime": PUBLIC,
        "mission_fr": "Produire et diffuser des connaissances sur la prévention de "
        "l'exploitation sexuelle et l'évaluation des pratiques.",
        "mission_en": "Produce and share knowledge on the prevention of sexual exploitation "
        "and on practice evaluation.",
        "territories": ["capitale-nationale"],
        "services": [
            (
                "Évaluation de programmes",
                "Program evaluation",
                "Accompagne les partenaires dans l'évaluation de leurs interventions.",
                "Helps partners evaluate their interventions.",
                ["fr", "en"],
            )
        ],
        "emails": [("cref@recherche.example", "Secrétariat", "Office")],
    },
    "police": {
        "privacy_regime": PUBLIC,
        "mission_fr": "Enquêter sur les crimes d'exploitation sexuelle et de proxénétisme et "
        "prévenir le recrutement des mineurs.",
        "mission_en": "Investigate sexual exploitation and procuring crimes and prevent the "
        "recruitment of minors.",
        "may_not_share_fr": "Les informations d'une enquête en cours.",
        "may_not_share_en": "Information about an ongoing investigation.",
        "territories": [*ALL_CITY, "haute-saint-charles"],
        "services": [
            (
                "Module exploitation sexuelle",
                "Sexual exploitation unit",
                "Enquêteurs spécialisés ; consultation confidentielle des intervenants.",
                "Specialised investigators; confidential consultation for workers.",
                ["fr", "en"],
            ),
            (
                "Prévention en milieu scolaire",
                "School prevention",
                "Ateliers de prévention dans les écoles secondaires.",
                "Prevention workshops in high schools.",
                ["fr"],
            ),
        ],
        "locations": [("Quartier général", "275, rue de la Maréchaussée", "G1K 5A1", False)],
        "phones": [("418 555-0120", PhoneKind.VOICE, "Module", "Unit")],
    },
    "passerelle": {
        "privacy_regime": PRIVATE,
        "mission_fr": "Accompagner les adolescentes et les jeunes femmes qui vivent ou ont vécu "
        "de l'exploitation sexuelle, sans jugement et à leur rythme.",
        "mission_en": "Support teenage girls and young women who live or lived sexual "
        "exploitation, without judgment and at their own pace.",
        "culture_fr": "Milieu communautaire : la jeune décide. Rien n'est transmis sans son "
        "consentement.",
        "culture_en": "Community setting: the young woman decides. Nothing is passed on "
        "without her consent.",
        "may_not_share_fr": "Aucune information identifiante sans consentement.",
        "may_not_share_en": "No identifying information without consent.",
        "territories": ["limoilou", "saint-roch", "vanier"],
        "services": [
            (
                "Hébergement d'urgence",
                "Emergency shelter",
                "Hébergement sécuritaire de courte durée pour les 14 à 21 ans.",
                "Safe short-term shelter for ages 14 to 21.",
                ["fr", "en", "es"],
            ),
            (
                "Accompagnement de sortie",
                "Exit support",
                "Suivi individuel pour quitter le milieu de l'exploitation.",
                "Individual support to leave exploitation.",
                ["fr"],
            ),
        ],
        "locations": [
            ("Bureau", "410, rue Saint-Vallier Est", "G1K 3P2", False),
            ("Maison d'hébergement", "88, rue des Jardins-Cachés", "G1L 9Z9", True),
        ],
        "phones": [("418 555-0130", PhoneKind.TEXT, "Texto jeunesse", "Youth text line")],
        "emails": [("accueil@passerelle.example", "Accueil", "Intake")],
        "privacy_officer": ("Chantal Roy", "rprp@passerelle.example", ""),
    },
    "ciusss": {
        "privacy_regime": HEALTH,
        "mission_fr": "Offrir les services de santé et les services sociaux de proximité, dont "
        "les services jeunesse et la santé sexuelle.",
        "mission_en": "Provide local health and social services, including youth services and "
        "sexual health.",
        "territories": ["capitale-nationale", *ALL_CITY],
        "services": [
            (
                "Clinique jeunesse",
                "Youth clinic",
                "Santé sexuelle, dépistage et contraception pour les 12 à 24 ans, sans "
                "rendez-vous.",
                "Sexual health, screening and contraception for ages 12 to 24, walk-in.",
                ["fr", "en"],
            )
        ],
        "locations": [("CLSC Limoilou", "1405, chemin de la Canardière", "G1J 0A7", False)],
        "phones": [("418 555-0140", PhoneKind.VOICE, "Accueil psychosocial", "Intake")],
    },
    "sante-publique": {
        "privacy_regime": HEALTH,
        "mission_fr": "Surveiller l'état de santé de la population et soutenir la prévention "
        "auprès des jeunes.",
        "mission_en": "Monitor the population's health and support prevention among youth.",
        "territories": ["capitale-nationale"],
        "services": [
            (
                "Programme de prévention des violences sexuelles",
                "Sexual violence prevention program",
                "Outils et formations pour les milieux scolaires et communautaires.",
                "Tools and training for schools and community settings.",
                ["fr"],
            )
        ],
    },
    "css-fleuve": {
        "privacy_regime": PUBLIC,
        "mission_fr": "Offrir l'enseignement primaire et secondaire en français dans l'ouest de "
        "la ville.",
        "mission_en": "Provide French-language primary and secondary education in the west of "
        "the city.",
        "territories": ["sainte-foy"],
        "services": [
            (
                "Intervenants pivots des écoles secondaires",
                "High school pivot workers",
                "Un pivot par école secondaire : repérage et orientation.",
                "One pivot per high school: detection and referral.",
                ["fr"],
            )
        ],
    },
    "css-haute-ville": {
        "privacy_regime": PUBLIC,
        "mission_fr": "Offrir l'enseignement en français au centre-ville et à Limoilou.",
        "mission_en": "Provide French-language education downtown and in Limoilou.",
        "territories": ["saint-roch", "limoilou"],
        "services": [],
    },
    "css-terres": {
        "privacy_regime": PUBLIC,
        "mission_fr": "Offrir l'enseignement en français dans le nord et l'est de la ville.",
        "mission_en": "Provide French-language education in the north and east of the city.",
        "territories": ["charlesbourg", "beauport", "haute-saint-charles"],
        "services": [],
    },
    "central": {
        "privacy_regime": PUBLIC,
        "mission_fr": "Offrir l'enseignement en anglais dans toute la région de Québec.",
        "mission_en": "Provide English-language education across the Québec City region.",
        "territories": ["capitale-nationale", "levis"],
        "services": [
            (
                "Services aux élèves",
                "Student services",
                "Psychoéducation et travail social dans les écoles anglophones.",
                "Psychoeducation and social work in English schools.",
                ["en", "fr"],
            )
        ],
        "emails": [("studentservices@central.example", "Services aux élèves", "Student services")],
    },
    "rue": {
        "privacy_regime": PRIVATE,
        "mission_fr": "Rejoindre les jeunes de 12 à 30 ans là où ils sont : rue, parcs, "
        "réseaux sociaux.",
        "mission_en": "Reach youths aged 12 to 30 where they are: street, parks, social media.",
        "culture_fr": "Présence, confiance, confidentialité. Nous ne transmettons rien sans "
        "l'accord du jeune.",
        "culture_en": "Presence, trust, confidentiality. We pass nothing on without the "
        "youth's agreement.",
        "territories": ["saint-roch", "vanier", "limoilou", "levis"],
        "services": [
            (
                "Travail de rue et de milieu",
                "Street and outreach work",
                "Présence dans les parcs, le transport et en ligne, de jour comme de soir.",
                "Presence in parks, transit and online, day and evening.",
                ["fr", "en"],
            )
        ],
        "phones": [("418 555-0150", PhoneKind.TEXT, "Texto", "Text")],
    },
    "victimes": {
        "privacy_regime": PRIVATE,
        "mission_fr": "Soutenir les victimes d'actes criminels et leurs proches, dont les "
        "jeunes victimes d'exploitation sexuelle, tout au long du processus judiciaire.",
        "mission_en": "Support victims of crime and their families, including young victims "
        "of sexual exploitation, throughout the judicial process.",
        "territories": ["capitale-nationale", "chaudiere-appalaches"],
        "services": [
            (
                "Accompagnement à la cour",
                "Court accompaniment",
                "Préparation au témoignage et accompagnement au palais de justice.",
                "Preparation to testify and accompaniment at the courthouse.",
                ["fr", "en"],
            )
        ],
    },
}

# slug, joined on, left on, note
SEATS = [
    ("dpj", date(2007, 3, 15), None, "membre fondateur"),
    ("recherche", date(2007, 3, 15), None, "membre fondateur"),
    ("police", date(2007, 3, 15), None, "membre fondateur"),
    ("passerelle", date(2007, 3, 15), None, "membre fondateur"),
    ("css-fleuve", date(2007, 3, 15), None, "membre fondateur"),
    ("css-haute-ville", date(2007, 3, 15), None, "membre fondateur"),
    ("css-terres", date(2007, 3, 15), None, "membre fondateur"),
    ("central", date(2009, 12, 3), None, ""),
    ("rue", date(2009, 12, 3), None, ""),
    ("ciusss", date(2015, 4, 1), None, "succède au CSSS de la Vieille-Capitale"),
    ("sante-publique", date(2016, 9, 1), None, ""),
    ("victimes", date(2018, 2, 1), None, ""),
]


def load(organisations: dict[str, Organisation]) -> None:
    """Fill the demo directory and the Table; called by seed_demo inside its transaction."""
    territories = {
        code: Territory.objects.create(code=code, name_fr=fr, name_en=en, kind=kind)
        for code, fr, en, kind in TERRITORIES
    }
    for slug, data in PROFILES.items():
        _profile(organisations[slug], data, territories)
    _table(organisations)


def _profile(
    organisation: Organisation, data: dict[str, Any], territories: dict[str, Territory]
) -> None:
    profile = actions.profile_for(organisation)
    for name, value in data.items():
        if name.endswith(("_fr", "_en")) or name == "privacy_regime":
            setattr(profile, name, value)
    profile.website = f"https://{organisation.acronym.lower()}.example"
    profile.email = f"info@{organisation.acronym.lower()}.example"
    officer = data.get("privacy_officer", ("", "", ""))
    profile.privacy_officer_name, profile.privacy_officer_email = officer[0], officer[1]
    profile.privacy_officer_phone = officer[2]
    for name_fr, name_en, text_fr, text_en, languages in data.get("services", []):
        Service.objects.create(
            organisation=organisation,
            name_fr=name_fr,
            name_en=name_en,
            description_fr=text_fr,
            description_en=text_en,
            referral_fr="Appeler la ligne principale ou écrire à l'adresse générale.",
            referral_en="Call the main line or write to the general address.",
            hours_fr="Lundi au vendredi, 8 h 30 à 16 h 30",
            hours_en="Monday to Friday, 8:30 a.m. to 4:30 p.m.",
            languages=languages,
        )
    for name, address, postal_code, confidential in data.get("locations", []):
        Location.objects.create(
            organisation=organisation,
            name_fr=name,
            address_1=address,
            city="Québec",
            postal_code=postal_code,
            is_confidential=confidential,
        )
    for number, kind, label_fr, label_en in data.get("phones", []):
        Phone.objects.create(
            organisation=organisation,
            number=number,
            kind=kind,
            label_fr=label_fr,
            label_en=label_en,
        )
    for address, label_fr, label_en in data.get("emails", []):
        ContactEmail.objects.create(
            organisation=organisation, address=address, label_fr=label_fr, label_en=label_en
        )
    chosen = [territories[code] for code in data.get("territories", [])]
    actions.save_profile(profile, by=None, organisation_fields={}, territories=chosen)


def _table(organisations: dict[str, Organisation]) -> None:
    table = Table(
        pk=1,
        name_fr="Table régionale sur l'exploitation sexuelle des mineurs — Capitale",
        name_en="Regional Table on the Sexual Exploitation of Minors — Capitale",
        mission_fr="Tisser un filet de sécurité autour des jeunes vulnérables : on "
        "n'intervient pas seul. Définir les zones de contribution de chaque partenaire, "
        "formaliser les pratiques et adopter un plan d'action.",
        mission_en="Weave a safety net around vulnerable youths: nobody intervenes alone. "
        "Define each partner's zones of contribution, formalise practices and adopt an "
        "action plan.",
        territory_fr="Ville de Québec et Capitale-Nationale",
        territory_en="Québec City and the Capitale-Nationale region",
        founded_on=date(2007, 3, 15),
    )
    actions.update_table(table, by=None)
    # The health and social services centre merged into the CIUSSS in 2015: its seat is
    # kept as history, under an organisation that is no longer active.
    former = Organisation.objects.create(
        name_fr="CSSS de la Vieille-Capitale",
        name_en="Vieille-Capitale Health and Social Services Centre",
        acronym="CSSS-VC",
        type=OrganisationType.HEALTH_SOCIAL,
        is_active=False,
    )
    seat = actions.add_table_member(
        former, by=None, joined_on=date(2007, 3, 15), note="membre fondateur"
    )
    actions.end_table_membership(seat, by=None, left_on=date(2015, 3, 31))
    for slug, joined_on, _left_on, note in SEATS:
        actions.add_table_member(organisations[slug], by=None, joined_on=joined_on, note=note)
    _working_groups(organisations)


def _working_groups(organisations: dict[str, Organisation]) -> None:
    people = {user.email.split("@")[0]: user for user in User.objects.filter(is_demo=True)}
    groups = [
        (
            "Comité formation",
            "Training committee",
            "Écrire et diffuser le contenu de formation des intervenants pivots ; tenir le "
            "calendrier des formations.",
            "Write and spread the pivot workers' training content; keep the training calendar.",
            ["table", "recherche", "passerelle", "css-fleuve"],
            ["coordination", "chercheuse", "pivot.passerelle"],
        ),
        (
            "Comité milieux scolaires",
            "Schools committee",
            "Harmoniser le repérage et l'orientation dans les écoles secondaires, "
            "francophones et anglophones.",
            "Align detection and referral in French and English high schools.",
            ["css-fleuve", "css-haute-ville", "css-terres", "central", "police"],
            ["rep.css-fleuve", "rep.central", "pivot.police"],
        ),
    ]
    for name_fr, name_en, mandate_fr, mandate_en, slugs, locals_ in groups:
        group = WorkingGroup(
            name_fr=name_fr,
            name_en=name_en,
            mandate_fr=mandate_fr,
            mandate_en=mandate_en,
            started_on=date(2010, 9, 1),
        )
        actions.save_working_group(
            group,
            by=None,
            organisations=[organisations[slug] for slug in slugs],
            people=[people[local] for local in locals_ if local in people],
        )
