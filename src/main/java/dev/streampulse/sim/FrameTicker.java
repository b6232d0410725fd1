package dev.streampulse.sim;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One 10 fps task per event loop paces every stream whose channel lives on that loop, so 1,000
 * clients cost a loop over a list, not 1,000 timers or threads, and every write happens on the
 * channel's own thread. All clips run at {@link ClipLibrary#FPS}.
 */
final class FrameTicker {

    static final long TICK_MS = 1000 / ClipLibrary.FPS;

    /** A stream fed by the ticker; called on the ticker's event loop. */
    interface Subscriber {
        /** @return false to be removed */
        boolean onTick(long tick);
    }

    private final EventLoop loop;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private ScheduledFuture<?> task;

    FrameTicker(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * The wall-clock tick: the clip plays on whether anyone watches or not, so the frame a new client
     * sees depends only on when it connects.
     */
    static long tick() {
        return System.currentTimeMillis() / TICK_MS;
    }

    /** Must be called on the loop. */
    void add(Subscriber s) {
        subscribers.add(s);
        if (task == null) {
            long delay = TICK_MS - System.currentTimeMillis() % TICK_MS + 1;
            task = loop.scheduleAtFixedRate(this::run, delay, TICK_MS, TimeUnit.MILLISECONDS);
        }
    }

    void remove(Subscriber s) {
        subscribers.remove(s);
    }

    int size() {
        return subscribers.size();
    }

    private void run() {
        long tick = tick();
        Subscriber[] snapshot = subscribers.toArray(new Subscriber[0]);
        for (Subscriber s : snapshot) {
            boolean keep;
            try {
                keep = s.onTick(tick);
            } catch (RuntimeException e) {
                keep = false;
            }
            if (!keep) {
                subscribers.remove(s);
            }
        }
    }

    void stop() {
        if (task != null) {
            task.cancel(false);
        }
        subscribers.clear();
    }
}
