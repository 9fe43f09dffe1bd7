#!/usr/bin/env python3
"""
Two gateways side by side at 2 KB c=1: this checkout and another built one (or this one with other JVM options), in
interleaved rounds, with nginx measured straight in every round and each JVM's young collections counted.

    python3 bench/twins.py --variant DIR [--variant-args="-XX:..."] [--base-args="..."] [--rounds 6]

(The options take "=": a value that starts with a dash would otherwise be read as an option of this script.)

DIR is a built checkout (`git worktree add`, then `mvn -B -q -o package -DskipTests` in it), as run.py's --baseline.
For an option alone, pass a worktree of the same commit and the option in --variant-args: the JVM reads JVM_ARGS after
liberty-config/jvm.options, so a later -XX or -D wins.

Why a tool of its own: on two cores the p99 at c=1 moves by a third between rounds of one build (nginx's own, measured
straight, by more), so one build's run against another's on another hour says little. Here both gateways are warmed
the same way, take turns within every round (which goes first alternates), and the young collections' pauses, which
hold most of wrk's p99 at c=1 (bench/README.md, "What wrk's p99 at c=1 counts"), are read from each JVM's own log over
the measured rounds only. Two rounds at c=32 follow, to see what an option costs in throughput.
"""
import argparse, datetime, glob, os, re, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402


def gc_log(name):
    return os.path.join(run.WORK, "twins-%s-gc-%%p.log" % name)


def young_pauses(name, since):
    """The young collections' pauses (ms) in this gateway's collector log after {@code since} (UTC)."""
    pauses = []
    for path in glob.glob(gc_log(name).replace("%p", "*")):
        for line in open(path):
            m = re.match(r"\[(\S+?)\+0000\].*Pause Young.* ([\d.]+)ms", line)
            if m and datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f") > since:
                pauses.append(float(m.group(2)))
    return pauses


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--variant", required=True, metavar="DIR", help="a built checkout")
    parser.add_argument("--variant-args", default="", help="more JVM options for the variant")
    parser.add_argument("--base-args", default="", help="more JVM options for this checkout")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()

    nginx = run.start_nginx()
    gateways = []
    try:
        body = run.body_file("2KB", 2048)
        for name, root, port, extra in (("this", run.ROOT, run.GATEWAY_PORT, args.base_args),
                                        ("variant", args.variant, run.GATEWAY_PORT + 1, args.variant_args)):
            for old in glob.glob(gc_log(name).replace("%p", "*")):
                os.remove(old)
            key = run.start_gateway(root, port, env={"JVM_ARGS": extra + " -Xlog:gc:file=" + gc_log(name) + ":utctime"})
            gateways.append((name, root, "http://127.0.0.1:%d/v1/messages" % port, key))
        run.quick_warm_up([(url, key) for _, _, url, key in gateways], body, 3)  # the same for both

        since = datetime.datetime.utcnow()
        results = {name: [] for name, _, _, _ in gateways}
        results["nginx"] = []
        for round_ in range(args.rounds):
            for name, _, url, key in (gateways if round_ % 2 == 0 else gateways[::-1]):
                figures = run.wrk(url, body, 1, args.seconds, key)
                results[name].append(figures)
                print("round %d %-7s %6.0f req/s p50 %.3f p99 %.2f ms" % (round_ + 1, name, figures["rps"],
                                                                          figures["p50"], figures["p99"]), flush=True)
            figures = run.wrk("http://127.0.0.1:%d/v1/messages" % run.UPSTREAM_PORT, body, 1, 5, None)
            results["nginx"].append(figures)
            print("round %d nginx   p99 %.2f ms" % (round_ + 1, figures["p99"]), flush=True)
        measured = (datetime.datetime.utcnow() - since).total_seconds()
        busy = {name: [] for name, _, _, _ in gateways}
        for round_ in range(2):
            for name, _, url, key in (gateways if round_ % 2 == 0 else gateways[::-1]):
                busy[name].append(run.wrk(url, body, 32, args.seconds, key)["rps"])

        print("\n2 KB c=1, medians of %d rounds (p99s by round in brackets):" % args.rounds)
        for name, figures in results.items():
            print("%-8s p99 %.2f ms %s  p50 %.3f ms  %5.0f req/s" % (
                name, statistics.median(f["p99"] for f in figures), [round(f["p99"], 2) for f in figures],
                statistics.median(f["p50"] for f in figures), statistics.median(f["rps"] for f in figures)))
        for name, _, _, _ in gateways:
            pauses = sorted(young_pauses(name, since))
            if pauses:
                # a second of the c=1 rounds' wall time, in which each gateway is measured half the time
                print("%-8s young collections over the c=1 rounds: %d (%.2f a second of them), pause median %.2f ms, "
                      "p90 %.2f"
                      % (name, len(pauses), len(pauses) / measured, statistics.median(pauses),
                         pauses[int(len(pauses) * 0.9)]))
            print("%-8s 2 KB c=32: %s req/s" % (name, [round(r) for r in busy[name]]))
    finally:
        for _, root, _, _ in gateways:
            run.mvn("liberty:stop", root=root)
        nginx.terminate()


if __name__ == "__main__":
    main()
