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
