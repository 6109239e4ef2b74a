"""/api/v1/: a programme's competency référentiel (blocks, competencies, the modules and lessons working on each).

The référentiel describes the diploma, as the programme's public page does: any signed-in person may read it.
The error answers every operation can give are added to the schema by `config.api_schema`.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.models import ProgrammePage
from competencies.selectors import referentiel


class CompetencySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    module_ids = serializers.SerializerMethodField()
    lesson_ids = serializers.SerializerMethodField()

    def get_module_ids(self, competency) -> list[int]:
        return [module.pk for module in competency.modules.all()]

    def get_lesson_ids(self, competency) -> list[int]:
        return [lesson.pk for lesson in competency.lessons.all()]


class BlockSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    order = serializers.IntegerField()
    competencies = CompetencySerializer(many=True, source="competencies.all")


class ReferentielSerializer(serializers.Serializer):
    programme_id = serializers.IntegerField(source="programme.pk")
    programme = serializers.CharField(source="programme.title")
    blocks = BlockSerializer(many=True)


class ReferentielView(APIView):
    """The référentiel of a published programme (five queries whatever its size)."""

    @extend_schema(
        responses={
            200: ReferentielSerializer,
            404: OpenApiResponse(description="No published programme has this id."),
        }
    )
    def get(self, request, programme_id: int):
        programme = ProgrammePage.objects.live().filter(pk=programme_id).first()
        if programme is None:
            raise NotFound
        data = {"programme": programme, "blocks": referentiel(programme=programme)}
        return Response(ReferentielSerializer(data).data)
