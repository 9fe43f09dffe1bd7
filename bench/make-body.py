"""Writes a request body of about SIZE bytes: a system prompt, tools and history; Anthropic Messages, or with a fifth
argument "chat", OpenAI Chat Completions (as aider and the OpenAI SDK send it, usage asked for when streaming)."""
import json, sys

size, model, stream, out = int(sys.argv[1]), sys.argv[2], sys.argv[3] == "true", sys.argv[4]
chat = len(sys.argv) > 5 and sys.argv[5] == "chat"
body = {
    "model": model, "max_tokens": 1024, "stream": stream,
    "system": [{"type": "text", "text": "You are a coding agent.", "cache_control": {"type": "ephemeral"}}],
    "tools": [{"name": "Read", "description": "Read a file", "input_schema": {"type": "object",
               "properties": {"file_path": {"type": "string"}}, "required": ["file_path"]}}],
    "messages": [],
}
line = "def handler(request):\n    return process(request.payload, retries=3)  # keep it simple\n"
i = 0
while len(json.dumps(body)) < size:
    role = "user" if i % 2 == 0 else "assistant"
    body["messages"].append({"role": role, "content": [{"type": "text", "text": line * 4}]})
    i += 1
if body["messages"][-1]["role"] != "user":
    body["messages"].append({"role": "user", "content": "Go on."})
if chat:
    body = {"model": model, "max_tokens": 1024, "stream": stream,
            "messages": [{"role": "system", "content": "You are a coding agent."}]
            + [{"role": m["role"], "content": m["content"] if isinstance(m["content"], str) else m["content"][0]["text"]}
               for m in body["messages"]],
            "tools": [{"type": "function", "function": {"name": "Read", "description": "Read a file", "parameters": {
                "type": "object", "properties": {"file_path": {"type": "string"}}, "required": ["file_path"]}}}]}
    if stream:
        body["stream_options"] = {"include_usage": True}
open(out, "w").write(json.dumps(body))
