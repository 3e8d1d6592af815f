"""A real `distributed.LocalCluster` (worker processes under nannies) for the tests.

Run as a script so the cluster's processes form a tree of their own, apart from the test
process: prints the scheduler's address, then serves until its stdin closes.
"""

from __future__ import annotations

import sys

from distributed import LocalCluster


def main() -> None:
    workers = int(sys.argv[1])
    with LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        scheduler_kwargs={"dashboard": False},
    ) as cluster:
        print(cluster.scheduler_address, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()
