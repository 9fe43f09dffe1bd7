// Drives the official npm SDKs against srooter and prints what they parsed, as one JSON object.
// Usage: SROOTER_URL=http://localhost:9080 SROOTER_KEY=srt_live_... CLAUDE_MODEL=... OPENAI_MODEL=... node sdk-check.mjs
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";

const url = process.env.SROOTER_URL;
const key = process.env.SROOTER_KEY;
const anthropic = new Anthropic({ baseURL: url, apiKey: key, maxRetries: 0 });
const openai = new OpenAI({ baseURL: url + "/v1", apiKey: key, maxRetries: 0 });
const claude = process.env.CLAUDE_MODEL;
const gpt = process.env.OPENAI_MODEL;
const ask = [{ role: "user", content: "Say hello." }];
const out = {};

const message = await anthropic.messages.create({ model: claude, max_tokens: 64, messages: ask });
out.anthropicText = message.content.map((b) => b.text ?? "").join("");
out.anthropicUsage = message.usage;

const stream = anthropic.messages.stream({ model: claude, max_tokens: 64, messages: ask });
const events = [];
stream.on("streamEvent", (e) => events.push(e.type));
const streamed = await stream.finalMessage();
out.anthropicStreamText = streamed.content.map((b) => b.text ?? "").join("");
out.anthropicStreamEvents = events;
out.anthropicStreamStop = streamed.stop_reason;

out.anthropicCountTokens = (await anthropic.messages.countTokens({ model: claude, messages: ask })).input_tokens;

const completion = await openai.chat.completions.create({ model: gpt, messages: ask });
out.chatText = completion.choices[0].message.content;
out.chatUsage = completion.usage;

let chatStreamText = "";
let chatStreamUsage = null;
const chunks = await openai.chat.completions.create({ model: gpt, messages: ask, stream: true,
  stream_options: { include_usage: true } });
for await (const chunk of chunks) {
  chatStreamText += chunk.choices[0]?.delta?.content ?? "";
  if (chunk.usage) chatStreamUsage = chunk.usage;
}
out.chatStreamText = chatStreamText;
out.chatStreamUsage = chatStreamUsage;

const response = await openai.responses.create({ model: gpt, input: "Say hello." });
out.responsesText = response.output_text;

let responsesStreamText = "";
let completed = null;
const responseEvents = await openai.responses.create({ model: gpt, input: "Say hello.", stream: true });
for await (const event of responseEvents) {
  if (event.type === "response.output_text.delta") responsesStreamText += event.delta;
  if (event.type === "response.completed") completed = event.response;
}
out.responsesStreamText = responsesStreamText;
out.responsesStreamUsage = completed?.usage ?? null;

try {
  await openai.chat.completions.create({ model: "no-such-model", messages: ask });
  out.openAiErrorStatus = null;
} catch (e) {
  out.openAiErrorStatus = e.status;
  out.openAiErrorCode = e.code ?? e.error?.code ?? null;
}
try {
  await anthropic.messages.create({ model: "no-such-model", max_tokens: 8, messages: ask });
  out.anthropicErrorStatus = null;
} catch (e) {
  out.anthropicErrorStatus = e.status;
  out.anthropicErrorType = e.error?.error?.type ?? null;
}

// the model listing and one model, as each SDK reads them (models.list pages; models.retrieve is GET /v1/models/{id})
out.anthropicListed = [];
for await (const model of anthropic.models.list()) out.anthropicListed.push(model.id);
out.anthropicRetrieved = await anthropic.models.retrieve(claude);
out.openAiListed = [];
for await (const model of openai.models.list()) out.openAiListed.push(model.id);
out.openAiRetrieved = await openai.models.retrieve(gpt);
try {
  await openai.models.retrieve("no-such-model");
  out.openAiRetrieveMissing = null;
} catch (e) {
  out.openAiRetrieveMissing = e.status;
}
try {
  await anthropic.models.retrieve("no-such-model");
  out.anthropicRetrieveMissing = null;
} catch (e) {
  out.anthropicRetrieveMissing = e.status;
}

console.log(JSON.stringify(out));
