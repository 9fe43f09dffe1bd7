package dev.srooter.server.ops;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * Makes server.xml's {@code <monitor filter>} apply to Liberty's per-request HTTP statistics, which Open Liberty
 * 26.0.0.3 does not do by itself.
 *
 * <p>Why: with {@code mpMetrics} (which brings {@code monitor-1.0}) and a servlet feature, Liberty adds a servlet
 * filter to every application ({@code io.openliberty.http.monitor.ServletFilter}, on {@code /*}) that times each
 * request, resolves its route and records it in a statistics bean per route. The filter asks
 * {@code MonitorAppStateListener.isHTTPEnabled()} first, which is true unless the monitor filter leaves out
 * {@code HTTP}. But that listener reads the monitor filter only when its component activates, and the component
 * needs a service only a Spring Boot feature registers (a mandatory reference, {@code target = "(type=spring)"}):
 * without Spring Boot it never activates, and the flag keeps its initial true whatever server.xml says. srooter's
 * server.xml leaves {@code HTTP} out, and the filter still ran on every gateway request: about 1.3 KB of garbage and
 * a tenth of a 2 KB request's processor time, 2-25% by round (bench/README.md, "Liberty's HTTP statistics, which the
 * monitor filter did not turn off").
 *
 * <p>How: the filter's registration names its class, whose class loader is the monitor bundle's; the flag is set as
 * the listener would have set it, and read back. Reflection into Liberty's internals, so it is written to fail soft:
 * if any part is not where this release has it (another release, a fixed one, the feature absent), nothing is
 * changed and the reason is logged. The setting that decides is the monitor filter itself
 * ({@code SROOTER_MONITOR_FILTER}, which server.xml gives both to {@code <monitor>} and to srooter), so what an
 * operator configures is what happens: put {@code HTTP} in it for Liberty's {@code http_server_request_duration}.
 */
public final class LibertyHttpStatistics {

    private static final Logger LOG = Logger.getLogger(LibertyHttpStatistics.class.getName());

    static final String FILTER = "io.openliberty.http.monitor.ServletFilter";
    static final String LISTENER = "io.openliberty.http.monitor.MonitorAppStateListener";
    static final String FLAG = "isHTTPEnabled";

    /** What {@link #apply} found and did. */
    public enum Outcome {
        /** The monitor filter names HTTP (or is empty, Liberty's default: every group): left on. */
        WANTED,
        /** Turned off, and read back off. */
        TURNED_OFF,
        /** Liberty's filter is not registered in this application: nothing to turn off. */
        ABSENT,
        /** The filter is there, but not as this release has it: left as Liberty set it. */
        UNKNOWN
    }

    private LibertyHttpStatistics() {
    }

    /** Whether a {@code <monitor filter>} value asks for the HTTP group, as Liberty reads it (exact, by commas). */
    static boolean wanted(String monitorFilter) {
        return monitorFilter == null || monitorFilter.isEmpty()
                || Arrays.asList(monitorFilter.split(",")).contains("HTTP");
    }

    /** Turns Liberty's HTTP statistics off in this JVM when {@code monitorFilter} leaves the HTTP group out. */
    public static Outcome apply(ServletContext context, String monitorFilter) {
        if (wanted(monitorFilter)) {
            return Outcome.WANTED;
        }
        FilterRegistration registration = context.getFilterRegistration(FILTER);
        if (registration == null) {
            return Outcome.ABSENT;
        }
        try {
            Object filterClass = registration.getClass().getMethod("getFilterClass").invoke(registration);
            ClassLoader bundle = ((Class<?>) filterClass).getClassLoader();
            Field flag = Class.forName(LISTENER, true, bundle).getDeclaredField(FLAG);
            flag.setAccessible(true);
            flag.setBoolean(null, false);
            if (flag.getBoolean(null)) {
                throw new IllegalStateException(FLAG + " read back true");
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.info("srooter: Liberty's per-request HTTP statistics are left as Liberty set them (the monitor filter"
                    + " leaves out HTTP, but this Liberty's statistics filter is not as srooter knows it: " + e + ")");
            return Outcome.UNKNOWN;
        }
        LOG.info("srooter: Liberty's per-request HTTP statistics are off, as the monitor filter asks (\""
                + monitorFilter + "\")");
        return Outcome.TURNED_OFF;
    }
}
