package dev.streampulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streampulse.store.AuditStore;
import dev.streampulse.store.Database;
import dev.streampulse.web.Role;
import dev.streampulse.web.Users;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar streampulse.jar user …}: users.json changed without starting Camel, password from stdin. */
class UserCommandTest {
    @TempDir
    Path dir;

    /** The real entry point in its own JVM, the password piped into stdin. */
    @Test
    void userAddThroughTheMainEntryPointReadsThePasswordFromStdin() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "streams: []\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                StreamPulse.class.getName(), "user", "add", "vera", "--role", "viewer", "--config", config.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().write("Viewer-Pass-1\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command returns (no Camel started)");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("user vera: role viewer"), out);
        assertFalse(out.contains("Apache Camel"), "Camel did not start: " + out);
        Users users = new Users(dir.resolve("users.json"));
        assertEquals(Role.VIEWER, users.role("vera"));
        assertNotNull(users.check("vera", "Viewer-Pass-1"));
        assertFalse(Files.readString(dir.resolve("users.json")).contains("Viewer-Pass-1"));
    }

    @Test
    void listDelPasswdRoleAndClearRefusals() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "streams: []\n");
        assertEquals(0, run(config, "Operator-Pass-1\n", "add", "otto", "operator").code, "role as a word works too");
        Result dup = run(config, "Other-Pass-1\n", "add", "OTTO", "viewer");
        assertEquals(1, dup.code);
        assertTrue(dup.err.contains("exists already"), dup.err);
        Result weak = run(config, "short\n", "add", "pat", "viewer");
        assertEquals(1, weak.code);
        assertTrue(weak.err.contains("at least 8"), weak.err);
        assertEquals(1, run(config, "€".repeat(25) + "\n", "add", "pat", "viewer").code, "75 bytes: refused, not cut");
        Result role = run(config, "Pat-Pass-123\n", "add", "pat", "root");
        assertEquals(1, role.code);
        assertTrue(role.err.contains("unknown role 'root'"), role.err);
        Result list = run(config, "", "list");
        assertEquals(0, list.code);
        assertTrue(list.out.contains("admin\tadmin\tmust change password") && list.out.contains("otto\toperator"), list.out);
        assertEquals(0, run(config, "Changed-Pass-2\n", "passwd", "otto").code);
        assertNotNull(new Users(dir.resolve("users.json")).check("otto", "Changed-Pass-2"));
        assertEquals(0, run(config, "", "role", "otto", "admin").code);
        assertEquals(0, run(config, "", "del", "admin").code, "otto is an admin now: admin may go");
        Result last = run(config, "", "del", "otto");
        assertEquals(1, last.code);
        assertTrue(last.err.contains("last admin"), last.err);
        assertEquals(2, run(config, "").code);
        assertNull(new Users(dir.resolve("users.json")).role("admin"));
        // each change is in the audit log, by the OS user, from the command line
        try (Database db = Database.open(dir.resolve("streams.db"))) {
            AuditStore store = db.audit();
            List<String> actions = store.audit(0, Long.MAX_VALUE, 20).stream().map(AuditStore.AuditEntry::action).toList();
            assertEquals(List.of("user.del", "user.role", "user.passwd", "user.add"), actions);
            assertTrue(store.audit(0, Long.MAX_VALUE, 1).get(0).actor().startsWith("cli:"));
        }
    }

    record Result(int code, String out, String err) {}

    Result run(Path config, String stdin, String... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new UserCommand(config, new BufferedReader(new StringReader(stdin)), null,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(words));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
