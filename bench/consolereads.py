#!/usr/bin/env python3
"""The console's summary reads on a large audit, before (every record grouped) and after (the sums by hour and the
tasks' totals), the budgets page's spend per day, and the time the migrations take to sum an audit of that size.

    python3 bench/consolereads.py [--records 300000] [--tasks 30000] [--days 7]

Runs bench/consolereads/ConsoleReadsBench.java in a fresh JVM against a fresh embedded Derby, with this checkout's
classes (`mvn -B -q -o -pl server test-compile` first: the harness uses the server's classes and its tests'
EmbeddedDerby and Scripts) and the server's Derby options from liberty-config/jvm.options.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import auditwriter  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=300000)
    ap.add_argument("--tasks", type=int, default=30000)
    ap.add_argument("--days", type=int, default=7)
    a = ap.parse_args()
    deps = auditwriter.dependencies()
    build = tempfile.mkdtemp(prefix="consolereads")
    folder = tempfile.mkdtemp(prefix="consolereads-db")
    try:
        subprocess.run(["javac", "-d", build, os.path.join(HERE, "consolereads", "ConsoleReadsBench.java")], check=True)
        server = os.path.join(auditwriter.ROOT, "server", "target")
        cp = os.pathsep.join([build, os.path.join(server, "classes"), os.path.join(server, "test-classes"), deps])
        subprocess.run(["java", "-Xmx512m", *auditwriter.derby_options(auditwriter.ROOT), "-cp", cp,
                        "ConsoleReadsBench", str(a.records), str(a.tasks), str(a.days), os.path.join(folder, "db")],
                       check=True)
    finally:
        shutil.rmtree(build, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
