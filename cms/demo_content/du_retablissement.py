"""DU module 5: rétablissement et savoir expérientiel."""

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

LESSON_RETABLISSEMENT = lesson(
    "le-retablissement-et-le-modele-chime",
    "Le rétablissement : ce que disent les personnes concernées",
    minutes=45,
    rule="viewed",
    body=[
        text(
            "<p>Le mot « rétablissement » est au cœur de la pair-aidance. Il ne vient pas d’abord des manuels "
            "de psychiatrie : il a été porté, à partir des années 1980, par des personnes vivant avec un trouble "
            "psychique qui racontaient qu’une vie riche et choisie était possible, avec ou sans symptômes. La "
            "psychologue américaine Patricia Deegan, diagnostiquée schizophrène à l’adolescence, a été l’une des "
            "premières à le décrire de l’intérieur.</p>"
            "<h2>Rétablissement clinique, rétablissement personnel</h2>"
            "<p>On distingue souvent deux sens :</p>"
            "<ul>"
            "<li>le <strong>rétablissement clinique</strong>, défini par les soignants : la diminution des "
            "symptômes, la rémission ;</li>"
            "<li>le <strong>rétablissement personnel</strong>, défini par la personne elle-même : retrouver "
            "une vie qui a du sens pour elle, des rôles, des liens, des projets, que les symptômes aient "
            "disparu ou non.</li>"
            "</ul>"
            "<p>Une définition souvent citée, celle du chercheur William Anthony (1993), décrit le "
            "rétablissement comme un processus profondément personnel et unique de changement de ses attitudes, "
            "de ses valeurs, de ses sentiments, de ses buts et de ses rôles, qui permet de mener une vie "
            "satisfaisante, pleine d’espoir et utile, même avec les limites imposées par la maladie. Autrement "
            "dit : le rétablissement n’est pas la guérison, et il n’appartient pas aux soignants de dire où il "
            "en est.</p>"
            "<h2>Le modèle CHIME</h2>"
            "<p>En 2011, une équipe de chercheurs britanniques (Mary Leamy et ses collègues) a analysé de "
            "nombreux récits et travaux sur le rétablissement. Ils en ont tiré cinq processus qui reviennent "
            "dans la plupart des parcours, résumés par l’acronyme anglais <strong>CHIME</strong> :</p>"
            "<ul>"
            "<li><strong>C – Connectedness, le lien</strong> : le soutien des pairs, des proches, le sentiment "
            "d’appartenir à une communauté.</li>"
            "<li><strong>H – Hope, l’espoir</strong> : croire qu’un changement est possible, avoir des rêves "
            "et des motivations, des relations qui portent cet espoir.</li>"
            "<li><strong>I – Identity, l’identité</strong> : se reconstruire une identité positive, ne plus se "
            "réduire à un diagnostic, dépasser la stigmatisation.</li>"
            "<li><strong>M – Meaning, le sens</strong> : donner un sens à l’expérience de la maladie, retrouver "
            "des rôles sociaux et une qualité de vie.</li>"
            "<li><strong>E – Empowerment, le pouvoir d’agir</strong> : reprendre la responsabilité de sa vie, "
            "le contrôle de ses choix, s’appuyer sur ses forces.</li>"
            "</ul>"
            "<p>Ce modèle est un outil de lecture, pas une liste à cocher. Il aide à repérer, dans un "
            "accompagnement, ce qui soutient déjà le rétablissement d’une personne et ce qui pourrait être "
            "renforcé. Vous pouvez d’ailleurs relire votre propre parcours à sa lumière.</p>"
            "<h2>Un chemin qui n’est pas linéaire</h2>"
            "<p>Le rétablissement comporte des avancées, des pauses et des retours en arrière. Une "
            "hospitalisation ou une rechute n’efface pas le chemin parcouru. Pour les personnes que vous "
            "accompagnez, entendre cela de la part de quelqu’un qui l’a vécu est souvent plus convaincant "
            "que n’importe quelle brochure.</p>"
            "<p>Enfin, le rétablissement n’est pas une injonction. Une personne peut ne pas se reconnaître dans "
            "ce mot, ou ne pas vouloir « se rétablir » au sens où on l’entend autour d’elle. Le rôle du pair "
            "est de rendre le chemin visible et possible, pas de l’imposer.</p>"
        ),
        key_points(
            "À retenir",
            "Le rétablissement personnel est défini par la personne : une vie qui a du sens, avec ou sans symptômes.",
            "CHIME : lien, espoir, identité, sens, pouvoir d’agir.",
            "Le chemin n’est pas linéaire ; une rechute n’efface pas ce qui a été parcouru.",
            "Le rétablissement se propose, il ne s’impose pas.",
        ),
        case_study(
            "« Rétablie, moi ? »",
            "<p>Hélène, 45 ans, vit avec un trouble bipolaire. Elle prend son traitement, n’a pas été "
            "hospitalisée depuis quatre ans, et son psychiatre la dit « stabilisée ». Elle vous confie pourtant "
            "qu’elle ne voit plus personne, qu’elle a abandonné le chant qu’elle aimait, et qu’elle a "
            "l’impression de « survivre à côté de sa vie ».</p>",
            "Où en est Hélène du point de vue du rétablissement clinique ? Et du rétablissement personnel ?",
            "Quelles dimensions du modèle CHIME vous semblent les plus fragiles pour elle ?",
            "Par quelle question pourriez-vous ouvrir la discussion sur ce qui compte pour elle ?",
        ),
    ],
)

LESSON_SAVOIR = lesson(
    "du-vecu-au-savoir-experientiel",
    "Du vécu au savoir expérientiel",
    minutes=45,
    rule="quiz_passed",
    body=[
        text(
            "<p>Avoir vécu un trouble psychique ne suffit pas à faire un pair-aidant. Ce qui fonde le métier, "
            "c’est le <strong>savoir expérientiel</strong> : un savoir tiré de l’expérience, mais travaillé, "
            "mis à distance et rendu utile pour d’autres. La sociologue américaine Thomasina Borkman l’a décrit "
            "dès les années 1970 à propos des groupes d’entraide : une connaissance acquise en vivant une "
            "situation, et non en l’étudiant, qui n’en est pas moins une connaissance.</p>"
            "<h2>Trois étapes</h2>"
            "<ol>"
            "<li><strong>Le vécu</strong> : ce qui vous est arrivé, avec ses émotions, ses ruptures, ses "
            "rencontres. Il est unique et il vous appartient.</li>"
            "<li><strong>La prise de recul</strong> : comprendre ce qui vous a aidé ou freiné, donner un sens "
            "à votre parcours, pouvoir en parler sans être submergé. Ce travail se fait souvent avec d’autres, "
            "dans un groupe d’entraide, une thérapie ou une formation comme celle-ci.</li>"
            "<li><strong>Le savoir transférable</strong> : comparer votre expérience à celles d’autres "
            "personnes, repérer ce qui est commun et ce qui est propre à chacun, en tirer des repères utiles "
            "sans en faire une règle. C’est ce savoir que vous mobilisez dans l’accompagnement.</li>"
            "</ol>"
            "<p>Concrètement, le savoir expérientiel permet par exemple de savoir ce que l’on ressent lors "
            "d’une première hospitalisation, quelles questions on n’ose pas poser à son psychiatre, comment on "
            "vit les effets indésirables d’un traitement au quotidien, ce qui aide à reprendre une activité. "
            "Il complète le savoir clinique des soignants et le savoir théorique des chercheurs, sans les "
            "remplacer.</p>"
            "<h2>L’effet miroir</h2>"
            "<p>La HAS souligne l’intérêt de l’effet « miroir » : voir qu’une personne ayant traversé des "
            "difficultés comparables a pu avancer aide à se projeter et à espérer de nouveau. Elle précise que "
            "cet effet <strong>ne nécessite pas une identité des expériences</strong> : une personne peut se "
            "reconnaître dans un parcours très différent du sien. Vous n’avez donc pas besoin d’avoir le même "
            "diagnostic que la personne accompagnée pour lui être utile.</p>"
            "<h2>Une histoire ancienne, une reconnaissance récente</h2>"
            "<p>L’idée que l’expérience des personnes concernées éclaire le soin n’est pas neuve. À la fin du "
            "XVIIIe siècle, à l’hôpital de Bicêtre, Jean-Baptiste Pussin, ancien patient devenu surveillant, a "
            "inspiré au médecin Philippe Pinel une approche plus humaine, le « traitement moral ». Au XXe "
            "siècle, les groupes d’entraide comme les Alcooliques anonymes, nés dans les années 1930, ont "
            "montré la force du soutien entre pairs. Le Québec a créé dès 2006 un programme de formation de "
            "pairs-aidants en santé mentale.</p>"
            "<p>En France, les premiers postes de travailleurs pairs apparaissent au milieu des années 2000, "
            "puis viennent le programme « Un chez-soi d’abord » (2011) et le programme des médiateurs de santé "
            "pairs (2012), avec une licence universitaire. Des diplômes universitaires ont ensuite vu le jour "
            "dans plusieurs villes. Le métier reste en construction : les statuts et les intitulés varient, il "
            "n’a pas encore de code dans le répertoire des métiers de France Travail, et la HAS travaille à "
            "clarifier les rôles des différentes formes de participation des personnes concernées.</p>"
        ),
        key_points(
            "À retenir",
            "Le savoir expérientiel est un vécu travaillé : mis à distance, comparé, rendu utile.",
            "Il complète le savoir clinique et le savoir théorique, sans les remplacer.",
            "L’effet miroir ne demande pas des parcours identiques.",
            "Le métier a des racines anciennes et une reconnaissance encore en construction.",
        ),
        quiz(
            "Vérifier ses acquis : le savoir expérientiel",
            single(
                "Qu’est-ce qui distingue le savoir expérientiel du simple vécu ?",
                "Le vécu devient savoir quand il est mis à distance et rendu utile pour d’autres.",
                wrong(
                    "Il faut avoir vécu une expérience particulièrement grave.",
                    "Non : ce n’est pas l’intensité du vécu qui compte, mais le travail fait à partir de lui.",
                ),
                right(
                    "Un travail de prise de recul et de comparaison avec d’autres expériences.",
                    "Oui : c’est ce travail qui rend l’expérience transférable.",
                ),
                wrong(
                    "Une validation par un psychiatre.",
                    "Non : le savoir expérientiel ne dépend pas d’une validation clinique.",
                ),
            ),
            true_false(
                "Pour que l’effet miroir fonctionne, le pair-aidant doit avoir le même diagnostic que la personne.",
                "La HAS précise que l’effet miroir ne nécessite pas une identité des expériences.",
                answer=False,
                if_true="Non : une personne peut se reconnaître dans un parcours très différent du sien.",
                if_false="Exact : ce qui compte, c’est la possibilité de se projeter, pas l’identité des parcours.",
            ),
            multiple(
                "Quelles dimensions font partie du modèle CHIME ?",
                "CHIME : lien, espoir, identité, sens, pouvoir d’agir.",
                right("L’espoir", "Oui, le H de CHIME (Hope)."),
                right("Le pouvoir d’agir", "Oui, le E de CHIME (Empowerment)."),
                wrong("La disparition des symptômes", "Non : c’est le rétablissement clinique, pas CHIME."),
                right("Le lien avec les autres", "Oui, le C de CHIME (Connectedness)."),
            ),
            single(
                "Qui était Jean-Baptiste Pussin ?",
                "Son histoire montre que l’expérience des personnes concernées éclaire le soin depuis longtemps.",
                right(
                    "Un ancien patient de Bicêtre devenu surveillant, qui a inspiré le « traitement moral » de Pinel.",
                    "Oui, à la fin du XVIIIe siècle.",
                ),
                wrong(
                    "Le fondateur des Alcooliques anonymes.",
                    "Non : les Alcooliques anonymes sont nés aux États-Unis dans les années 1930.",
                ),
                wrong(
                    "Le premier médiateur de santé pair.",
                    "Non : le programme des médiateurs de santé pairs date de 2012.",
                ),
            ),
        ),
    ],
)

LESSON_SOUTENIR = lesson(
    "soutenir-espoir-et-pouvoir-d-agir",
    "Soutenir l’espoir et le pouvoir d’agir au quotidien",
    minutes=45,
    rule="reflection_written",
    body=[
        text(
            "<p>Comment, concrètement, un pair-aidant soutient-il le rétablissement d’une personne ? Pas en "
            "le faisant à sa place, ni en lui promettant que tout ira bien. Plutôt en créant des conditions où "
            "elle peut reprendre espoir, retrouver des choix et s’appuyer sur ses forces.</p>"
            "<h2>Partir des forces, pas seulement des difficultés</h2>"
            "<p>Les dossiers décrivent surtout ce qui ne va pas. Une approche centrée sur les forces inverse "
            "le regard : qu’est-ce que la personne sait faire, qu’est-ce qui compte pour elle, qui sont les "
            "personnes sur qui elle peut compter, qu’est-ce qui l’a déjà aidée ? Des questions simples "
            "ouvrent cette conversation : « Qu’est-ce qui vous a permis de tenir jusqu’ici ? », « Si les "
            "choses allaient un peu mieux dans six mois, qu’est-ce qui aurait changé ? »</p>"
            "<h2>Soutenir les choix, y compris imparfaits</h2>"
            "<p>L’idée de <strong>dignité du risque</strong>, née dans le champ du handicap et reprise par le "
            "mouvement du rétablissement, le dit simplement : pouvoir faire des choix, et parfois se tromper, "
            "fait partie d’une vie d’adulte. Protéger une personne de tout risque "
            "peut l’empêcher d’apprendre et de se rétablir. Cela ne veut pas dire tout accepter : face à un "
            "danger grave, la sécurité passe avant. Mais entre les deux, il y a beaucoup de place pour "
            "accompagner un projet que l’équipe juge « pas réaliste » : reprendre un travail, déménager, "
            "réduire un traitement avec son médecin.</p>"
            "<p>Le pair peut aussi aider la personne à préparer un rendez-vous médical pour participer à la "
            "décision : noter ses questions, ce qu’elle ressent du traitement, ce qu’elle souhaite. C’est une "
            "manière très concrète de soutenir son pouvoir d’agir.</p>"
            "<h2>Faire face à la stigmatisation et à l’autostigmatisation</h2>"
            "<p>Les préjugés sur les troubles psychiques (dangerosité, incapacité, faiblesse) pèsent sur les "
            "personnes, et beaucoup finissent par les intérioriser : c’est l’<strong>autostigmatisation</strong>. "
            "Elle se traduit souvent par un « à quoi bon ? » : à quoi bon chercher un travail, un logement, une "
            "relation, puisque « quelqu’un comme moi » n’y arrivera pas. Votre présence, en tant que personne "
            "concernée qui travaille, est en elle-même un démenti. Vous pouvez aussi aider la personne à "
            "repérer ces pensées, et à retrouver des expériences qui les contredisent.</p>"
            "<h2>Les mots comptent</h2>"
            "<p>Le langage peut enfermer ou ouvrir. Parler d’« une personne vivant avec une schizophrénie » "
            "plutôt que d’« un schizophrène », d’« une personne vivant avec un trouble bipolaire » plutôt que "
            "d’« un bipolaire », c’est rappeler qu’une personne ne se réduit pas à son trouble. Au sein de l’équipe, "
            "le pair-aidant peut aider à faire évoluer ces habitudes, avec tact.</p>"
            "<h2>S’appuyer sur les ressources collectives</h2>"
            "<p>Le rétablissement se joue aussi hors du soin : dans les groupes d’entraide mutuelle (GEM), les "
            "associations d’usagers, les programmes de psychoéducation qui aident à comprendre son trouble, les "
            "activités culturelles ou sportives du quartier. Faire connaître ces ressources, et parfois "
            "accompagner une personne lors de sa première visite, est l’une des actions les plus utiles d’un "
            "pair.</p>"
        ),
        key_points(
            "À retenir",
            "Partir des forces et de ce qui compte pour la personne.",
            "La dignité du risque : soutenir des choix, sauf danger grave.",
            "Votre présence est un démenti aux préjugés ; aidez à repérer l’autostigmatisation.",
            "Parler de la personne avant son trouble, et faire connaître GEM et associations.",
        ),
        reflection(
            "Racontez votre parcours de rétablissement en cinq à dix phrases, comme vous pourriez un jour le "
            "partager avec une personne accompagnée : centré sur ce qui vous a aidé, ce que vous avez appris, "
            "et ce que vous faites aujourd’hui pour prendre soin de vous.",
            "Il ne s’agit pas d’écrire toute votre histoire, mais de vous entraîner à un récit court et porteur "
            "d’espoir. Relisez-le ensuite avec les quatre questions du partage (pour qui, pourquoi, pourquoi "
            "maintenant, combien) et avec le modèle CHIME : quelles dimensions y apparaissent ? Ce texte reste "
            "privé.",
        ),
    ],
)

MODULE = {
    "slug": "retablissement-et-savoir-experientiel",
    "title": "Rétablissement et savoir expérientiel",
    "order": 5,
    "summary": (
        "Ce module explore le rétablissement tel que le décrivent les personnes concernées, le modèle CHIME "
        "et la manière dont un vécu devient un savoir utile aux autres. Il propose des pratiques concrètes "
        "pour soutenir l’espoir, les choix et le pouvoir d’agir."
    ),
    "objectives": [
        "Distinguer rétablissement clinique et rétablissement personnel.",
        "Utiliser le modèle CHIME pour lire un parcours, y compris le sien.",
        "Expliquer ce qu’est le savoir expérientiel et comment il se construit.",
        "Soutenir l’espoir, les choix et le pouvoir d’agir d’une personne accompagnée.",
        "Repérer l’autostigmatisation et promouvoir un langage qui respecte la personne.",
    ],
    "competencies": [
        "Mobiliser un récit de rétablissement au service de l’espoir",
        "Accompagner une personne à partir de ses forces et de ses choix",
        "Lutter contre la stigmatisation dans l’équipe et auprès des personnes",
    ],
    "estimated_hours": 24,
    "lessons": [LESSON_RETABLISSEMENT, LESSON_SAVOIR, LESSON_SOUTENIR],
}
