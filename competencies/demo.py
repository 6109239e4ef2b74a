"""Demo référentiel of the peer-support DU: six blocks of competencies, written for this product (inspired by
what peer-support training programmes and the RNCP blocks describe), mapped to the DU's modules and lessons.

Runs after the cms seeder (the pages must exist). Idempotent: blocks and competencies are found by their code;
the mapping is set to what is written here. The evaluation grid's criteria are linked from internships.demo.
"""

from cms.models import LessonPage, ModulePage
from competencies.models import Block, Competency

# code, title, description, [(code, title, modules' slugs, lessons' slugs)]
REFERENTIEL = [
    (
        "BC1",
        "Écouter et construire une relation d'aide",
        "Accueillir la personne là où elle en est, l'écouter sans juger et construire avec elle une relation "
        "d'aide fondée sur la confiance et la réciprocité.",
        [
            (
                "C1.1",
                "Pratiquer l'écoute active : reformuler, questionner, accueillir les silences",
                ["ecoute-active"],
                [],
            ),
            (
                "C1.2",
                "Établir une relation de confiance entre pairs, fondée sur la réciprocité",
                [],
                ["ecouter-en-pair"],
            ),
            (
                "C1.3",
                "Accompagner une personne en crise vers l'apaisement et une aide adaptée",
                ["gestion-de-crise"],
                [],
            ),
        ],
    ),
    (
        "BC2",
        "Mobiliser son savoir expérientiel",
        "Faire de son propre parcours de rétablissement une ressource pour l'autre : un savoir réfléchi, partagé "
        "avec discernement, au service de l'espoir et du pouvoir d'agir.",
        [
            (
                "C2.1",
                "Transformer son vécu en savoir expérientiel transmissible",
                [],
                ["du-vecu-au-savoir-experientiel"],
            ),
            (
                "C2.2",
                "Partager son expérience à bon escient, au service de la personne",
                [],
                ["partager-son-vecu-a-bon-escient"],
            ),
            (
                "C2.3",
                "Soutenir l'espoir et le pouvoir d'agir dans une démarche de rétablissement",
                [],
                ["le-retablissement-et-le-modele-chime", "soutenir-espoir-et-pouvoir-d-agir"],
            ),
        ],
    ),
    (
        "BC3",
        "Travailler en équipe et en réseau",
        "Trouver sa place de pair dans une équipe pluriprofessionnelle et coopérer avec les acteurs du territoire.",
        [
            (
                "C3.1",
                "Trouver et faire reconnaître sa place de pair dans une équipe",
                [],
                ["juste-distance-et-place-dans-l-equipe"],
            ),
            (
                "C3.2",
                "Coopérer avec les acteurs d'un territoire (CLSM, PTSM, parcours)",
                [],
                ["coordination-territoriale-clsm-ptsm"],
            ),
        ],
    ),
    (
        "BC4",
        "Éthique et posture du pair-aidant",
        "Agir dans le respect des droits, des choix et de l'intimité des personnes, avec une juste distance.",
        [
            (
                "C4.1",
                "Respecter la confidentialité et le cadre du partage d'informations",
                [],
                ["confidentialite-et-secret-professionnel"],
            ),
            (
                "C4.2",
                "Tenir une juste distance et poser des limites claires",
                [],
                ["juste-distance-et-place-dans-l-equipe"],
            ),
            ("C4.3", "Respecter les droits et les choix de la personne accompagnée", ["ethique-et-posture"], []),
        ],
    ),
    (
        "BC5",
        "Se préserver",
        "Prendre soin de soi pour durer dans le métier : repérer l'usure, demander du soutien, tenir son plan.",
        [
            (
                "C5.1",
                "Reconnaître chez soi les signes d'usure et de réactivation",
                [],
                ["risques-du-metier-et-signes-d-usure"],
            ),
            (
                "C5.2",
                "S'appuyer sur la supervision, l'intervision et ses ressources",
                [],
                ["supervision-intervision-et-soutien"],
            ),
            (
                "C5.3",
                "Construire et faire vivre son plan de bien-être au travail",
                [],
                ["construire-son-plan-de-bien-etre"],
            ),
        ],
    ),
    (
        "BC6",
        "Connaître le système de santé mentale",
        "Se repérer parmi les acteurs du sanitaire, du médico-social et de l'entraide pour orienter et accompagner.",
        [
            (
                "C6.1",
                "Se repérer dans la psychiatrie publique : secteur, CMP, hôpital",
                [],
                ["psychiatrie-publique-secteur-cmp-hopital"],
            ),
            ("C6.2", "Connaître le médico-social, l'entraide et le logement", [], ["medico-social-entraide-logement"]),
            (
                "C6.3",
                "Orienter et accompagner une personne dans son parcours",
                ["systeme-de-sante-mentale-et-acteurs"],
                [],
            ),
        ],
    ),
]


def seed_referentiel(programme) -> list[Block]:
    modules = {page.slug: page for page in ModulePage.objects.child_of(programme)}
    lessons = {page.slug: page for page in LessonPage.objects.descendant_of(programme)}
    blocks = []
    for order, (code, title, description, competencies) in enumerate(REFERENTIEL, start=1):
        block, _created = Block.objects.update_or_create(
            programme=programme, code=code, defaults={"title": title, "description": description, "order": order}
        )
        blocks.append(block)
        for position, (c_code, c_title, module_slugs, lesson_slugs) in enumerate(competencies, start=1):
            competency, _created = Competency.objects.update_or_create(
                block=block, code=c_code, defaults={"title": c_title, "order": position}
            )
            competency.modules.set([modules[slug] for slug in module_slugs if slug in modules])
            competency.lessons.set([lessons[slug] for slug in lesson_slugs if slug in lessons])
    return blocks


def seed(ctx) -> None:
    programme = ctx.objects.get("programme")
    if programme is None:
        return
    blocks = seed_referentiel(programme)
    ctx.objects["blocks"] = blocks
    ctx.log(f"  demo: référentiel of {programme.title}: {len(blocks)} blocks")
