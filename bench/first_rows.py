#!/usr/bin/env python3
"""
What the JIT compiles while a warmed gateway serves its first rows at c=1: run.py's first round had the slowest c=1 rows
of every run. One gateway, started with -XX:+PrintCompilation (its lines go to Liberty's console.log), is warmed as
run.py warmed it until 2026-12-07 (every path at c=32), then serves 2 KB at c=1 on the Messages and the Chat path in
turn (the pair's order alternating), five seconds a row; each row's p99, processor a request (and the threads that
spent the most of it) and the compilations logged meanwhile are printed.

    python3 bench/first_rows.py [--passes 2] [--rows 5] [--c1-warm-up]

--c1-warm-up adds five seconds of every path at c=1 after each at c=32 (run.py's warm-up now runs the rounds' own rows,
c=1 and c=32, in their order).
"""
import argparse, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

CONSOLE = os.path.join(run.ROOT, "server", "target", "liberty", "wlp", "usr", "servers", "srooter", "logs",
                       "console.log")
PATHS = ("2KB", "60KB", "2KB SSE", "2KB chat", "60KB chat", "2KB SSE chat")


def thread_cpu(pid):
    """Processor seconds by thread, {tid: (name, seconds)} (run.thread_times)."""
    return {tid: (name, seconds) for tid, name, seconds in run.thread_times(pid)}


def spent(before, after):
    """What each kind of thread (Liberty's executor threads together) spent between two thread_cpu readings."""
    by_name = {}
    for tid, (name, seconds) in after.items():
        by_name[name] = by_name.get(name, 0.0) + seconds - before.get(tid, (name, 0.0))[1]
    return sorted(((seconds, name) for name, seconds in by_name.items()), reverse=True)


def compilations():
    """The JIT's lines in the console so far (a method is named Class::method)."""
    if not os.path.exists(CONSOLE):
        return []
    return [line for line in open(CONSOLE, errors="replace").read().splitlines() if "::" in line]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--passes", type=int, default=2, help="warm-up passes at c=32 (the first 10 s a path)")
    parser.add_argument("--rows", type=int, default=5, help="pairs of 2 KB c=1 rows measured")
    parser.add_argument("--c1-warm-up", action="store_true")
    args = parser.parse_args()

    nginx = run.start_nginx()
    try:
        key = run.start_gateway(env={"JVM_ARGS": "-XX:+PrintCompilation"})
        pid = run.listening_pid(run.GATEWAY_PORT)
        bodies = {name: path for name, (path, _) in run.make_bodies(PATHS).items()}
        url = lambda name: "http://127.0.0.1:%d%s" % (run.GATEWAY_PORT, run.entry(name))
        for warm_pass in range(args.passes):
            for name, path in bodies.items():
                run.wrk(url(name), path, 32, 10 if warm_pass == 0 else 5, key)
                if args.c1_warm_up:
                    run.wrk(url(name), path, 1, 5, key)
        time.sleep(5)
        for row in range(args.rows):
            # The pair's order alternates as in run.py's rounds: with Messages always first, the Chat row was always the
            # second of two back-to-back rows, and whether the path or the slot cost more could not be told apart.
            for name in ("2KB", "2KB chat") if row % 2 == 0 else ("2KB chat", "2KB"):
                before, threads = len(compilations()), thread_cpu(pid)
                figures = run.wrk(url(name), bodies[name], 1, 5, key, pid=pid)
                compiled = compilations()[before:]
                used = spent(threads, thread_cpu(pid))
                print("row %d %-8s %5.0f req/s p50 %.3f ms p99 %.3f ms, %.3f ms of processor a request; %d compiled,"
                      " %d made not entrant" % (row + 1, name, figures["rps"], figures["p50"], figures["p99"],
                                                figures["cpu"], len(compiled),
                                                sum("made not entrant" in line for line in compiled)), flush=True)
                print("    processor by thread (ms a request): " + ", ".join(
                    "%s %.3f" % (thread, 1000 * seconds / max(1.0, figures["rps"] * 5)) for seconds, thread in used[:6]))
                for line in compiled:
                    print("    " + line.strip()[:150])
                time.sleep(5)
    finally:
        run.mvn("liberty:stop")
        nginx.terminate()


if __name__ == "__main__":
    main()
