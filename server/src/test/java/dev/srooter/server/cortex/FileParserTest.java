package dev.srooter.server.cortex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each language's grammar and query on the sample shop: the definitions and references it must find. */
class FileParserTest {

    private static final Path SAMPLE = Path.of("..", "testkit", "cortex-sample");

    private static CodeFacts parse(String path) throws Exception {
        return FileParser.parse(path, Language.of(path).orElseThrow(), Files.readString(SAMPLE.resolve(path)));
    }

    private static List<String> defs(CodeFacts facts) {
        return facts.definitions().stream().map(d -> d.kind() + " " + d.name() + ":" + d.line()).toList();
    }

    private static List<String> refs(CodeFacts facts) {
        return facts.references().stream().map(r -> r.from() + " -" + r.kind() + "-> " + r.to()).toList();
    }

    @Test
    void java() throws Exception {
        CodeFacts charge = parse("java/src/main/java/shop/payments/ChargeService.java");
        assertEquals(List.of("module ChargeService:1", "class ChargeService:3", "method charge:6"), defs(charge));
        List<String> refs = refs(charge);
        assertTrue(refs.containsAll(List.of("ChargeService -inherit-> BaseService", "ChargeService -call-> Ledger",
                "charge -call-> record", "charge -call-> audit", "ChargeService -type-> Ledger")), refs.toString());
        CodeFacts controller = parse("java/src/main/java/shop/web/CheckoutController.java");
        assertTrue(refs(controller).containsAll(List.of("CheckoutController -import-> ChargeService",
                "checkout -call-> charge")), refs(controller).toString());
    }

    @Test
    void python() throws Exception {
        CodeFacts refunds = parse("python/payments/refunds.py");
        assertEquals(List.of("module refunds:1", "class RefundError:4", "function refund:8"), defs(refunds));
        assertTrue(refs(refunds).containsAll(List.of("refunds -import-> ledger", "refund -call-> record_refund",
                "RefundError -inherit-> Exception", "refund -call-> RefundError")), refs(refunds).toString());
    }

    @Test
    void go() throws Exception {
        CodeFacts handler = parse("go/api/handler.go");
        assertEquals(List.of("module api:1", "function Handle:5"), defs(handler));
        assertTrue(refs(handler).containsAll(List.of("api -import-> auth", "Handle -call-> Validate")),
                refs(handler).toString());
        CodeFacts session = parse("go/auth/session.go");
        assertEquals(List.of("module auth:1", "class Session:3", "function Validate:7", "function verify:11"),
                defs(session));
        assertTrue(refs(session).contains("Validate -call-> verify"), refs(session).toString());
    }

    @Test
    void typescriptAndJavascript() throws Exception {
        CodeFacts cart = parse("web/src/cart.ts");
        assertEquals(List.of("module cart:1", "class Cart:3", "method checkout:6"), defs(cart));
        assertTrue(refs(cart).containsAll(List.of("cart -import-> pricing", "checkout -call-> total",
                "Cart -type-> LineItem")), refs(cart).toString());
        CodeFacts pricing = parse("web/src/pricing.ts");
        assertEquals(List.of("module pricing:1", "class LineItem:1", "function total:6"), defs(pricing));
        CodeFacts app = parse("web/src/app.js");
        assertEquals(List.of("module app:1", "function start:3"), defs(app));
        assertTrue(refs(app).containsAll(List.of("app -import-> cart", "start -call-> Cart", "start -call-> checkout")),
                refs(app).toString());
    }

    @Test
    void theGraphFindsDependentsAcrossFilesAndTransitively() throws Exception {
        CodeGraph graph = new CodeGraph();
        for (String path : List.of("java/src/main/java/shop/payments/BaseService.java",
                "java/src/main/java/shop/payments/Ledger.java", "java/src/main/java/shop/payments/ChargeService.java",
                "java/src/main/java/shop/web/CheckoutController.java", "web/src/pricing.ts", "web/src/cart.ts",
                "web/src/app.js")) {
            graph.put(parse(path));
        }
        CodeGraph.Symbol record = graph.named("record").get(0);
        List<String> direct = graph.dependents(record).stream().map(CodeGraph.Symbol::name).toList();
        assertEquals(List.of("charge"), direct);
        List<String> all = graph.transitiveDependents(List.of(record), 100).stream().map(CodeGraph.Symbol::name).toList();
        assertTrue(all.containsAll(List.of("charge", "checkout")), all.toString());
        List<String> fromTotal = graph.transitiveDependents(graph.named("total"), 100).stream()
                .map(CodeGraph.Symbol::name).toList();
        assertTrue(fromTotal.containsAll(List.of("checkout", "start")), fromTotal.toString());
        assertEquals("Ledger", graph.search("ledg", 5).get(0).name());
    }
}
