"""
Issue 23's targets, checked against one run of run.py (`--chat --portkey`): each target, the run's figures for it and
whether they meet it. run.py prints the table after its own; the figures are the same medians as in its tables.
"""
import statistics

# (body, concurrency, least srooter / Portkey throughput) at c=32
OVER_PORTKEY = (("2KB", 32, 6.0), ("60KB", 32, 5.0), ("2KB SSE", 32, 5.0))
CHAT_SHARE = 0.9  # the Chat row's throughput against its Messages twin, at every row
CHAT_P50_WITHIN_MS = 0.1  # the Chat path's added p50 at 2 KB c=1, against the Messages path's
ADDED_P50_MS, ADDED_P99_MS = 0.3, 2.0  # at 2 KB c=1, both paths
FIRST_EVENT_MS = 0.5  # first SSE event added, p50, both paths
RESIDENT_MB = 512


def _median(runs, figure):
    return statistics.median(figure(direct, gateway, peer) for direct, gateway, peer in runs)


def chat_share(messages, chat):
    """
    A Chat row's throughput against its Messages twin: the ratio of each round's pair, measured together
    (run.measure_sliced; back to back with --unsliced), then their median. {@code messages}, {@code chat}: the two
    rows' [(direct, gateway, peer)].
    """
    return statistics.median(c[1]["rps"] / m[1]["rps"] for m, c in zip(messages, chat))


def check(results, first_added, peak_mb):
    """
    {@code results}: run.py's {(body, c): [(direct, gateway, peer) a round]}; {@code first_added}: {body: the first
    SSE event's added p50 in ms}; {@code peak_mb}: the resident peak. Returns [(target, figures, met)].
    """
    rows = []
    both = lambda body: (body, body + " chat")
    for body, connections, least in OVER_PORTKEY:
        ratios = [_median(results[(name, connections)], lambda d, g, p: g["rps"])
                  / _median(results[(name, connections)], lambda d, g, p: p["rps"]) for name in both(body)]
        rows.append(("over Portkey, %s c=%d (%.0fx)" % (body, connections, least),
                     " / ".join("%.1fx" % r for r in ratios), all(r >= least for r in ratios)))
    added_p50 = [_median(results[(name, 1)], lambda d, g, p: g["p50"] - d["p50"]) for name in both("2KB")]
    added_p99 = [_median(results[(name, 1)], lambda d, g, p: g["p99"] - d["p99"]) for name in both("2KB")]
    rows.append(("added p50, 2KB c=1 (%.1f ms)" % ADDED_P50_MS, " / ".join("%.3f ms" % v for v in added_p50),
                 all(v <= ADDED_P50_MS for v in added_p50)))
    rows.append(("Chat's added p50 within %.1f ms of Messages', 2KB c=1" % CHAT_P50_WITHIN_MS,
                 "%+.3f ms" % (added_p50[1] - added_p50[0]), added_p50[1] - added_p50[0] <= CHAT_P50_WITHIN_MS))
    rows.append(("added p99, 2KB c=1 (%.0f ms)" % ADDED_P99_MS, " / ".join("%.3f ms" % v for v in added_p99),
                 all(v <= ADDED_P99_MS for v in added_p99)))
    shares = {}
    for (body, connections), runs in results.items():
        twin = results.get((body + " chat", connections))
        if twin:
            shares["%s c=%d" % (body, connections)] = chat_share(runs, twin)
    lowest = min(shares, key=shares.get)
    rows.append(("Chat / Messages throughput, every row (%.1f)" % CHAT_SHARE,
                 "%.3f-%.3f (lowest at %s)" % (shares[lowest], max(shares.values()), lowest),
                 shares[lowest] >= CHAT_SHARE))
    first = [first_added[name] for name in both("2KB SSE")]
    rows.append(("first SSE event added (%.1f ms)" % FIRST_EVENT_MS, " / ".join("%.3f ms" % v for v in first),
                 all(v <= FIRST_EVENT_MS for v in first)))
    rows.append(("peak resident (%d MB)" % RESIDENT_MB, "%.0f MB" % peak_mb, peak_mb <= RESIDENT_MB))
    return rows


def print_table(rows):
    print("\nissue 23's targets in this run (figures: Messages / Chat)")
    print("| target | this run | met |")
    print("| --- | --- | --- |")
    for target, figures, met in rows:
        print("| %s | %s | %s |" % (target, figures, "yes" if met else "**no**"))
    print("every target met: %s" % ("yes" if all(met for _, _, met in rows) else "no"))
