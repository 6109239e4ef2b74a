import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from core.dates import DayFormat


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("format_string", ["j F Y", "j M Y", "d/F, Y"])
def test_day_format_writes_what_the_date_filter_writes(language, format_string):
    template = Template("{{ value|date:format_string }}")
    days = [datetime.date(2026, month, day) for month in range(1, 13) for day in (1, 9, 28)]
    # 23:30 UTC is the next day in Paris in winter and in summer: the text follows the current time zone.
    moments = [timezone.make_aware(datetime.datetime(2026, month, 9, 23, 30), datetime.UTC) for month in range(1, 13)]
    with translation.override(language), timezone.override("Europe/Paris"):
        day = DayFormat(format_string)
        for value in days + moments:
            expected = template.render(Context({"value": value, "format_string": format_string}))
            assert day(value) == expected
        assert day(None) == ""


def test_day_format_refuses_what_it_does_not_know():
    with pytest.raises(ValueError, match=r"does not know the format characters \['H', 'i'\]"):
        DayFormat("j F Y H:i")
