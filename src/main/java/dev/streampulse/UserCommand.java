package dev.streampulse;

import dev.streampulse.config.AppConfig;
import dev.streampulse.config.ConfigException;
import dev.streampulse.config.ConfigLoader;
import dev.streampulse.config.DatabaseSettings;
import dev.streampulse.store.Database;
import dev.streampulse.web.Audit;
import dev.streampulse.web.Role;
import dev.streampulse.web.Users;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar streampulse.jar user add NAME --role viewer|operator|admin | list | del NAME |
 * passwd NAME | role NAME ROLE [--config data/config.yaml]}: manages the web users in the data dir's
 * users.json without starting Camel. Passwords come from stdin (one line; typed unseen on a
 * terminal), never from the command line, where other users' {@code ps} would see them. Changes go
 * to the audit log as done by "cli:" + the OS user, when the database can be opened.
 */
public final class UserCommand {
    static final String USAGE = "Usage: java -jar streampulse.jar user add NAME --role viewer|operator|admin | list | del NAME"
            + " | passwd NAME | role NAME ROLE   [--config data/config.yaml]   (passwords are read from stdin)";

    private final Path configPath;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final Console terminal;

    /** @param terminal where a password is typed unseen, or null: read it as a line of {@code in} */
    UserCommand(Path configPath, BufferedReader in, Console terminal, PrintStream out, PrintStream err) {
        this.configPath = configPath;
        this.in = in;
        this.terminal = terminal;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        String config = System.getenv().getOrDefault("STREAMPULSE_CONFIG", "data/config.yaml");
        List<String> words = new ArrayList<>();
        String role = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) config = args[++i];
            else if (args[i].equals("--role") && i + 1 < args.length) role = args[++i];
            else words.add(args[i]);
        }
        if (role != null) words.add(1 < words.size() ? 2 : words.size(), role);
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(new UserCommand(Path.of(config), stdin, System.console(), System.out, System.err).run(words));
    }

    /** Runs one command; returns the exit code (0 done, 1 refused, 2 usage). */
    int run(List<String> words) {
        if (words.isEmpty()) return usage();
        AppConfig c;
        try {
            c = Files.exists(configPath) ? ConfigLoader.load(configPath) : null;
        } catch (ConfigException e) {
            err.println("Cannot read " + configPath + ": " + e.getMessage());
            return 1;
        }
        Path dataDir = c != null ? c.dataDir() : configPath.toAbsolutePath().getParent();
        Users users = new Users(dataDir.resolve("users.json"));
        String cmd = words.get(0);
        String name = words.size() > 1 ? words.get(1) : null;
        String problem;
        String done;
        switch (cmd) {
            case "list" -> {
                for (Users.Account a : users.accounts()) {
                    out.println(a.name() + "\t" + a.role().id() + (a.mustChange() ? "\tmust change password" : ""));
                }
                return 0;
            }
            case "add" -> {
                if (name == null || words.size() < 3) return usage();
                Role role = Role.parse(words.get(2));
                if (role == null) return refused("unknown role '" + words.get(2) + "' (viewer, operator or admin)");
                problem = users.addUser(name, role, password(), false);
                done = "role " + role.id();
            }
            case "del", "delete" -> {
                if (name == null) return usage();
                problem = users.deleteUser(name);
                done = "deleted with its tokens";
            }
            case "passwd" -> {
                if (name == null) return usage();
                problem = users.storedName(name) == null ? "No user '" + name + "'." : users.resetPassword(name, password(), false);
                done = "password set";
            }
            case "role" -> {
                if (name == null || words.size() < 3) return usage();
                Role role = Role.parse(words.get(2));
                if (role == null) return refused("unknown role '" + words.get(2) + "' (viewer, operator or admin)");
                problem = users.setRole(name, role);
                done = "role " + role.id();
            }
            default -> {
                return usage();
            }
        }
        if (problem != null) return refused(problem);
        String stored = users.storedName(name);
        out.println("user " + (stored == null ? name : stored) + ": " + done + " (" + dataDir.resolve("users.json") + ")");
        audit(c, dataDir, "user." + (cmd.equals("delete") ? "del" : cmd), stored == null ? name : stored, done + " (command line)");
        return 0;
    }

    /** One line from stdin; on a terminal, asked for without echo. */
    private String password() {
        if (terminal != null) {
            char[] p = terminal.readPassword("Password: ");
            return p == null ? "" : new String(p);
        }
        try {
            String line = in.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            return "";
        }
    }

    private void audit(AppConfig c, Path dataDir, String action, String target, String detail) {
        DatabaseSettings db = c != null ? c.database().withEnv(System.getenv()) : null;
        String url = db != null ? db.jdbcUrl(dataDir) : "jdbc:sqlite:" + dataDir.resolve("streams.db").toAbsolutePath();
        try (Database store = Database.open(url, db == null ? null : db.user(), db == null ? null : db.password())) {
            new Audit(store.audit(), System::currentTimeMillis).record("cli:" + System.getProperty("user.name", "?"), "local", action,
                    target, detail);
        } catch (RuntimeException e) {
            err.println("(not in the audit log: cannot open the database: " + e.getMessage() + ")");
        }
    }

    private int refused(String problem) {
        err.println(problem);
        return 1;
    }

    private int usage() {
        err.println(USAGE);
        return 2;
    }
}
