package dev.srooter.server.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.DiscoveredModel;
import dev.srooter.api.Operation;
import dev.srooter.api.Provider;
import dev.srooter.api.ProviderConfig;
import dev.srooter.api.WireFormat;
import dev.srooter.server.store.ProviderModel;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A model nobody priced is held against budgets at its provider's dearest known price, never free by accident. */
class HeldPriceTest {

    private static final Provider PROVIDER = new Provider() {
        @Override
        public String kind() {
            return "test";
        }

        @Override
        public Set<WireFormat> formats() {
            return Set.of(WireFormat.OPENAI_CHAT);
        }

        @Override
        public Optional<URI> endpoint(ProviderConfig account, Operation operation) {
            return Optional.empty();
        }

        @Override
        public Map<String, String> authHeaders(ProviderConfig account) {
            return Map.of();
        }

        @Override
        public List<DiscoveredModel> parseModels(String body) {
            return List.of();
        }
    };

    private static Target target(String model, Price price) {
        return new Target("p1", new ProviderConfig("p", "http://p", null), PROVIDER, model, model, price,
                Set.of(WireFormat.OPENAI_CHAT), Capabilities.UNKNOWN, null);
    }

    @Test
    void anUnknownPriceIsHeldAtTheDearestKnownPriceOfItsProvider() {
        Price cheap = new Price(0.15, 0.6, 0.075, 0.15, true, "catalog");
        Price dear = new Price(2.5, 10, 1.25, 2.5, true, "catalog");
        List<Target> held = ProviderCatalog.heldAtDearest(List.of(target("mini", cheap), target("big", dear),
                target("brand-new-model", Price.UNKNOWN)));
        Price unknown = held.get(2).price();
        assertFalse(unknown.known(), "its cost is still recorded as unknown");
        assertTrue(unknown.held());
        assertEquals(12.5, unknown.forBudgets().unit(), 1e-9, "budgets count it at the dearest: 2.5 + 10");
        assertSame(cheap, held.get(0).price());
        assertEquals(0.0125, unknown.forBudgets().cost(new Usage(1000, 1000, 0, 0)), 1e-12);
    }

    @Test
    void aProviderWithNoKnownPriceFallsBackToTheFrontierPriceBudgetsAssume() {
        List<Target> held = ProviderCatalog.heldAtDearest(List.of(target("x", Price.UNKNOWN)));
        assertEquals(Price.ASSUMED_FOR_BUDGETS, held.get(0).price().forBudgets());
    }

    @Test
    void aListedPriceComesBeforeTheCatalogueAndAnOverrideBeforeBoth() {
        ProviderModel model = new ProviderModel("p1", "acme/coder-9", "Coder 9");
        model.listed(new DiscoveredModel("acme/coder-9", "Coder 9", 262144, 65536, true, false, null, 1.2, 6.0));
        ModelCatalog.Entry none = ModelCatalog.builtIn().lookup("acme/coder-9");
        Price listed = ModelFacts.price(model, none, PROVIDER);
        assertEquals("listing", listed.source());
        assertEquals(7.2, listed.unit(), 1e-9);
        Capabilities can = ModelFacts.capabilities(model, none);
        assertTrue(can.known() && can.tools() && !can.vision());
        assertEquals(262144, can.contextWindow());
        model.overrideInput = 1.0;
        assertEquals("override", ModelFacts.price(model, none, PROVIDER).source());
        assertEquals(7.0, ModelFacts.price(model, none, PROVIDER).unit(), 1e-9);
    }
}
