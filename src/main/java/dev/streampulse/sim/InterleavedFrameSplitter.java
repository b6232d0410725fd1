package dev.streampulse.sim;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Sits before Netty's RtspDecoder: drops the {@code $}-framed RTCP receiver reports that FFmpeg sends
 * back over the interleaved TCP connection and passes each complete RTSP message on in one piece
 * (RtspDecoder would otherwise try to parse binary RTCP as a request line).
 */
final class InterleavedFrameSplitter extends ByteToMessageDecoder {

    private static final int MAX_MESSAGE = 64 * 1024;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            if (in.getByte(start) == '$') {
                if (in.readableBytes() < 4) {
                    return;
                }
                int len = in.getUnsignedShort(start + 2);
                if (in.readableBytes() < 4 + len) {
                    return;
                }
                in.skipBytes(4 + len);
                continue;
            }
            int headerEnd = indexOfBlankLine(in);
            if (headerEnd < 0) {
                if (in.readableBytes() > MAX_MESSAGE) {
                    throw new TooLongFrameException("RTSP header too long");
                }
                return;
            }
            int total = headerEnd - start + contentLength(in.toString(start, headerEnd - start, StandardCharsets.ISO_8859_1));
            if (in.readableBytes() < total) {
                return;
            }
            out.add(in.readRetainedSlice(total));
        }
    }

    /** Index just past the first CRLFCRLF, or -1. */
    private static int indexOfBlankLine(ByteBuf in) {
        int end = in.writerIndex();
        for (int i = in.readerIndex(); i + 3 < end; i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r' && in.getByte(i + 3) == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    private static int contentLength(String header) {
        for (String line : header.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    return Math.max(0, Math.min(MAX_MESSAGE, Integer.parseInt(line.substring(colon + 1).trim())));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
