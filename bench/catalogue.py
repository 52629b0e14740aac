"""The fictional material the generator draws from: regions, partner templates and names.

Every organisation and person here is invented. Region codes follow Québec's 17
administrative regions so that a province-scale data set reads like the real thing.
"""

from filet.organisations.models import OrganisationType

T = OrganisationType

# code, French name, English name
REGIONS: list[tuple[str, str, str]] = [
    ("03", "Capitale-Nationale", "Capitale-Nationale"),
    ("01", "Bas-Saint-Laurent", "Lower St. Lawrence"),
    ("02", "Saguenay–Lac-Saint-Jean", "Saguenay–Lac-Saint-Jean"),
    ("04", "Mauricie", "Mauricie"),
    ("05", "Estrie", "Eastern Townships"),
    ("06", "Montréal", "Montréal"),
    ("07", "Outaouais", "Outaouais"),
    ("08", "Abitibi-Témiscamingue", "Abitibi-Témiscamingue"),
    ("09", "Côte-Nord", "North Shore"),
    ("10", "Nord-du-Québec", "Northern Québec"),
    ("11", "Gaspésie–Îles-de-la-Madeleine", "Gaspésie–Magdalen Islands"),
    ("12", "Chaudière-Appalaches", "Chaudière-Appalaches"),
    ("13", "Laval", "Laval"),
    ("14", "Lanaudière", "Lanaudière"),
    ("15", "Laurentides", "Laurentians"),
    ("16", "Montérégie", "Montérégie"),
    ("17", "Centre-du-Québec", "Centre-du-Québec"),
]

# French name, English name, acronym, type. The first is the Table's coordination and the
# second a research centre: every scale, however small, keeps both.
PARTNERS: list[tuple[str, str, str, OrganisationType]] = [
    ("Coordination de la Table", "Table coordination", "TR", T.COORDINATION),
    (
        "Centre de recherche Enfance et Famille",
        "Child and Family Research Centre",
        "CREF",
        T.RESEARCH,
    ),
    (
        "Direction de la protection de la jeunesse",
        "Youth Protection Directorate",
        "DPJ",
        T.YOUTH_PROTECTION,
    ),
    ("CIUSSS", "Integrated Health and Social Services Centre", "CIUSSS", T.HEALTH_SOCIAL),
    ("Direction de santé publique", "Public Health Directorate", "DSP", T.PUBLIC_HEALTH),
    ("Service de police municipal", "Municipal Police Service", "SPM", T.MUNICIPAL_POLICE),
    (
        "Police provinciale, poste régional",
        "Provincial Police, regional post",
        "PPR",
        T.OTHER_POLICE,
    ),
    (
        "Centre de services scolaire des Rivières",
        "Rivières School Service Centre",
        "CSSR",
        T.FRENCH_SCHOOL,
    ),
    (
        "Commission scolaire anglophone Lakeview",
        "Lakeview English School Board",
        "LESB",
        T.ENGLISH_SCHOOL,
    ),
    ("Maison Passerelle", "Passerelle House", "MP", T.COMMUNITY),
    ("Travail de rue Jeunesse Boréale", "Boréale Youth Street Work", "TRJB", T.STREET_WORK),
    ("Centre d'aide aux victimes", "Victim Assistance Centre", "CAV", T.VICTIM_ASSISTANCE),
    ("Bureau des poursuites", "Prosecution Office", "BP", T.PROSECUTION),
    (
        "Centre de services scolaire des Monts",
        "Monts School Service Centre",
        "CSSM",
        T.FRENCH_SCHOOL,
    ),
    (
        "Centre de services scolaire du Littoral",
        "Littoral School Service Centre",
        "CSSL",
        T.FRENCH_SCHOOL,
    ),
    (
        "Centre de services scolaire des Plaines",
        "Plaines School Service Centre",
        "CSSP",
        T.FRENCH_SCHOOL,
    ),
    (
        "Commission scolaire anglophone Northfield",
        "Northfield English School Board",
        "NESB",
        T.ENGLISH_SCHOOL,
    ),
    ("Maison des jeunes L'Escale", "L'Escale Youth Centre", "MJE", T.COMMUNITY),
    ("Refuge Le Phare", "Le Phare Shelter", "RLP", T.COMMUNITY),
    ("Centre des femmes La Source", "La Source Women's Centre", "CFLS", T.COMMUNITY),
    ("Ressource jeunesse L'Envol", "L'Envol Youth Resource", "RJE", T.COMMUNITY),
    ("Hébergement jeunesse Le Tremplin", "Le Tremplin Youth Housing", "HJT", T.COMMUNITY),
    ("Maison de la famille Les Berges", "Les Berges Family House", "MFB", T.COMMUNITY),
    ("Travail de rue Le Relais", "Le Relais Street Work", "TRLR", T.STREET_WORK),
    ("Travail de rue Passage", "Passage Street Work", "TRP", T.STREET_WORK),
    (
        "Centre d'aide contre les agressions sexuelles",
        "Sexual Assault Help Centre",
        "CACAS",
        T.VICTIM_ASSISTANCE,
    ),
    ("Centre jeunesse de réadaptation", "Youth Rehabilitation Centre", "CJR", T.HEALTH_SOCIAL),
    (
        "Service de police de l'agglomération",
        "Metropolitan Police Service",
        "SPA",
        T.MUNICIPAL_POLICE,
    ),
    (
        "Chaire de recherche sur les violences sexuelles",
        "Research Chair on Sexual Violence",
        "CRVS",
        T.RESEARCH,
    ),
    ("Entraide Jeunesse", "Youth Mutual Aid", "EJ", T.COMMUNITY),
]

# fmt: off
FIRST_NAMES = [
    "Alexandre", "Amélie", "Antoine", "Audrey", "Benoît", "Camille", "Caroline", "David",
    "Émilie", "Étienne", "Félix", "Geneviève", "Guillaume", "Isabelle", "Jérôme", "Julie",
    "Karine", "Laurent", "Léa", "Marc", "Marie-Ève", "Mathieu", "Nadia", "Olivier",
    "Patrick", "Rachel", "Samuel", "Sophie", "Thomas", "Valérie", "William", "Zoé",
]
LAST_NAMES = [
    "Bélanger", "Bergeron", "Bouchard", "Boucher", "Caron", "Côté", "Dubé", "Fortin",
    "Gagné", "Gagnon", "Gauthier", "Girard", "Lavoie", "Leblanc", "Lefebvre", "Lévesque",
    "MacDonald", "Martin", "Morin", "Ouellet", "Paquette", "Pelletier", "Poulin", "Roy",
    "Simard", "Thibault", "Tremblay", "Walsh",
]
# fmt: on
