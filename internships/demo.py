"""Demo internships: host organisations of every kind, tutors, and placements in every state.

Idempotent: everything is found or created by a natural key; a learner's placement is only created once.
All names are invented.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.demo import get_or_create_demo_user
from cohorts.models import Enrolment
from competencies.models import Competency as ReferentielCompetency
from internships import services
from internships.enums import (
    Competency,
    ConcernStatus,
    EvaluationStatus,
    HostKind,
    PlacementStatus,
    SignatureParty,
    WeekStatus,
)
from internships.models import (
    Concern,
    CriterionCompetency,
    Evaluation,
    EvaluationRating,
    HostContact,
    HostOrganisation,
    HostSite,
    HostTeamPeer,
    Placement,
    PlacementSignature,
    PlacementTransition,
    SupervisionSession,
    TimeEntry,
    Tutor,
    WeekSignoff,
)

S = PlacementStatus
HOSTS = [
    # name, SIRET (valid Luhn, invented), kind, site, peers in the team
    ("Centre hospitalier Les Cèdres", "99900010000100", HostKind.PSYCHIATRIC_HOSPITAL, "Unité Arc-en-ciel", 2),
    ("GEM Le Fil d'Ariane", "99900020000207", HostKind.GEM, "Local du centre-ville", 1),
    ("Association Rétablissement Ensemble", "99900030000304", HostKind.ASSOCIATION, "", 3),
    ("SAMSAH Horizons", "99900040000401", HostKind.MEDICO_SOCIAL, "Antenne Nord", 2),
    ("Un chez-soi d'abord — Métropole", "99900050000507", HostKind.HOUSING, "", 2),
]
PEER_NAMES = [
    ["Gaëlle Morin", "Karim Haddad"],
    ["Sonia Perrin"],
    ["Marc Aubert", "Julie Renaud", "Nour Salem"],
    ["Élise Fabre", "Tom Leroux"],
    ["Aïcha Diallo", "Pierre Vidal"],
]
TUTORS = [
    # key, host index, name, e-mail, role, peer worker
    ("tutor", 0, "Nadia Rousseau", None, "Cadre de santé", False),
    ("t-gem", 1, "Yanis Ferrand", "yanis.ferrand@demo.pair-aidance.test", "Animateur du GEM", True),
    ("t-asso", 2, "Odile Marchal", "odile.marchal@demo.pair-aidance.test", "Médiatrice de santé pair", True),
    ("t-samsah", 3, "Bruno Lefèvre", "bruno.lefevre@demo.pair-aidance.test", "Éducateur spécialisé", False),
    ("t-housing", 4, "Fatou Garnier", "fatou.garnier@demo.pair-aidance.test", "Travailleuse pair", True),
]
LEARNERS = [
    # key, first name, last name, status, tutor key
    ("stagiaire-1", "Hugo", "Vasseur", S.PROPOSED, "t-gem"),
    ("stagiaire-2", "Amina", "Keller", S.APPROVED_BY_COORDINATOR, "tutor"),
    ("stagiaire-3", "Théo", "Brunet", S.APPROVED_BY_TUTOR, "t-asso"),
    ("stagiaire-4", "Manon", "Gillet", S.AGREEMENT_SIGNED, "t-samsah"),
    ("stagiaire-5", "Sacha", "Roux", S.MIDPOINT_REVIEW, "tutor"),
    ("stagiaire-6", "Lina", "Perret", S.FINAL_REVIEW, "tutor"),
    ("stagiaire-7", "Jules", "Masson", S.VALIDATED, "t-housing"),
    ("stagiaire-8", "Chloé", "Benoît", S.REFUSED, "t-gem"),
    ("stagiaire-9", "Rayan", "Colin", S.INTERRUPTED, "t-samsah"),
    ("stagiaire-10", "Eva", "Lemaire", S.CANCELLED, "t-asso"),
    # A tutor without an account has weeks to sign off from the link of their e-mail (last week and this one).
    ("stagiaire-11", "Malik", "Fournier", S.IN_PROGRESS, "t-asso"),
]
# Tutors without an account whose last two weeks still wait for their sign-off.
PENDING_WEEKS_FOR = {"t-asso"}
PATH = [
    S.PROPOSED,
    S.APPROVED_BY_COORDINATOR,
    S.APPROVED_BY_TUTOR,
    S.AGREEMENT_SIGNED,
    S.IN_PROGRESS,
    S.MIDPOINT_REVIEW,
    S.FINAL_REVIEW,
    S.VALIDATED,
]


def _dates(status: str, cohort, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    start_floor = cohort.starts_on
    offsets = {
        S.VALIDATED: None,
        S.FINAL_REVIEW: (-60, 5),
        S.MIDPOINT_REVIEW: (-45, 25),
        S.IN_PROGRESS: (-14, 60),
        S.INTERRUPTED: (-30, 30),
        S.AGREEMENT_SIGNED: (7, 70),
        S.APPROVED_BY_TUTOR: (14, 80),
        S.APPROVED_BY_COORDINATOR: (21, 90),
        S.PROPOSED: (30, 100),
        S.REFUSED: (30, 100),
        S.CANCELLED: (30, 100),
    }[status]
    if offsets is None:
        start = start_floor + datetime.timedelta(days=1)
        end = start + datetime.timedelta(days=56)
    else:
        start = max(start_floor, today + datetime.timedelta(days=offsets[0]))
        end = today + datetime.timedelta(days=offsets[1])
    end = min(end, cohort.ends_on)
    if end <= start:
        end = start + datetime.timedelta(days=1)
    return start, end


def _history(placement: Placement, status: str, coordinator) -> None:
    if status in PATH:
        steps = PATH[: PATH.index(status) + 1]
    elif status == S.INTERRUPTED:
        steps = [*PATH[:5], S.INTERRUPTED]
    else:
        steps = [S.PROPOSED, status]
    previous = ""
    notes = {
        S.REFUSED: "Les dates chevauchent le regroupement de janvier.",
        S.INTERRUPTED: "Interruption à la demande de l'apprenant, pour prendre soin de sa santé.",
        S.CANCELLED: "Stage trouvé dans une autre structure.",
    }
    for step in steps:
        by_tutor = placement.tutor if step == S.APPROVED_BY_TUTOR else None
        by_user = None if by_tutor else (placement.proposed_by if step == S.PROPOSED else coordinator)
        PlacementTransition.objects.create(
            placement=placement,
            from_status=previous,
            to_status=step,
            by_user=by_user,
            by_tutor=by_tutor,
            note=notes.get(step, ""),
        )
        previous = step


def _signatures(placement: Placement, coordinator) -> None:
    learner = placement.enrolment.learner
    for party, user, tutor, name in (
        (SignatureParty.LEARNER, learner, None, learner.full_name),
        (SignatureParty.TUTOR, None, placement.tutor, placement.tutor.name),
        (SignatureParty.COORDINATOR, coordinator, None, coordinator.full_name),
    ):
        PlacementSignature.objects.create(
            placement=placement, party=party, signed_by_user=user, signed_by_tutor=tutor, signer_name=name
        )


def _hours(placement: Placement, today: datetime.date, days=(0, 1), pending_weeks=1) -> None:
    """7 hours on the given weekdays, up to yesterday; every week approved except the last `pending_weeks`."""
    this_week = today - datetime.timedelta(days=today.weekday())
    first_pending = this_week - datetime.timedelta(weeks=pending_weeks - 1)
    day = placement.starts_on
    last = min(placement.ends_on, today - datetime.timedelta(days=1))
    activities = ["Accueil au local et temps d'échange", "Co-animation d'un groupe de parole"]
    while day <= last:
        if day.weekday() in days:
            week = day - datetime.timedelta(days=day.weekday())
            TimeEntry.objects.create(
                placement=placement,
                date=day,
                week_start=week,
                hours=Decimal(7),
                activity=activities[day.weekday()],
                day_type="presence",
            )
            current = week >= first_pending
            WeekSignoff.objects.get_or_create(
                placement=placement,
                week_start=week,
                defaults={
                    "status": WeekStatus.PENDING if current else WeekStatus.APPROVED,
                    "decided_by": None if current else placement.tutor,
                    "decided_at": None if current else timezone.now(),
                },
            )
        day += datetime.timedelta(days=1)


def _evaluation(placement: Placement, kind: str, status: str, level: int) -> None:
    evaluation = Evaluation.objects.create(
        placement=placement,
        kind=kind,
        status=status,
        submitted_at=timezone.now(),
        submitted_by_user=placement.enrolment.learner if kind == "self" else None,
        submitted_by_tutor=None if kind == "self" else placement.tutor,
        general_comment="Une belle progression, une présence attentive auprès des personnes accueillies.",
        learner_agrees=True if status == EvaluationStatus.COUNTERSIGNED else None,
        countersigned_at=timezone.now() if status == EvaluationStatus.COUNTERSIGNED else None,
    )
    for index, competency in enumerate(Competency.values):
        EvaluationRating.objects.create(
            evaluation=evaluation,
            competency=competency,
            level=min(4, level + (index % 2)),
            comment="Observé lors des groupes de parole." if index == 0 else "",
        )


def _fill(placement: Placement, status: str, coordinator, today: datetime.date, pending_weeks=1) -> None:
    _history(placement, status, coordinator)
    reached = PATH.index(status) if status in PATH else (4 if status == S.INTERRUPTED else 0)
    if reached >= PATH.index(S.AGREEMENT_SIGNED):
        _signatures(placement, coordinator)
    elif status == S.APPROVED_BY_TUTOR:
        learner = placement.enrolment.learner
        PlacementSignature.objects.create(
            placement=placement, party=SignatureParty.LEARNER, signed_by_user=learner, signer_name=learner.full_name
        )
    if reached >= PATH.index(S.IN_PROGRESS):
        # The mid-point learner has missed days: their placement shows as at risk.
        _hours(placement, today, days=(0,) if status == S.MIDPOINT_REVIEW else (0, 1), pending_weeks=pending_weeks)
        _evaluation(placement, "self", EvaluationStatus.SUBMITTED, 2)
    if status == S.MIDPOINT_REVIEW:
        _evaluation(placement, "midpoint", EvaluationStatus.SUBMITTED, 2)
    if reached >= PATH.index(S.FINAL_REVIEW):
        _evaluation(placement, "midpoint", EvaluationStatus.COUNTERSIGNED, 2)
    if status == S.VALIDATED:
        _evaluation(placement, "final", EvaluationStatus.COUNTERSIGNED, 3)
        approved = sum(e.hours for e in placement.time_entries.all())
        services.placement_attestation_issue(
            placement=placement, approved_hours=approved, code=f"DEMO-{placement.pk:04d}-STAG"
        )


# The evaluation grid's criteria and the competencies of the DU's référentiel (competencies.demo) they show.
CRITERIA_COMPETENCIES = {
    Competency.ACTIVE_LISTENING: ["C1.1"],
    Competency.CRISIS: ["C1.3"],
    Competency.SHARING_EXPERIENCE: ["C2.2"],
    Competency.TEAMWORK: ["C3.1", "C3.2"],
    Competency.ETHICS: ["C4.1"],
    Competency.POSTURE_BOUNDARIES: ["C4.2"],
    Competency.SELF_CARE: ["C5.1", "C5.3"],
    Competency.GUIDING: ["C6.3"],
}


def seed_criteria_mapping(programme) -> None:
    """Link the grid's criteria to the programme's competencies, by code (idempotent)."""
    by_code = {c.code: c for c in ReferentielCompetency.objects.filter(block__programme=programme)}
    for criterion, codes in CRITERIA_COMPETENCIES.items():
        for code in codes:
            if code in by_code:
                CriterionCompetency.objects.get_or_create(criterion=criterion, competency=by_code[code])


def seed(ctx) -> None:
    cohort = ctx.objects["cohort"]
    coordinator = ctx.users["coordinator"]
    today = timezone.localdate()
    seed_criteria_mapping(cohort.programme)

    hosts = []
    for index, (name, siret, kind, site_name, peers) in enumerate(HOSTS):
        host, _ = HostOrganisation.objects.get_or_create(siret=siret, defaults={"name": name, "kind": kind})
        if site_name:
            HostSite.objects.get_or_create(host=host, name=site_name)
        HostContact.objects.get_or_create(
            host=host,
            name=f"Secrétariat — {name}",
            defaults={"role": "Secrétariat", "email": f"contact{index + 1}@demo.pair-aidance.test"},
        )
        for peer_name in PEER_NAMES[index][:peers]:
            HostTeamPeer.objects.get_or_create(
                host=host, name=peer_name, defaults={"role": "Médiateur·rice de santé pair"}
            )
        hosts.append(host)

    tutors = {}
    for key, host_index, name, email, role, is_peer in TUTORS:
        user = ctx.users["tutor"] if key == "tutor" else None
        tutor, _ = Tutor.objects.get_or_create(
            email=user.email if user else email,
            defaults={"host": hosts[host_index], "name": name, "role": role, "is_peer_worker": is_peer, "user": user},
        )
        tutors[key] = tutor

    learners = [("learner", None, None, S.IN_PROGRESS, "tutor"), *LEARNERS]
    for key, first, last, status, tutor_key in learners:
        user = ctx.users["learner"] if key == "learner" else get_or_create_demo_user(key, first, last)
        enrolment, _ = Enrolment.objects.get_or_create(cohort=cohort, learner=user)
        if Placement.objects.filter(enrolment=enrolment).exists():
            continue
        tutor = tutors[tutor_key]
        starts_on, ends_on = _dates(status, cohort, today)
        placement = Placement.objects.create(
            enrolment=enrolment,
            host=tutor.host,
            site=tutor.host.sites.first(),
            tutor=tutor,
            starts_on=starts_on,
            ends_on=ends_on,
            weekly_schedule="Lundi et mardi, 9 h - 17 h",
            planned_hours=140,
            max_weekly_hours=14,
            tasks_and_objectives=(
                "Accueillir les personnes et partager son expérience de rétablissement ; co-animer un groupe de "
                "parole avec son binôme ; participer aux réunions d'équipe.\n"
                "Objectifs : trouver sa posture de pair-aidant, savoir orienter vers les ressources du territoire."
            ),
            binome="Camille Petit, infirmière" if tutor.host.kind == HostKind.PSYCHIATRIC_HOSPITAL else "Léo Garnier",
            proposed_by=user,
            status=status,
            refusal_reason="Les dates chevauchent le regroupement de janvier." if status == S.REFUSED else "",
        )
        _fill(placement, status, coordinator, today, pending_weeks=2 if tutor_key in PENDING_WEEKS_FOR else 1)
        if key == "learner":
            ctx.objects["placement"] = placement
        if key == "stagiaire-5":
            Concern.objects.create(
                placement=placement,
                raised_by_tutor=tutor,
                severity="medium",
                status=ConcernStatus.OPEN,
                description=(
                    "Sacha semble fatigué depuis deux semaines et a quitté un groupe de parole en cours. "
                    "Je souhaiterais en parler avec la coordination."
                ),
            )

    SupervisionSession.objects.get_or_create(
        cohort=cohort,
        date=max(cohort.starts_on, today - datetime.timedelta(days=7)),
        kind="intervision",
        facilitator=coordinator,
        defaults={"duration_minutes": 120, "facilitator_notes": "Thème : trouver la juste distance."},
    )
    ctx.objects["tutor"] = tutors["tutor"]
    ctx.objects["hosts"] = hosts
