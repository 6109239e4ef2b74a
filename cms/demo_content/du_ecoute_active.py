"""DU module 1: l’écoute active."""

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

LESSON_FONDEMENTS = lesson(
    "ecouter-vraiment",
    "Écouter vraiment : ce que l’écoute active change",
    minutes=35,
    rule="viewed",
    body=[
        text(
            "<p>Dans la pair-aidance, presque tout commence par l’écoute. Avant d’orienter, d’informer ou de "
            "partager quoi que ce soit de votre propre parcours, vous aurez à recevoir la parole d’une personne, "
            "souvent à un moment où elle se sent peu entendue. Beaucoup de personnes accompagnées le disent : "
            "ce qui les a aidées n’est pas d’abord un conseil, mais le fait d’avoir été écoutées sans être "
            "jugées, corrigées ou pressées.</p>"
            "<h2>Entendre n’est pas écouter</h2>"
            "<p>Entendre est passif : les mots arrivent jusqu’à nous. Écouter est une activité : c’est porter "
            "attention à ce que la personne dit, à la manière dont elle le dit, et à ce qu’elle ne dit pas "
            "encore. L’écoute active, décrite notamment à partir des travaux du psychologue Carl Rogers, repose "
            "sur une idée simple : la personne est la mieux placée pour comprendre sa propre situation, et "
            "notre rôle est de l’aider à mettre des mots dessus, pas de penser à sa place.</p>"
            "<p>Rogers décrivait trois attitudes qui rendent cette écoute possible :</p>"
            "<ul>"
            "<li><strong>L’empathie</strong> : chercher à comprendre ce que vit l’autre de son point de vue, "
            "« comme si » l’on était à sa place, sans perdre de vue que ce n’est pas notre vécu.</li>"
            "<li><strong>Le regard positif inconditionnel</strong> : accueillir la personne telle qu’elle est, "
            "avec ses contradictions, sans que notre accueil dépende de ce qu’elle dit ou fait.</li>"
            "<li><strong>La congruence</strong> : être authentique, ne pas jouer un rôle, accepter de dire "
            "« je ne sais pas » ou « je ne suis pas sûr d’avoir compris ».</li>"
            "</ul>"
            "<h2>Ce que l’écoute d’un pair apporte de particulier</h2>"
            "<p>Un soignant écoute aussi, avec ses propres outils. Ce que vous apportez en plus, c’est une "
            "relation plus horizontale : vous n’êtes pas là pour évaluer, diagnostiquer ou décider d’un "
            "traitement. Vous savez, de l’intérieur, ce que peut être la honte d’un premier passage aux "
            "urgences, la fatigue d’un traitement qu’on cherche encore, ou la peur de ne pas être cru. Cette "
            "proximité facilite la confiance. Elle ne vous autorise pas pour autant à supposer que vous savez "
            "ce que vit la personne : deux parcours qui se ressemblent restent deux parcours différents.</p>"
            "<h2>Les conditions d’une bonne écoute</h2>"
            "<p>L’écoute dépend aussi du cadre. Quelques repères pratiques, valables à l’hôpital comme dans un "
            "GEM ou lors d’une visite à domicile :</p>"
            "<ul>"
            "<li>Choisir un lieu où la personne peut parler sans être entendue par d’autres, et lui laisser "
            "choisir sa place quand c’est possible (près de la porte, par exemple, si elle en a besoin).</li>"
            "<li>Annoncer le temps disponible dès le début : « nous avons une demi-heure ensemble ». Un temps "
            "connu rassure davantage qu’un temps illimité qui s’arrête brusquement.</li>"
            "<li>Éteindre ou retourner son téléphone, ne pas prendre de notes sans l’expliquer.</li>"
            "<li>Soigner le non-verbal : posture ouverte, regard disponible sans être insistant, ton calme, "
            "hochements de tête, petites relances (« oui… », « je vous écoute »).</li>"
            "</ul>"
            "<p>Enfin, l’écoute demande une disponibilité intérieure. Si vous arrivez préoccupé par votre "
            "propre journée, il est plus difficile d’accueillir l’autre. Prendre deux minutes pour respirer "
            "avant un entretien fait partie du travail, et non d’un luxe.</p>"
        ),
        key_points(
            "À retenir",
            "Écouter est une activité : on écoute les mots, le ton, les silences et ce qui n’est pas encore dit.",
            "Empathie, regard positif inconditionnel et congruence sont les trois attitudes de base.",
            "La proximité d’expérience facilite la confiance, mais ne dit pas ce que vit l’autre.",
            "Le cadre compte : lieu, durée annoncée, attention sans distraction.",
        ),
        case_study(
            "Une première rencontre en hospitalisation",
            "<p>Vous rencontrez pour la première fois Sofiane, 27 ans, hospitalisé depuis une semaine. Il vous "
            "dit d’emblée : « De toute façon, personne ne m’écoute ici. Les médecins passent cinq minutes et "
            "repartent. » Il regarde la fenêtre et ne dit plus rien pendant un long moment.</p>",
            "Quelle serait votre première phrase, et pourquoi ?",
            "Que pourrait signifier ce silence, et comment pourriez-vous l’accueillir sans le combler ?",
            "Quelles réponses risqueraient de fermer l’échange (défendre l’équipe, donner raison trop vite…) ?",
        ),
    ],
)

LESSON_TECHNIQUES = lesson(
    "reformuler-questionner-accueillir-silences",
    "Reformuler, questionner, accueillir les silences",
    minutes=45,
    rule="quiz_passed",
    body=[
        text(
            "<p>L’écoute active s’appuie sur quelques techniques simples, qui s’apprennent et se travaillent. "
            "Elles ne sont pas des recettes : utilisées de façon mécanique, elles sonnent faux. Utilisées avec "
            "sincérité, elles montrent à la personne qu’elle est comprise et l’aident à avancer dans sa propre "
            "réflexion.</p>"
            "<h2>La reformulation</h2>"
            "<p>Reformuler, c’est redire avec ses propres mots ce que l’on a compris, pour le vérifier auprès "
            "de la personne. On distingue souvent :</p>"
            "<ul>"
            "<li><strong>La reformulation-reflet</strong>, qui reprend le contenu : « Si je comprends bien, "
            "depuis votre sortie, vous n’avez revu personne de votre entourage. »</li>"
            "<li><strong>Le reflet des émotions</strong>, qui nomme ce qui semble ressenti : « Vous avez "
            "l’air épuisée par toutes ces démarches. » Nommer une émotion avec prudence (« on dirait que… ») "
            "laisse à la personne la possibilité de corriger.</li>"
            "<li><strong>La synthèse</strong>, qui rassemble plusieurs éléments, utile en fin d’échange : "
            "« Nous avons parlé de votre logement, de votre fatigue et de l’envie de reprendre contact avec "
            "votre sœur. Qu’est-ce qui vous paraît le plus important pour la suite ? »</li>"
            "</ul>"
            "<p>Une bonne reformulation est courte, fidèle, et se termine souvent par une ouverture : "
            "« c’est bien ça ? ». Si la personne répond « non, pas vraiment », ce n’est pas un échec : elle "
            "précise sa pensée, et l’échange progresse.</p>"
            "<h2>Les questions</h2>"
            "<p>Les <strong>questions ouvertes</strong> (« comment avez-vous vécu cette semaine ? », "
            "« qu’est-ce qui vous aide dans ces moments-là ? ») invitent à développer. Les <strong>questions "
            "fermées</strong> (« avez-vous dormi cette nuit ? ») appellent un oui ou un non : elles sont utiles "
            "pour vérifier une information précise, mais une suite de questions fermées ressemble vite à un "
            "interrogatoire. Méfiez-vous aussi du « pourquoi », qui peut être entendu comme une demande de "
            "justification ; « qu’est-ce qui fait que… » est souvent plus doux.</p>"
            "<h2>Le silence</h2>"
            "<p>Beaucoup d’accompagnants débutants ont peur du silence et se précipitent pour le combler. Or "
            "le silence est souvent le moment où la personne réfléchit, ressent, ou hésite à dire quelque "
            "chose d’important. Compter mentalement jusqu’à dix avant de relancer est un exercice utile. Si "
            "le silence semble pesant pour la personne, vous pouvez le nommer simplement : « Prenez votre "
            "temps, je suis là. »</p>"
            "<h2>Les attitudes qui ferment l’échange</h2>"
            "<p>Le psychologue Elias Porter a décrit plusieurs attitudes spontanées que nous avons tous face à "
            "une personne qui se confie. Elles partent d’une bonne intention, mais souvent elles coupent la "
            "parole de l’autre :</p>"
            "<ul>"
            "<li><strong>Le conseil</strong> (« vous devriez… ») : il propose notre solution avant que la "
            "personne ait trouvé la sienne.</li>"
            "<li><strong>Le jugement ou l’évaluation</strong> (« ce n’est pas raisonnable ») : il met la "
            "personne en position de se défendre.</li>"
            "<li><strong>L’interprétation</strong> (« au fond, c’est à cause de votre père ») : elle plaque "
            "notre lecture sur son histoire.</li>"
            "<li><strong>L’enquête</strong> : une série de questions qui répond à notre curiosité plutôt qu’à "
            "son besoin.</li>"
            "<li><strong>La consolation rapide</strong> (« ça va aller, ne vous inquiétez pas ») : elle "
            "minimise ce qui est vécu.</li>"
            "</ul>"
            "<p>La sixième attitude, la <strong>compréhension</strong>, est celle que vise l’écoute active. "
            "Les autres ne sont pas interdites : un conseil demandé, au bon moment, peut être précieux. Mais "
            "elles viennent après avoir compris, jamais à la place.</p>"
        ),
        key_points(
            "Les gestes de base",
            "Reformuler brièvement et vérifier : « c’est bien ça ? ».",
            "Préférer les questions ouvertes, réserver les questions fermées aux vérifications.",
            "Laisser vivre les silences avant de relancer.",
            "Repérer en soi l’envie de conseiller, juger, interpréter, enquêter ou consoler trop vite.",
        ),
        quiz(
            "Vérifier ses acquis : les techniques d’écoute",
            single(
                "Une personne vous dit : « Depuis que j’ai arrêté de travailler, je tourne en rond chez moi. » "
                "Quelle réponse est une reformulation ?",
                "La reformulation redit ce qui a été compris et laisse la personne confirmer ou corriger.",
                wrong(
                    "« Vous devriez vous inscrire dans un GEM. »",
                    "C’est un conseil : il peut être utile plus tard, mais il arrive avant d’avoir compris.",
                ),
                right(
                    "« Depuis l’arrêt de votre travail, vos journées vous semblent vides, c’est bien ça ? »",
                    "Oui : vous reprenez son propos avec vos mots et vous vérifiez.",
                ),
                wrong(
                    "« Pourquoi avez-vous arrêté de travailler ? »",
                    "C’est une question d’enquête, et le « pourquoi » peut être vécu comme une demande de "
                    "justification.",
                ),
            ),
            multiple(
                "Parmi ces questions, lesquelles sont ouvertes ?",
                "Une question ouverte invite la personne à développer avec ses propres mots.",
                right(
                    "« Comment se sont passés ces derniers jours ? »",
                    "Oui, elle laisse la personne choisir ce qu’elle veut raconter.",
                ),
                wrong("« Vous avez pris votre traitement ? »", "Non, elle appelle un oui ou un non."),
                right(
                    "« Qu’est-ce qui vous aide quand l’angoisse monte ? »",
                    "Oui, et elle oriente vers les ressources de la personne.",
                ),
                wrong("« Vous êtes d’accord pour qu’on se revoie jeudi ? »", "Non, c’est une question fermée."),
            ),
            true_false(
                "Quand un silence s’installe, il vaut mieux le combler rapidement pour mettre la personne à l’aise.",
                "Le silence est souvent un temps de réflexion ou d’hésitation utile ; on peut le nommer avec douceur.",
                answer=False,
                if_true="Pas tout à fait : combler le silence peut couper la personne au moment où elle réfléchit.",
                if_false="Exact : laisser vivre le silence, puis relancer doucement si besoin.",
            ),
            single(
                "« Ça va aller, ne vous inquiétez pas. » Selon Porter, quelle attitude est-ce ?",
                "Rassurer trop vite minimise ce que vit la personne, même avec une bonne intention.",
                wrong("L’interprétation", "Non, l’interprétation propose une explication de ce qui est vécu."),
                right("La consolation (ou le soutien rapide)", "Oui : elle part d’une bonne intention mais minimise."),
                wrong("La compréhension", "Non, la compréhension reformule et vérifie ce que vit la personne."),
            ),
        ),
    ],
)

LESSON_EN_PAIR = lesson(
    "ecouter-en-pair",
    "Écouter en pair : quand l’histoire de l’autre rejoint la vôtre",
    minutes=40,
    rule="reflection_written",
    body=[
        text(
            "<p>Écouter une personne qui traverse ce que vous avez vous-même traversé est à la fois une force "
            "et une difficulté. Une force, parce que vous comprenez vite, et parce que la personne sent qu’elle "
            "n’a pas besoin de tout expliquer. Une difficulté, parce que son récit peut réveiller le vôtre.</p>"
            "<h2>La résonance</h2>"
            "<p>On parle de <strong>résonance</strong> quand ce que dit l’autre fait écho à notre propre "
            "histoire : une émotion monte, un souvenir revient, on se sent soudain moins disponible. La "
            "résonance est normale, elle n’est pas un signe de fragilité ou d’incompétence. Elle devient un "
            "problème seulement si elle passe inaperçue : on risque alors de projeter son vécu sur l’autre "
            "(« je sais exactement ce que vous ressentez »), de vouloir lui éviter ce qui nous a fait souffrir, "
            "ou de prendre soi-même beaucoup de place dans l’échange.</p>"
            "<p>Quelques gestes aident à la repérer et à la contenir :</p>"
            "<ul>"
            "<li>Remarquer les signaux de votre corps : gorge serrée, chaleur, envie d’abréger ou au contraire "
            "de prolonger.</li>"
            "<li>Revenir à la personne par une reformulation, qui recentre l’échange sur son vécu.</li>"
            "<li>Noter, après l’entretien, ce qui vous a touché, pour en parler en intervision ou en "
            "supervision plutôt que de le garder pour vous.</li>"
            "</ul>"
            "<h2>Partager son expérience : pas tout de suite, et pas pour soi</h2>"
            "<p>Le partage de votre vécu est un outil propre à la pair-aidance ; il est travaillé en détail "
            "dans le module consacré à l’éthique et à la posture. Du point de vue de l’écoute, retenez une "
            "règle : on partage <em>après</em> avoir écouté, et seulement si cela sert la personne. Une phrase "
            "courte suffit souvent : « J’ai moi aussi vécu une période où je ne sortais plus de chez moi. Ce "
            "qui m’a aidé, c’est d’avoir un rendez-vous fixe par semaine. Et vous, qu’est-ce qui pourrait vous "
            "aider ? » La question finale rend la parole à la personne.</p>"
            "<h2>Écouter sans tout porter</h2>"
            "<p>Écouter ne veut pas dire tout prendre en charge. Vous n’êtes ni le thérapeute ni le médecin de "
            "la personne, et vous ne travaillez pas seul : les recommandations de la HAS prévoient une pratique "
            "en binôme avec un autre membre de l’équipe. Si, pendant l’écoute, vous entendez des signes "
            "d’alerte (des idées de mort, une mise en danger, une personne qui ne se nourrit plus), votre rôle "
            "est d’accueillir ce qui est dit sans le minimiser, puis de ne pas rester seul avec cette "
            "information : vous en parlez à la personne (« ce que vous me dites est important, j’aimerais "
            "qu’on en parle aussi avec l’infirmière de l’équipe ») et vous en parlez à l’équipe. Le module "
            "sur la gestion de crise détaille ces situations.</p>"
            "<h2>Terminer un échange</h2>"
            "<p>La fin compte autant que le début. Prévenez quelques minutes avant (« il nous reste cinq "
            "minutes »), proposez une courte synthèse, demandez ce que la personne retient, et dites "
            "clairement ce qui va se passer ensuite : prochain rendez-vous, démarche à faire, personne à "
            "contacter entre deux rencontres. Une fin annoncée évite le sentiment d’abandon, surtout chez des "
            "personnes qui ont souvent vécu des ruptures de suivi.</p>"
            "<h2>La confidentialité, dès l’écoute</h2>"
            "<p>Ce que la personne vous confie ne se raconte pas en dehors du cadre. Au sein d’une équipe, "
            "seules les informations utiles à son accompagnement sont partagées, et il est juste de le lui "
            "dire : « ce que vous me dites reste entre nous et l’équipe qui vous accompagne, sauf si vous me "
            "demandez de le garder pour moi et que ça ne vous met pas en danger ». Ces règles sont précisées "
            "dans le module sur l’éthique.</p>"
        ),
        key_points(
            "À retenir",
            "La résonance est normale ; elle devient un risque quand on ne la repère pas.",
            "On partage son vécu après avoir écouté, brièvement, et on rend la parole à la personne.",
            "Face à un signe d’alerte, on accueille sans minimiser et on ne reste pas seul : on en parle à l’équipe.",
            "Une fin d’échange se prépare : synthèse, suite, personne à contacter.",
        ),
        reflection(
            "Repensez à un moment de votre parcours où vous vous êtes senti vraiment écouté, et à un moment où "
            "vous ne l’avez pas été. Qu’est-ce qui faisait la différence ? Qu’est-ce que vous aimeriez "
            "reproduire, ou éviter, quand c’est vous qui écoutez ?",
            "Écrivez librement, pour vous : ce journal est privé. Vous pouvez décrire une situation concrète "
            "(un lieu, une personne, une phrase), puis noter ce que vous en retirez pour votre pratique. Si "
            "un souvenir est trop douloureux, choisissez-en un autre ou revenez-y plus tard.",
        ),
    ],
)

MODULE = {
    "slug": "ecoute-active",
    "title": "L’écoute active",
    "order": 1,
    "summary": (
        "Écouter sans juger, reformuler, laisser de la place aux silences : ce module pose les bases de la "
        "relation d’aide entre pairs. Il aborde aussi ce qui se passe quand l’histoire de l’autre fait écho "
        "à la vôtre."
    ),
    "objectives": [
        "Décrire les attitudes qui fondent l’écoute active (empathie, regard positif, congruence).",
        "Utiliser la reformulation, les questions ouvertes et le silence dans un échange réel.",
        "Repérer les attitudes spontanées qui ferment l’échange et les différer.",
        "Reconnaître la résonance avec son propre vécu et savoir quoi en faire.",
    ],
    "competencies": [
        "Établir une relation de confiance avec une personne accompagnée",
        "Conduire un entretien centré sur la personne",
        "Identifier un signe d’alerte et le relayer à l’équipe",
    ],
    "estimated_hours": 21,
    "lessons": [LESSON_FONDEMENTS, LESSON_TECHNIQUES, LESSON_EN_PAIR],
}
