"""Distractors from other card, dice and guessing games: plausible stage functions of tasks not built in.

Several reuse the 21-points stage names (``evaluate_hand``,
``estimate_risk``, ``decide``) and state keys on purpose, so that a
retriever has to tell casino blackjack or high-low apart from 21 points by
what the functions do. Each task carries one example position, on which
:mod:`.entries` runs its functions to write the usage examples.
"""

from __future__ import annotations

from logicdistill.retrieval.distractors.entries import Distractor, OtherTask, Setting

_DECK_16 = {
    "A": 1,
    "2": 1,
    "3": 2,
    "4": 2,
    "5": 1,
    "6": 1,
    "7": 1,
    "8": 2,
    "9": 1,
    "10": 1,
    "J": 1,
    "Q": 1,
    "K": 1,
}

BLACKJACK = OtherTask(
    "Casino blackjack against a dealer",
    Setting.of(
        "Casino blackjack. Your hand: 10 6 (total 16). Dealer shows 9. Shoe: 16 cards left.",
        {"hand": ["10", "6"], "dealer_up": "9", "deck": _DECK_16, "cards_left": 16},
    ),
    (
        Distractor(
            "blackjack_total",
            "evaluate_hand",
            "Casino blackjack: first; count the player's hand.",
            '''def blackjack_total(state):
    """Blackjack total: aces start at 11 and drop to 1 one at a time while the hand is over 21."""
    values = {"A": 11, "J": 10, "Q": 10, "K": 10}
    total = sum(values[r] if r in values else int(r) for r in state["hand"])
    aces = state["hand"].count("A")
    while total > 21 and aces:
        total -= 10
        aces -= 1
    return total
''',
        ),
        Distractor(
            "dealer_bust_chance",
            "estimate_risk",
            "Casino blackjack: how likely the dealer busts, from the dealer's up-card.",
            '''def dealer_bust_chance(value, state):
    """The dealer's chance to bust given the up-card (standard six-deck table; the player's value unused)."""
    table = {"2": 0.35, "3": 0.37, "4": 0.40, "5": 0.42, "6": 0.42, "7": 0.26, "8": 0.24, "9": 0.23}
    return table.get(state["dealer_up"], 0.17 if state["dealer_up"] != "A" else 0.11)
''',
        ),
        Distractor(
            "basic_strategy",
            "decide",
            "Casino blackjack: last; basic strategy for hard hands.",
            '''def basic_strategy(risk, state):
    """Basic strategy: stand on 17+, stand on 12-16 when the dealer is likely to bust (risk >= 0.35)."""
    values = {"A": 1, "J": 10, "Q": 10, "K": 10}
    total = sum(values[r] if r in values else int(r) for r in state["hand"])
    if total >= 17:
        return "stand"
    if total >= 12 and risk >= 0.35:
        return "stand"
    return "hit"
''',
        ),
    ),
)

POKER = OtherTask(
    "Five-card poker betting",
    Setting.of(
        "Five-card poker. Your hand: A A 7 4 2. Pot 10 chips, 2 to call.",
        {"hand": ["A", "A", "7", "4", "2"], "pot": 10, "to_call": 2},
    ),
    (
        Distractor(
            "poker_hand_rank",
            "evaluate_hand",
            "Poker: first; the category of the five-card hand.",
            '''def poker_hand_rank(state):
    """Hand category by rank counts: 0 high card, 1 pair, 2 two pair, 3 trips, 6 full house, 7 quads."""
    counts = sorted((state["hand"].count(r) for r in set(state["hand"])), reverse=True)
    if counts[0] == 4:
        return 7
    if counts[0] == 3:
        return 6 if counts[1] == 2 else 3
    if counts[0] == 2:
        return 2 if counts[1] == 2 else 1
    return 0
''',
        ),
        Distractor(
            "pot_odds",
            "estimate_risk",
            "Poker: the price of calling.",
            '''def pot_odds(value, state):
    """Pot odds: the share of the final pot the call costs, to_call / (pot + to_call)."""
    return state["to_call"] / (state["pot"] + state["to_call"])
''',
        ),
        Distractor(
            "call_or_fold",
            "decide",
            "Poker: last; call with a pair or better or a cheap call, else fold.",
            '''def call_or_fold(risk, state):
    """ "call" when the call is cheap (pot odds below 0.2) or the hand holds a pair or better, else "fold"."""
    ranks = state["hand"]
    paired = any(ranks.count(r) > 1 for r in ranks)
    return "call" if paired or risk < 0.2 else "fold"
''',
        ),
    ),
)

HIGH_LOW = OtherTask(
    "High-low card guessing",
    Setting.of(
        "High-low. The open card is 7. Deck: 16 cards left.",
        {"card": "7", "deck": _DECK_16, "cards_left": 16},
    ),
    (
        Distractor(
            "card_rank_value",
            "evaluate_hand",
            "High-low: first; the open card's rank as a number.",
            '''def card_rank_value(state):
    """The open card's rank as a number: A=1, 2-10 face value, J=11, Q=12, K=13."""
    order = {"A": 1, "J": 11, "Q": 12, "K": 13}
    card = state["card"]
    return order[card] if card in order else int(card)
''',
        ),
        Distractor(
            "higher_probability",
            "estimate_risk",
            "High-low: chance that the next card ranks higher.",
            '''def higher_probability(value, state):
    """Share of the remaining deck ranking strictly above `value` (ties count as not higher)."""
    order = {"A": 1, "J": 11, "Q": 12, "K": 13}
    left = state["cards_left"]
    if left == 0:
        return 0.0
    higher = sum(n for r, n in state["deck"].items() if (order[r] if r in order else int(r)) > value)
    return higher / left
''',
        ),
        Distractor(
            "guess_higher_or_lower",
            "decide",
            "High-low: last; guess the likelier side.",
            '''def guess_higher_or_lower(risk, state):
    """ "higher" when the next card is more likely higher than not, else "lower"."""
    return "higher" if risk > 0.5 else "lower"
''',
        ),
    ),
)

PIG = OtherTask(
    "Pig (dice)",
    Setting.of(
        "Pig dice game to 100. Your score 50, this turn so far 14, opponent 70.",
        {"score": 50, "turn_total": 14, "opponent_score": 70},
    ),
    (
        Distractor(
            "pig_turn_value",
            "evaluate_hand",
            "Pig: first; the points at stake this turn.",
            '''def pig_turn_value(state):
    """Points gathered in this turn so far (lost if a 1 is rolled)."""
    return state["turn_total"]
''',
        ),
        Distractor(
            "pig_roll_risk",
            "estimate_risk",
            "Pig: the chance that rolling again loses the turn's points.",
            '''def pig_roll_risk(value, state):
    """Chance that one more roll shows a 1 and wipes the turn's points: 1/6 on a fair die."""
    return 1 / 6 if value > 0 else 0.0
''',
        ),
        Distractor(
            "hold_at_twenty",
            "decide",
            "Pig: last; the hold-at-20 rule.",
            '''def hold_at_twenty(risk, state):
    """ "roll" while the turn total is below 20 and the game is not yet won, else "hold"."""
    if state["score"] + state["turn_total"] >= 100:
        return "hold"
    return "roll" if state["turn_total"] < 20 else "hold"
''',
        ),
    ),
)

ROCK_PAPER_SCISSORS = OtherTask(
    "Rock paper scissors (repeated)",
    Setting.of(
        "Rock paper scissors, round 6. The opponent played rock, paper, rock, rock, scissors.",
        {"history": ["rock", "paper", "rock", "rock", "scissors"]},
    ),
    (
        Distractor(
            "opponent_frequencies",
            "model_opponent",
            "Rock paper scissors: first; how often the opponent played each throw.",
            '''def opponent_frequencies(state):
    """Share of rock, paper and scissors in the opponent's past throws (uniform before any)."""
    history = state["history"]
    if not history:
        return {"rock": 1 / 3, "paper": 1 / 3, "scissors": 1 / 3}
    return {t: history.count(t) / len(history) for t in ("rock", "paper", "scissors")}
''',
        ),
        Distractor(
            "counter_most_frequent",
            "decide",
            "Rock paper scissors: last; beat the opponent's favourite throw.",
            '''def counter_most_frequent(frequencies, state):
    """The throw that beats the opponent's most frequent throw."""
    beats = {"rock": "paper", "paper": "scissors", "scissors": "rock"}
    favourite = max(("rock", "paper", "scissors"), key=lambda t: frequencies[t])
    return beats[favourite]
''',
        ),
    ),
)

MINESWEEPER = OtherTask(
    "Minesweeper",
    Setting.of(
        "Minesweeper, 4x4 with 3 mines. Revealed: (0, 0) shows 1, (1, 0) shows 1. Flags: none.",
        {"size": 4, "mines": 3, "revealed": {(0, 0): 1, (1, 0): 1}, "flags": []},
    ),
    (
        Distractor(
            "hidden_cells",
            "generate_moves",
            "Minesweeper: first; cells not yet opened or flagged.",
            '''def hidden_cells(state):
    """Every cell that is neither revealed nor flagged."""
    size = state["size"]
    done = set(state["revealed"]) | set(tuple(f) for f in state["flags"])
    return [(x, y) for y in range(size) for x in range(size) if (x, y) not in done]
''',
        ),
        Distractor(
            "mine_probability",
            "estimate_risk",
            "Minesweeper: how likely a hidden cell is a mine.",
            '''def mine_probability(cells, state):
    """Chance that a random hidden cell hides a mine: mines left over hidden cells."""
    left = state["mines"] - len(state["flags"])
    return left / len(cells) if cells else 0.0
''',
        ),
        Distractor(
            "reveal_or_flag",
            "decide",
            "Minesweeper: last; open a cell or plant a flag.",
            '''def reveal_or_flag(risk, state):
    """ "reveal" when a random hidden cell is more likely safe than not, else "flag"."""
    return "reveal" if risk < 0.5 else "flag"
''',
        ),
    ),
)

CARD_TASKS: tuple[OtherTask, ...] = (BLACKJACK, POKER, HIGH_LOW, PIG, ROCK_PAPER_SCISSORS, MINESWEEPER)
