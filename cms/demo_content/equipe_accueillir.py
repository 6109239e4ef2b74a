"""Short course, module 1: comprendre la pair-aidance et préparer l’équipe."""

from cms.demo_content._blocks import (
    case_study,
    key_points,
    lesson,
    multiple,
    quiz,
    reflection,
    right,
    single,
    text,
    true_false,
    wrong,
)

LESSON_QUI = lesson(
    "qui-sont-les-pairs-aidants",
    "Qui sont les pairs-aidants ?",
    minutes=25,
    rule="viewed",
    body=[
        text(
            "<p>Un pair-aidant en santé mentale est une personne qui a vécu un trouble psychique et un "
            "parcours de rétablissement, et qui s’appuie sur cette expérience, travaillée et souvent complétée "
            "par une formation, pour accompagner d’autres personnes. Il peut être salarié d’un établissement, "
            "mis à disposition par une plateforme, ou bénévole.</p>"
            "<h2>Des intitulés multiples</h2>"
            "<p>Vous rencontrerez plusieurs termes : pair-aidant, travailleur pair, médiateur de santé pair "
            "(issu d’un programme lancé en 2012, avec une licence universitaire), patient partenaire, patient "
            "expert. Ils recouvrent des formations et des missions différentes, et la HAS travaille à clarifier "
            "ces rôles. Dans cette formation, « pair-aidant » désigne un professionnel intégré à une équipe "
            "d’accompagnement.</p>"
            "<h2>Ce qu’ils apportent</h2>"
            "<p>Les recommandations de la HAS relèvent plusieurs apports :</p>"
            "<ul>"
            "<li>un soutien par une personne ayant vécu des expériences comparables, qui facilite le lien, "
            "notamment avec des personnes éloignées des soins ;</li>"
            "<li>un espoir incarné : voir qu’un rétablissement est possible ;</li>"
            "<li>une aide pour s’orienter dans le système et pour renouer la confiance avec les équipes, grâce "
            "à un langage plus accessible ;</li>"
            "<li>un regard qui invite l’équipe à réinterroger ses pratiques et à limiter les risques de "
            "violence institutionnelle involontaire.</li>"
            "</ul>"
            "<h2>Ce qu’ils ne sont pas</h2>"
            "<p>Le pair-aidant ne remplace pas un soignant ou un travailleur social : son action est "
            "<strong>complémentaire</strong> et ne s’y substitue pas. Il n’est pas non plus un patient à qui "
            "l’on confierait une activité « thérapeutique », ni un témoin que l’on sollicite seulement pour "
            "raconter son histoire. C’est un collègue, avec ses missions, ses compétences et ses limites.</p>"
            "<h2>Où travaillent-ils ?</h2>"
            "<p>Les pairs-aidants exercent dans des lieux très variés : services hospitaliers et CMP, équipes "
            "mobiles, SAMSAH, programmes de logement comme « Un chez-soi d’abord », associations, GEM. Le métier "
            "est encore jeune en France, ses statuts et ses rémunérations varient, et sa reconnaissance "
            "officielle est en cours. Votre équipe participe, à son échelle, à cette construction.</p>"
        ),
        key_points(
            "À retenir",
            "Un pair-aidant mobilise un savoir expérientiel travaillé, souvent avec une formation.",
            "Ses apports : lien, espoir, orientation, renouvellement des pratiques.",
            "Son action est complémentaire de celle des professionnels, elle ne s’y substitue pas.",
        ),
    ],
)

LESSON_PREPARER = lesson(
    "preparer-l-arrivee-d-un-pair-aidant",
    "Préparer l’arrivée d’un pair-aidant",
    minutes=30,
    rule="quiz_passed",
    body=[
        text(
            "<p>La HAS est claire : le développement de l’intervention des pairs ne peut se faire qu’au sein "
            "d’équipes et d’établissements <strong>volontaires</strong>. Un recrutement décidé sans préparer "
            "l’équipe met le pair en difficulté, et l’expérience échoue souvent pour de mauvaises raisons.</p>"
            "<h2>Avant le recrutement</h2>"
            "<ul>"
            "<li><strong>Parler du projet en équipe</strong> : pourquoi un pair, pour quelles personnes, avec "
            "quelles attentes ? Les doutes et les craintes doivent pouvoir s’exprimer.</li>"
            "<li><strong>Écrire les missions</strong> : la HAS recommande qu’elles soient coécrites avec les "
            "personnes concernées (champ d’intervention, responsabilités, activités).</li>"
            "<li><strong>Prévoir le binôme</strong> : une pratique en binôme pair-aidant et autre membre de "
            "l’équipe, et un référent identifié.</li>"
            "<li><strong>Éviter l’isolement</strong> : lorsque c’est possible, intégrer au moins deux pairs "
            "dans l’équipe.</li>"
            "<li><strong>Organiser le soutien</strong> : accès à l’intervision avec d’autres pairs, à la "
            "supervision, et à un soutien psychologique si besoin.</li>"
            "</ul>"
            "<h2>À l’arrivée</h2>"
            "<p>Le pair-aidant est un membre de l’équipe à part entière : il participe aux réunions et aux "
            "transmissions, a accès aux informations utiles à ses missions, dispose d’un bureau, d’un téléphone "
            "et d’une adresse professionnelle. Présentez-le aux personnes accompagnées et aux partenaires avec "
            "son intitulé et ses missions, sans révéler à sa place ce qu’il ne souhaite pas partager de son "
            "histoire.</p>"
        ),
        key_points(
            "À retenir",
            "Une équipe volontaire, préparée, qui a pu exprimer ses doutes.",
            "Des missions coécrites, un binôme, un référent, au moins deux pairs quand c’est possible.",
            "Un collègue à part entière : réunions, transmissions, moyens de travail.",
        ),
        quiz(
            "Vérifier ses acquis : préparer l’arrivée d’un pair",
            multiple(
                "Quelles conditions la HAS recommande-t-elle pour l’intégration des pairs-aidants ?",
                "Ces conditions visent une intégration fonctionnelle et évitent l’isolement.",
                right("Une pratique en binôme avec un autre membre de l’équipe.", "Oui."),
                right("Au moins deux pairs dans l’équipe lorsque c’est possible.", "Oui, pour éviter l’isolement."),
                wrong(
                    "Un pair placé sous la responsabilité d’un patient ancien du service.",
                    "Non : le pair est un professionnel de l’équipe, avec un référent professionnel.",
                ),
                right("Des missions coécrites avec les personnes concernées.", "Oui."),
            ),
            true_false(
                "L’action du pair-aidant peut remplacer celle d’un infirmier quand l’équipe manque de personnel.",
                "La HAS précise que l’action des pairs est complémentaire et ne se substitue pas à celle des "
                "professionnels.",
                answer=False,
                if_true="Non : le pair a ses propres missions et ne comble pas un poste vacant.",
                if_false="Exact : son action est complémentaire, elle ne s’y substitue pas.",
            ),
            single(
                "Comment présenter le nouveau pair-aidant aux personnes accompagnées ?",
                "On présente le professionnel et ses missions ; son histoire lui appartient.",
                wrong(
                    "En précisant son diagnostic, pour que les personnes puissent s’identifier.",
                    "Non : c’est à lui seul de décider ce qu’il partage de son histoire.",
                ),
                right(
                    "Avec son intitulé et ses missions, en le laissant partager ce qu’il souhaite de son parcours.",
                    "Oui.",
                ),
                wrong(
                    "Ne pas le présenter, pour ne pas le stigmatiser.",
                    "Non : un collègue non présenté a du mal à trouver sa place.",
                ),
            ),
        ),
    ],
)

LESSON_REPRESENTATIONS = lesson(
    "interroger-ses-representations",
    "Interroger ses représentations",
    minutes=25,
    rule="reflection_written",
    body=[
        text(
            "<p>L’arrivée d’un pair-aidant bouscule souvent des habitudes. Elle peut aussi faire surgir des "
            "préjugés que l’on ne soupçonnait pas chez soi. Les nommer n’est pas un reproche : c’est la "
            "première étape pour qu’ils ne pèsent pas sur le travail commun.</p>"
            "<h2>Des craintes fréquentes</h2>"
            "<ul>"
            "<li><em>« Et s’il rechute ? »</em> Tout salarié peut traverser une période difficile. Ce qui "
            "compte, c’est un cadre qui permette d’en parler et d’ajuster, comme pour n’importe quel "
            "collègue.</li>"
            "<li><em>« Il n’a pas de diplôme de soignant. »</em> Il n’en a pas besoin : il n’exerce pas un "
            "métier de soin. Ses compétences sont d’une autre nature, et il est formé pour les mobiliser.</li>"
            "<li><em>« Il va prendre le parti des patients contre nous. »</em> Le pair porte le point de vue "
            "des personnes, ce qui peut être inconfortable. C’est précisément ce qui aide l’équipe à faire "
            "évoluer ses pratiques.</li>"
            "<li><em>« Peut-on encore parler librement en réunion ? »</em> Oui, mais la présence d’un pair "
            "rend visibles certaines façons de parler des personnes. C’est souvent une occasion de les "
            "changer.</li>"
            "</ul>"
            "<h2>Les mots de l’équipe</h2>"
            "<p>Parler d’« un schizophrène » ou d’« un patient difficile » devant un collègue qui a vécu un "
            "trouble psychique fait mesurer l’effet de ces mots. Parler d’« une personne vivant avec une "
            "schizophrénie » et décrire des faits plutôt que des étiquettes sert tout le monde, à commencer "
            "par les personnes accompagnées.</p>"
        ),
        case_study(
            "Une réunion de préparation",
            "<p>Lors de la réunion où le cadre annonce l’arrivée d’une pair-aidante, une infirmière "
            "expérimentée déclare : « Je n’ai rien contre, mais je ne vois pas ce qu’elle fera de plus que "
            "nous. Et qui la surveillera si elle ne va pas bien ? » Plusieurs collègues approuvent en "
            "silence.</p>",
            "Quelles inquiétudes légitimes cette remarque exprime-t-elle ?",
            "Quelles informations pourraient y répondre ?",
            "Comment le cadre peut-il permettre à l’équipe d’en discuter sans que la future collègue en "
            "soit la cible ?",
        ),
        reflection(
            "Quelle image aviez-vous des personnes vivant avec un trouble psychique au début de votre carrière, "
            "et qu’est-ce qui l’a fait évoluer ? Quelle crainte, même petite, l’arrivée d’un pair-aidant "
            "éveille-t-elle chez vous ?",
            "Ce journal est privé. Soyez honnête avec vous-même : une crainte nommée se discute plus "
            "facilement en équipe qu’une crainte tue.",
        ),
    ],
)

MODULE = {
    "slug": "comprendre-la-pair-aidance-et-preparer-l-equipe",
    "title": "Comprendre la pair-aidance et préparer l’équipe",
    "order": 1,
    "summary": (
        "Qui sont les pairs-aidants, que peuvent-ils apporter, et comment une équipe se prépare-t-elle à en "
        "accueillir un ? Ce module s’appuie sur les recommandations de la HAS et sur les questions que se "
        "posent les équipes."
    ),
    "objectives": [
        "Définir le rôle d’un pair-aidant et le distinguer des autres formes de participation.",
        "Connaître les conditions d’intégration recommandées par la HAS.",
        "Reconnaître ses propres représentations et celles de l’équipe.",
    ],
    "competencies": [
        "Préparer une équipe à l’arrivée d’un pair-aidant",
        "Communiquer sans stigmatiser sur les troubles psychiques",
    ],
    "estimated_hours": 7,
    "lessons": [LESSON_QUI, LESSON_PREPARER, LESSON_REPRESENTATIONS],
}
