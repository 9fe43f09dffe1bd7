package dev.srooter.plugins.syslog;

import java.io.IOException;
import java.util.List;

/** Where the messages go: a UDP socket, or a TCP or TLS connection kept open between batches. */
interface SyslogChannel extends AutoCloseable {

    /** Sends one batch's messages, in order; throws when any may not have been delivered. */
    void send(List<byte[]> messages) throws IOException;

    @Override
    void close();

    static SyslogChannel open(SyslogSettings settings) throws Exception {
        return switch (settings.transport()) {
            case UDP -> new UdpChannel(settings);
            case TCP, TLS -> new StreamChannel(settings);
        };
    }
}
