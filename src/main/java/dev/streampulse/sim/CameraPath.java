package dev.streampulse.sim;

import java.util.regex.Pattern;

/**
 * What a request path names: {@code [basic|digest/]camK} is a healthy camera (any K, nothing is
 * pre-declared, so N cameras cost nothing), {@code [basic|digest/]<fault>[/anything]} a faulty one.
 *
 * @param auth  null when the path needs no credentials
 * @param fault null for a healthy camera
 * @param known false for paths that name nothing (served as 404)
 * @param scene a healthy camera with this picture ({@code /still}, {@code /wall-clock}, {@code /live},
 *              {@code /pattern}, each also {@code /<scene>/anything}); null: the simulator's default
 * @param key   which camera this is, for the session cap: the path without auth prefix and query
 */
record CameraPath(DigestAuth.Scheme auth, Fault fault, boolean known, Scene scene, String key) {

    CameraPath(DigestAuth.Scheme auth, Fault fault, boolean known) {
        this(auth, fault, known, null, "");
    }

    private static final Pattern CAM = Pattern.compile("cam[0-9]{1,9}");

    static CameraPath parse(String path) {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        String[] segs = p.replaceAll("^/+|/+$", "").split("/+");
        int i = 0;
        DigestAuth.Scheme auth = null;
        if (segs.length > 1 && segs[0].equalsIgnoreCase("basic")) {
            auth = DigestAuth.Scheme.BASIC;
            i = 1;
        } else if (segs.length > 1 && segs[0].equalsIgnoreCase("digest")) {
            auth = DigestAuth.Scheme.DIGEST;
            i = 1;
        }
        String head = segs[i];
        String key = String.join("/", java.util.Arrays.copyOfRange(segs, i, segs.length));
        if (CAM.matcher(head).matches() && i == segs.length - 1) {
            return new CameraPath(auth, null, true, null, key);
        }
        Scene scene = Scene.byPath(head);
        if (scene != null) {
            return new CameraPath(auth, null, true, scene, key);
        }
        Fault f = Fault.byPath(head);
        if (f != null && f != Fault.REFUSED) {
            return new CameraPath(auth, f, true, null, key);
        }
        return new CameraPath(auth, null, false, null, key);
    }

    boolean is(Fault f) {
        return fault == f;
    }
}
