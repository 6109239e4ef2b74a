"""/api/v1/programmes/<id>/figures/: the programme's figures for its coordinators, as on the page and in the
exports (every figure through the small-group rule: a secret figure is null and named in `secret`). Anyone else,
a learner included, gets the API's 404 ("nothing of yours at this address"), documented with every operation's
error answers by `config.api_schema.document_error_responses`."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.models import ProgrammePage
from figures.selectors import programme_figures
from figures.suppression import THRESHOLD


def _value(cell):
    value = cell.shown
    return round(value, 1) if isinstance(value, float) else value


class FigureColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.ChoiceField(choices=["count", "rate", "hours"])


class FiguresRowSerializer(serializers.Serializer):
    cohort_id = serializers.IntegerField(allow_null=True, source="cohort.pk", default=None)
    label = serializers.CharField()
    starts_on = serializers.DateField(allow_null=True, source="cohort.starts_on", default=None)
    figures = serializers.SerializerMethodField(help_text="Column key -> value; null when secret or not known.")
    secret = serializers.SerializerMethodField(help_text="The keys of the figures withheld by the small-group rule.")

    def get_figures(self, row) -> dict[str, float | None]:
        return {key: _value(cell) for key, cell in row.cells.items()}

    def get_secret(self, row) -> list[str]:
        return sorted(key for key, cell in row.cells.items() if cell.secret)


class ProgrammeFiguresSerializer(serializers.Serializer):
    programme_id = serializers.IntegerField(source="programme.pk")
    programme = serializers.CharField(source="programme.title")
    threshold = serializers.SerializerMethodField(help_text="No figure about fewer people than this is given.")
    columns = FigureColumnSerializer(many=True)
    cohorts = FiguresRowSerializer(many=True, source="rows")
    total = FiguresRowSerializer()

    def get_threshold(self, figures) -> int:
        return THRESHOLD


class ProgrammeFiguresView(APIView):
    """The programme's figures per cohort and for all cohorts (coordinators of the programme only)."""

    @extend_schema(responses=ProgrammeFiguresSerializer)
    def get(self, request, programme_id: int):
        programme = ProgrammePage.objects.filter(pk=programme_id).first()
        if programme is None or not request.user.has_perm("figures.view_programme_figures", programme):
            raise NotFound
        return Response(ProgrammeFiguresSerializer(programme_figures(programme=programme)).data)
