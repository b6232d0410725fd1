package dev.streampulse.health;

import dev.streampulse.config.HealthSettings.ExpectedProfile;

/**
 * Notices when a stream's profile leaves its baseline: the configured {@code expect:}, or else the
 * first profile seen on {@code stable} beats in a row. A new profile must also hold for {@code stable}
 * beats before it is reported, so one odd beat is not a change. After a report the new profile is
 * the baseline (a return to the old one is reported as another change).
 */
public final class ProfileTracker {
    private final int stable;
    private ExpectedProfile expect;
    private Profile baseline;
    private Profile candidate;
    private int candidateBeats;

    public ProfileTracker(int stable, ExpectedProfile expect) {
        this.stable = stable;
        this.expect = expect;
    }

    /** Returns "old → new" when a change is settled, else null. */
    public String observe(Profile p) {
        boolean fits = baseline != null ? baseline.sameAs(p) : expect != null && p.matches(expect);
        if (fits) {
            candidate = null;
            candidateBeats = 0;
            if (baseline == null && expect != null) baseline = p; // the expectation, made concrete
            return null;
        }
        if (candidate != null && candidate.sameAs(p)) candidateBeats++;
        else {
            candidate = p;
            candidateBeats = 1;
        }
        if (candidateBeats < stable) return null;
        Profile old = baseline;
        baseline = p;
        candidate = null;
        candidateBeats = 0;
        if (old == null && expect == null) return null; // first stable profile: the baseline, not a change
        String from = old != null ? old.toString() : "expected " + Profile.describe(expect);
        expect = null;
        return from + " → " + p;
    }

    public Profile baseline() {
        return baseline;
    }
}
