"""DU module 4: se préserver (prendre soin de soi)."""

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

LESSON_RISQUES = lesson(
    "risques-du-metier-et-signes-d-usure",
    "Les risques du métier : reconnaître les signes d’usure",
    minutes=40,
    rule="viewed",
    body=[
        text(
            "<p>Accompagner des personnes en souffrance est un travail exigeant pour tout le monde. Pour un "
            "pair-aidant, certaines difficultés s’y ajoutent, parce que l’outil de travail est en partie sa "
            "propre histoire. Se préserver n’est pas un supplément facultatif : c’est une condition pour "
            "exercer dans la durée, et une compétence qui s’apprend comme les autres.</p>"
            "<h2>Des risques communs à tous les métiers d’aide</h2>"
            "<ul>"
            "<li><strong>L’épuisement professionnel</strong> : une fatigue profonde liée aux conditions de "
            "travail (charge, manque de reconnaissance, conflits), avec souvent un sentiment de ne plus être "
            "efficace et une prise de distance cynique.</li>"
            "<li><strong>La fatigue de compassion</strong> : l’usure de la capacité à ressentir de l’empathie, "
            "à force d’être exposé à la souffrance des autres.</li>"
            "<li><strong>Le traumatisme vicariant</strong> : être durablement affecté par les récits "
            "traumatiques entendus, au point que sa propre vision du monde en est assombrie.</li>"
            "</ul>"
            "<h2>Des risques propres à la pair-aidance</h2>"
            "<ul>"
            "<li><strong>La résonance répétée</strong> avec son histoire, qui peut réveiller des symptômes "
            "ou des souvenirs.</li>"
            "<li><strong>L’isolement</strong> : être le seul pair d’une équipe, sans personne avec qui partager "
            "ce regard particulier. C’est pourquoi la HAS recommande, lorsque c’est possible, au moins deux "
            "pairs par équipe.</li>"
            "<li><strong>La pression de devoir prouver</strong> que l’on est « assez rétabli », qui pousse à "
            "cacher ses moments de fragilité ou à en faire toujours plus.</li>"
            "<li><strong>Le flou du rôle</strong> : des missions mal définies exposent à des demandes "
            "contradictoires et à la sensation de ne jamais bien faire.</li>"
            "<li><strong>Le regard des autres</strong> : être perçu d’abord à travers son diagnostic, ou "
            "entendre des remarques stigmatisantes de collègues.</li>"
            "</ul>"
            "<h2>Repérer ses propres signaux</h2>"
            "<p>Les signes d’usure sont souvent visibles par les autres avant de l’être par soi-même. Parmi les "
            "plus fréquents : un sommeil qui se dégrade, une irritabilité inhabituelle, penser au travail le "
            "soir et le week-end, redouter certaines rencontres, se sentir vidé après les entretiens, ne plus "
            "trouver de plaisir dans ce qui en donnait. Vous connaissez sans doute aussi vos propres signes "
            "précoces, ceux qui annoncent chez vous une période plus difficile : ils sont vos meilleurs alliés "
            "pour réagir tôt.</p>"
            "<h2>Une période difficile n’est pas un échec</h2>"
            "<p>Le rétablissement n’est pas une ligne droite, et il ne s’arrête pas le jour où l’on signe un "
            "contrat de pair-aidant. Traverser une période plus difficile, voire une rechute, peut arriver. Ce "
            "n’est ni une faute ni la preuve que vous n’êtes pas fait pour ce métier. Ce qui compte, c’est de "
            "pouvoir en parler et d’adapter votre activité. La HAS recommande d’ailleurs des aménagements de "
            "temps d’intervention si besoin et un accès à un soutien psychologique.</p>"
            "<p>Plusieurs ressources existent : la médecine du travail, qui peut proposer des aménagements de "
            "poste ; la reconnaissance de la qualité de travailleur handicapé (RQTH), demandée auprès de la "
            "MDPH, qui ouvre droit à des adaptations et que vous n’êtes pas obligé de mentionner à votre "
            "employeur ; et bien sûr vos propres soins, qui restent distincts de votre travail.</p>"
        ),
        key_points(
            "À retenir",
            "Épuisement, fatigue de compassion et traumatisme vicariant touchent tous les métiers d’aide.",
            "Résonance, isolement, pression de prouver et flou du rôle sont propres aux pairs.",
            "Vos signes précoces personnels sont vos meilleurs indicateurs.",
            "Une période difficile n’est pas un échec : on en parle et on adapte l’activité.",
        ),
        case_study(
            "Toujours disponible",
            "<p>Nadia travaille depuis huit mois dans une équipe mobile. Elle est la seule pair-aidante de "
            "l’équipe. Elle accepte toutes les visites qu’on lui propose, répond aux messages des personnes "
            "accompagnées le soir « parce qu’elles n’ont personne d’autre », et dort mal depuis quelques "
            "semaines. Quand son cadre lui demande comment elle va, elle répond que tout va bien : elle a peur "
            "qu’on pense qu’elle rechute.</p>",
            "Quels signes d’usure repérez-vous dans cette situation ?",
            "Qu’est-ce qui, dans l’organisation de l’équipe, augmente le risque pour Nadia ?",
            "Que pourrait-elle dire à son cadre, et que pourrait faire l’équipe ?",
        ),
    ],
)

LESSON_SUPERVISION = lesson(
    "supervision-intervision-et-soutien",
    "Supervision, intervision et soutien : ne pas rester seul",
    minutes=45,
    rule="quiz_passed",
    body=[
        text(
            "<p>La meilleure protection contre l’usure n’est pas une qualité individuelle, c’est un cadre "
            "collectif. La HAS recommande que le développement des compétences des pairs-aidants s’appuie sur "
            "la formation, les démarches collégiales et réflexives avec d’autres pairs (l’intervision), et sur "
            "un accès à un soutien psychologique en tant que de besoin. Ces temps sont du travail : ils se "
            "demandent, s’organisent et se protègent dans l’agenda.</p>"
            "<h2>La supervision</h2>"
            "<p>La supervision est un temps régulier, individuel ou en groupe, animé par un professionnel "
            "extérieur à l’équipe et formé à cet exercice. On y apporte des situations vécues dans sa pratique "
            "pour les comprendre, prendre du recul sur ses réactions, et trouver d’autres manières de faire. Ce "
            "n’est <strong>pas une thérapie</strong> : on y parle de soi en tant que professionnel, de ce que "
            "les situations de travail réveillent, sans avoir à y déposer toute son histoire. Ce n’est pas non "
            "plus une évaluation : ce qui s’y dit ne remonte pas à la hiérarchie.</p>"
            "<h2>L’intervision</h2>"
            "<p>L’intervision réunit des pairs, sans hiérarchie entre eux, qui s’entraident à partir de leurs "
            "pratiques. Pour un pair-aidant souvent seul de son métier dans son service, elle est précieuse : "
            "on y retrouve des personnes qui comprennent de l’intérieur la place particulière que l’on occupe. "
            "Elle peut réunir les pairs d’un même établissement, d’un territoire, ou les anciens d’une même "
            "promotion.</p>"
            "<p>Pour qu’elle soit utile et sûre, une intervision suit un cadre. Un déroulé possible, en une "
            "heure environ :</p>"
            "<ol>"
            "<li>Un participant expose une situation qui le questionne, sans être interrompu.</li>"
            "<li>Le groupe pose des questions de clarification, sans donner encore d’avis.</li>"
            "<li>Chacun propose des hypothèses ou des pistes, en parlant de sa propre expérience "
            "(« à ta place, je crois que j’aurais… ») plutôt qu’en jugeant.</li>"
            "<li>Le participant dit ce qu’il retient et ce qu’il va essayer.</li>"
            "<li>Un court tour de table clôt la séance : comment chacun repart.</li>"
            "</ol>"
            "<p>Les règles de confidentialité s’appliquent : les situations sont anonymisées, et ce qui est dit "
            "par les participants reste dans le groupe.</p>"
            "<h2>Le soutien au quotidien</h2>"
            "<ul>"
            "<li><strong>Le binôme</strong> : après une situation difficile, un échange de dix minutes avec "
            "votre binôme (« qu’est-ce qui s’est passé, comment tu te sens ») évite de repartir chargé.</li>"
            "<li><strong>Le cadre ou référent</strong> : il est là pour ajuster votre charge et vos missions, "
            "pas seulement pour contrôler.</li>"
            "<li><strong>Le soutien psychologique</strong> : selon les structures, une psychologue du travail, "
            "un dispositif d’écoute pour les salariés ou un suivi extérieur.</li>"
            "<li><strong>Vos propres soins</strong> : garder son propre suivi, avec des professionnels "
            "distincts de votre équipe, est une manière de séparer les rôles.</li>"
            "</ul>"
            "<p>Si votre structure ne prévoit pas encore de supervision ou d’intervision, vous pouvez en faire "
            "la demande en vous appuyant sur les recommandations de la HAS, ou rejoindre un réseau de pairs "
            "à l’extérieur.</p>"
        ),
        key_points(
            "À retenir",
            "Supervision : un professionnel extérieur, de la pratique, pas une thérapie ni une évaluation.",
            "Intervision : des pairs sans hiérarchie, un cadre, de la confidentialité.",
            "Après une situation difficile, un court échange avec son binôme évite de repartir chargé.",
            "Ces temps font partie du travail et s’appuient sur les recommandations de la HAS.",
        ),
        quiz(
            "Vérifier ses acquis : les appuis du pair-aidant",
            single(
                "Qu’est-ce qui caractérise la supervision ?",
                "La supervision porte sur la pratique professionnelle et ce qu’elle fait vivre.",
                wrong(
                    "C’est une thérapie proposée par l’employeur.",
                    "Non : on y parle de sa pratique, sans y déposer toute son histoire.",
                ),
                right(
                    "Un temps régulier avec un professionnel extérieur pour prendre du recul sur sa pratique.",
                    "Oui, c’est sa définition.",
                ),
                wrong(
                    "Un entretien d’évaluation avec son cadre.",
                    "Non : ce qui se dit en supervision ne remonte pas à la hiérarchie.",
                ),
            ),
            true_false(
                "L’intervision réunit des pairs, sans lien hiérarchique, autour de situations de leur pratique.",
                "C’est le principe de l’intervision, que la HAS cite parmi les démarches collégiales et réflexives.",
                answer=True,
                if_true="Exact : des pairs qui s’entraident à partir de leurs pratiques, dans un cadre.",
                if_false="Si : c’est justement l’absence de hiérarchie qui la distingue de la supervision.",
            ),
            multiple(
                "Dans une intervision, quelles attitudes aident le participant qui expose une situation ?",
                "On clarifie avant de proposer, et on parle depuis sa propre expérience.",
                right(
                    "Poser d’abord des questions de clarification.",
                    "Oui, on comprend avant de proposer.",
                ),
                wrong(
                    "Lui dire qu’il a commis une faute.",
                    "Non : le jugement ferme l’échange et fragilise la confiance du groupe.",
                ),
                right(
                    "Proposer des pistes en partant de sa propre expérience.",
                    "Oui : « à ta place, je crois que j’aurais… » laisse le choix.",
                ),
                wrong(
                    "Raconter la situation à un collègue absent pour avoir son avis.",
                    "Non : ce qui est dit en intervision reste dans le groupe.",
                ),
            ),
        ),
    ],
)

LESSON_PLAN = lesson(
    "construire-son-plan-de-bien-etre",
    "Construire son plan de bien-être au travail",
    minutes=45,
    rule="reflection_written",
    body=[
        text(
            "<p>Beaucoup d’entre vous connaissent déjà des outils pour prendre soin de leur santé mentale. Le "
            "plus connu, le <strong>WRAP</strong> (Wellness Recovery Action Plan, ou plan d’action pour le "
            "bien-être et le rétablissement), a été conçu aux États-Unis par Mary Ellen Copeland, elle-même "
            "concernée par un trouble psychique, à partir de ce que des personnes concernées faisaient pour "
            "aller mieux. Cette séquence vous propose d’en adapter la logique à votre vie de pair-aidant.</p>"
            "<h2>Les étages d’un plan de bien-être</h2>"
            "<ol>"
            "<li><strong>Ma boîte à outils</strong> : ce qui me fait du bien et que je peux faire facilement "
            "(marcher, appeler un ami, écouter de la musique, cuisiner, un temps de calme).</li>"
            "<li><strong>Quand je vais bien</strong> : à quoi je me reconnais, et ce que je fais chaque jour ou "
            "chaque semaine pour le rester (sommeil, repas, activité, liens).</li>"
            "<li><strong>Mes déclencheurs</strong> : les situations qui me fragilisent (au travail, certaines "
            "thématiques ou certains lieux ; dans la vie, des dates, des conflits) et ce que je prévois pour "
            "y faire face.</li>"
            "<li><strong>Mes signes précoces</strong> : les premiers signaux que quelque chose se dérègle, et "
            "ce que je fais à ce moment-là.</li>"
            "<li><strong>Quand ça devient difficile</strong> : les actions plus fortes (contacter mon médecin, "
            "alléger mon planning, prévenir mon référent) et les personnes à qui je le dis.</li>"
            "<li><strong>Mon plan de crise et l’après-crise</strong> : ce que je souhaite que les autres "
            "fassent si je ne peux plus décider, et comment reprendre ensuite, y compris le travail.</li>"
            "</ol>"
            "<h2>Des frontières entre le travail et le reste de la vie</h2>"
            "<p>Les pairs-aidants parlent souvent de la difficulté à « laisser le travail au travail ». Quelques "
            "pratiques aident :</p>"
            "<ul>"
            "<li>Un petit rituel de fin de journée : noter en deux lignes ce qui reste à faire, puis fermer le "
            "carnet ; marcher un peu avant de rentrer.</li>"
            "<li>Un téléphone professionnel éteint en dehors des horaires, et des personnes accompagnées "
            "informées de qui joindre en votre absence.</li>"
            "<li>Des activités sans lien avec la santé mentale, des relations où vous n’êtes pas « le pair ».</li>"
            "<li>Le droit de dire non, ou « pas maintenant », à une mission qui vous met en difficulté, et de "
            "l’expliquer simplement.</li>"
            "</ul>"
            "<h2>Partager son plan, ou une partie</h2>"
            "<p>Votre plan vous appartient. Vous pouvez choisir d’en partager une partie avec votre référent ou "
            "votre binôme : par exemple les signes qui montrent que vous êtes surchargé, et ce qui vous aide "
            "dans ce cas. Certains pairs conviennent avec leur encadrement d’une phrase simple qui permet de "
            "demander un ajustement sans avoir à se justifier. Un plan se relit et se met à jour, par exemple "
            "à chaque changement de poste ou après une période difficile.</p>"
            "<p>Enfin, rappelez-vous que ce travail sur vous-même est aussi un outil pour les personnes que vous "
            "accompagnez : vous pourrez les aider à construire leur propre plan, avec l’expérience de quelqu’un "
            "qui l’a fait.</p>"
        ),
        key_points(
            "À retenir",
            "Un plan de bien-être : boîte à outils, routine, déclencheurs, signes précoces, plan de crise.",
            "Des frontières concrètes entre le travail et la vie personnelle protègent dans la durée.",
            "Vous choisissez ce que vous partagez de votre plan avec votre encadrement.",
            "Un plan se met à jour, et il devient aussi un outil pour les personnes accompagnées.",
        ),
        reflection(
            "Commencez votre propre plan de bien-être au travail : notez au moins trois éléments de votre boîte "
            "à outils, deux déclencheurs possibles dans votre future activité de pair-aidant, et les signes "
            "précoces qui vous indiquent qu’il est temps de ralentir.",
            "Ce journal est privé : personne d’autre que vous ne le lira. Restez concret (« marcher vingt "
            "minutes après une journée chargée » plutôt que « faire du sport »). Vous pourrez compléter ce plan "
            "tout au long de la formation, et en partager une partie si vous le souhaitez.",
        ),
    ],
)

MODULE = {
    "slug": "se-preserver",
    "title": "Se préserver : prendre soin de soi",
    "order": 4,
    "summary": (
        "Exercer durablement en tant que pair-aidant demande de repérer ses signes d’usure, de s’appuyer sur "
        "la supervision et l’intervision, et de poser des frontières. Ce module vous aide à construire votre "
        "propre plan de bien-être au travail."
    ),
    "objectives": [
        "Identifier les risques d’usure communs aux métiers d’aide et ceux propres à la pair-aidance.",
        "Utiliser la supervision, l’intervision et le binôme comme appuis réguliers.",
        "Élaborer un plan de bien-être personnel adapté à l’activité de pair-aidant.",
        "Connaître les ressources d’aménagement du travail (médecine du travail, RQTH).",
    ],
    "competencies": [
        "Prendre soin de sa santé mentale dans l’exercice professionnel",
        "Solliciter un appui collectif (supervision, intervision, encadrement)",
        "Poser des limites et demander des ajustements",
    ],
    "estimated_hours": 18,
    "lessons": [LESSON_RISQUES, LESSON_SUPERVISION, LESSON_PLAN],
}
