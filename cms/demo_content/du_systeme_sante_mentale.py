"""DU module 6: le système de santé mentale et ses acteurs."""

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

LESSON_PSYCHIATRIE = lesson(
    "psychiatrie-publique-secteur-cmp-hopital",
    "La psychiatrie publique : le secteur, le CMP, l’hôpital",
    minutes=45,
    rule="viewed",
    body=[
        text(
            "<p>Les personnes que vous accompagnerez se perdent souvent dans le système de santé mentale : "
            "sigles, lieux, interlocuteurs qui changent. Vous-même l’avez peut-être connu de l’intérieur, sans "
            "toujours en comprendre l’organisation. Cette séquence en donne les repères principaux, pour vous "
            "aider à orienter et à expliquer.</p>"
            "<h2>Le secteur psychiatrique</h2>"
            "<p>Depuis les années 1960, la psychiatrie publique française est organisée en "
            "<strong>secteurs</strong> : chaque territoire géographique est rattaché à une équipe "
            "pluriprofessionnelle (psychiatres, infirmiers, psychologues, assistants sociaux, ergothérapeutes…) "
            "qui assure la prévention, les soins et le suivi de ses habitants, au plus près de leur lieu de vie. "
            "L’idée était de sortir du seul hôpital et de soigner dans la cité. En pratique, l’adresse d’une "
            "personne détermine le plus souvent l’équipe publique qui la suivra.</p>"
            "<h2>Les lieux de soins du secteur</h2>"
            "<ul>"
            "<li><strong>Le CMP (centre médico-psychologique)</strong> est le pivot du secteur : consultations "
            "avec des psychiatres, des psychologues, des infirmiers, un assistant social, sans avance de frais. "
            "C’est souvent la porte d’entrée ; les délais d’attente pour un premier rendez-vous peuvent "
            "cependant être longs selon les territoires.</li>"
            "<li><strong>Le CATTP</strong> (centre d’accueil thérapeutique à temps partiel) propose des "
            "activités thérapeutiques, souvent en groupe, pour maintenir ou retrouver une autonomie.</li>"
            "<li><strong>L’hôpital de jour</strong> accueille la personne en journée pour des soins plus "
            "soutenus, tout en lui permettant de rentrer chez elle le soir.</li>"
            "<li><strong>L’hospitalisation complète</strong> est réservée aux périodes où les soins ne peuvent "
            "pas se faire autrement.</li>"
            "<li>Des <strong>équipes mobiles</strong> vont vers les personnes : équipes de crise, équipes "
            "mobiles psychiatrie-précarité pour les personnes sans domicile, équipes pour les adolescents ou "
            "les personnes âgées.</li>"
            "</ul>"
            "<p>À côté du secteur, il existe des cliniques privées, des psychiatres et psychologues libéraux "
            "(certaines séances chez un psychologue sont remboursées dans le cadre du dispositif « Mon soutien "
            "psy », sur orientation d’un médecin), et le médecin traitant, qui reste un interlocuteur "
            "essentiel pour la santé physique comme psychique.</p>"
            "<h2>Les soins sans consentement</h2>"
            "<p>La règle est le soin libre, avec le consentement de la personne. La loi prévoit cependant des "
            "soins sans consentement quand les troubles rendent ce consentement impossible et imposent des "
            "soins immédiats : <strong>à la demande d’un tiers</strong> (un proche, par exemple), <strong>en "
            "cas de péril imminent</strong> sans tiers disponible, ou <strong>sur décision du représentant de "
            "l’État</strong> (le préfet) lorsque la sûreté des personnes ou l’ordre public sont en jeu. Ces "
            "soins peuvent se poursuivre hors de l’hôpital, dans le cadre d’un programme de soins. Un juge "
            "contrôle systématiquement la poursuite d’une hospitalisation complète sans consentement, et la "
            "personne peut être assistée d’un avocat.</p>"
            "<h2>Les droits des personnes</h2>"
            "<ul>"
            "<li>Désigner une <strong>personne de confiance</strong>, qui peut l’accompagner dans ses démarches "
            "et être consultée si elle ne peut plus exprimer sa volonté.</li>"
            "<li>Accéder à son dossier médical.</li>"
            "<li>Saisir la <strong>commission des usagers</strong> de l’établissement en cas de difficulté, "
            "ou la commission départementale des soins psychiatriques, qui examine la situation des personnes "
            "en soins sans consentement.</li>"
            "<li>Être représentée par des <strong>représentants des usagers</strong>, membres d’associations "
            "agréées, qui siègent dans les instances des établissements.</li>"
            "</ul>"
            "<p>Expliquer ces droits simplement, et aider une personne à les exercer, fait partie des missions "
            "où un pair est très attendu.</p>"
        ),
        key_points(
            "À retenir",
            "Le secteur : une équipe publique par territoire, du CMP à l’hôpital.",
            "Le CMP est la porte d’entrée, sans avance de frais.",
            "Les soins sans consentement sont encadrés par la loi et contrôlés par un juge.",
            "Personne de confiance, accès au dossier, commission des usagers : des droits à faire connaître.",
        ),
        case_study(
            "La sortie d’hospitalisation",
            "<p>Yanis, 24 ans, sort d’une première hospitalisation de trois semaines. On lui a remis une "
            "ordonnance et un rendez-vous au CMP « dans six semaines ». Il vous dit qu’il ne sait pas ce "
            "qu’est un CMP, qu’il n’a pas de médecin traitant depuis son déménagement, et qu’il a peur de se "
            "retrouver seul d’ici là.</p>",
            "Quelles informations pourriez-vous lui donner sur le CMP et son rôle ?",
            "Quels relais pourraient l’accompagner d’ici au rendez-vous ?",
            "Comment l’aider à préparer ce premier rendez-vous ?",
        ),
    ],
)

LESSON_MEDICO_SOCIAL = lesson(
    "medico-social-entraide-logement",
    "Le médico-social, l’entraide et le logement",
    minutes=45,
    rule="quiz_passed",
    body=[
        text(
            "<p>Le rétablissement ne se joue pas seulement dans le soin. Avoir un logement, des revenus, des "
            "activités, des liens : tout cela relève d’autres acteurs, du champ social et médico-social et du "
            "monde associatif. Les pairs-aidants y travaillent d’ailleurs nombreux.</p>"
            "<h2>La MDPH, porte d’entrée des droits liés au handicap psychique</h2>"
            "<p>Depuis la loi du 11 février 2005, le <strong>handicap psychique</strong> est reconnu en France. "
            "La maison départementale des personnes handicapées (MDPH) est le guichet unique où la personne "
            "dépose une demande, examinée par une commission. Elle peut ouvrir droit, selon la situation, à "
            "l’allocation aux adultes handicapés (AAH), à la reconnaissance de la qualité de travailleur "
            "handicapé (RQTH), à la prestation de compensation du handicap, ou à une orientation vers un "
            "service ou un établissement. Ces dossiers sont longs et parfois vécus comme humiliants ; les "
            "remplir avec quelqu’un qui connaît la démarche aide beaucoup.</p>"
            "<h2>Les services d’accompagnement</h2>"
            "<ul>"
            "<li><strong>Le SAVS</strong> (service d’accompagnement à la vie sociale) aide la personne à vivre "
            "chez elle : démarches, budget, vie sociale.</li>"
            "<li><strong>Le SAMSAH</strong> (service d’accompagnement médico-social pour adultes handicapés) "
            "ajoute à cet accompagnement une dimension de soins et de coordination avec les soignants. Des "
            "SAMSAH spécialisés en handicap psychique emploient des pairs-aidants.</li>"
            "<li>Des <strong>établissements</strong> (foyers, établissements et services d’aide par le travail, "
            "ou ESAT) accueillent les personnes dont l’orientation a été décidée par la MDPH.</li>"
            "</ul>"
            "<h2>Les groupes d’entraide mutuelle (GEM)</h2>"
            "<p>Les GEM, créés dans le sillage de la loi de 2005, sont des associations d’usagers, organisées "
            "par et pour leurs adhérents, financées par les agences régionales de santé (ARS). Ce ne sont pas "
            "des lieux de soins : on y vient pour rompre l’isolement, partager des activités, prendre des "
            "responsabilités dans l’association. Un GEM est soutenu par une association « marraine » et "
            "emploie souvent un ou des animateurs. Pour beaucoup de pairs-aidants, le GEM a été un premier "
            "lieu d’engagement ; pour les personnes accompagnées, il peut être un lieu de lien durable, "
            "au-delà de l’accompagnement.</p>"
            "<h2>Le logement</h2>"
            "<p>Le programme <strong>« Un chez-soi d’abord »</strong>, expérimenté en France à partir de 2011, "
            "propose à des personnes sans domicile vivant avec un trouble psychique un accès direct à un "
            "logement ordinaire, avec un accompagnement intensif par une équipe pluridisciplinaire qui inclut "
            "des travailleurs pairs. Il repose sur un principe fort : le logement n’est pas une récompense "
            "donnée à la fin d’un parcours, mais un point de départ. D’autres solutions existent, comme les "
            "pensions de famille et résidences accueil.</p>"
            "<h2>Les associations</h2>"
            "<p>Associations d’usagers, associations de familles (comme l’Unafam), associations de pairs : "
            "elles informent, soutiennent, défendent les droits et représentent les personnes dans les "
            "instances. Connaître celles de votre territoire permet d’orienter la personne et ses proches.</p>"
        ),
        key_points(
            "À retenir",
            "La MDPH ouvre les droits liés au handicap psychique (AAH, RQTH, orientations).",
            "SAVS et SAMSAH accompagnent à domicile ; le SAMSAH ajoute une dimension de soins.",
            "Le GEM est une association d’usagers, par et pour ses adhérents, pas un lieu de soins.",
            "« Un chez-soi d’abord » : le logement comme point de départ.",
        ),
        quiz(
            "Vérifier ses acquis : les acteurs du médico-social et de l’entraide",
            single(
                "Qu’est-ce qu’un GEM ?",
                "Le GEM est une association d’usagers, par et pour ses adhérents, financée par l’ARS.",
                wrong(
                    "Un service hospitalier de jour.",
                    "Non : le GEM n’est pas un lieu de soins ; l’hôpital de jour relève du secteur.",
                ),
                right(
                    "Une association d’usagers qui organise entraide et activités par et pour ses adhérents.",
                    "Oui, c’est sa définition.",
                ),
                wrong(
                    "Un service de la MDPH.",
                    "Non : la MDPH ouvre des droits ; le GEM est une association indépendante.",
                ),
            ),
            true_false(
                "Le SAMSAH associe un accompagnement social et une dimension de soins et de coordination.",
                "C’est ce qui distingue le SAMSAH du SAVS.",
                answer=True,
                if_true="Exact : c’est la différence avec le SAVS, centré sur la vie sociale.",
                if_false="Si : le « M » de SAMSAH signifie médico-social, avec une dimension de soins.",
            ),
            multiple(
                "Quelles demandes peut-on adresser à la MDPH ?",
                "La MDPH est le guichet unique des droits liés au handicap.",
                right("L’allocation aux adultes handicapés (AAH).", "Oui."),
                right("La reconnaissance de la qualité de travailleur handicapé (RQTH).", "Oui."),
                wrong(
                    "Une hospitalisation en psychiatrie.",
                    "Non : l’hospitalisation relève des soins, pas de la MDPH.",
                ),
                right("Une orientation vers un SAMSAH.", "Oui, l’orientation est décidée par sa commission."),
            ),
            single(
                "Quel est le principe du programme « Un chez-soi d’abord » ?",
                "Le logement est un point de départ du rétablissement, pas une récompense.",
                wrong(
                    "Accéder à un logement après avoir prouvé sa stabilité en hébergement.",
                    "Non : c’est justement le modèle « en escalier » que ce programme remet en cause.",
                ),
                right(
                    "Un accès direct à un logement ordinaire avec un accompagnement intensif.",
                    "Oui, avec une équipe qui inclut des travailleurs pairs.",
                ),
                wrong(
                    "Un hébergement collectif à l’hôpital.",
                    "Non : il s’agit d’un logement ordinaire, dans la cité.",
                ),
            ),
        ),
    ],
)

LESSON_TERRITOIRE = lesson(
    "coordination-territoriale-clsm-ptsm",
    "Se coordonner sur un territoire : CLSM, PTSM et parcours",
    minutes=40,
    rule="reflection_written",
    body=[
        text(
            "<p>Les acteurs présentés dans les séquences précédentes ne travaillent pas toujours ensemble. Les "
            "personnes en font les frais : ruptures de suivi, démarches répétées, impression d’être renvoyées "
            "d’un guichet à l’autre. Deux dispositifs cherchent à organiser cette coopération sur un "
            "territoire, et les pairs y ont une place à prendre.</p>"
            "<h2>Le conseil local de santé mentale (CLSM)</h2>"
            "<p>Un CLSM est un espace de concertation à l’échelle d’une commune ou d’une intercommunalité, "
            "généralement présidé par un élu local. Il réunit la psychiatrie publique, les services sociaux et "
            "médico-sociaux, les bailleurs, la police ou la justice parfois, les associations, et surtout des "
            "usagers et des proches. Il agit sur des questions concrètes : l’accès au logement, la gestion de "
            "situations complexes, l’organisation des Semaines d’information sur la santé mentale, la lutte "
            "contre la stigmatisation. Un pair-aidant peut y porter le point de vue des personnes concernées "
            "et aider à ce qu’elles y participent elles-mêmes.</p>"
            "<h2>Le projet territorial de santé mentale (PTSM)</h2>"
            "<p>Prévu par la loi de modernisation de notre système de santé de 2016, le PTSM est élaboré à "
            "l’échelle d’un territoire, le plus souvent le département, par l’ensemble des acteurs de la santé "
            "mentale. Il part d’un diagnostic partagé (ce qui manque, ce qui fonctionne), puis fixe des actions "
            "pour organiser des parcours sans rupture : accès au diagnostic et aux soins précoces, prévention "
            "des situations de crise, accès au logement et à l’emploi, droits des personnes, lutte contre la "
            "stigmatisation. Les usagers et leurs représentants participent à son élaboration. La "
            "pair-aidance figure d’ailleurs dans de nombreux PTSM.</p>"
            "<h2>Aider une personne à se repérer</h2>"
            "<p>Au quotidien, votre rôle de pair est souvent plus simple et très précieux : aider une personne "
            "à comprendre qui fait quoi autour d’elle et à relier les morceaux. Quelques pratiques :</p>"
            "<ul>"
            "<li>Dessiner avec elle une carte de ses ressources : soins, social, entraide, proches, avec un nom "
            "et un numéro pour chacun.</li>"
            "<li>Préparer ensemble un rendez-vous important, et proposer de l’y accompagner si elle le "
            "souhaite et si c’est dans vos missions.</li>"
            "<li>Garder à portée de main les numéros utiles : le médecin traitant, le CMP de secteur, le 15 "
            "pour une urgence, le 3114, numéro national de prévention du suicide, et les lignes d’écoute "
            "associatives.</li>"
            "<li>Faire connaître les sites d’information fiables, comme Psycom, qui explique les troubles, les "
            "soins et les droits dans un langage accessible.</li>"
            "</ul>"
            "<h2>Votre place dans ce paysage</h2>"
            "<p>Les pairs-aidants travaillent aujourd’hui dans des lieux très divers : services hospitaliers, "
            "cliniques, CMP, équipes mobiles, SAMSAH, GEM, programmes de logement, associations, et certains "
            "en indépendants. Leur place est encore en construction : statuts et intitulés varient, et la "
            "reconnaissance officielle du métier est un chantier en cours. Connaître le système vous permettra "
            "de vous situer, de trouver des alliés, et de contribuer à le faire évoluer avec les personnes "
            "concernées.</p>"
        ),
        key_points(
            "À retenir",
            "Le CLSM : une concertation locale, présidée par un élu, avec usagers et proches.",
            "Le PTSM : un projet départemental pour des parcours sans rupture, élaboré avec les usagers.",
            "Au quotidien : une carte des ressources, des rendez-vous préparés, des numéros utiles.",
            "Les pairs travaillent dans des lieux variés ; leur reconnaissance est un chantier en cours.",
        ),
        reflection(
            "Dessinez, en mots, la carte des ressources en santé mentale de votre territoire telle que vous la "
            "connaissez : soins, médico-social, entraide, associations, instances comme un CLSM. Où sont les "
            "manques ? Où un pair-aidant pourrait-il être utile ?",
            "Partez de ce que vous connaissez, y compris par votre propre parcours, puis complétez en cherchant "
            "quelques informations (site de votre ARS, de votre commune, annuaires d’associations). Notez "
            "aussi ce que vous ne savez pas encore : ce sera une piste pour votre stage.",
        ),
    ],
)

MODULE = {
    "slug": "systeme-de-sante-mentale-et-acteurs",
    "title": "Le système de santé mentale et ses acteurs",
    "order": 6,
    "summary": (
        "Secteur, CMP, hôpital, MDPH, SAMSAH, GEM, CLSM, PTSM : ce module donne les repères pour comprendre "
        "l’organisation de la santé mentale en France. Il vous prépare à aider les personnes à s’y orienter "
        "et à faire valoir leurs droits."
    ),
    "objectives": [
        "Décrire l’organisation de la psychiatrie publique et les lieux de soins du secteur.",
        "Expliquer les principes des soins sans consentement et les droits des personnes.",
        "Identifier les acteurs sociaux, médico-sociaux et associatifs, dont les GEM et les SAMSAH.",
        "Situer le rôle des CLSM et des PTSM dans la coordination territoriale.",
    ],
    "competencies": [
        "Orienter une personne vers les ressources adaptées de son territoire",
        "Informer une personne de ses droits et l’aider à les exercer",
        "Participer à la coopération entre acteurs d’un territoire",
    ],
    "estimated_hours": 21,
    "lessons": [LESSON_PSYCHIATRIE, LESSON_MEDICO_SOCIAL, LESSON_TERRITOIRE],
}
