#!/usr/bin/env python3
"""
What the young collections copy at 2 KB c=1: a census of the objects that survive, by class and by age.

    python3 bench/survivors.py [--seconds 15] [--jvm-args "..."]

Starts nginx and the gateway as run.py does, warms it up (then 10 s more at c=1, so that what the c=32 warm-up left in
the survivor spaces has been promoted before the census), and records JFR's promotion events over a wrk run at c=1.
The collector sends one event each time a worker takes a new promotion buffer (PLAB), naming the object that needed
it, and one for each object copied outside a buffer: each event stands for the buffer's bytes, so the census is a
sample weighted by bytes copied, not a count of objects.

Why: a young collection at c=1 copies about a megabyte and still pauses 3-4 ms on this machine kind, and those pauses
hold most of wrk's p99 at c=1 (bench/README.md, "What wrk's p99 at c=1 counts"). What is copied, and how old it is
(age 0: allocated since the last collection), says where a pause's copying comes from; its bytes alone do not say what
it costs (bench/README.md, "What a young collection copies": many small new objects cost more than older bytes).
"""
import argparse, collections, json, os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.PromoteObjectInNewPLAB"><setting name="enabled">true</setting></event>
  <event name="jdk.PromoteObjectOutsidePLAB"><setting name="enabled">true</setting></event>
  <event name="jdk.GarbageCollection"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
</configuration>
"""


def census(recording):
    out = subprocess.run(["jfr", "print", "--json", "--events",
                          "jdk.PromoteObjectInNewPLAB,jdk.PromoteObjectOutsidePLAB,jdk.GarbageCollection", recording],
                         capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    collections_ = sum(1 for e in events if e["type"] == "jdk.GarbageCollection" and e["values"]["name"] == "ParallelScavenge")
    by_age = {"age 0": collections.Counter(), "older": collections.Counter()}
    tenured = 0
    for e in events:
        v = e["values"]
        if e["type"] == "jdk.GarbageCollection":
            continue
        weight = v.get("plabSize") or v["objectSize"]
        if v["tenured"]:
            tenured += weight
        klass = v["objectClass"]["name"] if v.get("objectClass") else "?"
        by_age["age 0" if v["tenuringAge"] == 0 else "older"][klass] += weight
    return collections_, by_age, tenured


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--jvm-args", default="")
    args = parser.parse_args()
    nginx = run.start_nginx()
    try:
        body = run.body_file("2KB", 2048)
        key = run.start_gateway(env={"JVM_ARGS": args.jvm_args})
        pid = run.listening_pid(run.GATEWAY_PORT)
        url = "http://127.0.0.1:%d/v1/messages" % run.GATEWAY_PORT
        run.quick_warm_up([(url, key)], body, 3)
        run.wrk(url, body, 1, 10, key)
        settings = tempfile.NamedTemporaryFile("w", suffix=".jfc", delete=False)
        settings.write(SETTINGS)
        settings.close()
        recording = os.path.join(run.WORK, "survivors.jfr")
        subprocess.run(["jcmd", str(pid), "JFR.start", "name=survivors", "settings=" + settings.name,
                        "filename=" + recording], check=True, capture_output=True)
        figures = run.wrk(url, body, 1, args.seconds, key)
        subprocess.run(["jcmd", str(pid), "JFR.stop", "name=survivors"], check=True, capture_output=True)
        os.remove(settings.name)
    finally:
        run.mvn("liberty:stop")
        nginx.terminate()

    young, by_age, tenured = census(recording)
    print("2 KB c=1 for %d s: %.0f req/s, p99 %.2f ms; %d young collections" % (
        args.seconds, figures["rps"], figures["p99"], young))
    total = sum(sum(c.values()) for c in by_age.values())
    print("copied, by the census: %.0f KB a collection, %.0f%% of it allocated since the one before, %.0f%% promoted"
          % (total / max(young, 1) / 1024, 100 * sum(by_age["age 0"].values()) / total, 100 * tenured / total))
    for age, classes in by_age.items():
        share = sum(classes.values())
        print("\n%s: %.0f KB a collection" % (age, share / max(young, 1) / 1024))
        for klass, weight in classes.most_common(12):
            print("  %5.1f%%  %s" % (100 * weight / share, klass))


if __name__ == "__main__":
    main()
