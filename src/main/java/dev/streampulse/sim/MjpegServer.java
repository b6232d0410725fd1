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
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;

/** Binds the MJPEG (HTTP) port. */
final class MjpegServer {

    private MjpegServer() {
    }

    static Channel bind(CameraSimulator sim, EventLoopGroup boss, EventLoopGroup workers, String host, int port) throws InterruptedException {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(128 * 1024, 512 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(RawWriter.RAW, new ChannelOutboundHandlerAdapter())
                                .addLast("http", new HttpServerCodec())
                                .addLast("mjpeg", new MjpegHandler(sim));
                    }
                })
                .bind(new InetSocketAddress(host, port)).sync().channel();
    }
}
