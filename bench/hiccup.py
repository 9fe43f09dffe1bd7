#!/usr/bin/env python3
"""
How much of each core the machine itself takes away: a spinner on each core alone, then on both at once.

    python3 bench/hiccup.py [--seconds 10]

Needs gcc. Run it with nothing else running (no gateway, no wrk). Why: issue 23's p99 at c=1 counts every stall of
more than twice a request's interval (wrk's correction; see tail.py), so time the host takes from a core shows in it
as surely as a young collection does. On a two-core guest the host may take more when both cores are busy than
when one is, and a gateway at c=1 keeps both busy at times (the collector's two workers, the audit writer beside
the request), while nginx and wrk straight keep about one busy. This measures that difference on the machine at hand,
so that runs on different machines can be told apart (bench/README.md, "Another machine, and the host's share of two
busy cores").
"""
import argparse, os, subprocess, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def spin(binary, seconds, cores):
    """One spinner per core in cores, all at once; each one's (gaps > 0.1 ms, > 1 ms, > 2 ms, longest ms, lost)."""
    procs = [subprocess.Popen(["taskset", "-c", str(c), binary, str(seconds)], stdout=subprocess.PIPE, text=True)
             for c in cores]
    return [tuple(float(x) for x in p.communicate()[0].split()) for p in procs]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    binary = os.path.join(tempfile.mkdtemp(), "hiccup")
    subprocess.run(["gcc", "-O2", "-o", binary, os.path.join(HERE, "hiccup", "hiccup.c")], check=True)
    cores = sorted(os.sched_getaffinity(0))[:2]
    print("| cores busy | core | gaps > 0.1 ms | > 1 ms | > 2 ms | longest ms | time lost |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    runs = [("one", [c]) for c in cores] + [("both", cores)]
    for label, busy in runs:
        for core, (g100, g1, g2, longest, lost) in zip(busy, spin(binary, args.seconds, busy)):
            print("| %s | %d | %d | %d | %d | %.2f | %.2f%% |" % (label, core, g100, g1, g2, longest, lost * 100))


if __name__ == "__main__":
    main()
