-- wrk script: POST the body in BODY_FILE with the headers a Claude Code call carries.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["content-type"] = "application/json"
wrk.headers["anthropic-version"] = "2023-06-01"
local key = os.getenv("GATEWAY_KEY")
-- the key as the clients send it: Claude Code and the Anthropic SDK in x-api-key, the OpenAI SDK, Codex and aider as
-- a bearer token (which Liberty's token verifier looks at first: it costs more)
if key and key ~= "" then
  if os.getenv("GATEWAY_AUTH") == "bearer" then
    wrk.headers["authorization"] = "Bearer " .. key
  else
    wrk.headers["x-api-key"] = key
  end
end
-- extra headers for a peer gateway under comparison, "name: value|name: value"
local extra = os.getenv("EXTRA_HEADERS")
if extra and extra ~= "" then
  for pair in string.gmatch(extra, "[^|]+") do
    local name, value = string.match(pair, "^%s*([^:]+):%s*(.*)$")
    wrk.headers[name] = value
  end
end
-- SESSIONS=each: every request is the first turn of a task of its own (its own Claude Code session id), as when many
-- agents start at once; otherwise every request repeats one conversation, the same task.
if os.getenv("SESSIONS") == "each" then
  local prefix, count = "", 0
  function init(args)
    prefix = string.gsub(tostring({}), "[^%w]", "") -- differs between wrk's threads
  end
  function request()
    count = count + 1
    wrk.headers["x-claude-code-session-id"] = prefix .. "-" .. count
    return wrk.format()
  end
end
-- QUANTILES=1: the latency's quantiles, every tenth of a percent (us), on one line, so that run.py can merge the
-- latencies of several short runs into one row's (bench/interleave.py)
if os.getenv("QUANTILES") == "1" then
  function done(summary, latency, requests)
    local values = {}
    for tenth = 1, 999 do
      values[tenth] = string.format("%d", latency:percentile(tenth / 10))
    end
    values[1000] = string.format("%d", latency.max) -- wrk's percentile(100) answers 0
    io.write("quantiles: " .. table.concat(values, " ") .. "\n")
  end
end
