package dev.srooter.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.server.ops.LibertyHttpStatistics.Outcome;
import io.openliberty.http.monitor.MonitorAppStateListener;
import io.openliberty.http.monitor.ServletFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor filter applied to Liberty's HTTP statistics, against stand-ins shaped as Open Liberty 26.0.0.3 has them
 * ({@code io.openliberty.http.monitor} in this test tree). That the real filter stops running is shown by the gateway's
 * log in {@code LibertyHttpStatisticsIT} and by its cost in bench/README.md.
 */
class LibertyHttpStatisticsTest {

    @AfterEach
    void reset() {
        MonitorAppStateListener.reset();
    }

    @Test
    void aFilterWithoutHttpTurnsTheStatisticsOff() {
        Outcome outcome = LibertyHttpStatistics.apply(context(new LibertyLikeRegistration(ServletFilter.class)),
                "JVM,ThreadPool,ConnectionPool");
        assertEquals(Outcome.TURNED_OFF, outcome);
        assertFalse(MonitorAppStateListener.isHTTPEnabled());
    }

    @Test
    void aFilterThatNamesHttpOrNoFilterLeavesThemOn() {
        for (String filter : new String[] {"JVM,HTTP", "HTTP", "", null}) {
            assertEquals(Outcome.WANTED, LibertyHttpStatistics.apply(context(new LibertyLikeRegistration(
                    ServletFilter.class)), filter), String.valueOf(filter));
            assertTrue(MonitorAppStateListener.isHTTPEnabled(), String.valueOf(filter));
        }
    }

    @Test
    void groupsAreReadAsLibertyReadsThem() {
        assertFalse(LibertyHttpStatistics.wanted("JVM, HTTP"), "Liberty compares each item exactly, spaces included");
        assertFalse(LibertyHttpStatistics.wanted("http"));
        assertTrue(LibertyHttpStatistics.wanted("ThreadPool,HTTP"));
    }

    @Test
    void withoutLibertysFilterNothingIsTouched() {
        assertEquals(Outcome.ABSENT, LibertyHttpStatistics.apply(context(null), "JVM"));
        assertTrue(MonitorAppStateListener.isHTTPEnabled());
    }

    @Test
    void aFilterShapedOtherwiseIsLeftAsLibertySetIt() {
        // another release: the registration does not say which class it holds
        FilterRegistration opaque = (FilterRegistration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {FilterRegistration.class}, (proxy, method, args) -> null);
        assertEquals(Outcome.UNKNOWN, LibertyHttpStatistics.apply(context(opaque), "JVM"));
        // or the class's loader has no such listener (here a class of the JDK's own loader, which knows no Liberty)
        assertEquals(Outcome.UNKNOWN, LibertyHttpStatistics.apply(context(new LibertyLikeRegistration(String.class)),
                "JVM"));
        // or it names no class at all
        assertEquals(Outcome.UNKNOWN, LibertyHttpStatistics.apply(context(new LibertyLikeRegistration(null)), "JVM"));
        assertTrue(MonitorAppStateListener.isHTTPEnabled());
    }

    private static ServletContext context(FilterRegistration registration) {
        return (ServletContext) Proxy.newProxyInstance(LibertyHttpStatisticsTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) ->
                        method.getName().equals("getFilterRegistration") && LibertyHttpStatistics.FILTER.equals(
                                args[0]) ? registration : null);
    }

    /** As Liberty's {@code com.ibm.ws.webcontainer.filter.FilterConfig}: a registration knowing its filter's class. */
    public static final class LibertyLikeRegistration implements FilterRegistration {

        private final Class<?> filterClass;

        LibertyLikeRegistration(Class<?> filterClass) {
            this.filterClass = filterClass;
        }

        public Class<?> getFilterClass() {
            return filterClass;
        }

        @Override
        public void addMappingForServletNames(EnumSet<DispatcherType> types, boolean after, String... names) {
        }

        @Override
        public Collection<String> getServletNameMappings() {
            return List.of();
        }

        @Override
        public void addMappingForUrlPatterns(EnumSet<DispatcherType> types, boolean after, String... patterns) {
        }

        @Override
        public Collection<String> getUrlPatternMappings() {
            return List.of("/*");
        }

        @Override
        public String getName() {
            return LibertyHttpStatistics.FILTER;
        }

        @Override
        public String getClassName() {
            return filterClass == null ? null : filterClass.getName();
        }

        @Override
        public boolean setInitParameter(String name, String value) {
            return false;
        }

        @Override
        public String getInitParameter(String name) {
            return null;
        }

        @Override
        public Set<String> setInitParameters(Map<String, String> parameters) {
            return Set.of();
        }

        @Override
        public Map<String, String> getInitParameters() {
            return Map.of();
        }
    }
}
