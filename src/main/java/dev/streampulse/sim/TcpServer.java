package dev.streampulse.sim;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/** The TCP side both camera ports share; each protocol adds its own handlers after the raw writer. */
final class TcpServer {

    private TcpServer() {
    }

    static Channel bind(EventLoopGroup boss, EventLoopGroup workers, String host, int port, Consumer<ChannelPipeline> protocol)
            throws InterruptedException {
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
                        // raw bytes (RTP, byte-level faults) bypass the protocol encoders
                        ch.pipeline().addLast(RawWriter.RAW, new ChannelOutboundHandlerAdapter());
                        protocol.accept(ch.pipeline());
                    }
                })
                .bind(new InetSocketAddress(host, port)).sync().channel();
    }
}
