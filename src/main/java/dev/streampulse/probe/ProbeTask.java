package dev.streampulse.probe;

import dev.streampulse.config.StreamConfig;

/**
 * One beat to take: which stream, and when it was due (system clock, epoch ms).
 *
 * @param slow     runs in the slow lane (the stream's recent probes timed out or took seconds)
 * @param permit   the session this probe may open, taken by the scheduler before dispatch; null when
 *                 the probe gave up waiting for one (or for tasks made outside the scheduler)
 * @param waitedMs how long it waited for its camera's (or NVR's) free session before dispatch
 * @param hostWait it waited past its timeout for a session: its beat reads {@link Reason#HOST_WAIT}, no probe runs
 * @param knock    its last probe timed out: the camera is first asked cheaply ({@link CameraKnock}), no thread held
 * @param knocked  what that first step found (null before it, or without one)
 */
public record ProbeTask(StreamConfig stream, long dueMs, boolean slow, HostLimiter.Permit permit, long waitedMs, boolean hostWait,
                        boolean knock, CameraKnock.Answer knocked) {
    public ProbeTask(StreamConfig stream, long dueMs) {
        this(stream, dueMs, false, null, 0, false, false, null);
    }

    /** Goes to the cheap first step before a lane: its camera timed out last time, and it holds a session to ask it. */
    public boolean knockFirst() {
        return knock && !hostWait && knocked == null;
    }

    /** The camera stayed silent through the first step: its beat is a TIMEOUT, no full probe runs. */
    public boolean unanswered() {
        return knocked != null && !knocked.answered();
    }

    ProbeTask admitted(HostLimiter.Permit p, long now) {
        return new ProbeTask(stream, dueMs, slow, p, Math.max(0, now - dueMs), false, knock, null);
    }

    ProbeTask gaveUp(long now) {
        return new ProbeTask(stream, dueMs, slow, null, Math.max(0, now - dueMs), true, knock, null);
    }

    ProbeTask knocked(CameraKnock.Answer answer) {
        return new ProbeTask(stream, dueMs, slow, permit, waitedMs, hostWait, knock, answer);
    }
}
