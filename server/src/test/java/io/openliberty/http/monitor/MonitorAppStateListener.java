package io.openliberty.http.monitor;

/**
 * A stand-in for Open Liberty 26.0.0.3's class of this name, as far as {@code LibertyHttpStatisticsTest} needs it: the
 * flag Liberty's HTTP statistics filter asks before each request, true until something sets it.
 */
public class MonitorAppStateListener {

    private static volatile boolean isHTTPEnabled = true;

    public static boolean isHTTPEnabled() {
        return isHTTPEnabled;
    }

    /** For the test: back to Liberty's initial value. */
    public static void reset() {
        isHTTPEnabled = true;
    }
}
