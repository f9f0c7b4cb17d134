"""Figures and the HTML report are written from harness records of a real (scripted) game."""

from logicdistill.agents.batched import ScriptedEvader, ScriptedPursuer
from logicdistill.evaluation.harness import play_pursuit, pursuit_games
from logicdistill.games.pursuit_policies import make_evader, make_pursuer
from logicdistill.reports.figures import figures_for


def test_figures_and_html_from_episodes(tmp_path):
    games = pursuit_games(1)
    config = games[0].config
    for name in ("oracle", "random"):
        play_pursuit(
            games,
            ScriptedPursuer(make_pursuer(name, config)),
            ScriptedEvader(make_evader("optimal", config)),
            tmp_path / "episodes" / f"pursuit-{name}-vs-optimal.jsonl",
        )
    paths = figures_for(tmp_path, "| table |")
    names = {p.name for p in paths}
    assert {"trajectories.png", "one_step.png", "report.html"} <= names
    gif = next(p for p in paths if p.suffix == ".gif")
    assert gif.read_bytes()[:3] == b"GIF"
    page = (tmp_path / "report.html").read_text()
    assert page.count("<img") == 3 and "| table |" in page


def test_more_agents_than_fit_a_row_wrap_onto_the_next(tmp_path):
    import json

    from PIL import Image

    from logicdistill.reports.figures import PANELS_PER_ROW, one_step, trajectories

    games = pursuit_games(1)
    config = games[0].config
    path = tmp_path / "episodes.jsonl"
    pursuer = ScriptedPursuer(make_pursuer("oracle", config))
    play_pursuit(games, pursuer, ScriptedEvader(make_evader("optimal", config)), path)
    record = json.loads(path.read_text().splitlines()[0])
    agents = {f"agent-{i}": record for i in range(PANELS_PER_ROW + 2)}  # two rows, the second half empty
    for draw in (trajectories, one_step):
        with Image.open(draw(agents, tmp_path / f"{draw.__name__}.png")) as image:
            assert image.size == (4 * PANELS_PER_ROW * 100, 2 * 4 * 100)


def test_an_illegal_choice_points_at_the_cell_it_named(tmp_path):
    from logicdistill.reports.figures import one_step, step_arrows
    from tests.evaluation.breaking import Breaking

    games = pursuit_games(1)
    evader = ScriptedEvader(make_evader("greedy", games[0].config))
    record = play_pursuit(games, Breaking(), evader, tmp_path / "e.jsonl")[0]
    blues = record["trail"][0][:3]
    assert step_arrows(record, 0) == [(blues[0], blues[0], True), (blues[1], [-1, 0], True),
                                      (blues[2], blues[2], False)]  # fmt: skip
    older = {k: v for k, v in record.items() if k != "choices"}  # played before choices were kept
    assert [end for _, end, _ in step_arrows(older, 0)] == blues
    assert one_step({"breaking": record}, tmp_path / "one_step.png").is_file()
