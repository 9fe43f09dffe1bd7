// One client format's official SDK through srooter to a model behind another format: a two-turn
// tool conversation (the model calls get_weather, the client sends the result, the model answers),
// plain and streamed with the SDK's own stream helpers, plus a provider error. Prints what the SDK
// parsed as one JSON object.
// Usage: SROOTER_URL=... SROOTER_KEY=... CLIENT=anthropic|chat|responses MODEL=provider/model node sdk-crossing.mjs
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";

const url = process.env.SROOTER_URL;
const key = process.env.SROOTER_KEY;
const model = process.env.MODEL;
const client = process.env.CLIENT;
const anthropic = new Anthropic({ baseURL: url, apiKey: key, maxRetries: 0 });
const openai = new OpenAI({ baseURL: url + "/v1", apiKey: key, maxRetries: 0 });
const question = "What is the weather in Paris?";
const result = "sunny, 21 degrees";
const schema = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };

async function anthropicTurns(stream) {
  const tools = [{ name: "get_weather", description: "Current weather", input_schema: schema }];
  const base = { model, max_tokens: 4096, tools, thinking: { type: "enabled", budget_tokens: 2048 },
    metadata: { user_id: "dev-7" } };
  const call = (messages) => stream ? anthropic.messages.stream({ ...base, messages }).finalMessage()
    : anthropic.messages.create({ ...base, messages });
  const messages = [{ role: "user", content: question }];
  const first = await call(messages);
  const use = first.content.find((b) => b.type === "tool_use");
  const thinking = first.content.filter((b) => b.type === "thinking").map((b) => b.thinking).join("");
  messages.push({ role: "assistant", content: first.content });
  messages.push({ role: "user", content: [{ type: "tool_result", tool_use_id: use.id, content: result }] });
  const second = await call(messages);
  return { call: { id: use.id, name: use.name, args: use.input }, stop: first.stop_reason, thinking,
    usage: { input: first.usage.input_tokens, cacheRead: first.usage.cache_read_input_tokens,
      cacheWrite: first.usage.cache_creation_input_tokens, output: first.usage.output_tokens },
    model: first.model, final: second.content.filter((b) => b.type === "text").map((b) => b.text).join(""),
    finalStop: second.stop_reason };
}

async function chatTurns(stream) {
  const tools = [{ type: "function", function: { name: "get_weather", description: "Current weather", parameters: schema } }];
  const base = { model, tools, reasoning_effort: "low", user: "dev-7", max_completion_tokens: 4096 };
  const call = (messages) => stream
    ? openai.chat.completions.stream({ ...base, messages, stream_options: { include_usage: true } }).finalChatCompletion()
    : openai.chat.completions.create({ ...base, messages });
  const messages = [{ role: "user", content: question }];
  const first = await call(messages);
  const message = first.choices[0].message;
  const use = message.tool_calls[0];
  messages.push({ role: "assistant", content: message.content, tool_calls: message.tool_calls });
  messages.push({ role: "tool", tool_call_id: use.id, content: result });
  const second = await call(messages);
  return { call: { id: use.id, name: use.function.name, args: JSON.parse(use.function.arguments) },
    stop: first.choices[0].finish_reason, thinking: message.reasoning_content ?? "",
    usage: { input: first.usage.prompt_tokens, cacheRead: first.usage.prompt_tokens_details?.cached_tokens,
      output: first.usage.completion_tokens },
    model: first.model, final: second.choices[0].message.content, finalStop: second.choices[0].finish_reason };
}

async function responsesTurns(stream) {
  const tools = [{ type: "function", name: "get_weather", description: "Current weather", parameters: schema, strict: false }];
  const base = { model, tools, reasoning: { effort: "low" }, store: false, include: ["reasoning.encrypted_content"],
    user: "dev-7" };
  const call = (input) => stream ? openai.responses.stream({ ...base, input }).finalResponse()
    : openai.responses.create({ ...base, input });
  const input = [{ role: "user", content: question }];
  const first = await call(input);
  const use = first.output.find((i) => i.type === "function_call");
  const thinking = first.output.filter((i) => i.type === "reasoning")
    .map((i) => i.summary.map((s) => s.text).join("")).join("");
  input.push(...first.output);
  input.push({ type: "function_call_output", call_id: use.call_id, output: result });
  const second = await call(input);
  return { call: { id: use.call_id, name: use.name, args: JSON.parse(use.arguments) }, stop: first.status,
    thinking, usage: { input: first.usage.input_tokens, cacheRead: first.usage.input_tokens_details?.cached_tokens,
      output: first.usage.output_tokens },
    model: first.model, final: second.output_text, finalStop: second.status };
}

async function failing() {
  const content = "please fail-429";
  try {
    if (client === "anthropic") {
      await anthropic.messages.create({ model, max_tokens: 16, messages: [{ role: "user", content }] });
    } else if (client === "chat") {
      await openai.chat.completions.create({ model, messages: [{ role: "user", content }] });
    } else {
      await openai.responses.create({ model, input: content });
    }
    return null;
  } catch (e) {
    return { status: e.status, type: e.error?.error?.type ?? e.error?.type ?? e.type ?? null,
      message: e.error?.error?.message ?? e.error?.message ?? e.message,
      retryAfter: e.headers?.get?.("retry-after") ?? e.headers?.["retry-after"] ?? null };
  }
}

const turns = { anthropic: anthropicTurns, chat: chatTurns, responses: responsesTurns }[client];
const out = { whole: await turns(false), stream: await turns(true), error: await failing() };
console.log(JSON.stringify(out));
