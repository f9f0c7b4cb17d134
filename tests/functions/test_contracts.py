"""Contract checks as properties: subsets pass, anything else is named; outputs come back normalised."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from logicdistill.functions.contracts import ContractViolation, check_output
from logicdistill.tasks.base import Contract

cells = st.tuples(st.integers(-3, 23), st.integers(-3, 23))
STATE = {"position": (5, 5)}


@given(st.lists(cells, max_size=15), st.data())
def test_any_sub_multiset_passes_the_filter_contract(moves, data):
    kept = data.draw(st.lists(st.sampled_from(moves), max_size=len(moves), unique=True)) if moves else []
    assert check_output(Contract.MOVE_FILTER, (moves, STATE), [list(c) for c in kept]) == kept


@given(st.lists(cells, max_size=15), cells)
def test_an_outsider_fails_the_filter_contract(moves, outsider):
    assume(outsider not in moves)
    with pytest.raises(ContractViolation, match="not one of its input moves"):
        check_output(Contract.MOVE_FILTER, (moves, STATE), [*moves, outsider])


@given(st.lists(cells, min_size=1, max_size=5, unique=True))
def test_returning_a_move_twice_needs_it_twice_in_the_input(moves):
    with pytest.raises(ContractViolation):
        check_output(Contract.MOVE_FILTER, (moves, STATE), [moves[0], moves[0]])
    assert (
        check_output(Contract.MOVE_FILTER, ([*moves, moves[0]], STATE), [moves[0], moves[0]])
        == [moves[0]] * 2
    )


@given(st.lists(cells, min_size=1, max_size=15), st.data())
def test_selector_contract(moves, data):
    pick = data.draw(st.sampled_from(moves))
    assert check_output(Contract.MOVE_SELECTOR, (moves, STATE), list(pick)) == pick
    with pytest.raises(ContractViolation):
        check_output(Contract.MOVE_SELECTOR, (moves, STATE), [pick])


@pytest.mark.parametrize("bad", [(1, 2.0), (True, 1), "12", (1, 2, 3), None])
def test_cells_must_be_pairs_of_ints(bad):
    with pytest.raises(ContractViolation, match="not an \\(x, y\\) pair of ints"):
        check_output(Contract.MOVE_FILTER, ([(1, 2)], STATE), [bad])


@pytest.mark.parametrize(
    ("contract", "output", "ok"),
    [
        (Contract.HAND_EVALUATOR, 17, True),
        (Contract.HAND_EVALUATOR, 17.5, True),
        (Contract.HAND_EVALUATOR, float("nan"), False),
        (Contract.HAND_EVALUATOR, True, False),
        (Contract.RISK_ESTIMATOR, 0, True),
        (Contract.RISK_ESTIMATOR, 1.0001, False),
        (Contract.TWENTYONE_DECISION, "stand", True),
        (Contract.TWENTYONE_DECISION, " hit", False),
    ],
)
def test_twentyone_contracts(contract, output, ok):
    args = (STATE,) if contract is Contract.HAND_EVALUATOR else (0.5, STATE)
    if ok:
        assert check_output(contract, args, output) == output
    else:
        with pytest.raises(ContractViolation):
            check_output(contract, args, output)
