package dev.streampulse.sim;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;

/** Binds the RTSP port. Pipeline: raw (RTP and byte-level faults), splitter, RTSP codec, session. */
final class RtspServer {

    private RtspServer() {
    }

    static Channel bind(CameraSimulator sim, EventLoopGroup boss, EventLoopGroup workers, String host, int port) throws InterruptedException {
        return TcpServer.bind(boss, workers, host, port, p -> p
                .addLast("splitter", new InterleavedFrameSplitter())
                .addLast("decoder", new RtspDecoder())
                .addLast("encoder", new RtspEncoder())
                .addLast("aggregator", new HttpObjectAggregator(64 * 1024))
                .addLast("session", new RtspSessionHandler(sim)));
    }
}
