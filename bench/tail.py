#!/usr/bin/env python3
"""
What makes wrk's p99 at c=1: wrk's figure taken apart by the scheduler's own record of the same seconds.

    sudo python3 bench/tail.py [--rounds 3] [--seconds 8] [--body 2KB] [--baseline DIR]

Needs what bench/run.py needs, and perf (Debian's linux-perf) with the right to trace the scheduler (root). Starts
nginx and the gateway, warms it up as run.py does, then, each round, runs wrk at c=1 while `perf sched record` logs
every context switch on the machine. With --baseline (a built checkout, as run.py's), that checkout's gateway runs
beside this one and the two are measured in turns, which goes first alternating by round.

Why: wrk 4 corrects its latencies for coordinated omission. After a run it takes the mean interval between requests
on a connection (about 0.3 ms at c=1) and, for every request that took n of them, records the n - 1 requests a client
sending at that pace would have sent meanwhile, at n - 1, n - 2, ... intervals (stats_correct in wrk's stats.c). So
one stall of 3 ms at c=1 counts as ten slow requests, and wrk's p99 measures how much of the run was stalled for
more than about twice the mean, not only how slow one request in a hundred was.

From the trace this script rebuilds each request's latency as wrk's thread saw it (from one wake-up that wrote a
request to the one that read its whole answer), applies wrk's correction, and checks the p99 against wrk's own. Then
it names the cause of every request that took more than twice the interval (the ones the correction multiplies): a
young collection if the collector's threads ran during it, the audit writer if it ran for more than 0.3 ms of it,
else the busiest other thread. Last, it recomputes the p99 as if the requests of each cause had taken the median.
"""
import argparse, bisect, collections, os, re, statistics, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402


def wrk_percentiles(latencies_us, runtime_us, percentiles):
    """wrk 4's percentiles of these latencies after its correction for coordinated omission (stats.c)."""
    data = collections.Counter(latencies_us)
    count = len(latencies_us)
    expected = int(runtime_us / count)
    for n in range(expected * 2, max(latencies_us) + 1):
        requests = data.get(n, 0)
        m = n - expected
        while requests and m > expected:
            data[m] += requests
            count += requests
            m -= expected
    found = []
    for p in percentiles:
        rank, total = round(p / 100 * count + 0.5), 0
        for value in sorted(data):
            total += data[value]
            if total >= rank:
                found.append(value / 1000)
                break
    return found


def switches(trace):
    """Every stretch a thread ran: (start, end, name, scheduling delay ms, sleep before ms), seconds, from timehist."""
    text = subprocess.run(["perf", "sched", "timehist", "-i", trace], capture_output=True, text=True).stdout
    out = []
    for line in text.splitlines()[3:]:
        p = line.split()
        try:
            end = float(p[0])
            waited, delayed, ran = map(float, p[-3:])
        except (ValueError, IndexError):
            continue
        name = re.sub(r"\[[0-9/]+\]", "", " ".join(p[2:-3]))
        out.append((end - ran / 1000, end, name, delayed, waited))
    out.sort()
    return out


def requests(stretches):
    """(start, end, latency us) of each request, from wrk's thread: a wake-up after a sleep of under 50 us reads the
    rest of an answer, so it belongs to the request before."""
    own = [s for s in stretches if s[2].startswith("wrk")]
    found, carried, last, began = [], 0.0, None, None
    for start, end, name, delayed, waited in own:
        if last is None:
            last = began = end
            continue
        gap = end - last
        if waited < 0.05:
            carried += gap
        else:
            found.append((began, end, int((carried + gap) * 1e6)))
            carried, began = 0.0, end
        last = end
    return found, (own[-1][1] - own[0][1]) * 1e6


def cause(stretches, starts, start, end):
    """Who ran while a slow request waited."""
    share = collections.Counter()
    for s in stretches[bisect.bisect_left(starts, start - 0.006):]:
        if s[0] > end:
            break
        overlap = min(s[1], end) - max(s[0], start)
        if overlap > 0:
            share[re.sub(r"#?[0-9]+", "#", s[2])] += overlap
    if share.get("GC Thread#", 0) > 0.0003:
        return "young collection"
    if share.get("srooter-audit-w", 0) > 0.0003:
        return "audit writer"
    others = [k for k in share if k != "<idle>"]
    return max(others, key=share.get) if others else "idle"


def one_round(url, body, key, seconds, pid):
    trace = os.path.join(run.WORK, "tail.perf")  # perf writes it; removed once read
    recorder = subprocess.Popen(["perf", "sched", "record", "-k", "CLOCK_MONOTONIC", "-o", trace, "--",
                                 "sleep", str(seconds + 3)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)  # perf's own start, so that the trace holds wrk's first requests
    try:
        figures = run.wrk(url, body, 1, seconds, key, pid=pid)
    finally:
        recorder.wait()
    stretches = switches(trace)
    os.remove(trace)
    found, runtime = requests(stretches)
    latencies = [r[2] for r in found]
    interval = runtime / len(latencies)
    starts = [s[0] for s in stretches]
    causes = [cause(stretches, starts, a, b) if lat >= 2 * interval else None for a, b, lat in found]
    median = int(statistics.median(latencies))
    p50, p99 = wrk_percentiles(latencies, runtime, (50, 99))
    raw = sorted(latencies)[len(latencies) * 99 // 100] / 1000
    print("wrk: %d req/s, p99 %.3f ms | from the trace: %d requests, p50 %.3f, p99 %.3f ms corrected as wrk does,"
          " %.3f uncorrected" % (figures["rps"], figures["p99"], len(latencies), p50, p99, raw))
    counted = collections.Counter(c for c in causes if c)
    stalled = collections.Counter()
    for c, lat in zip(causes, latencies):
        if c:
            stalled[c] += lat / 1000
    for c, n in counted.most_common(8):
        print("  %-22s %4d requests over %.2f ms, %6.1f ms in all" % (c, n, 2 * interval / 1000, stalled[c]))
    without = {}
    for dropped in (("young collection",), ("audit writer",), ("young collection", "audit writer")):
        kept = [median if c in dropped else lat for c, lat in zip(causes, latencies)]
        without[dropped] = wrk_percentiles(kept, runtime, (99,))[0]
        print("  p99 as wrk would count it without %s: %.3f ms" % (" or ".join(dropped), without[dropped]))
    return figures["p99"], p99, raw, without


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--body", default="2KB", choices=("2KB", "60KB"))
    parser.add_argument("--baseline", metavar="DIR", help="a built checkout to measure in the same rounds")
    args = parser.parse_args()
    nginx = run.start_nginx()
    gateways = [("this checkout", run.ROOT, run.GATEWAY_PORT)]
    if args.baseline:
        gateways.append(("baseline", os.path.abspath(args.baseline), run.GATEWAY_PORT + 1))
    try:
        body = run.body_file(args.body, 2048 if args.body == "2KB" else 61440)
        started = []
        for name, root, port in gateways:
            key = run.start_gateway(root, port)
            url = "http://127.0.0.1:%d/v1/messages" % port
            started.append((name, url, key, run.listening_pid(port)))
        run.quick_warm_up([(url, key) for _, url, key, _ in started], body, 4)
        rows = collections.defaultdict(list)
        for r in range(args.rounds):
            for name, url, key, pid in (started if r % 2 == 0 else started[::-1]):
                print("round %d, %s" % (r + 1, name))
                rows[name].append(one_round(url, body, key, args.seconds, pid))
        for name, _, _, _ in started:
            done = rows[name]
            print("%s, medians over %d rounds: wrk p99 %.3f ms; rebuilt %.3f corrected, %.3f uncorrected; without"
                  " young collections %.3f, without the audit writer %.3f, without both %.3f" % (
                      name, args.rounds, statistics.median(r[0] for r in done),
                      statistics.median(r[1] for r in done), statistics.median(r[2] for r in done),
                      statistics.median(r[3][("young collection",)] for r in done),
                      statistics.median(r[3][("audit writer",)] for r in done),
                      statistics.median(r[3][("young collection", "audit writer")] for r in done)))
    finally:
        for _, root, _ in gateways:
            run.mvn("liberty:stop", root=root)
        nginx.terminate()


if __name__ == "__main__":
    main()
