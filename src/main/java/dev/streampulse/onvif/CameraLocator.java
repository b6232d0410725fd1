package dev.streampulse.onvif;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Finds a camera by identity rather than address: probes the given targets, asks each answering
 * device who it is, and returns the one with the remembered serial number (the endpoint reference
 * only orders the candidates: cheap cameras have been seen sharing one). The stream URI comes fresh
 * from the camera for the remembered profile.
 */
public final class CameraLocator {

    /** Where the camera is now. */
    public record Located(String deviceUrl, String streamUri, CameraFacts facts) {
    }

    private final SoapClient.Credentials credentials;
    private final Duration timeout;
    private final Supplier<Instant> ourClock;

    public CameraLocator(SoapClient.Credentials credentials, Duration timeout, Supplier<Instant> ourClock) {
        this.credentials = credentials;
        this.timeout = timeout;
        this.ourClock = ourClock;
    }

    public Optional<Located> locate(OnvifIdentity id, List<InetSocketAddress> targets, Duration wait) throws IOException {
        List<ProbeMatch> found = new ArrayList<>(Discovery.directed(targets, null, wait));
        found.sort(Comparator.comparing(m -> !java.util.Objects.equals(m.endpoint(), id.endpoint())));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, found.size())));
        try {
            List<Future<CameraFacts>> facts = new ArrayList<>();
            for (ProbeMatch m : found) {
                String xaddr = m.xaddrs().stream().filter(x -> x.startsWith("http")).findFirst().orElse(null);
                facts.add(pool.submit(() -> xaddr == null ? null : factsOrNull(xaddr)));
            }
            for (Future<CameraFacts> f : facts) {
                CameraFacts c = f.get();
                if (c != null && id.sameCamera(c)) {
                    MediaProfile p = c.profile(id.profileToken());
                    if (p == null && !c.profiles().isEmpty()) {
                        p = c.profiles().get(0);
                    }
                    return Optional.of(new Located(c.deviceUrl(), p == null ? null : p.streamUri(), c));
                }
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private CameraFacts factsOrNull(String xaddr) {
        try {
            return new OnvifCamera(xaddr, credentials, timeout, ourClock).facts();
        } catch (OnvifException e) {
            return null; // another camera we cannot log into is not ours
        }
    }
}
