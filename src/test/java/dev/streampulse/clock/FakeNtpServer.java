package dev.streampulse.clock;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import org.apache.commons.net.ntp.NtpV3Impl;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeStamp;

/** A one-socket NTP server on 127.0.0.1 whose clock runs {@code aheadMs} ahead of this machine's. */
final class FakeNtpServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final long aheadMs;
    private final Thread thread;

    FakeNtpServer(long aheadMs) throws SocketException {
        this.aheadMs = aheadMs;
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "fake-ntp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                NtpV3Impl request = new NtpV3Impl();
                DatagramPacket in = request.getDatagramPacket();
                socket.receive(in);
                TimeStamp now = TimeStamp.getNtpTime(System.currentTimeMillis() + aheadMs);
                NtpV3Impl reply = new NtpV3Impl();
                reply.setMode(NtpV3Packet.MODE_SERVER);
                reply.setVersion(NtpV3Packet.VERSION_3);
                reply.setStratum(1);
                reply.setReferenceTime(now);
                reply.setOriginateTimeStamp(request.getTransmitTimeStamp());
                reply.setReceiveTimeStamp(now);
                reply.setTransmitTime(now);
                DatagramPacket out = reply.getDatagramPacket();
                out.setAddress(in.getAddress());
                out.setPort(in.getPort());
                socket.send(out);
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
