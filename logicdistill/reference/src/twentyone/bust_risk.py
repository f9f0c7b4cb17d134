"""Reference function for the 21-points stage ``estimate_risk`` (shipped as data by ``reference.build``).

The exact chance that the next card busts the hand, from the known deck
composition. Left out on purpose: what happens after that card (the
decision stage looks further ahead).
"""

CARD_VALUES = {"A": 1, "J": 10, "Q": 10, "K": 10}
LIMIT = 21
SOFT_ACE = 10


def bust_risk(value, state):
    """Probability that one more card takes a hand worth `value` over 21 (0.0 when the deck is empty).

    An ace counted as 11 (a soft hand) drops back to 1 instead of busting, so
    a soft hand can never bust on one card.
    """
    left = state["cards_left"]
    if left == 0:
        return 0.0
    hard = 0
    for rank in state["hand"]:
        hard += CARD_VALUES[rank] if rank in CARD_VALUES else int(rank)
    soft = "A" in state["hand"] and value == hard + SOFT_ACE
    base = value - SOFT_ACE if soft else value
    busting = 0
    for rank, count in state["deck"].items():
        card = CARD_VALUES[rank] if rank in CARD_VALUES else int(rank)
        if base + card > LIMIT:
            busting += count
    return min(max(busting / left, 0.0), 1.0)
