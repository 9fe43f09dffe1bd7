"""
The rows the benchmark compares, measured in alternating one-second slices instead of one after the other.

Twin rows (the Messages and the Chat path, same size and concurrency) run back to back for five seconds each still
differed by up to a tenth with neither path the costlier (bench/first_rows.py, the pair's order alternating; bench/
README.md, "Twin rows in slices"): this machine's pace moves within seconds, and so did srooter's ratio over Portkey
within one run (5.9x, 7.0x and 8.3x by round at 2 KB c=32). Cut into one-second slices in the order A B C C B A A B C
..., every row sees the same moments, and a change of pace falls on all of them. A row's figures are then those of its
slices together: requests over the time they took, processor over requests, and its latency quantiles from every
slice's (post.lua prints them with QUANTILES=1), each slice weighted by its requests.
"""


def order(rows, seconds):
    """
    Which of the rows (0 to rows - 1) each one-second slice belongs to, {@code seconds} slices a row: the rows in turn,
    forwards then backwards (A B B A A B for two rows and three seconds), so that a steady drift of the machine's pace
    falls on every row alike.
    """
    forwards = list(range(rows))
    return [row for cycle in range(seconds) for row in (forwards if cycle % 2 == 0 else forwards[::-1])]


def merge(slices):
    """
    One row's figures from its slices' wrk figures (each with "requests", "duration" in s, "quantiles" in ms, "failed"
    and optionally "cpu_seconds" {kind: s}): the keys run.wrk returns.
    """
    requests = sum(s["requests"] for s in slices)
    merged = {"rps": requests / sum(s["duration"] for s in slices), "failed": sum(s["failed"] for s in slices),
              "p50": quantile(slices, 50), "p99": quantile(slices, 99), "cpu": None, "jit": None, "gc": None}
    if all(s.get("cpu_seconds") for s in slices):
        for kind in ("all", "jit", "gc"):
            merged["cpu" if kind == "all" else kind] = 1000.0 * sum(s["cpu_seconds"][kind] for s in slices) / max(
                1, requests)
    return merged


def quantile(slices, percent):
    """
    The {@code percent} quantile of the slices' latencies together: each slice's quantiles stand for its requests in
    equal shares, so a slice with twice the requests weighs twice as much.
    """
    points = sorted((value, s["requests"] / len(s["quantiles"])) for s in slices for value in s["quantiles"])
    wanted, seen = percent / 100.0 * sum(weight for _, weight in points), 0.0
    for value, weight in points:
        seen += weight
        if seen >= wanted * (1 - 1e-12):  # the sums of equal shares may fall short by a rounding
            return value
    return points[-1][0]
