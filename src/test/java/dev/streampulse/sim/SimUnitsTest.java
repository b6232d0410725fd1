package dev.streampulse.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fast checks of the pieces: paths, auth, packetising, clip encoding, CLI output. */
class SimUnitsTest {

    @Test
    void pathsNameCamerasAndFaults() {
        assertEquals(new CameraPath(null, null, true, null, "cam12"), CameraPath.parse("/cam12"));
        assertEquals(new CameraPath(DigestAuth.Scheme.DIGEST, null, true, null, "cam3"), CameraPath.parse("/digest/cam3"));
        assertEquals(new CameraPath(DigestAuth.Scheme.BASIC, null, true, null, "cam3"), CameraPath.parse("/basic/cam3?x=1"));
        assertEquals(new CameraPath(null, Fault.FROZEN, true, null, "frozen/anything/else"), CameraPath.parse("/frozen/anything/else"));
        assertEquals(new CameraPath(null, null, true, Scene.STILL, "still/4"), CameraPath.parse("/still/4"));
        assertEquals(Fault.FROZEN_NOISY, CameraPath.parse("/frozen-noisy/2").fault());
        assertEquals(Fault.UNAUTHORIZED, CameraPath.parse("/401").fault());
        assertEquals(Fault.FROZEN_CLOCK, CameraPath.parse("/frozen-clock/3").fault());
        assertFalse(CameraPath.parse("/cam1/extra").known());
        assertFalse(CameraPath.parse("/refused").known(), "refused is a port, not a path");
        assertFalse(CameraPath.parse("/").known());
        assertEquals("/cam4", RtspSessionHandler.pathOf("rtsp://127.0.0.1:8554/cam4/trackID=0"));
        assertEquals("/digest/cam4", RtspSessionHandler.pathOf("rtsp://127.0.0.1:8554/digest/cam4"));
    }

    @Test
    void digestAndBasicCredentialsAreChecked() {
        DigestAuth auth = new DigestAuth("admin", "secret");
        String challenge = auth.challenge(DigestAuth.Scheme.DIGEST, true);
        String nonce = challenge.replaceAll(".*nonce=\"([0-9a-f]+)\".*", "$1");
        String ha1 = DigestAuth.md5("admin:" + DigestAuth.REALM + ":secret");
        String ha2 = DigestAuth.md5("DESCRIBE:rtsp://127.0.0.1/digest/cam1");
        String plain = "Digest username=\"admin\", realm=\"" + DigestAuth.REALM + "\", nonce=\"" + nonce
                + "\", uri=\"rtsp://127.0.0.1/digest/cam1\", response=\"" + DigestAuth.md5(ha1 + ":" + nonce + ":" + ha2) + "\"";
        assertTrue(auth.check(DigestAuth.Scheme.DIGEST, "DESCRIBE", plain));
        assertFalse(auth.check(DigestAuth.Scheme.DIGEST, "PLAY", plain), "the method is part of the hash");
        String withQop = "Digest username=\"admin\", realm=\"" + DigestAuth.REALM + "\", nonce=\"" + nonce
                + "\", uri=\"rtsp://127.0.0.1/digest/cam1\", qop=auth, nc=00000001, cnonce=\"abc\", response=\""
                + DigestAuth.md5(ha1 + ":" + nonce + ":00000001:abc:auth:" + ha2) + "\"";
        assertTrue(auth.check(DigestAuth.Scheme.DIGEST, "DESCRIBE", withQop));
        assertFalse(new DigestAuth("admin", "other").check(DigestAuth.Scheme.DIGEST, "DESCRIBE", plain));
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8));
        assertTrue(auth.check(DigestAuth.Scheme.BASIC, "GET", basic));
        assertFalse(auth.check(DigestAuth.Scheme.BASIC, "GET", "Basic " + Base64.getEncoder().encodeToString("admin:x".getBytes())));
        assertFalse(auth.check(DigestAuth.Scheme.BASIC, "GET", null));
    }

    @Test
    void bigNalsBecomeFuAFragments() {
        byte[] nal = new byte[5000];
        nal[0] = 0x65; // IDR, nal_ref_idc 3
        List<byte[]> p = RtpPacketizer.h264(List.of(new byte[] {0x67, 1, 2}, nal));
        assertEquals(1 + 4, p.size());
        assertArrayEquals(new byte[] {0x67, 1, 2}, p.get(0));
        int total = 0;
        for (int i = 1; i < p.size(); i++) {
            byte[] f = p.get(i);
            assertTrue(f.length <= RtpPacketizer.MAX_PAYLOAD);
            assertEquals(0x60 | 28, f[0] & 0xFF, "FU indicator keeps NRI");
            assertEquals(i == 1, (f[1] & 0x80) != 0, "start bit");
            assertEquals(i == p.size() - 1, (f[1] & 0x40) != 0, "end bit");
            assertEquals(5, f[1] & 0x1F);
            total += f.length - 2;
        }
        assertEquals(nal.length - 1, total);
    }

    @Test
    void accessUnitsSplitOnParameterSetsAndFirstSlices() {
        byte[] stream = {0, 0, 0, 1, 0x67, 9, 0, 0, 1, 0x68, 9, 0, 0, 1, 0x65, (byte) 0x88, 0, 0, 0, 1, 0x41, (byte) 0x9a, 0, 0, 1, 0x41, (byte) 0x9b};
        List<List<byte[]>> aus = ElementaryStreams.accessUnits(ElementaryStreams.nals(stream));
        assertEquals(3, aus.size());
        assertEquals(3, aus.get(0).size());
        assertTrue(ElementaryStreams.isIdr(aus.get(0)));
        assertFalse(ElementaryStreams.isIdr(aus.get(1)));
        assertArrayEquals(new byte[] {0x65, (byte) 0x88}, aus.get(0).get(2), "trailing zero before a 4-byte start code is dropped");
    }

    @Test
    void motionPartHeaderIsPaddedToNineCharacters() {
        assertEquals("--BoundaryString\r\nContent-type: image/jpeg\r\nContent-Length:     18959\r\n\r\n",
                new String(JpegClip.partHeader(18959), StandardCharsets.US_ASCII));
    }

    @Test
    void healthyClipIs37SecondsOfH264WithKeyframeEverySecond() throws Exception {
        long t0 = System.nanoTime();
        Clip clip = ClipLibrary.video(ClipLibrary.Id.NORMAL).get();
        JpegClip jpegs = ClipLibrary.jpeg(ClipLibrary.Id.NORMAL).get();
        System.out.println("NORMAL clip ready (encoded or cached) in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertEquals(370, clip.frames.size());
        assertEquals(370, jpegs.jpegs.size());
        for (int i = 0; i < clip.frames.size(); i++) {
            EncodedFrame f = clip.frames.get(i);
            assertEquals(i % 10 == 0, f.key(), "keyframe flag of frame " + i);
            for (byte[] p : f.payloads()) {
                assertTrue(p.length <= RtpPacketizer.MAX_PAYLOAD);
            }
            if (f.key()) {
                assertEquals(7, f.payloads().get(0)[0] & 0x1F, "keyframes carry SPS first");
            }
        }
        assertTrue(clip.sdpFormat.contains("packetization-mode=1;profile-level-id="), clip.sdpFormat);
        assertEquals(0, clip.framesSinceKey(370 * 5 + 20));
        assertEquals(7, clip.framesSinceKey(370 * 5 + 27));
        assertTrue(ClipLibrary.video(ClipLibrary.Id.NORMAL).get() == clip, "encoded once per JVM");
    }

    @Test
    void slowReadersLoseFramesAndResumeAtAKeyframe() throws Exception {
        Clip clip = ClipLibrary.video(ClipLibrary.Id.NORMAL).get();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(RawWriter.RAW, new ChannelOutboundHandlerAdapter());
        RtpStream s = new RtpStream(ch, ch.pipeline().context(RawWriter.RAW), clip, 0, 42, 0, 0, RtpStream.Mode.LIVE, 5000, 0);
        long t = 370L * 1000 + 3; // frame 3 of a GOP
        s.start(t, true);
        assertEquals(4, drainFrames(ch), "the GOP from its keyframe up to the live frame goes out at once");
        // the client stops reading: Netty reports the channel unwritable, frames are dropped, not queued
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        for (long tick = t + 1; tick <= t + 4; tick++) {
            assertTrue(s.onTick(tick));
        }
        assertEquals(0, drainFrames(ch));
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        assertTrue(s.onTick(t + 5)); // frame 8: not a keyframe, still skipped
        assertEquals(0, drainFrames(ch));
        assertTrue(s.onTick(t + 7)); // frames 9 and 10: resumes at the keyframe (frame 10)
        assertEquals(1, drainFrames(ch));
        ch.finishAndReleaseAll();
    }

    /** Counts RTP packets with the marker bit (= pictures) written to an embedded channel. */
    private static int drainFrames(EmbeddedChannel ch) {
        int pictures = 0;
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            ByteBuf b = (ByteBuf) o;
            while (b.readableBytes() >= 16) {
                assertEquals('$', b.getByte(b.readerIndex()));
                int len = b.getUnsignedShort(b.readerIndex() + 2);
                if ((b.getByte(b.readerIndex() + 5) & 0x80) != 0) {
                    pictures++;
                }
                b.skipBytes(4 + len);
            }
            b.release();
        }
        return pictures;
    }

    @Test
    void cliPrintsAConfigStreamList() {
        SimulatorMain.Options o = SimulatorMain.Options.parse(new String[] {"simulate", "--cameras", "3",
            "--fault-mix", "refused=1, frozen=2", "--rtsp-port", "0", "--mjpeg-port=0"});
        assertEquals("127.0.0.1", o.bind());
        assertEquals(Map.of("refused", 1, "frozen", 2), o.faultMix());
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.Options.parse(new String[] {"--fault-mix", "melted=1"}));
        try (CameraSimulator sim = CameraSimulator.builder().instant().rtspPort(0).mjpegPort(0).warmUp(false).start()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            SimulatorMain.printFleet(new PrintStream(buf, true, StandardCharsets.UTF_8), sim, o.cameras(), o.faultMix());
            String yaml = buf.toString(StandardCharsets.UTF_8);
            int r = sim.rtspPort();
            int m = sim.mjpegPort();
            assertEquals("streams:\n"
                    + "  - name: cam1\n    url: rtsp://127.0.0.1:" + r + "/cam1\n"
                    + "  - name: cam2\n    url: http://127.0.0.1:" + m + "/cam2\n"
                    + "  - name: cam3\n    url: rtsp://127.0.0.1:" + r + "/cam3\n"
                    + "  - name: refused-1\n    url: rtsp://127.0.0.1:" + sim.refusedPort() + "/refused\n"
                    + "  - name: frozen-1\n    url: rtsp://127.0.0.1:" + r + "/frozen/1\n"
                    + "  - name: frozen-2\n    url: http://127.0.0.1:" + m + "/frozen/2\n", yaml.replace("\r\n", "\n"));
        }
    }

    @Test
    void realismOptionsReachTheSimulatorInCommandLineOrder() {
        SimulatorMain.Options o = SimulatorMain.Options.parse(new String[] {"--instant", "--reply-delay-ms", "30-40",
            "--scene", "wall-clock", "--resolution", "1920x1080", "--gop-seconds", "3", "--max-sessions", "2",
            "--rtsp-port", "0", "--mjpeg-port", "0"});
        try (CameraSimulator sim = o.builder().warmUp(false).start()) {
            assertTrue(sim.gopCache(), "--instant");
            for (int i = 0; i < 50; i++) {
                long d = sim.replyDelayMs();
                assertTrue(d >= 30 && d <= 40, "the later --reply-delay-ms wins over --instant: " + d);
            }
            ClipLibrary.Spec healthy = sim.clipFor(CameraPath.parse("/cam7"), false);
            assertEquals(new ClipLibrary.Spec(TestPatternPainter.Kind.WALL_CLOCK, 1920, 1080, ClipLibrary.LOOP_FRAMES,
                    Clip.Codec.H264, 30), healthy);
            assertEquals(TestPatternPainter.Kind.STILL, sim.clipFor(CameraPath.parse("/still/3"), true).kind());
            assertEquals(640, sim.clipFor(CameraPath.parse("/frozen-noisy"), false).width(), "faults stay 640x360");
            assertTrue(sim.acquireSession("cam7") && sim.acquireSession("cam7"));
            assertFalse(sim.acquireSession("cam7"), "the third session is refused");
            sim.releaseSession("cam7");
            assertTrue(sim.acquireSession("cam7"));
        }
        try (CameraSimulator sim = CameraSimulator.builder().rtspPort(0).mjpegPort(0).warmUp(false).start()) {
            assertFalse(sim.gopCache(), "the default camera joins at the next keyframe");
            long d = sim.replyDelayMs();
            assertTrue(d >= 20 && d <= 60, "default reply latency 20-60 ms: " + d);
            assertEquals(TestPatternPainter.Kind.SCENE, sim.clipFor(CameraPath.parse("/cam1"), false).kind());
            assertEquals(20, sim.clipFor(CameraPath.parse("/cam1"), false).gop());
        }
        for (String[] bad : new String[][] {{"--codec", "h265"}, {"--resolution", "640"}, {"--scene", "beach"},
            {"--reply-delay-ms", "60-20"}, {"--gop-seconds", "0"}}) {
            assertThrows(IllegalArgumentException.class, () -> SimulatorMain.Options.parse(bad), String.join(" ", bad));
        }
    }

    @Test
    void bindsLoopbackOnlyAndReleasesPortsOnClose() throws Exception {
        CameraSimulator sim = CameraSimulator.builder().instant().rtspPort(0).mjpegPort(0).warmUp(false).start();
        int port = sim.rtspPort();
        assertEquals("127.0.0.1", sim.host());
        assertTrue(sim.rtspUrl("cam1").equals("rtsp://127.0.0.1:" + port + "/cam1"));
        assertEquals("http://127.0.0.1:" + sim.mjpegPort() + "/cam1", sim.mjpegUrl("cam1"));
        sim.close();
        assertThrows(java.net.ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }, "port released on close");
    }

    /** Real cameras' GOPs are not in step: a fleet's keyframes spread over the GOP, each camera's stable. */
    @Test
    void camerasPlayTheClipAtTheirOwnPhaseSoKeyframesSpread() throws Exception {
        Clip clip = ClipLibrary.video(ClipLibrary.Id.NORMAL).get();
        assertEquals(0, RtpStream.phaseOf("", clip), "the default path plays on the wall clock");
        assertEquals(RtpStream.phaseOf("cam7", clip), RtpStream.phaseOf("cam7", clip), "stable per camera");
        // where in its GOP each of 200 cameras is at one instant: spread over all of it, not bunched
        java.util.Set<Integer> positions = new java.util.HashSet<>();
        for (int i = 1; i <= 200; i++) positions.add(clip.framesToKey(1_000 + RtpStream.phaseOf("cam" + i, clip)));
        int gop = 0;
        while (!clip.frames.get(gop + 1).key()) gop++;
        assertTrue(positions.size() > gop / 2, "200 cameras at " + positions.size() + " of " + (gop + 1) + " GOP positions");
    }
}
