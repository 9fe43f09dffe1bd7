#!/usr/bin/env python3
"""
What a JIT option costs outside the hot path, for this checkout against another built one, started in turn (twice
each): the time from launch until the server is up and configured, until its 2 KB c=32 throughput first reaches 90% of
its steady state (one-second slices, the median of the last ten of sixty), and then how long the admin endpoints the
console calls take while they are still lukewarm (the medians of calls 1-25, 26-50 and 51-100, after 20 s of load).

    python3 bench/lukewarm.py [--baseline DIR] [--repeats 2]

A JVM without C1 runs code in the interpreter until C2 takes it, so code called a few hundred times runs slower than
with C1 (bench/README.md, "C2 alone").
"""
import argparse, os, statistics, sys, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

# the live page's two calls every two seconds, the audit page, the overview's summary, two small admin reads
ENDPOINTS = ("/api/stats/recent?limit=25", "/api/tasks?sort=cost&limit=10", "/api/audit?limit=50", "/api/stats",
             "/api/routing/chains", "/api/keys")


def timed_get(url, token):
    started = time.perf_counter()
    urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": "Bearer " + token})).read()
    return (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", metavar="DIR", help="a built checkout, started in turn with this one")
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    base = "http://127.0.0.1:%d" % run.GATEWAY_PORT
    os.makedirs(run.WORK, exist_ok=True)
    body = run.body_file("2KB", 2048)
    nginx = run.start_nginx()
    try:
        for repeat in range(args.repeats):
            checkouts = [("baseline", os.path.abspath(args.baseline))] if args.baseline else []
            for name, root in checkouts + [("this", run.ROOT)]:
                launched = time.time()
                key = run.start_gateway(root=root)
                up = time.time() - launched
                slices = []
                for _ in range(60):
                    r = run.wrk(base + "/v1/messages", body, 32, 1, key)
                    slices.append((time.time() - launched, r["rps"]))
                steady = statistics.median(rps for _, rps in slices[-10:])
                reached = next(at for at, rps in slices if rps >= 0.9 * steady)
                print("%-8s %d: up and configured %.1f s after launch; 90%% of steady throughput (%.0f req/s) %.1f s"
                      " after launch" % (name, repeat + 1, up, steady, reached), flush=True)
                token = run.http("POST", base + "/api/auth/login",
                                 {"username": "admin", "password": run.ADMIN_PASSWORD})["token"]
                run.wrk(base + "/v1/messages", body, 32, 20, key)
                for path in ENDPOINTS:
                    times = [timed_get(base + path, token) for _ in range(100)]
                    print("%-8s %d: %-26s ms, calls 1-25 / 26-50 / 51-100: %.2f / %.2f / %.2f"
                          % (name, repeat + 1, path, statistics.median(times[:25]), statistics.median(times[25:50]),
                             statistics.median(times[50:])), flush=True)
                run.mvn("liberty:stop", root=root)
    finally:
        nginx.terminate()


if __name__ == "__main__":
    main()
