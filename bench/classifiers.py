#!/usr/bin/env python3
"""
Evaluates intent classification end to end: sends every held-out example
(plugins/classifier-local/src/test/resources/intents-heldout.tsv) through a running srooter, as a coding
agent (or, for title examples, its title side call) would, and reads the intent srooter gave it from
x-srooter-intent. Prints accuracy, per-intent precision and recall, and the request latency, for the local
classifier and, with --llm-model, for the LLM classifier asking that model (it needs a real model to mean
anything).

    python3 bench/classifiers.py [--llm-model provider/model]

Starts nginx and the gateway like bench/run.py (mvn -B install -DskipTests first).
"""
import argparse, json, os, statistics, sys, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

ROOT = run.ROOT
HELD_OUT = os.path.join(ROOT, "plugins", "classifier-local", "src", "test", "resources", "intents-heldout.tsv")
TITLE = ("Generate a concise, sentence-case title (3-7 words) that captures the main topic or goal of this "
         "coding session. Return JSON with a single \"title\" field.")
AGENT = "You are an interactive coding agent. Use the tools available to you to help the user."
TOOLS = [{"name": n, "input_schema": {"type": "object"}} for n in ("Read", "Edit", "Bash")]


def examples():
    for line in open(HELD_OUT, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        yield f[0], f[1], f[2], f[3] if len(f) > 3 else ""


def body(shape, user, tool_result):
    if shape == "title":
        return {"model": "bench-model", "max_tokens": 64, "system": TITLE,
                "messages": [{"role": "user", "content": user}]}
    messages = [{"role": "user", "content": user}]
    if tool_result:
        messages += [{"role": "assistant", "content": [{"type": "tool_use", "id": "t1", "name": "Read", "input": {}}]},
                     {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1", "content": tool_result}]}]
    return {"model": "bench-model", "max_tokens": 1024, "system": AGENT, "tools": TOOLS, "messages": messages}


def evaluate(base, key, label):
    truth, guess, millis = [], [], []
    for intent, shape, user, tool_result in examples():
        request = urllib.request.Request(base + "/v1/messages", method="POST",
                                         data=json.dumps(body(shape, user, tool_result)).encode())
        request.add_header("content-type", "application/json")
        request.add_header("x-api-key", key)
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            got = response.headers.get("x-srooter-intent", "none")
        millis.append((time.perf_counter() - start) * 1000)
        truth.append(intent)
        guess.append(got)
    correct = sum(t == g for t, g in zip(truth, guess))
    print("\n%s: %d held-out requests, accuracy %.1f%%, request latency p50 %.2f ms" % (
        label, len(truth), 100.0 * correct / len(truth), statistics.median(millis)))
    print("| intent | precision | recall |\n| --- | --- | --- |")
    for intent in ("trivial", "substantive", "architecture", "security"):
        predicted = sum(g == intent for g in guess)
        actual = sum(t == intent for t in truth)
        hit = sum(t == g == intent for t, g in zip(truth, guess))
        print("| %s | %.2f | %.2f |" % (intent, hit / predicted if predicted else 0, hit / actual if actual else 0))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--llm-model", help="also evaluate the LLM classifier asking this model (provider/model)")
    args = parser.parse_args()
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
