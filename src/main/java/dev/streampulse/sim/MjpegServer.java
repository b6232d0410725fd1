package dev.streampulse.sim;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpServerCodec;

/** Binds the MJPEG (HTTP) port. */
final class MjpegServer {

    private MjpegServer() {
    }

    static Channel bind(CameraSimulator sim, EventLoopGroup boss, EventLoopGroup workers, String host, int port) throws InterruptedException {
        return TcpServer.bind(boss, workers, host, port, p -> p
                .addLast("http", new HttpServerCodec())
                .addLast("mjpeg", new MjpegHandler(sim)));
    }
}
