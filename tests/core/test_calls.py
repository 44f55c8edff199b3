"""G5, G6: what a result was computed from (``result.inputs``), and the decisions kept by
their exact arguments (``recorded(memo=...)``)."""

import copy
import pickle

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import clararules as cr
from clararules.core.calls import Call


def test_a_call_is_a_value_of_its_own_kind():
    """A Call equals a Call of the same function and arguments, however they were passed, and
    nothing else; it has no order, pickles and deep-copies."""
    by_position = cr.check_contact_change(True, True).inputs
    by_name = cr.check_contact_change(True, via_change_form=True).inputs
    assert by_position == by_name
    assert hash(by_position) == hash(by_name)
    assert by_position != ("check_contact_change", ("from_registered_contact",), (True,), {})
    with pytest.raises(TypeError):
        _ = by_position < by_name
    assert pickle.loads(pickle.dumps(by_name)) == by_name == copy.deepcopy(by_name)


def test_attrs_asdict_of_a_recorded_result_keeps_its_call():
    """attrs.asdict walks a result without taking its record apart."""
    decision = cr.check_cancellation_channel("telephone")
    assert attrs.asdict(decision)["inputs"] == Call(
        "check_cancellation_channel", {"channel": "telephone"}
    )


def test_the_keyword_arguments_of_a_kept_decision_cannot_be_changed():
    """A decision kept by its arguments is handed to every caller: its record is frozen."""
    first = cr.check_contact_change(True, via_change_form=True)
    arguments = first.inputs.arguments
    with pytest.raises(TypeError):
        arguments["via_change_form"] = False  # type: ignore[index]
    again = cr.check_contact_change(True, via_change_form=True)
    assert again.inputs.arguments == {"from_registered_contact": True, "via_change_form": True}


@pytest.mark.parametrize("flag", [1, 0, "yes", None])
def test_a_kept_decision_never_answers_for_a_value_of_another_type(flag):
    """``True`` and ``1`` are equal and hash alike: the memo keeps them apart, so a refusal
    is never skipped (C1-P6 decisions over flags)."""
    cr.check_contact_change(True, True)
    cr.check_contact_change(False, False)
    with pytest.raises(cr.InvalidInputType):
        cr.check_contact_change(flag, True)


_ODD = st.sampled_from([True, False, None, 1, 0, 1.0, "yes", "no", ""])


@settings(max_examples=200)
@given(st.lists(st.tuples(_ODD, _ODD), min_size=1, max_size=6))
def test_kept_decisions_answer_as_the_rule_does(calls):
    """C1-P6: a decision handed out again by the memo is the rule's own answer for those very
    arguments, or its very refusal (asked in any order, each argument of any type)."""
    rule = cr.check_contact_change.__wrapped__  # the rule itself, unrecorded and unkept
    for first, second in calls + calls:
        try:
            expected: object = rule(first, second)
        except cr.ClaraRulesError as error:
            expected = type(error)
        try:
            got: object = cr.check_contact_change(first, second)
        except cr.ClaraRulesError as error:
            got = type(error)
        assert got == expected
        if not isinstance(got, type):
            assert got.inputs.arguments == {
                "from_registered_contact": first,
                "via_change_form": second,
            }
