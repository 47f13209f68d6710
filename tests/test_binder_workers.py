"""The binders' worker processes: how jobs are shared out, and that results keep their order."""

from __future__ import annotations

from community_trust.binders import workers


def test_small_jobs_share_a_process_and_a_large_one_has_its_own() -> None:
    jobs = [("a", 1), ("b", 1), ("c", 9), ("d", 1), ("e", 1)]
    found = workers.batches(jobs, 1, 3, size=lambda job: job[1])
    assert [[name for name, _ in batch] for batch in found] == [["a", "b"], ["c"], ["d", "e"]]


def test_without_sizes_each_of_the_workers_gets_an_equal_share_up_to_the_limit() -> None:
    jobs = [(n,) for n in range(10)]
    assert [len(batch) for batch in workers.batches(jobs, 2, 8)] == [5, 5]
    assert [len(batch) for batch in workers.batches(jobs, 1, 4)] == [4, 4, 2]
    assert [job for batch in workers.batches(jobs, 3, 8) for job in batch] == jobs


def test_results_come_back_in_the_order_of_the_jobs() -> None:
    jobs = [(f"{n:03d}",) for n in range(12)]
    assert workers.run("builtins:int", jobs, 2, 5) == list(range(12))
