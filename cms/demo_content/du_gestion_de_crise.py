"""DU module 2: la gestion de crise (content notes on the lessons about suicide, self-harm and restraint)."""

from cms.demo_content._blocks import (
    case_study,
    crisis_note,
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

LESSON_COMPRENDRE = lesson(
    "comprendre-la-crise-et-apaiser",
    "Comprendre la crise et aider à l’apaisement",
    minutes=45,
    rule="viewed",
    body=[
        text(
            "<p>Beaucoup de personnes qui suivent cette formation ont connu une ou plusieurs crises. Vous "
            "savez donc qu’une crise n’est pas seulement un « épisode » décrit dans un dossier : c’est un "
            "moment où l’on ne se reconnaît plus, où les repères habituels ne suffisent plus, et où l’on dépend "
            "beaucoup de la manière dont les autres réagissent. Cette séquence vous aide à comprendre ce qui se "
            "joue et à trouver votre place, qui n’est ni celle du soignant ni celle du spectateur.</p>"
            "<h2>Qu’est-ce qu’une crise psychique ?</h2>"
            "<p>On peut décrire la crise comme une <strong>rupture d’équilibre</strong> : les ressources "
            "habituelles d’une personne ne lui permettent plus de faire face à ce qu’elle vit. Elle peut "
            "prendre des formes très différentes : angoisse massive, agitation, repli, idées qui s’emballent, "
            "perceptions inhabituelles, colère. Elle est souvent précédée de signes avant-coureurs (sommeil "
            "qui se dégrade, isolement, irritabilité, arrêt d’un traitement, événement de vie difficile) et "
            "ces signes sont propres à chaque personne. Une crise est aussi un moment <strong>transitoire</strong> : "
            "elle a une fin, et ce qui se passe pendant et après compte beaucoup pour la suite du "
            "rétablissement.</p>"
            "<h2>Votre rôle de pair</h2>"
            "<p>Votre rôle n’est pas de poser un diagnostic ni de décider d’une hospitalisation. Il est d’être "
            "une présence qui apaise, de maintenir le lien, et d’alerter l’équipe sans attendre. Vous "
            "n’intervenez jamais seul face à une crise : vous travaillez en binôme, vous connaissez à l’avance "
            "le professionnel à appeler et la conduite prévue par votre structure.</p>"
            "<h2>La désescalade : des gestes simples</h2>"
            "<p>La désescalade regroupe les attitudes qui aident une personne très agitée ou très angoissée à "
            "retrouver un peu de calme. Elles s’appuient sur le respect et la sécurité de chacun :</p>"
            "<ul>"
            "<li><strong>Veiller à la sécurité</strong> : garder une distance confortable, ne pas bloquer la "
            "sortie (ni la vôtre ni celle de la personne), éloigner les spectateurs.</li>"
            "<li><strong>Une seule voix</strong> : si plusieurs personnes parlent en même temps, l’agitation "
            "augmente. Convenez avec votre binôme de qui parle.</li>"
            "<li><strong>Parler lentement, en phrases courtes</strong>, avec un ton bas et régulier. Se "
            "présenter : « Je m’appelle Claire, je suis pair-aidante dans l’équipe. »</li>"
            "<li><strong>Reconnaître l’émotion</strong> sans discuter le fond : « Je vois que vous êtes très en "
            "colère. C’est difficile d’attendre comme ça. » On ne cherche pas à avoir raison.</li>"
            "<li><strong>Proposer des choix simples</strong> : « Vous préférez qu’on s’assoie ici ou qu’on "
            "marche un peu dehors ? » Retrouver un peu de contrôle apaise.</li>"
            "<li><strong>Ne pas toucher</strong> la personne sans son accord, ne pas faire de gestes brusques, "
            "ne pas menacer, ne pas promettre ce que vous ne pouvez pas tenir.</li>"
            "</ul>"
            "<p>Face à des perceptions inhabituelles (voix, impression d’être suivi), il n’est utile ni de "
            "confirmer ni de contredire. Vous pouvez reconnaître ce que la personne ressent : « Je n’entends "
            "pas ces voix, mais je vois qu’elles vous font peur. Qu’est-ce qui pourrait vous aider là, "
            "maintenant ? »</p>"
            "<h2>Le plan de crise et les directives anticipées</h2>"
            "<p>La meilleure gestion de crise se prépare en dehors de la crise. Un <strong>plan de crise</strong> "
            "(parfois appelé plan de crise conjoint) est un document que la personne rédige, souvent avec un "
            "soignant ou un pair, quand elle va bien : ses signes d’alerte, ce qui l’aide, ce qui l’aggrave, "
            "les personnes à prévenir, ses préférences de soins. Les <strong>directives anticipées en "
            "psychiatrie</strong> vont dans le même sens : elles permettent de faire connaître à l’avance ses "
            "souhaits pour le cas où l’on ne pourrait plus les exprimer. L’accompagnement à la rédaction de ces "
            "documents fait partie des missions où le savoir expérientiel d’un pair est particulièrement utile.</p>"
        ),
        key_points(
            "À retenir",
            "Une crise est une rupture d’équilibre, transitoire, précédée de signes propres à chaque personne.",
            "Le pair apaise, maintient le lien et alerte l’équipe ; il n’agit jamais seul.",
            "Désescalade : sécurité, une seule voix, phrases courtes, émotion reconnue, choix simples.",
            "Le plan de crise et les directives anticipées se préparent quand la personne va bien.",
        ),
        case_study(
            "Dans la salle d’attente",
            "<p>Dans la salle d’attente d’un CMP, Marc, un homme d’une cinquantaine d’années, attend depuis "
            "une heure. Il se lève, parle fort, dit qu’on se moque de lui et qu’il va « tout casser ». "
            "D’autres personnes s’inquiètent. Vous êtes la seule personne de l’équipe présente dans la pièce ; "
            "l’infirmier est dans un bureau voisin.</p>",
            "Quelles sont vos priorités dans la première minute ?",
            "Que pourriez-vous dire à Marc, mot pour mot ?",
            "À quel moment et comment prévenez-vous l’infirmier ?",
            "Que faudra-t-il reprendre avec l’équipe après la situation ?",
        ),
    ],
)

LESSON_SUICIDE = lesson(
    "crise-suicidaire-reperer-parler-orienter",
    "La crise suicidaire : repérer, en parler, orienter",
    minutes=50,
    rule="quiz_passed",
    content_note=crisis_note(
        "idées suicidaires, tentative de suicide, deuil", "de crise suicidaire et de souffrance intense"
    ),
    body=[
        text(
            "<p>Cette séquence aborde un sujet que beaucoup redoutent : accompagner une personne qui pense au "
            "suicide. Certains d’entre vous ont traversé eux-mêmes ces pensées, ou ont perdu un proche. Prenez "
            "le temps qu’il vous faut. Ce que vous allez apprendre ici est avant tout une manière d’être "
            "présent, pas une technique d’évaluation réservée aux soignants.</p>"
            "<h2>Ce que l’on sait</h2>"
            "<p>La crise suicidaire est un état de souffrance intense, où la mort peut apparaître comme la "
            "seule issue à une douleur devenue insupportable. C’est un état <strong>temporaire</strong> : la "
            "plupart des personnes qui ont traversé une crise suicidaire en sont sorties, et beaucoup "
            "témoignent qu’elles sont heureuses d’être en vie. C’est aussi un état <strong>ambivalent</strong> : "
            "une partie de la personne veut mourir, une autre veut que la douleur s’arrête et cherche de l’aide. "
            "C’est à cette part-là que l’on s’adresse.</p>"
            "<h2>Parler du suicide ne le provoque pas</h2>"
            "<p>Une idée reçue persiste : poser la question donnerait l’idée de passer à l’acte. C’est faux. "
            "Les recommandations de prévention vont dans le même sens : demander directement, avec calme, "
            "soulage le plus souvent la personne, qui se sent enfin entendue. Vous pouvez dire : « Parfois, "
            "quand on souffre autant, on pense à mourir. Est-ce que c’est votre cas ? » ou « Est-ce que vous "
            "pensez au suicide ? ». Les formulations floues (« vous n’allez pas faire de bêtise ? ») ferment "
            "la porte.</p>"
            "<h2>Repérer</h2>"
            "<p>Certains signes doivent vous alerter et vous conduire à en parler : des propos sur la mort ou "
            "sur le fait d’être un poids pour les autres, un isolement qui s’accentue, des dons d’objets "
            "personnels, des adieux, un apaisement soudain et inexpliqué après une période très difficile, "
            "une consommation d’alcool ou de drogues qui augmente, une perte récente (rupture, deuil, emploi, "
            "logement). Les professionnels évaluent ensuite le risque, l’urgence et l’accès aux moyens ; ce "
            "n’est pas votre rôle de le faire seul, mais ce que vous avez entendu les y aide.</p>"
            "<h2>Pendant l’échange</h2>"
            "<ul>"
            "<li>Écouter sans juger, sans chercher à convaincre que « la vie est belle ».</li>"
            "<li>Reconnaître la souffrance : « Ce que vous vivez a l’air terriblement lourd. »</li>"
            "<li>Chercher avec la personne ce qui la retient et ce qui l’a aidée par le passé.</li>"
            "<li>Ne jamais promettre le secret : « Ce que vous me dites est trop important pour que je le garde "
            "pour moi. Je vais en parler avec l’équipe, et j’aimerais qu’on le fasse ensemble. »</li>"
            "<li>Si vous partagez votre propre expérience, faites-le très brièvement, pour porter de l’espoir, "
            "et revenez aussitôt à la personne.</li>"
            "</ul>"
            "<h2>Orienter et ne pas rester seul</h2>"
            "<p>Vous informez sans attendre votre binôme ou le professionnel référent, selon la procédure de "
            "votre structure. En cas de danger immédiat (moyen à portée de main, passage à l’acte annoncé), "
            "vous ne laissez pas la personne seule et vous appelez le <strong>15</strong> (ou le 112). Le "
            "<strong>3114</strong>, numéro national de prévention du suicide, est gratuit et joignable 24 heures "
            "sur 24 : il peut être appelé par la personne elle-même, par un proche, ou par vous pour être "
            "conseillé. Après une tentative de suicide, des dispositifs de recontact comme VigilanS gardent le "
            "lien avec la personne dans les mois qui suivent ; un pair peut contribuer à ce lien.</p>"
            "<p>Enfin, ces situations vous touchent. En parler ensuite en supervision ou en intervision n’est "
            "pas un signe de faiblesse : c’est ce qui permet de continuer.</p>"
        ),
        key_points(
            "À retenir",
            "La crise suicidaire est temporaire et ambivalente : on s’adresse à la part qui cherche de l’aide.",
            "Poser la question directement ne donne pas l’idée du suicide ; cela soulage souvent.",
            "On ne promet jamais le secret ; on informe l’équipe, si possible avec la personne.",
            "Danger immédiat : ne pas laisser seul, appeler le 15 ou le 112. Le 3114 répond 24 h sur 24.",
        ),
        quiz(
            "Vérifier ses acquis : la crise suicidaire",
            true_false(
                "Demander directement à une personne si elle pense au suicide risque de lui en donner l’idée.",
                "C’est une idée reçue : la question posée avec calme soulage souvent et ouvre le dialogue.",
                answer=False,
                if_true="Non, c’est une idée reçue. Poser la question ne provoque pas le passage à l’acte.",
                if_false="Exact : demander clairement permet souvent à la personne de se sentir entendue.",
            ),
            multiple(
                "Quels signes doivent vous conduire à aborder la question et à en parler à l’équipe ?",
                "Ces signes ne prouvent rien à eux seuls, mais ils justifient d’en parler.",
                right(
                    "La personne dit qu’elle est « un poids » pour ses proches.",
                    "Oui, c’est un propos à prendre au sérieux.",
                ),
                right(
                    "Un apaisement soudain, inexpliqué, après une période très difficile.",
                    "Oui : il peut parfois traduire une décision prise.",
                ),
                right("Elle donne des objets auxquels elle tenait.", "Oui, c’est un signe connu."),
                wrong(
                    "Elle vous dit qu’elle a bien dormi et qu’elle a revu une amie.",
                    "Ce n’est pas un signe d’alerte en soi ; cela peut même être une ressource.",
                ),
            ),
            single(
                "Une personne vous confie ses idées suicidaires et vous demande de n’en parler à personne. Que "
                "faites-vous ?",
                "La sécurité de la personne passe avant le secret ; on l’associe autant que possible.",
                wrong(
                    "Vous promettez de garder le secret pour préserver la confiance.",
                    "Non : vous ne pourriez pas tenir cette promesse, et la personne resterait seule avec ce risque.",
                ),
                right(
                    "Vous expliquez que c’est trop important pour le garder pour vous et proposez d’en parler "
                    "ensemble à l’équipe.",
                    "Oui : vous restez honnête et vous l’associez à la suite.",
                ),
                wrong(
                    "Vous changez de sujet pour ne pas l’enfermer dans ses idées.",
                    "Non : éviter le sujet laisse la personne seule avec sa souffrance.",
                ),
            ),
            single(
                "Quel est le numéro national de prévention du suicide, gratuit et joignable 24 heures sur 24 ?",
                "Le 3114 peut être appelé par la personne, un proche ou un professionnel.",
                right("Le 3114", "Oui. En cas de danger immédiat, on appelle le 15 ou le 112."),
                wrong("Le 115", "Non, le 115 est le numéro du Samu social (hébergement d’urgence)."),
                wrong("Le 3919", "Non, le 3919 est la ligne d’écoute pour les femmes victimes de violences."),
            ),
            pass_mark=75,
        ),
    ],
)

LESSON_APRES = lesson(
    "automutilations-contention-apres-la-crise",
    "Automutilations, contention et isolement : accompagner pendant et après",
    minutes=50,
    rule="reflection_written",
    content_note=crisis_note(
        "automutilations, contention, isolement, hospitalisation sans consentement",
        "d’automutilations, de contention et d’isolement en psychiatrie",
    ),
    body=[
        text(
            "<p>Cette séquence aborde deux réalités différentes, que beaucoup de pairs connaissent de "
            "l’intérieur : les automutilations, et les mesures de contrainte en psychiatrie (isolement, "
            "contention). Dans les deux cas, votre présence peut aider à réduire la honte et à remettre de la "
            "parole là où il y a souvent du silence.</p>"
            "<h2>Les automutilations</h2>"
            "<p>Se faire du mal volontairement (se couper, se brûler, se frapper) est le plus souvent une "
            "manière de soulager une douleur émotionnelle trop intense, de se sentir exister ou de reprendre "
            "le contrôle. Ce n’est pas nécessairement une intention de mourir, et ce n’est pas « pour attirer "
            "l’attention ». Cela reste un signe de grande souffrance, qui doit être pris au sérieux et partagé "
            "avec l’équipe soignante.</p>"
            "<p>Quelques repères :</p>"
            "<ul>"
            "<li>Réagir calmement, sans dégoût ni panique, et sans exiger que la personne arrête "
            "immédiatement : une exigence de ce type renforce souvent la honte et le secret.</li>"
            "<li>S’intéresser à la personne avant le geste : « Qu’est-ce qui se passait pour vous juste "
            "avant ? »</li>"
            "<li>Orienter vers les soins pour les blessures, et informer l’équipe selon la procédure prévue.</li>"
            "<li>Chercher ensemble d’autres moyens de traverser les moments de tension, sans les présenter "
            "comme des solutions miracles.</li>"
            "</ul>"
            "<h2>Isolement et contention</h2>"
            "<p>En France, le placement en chambre d’isolement et la contention mécanique sont encadrés par le "
            "Code de la santé publique. Ce sont des pratiques de <strong>dernier recours</strong>, réservées "
            "aux personnes en soins sans consentement, pour prévenir un dommage immédiat ou imminent. Elles "
            "sont décidées par un psychiatre, pour une durée limitée, font l’objet d’une surveillance, sont "
            "inscrites dans un registre, et leur prolongation est contrôlée par le juge des libertés et de la "
            "détention. La HAS a publié des recommandations pour en réduire l’usage, et de nombreux services "
            "travaillent à les prévenir.</p>"
            "<p>Pour beaucoup de personnes, ces mesures laissent des traces : peur, humiliation, perte de "
            "confiance envers les soignants. Le pair-aidant n’a pas à juger l’équipe ni à cautionner la mesure. "
            "Il peut en revanche :</p>"
            "<ul>"
            "<li>Rendre visite à la personne si l’équipe et la personne le souhaitent, et lui offrir une "
            "présence humaine.</li>"
            "<li>Participer au temps de reprise qui suit la mesure : permettre à la personne de dire ce "
            "qu’elle a vécu, ce qui l’a aidée, ce qui aurait pu éviter la situation.</li>"
            "<li>Transmettre à l’équipe, avec l’accord de la personne, ce qu’elle a exprimé, pour améliorer "
            "les pratiques.</li>"
            "<li>L’aider à inscrire ces enseignements dans un plan de crise ou des directives anticipées.</li>"
            "</ul>"
            "<h2>Quand cela vous renvoie à votre histoire</h2>"
            "<p>Si vous avez vous-même vécu l’isolement, la contention ou les automutilations, accompagner une "
            "personne dans la même situation peut être bouleversant, ou réveiller de la colère. Ce n’est pas "
            "une raison de vous exclure de ces situations, ni de vous y forcer. Parlez-en avant, avec votre "
            "binôme et votre encadrement, pour décider de ce qui est possible pour vous en ce moment. Et après, "
            "prenez le temps d’en parler en supervision ou en intervision.</p>"
            "<h2>Après la crise</h2>"
            "<p>Le temps qui suit une crise est précieux. La personne peut se sentir honteuse ou épuisée. Vous "
            "pouvez l’aider à donner un sens à ce qui s’est passé, à repérer les signes qui l’ont précédé, et "
            "à reprendre contact avec ses ressources. C’est souvent à ce moment que naît un plan de crise "
            "utile, écrit avec ses mots.</p>"
        ),
        key_points(
            "À retenir",
            "Les automutilations soulagent souvent une douleur émotionnelle ; on les accueille sans panique "
            "et on en parle à l’équipe.",
            "Isolement et contention sont des mesures de dernier recours, encadrées par la loi et contrôlées "
            "par le juge.",
            "Le pair offre présence et parole, notamment lors de la reprise après la mesure.",
            "Votre propre histoire compte : décidez avec votre encadrement de ce qui est possible pour vous.",
        ),
        reflection(
            "Pensez à une crise que vous avez traversée, ou dont vous avez été témoin. Qu’est-ce qui a aidé, "
            "qu’est-ce qui a fait du mal ? Si vous deviez écrire trois lignes d’un plan de crise à partir de "
            "cette expérience, que contiendraient-elles ?",
            "Ce journal est privé : vous choisissez ce que vous écrivez. Il n’est pas nécessaire de raconter "
            "les détails d’un moment douloureux ; vous pouvez en rester à ce que vous en avez appris. Si cet "
            "exercice vous remue, arrêtez-vous, prenez soin de vous et parlez-en à une personne de confiance "
            "ou à l’équipe pédagogique. Le 3114 répond aussi 24 heures sur 24.",
        ),
    ],
)

MODULE = {
    "slug": "gestion-de-crise",
    "title": "La gestion de crise",
    "order": 2,
    "summary": (
        "Comprendre ce qu’est une crise psychique, aider à l’apaisement, parler du suicide sans détour et "
        "savoir à qui passer le relais. Le module aborde aussi les automutilations et les mesures de "
        "contrainte, et le rôle du pair après la crise."
    ),
    "objectives": [
        "Reconnaître les signes avant-coureurs d’une crise et les gestes de désescalade.",
        "Aborder directement la question du suicide et orienter vers l’équipe, le 15 ou le 3114.",
        "Accueillir une personne qui s’automutile sans jugement et en lien avec les soins.",
        "Connaître le cadre de l’isolement et de la contention et le rôle du pair lors de la reprise.",
        "Aider une personne à préparer un plan de crise ou des directives anticipées.",
    ],
    "competencies": [
        "Contribuer à la sécurité d’une personne en crise au sein d’un binôme",
        "Relayer sans délai une situation de danger selon la procédure de la structure",
        "Soutenir l’élaboration d’un plan de crise centré sur la personne",
    ],
    "estimated_hours": 24,
    "lessons": [LESSON_COMPRENDRE, LESSON_SUICIDE, LESSON_APRES],
}
