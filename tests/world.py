"""One small world with a real object of every sensitive kind, for the URL walk and the permission matrix.

Two programmes; in the first: a round with a jury (a juror, a conflicted juror, a removed juror), two
candidates with a dossier each (file, decision, offer); two learners with a journal entry, a placement
(two tutors), an evaluation, a time entry, a concern; a regroupement with a feed token; an author of the
programme; a coordinator of each programme.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.utils import timezone

from tests.factories import (
    ApplicationDocumentFactory,
    ApplicationFactory,
    CohortFactory,
    CohortSessionFactory,
    DecisionFactory,
    EnrolmentFactory,
    JournalEntryFactory,
    LessonPageFactory,
    ModulePageFactory,
    ModuleReleaseOverrideFactory,
    OfferFactory,
    PlacementFactory,
    ProgrammePageFactory,
    SelectionRoundFactory,
    TutorFactory,
    UserFactory,
)


@dataclass
class World:
    people: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)


def build_world() -> World:
    from cohort_sessions.services import feed_token_regenerate
    from internships import services as internship_services
    from internships.enums import EvaluationKind, LinkPurpose, PlacementStatus, Severity
    from internships.models import Evaluation, TimeEntry
    from selection import services as selection_services
    from selection.models import InterviewSlot

    w = World()
    coordinators = Group.objects.get(name="Coordinators")
    programme = ProgrammePageFactory()
    other_programme = ProgrammePageFactory(share_modules=True)
    cohort = CohortFactory(programme=programme)
    other_cohort = CohortFactory(programme=other_programme)
    coordinator = UserFactory(staff=True, email="coord@example.test")
    other_coordinator = UserFactory(staff=True, email="coord-autre@example.test")
    for person, c in ((coordinator, cohort), (other_coordinator, other_cohort)):
        person.groups.add(coordinators)
        c.coordinators.add(person)
    author = UserFactory(staff=True, email="auteur@example.test")
    programme.refresh_from_db()  # the coordinators' sync gave the programme its editorial groups
    if programme.authors_group_id:
        author.groups.add(programme.authors_group)

    # Selection: a round recruiting for the next run of the programme.
    next_cohort = CohortFactory(programme=programme, coordinators=[coordinator])
    selection_round = SelectionRoundFactory(cohort=next_cohort, capacity=5)
    juror, conflicted, removed = (UserFactory(email=f"{n}@example.test") for n in ("juror", "conflit", "retire"))
    selection_round.jury_members.add(juror, conflicted, removed)
    candidate_a, candidate_b = UserFactory(email="cand-a@example.test"), UserFactory(email="cand-b@example.test")
    dossier_a = ApplicationFactory(selection_round=selection_round, candidate=candidate_a, complete=True)
    dossier_b = ApplicationFactory(selection_round=selection_round, candidate=candidate_b, complete=True)
    file_a = ApplicationDocumentFactory(application=dossier_a, validated=True)
    file_b = ApplicationDocumentFactory(application=dossier_b, validated=True)
    for reviewer in (juror, conflicted, removed):
        selection_services.jury_assign(application=dossier_a, reviewer=reviewer, by=coordinator)
    selection_services.conflict_declare(application=dossier_a, reviewer=conflicted, reason="Je la connais")
    selection_round.jury_members.remove(removed)
    DecisionFactory(application=ApplicationFactory(selection_round=selection_round, deliberated=True))
    OfferFactory(application=ApplicationFactory(selection_round=selection_round, admitted=True))
    InterviewSlot.objects.create(
        selection_round=selection_round,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=1),
        place="Salle 2",
    )

    # Learning.
    enrolment_a = EnrolmentFactory(cohort=cohort)
    enrolment_b = EnrolmentFactory(cohort=cohort)
    learner_a, learner_b = enrolment_a.learner, enrolment_b.learner
    module = ModulePageFactory(parent=programme)
    lesson = LessonPageFactory(parent=module)
    entry_a = JournalEntryFactory(learner=learner_a, shared=True)
    entry_b = JournalEntryFactory(learner=learner_b)
    override = ModuleReleaseOverrideFactory(enrolment=enrolment_a, module=module)
    # A module the other programme shares: the programme's people may copy it into theirs.
    shared_module = ModulePageFactory(parent=other_programme)

    # Internships: each learner has a placement with their own tutor (each tutor has an account).
    tutor_user_a, tutor_user_b = UserFactory(email="tuteur-a@example.test"), UserFactory(email="tuteur-b@example.test")
    tutor_a, tutor_b = TutorFactory(user=tutor_user_a), TutorFactory(user=tutor_user_b)
    placement_a = PlacementFactory(
        enrolment=enrolment_a, tutor=tutor_a, host=tutor_a.host, status=PlacementStatus.IN_PROGRESS
    )
    placement_b = PlacementFactory(
        enrolment=enrolment_b, tutor=tutor_b, host=tutor_b.host, status=PlacementStatus.IN_PROGRESS
    )
    evaluation_a = Evaluation.objects.create(
        placement=placement_a, kind=EvaluationKind.MIDPOINT, general_comment="ÉVALUATION-SECRÈTE"
    )
    today = timezone.localdate()
    TimeEntry.objects.create(
        placement=placement_a,
        date=today,
        week_start=today - datetime.timedelta(days=today.weekday()),
        hours=7,
        activity="Accueil au GEM",
    )
    concern_a = internship_services.concern_raise(
        placement=placement_a, severity=Severity.MEDIUM, description="SIGNALEMENT-SECRET", by=learner_a
    )
    link, link_token = internship_services.link_create(placement=placement_a, purpose=LinkPurpose.APPROVE_PLACEMENT)

    # Calendar.
    session = CohortSessionFactory(cohort=cohort)
    feed_token = feed_token_regenerate(user=learner_a)

    w.people = {
        "anonymous": None,
        "candidate_a": candidate_a,
        "candidate_b": candidate_b,
        "learner_a": learner_a,
        "learner_b": learner_b,
        "tutor_a": tutor_user_a,
        "tutor_b": tutor_user_b,
        "juror": juror,
        "conflicted_juror": conflicted,
        "removed_juror": removed,
        "author": author,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
    }
    # The programme's référentiel: a block, a competency worked on by the module, a jury decision about the block.
    from competencies.models import Block, Competency
    from final_validation.models import BlockDecision

    block = Block.objects.create(programme=programme, code="BC1", title="Écouter et aider")
    competency = Competency.objects.create(block=block, code="C1.1", title="Pratiquer l'écoute active")
    competency.modules.add(module)
    BlockDecision.objects.create(
        enrolment=enrolment_a, block=block, outcome="validated", jury_date=cohort.starts_on, recorded_by=coordinator
    )

    w.objects = {
        "programme": programme,
        "block": block,
        "competency": competency,
        "cohort": cohort,
        "round": selection_round,
        "dossier_a": dossier_a,
        "dossier_b": dossier_b,
        "file_a": file_a,
        "file_b": file_b,
        "enrolment_a": enrolment_a,
        "enrolment_b": enrolment_b,
        "lesson": lesson,
        "module": module,
        "shared_module": shared_module,
        "entry_a": entry_a,
        "entry_b": entry_b,
        "override": override,
        "placement_a": placement_a,
        "placement_b": placement_b,
        "evaluation_a": evaluation_a,
        "concern_a": concern_a,
        "link": link,
        "session": session,
    }
    w.tokens = {"link": link_token, "feed": feed_token}
    return w
