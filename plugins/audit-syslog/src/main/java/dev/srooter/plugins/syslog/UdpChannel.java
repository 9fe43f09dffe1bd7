package dev.srooter.plugins.syslog;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * One datagram a message (RFC 5426). Nothing tells a sender whether a datagram arrived, so a batch fails only when
 * the system refuses to send it (no route, or the receiver's port closed, which ICMP reports on the next send).
 */
final class UdpChannel implements SyslogChannel {

    private final SyslogSettings settings;
    private DatagramSocket socket;

    UdpChannel(SyslogSettings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized void send(List<byte[]> messages) throws IOException {
        if (socket == null) {
            // the name is looked up again for every new socket, so a receiver that moves is found
            InetSocketAddress receiver = new InetSocketAddress(settings.host(), settings.port());
            if (receiver.isUnresolved()) {
                throw new UnknownHostException("syslog receiver " + settings.host() + " is not known");
            }
            DatagramSocket opened = new DatagramSocket();
            opened.connect(receiver);
            socket = opened;
        }
        try {
            for (byte[] message : messages) {
                socket.send(new DatagramPacket(message, message.length));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
