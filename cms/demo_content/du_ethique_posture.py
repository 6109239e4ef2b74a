"""DU module 3: éthique et posture."""

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

LESSON_PARTAGE = lesson(
    "partager-son-vecu-a-bon-escient",
    "Partager son vécu à bon escient",
    minutes=45,
    rule="viewed",
    body=[
        text(
            "<p>Le partage de son expérience est ce qui distingue le plus clairement le pair-aidant des autres "
            "membres d’une équipe. C’est un outil puissant : il montre que le rétablissement est possible, il "
            "crée un lien d’identification, il rend plus audible une information. Mais c’est un outil, pas une "
            "obligation, et il obéit à une règle simple : <strong>on partage pour l’autre, pas pour soi</strong>.</p>"
            "<h2>Quatre questions avant de partager</h2>"
            "<p>Avant de raconter un morceau de votre histoire, prenez l’habitude de vous poser rapidement ces "
            "questions :</p>"
            "<ol>"
            "<li><strong>Pour qui ?</strong> Est-ce que cela va servir la personne en face de moi, ou est-ce que "
            "j’ai besoin, moi, d’en parler en ce moment ?</li>"
            "<li><strong>Pourquoi ?</strong> Quel est mon but : redonner de l’espoir, montrer une stratégie qui "
            "m’a aidé, normaliser une émotion, rendre une démarche moins effrayante ?</li>"
            "<li><strong>Pourquoi maintenant ?</strong> La personne est-elle disponible pour entendre ? Ai-je "
            "d’abord assez écouté ?</li>"
            "<li><strong>Combien ?</strong> Quel est le minimum de détails utile ? Un partage efficace tient "
            "souvent en trois ou quatre phrases.</li>"
            "</ol>"
            "<h2>Partager le chemin plutôt que la chute</h2>"
            "<p>Ce qui aide le plus souvent n’est pas le récit des moments les plus sombres, mais la manière dont "
            "vous les avez traversés : ce qui vous a aidé, ce que vous avez appris, ce que vous faites "
            "aujourd’hui pour prendre soin de vous. Un récit très détaillé de symptômes ou d’événements "
            "traumatiques peut inquiéter la personne, la mettre dans la position de vous consoler, ou réveiller "
            "sa propre souffrance. Comparez :</p>"
            "<blockquote>« J’ai moi aussi eu très peur de mon premier rendez-vous au CMP. J’avais préparé sur "
            "un papier ce que je voulais dire, et ça m’a rassuré. Vous voulez qu’on le prépare ensemble ? »"
            "</blockquote>"
            "<p>Ce partage est court, il reconnaît l’émotion, propose un outil concret et rend la main à la "
            "personne.</p>"
            "<h2>Ce qu’il vaut mieux éviter</h2>"
            "<ul>"
            "<li>Comparer (« moi c’était pire ») ou généraliser (« ça marche pour tout le monde »).</li>"
            "<li>Présenter votre traitement, votre diagnostic ou vos choix comme un modèle à suivre.</li>"
            "<li>Partager sous le coup de l’émotion, quand le récit de l’autre vous a touché de plein fouet.</li>"
            "<li>Raconter ce que vous n’êtes pas prêt à voir circuler : une fois dit, un récit ne vous "
            "appartient plus tout à fait.</li>"
            "</ul>"
            "<h2>Votre droit de ne pas tout dire</h2>"
            "<p>Être pair-aidant ne vous oblige pas à révéler votre diagnostic, votre traitement ou les détails "
            "de votre histoire, ni aux personnes accompagnées ni à vos collègues. Vous choisissez ce que vous "
            "partagez, avec qui, et vous pouvez changer d’avis selon les périodes. Certains pairs définissent "
            "à l’avance les « zones » de leur histoire qu’ils partagent volontiers, celles qu’ils partagent "
            "avec prudence et celles qui restent privées. C’est une bonne manière de ne pas se laisser "
            "surprendre par une question directe, à laquelle on peut toujours répondre : « Je préfère garder "
            "ça pour moi, mais je peux vous dire ce qui m’a aidé. »</p>"
            "<h2>Partager avec l’équipe</h2>"
            "<p>Au sein de l’équipe, votre savoir expérientiel peut aussi éclairer les pratiques : dire comment "
            "une procédure est vécue du côté des personnes accompagnées, proposer une formulation plus "
            "accessible. Là encore, vous restez maître de ce que vous dévoilez de votre vie personnelle.</p>"
        ),
        key_points(
            "À retenir",
            "On partage pour l’autre : pour qui, pourquoi, pourquoi maintenant, combien ?",
            "Partager le chemin (ce qui a aidé) plutôt que la chute (les détails douloureux).",
            "Court, concret, puis on rend la parole à la personne.",
            "Vous n’êtes jamais obligé de révéler votre diagnostic ou votre histoire.",
        ),
        case_study(
            "« Et vous, vous avez été interné ? »",
            "<p>Lors d’un groupe dans un service d’hospitalisation, Inès, 19 ans, hospitalisée pour la "
            "première fois, vous demande devant les autres participants : « Et vous, vous avez été interné ? "
            "Vous aviez quoi comme maladie ? » Le groupe se tait et vous regarde.</p>",
            "Qu’est-ce qui, dans la question d’Inès, pourrait exprimer un besoin plus profond ?",
            "Que choisissez-vous de partager, et qu’est-ce que vous gardez pour vous ?",
            "Comment la réponse peut-elle tenir compte de la présence du groupe ?",
        ),
    ],
)

LESSON_SECRET = lesson(
    "confidentialite-et-secret-professionnel",
    "Confidentialité, secret professionnel et partage d’informations",
    minutes=45,
    rule="quiz_passed",
    body=[
        text(
            "<p>Les personnes que vous accompagnez vous confient des éléments très intimes : leur santé, leur "
            "famille, parfois des choses qu’elles n’ont dites à personne. La confiance qu’elles vous accordent "
            "repose sur la certitude que ces informations seront protégées. Les règles qui suivent sont à la "
            "fois juridiques et éthiques.</p>"
            "<h2>Le principe : le respect de la vie privée</h2>"
            "<p>Le Code de la santé publique (article L1110-4) garantit à toute personne prise en charge le "
            "respect de sa vie privée et du secret des informations qui la concernent. Si vous êtes salarié "
            "d’un établissement de santé ou d’un service médico-social, vous êtes tenu au secret professionnel "
            "comme les autres membres de l’équipe, et sa violation est une infraction pénale. Si vous "
            "intervenez comme bénévole, vous êtes tenu par les règles de votre structure, qui prévoient en "
            "général une obligation de discrétion équivalente dans les faits.</p>"
            "<h2>Le partage au sein de l’équipe</h2>"
            "<p>Le secret n’empêche pas de travailler ensemble. Les membres d’une même équipe de soins peuvent "
            "échanger les informations <strong>strictement nécessaires</strong> à l’accompagnement de la "
            "personne, qui doit en être informée et peut s’y opposer. Dans la pratique :</p>"
            "<ul>"
            "<li>Dites à la personne, dès le début, ce qui sera partagé avec l’équipe et pourquoi.</li>"
            "<li>Ne transmettez que ce qui est utile : un détail intime sans lien avec l’accompagnement n’a "
            "pas sa place dans une réunion ou un dossier.</li>"
            "<li>Écrivez les transmissions comme si la personne allait les lire : elle en a d’ailleurs le droit, "
            "puisque chacun peut accéder aux informations de son dossier. Des faits, des mots rapportés entre "
            "guillemets, pas de jugement (« opposant », « manipulateur »).</li>"
            "</ul>"
            "<h2>Les limites du secret</h2>"
            "<p>Le secret cède devant un danger grave : si la vie ou la sécurité de la personne, ou d’un tiers, "
            "est menacée, vous devez alerter l’équipe. C’est pourquoi on ne promet jamais un secret absolu. Une "
            "formule honnête : « Ce que vous me dites reste dans l’équipe qui vous accompagne. Si j’avais peur "
            "pour votre sécurité, je vous le dirais et j’en parlerais avec l’équipe. »</p>"
            "<p>Face aux proches, la règle est la même : sans l’accord de la personne, vous ne confirmez même "
            "pas qu’elle est accompagnée par votre service. Vous pouvez écouter un proche inquiet et lui "
            "indiquer des ressources (associations de familles, par exemple), sans rien révéler.</p>"
            "<h2>Les situations du quotidien</h2>"
            "<ul>"
            "<li><strong>Croiser une personne accompagnée en ville</strong> : laissez-la choisir de vous saluer "
            "ou non ; votre bonjour pourrait l’obliger à expliquer qui vous êtes.</li>"
            "<li><strong>Les réseaux sociaux</strong> : pas de demande d’« amitié » avec les personnes "
            "accompagnées, pas de récit de situations, même anonymisées, qui permettrait de les reconnaître.</li>"
            "<li><strong>L’intervision et la formation</strong> : on peut y évoquer des situations pour "
            "apprendre, en retirant tout ce qui permettrait d’identifier la personne.</li>"
            "<li><strong>Votre propre histoire</strong> : si vous travaillez dans un service où vous avez été "
            "soigné, votre dossier reste le vôtre. Vous n’avez pas à y accéder par votre poste, et vos "
            "collègues n’ont pas à en parler.</li>"
            "</ul>"
        ),
        key_points(
            "À retenir",
            "Secret et vie privée sont garantis par la loi ; salarié ou bénévole, vous y êtes tenu.",
            "En équipe, on partage le strict nécessaire, et la personne en est informée.",
            "On ne promet jamais un secret absolu : le danger grave justifie d’alerter.",
            "On écrit chaque transmission comme si la personne allait la lire.",
        ),
        quiz(
            "Vérifier ses acquis : confidentialité",
            single(
                "La mère d’une personne que vous accompagnez vous appelle pour savoir comment va son fils. "
                "Il n’a pas donné son accord pour que l’on parle avec elle. Que faites-vous ?",
                "Sans accord, on ne révèle rien, mais on peut écouter et orienter le proche.",
                wrong(
                    "Vous la rassurez en lui donnant quelques nouvelles générales.",
                    "Non : même des nouvelles générales confirment qu’il est accompagné et révèlent des informations.",
                ),
                right(
                    "Vous l’écoutez, vous expliquez que vous ne pouvez rien dire sans son accord et vous lui "
                    "indiquez des ressources pour les proches.",
                    "Oui : vous respectez le secret sans fermer la porte à sa propre inquiétude.",
                ),
                wrong(
                    "Vous raccrochez poliment sans rien dire.",
                    "Le secret est respecté, mais vous pouvez aussi accueillir l’inquiétude et orienter.",
                ),
            ),
            true_false(
                "Vous pouvez promettre à une personne que tout ce qu’elle vous dit restera entre vous deux.",
                "Le secret cède devant un danger grave, et l’équipe partage le nécessaire : on ne promet pas "
                "un secret absolu.",
                answer=False,
                if_true="Non : cette promesse pourrait devenir impossible à tenir, par exemple en cas de danger.",
                if_false="Exact : on explique honnêtement ce qui sera partagé et dans quels cas.",
            ),
            multiple(
                "Quelles pratiques respectent la confidentialité ?",
                "La confidentialité s’applique aussi hors du service : en ville, en ligne, en formation.",
                right(
                    "Laisser la personne choisir de vous saluer quand vous la croisez en ville.",
                    "Oui, elle reste libre de ne pas expliquer qui vous êtes.",
                ),
                wrong(
                    "Raconter une situation marquante sur un réseau social, sans le nom de la personne.",
                    "Non : d’autres détails peuvent suffire à la reconnaître.",
                ),
                right(
                    "Évoquer une situation en intervision en retirant ce qui permettrait d’identifier la personne.",
                    "Oui, c’est le bon usage de l’intervision.",
                ),
                right(
                    "Écrire dans le dossier « a refusé le rendez-vous, dit être trop fatiguée » plutôt "
                    "que « opposante ».",
                    "Oui : des faits et des mots rapportés, sans étiquette.",
                ),
            ),
        ),
    ],
)

LESSON_DISTANCE = lesson(
    "juste-distance-et-place-dans-l-equipe",
    "La juste distance et la place du pair dans l’équipe",
    minutes=45,
    rule="reflection_written",
    body=[
        text(
            "<p>La relation entre pairs est plus proche et plus horizontale que la relation de soin "
            "habituelle. C’est sa richesse, et c’est pourquoi la question des limites s’y pose avec une force "
            "particulière. On parle souvent de <strong>juste distance</strong> : ni trop loin (une posture "
            "froide d’expert qui ferait perdre ce que le pair apporte), ni trop près (une relation d’amitié ou "
            "de dépendance qui finirait par nuire à la personne comme à vous).</p>"
            "<h2>Des limites claires protègent tout le monde</h2>"
            "<p>Quelques repères, à adapter avec votre équipe et à inscrire dans votre fiche de missions :</p>"
            "<ul>"
            "<li><strong>Les coordonnées</strong> : utilisez le téléphone professionnel et les horaires "
            "prévus. Donner son numéro personnel « pour dépanner » crée des attentes difficiles à tenir.</li>"
            "<li><strong>L’argent et les cadeaux</strong> : pas de prêt, pas d’achat pour la personne sur vos "
            "fonds propres. Un petit geste symbolique peut être accepté selon les règles de la structure ; "
            "en cas de doute, on en parle en équipe.</li>"
            "<li><strong>Les relations personnelles</strong> : pas d’amitié ni de relation amoureuse ou sexuelle "
            "avec une personne accompagnée. Si un attachement naît, de part ou d’autre, on en parle en "
            "supervision.</li>"
            "<li><strong>Les doubles relations</strong> : il arrive de connaître une personne accompagnée "
            "dans un autre cadre (un GEM que vous fréquentez, un voisinage, une ancienne hospitalisation "
            "partagée). Signalez-le à votre encadrement, pour décider ensemble qui accompagne la personne.</li>"
            "</ul>"
            "<h2>Ni sous-soignant, ni alibi</h2>"
            "<p>Les recommandations de la HAS insistent sur une intégration <strong>fonctionnelle</strong> des "
            "pairs : des missions coécrites avec les personnes concernées, une participation à la vie de "
            "l’équipe, une pratique en binôme avec un autre membre de l’équipe et, lorsque c’est possible, au "
            "moins deux pairs par équipe pour éviter l’isolement. L’action des pairs est complémentaire de celle "
            "des professionnels et ne s’y substitue pas.</p>"
            "<p>Deux dérives guettent un pair-aidant dans une équipe. La première est de devenir un "
            "« sous-soignant » à qui l’on confie les tâches que personne ne veut faire, ou qui finit par "
            "adopter le langage et le regard clinique au point de perdre sa spécificité. La seconde est d’être "
            "un alibi : présent sur l’organigramme, mais jamais consulté. Dans les deux cas, la clarté des "
            "missions et un encadrement attentif sont les meilleures protections.</p>"
            "<h2>Porter une autre voix, avec tact</h2>"
            "<p>Votre place vous amènera parfois à dire des choses que l’équipe n’a pas envie d’entendre : "
            "qu’une règle du service est vécue comme humiliante, qu’un mot utilisé en réunion blesse, qu’une "
            "personne souhaite autre chose que ce qui est prévu pour elle. La HAS souligne que la présence "
            "d’un pair aide les équipes à réinterroger leurs pratiques et à limiter les risques de violence "
            "institutionnelle involontaire. Cela se fait mieux en s’appuyant sur des situations concrètes, en "
            "parlant de ce que vivent les personnes plutôt qu’en accusant, et en choisissant le bon lieu : la "
            "réunion d’équipe, l’analyse de pratiques, un échange avec le cadre.</p>"
            "<p>Il vous arrivera aussi de ne pas être d’accord avec une décision. Vous pouvez le dire, "
            "expliquer votre point de vue, et aider la personne à faire entendre le sien (par exemple en "
            "préparant avec elle un rendez-vous médical). Vous n’avez pas à remettre en cause la décision "
            "devant la personne en discréditant l’équipe : cela l’exposerait à un conflit de loyauté.</p>"
        ),
        key_points(
            "À retenir",
            "La juste distance : assez proche pour le lien, assez claire pour protéger chacun.",
            "Coordonnées professionnelles, ni argent ni relation personnelle, doubles relations signalées.",
            "HAS : missions coécrites, binôme, au moins deux pairs par équipe quand c’est possible.",
            "Porter la voix des personnes avec des faits, au bon endroit, sans discréditer l’équipe.",
        ),
        reflection(
            "Quelles limites sont pour vous évidentes, et lesquelles vous semblent plus difficiles à tenir "
            "(par exemple refuser de donner votre numéro à une personne très isolée) ? Qu’est-ce qui, dans "
            "votre histoire, rend certaines limites plus délicates ?",
            "Il n’y a pas de bonne réponse : l’objectif est de repérer à l’avance les situations où vous "
            "pourriez être mis en difficulté, pour pouvoir en parler en supervision. Vous pouvez terminer par "
            "une phrase que vous aimeriez pouvoir dire dans ce genre de situation.",
        ),
    ],
)

MODULE = {
    "slug": "ethique-et-posture",
    "title": "Éthique et posture du pair-aidant",
    "order": 3,
    "summary": (
        "Partager son vécu quand cela sert l’autre, protéger ce qui est confié, trouver la juste distance "
        "et sa place dans une équipe pluriprofessionnelle. Ce module donne des repères concrets pour les "
        "situations où la bonne réponse n’est pas évidente."
    ),
    "objectives": [
        "Utiliser le partage de son expérience de manière intentionnelle, brève et centrée sur la personne.",
        "Appliquer les règles de confidentialité, de secret professionnel et de partage d’informations.",
        "Poser et tenir des limites claires dans la relation d’accompagnement.",
        "Situer son rôle dans l’équipe selon les recommandations de la HAS.",
    ],
    "competencies": [
        "Mobiliser son savoir expérientiel au service de la personne accompagnée",
        "Respecter le cadre éthique et légal de l’accompagnement",
        "Coopérer avec une équipe pluriprofessionnelle en gardant sa spécificité",
    ],
    "estimated_hours": 21,
    "lessons": [LESSON_PARTAGE, LESSON_SECRET, LESSON_DISTANCE],
}
