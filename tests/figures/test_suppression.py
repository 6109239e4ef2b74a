"""The small-group rule (figures/suppression.py): no count of 1 to 4 people, no rate or sum behind fewer than
five people, a secret total hides its parts, and a lone secret part never stays derivable by subtraction."""

from figures import suppression
from figures.suppression import SECRET, count, over_people, protect_group, rate


def test_counts_of_one_to_four_people_are_secret_zero_and_five_are_shown():
    assert [str(count(n)) for n in (0, 1, 4, 5, 12)] == ["0", SECRET, SECRET, "5", "12"]
    assert suppression.THRESHOLD == 5


def test_rates_and_hours_behind_fewer_than_five_people_are_secret():
    assert str(rate(3, 4)) == SECRET
    assert str(rate(3, 5)) == "60 %"
    assert str(rate(0, 0)) == "—"
    assert str(over_people(420, 4)) == SECRET
    assert str(over_people(700, 5)) == "700 h"


def test_a_total_hidden_only_to_protect_another_keeps_its_parts():
    total = count(7)
    total.secret = True
    parts = [count(5), count(2)]
    assert protect_group(total, parts) is False
    assert [str(part) for part in parts] == ["5", SECRET]


def test_a_small_total_hides_every_part_even_zero():
    total, parts = count(3), [count(3), count(0)]
    assert protect_group(total, parts) is True
    assert [str(part) for part in parts] == [SECRET, SECRET]


def test_a_lone_secret_part_takes_the_smallest_other_part_with_it():
    total = count(20)
    parts = [count(2), count(11), count(7), count(0)]
    assert protect_group(total, parts) is True
    assert [str(part) for part in parts] == [SECRET, "11", SECRET, "0"]
    # Two secret parts: only their sum (9) can be worked out, not either of them.
    assert protect_group(total, parts) is False


def test_nothing_hidden_when_every_part_is_large_enough():
    parts = [count(6), count(9)]
    assert protect_group(count(15), parts) is False
    assert [str(part) for part in parts] == ["6", "9"]
