"""Reference function for the 21-points stage ``evaluate_hand`` (shipped as data by ``reference.build``).

Counts the own hand only; the opponent and the deck are left to the later
stages on purpose.
"""

CARD_VALUES = {"A": 1, "J": 10, "Q": 10, "K": 10}
LIMIT = 21
SOFT_ACE = 10


def hand_value(state):
    """Best total of the own hand: 2-10 at face value, J/Q/K 10, one ace 11 unless that goes over 21."""
    hard = 0
    for rank in state["hand"]:
        hard += CARD_VALUES[rank] if rank in CARD_VALUES else int(rank)
    if "A" in state["hand"] and hard + SOFT_ACE <= LIMIT:
        return hard + SOFT_ACE
    return hard
