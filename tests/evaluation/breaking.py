"""A pursuer whose illegal choices are known in advance, for the tests of records and rows."""


class Breaking:
    """Dot 0 names no move, dot 1 a cell off the board, dot 2 stays: two illegal choices a step."""

    name = "breaking"
    llm_calls = 0

    def choose_batch(self, turns):
        return [(None, (-1, 0), t.state.blues[2]) for t in turns]
