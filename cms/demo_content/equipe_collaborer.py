"""Short course, module 2: collaborer au quotidien avec un pair-aidant."""

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

LESSON_BINOME = lesson(
    "travailler-en-binome-avec-un-pair",
    "Travailler en binôme avec un pair-aidant",
    minutes=25,
    rule="viewed",
    body=[
        text(
            "<p>La HAS recommande une pratique en binôme entre le pair-aidant et un autre membre de l’équipe. "
            "Le binôme n’est pas une surveillance : c’est une manière de croiser deux regards, de partager les "
            "situations lourdes et de ne laisser personne seul face à une crise.</p>"
            "<h2>Avant une intervention</h2>"
            "<ul>"
            "<li>Se mettre d’accord sur l’objectif de la rencontre et sur qui mène l’échange.</li>"
            "<li>Partager les informations utiles, sans plus : le pair n’a pas besoin de tout le dossier pour "
            "accompagner une démarche.</li>"
            "<li>Convenir d’un signal discret si l’un des deux veut écourter ou passer la main.</li>"
            "</ul>"
            "<h2>Pendant</h2>"
            "<p>Chacun garde sa place. Le professionnel n’a pas à « traduire » ce que dit le pair, ni le pair à "
            "commenter les décisions médicales. Laissez au pair l’espace de partager son expérience s’il le "
            "juge utile : c’est son outil propre, qu’il a appris à utiliser avec discernement.</p>"
            "<h2>Après</h2>"
            "<p>Un court échange à deux, même de dix minutes, permet de confronter ce que chacun a perçu et de "
            "décider de la suite. Il permet aussi de repérer si la situation a touché l’un ou l’autre, en "
            "particulier le pair lorsque le récit entendu rejoint le sien.</p>"
            "<h2>Le pair dans les décisions</h2>"
            "<p>Le regard du pair est précieux en réunion clinique ou en synthèse : comment la personne vit-elle "
            "ce qui lui est proposé ? Qu’est-ce qui, dans l’organisation, la met en difficulté ? Sollicitez cet "
            "avis explicitement, et prenez-le en compte même quand il dérange. C’est ainsi que se construit "
            "l’intégration fonctionnelle recommandée par la HAS.</p>"
        ),
        key_points(
            "À retenir",
            "Le binôme croise deux regards ; ce n’est pas une surveillance.",
            "Avant : objectif et rôles ; pendant : chacun sa place ; après : un court échange.",
            "Le regard du pair se sollicite explicitement dans les décisions d’équipe.",
        ),
        case_study(
            "Une visite à domicile",
            "<p>Vous faites une visite à domicile avec Julien, pair-aidant, chez une femme qui refuse de "
            "reprendre son traitement. Pendant l’échange, Julien raconte brièvement qu’il a lui aussi arrêté "
            "son traitement plusieurs fois, et demande à la personne ce qu’elle ressent quand elle le prend. "
            "Vous craignez que cela l’encourage dans son refus.</p>",
            "Que cherche probablement Julien en partageant cette expérience ?",
            "Comment en parler ensemble après la visite, sans le disqualifier ?",
        ),
    ],
)

LESSON_CADRE = lesson(
    "confidentialite-sante-du-pair-et-limites",
    "Confidentialité, santé du pair et limites du rôle",
    minutes=30,
    rule="quiz_passed",
    body=[
        text(
            "<p>Travailler avec un collègue dont on sait qu’il a vécu un trouble psychique soulève des questions "
            "délicates. Quelques principes évitent bien des malentendus.</p>"
            "<h2>Un collègue, pas un patient</h2>"
            "<p>Le pair-aidant est un professionnel. Sa santé relève de sa vie privée, de ses propres soignants "
            "et, pour le travail, de la médecine du travail. Évitez de commenter son humeur ou son traitement, "
            "de le « surveiller » ou d’interpréter ses réactions comme des symptômes : une fatigue ou un "
            "désaccord sont d’abord une fatigue ou un désaccord. S’il a été soigné dans votre service, son "
            "dossier reste confidentiel et ne se consulte pas.</p>"
            "<h2>Le même secret pour tous</h2>"
            "<p>Le pair-aidant salarié est tenu au secret professionnel comme vous, et les règles de partage "
            "d’informations au sein de l’équipe s’appliquent à lui de la même façon. Il a accès à ce qui est "
            "utile à ses missions. Réciproquement, ce qu’il partage de son histoire en équipe n’a pas à "
            "circuler en dehors.</p>"
            "<h2>Quand il traverse une période difficile</h2>"
            "<p>Comme tout salarié, un pair-aidant peut traverser une période plus difficile. La HAS "
            "recommande de prévoir des aménagements de temps d’intervention si besoin et un accès à un soutien "
            "psychologique. Le cadre peut en parler avec lui, en privé, en partant de faits liés au travail, "
            "et chercher avec lui les ajustements possibles. Une période difficile ne remet pas en cause sa "
            "légitimité.</p>"
            "<h2>Des limites claires</h2>"
            "<p>Les limites de son rôle (ce qu’il fait, ce qu’il ne fait pas) figurent dans ses missions. Évitez "
            "de lui confier, faute de temps, des tâches qui n’en relèvent pas, comme surveiller seul une "
            "personne en crise ou distribuer des traitements : ce serait l’exposer et brouiller sa place.</p>"
        ),
        key_points(
            "À retenir",
            "Sa santé relève de sa vie privée et de la médecine du travail ; son dossier ne se consulte pas.",
            "Même secret professionnel, mêmes règles de partage que toute l’équipe.",
            "En cas de difficulté : échange privé, faits liés au travail, ajustements.",
        ),
        quiz(
            "Vérifier ses acquis : le cadre de la collaboration",
            true_false(
                "Un pair-aidant soigné autrefois dans le service : l’équipe peut consulter son ancien dossier "
                "pour mieux l’accompagner.",
                "Le dossier d’un collègue reste confidentiel : il n’est pas consulté dans le cadre du travail.",
                answer=False,
                if_true="Non : ce serait une atteinte au secret et à sa vie privée.",
                if_false="Exact : son dossier ne regarde que lui et ses soignants.",
            ),
            single(
                "Un pair-aidant est moins présent en réunion depuis quelques semaines. Que fait le cadre ?",
                "On part de faits liés au travail, en privé, comme avec tout collègue.",
                wrong(
                    "Il demande à l’équipe de surveiller s’il prend bien son traitement.",
                    "Non : sa santé relève de sa vie privée.",
                ),
                right(
                    "Il lui propose un échange en privé, à partir de faits liés au travail, et cherche avec lui "
                    "des ajustements.",
                    "Oui, c’est la démarche attendue.",
                ),
                wrong(
                    "Il lui retire ses accompagnements sans en parler, par précaution.",
                    "Non : décider sans lui le disqualifie et ne l’aide pas.",
                ),
            ),
            multiple(
                "Quelles tâches sortent du rôle d’un pair-aidant ?",
                "Le rôle du pair est défini dans ses missions ; certaines tâches relèvent d’autres métiers.",
                right("Distribuer les traitements.", "Oui, c’est une tâche infirmière."),
                right("Rester seul auprès d’une personne en crise.", "Oui : une crise se gère en binôme et en équipe."),
                wrong(
                    "Accompagner une personne dans une démarche administrative.",
                    "Cette tâche fait souvent partie de ses missions.",
                ),
            ),
        ),
    ],
)

LESSON_DUREE = lesson(
    "soutenir-les-pairs-dans-la-duree",
    "Soutenir les pairs dans la durée",
    minutes=25,
    rule="reflection_written",
    body=[
        text(
            "<p>Beaucoup d’intégrations de pairs-aidants réussissent les premiers mois puis s’essoufflent : "
            "le pair s’isole, ses missions se brouillent, l’équipe change. La HAS recommande de soutenir le "
            "développement des compétences des pairs dans la durée.</p>"
            "<h2>Ce qui aide</h2>"
            "<ul>"
            "<li><strong>L’intervision entre pairs</strong> : des temps réguliers avec d’autres pairs-aidants, "
            "de l’établissement ou du territoire, pour partager ce qui est propre à leur place.</li>"
            "<li><strong>La supervision</strong> et l’analyse de pratiques, ouvertes aux pairs comme aux autres "
            "membres de l’équipe.</li>"
            "<li><strong>Un référent disponible</strong>, qui fait régulièrement le point sur les missions et la "
            "charge de travail.</li>"
            "<li><strong>L’évolution professionnelle</strong> : formation, nouvelles missions, participation à "
            "la formation des professionnels, à l’évaluation des pratiques ou aux instances, selon les "
            "souhaits du pair.</li>"
            "<li><strong>La relecture des missions</strong>, au moins une fois par an, avec le pair et "
            "l’équipe.</li>"
            "</ul>"
            "<h2>Quand l’équipe change</h2>"
            "<p>L’arrivée d’un nouveau cadre ou de nouveaux collègues peut remettre en cause ce qui était "
            "acquis. Prévoyez de présenter le rôle du pair aux nouveaux arrivants, et de garder une trace écrite "
            "de ses missions et de ce que l’équipe a construit avec lui.</p>"
            "<h2>Évaluer ensemble</h2>"
            "<p>Associer les pairs aux démarches d’amélioration, comme le recommande la HAS, est aussi une "
            "manière de reconnaître leur apport. Demandez-vous régulièrement, avec eux et avec les personnes "
            "accompagnées, ce que leur présence a changé : dans les relations, les pratiques, les parcours.</p>"
        ),
        key_points(
            "À retenir",
            "Intervision, supervision, référent disponible : un soutien régulier.",
            "Des missions relues chaque année et présentées aux nouveaux arrivants.",
            "Des pairs associés à l’évaluation et à l’amélioration des pratiques.",
        ),
        reflection(
            "Dans votre équipe, qu’est-ce qui pourrait isoler un pair-aidant dans un an ? Notez deux mesures "
            "concrètes que vous pourriez proposer dès maintenant pour l’éviter.",
            "Pensez à l’organisation (plannings, réunions, binômes), aux relations et au soutien. Ces notes sont "
            "privées ; vous pourrez les reprendre lors de la seconde journée de formation.",
        ),
    ],
)

MODULE = {
    "slug": "collaborer-au-quotidien-avec-un-pair",
    "title": "Collaborer au quotidien avec un pair-aidant",
    "order": 2,
    "summary": (
        "Travailler en binôme, partager les informations utiles, respecter la vie privée d’un collègue et "
        "soutenir les pairs dans la durée. Ce module donne des repères pratiques pour que la collaboration "
        "tienne au-delà des premiers mois."
    ),
    "objectives": [
        "Organiser une intervention en binôme avec un pair-aidant.",
        "Appliquer les règles de confidentialité et respecter la vie privée du pair.",
        "Mettre en place un soutien durable : intervision, supervision, évolution des missions.",
    ],
    "competencies": [
        "Coopérer avec un pair-aidant au sein d’un binôme",
        "Soutenir l’intégration fonctionnelle des pairs dans une équipe",
    ],
    "estimated_hours": 7,
    "lessons": [LESSON_BINOME, LESSON_CADRE, LESSON_DUREE],
}
