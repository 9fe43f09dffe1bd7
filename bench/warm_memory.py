#!/usr/bin/env python3
"""
Where the gateway's resident memory goes while the JIT warms it up: passes of load over every path (as run.py's warm-up
sends them), the process's resident size sampled five times a second and, with --nmt, the JVM's own accounts (Native
Memory Tracking) every 1.5 s: the heap, class metadata, code cache, the compilers' arenas and the pool of freed arena
chunks. Prints the peak, the peak of each phase, both series, and the code cache and flags at the end.

    python3 bench/warm_memory.py [--passes 3] [--nmt] [--jvm-args "-XX:..."] [--env NAME=VALUE ...]

--jvm-args and --env try an option without editing liberty-config (bench/README.md, "C2 alone").
"""
import argparse, collections, os, re, subprocess, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

PATHS = ("2KB", "60KB", "2KB SSE", "2KB chat", "60KB chat", "2KB SSE chat")
NMT_KINDS = ("Java Heap", "Class", "Metaspace", "Code", "Compiler", "Arena Chunk", "GC", "Symbol", "Thread")


def rss_mb(pid):
    status = open("/proc/%d/status" % pid).read()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) // 1024


def nmt_mb(pid):
    """Committed MB by NMT category (jcmd VM.native_memory summary)."""
    out = subprocess.run(["jcmd", str(pid), "VM.native_memory", "summary"], capture_output=True, text=True).stdout
    kinds = {m.group(1).strip(): int(m.group(2)) // 1024
             for m in re.finditer(r"-\s+([\w ]+?) \(reserved=\d+KB, committed=(\d+)KB\)", out)}
    total = re.search(r"Total: reserved=\d+KB, committed=(\d+)KB", out)
    return int(total.group(1)) // 1024 if total else 0, kinds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--nmt", action="store_true", help="also the JVM's own accounts (adds a little memory)")
    parser.add_argument("--jvm-args", default="")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()

    nginx = run.start_nginx()
    try:
        jvm_args = "-Xlog:gc:file=%s %s %s" % (os.path.join(run.WORK, "gateway-gc-%p.log"),
                                               "-XX:NativeMemoryTracking=summary" if args.nmt else "", args.jvm_args)
        key = run.start_gateway(env={"JVM_ARGS": jvm_args, **dict(e.split("=", 1) for e in args.env)})
        pid = run.listening_pid(run.GATEWAY_PORT)
        bodies = [(name, path) for name, (path, _) in run.make_bodies(PATHS).items()]

        start, stop, phase = time.time(), threading.Event(), ["start"]
        rss, nmt = [], []

        def sample_rss():
            while not stop.wait(0.2):
                rss.append((time.time() - start, rss_mb(pid), phase[0]))

        def sample_nmt():
            while not stop.wait(1.5):
                nmt.append((time.time() - start, *nmt_mb(pid)))

        threads = [threading.Thread(target=sample_rss, daemon=True)]
        if args.nmt:
            threads.append(threading.Thread(target=sample_nmt, daemon=True))
        for t in threads:
            t.start()
        for warm_pass in range(1, args.passes + 1):
            for name, path in bodies:
                phase[0] = "pass %d, %s" % (warm_pass, name)
                r = run.wrk("http://127.0.0.1:%d%s" % (run.GATEWAY_PORT, run.entry(name)), path, 32,
                            10 if warm_pass == 1 else 5, key)
                print("%-22s %6.0f req/s" % (phase[0], r["rps"]), flush=True)
        stop.set()
        for t in threads:
            t.join()

        peak = max(rss, key=lambda s: s[1])
        by_phase = collections.OrderedDict()
        for _, mb, ph in rss:
            by_phase[ph] = max(by_phase.get(ph, 0), mb)
        print("\npeak resident %d MB at %.0f s (%s)" % (peak[1], peak[0], peak[2]))
        print("peak by phase: " + ", ".join("%s %d" % item for item in by_phase.items()))
        print("\nresident MB, every 2 s: " + " ".join("%d" % mb for _, mb, _ in rss[::10]))
        if nmt:
            print("\nNMT committed MB: s total " + " | ".join(NMT_KINDS))
            for at, total, kinds in nmt:
                print("%5.0f %4d " % (at, total) + " | ".join(str(kinds.get(k, "-")) for k in NMT_KINDS))
        for command in (["Compiler.codecache"], ["VM.flags"]):
            print(subprocess.run(["jcmd", str(pid), *command], capture_output=True, text=True).stdout)
    finally:
        run.mvn("liberty:stop")
        nginx.terminate()


if __name__ == "__main__":
    main()
