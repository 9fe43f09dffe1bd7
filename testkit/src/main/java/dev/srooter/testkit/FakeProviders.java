package dev.srooter.testkit;

/**
 * Runs a fake Anthropic and a fake OpenAI provider until killed, for demos and benchmarks:
 * {@code java -cp srooter-testkit.jar:parsson.jar dev.srooter.testkit.FakeProviders 8801 8802}.
 */
public final class FakeProviders {

    private FakeProviders() {
    }

    public static void main(String[] args) throws Exception {
        int anthropicPort = args.length > 0 ? Integer.parseInt(args[0]) : 8801;
        int openAiPort = args.length > 1 ? Integer.parseInt(args[1]) : 8802;
        FakeAnthropic anthropic = new FakeAnthropic(anthropicPort);
        FakeOpenAi openAi = new FakeOpenAi(openAiPort);
        System.out.println("fake anthropic on http://127.0.0.1:" + anthropic.port()
                + "  fake openai on http://127.0.0.1:" + openAi.port() + "/v1");
        Thread.currentThread().join();
    }
}
