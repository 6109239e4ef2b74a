"""Seeded course content: the programmes of the demo, as plain data (no Django models).

``PROGRAMMES`` is a list of programme dicts, in the format agreed with the page types:

- programme: slug, title, summary, objectives, audience, admission, duration, hours, places, locations, modules
- module: slug, title, order, summary, objectives, competencies, estimated_hours, lessons
- lesson: slug, title, estimated_minutes, completion_rule ("viewed" | "quiz_passed" | "reflection_written" |
  "marked_done"), content_note (None or {"topics", "message"}), body [(block_type, value), ...]
- blocks: "text" (HTML), "key_points", "case_study", "reflection", "quiz", "content_note".

The university, places and people are fictional; the facts about peer support in France come from public
sources (HAS recommendations, the French mental-health organisation).
"""

from cms.demo_content import (
    du_ecoute_active,
    du_ethique_posture,
    du_gestion_de_crise,
    du_retablissement,
    du_se_preserver,
    du_systeme_sante_mentale,
    equipe_accueillir,
    equipe_collaborer,
)

DU_PAIR_AIDANCE = {
    "slug": "du-pair-aidance-sante-mentale",
    "title": "DU Pair-aidance en santé mentale",
    # Its coordination agreed to let the other DUs start from its modules (see DU_CORSE).
    "share_modules": True,
    "summary": (
        "Un diplôme universitaire d’un an pour des personnes qui ont traversé un trouble psychique et un "
        "chemin de rétablissement, et qui souhaitent accompagner d’autres personnes à partir de ce savoir "
        "expérientiel. La formation associe des regroupements à l’université, un travail personnel guidé sur "
        "la plateforme et un stage immersif dans une structure de santé mentale."
    ),
    "objectives": [
        "Transformer son expérience vécue du trouble psychique et du rétablissement en savoir expérientiel "
        "mobilisable dans l’accompagnement.",
        "Maîtriser les outils de la relation d’aide entre pairs : écoute active, partage de son vécu à bon "
        "escient, soutien à l’espoir et au pouvoir d’agir.",
        "Savoir réagir face à une personne en crise, y compris suicidaire, en s’appuyant sur l’équipe et les "
        "ressources du territoire.",
        "Tenir une posture éthique : confidentialité, limites de la relation, place dans une équipe "
        "pluriprofessionnelle.",
        "Prendre soin de soi dans la durée grâce à la supervision, à l’intervision et à un plan de bien-être "
        "personnel.",
        "Connaître le système de santé mentale français et ses acteurs pour aider les personnes à s’y orienter.",
    ],
    "audience": (
        "Des personnes ayant vécu un trouble psychique (par exemple un trouble bipolaire, une schizophrénie, "
        "une dépression sévère ou un trouble anxieux) et engagées dans un parcours de rétablissement, qui "
        "souhaitent exercer ou exercent déjà comme pair-aidant, salarié ou bénévole, dans un service de "
        "psychiatrie, une association, un GEM, un SAMSAH ou un dispositif de logement accompagné."
    ),
    "admission": (
        "Avoir une expérience vécue d’un trouble psychique et de rétablissement, et avoir pris du recul sur "
        "ce parcours ; être titulaire du baccalauréat ou justifier d’une expérience professionnelle ou "
        "bénévole permettant une validation des acquis pour l’accès à la formation ; déposer un dossier "
        "(lettre de motivation, curriculum vitae, récit de parcours de quelques pages) puis passer un "
        "entretien avec le jury. Aucun diagnostic ni document médical n’est demandé."
    ),
    "duration": (
        "Une année universitaire, d’octobre à juin : sept regroupements de trois jours, du travail personnel "
        "sur la plateforme et un stage immersif de 140 heures."
    ),
    "hours": 130,
    "places": 24,
    "locations": (
        "Regroupements sur le campus santé de l’université (fictive) et dans un centre hospitalier partenaire ; "
        "stages dans des structures d’accueil de la région."
    ),
    "modules": [
        du_ecoute_active.MODULE,
        du_gestion_de_crise.MODULE,
        du_ethique_posture.MODULE,
        du_se_preserver.MODULE,
        du_retablissement.MODULE,
        du_systeme_sante_mentale.MODULE,
    ],
}

TRAVAILLER_AVEC_DES_PAIRS = {
    "slug": "travailler-avec-des-pairs-aidants",
    "title": "Formation courte : Travailler avec des pairs-aidants en équipe",
    "summary": (
        "Une formation de deux jours pour les professionnels qui vont accueillir un pair-aidant dans leur "
        "équipe. Elle aide à comprendre ce que la pair-aidance apporte, à préparer son arrivée et à "
        "collaborer au quotidien dans le respect des recommandations de la HAS."
    ),
    "objectives": [
        "Comprendre le rôle et les apports d’un pair-aidant en santé mentale.",
        "Préparer une équipe volontaire à l’arrivée d’un ou de plusieurs pairs.",
        "Organiser le travail en binôme, le partage d’informations et le soutien des pairs dans la durée.",
    ],
    "audience": (
        "Professionnels des secteurs sanitaire, social et médico-social (soignants, travailleurs sociaux, "
        "psychologues, cadres et responsables d’équipe) dont l’équipe accueille ou va accueillir un "
        "pair-aidant."
    ),
    "admission": (
        "Exercer dans une équipe qui accueille ou prépare l’accueil d’un pair-aidant ; inscription par "
        "l’employeur au titre de la formation continue, ou à titre individuel."
    ),
    "duration": "Deux journées de sept heures, à quelques semaines d’intervalle, avec un travail entre les deux.",
    "hours": 14,
    "places": 16,
    "locations": "Au centre de formation continue de l’université (fictive) ou dans l’établissement demandeur.",
    "modules": [
        equipe_accueillir.MODULE,
        equipe_collaborer.MODULE,
    ],
}

PROGRAMMES = [DU_PAIR_AIDANCE, TRAVAILLER_AVEC_DES_PAIRS]

# A DU being created: no module of its own yet. The demo starts two of its modules from the first DU's
# (`cms.demo.seed_shared_modules`, through the sharing service), as its coordination would in the admin.
DU_CORSE = {
    "slug": "du-pair-aidance-corse",
    "title": "DU Pair-aidance en santé mentale — Université de Corse (en création)",
    "summary": (
        "Un diplôme universitaire en cours de création en Corse, pour former sur l’île des pairs-aidants en "
        "santé mentale sans devoir partir sur le continent. L’équipe pédagogique construit ses modules en "
        "s’appuyant sur ceux d’un DU existant, qu’elle adapte aux ressources et aux structures du territoire."
    ),
    "objectives": [
        "Former des pairs-aidants au plus près des lieux où ils exerceront, à Ajaccio, à Bastia et dans "
        "l’intérieur de l’île.",
        "Reprendre les fondamentaux de la relation d’aide entre pairs d’un DU existant et les adapter au "
        "contexte insulaire.",
        "Construire avec les structures de santé mentale de l’île les lieux de stage de la première promotion.",
    ],
    "audience": (
        "Des personnes vivant en Corse qui ont traversé un trouble psychique et un chemin de rétablissement, "
        "et qui souhaitent accompagner d’autres personnes à partir de cette expérience."
    ),
    "admission": (
        "Les modalités d’admission seront publiées à l’ouverture du premier appel à candidatures, sur le "
        "modèle du DU dont cette formation reprend les modules : dossier puis entretien, sans document médical."
    ),
    "duration": "Une année universitaire, à partir de la rentrée prochaine (première promotion en préparation).",
    "hours": 120,
    "places": 12,
    "locations": "Campus de l’université (fictive) à Corte, regroupements à Ajaccio et à Bastia.",
    "modules": [],
}
