"""Admission in a child process: the run-time attacks of the security table, and what passes."""

import pytest

from logicdistill.functions.admission import AdmissionJob, AdmissionLimits, admit, admit_many
from logicdistill.functions.validate import check_function
from logicdistill.tasks.base import Contract

FAST = AdmissionLimits(cpu_s=1, memory_mb=256, wall_s=30, call_budget_s=0.2)

# (attack, body of filter_moves(moves, state), a phrase the reason must contain)
RUNTIME_ATTACKS = [
    ("infinite loop", "while True:\n        pass", "time budget"),
    (
        "loop swallowing exceptions",
        "while True:\n        try:\n            while True:\n                pass\n"
        "        except Exception:\n            continue",
        "time budget",
    ),
    ("huge allocation", "x = [0] * (10**10)\n    return moves", "MemoryError"),
    ("growing allocation", "x = []\n    while True:\n        x.append([0] * 10**6)", ""),
    ("recursion bomb", "return filter_moves(moves, state)", "RecursionError"),
    ("mutate moves", "moves.pop()\n    return moves[:1]", "mutated its input argument 1"),
    ("mutate state", "state['restricted'].append((0, 0))\n    return moves", "mutated its input argument 2"),
    ("not a subset", "return moves + [(99, 99)]", "not one of its input moves"),
    ("wrong type", "return len(moves)", "expected a list of moves"),
    ("crash", "return [m for m in moves if m[0] / 0]", "ZeroDivisionError"),
    ("long call in C", "return moves[: sum(range(10**15))]", "CPU-time limit"),
]


@pytest.fixture(scope="module")
def attack_reasons():
    """All attacks admitted in one batch (each still in its own limited child)."""
    jobs = [AdmissionJob(f"def filter_moves(moves, state):\n    {body}\n", Contract.MOVE_FILTER)
            for _, body, _ in RUNTIME_ATTACKS]  # fmt: skip
    return dict(zip([a[0] for a in RUNTIME_ATTACKS], admit_many(jobs, limits=FAST), strict=True))


@pytest.mark.parametrize(("attack", "body", "phrase"), RUNTIME_ATTACKS, ids=[a[0] for a in RUNTIME_ATTACKS])
def test_runtime_attack_is_rejected(attack_reasons, attack, body, phrase):
    reasons = attack_reasons[attack]
    assert reasons, attack
    assert any(phrase in r for r in reasons), reasons


def test_one_admission_on_its_own():
    assert admit(GOOD[Contract.MOVE_FILTER], Contract.MOVE_FILTER, limits=FAST) == ()
    reasons = admit(
        "def filter_moves(moves, state):\n    return moves[:1] + moves[:1]\n", Contract.MOVE_FILTER
    )
    assert reasons and "not one of its input moves" in reasons[0]


GOOD = {
    Contract.MOVE_GENERATOR: "def generate_moves(state):\n    x, y = state['position']\n"
    "    return [(x + a, y + b) for a in range(-2, 3) for b in range(-2, 3) if abs(a) + abs(b) <= 2]\n",
    Contract.MOVE_FILTER: "def filter_moves(moves, state):\n    return [m for m in moves if m != (0, 0)]\n",
    Contract.MOVE_SELECTOR: "def select_move(moves, state):\n    return sorted(moves)[0]\n",
    Contract.HAND_EVALUATOR: "def evaluate_hand(state):\n    return state['total']\n",
    Contract.RISK_ESTIMATOR: "def estimate_risk(value, state):\n    return min(1, max(0, value / 30))\n",
    Contract.TWENTYONE_DECISION: "def decide(risk, state):\n    return 'hit' if risk < 0.5 else 'stand'\n",
}


@pytest.mark.parametrize("contract", list(Contract))
def test_a_correct_function_is_admitted_for_every_contract(contract):
    verdict = check_function(GOOD[contract], contract, limits=FAST)
    assert verdict.accepted, verdict.reasons


@pytest.mark.parametrize(
    ("contract", "source", "phrase"),
    [
        (
            Contract.MOVE_GENERATOR,
            "def generate_moves(state):\n    return [(0, 0), (20, 20)]\n",
            "farther than 2",
        ),
        (Contract.MOVE_GENERATOR, "def generate_moves(state):\n    return []\n", "no candidate moves"),
        (
            Contract.MOVE_SELECTOR,
            "def select_move(moves, state):\n    return (-5, -5)\n",
            "not one of its candidate",
        ),
        (Contract.HAND_EVALUATOR, "def evaluate_hand(state):\n    return 'high'\n", "finite number"),
        (Contract.RISK_ESTIMATOR, "def estimate_risk(value, state):\n    return value\n", "in [0, 1]"),
        (Contract.TWENTYONE_DECISION, "def decide(risk, state):\n    return 'double'\n", '"hit" or "stand"'),
        (Contract.TWENTYONE_DECISION, "def decide(risk, state):\n    return True\n", '"hit" or "stand"'),
    ],
)
def test_contract_breaches_are_rejected(contract, source, phrase):
    verdict = check_function(source, contract, limits=FAST)
    assert not verdict.accepted
    assert any(phrase in r for r in verdict.reasons), verdict.reasons


def test_static_rejection_never_starts_a_child(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("admission must not run code that fails the static check")

    monkeypatch.setattr("logicdistill.functions.validate.admit", boom)
    verdict = check_function(
        "import os\ndef filter_moves(moves, state):\n    return moves\n", Contract.MOVE_FILTER
    )
    assert not verdict.accepted and "import of 'os'" in verdict.reasons[0]
