package dev.streampulse.sim;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import java.net.InetSocketAddress;

/** Binds the RTSP port. Pipeline: raw (RTP and byte-level faults), splitter, RTSP codec, session. */
final class RtspServer {

    private RtspServer() {
    }

    static Channel bind(CameraSimulator sim, EventLoopGroup boss, EventLoopGroup workers, String host, int port) throws InterruptedException {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // ~2 s of video may queue per client; beyond that frames are dropped, not buffered
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(128 * 1024, 512 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(RawWriter.RAW, new ChannelOutboundHandlerAdapter())
                                .addLast("splitter", new InterleavedFrameSplitter())
                                .addLast("decoder", new RtspDecoder())
                                .addLast("encoder", new RtspEncoder())
                                .addLast("aggregator", new HttpObjectAggregator(64 * 1024))
                                .addLast("session", new RtspSessionHandler(sim));
                    }
                })
                .bind(new InetSocketAddress(host, port)).sync().channel();
    }
}
