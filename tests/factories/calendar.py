import datetime

import factory
from django.utils import timezone

from cohort_sessions.enums import AttendanceStatus, SessionMode
from cohort_sessions.models import Attendance, CohortSession
from tests.factories.accounts import UserFactory
from tests.factories.cohorts import CohortFactory


class CohortSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortSession

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Regroupement {n + 1} — Écoute active")
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    starts_at = datetime.time(9, 30)
    ends_at = datetime.time(17, 0)
    mode = SessionMode.IN_PERSON
    place = "Salle 204, 12 rue des Tilleuls, Lyon"
    video_url = ""

    class Params:
        past = factory.Trait(date=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=14)))
        remote = factory.Trait(mode=SessionMode.REMOTE, place="", video_url="https://visio.example.test/du-pair")
        hybrid = factory.Trait(mode=SessionMode.HYBRID, video_url="https://visio.example.test/du-pair")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(CohortSessionFactory, past=True)
    learner = factory.SubFactory(UserFactory)
    status = AttendanceStatus.PRESENT
    reason = ""
    recorded_by = factory.SubFactory(UserFactory)

    class Params:
        late = factory.Trait(status=AttendanceStatus.LATE)
        absent = factory.Trait(status=AttendanceStatus.ABSENT)
        excused = factory.Trait(status=AttendanceStatus.EXCUSED, reason="Rendez-vous médical")
