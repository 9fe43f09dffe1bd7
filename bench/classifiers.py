#!/usr/bin/env python3
"""
Evaluates intent classification, in two parts.

1. Across sources, in process: trains the local classifier on every source of its corpus but one and tests on
   the one left out (plugins/classifier-local/src/main/resources/intents/), then the shipped classifier on the
   sealed examples nothing was tuned on. Prints accuracy, per-intent recall, security routed cheaper,
   calibration and the time per classification.
2. End to end: sends every example of the sealed sets (plugins/classifier-local/src/test/resources/)
   through a running srooter as a coding agent would, reads the intent from x-srooter-intent, then sends the
   task's follow-up (the tool result of its first turn): the first request of a task pays for classification,
   the follow-up must not. Prints accuracy, per-intent precision and recall, and both latencies, for the local
   classifier and, with --llm-model, for the LLM classifier asking that model (it needs a real model to mean
   anything).

    python3 bench/classifiers.py [--llm-model provider/model]
    python3 bench/classifiers.py --file labelled.tsv     # the shipped classifier on requests of your own

Starts nginx and the gateway like bench/run.py (mvn -B install -DskipTests first).
"""
import argparse, glob, json, os, statistics, subprocess, sys, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

ROOT = run.ROOT
SEALED = sorted(glob.glob(os.path.join(ROOT, "plugins", "classifier-local", "src", "test", "resources",
                                      "intents-sealed*.tsv")))
TITLE = ("Generate a concise, sentence-case title (3-7 words) that captures the main topic or goal of this "
         "coding session. Return JSON with a single \"title\" field.")
AGENT = "You are an interactive coding agent. Use the tools available to you to help the user."
TOOLS = [{"name": n, "input_schema": {"type": "object"}} for n in ("Read", "Edit", "Bash")]


def examples():
    for path in SEALED:
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").replace("\\n", "\n").split("\t")
            yield f[0], f[1], f[2], f[3] if len(f) > 3 else ""


def body(shape, user, follow_up):
    if shape == "title":
        return {"model": "bench-model", "max_tokens": 64, "system": TITLE,
                "messages": [{"role": "user", "content": user}]}
    messages = [{"role": "user", "content": user}]
    if follow_up:  # the task's next request: the model asked for a tool, here is its result
        messages += [{"role": "assistant", "content": [{"type": "tool_use", "id": "t1", "name": "Read", "input": {}}]},
                     {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1",
                                                   "content": "ok: 3 files read"}]}]
    return {"model": "bench-model", "max_tokens": 1024, "system": AGENT, "tools": TOOLS, "messages": messages}


def send(base, key, payload):
    request = urllib.request.Request(base + "/v1/messages", method="POST", data=json.dumps(payload).encode())
    request.add_header("content-type", "application/json")
    request.add_header("x-api-key", key)
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        return response.headers.get("x-srooter-intent", "none"), (time.perf_counter() - start) * 1000


def evaluate(base, key, label):
    truth, guess, first, follow = [], [], [], []
    for _ in range(2):  # the first pass warms the server; the second is measured
        truth, guess, first, follow = [], [], [], []
        for intent, shape, user, _unused in examples():
            got, millis = send(base, key, body(shape, user, False))
            truth.append(intent)
            guess.append(got)
            first.append(millis)
            if shape != "title":
                follow.append(send(base, key, body(shape, user, True))[1])
    correct = sum(t == g for t, g in zip(truth, guess))
    print("\n%s, end to end: %d sealed requests, accuracy %.1f%%; latency p50 of a task's first request %.2f ms,"
          " of its follow-up %.2f ms" % (label, len(truth), 100.0 * correct / len(truth), statistics.median(first),
                                         statistics.median(follow)))
    print("| intent | precision | recall |\n| --- | --- | --- |")
    for intent in ("trivial", "substantive", "architecture", "security"):
        predicted = sum(g == intent for g in guess)
        actual = sum(t == intent for t in truth)
        hit = sum(t == g == intent for t, g in zip(truth, guess))
        print("| %s | %.2f | %.2f |" % (intent, hit / predicted if predicted else 0, hit / actual if actual else 0))


def cross_source(labelled=None):
    """The in-process evaluation across sources (CrossSourceEvaluation, on the plugin's test class path); with a
    file of labelled requests, the shipped classifier on that file only."""
    module = os.path.join(ROOT, "plugins", "classifier-local")
    classpath = subprocess.run(["mvn", "-q", "-f", os.path.join(module, "pom.xml"), "dependency:build-classpath",
                                "-Dmdep.outputFile=/dev/stdout"], check=True, capture_output=True, text=True).stdout
    subprocess.run(["mvn", "-q", "-f", os.path.join(module, "pom.xml"), "test-compile"], check=True)
    classes = os.pathsep.join([os.path.join(module, "target", "classes"), os.path.join(module, "target",
                                                                                        "test-classes"), classpath.strip()])
    extra = ["--file", os.path.abspath(labelled), "--misses"] if labelled else []
    subprocess.run(["java", "-cp", classes, "dev.srooter.plugins.classifier.CrossSourceEvaluation"] + extra, check=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--llm-model", help="also evaluate the LLM classifier asking this model (provider/model)")
    parser.add_argument("--file", help="only evaluate the shipped classifier on this file of labelled requests (intent,"
                                       " shape, text: the corpus's format), in process, and list its misses")
    args = parser.parse_args()
    if args.file:
        cross_source(args.file)
        return
    cross_source()
    nginx = run.start_nginx()
    try:
        key = run.start_gateway()
        base = "http://127.0.0.1:%d" % run.GATEWAY_PORT
        token = run.http("POST", base + "/api/auth/login", {"username": "admin", "password": run.ADMIN_PASSWORD})["token"]
        neutral = {"rules": [{"intent": i, "target": "requested"} for i in
                             ("trivial", "substantive", "architecture", "security")]}
        run.http("PUT", base + "/api/routing/rules", neutral, token)
        evaluate(base, key, "local classifier")
        if args.llm_model:
            run.http("PUT", base + "/api/routing/classifier", {"name": "llm", "model": args.llm_model,
                                                                "timeoutMs": 1500}, token)
            evaluate(base, key, "llm classifier (%s)" % args.llm_model)
    finally:
        try:
            run.mvn("liberty:stop")
        finally:
            nginx.terminate()


if __name__ == "__main__":
    main()
