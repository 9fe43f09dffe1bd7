package dev.srooter.server.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.server.providers.Usage;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The field-by-field mappings between the formats, one named rule per test. */
class CodecMappingTest {

    private static final Codec ANTHROPIC = new AnthropicCodec();
    private static final Codec CHAT = new ChatCodec();
    private static final Codec RESPONSES = new ResponsesCodec();

    private static JsonObject json(String text) {
        return Js.parse(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    /** As the Translate stage does it: read, keep only the target's own reasoning, write. */
    private static JsonObject cross(Codec from, Codec to, String body, String maxTokensField) {
        ChatRequest request = from.readRequest(json(body)).keepReasoningOf("p", new java.util.ArrayList<>());
        return to.writeRequest(request, new Crossing("p", "m", maxTokensField));
    }

    private static final String ANTHROPIC_REQUEST = """
            {'model':'claude-x','max_tokens':32000,'stream':true,
             'system':[{'type':'text','text':'You are Claude Code.','cache_control':{'type':'ephemeral'}},
                       {'type':'text','text':'Be brief.'}],
             'metadata':{'user_id':'user_42'},
             'thinking':{'type':'enabled','budget_tokens':20000},
             'stop_sequences':['END'],
             'tool_choice':{'type':'any','disable_parallel_tool_use':true},
             'tools':[{'name':'Read','description':'Reads a file','input_schema':{'type':'object','properties':{'path':{'type':'string'}}}},
                      {'type':'web_search_20250305','name':'web_search'}],
             'messages':[
               {'role':'user','content':[{'type':'text','text':'Look at this'},
                  {'type':'image','source':{'type':'base64','media_type':'image/png','data':'iVBORw0KGgo='}}]},
               {'role':'assistant','content':[{'type':'thinking','thinking':'hmm','signature':'native-sig'},
                  {'type':'text','text':'Reading both.'},
                  {'type':'tool_use','id':'toolu_1','name':'Read','input':{'path':'a.txt'}},
                  {'type':'tool_use','id':'toolu_2','name':'Read','input':{'path':'b.txt'}}]},
               {'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_1','content':'alpha'},
                  {'type':'tool_result','tool_use_id':'toolu_2','is_error':true,'content':[{'type':'text','text':'no such file'}]},
                  {'type':'text','text':'Go on.'}]}]}
            """;

    @Test
    void anthropicToChat() {
        JsonObject chat = cross(ANTHROPIC, CHAT, ANTHROPIC_REQUEST, "max_completion_tokens");
        assertEquals(32000, chat.getInt("max_completion_tokens"), "the provider's output limit field");
        assertFalse(chat.containsKey("max_tokens"));
        assertEquals("high", chat.getString("reasoning_effort"), "budget 20000 is a high effort");
        assertEquals("user_42", chat.getString("user"), "metadata.user_id becomes user");
        assertEquals("required", chat.getString("tool_choice"), "any becomes required");
        assertEquals(false, chat.getBoolean("parallel_tool_calls"));
        assertEquals("END", chat.getJsonArray("stop").getString(0));
        assertTrue(chat.getJsonObject("stream_options").getBoolean("include_usage"));
        JsonArray tools = chat.getJsonArray("tools");
        assertEquals(1, tools.size(), "the hosted web_search tool has no Chat equivalent");
        assertEquals("Read", tools.getJsonObject(0).getJsonObject("function").getString("name"));

        JsonArray m = chat.getJsonArray("messages");
        assertEquals("system", m.getJsonObject(0).getString("role"));
        assertEquals("You are Claude Code.\n\nBe brief.", m.getJsonObject(0).getString("content"));
        JsonArray firstUser = m.getJsonObject(1).getJsonArray("content");
        assertEquals("data:image/png;base64,iVBORw0KGgo=",
                firstUser.getJsonObject(1).getJsonObject("image_url").getString("url"));
        JsonObject assistant = m.getJsonObject(2);
        assertEquals("Reading both.", assistant.getString("content"), "the native thinking is not sent as text");
        assertEquals(List.of("toolu_1", "toolu_2"), assistant.getJsonArray("tool_calls").stream()
                .map(c -> c.asJsonObject().getString("id")).toList(), "both calls, ids kept, in order");
        assertEquals("{\"path\":\"a.txt\"}", assistant.getJsonArray("tool_calls").getJsonObject(0)
                .getJsonObject("function").getString("arguments"));
        assertEquals("tool", m.getJsonObject(3).getString("role"));
        assertEquals("toolu_1", m.getJsonObject(3).getString("tool_call_id"));
        assertEquals("alpha", m.getJsonObject(3).getString("content"));
        assertEquals("Error: no such file", m.getJsonObject(4).getString("content"), "is_error is said in words");
        assertEquals("user", m.getJsonObject(5).getString("role"));
        assertEquals("Go on.", m.getJsonObject(5).getString("content"));
    }

    @Test
    void anthropicToResponses() {
        JsonObject r = cross(ANTHROPIC, RESPONSES, ANTHROPIC_REQUEST, "max_tokens");
        assertEquals("You are Claude Code.\n\nBe brief.", r.getString("instructions"));
        assertEquals(32000, r.getInt("max_output_tokens"));
        assertEquals("high", r.getJsonObject("reasoning").getString("effort"));
        assertEquals("reasoning.encrypted_content", r.getJsonArray("include").getString(0));
        assertEquals(false, r.getBoolean("store"), "srooter keeps no state at the provider");
        List<String> types = r.getJsonArray("input").stream().map(i -> i.asJsonObject().getString("type")).toList();
        assertEquals(List.of("message", "message", "function_call", "function_call", "function_call_output",
                "function_call_output", "message"), types);
        JsonObject output = r.getJsonArray("input").getJsonObject(5);
        assertEquals("toolu_2", output.getString("call_id"));
        assertEquals("Error: no such file", output.getString("output"));
    }

    @Test
    void chatToAnthropic() {
        JsonObject a = cross(CHAT, ANTHROPIC, """
                {'model':'gpt-x','max_completion_tokens':4000,'reasoning_effort':'low','temperature':0.2,'user':'u7',
                 'stream':true,'stream_options':{'include_usage':true},
                 'tool_choice':{'type':'function','function':{'name':'Read'}},
                 'tools':[{'type':'function','function':{'name':'Read','parameters':{'type':'object'}}}],
                 'messages':[{'role':'system','content':'Be exact.'},
                   {'role':'user','content':[{'type':'text','text':'hi'},{'type':'image_url','image_url':{'url':'data:image/jpeg;base64,/9j/4AAQ'}}]},
                   {'role':'assistant','content':null,'tool_calls':[
                      {'id':'call_a','type':'function','function':{'name':'Read','arguments':'{\\'path\\':\\'x\\'}'}},
                      {'id':'call_b','type':'function','function':{'name':'Read','arguments':'{}'}}]},
                   {'role':'tool','tool_call_id':'call_a','content':'one'},
                   {'role':'tool','tool_call_id':'call_b','content':'two'}]}
                """, "max_tokens");
        assertEquals(4000, a.getInt("max_tokens"));
        assertEquals(2048, a.getJsonObject("thinking").getInt("budget_tokens"), "low effort is a 2048 budget");
        assertFalse(a.containsKey("temperature"), "Anthropic refuses temperature with thinking");
        assertEquals("u7", a.getJsonObject("metadata").getString("user_id"));
        assertEquals("tool", a.getJsonObject("tool_choice").getString("type"));
        assertEquals("Read", a.getJsonObject("tool_choice").getString("name"));
        assertEquals("Be exact.", a.getJsonArray("system").getJsonObject(0).getString("text"));
        JsonArray m = a.getJsonArray("messages");
        assertEquals(3, m.size(), "both tool results travel in one user message");
        JsonObject image = m.getJsonObject(0).getJsonArray("content").getJsonObject(1);
        assertEquals("image/jpeg", image.getJsonObject("source").getString("media_type"));
        assertEquals("/9j/4AAQ", image.getJsonObject("source").getString("data"));
        JsonArray calls = m.getJsonObject(1).getJsonArray("content");
        assertEquals("call_a", calls.getJsonObject(0).getString("id"));
        assertEquals("x", calls.getJsonObject(0).getJsonObject("input").getString("path"));
        JsonArray results = m.getJsonObject(2).getJsonArray("content");
        assertEquals("call_b", results.getJsonObject(1).getString("tool_use_id"));
    }

    @Test
    void thinkingBudgetStaysBelowTheOutputLimit() {
        JsonObject a = cross(CHAT, ANTHROPIC, "{'model':'g','max_tokens':3000,'reasoning_effort':'high',"
                + "'messages':[{'role':'user','content':'x'}]}", "max_tokens");
        assertEquals(2999, a.getJsonObject("thinking").getInt("budget_tokens"));
        JsonObject tooSmall = cross(CHAT, ANTHROPIC, "{'model':'g','max_tokens':900,'reasoning_effort':'high',"
                + "'temperature':0.5,'messages':[{'role':'user','content':'x'}]}", "max_tokens");
        assertFalse(tooSmall.containsKey("thinking"), "below Anthropic's minimum budget the model answers plainly");
        assertEquals(0.5, tooSmall.getJsonNumber("temperature").doubleValue());
    }

    @Test
    void responsesToChat() {
        JsonObject c = cross(RESPONSES, CHAT, """
                {'model':'gpt-5-codex','instructions':'You are Codex.','max_output_tokens':500,
                 'reasoning':{'effort':'medium'},'tool_choice':'auto','parallel_tool_calls':true,
                 'tools':[{'type':'function','name':'exec_command','parameters':{'type':'object'}},{'type':'web_search'}],
                 'input':[{'type':'message','role':'user','content':[{'type':'input_text','text':'ls'}]},
                   {'type':'function_call','call_id':'call_1','name':'exec_command','arguments':'{\\'cmd\\':\\'ls\\'}'},
                   {'type':'function_call_output','call_id':'call_1','output':'a b'}]}
                """, "max_tokens");
        assertEquals("medium", c.getString("reasoning_effort"));
        assertEquals(500, c.getInt("max_tokens"));
        assertEquals("auto", c.getString("tool_choice"));
        assertEquals(1, c.getJsonArray("tools").size());
        JsonArray m = c.getJsonArray("messages");
        assertEquals("You are Codex.", m.getJsonObject(0).getString("content"));
        assertEquals("call_1", m.getJsonObject(2).getJsonArray("tool_calls").getJsonObject(0).getString("id"));
        assertEquals("a b", m.getJsonObject(3).getString("content"));
    }

    @Test
    void whatCannotBeCarriedIsNamed() {
        Untranslatable state = assertThrows(Untranslatable.class, () -> RESPONSES.readRequest(json(
                "{'model':'m','previous_response_id':'resp_1','input':'hi'}")));
        assertTrue(state.what().contains("previous_response_id"));
        Untranslatable document = assertThrows(Untranslatable.class, () -> ANTHROPIC.readRequest(json(
                "{'model':'m','max_tokens':5,'messages':[{'role':'user','content':[{'type':'document',"
                        + "'source':{'type':'base64','media_type':'application/pdf','data':'JVBE'}}]}]}")));
        assertTrue(document.what().contains("document"), document.what());
    }

    @Test
    void stopReasonsMapBothWays() {
        for (StopReason reason : List.of(StopReason.END_TURN, StopReason.TOOL_USE, StopReason.MAX_TOKENS)) {
            List<Part> content = reason == StopReason.TOOL_USE
                    ? List.of(new Part.ToolCall("c1", "Read", "{}")) : List.of(new Part.Text("x"));
            ChatResponse r = new ChatResponse("1", "m", content, reason, new Usage(1, 1, 0, 0));
            JsonObject anthropic = ANTHROPIC.writeResponse(r);
            JsonObject chat = CHAT.writeResponse(r);
            assertEquals(reason.anthropic(), anthropic.getString("stop_reason"));
            assertEquals(reason.chat(), chat.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
            assertEquals(reason, ANTHROPIC.readResponse(anthropic, "p").stopReason());
            assertEquals(reason, CHAT.readResponse(chat, "p").stopReason());
            assertEquals(reason, RESPONSES.readResponse(RESPONSES.writeResponse(r), "p").stopReason());
        }
        assertEquals("end_turn", StopReason.END_TURN.anthropic());
        assertEquals("length", StopReason.MAX_TOKENS.chat());
        assertEquals("tool_calls", StopReason.TOOL_USE.chat());
    }

    @Test
    void usageCarriesCacheReadsAndWrites() {
        JsonObject anthropic = json("{'id':'msg_1','type':'message','role':'assistant','model':'c','content':"
                + "[{'type':'text','text':'hi'}],'stop_reason':'end_turn','usage':{'input_tokens':100,"
                + "'cache_read_input_tokens':4000,'cache_creation_input_tokens':300,'output_tokens':20}}");
        ChatResponse read = ANTHROPIC.readResponse(anthropic, "p");
        assertEquals(new Usage(100, 20, 4000, 300), read.usage());
        JsonObject usage = CHAT.writeResponse(read).getJsonObject("usage");
        assertEquals(4400, usage.getInt("prompt_tokens"), "Chat counts cached tokens inside prompt_tokens");
        assertEquals(4000, usage.getJsonObject("prompt_tokens_details").getInt("cached_tokens"));
        assertEquals(20, usage.getInt("completion_tokens"));
        JsonObject responses = RESPONSES.writeResponse(read).getJsonObject("usage");
        assertEquals(4400, responses.getInt("input_tokens"));
        assertEquals(4000, responses.getJsonObject("input_tokens_details").getInt("cached_tokens"));
        ChatResponse fromChat = CHAT.readResponse(CHAT.writeResponse(read), "p");
        assertEquals(4000, fromChat.usage().cacheRead());
        JsonObject back = ANTHROPIC.writeResponse(fromChat).getJsonObject("usage");
        assertEquals(4000, back.getInt("cache_read_input_tokens"));
    }

    @Test
    void providerErrorMessagesAreRead() {
        assertEquals("Overloaded", ANTHROPIC.errorMessage(json(
                "{'type':'error','error':{'type':'overloaded_error','message':'Overloaded'}}")));
        assertEquals("Rate limit reached", CHAT.errorMessage(json(
                "{'error':{'message':'Rate limit reached','type':'requests','code':'rate_limit_exceeded'}}")));
        assertEquals("model not found", CHAT.errorMessage(json("{'error':'model not found'}")));
        assertEquals("bad input", RESPONSES.errorMessage(json("{'error':{'message':'bad input'}}")));
    }

    @Test
    void thinkingFromAnotherProviderIsOpenedOnlyForItsMaker() {
        String envelope = OpaqueState.wrap(new Part.Thinking("plan", "real-signature", false, null, "anthropic-1"));
        String body = "{'model':'m','max_tokens':10,'messages':[{'role':'user','content':'q'},{'role':'assistant',"
                + "'content':[{'type':'thinking','thinking':'plan','signature':'" + envelope + "'},"
                + "{'type':'text','text':'a'}]},{'role':'user','content':'more'}]}";
        assertTrue(OpaqueState.mentioned(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        JsonObject forMaker = Envelopes.open(json(body), dev.srooter.api.WireFormat.ANTHROPIC_MESSAGES, "anthropic-1");
        JsonObject block = forMaker.getJsonArray("messages").getJsonObject(1).getJsonArray("content").getJsonObject(0);
        assertEquals("real-signature", block.getString("signature"));
        assertEquals("plan", block.getString("thinking"));
        JsonObject forOther = Envelopes.open(json(body), dev.srooter.api.WireFormat.ANTHROPIC_MESSAGES, "anthropic-2");
        JsonArray content = forOther.getJsonArray("messages").getJsonObject(1).getJsonArray("content");
        assertEquals(1, content.size(), "another provider would reject the signature: the block is dropped");
        assertEquals("text", content.getJsonObject(0).getString("type"));

        Part.Thinking damaged = OpaqueState.unwrap(OpaqueState.MARK + "%%%", "t", false, null);
        assertNull(damaged.opaque());
        assertFalse(OpaqueState.mentioned("{\"model\":\"m\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void reasoningGoesBackToTheProviderThatMadeIt() {
        String mine = OpaqueState.wrap(new Part.Thinking("look first", "gAAAA-encrypted", false, "rs_abc", "p"));
        String theirs = OpaqueState.wrap(new Part.Thinking("other", "sig", false, null, "q"));
        String body = "{'model':'m','max_tokens':10,'messages':[{'role':'user','content':'q'},{'role':'assistant',"
                + "'content':[{'type':'thinking','thinking':'look first','signature':'" + mine + "'},"
                + "{'type':'thinking','thinking':'other','signature':'" + theirs + "'},"
                + "{'type':'tool_use','id':'t1','name':'Read','input':{}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'t1','content':'ok'}]}]}";
        List<String> dropped = new java.util.ArrayList<>();
        ChatRequest request = ANTHROPIC.readRequest(json(body)).keepReasoningOf("p", dropped);
        assertEquals(List.of("1 reasoning block(s) made by another model"), dropped);
        JsonObject r = RESPONSES.writeRequest(request, new Crossing("p", "m", "max_tokens"));
        JsonObject reasoning = r.getJsonArray("input").getJsonObject(1);
        assertEquals("reasoning", reasoning.getString("type"));
        assertEquals("gAAAA-encrypted", reasoning.getString("encrypted_content"));
        assertEquals("rs_abc", reasoning.getString("id"));
        assertEquals("look first", reasoning.getJsonArray("summary").getJsonObject(0).getString("text"));
    }
}
