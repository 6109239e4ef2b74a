"""/api/v1/: a learner's attainment per block of competencies (see `final_validation.attainment`).

Read by the learner themself and by the coordinators of the enrolment's cohort (`cohorts.read_enrolment`);
anyone else gets the same 404 as for an enrolment that does not exist (nothing said about what exists).
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from cohorts.models import Enrolment
from final_validation.attainment import enrolment_attainment


class BlockDecisionSerializer(serializers.Serializer):
    outcome = serializers.CharField()
    jury_date = serializers.DateField()
    reason = serializers.CharField()
    carried_over = serializers.SerializerMethodField()

    def get_carried_over(self, decision) -> bool:
        return decision.carried_from_id is not None


class BlockAttainmentSerializer(serializers.Serializer):
    block_id = serializers.IntegerField(source="block.pk")
    code = serializers.CharField(source="block.code")
    title = serializers.CharField(source="block.title")
    status = serializers.ChoiceField(choices=["validated", "deferred", "undecided"])
    lessons_done = serializers.IntegerField()
    lessons_total = serializers.IntegerField()
    internship_criteria = serializers.IntegerField(source="criteria_total")
    internship_average_level = serializers.DecimalField(
        source="average_level", max_digits=2, decimal_places=1, allow_null=True
    )
    decision = BlockDecisionSerializer(allow_null=True)


class AttainmentSerializer(serializers.Serializer):
    enrolment_id = serializers.IntegerField(source="enrolment.pk")
    programme = serializers.CharField(source="enrolment.cohort.programme.title")
    cohort = serializers.CharField(source="enrolment.cohort.label")
    blocks = BlockAttainmentSerializer(many=True)


class AttainmentView(APIView):
    """Where the learner of an enrolment stands in each block: lessons, internship, the jury's decision."""

    @extend_schema(
        responses={
            200: AttainmentSerializer,
            404: OpenApiResponse(
                description="No enrolment of yours, nor of a cohort you coordinate, has this id (another learner's "
                "attainment is not found either)."
            ),
        }
    )
    def get(self, request, enrolment_id: int):
        enrolment = Enrolment.objects.select_related("cohort__programme").filter(pk=enrolment_id).first()
        if enrolment is None or not request.user.has_perm("cohorts.read_enrolment", enrolment):
            raise NotFound
        data = {"enrolment": enrolment, "blocks": enrolment_attainment(enrolment=enrolment)}
        return Response(AttainmentSerializer(data).data)
