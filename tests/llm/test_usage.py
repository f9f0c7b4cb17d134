"""Token accounting per role."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from logicdistill.llm import Role, Usage, UsageMeter, default_meter


def test_usage_is_kept_per_role_and_cache_hits_cost_nothing():
    meter = UsageMeter()
    meter.record(Role.TEACHER, prompt_tokens=100, completion_tokens=20)
    meter.record(Role.TEACHER, prompt_tokens=999, completion_tokens=999, cached=True)
    meter.record(Role.STUDENT, prompt_tokens=5)
    report = meter.report()
    assert report.teacher == Usage(calls=1, cached_calls=1, prompt_tokens=100, completion_tokens=20)
    assert report.of(Role.STUDENT) == Usage(calls=1, prompt_tokens=5)
    assert report.opponent == Usage()
    assert report.total.total_tokens == 125
    meter.reset()
    assert meter.report().total == Usage()


def test_concurrent_records_are_all_counted():
    meter = UsageMeter()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _: meter.record(Role.OPPONENT, prompt_tokens=1), range(2000)))
    assert meter.report().opponent == Usage(calls=2000, prompt_tokens=2000)


def test_there_is_one_process_wide_meter():
    assert default_meter() is default_meter()
