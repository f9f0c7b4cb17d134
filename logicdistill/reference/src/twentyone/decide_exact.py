"""Reference function for the 21-points stage ``decide`` (shipped as data by ``reference.build``).

Exact lookahead (expectimax) over the known deck composition against an
opponent that hits while its total is below 17 and then stands - the
benchmark's ``threshold`` opponent. Memoised within one call only: nothing
is kept between calls. Left out on purpose: modelling any other opponent.
"""

CARD_VALUES = {"A": 1, "J": 10, "Q": 10, "K": 10}
LIMIT = 21
SOFT_ACE = 10
OPPONENT_STANDS_AT = 17
TIE = 1e-12
CLASSES = 10
# The deck as one number: counts per card value 1..10 in mixed radix (at most 2 of each of 1..9, 8 tens).
WEIGHTS = (1, 3, 9, 27, 81, 243, 729, 2187, 6561, 19683)


def total(hard, ace):
    """Best total from the hard total (aces as 1) and whether the hand holds an ace."""
    return hard + SOFT_ACE if ace and hard + SOFT_ACE <= LIMIT else hard


def better(a, b):
    """Whether odds a = (win, draw, loss) beat b: more wins, then more wins minus losses."""
    if abs(a[0] - b[0]) > TIE:
        return a[0] > b[0]
    return (a[0] - a[2]) - (b[0] - b[2]) > TIE


def showdown(mh, ma, oh, oa):
    """Odds when both have stood: the higher total wins, equal totals draw."""
    mine, theirs = total(mh, ma), total(oh, oa)
    if mine > theirs:
        return (1.0, 0.0, 0.0)
    return (0.0, 1.0, 0.0) if mine == theirs else (0.0, 0.0, 1.0)


def turn(memo, deck, code, mh, ma, oh, oa, mine, ms, os_):
    """Odds (win, draw, loss) for me when `mine` says whose turn it is; that player has not stood.

    mh/oh: my/their hard total (aces as 1), ma/oa: whether the hand holds an
    ace, ms/os_: whether I/they stood, deck: cards left per value 1..10
    (changed while searching and restored), code: the deck as one number.
    I pick the better of hit and stand; the opponent hits below 17.
    """
    key = ((((((code * 32 + mh) * 2 + ma) * 32 + oh) * 2 + oa) * 2 + mine) * 2 + ms) * 2 + os_
    found = memo.get(key)
    if found is not None:
        return found
    left = sum(deck)
    if mine:
        stand = (
            showdown(mh, ma, oh, oa) if os_ else turn(memo, deck, code, mh, ma, oh, oa, False, True, False)
        )
    else:
        stand = showdown(mh, ma, oh, oa) if ms else turn(memo, deck, code, mh, ma, oh, oa, True, False, True)
    if mine:
        if left:
            hit = draw_card(memo, deck, code, left, mh, ma, oh, oa, True, ms, os_)
            result = hit if better(hit, stand) else stand
        else:
            result = stand
    elif left and total(oh, oa) < OPPONENT_STANDS_AT:
        result = draw_card(memo, deck, code, left, mh, ma, oh, oa, False, ms, os_)
    else:
        result = stand
    memo[key] = result
    return result


def draw_card(memo, deck, code, left, mh, ma, oh, oa, mine, ms, os_):
    """Odds for me after the player to move (me if `mine`) hits: every remaining card equally likely."""
    nxt = mine if (os_ if mine else ms) else not mine
    win = draw = loss = 0.0
    base = mh if mine else oh
    for index in range(CLASSES):
        count = deck[index]
        if not count:
            continue
        p = count / left
        card = index + 1
        hard = base + card
        if hard > LIMIT:
            if mine:
                loss += p
            else:
                win += p
            continue
        deck[index] = count - 1
        if mine:
            w, d, lo = turn(memo, deck, code - WEIGHTS[index], hard, ma or card == 1, oh, oa, nxt, ms, os_)
        else:
            w, d, lo = turn(memo, deck, code - WEIGHTS[index], mh, ma, hard, oa or card == 1, nxt, ms, os_)
        deck[index] = count
        win += p * w
        draw += p * d
        loss += p * lo
    return (win, draw, loss)


def odds_of_moves(state):
    """Exact odds (win, draw, loss) of hitting now and of standing now, as (hit, stand).

    Every possible sequence of draws is weighed by its probability, with the
    opponent hitting while its total is below 17: the deck order is unknown,
    so every remaining card is equally likely to come next. After this turn
    I keep choosing the better move.
    """
    deck = [0] * CLASSES
    for rank, count in state["deck"].items():
        deck[(CARD_VALUES[rank] if rank in CARD_VALUES else int(rank)) - 1] += count
    code = sum(c * w for c, w in zip(deck, WEIGHTS, strict=True))
    mine = [CARD_VALUES[r] if r in CARD_VALUES else int(r) for r in state["hand"]]
    theirs = [CARD_VALUES[r] if r in CARD_VALUES else int(r) for r in state["opponent_hand"]]
    mh, ma, oh, oa = sum(mine), 1 in mine, sum(theirs), 1 in theirs
    os_ = state["opponent_stood"]
    memo = {}
    stand = showdown(mh, ma, oh, oa) if os_ else turn(memo, deck, code, mh, ma, oh, oa, False, True, False)
    if not sum(deck):
        return (stand, stand)
    return (draw_card(memo, deck, code, sum(deck), mh, ma, oh, oa, True, False, os_), stand)


def decide_exact(risk, state):
    """ "hit" if hitting gives a higher chance to win (ties: more wins minus losses), else "stand".

    A certain bust (risk 1) or an empty deck means "stand" at once; otherwise
    the exact odds of both moves decide (odds_of_moves).
    """
    if state["cards_left"] == 0 or risk >= 1:
        return "stand"
    hit, stand = odds_of_moves(state)
    return "hit" if better(hit, stand) else "stand"
