#!/usr/bin/env python3
"""The audit writer's work a row, in interleaved rounds: this checkout's AuditStore, and a baseline's beside it.

    python3 bench/auditwriter.py [--baseline <worktree>] [--rounds 3] [--rows 150000] [--batch 250]

Each round runs bench/auditwriter/AuditWriterBench.java in a fresh JVM against a fresh embedded Derby, once for each
checkout, and prints its figures; then the medians. A checkout needs its classes built (`mvn -B -q -o install
-DskipTests`, or `-pl server test-compile`): the harness uses the server's classes and its tests' EmbeddedDerby.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def dependencies():
    out = os.path.join(tempfile.gettempdir(), "srooter-auditwriter-cp.txt")
    subprocess.run(["mvn", "-B", "-q", "-o", "-pl", "server", "dependency:build-classpath",
                    "-Dmdep.outputFile=" + out, "-Dmdep.includeScope=test"], cwd=ROOT, check=True)
    return open(out).read().strip()


def derby_options(checkout):
    """The server's Derby options, as that checkout's liberty-config/jvm.options sets them: the page cache's size changes
    the work, and a baseline keeps its own."""
    with open(os.path.join(checkout, "liberty-config", "jvm.options")) as options:
        return [line.strip() for line in options if line.startswith("-Dderby.")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rows", type=int, default=150000)
    ap.add_argument("--batch", type=int, default=250)
    a = ap.parse_args()
    deps = dependencies()
    checkouts = {"this": ROOT}
    if a.baseline:
        checkouts["baseline"] = os.path.abspath(a.baseline)
    build = tempfile.mkdtemp(prefix="auditwriter")
    subprocess.run(["javac", "-d", build, os.path.join(HERE, "auditwriter", "AuditWriterBench.java")], check=True)
    figures = {name: [] for name in checkouts}
    for round_ in range(a.rounds):
        order = list(checkouts) if round_ % 2 == 0 else list(reversed(checkouts))
        for name in order:
            server = os.path.join(checkouts[name], "server", "target")
            cp = os.pathsep.join([build, os.path.join(server, "classes"), os.path.join(server, "test-classes"), deps])
            folder = tempfile.mkdtemp(prefix="auditwriter-db")
            try:
                out = subprocess.run(["java", "-Xmx512m", *derby_options(checkouts[name]), "-cp", cp,
                                      "AuditWriterBench", str(a.rows), str(a.batch), folder],
                                     capture_output=True, text=True, check=True).stdout
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            values = dict(zip(*[iter(out.split())] * 2))
            figures[name].append({k: float(v) for k, v in values.items()})
            print(f"round {round_ + 1} {name:8} {out.strip()}", flush=True)
    print()
    print("medians:")
    for name, runs in figures.items():
        line = "  ".join(f"{k} {statistics.median(r[k] for r in runs):.2f}" for k in runs[0])
        print(f"  {name:8} {line}")
    shutil.rmtree(build, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
