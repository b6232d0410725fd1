package dev.streampulse.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * One mapping of config.yaml while its record reads it. The getters note every problem, with its
 * path, and go on with the default, so one save shows the user all problems at once.
 */
final class ConfigSection {
    private final Map<?, ?> map;
    private final String path;
    private final String where;
    private final String name;
    private final List<ConfigProblem> problems;

    /**
     * @param path  this mapping's path ({@code streams[3].expect})
     * @param where the list item it belongs to as messages name it ({@code streams[3] (Gate)}), or ""
     * @param name  this mapping as messages name it within that item ({@code expect}, {@code web.tls}), or ""
     */
    private ConfigSection(Map<?, ?> map, String path, String where, String name, List<ConfigProblem> problems) {
        this.map = map;
        this.path = path;
        this.where = where;
        this.name = name;
        this.problems = problems;
    }

    static ConfigSection root(Map<?, ?> top) {
        return new ConfigSection(top, "", "", "", new ArrayList<>());
    }

    /** Fails with every problem noted so far by this section and all read from it. */
    void check() throws ConfigException {
        if (!problems.isEmpty()) throw new ConfigException(problems);
    }

    int problemCount() {
        return problems.size();
    }

    Object get(ConfigKey k) {
        return map.get(k.key());
    }

    boolean has(ConfigKey k) {
        return map.containsKey(k.key());
    }

    /** The value as text, or null when absent. */
    String string(ConfigKey k) {
        Object v = get(k);
        return v == null ? null : String.valueOf(v);
    }

    /** The key as messages name it: {@code health.frozen_after}; within a list item just {@code frozen_after}. */
    String field(ConfigKey k) {
        return field(k.key());
    }

    private String field(String key) {
        return name.isEmpty() ? key : name + "." + key;
    }

    private String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A problem with the value of {@code k}; the message names the field itself. */
    void problem(ConfigKey k, String message) {
        problems.add(new ConfigProblem(path(k.key()), where, message));
    }

    /** A problem with this mapping as a whole; the message is prefixed with its name ("probe: ..."). */
    void problem(String message) {
        problems.add(new ConfigProblem(path, where, name.isEmpty() ? message : name + ": " + message));
    }

    /** The mapping under {@code k}, or null when it is absent or not a mapping (the caller says what it should be). */
    ConfigSection section(ConfigKey k) {
        return get(k) instanceof Map<?, ?> m ? new ConfigSection(m, path(k.key()), where, field(k.key()), problems) : null;
    }

    /**
     * The mapping under {@code k} with its keys checked against {@code known}; null when absent, or
     * when it is no mapping ({@code notAMapping} is then the problem, as the user reads it).
     */
    ConfigSection section(ConfigKey k, Collection<? extends ConfigKey> known, String notAMapping) {
        if (get(k) == null) return null;
        ConfigSection s = section(k);
        if (s == null) problem(k, notAMapping);
        else s.unknownKeys(known);
        return s;
    }

    /** The mapping under a key the user chose ({@code hosts.192.168.1.5}); {@code key} must hold no secret. */
    ConfigSection entry(String key, Map<?, ?> m) {
        return new ConfigSection(m, path(key), where, field(key), problems);
    }

    /**
     * Hands each item of the list under {@code k} that is a mapping to {@code reader}, in order; a list
     * that is none ({@code notAList}) or an item that is no mapping ({@code notAMapping}) is a problem.
     */
    void eachItem(ConfigKey k, String notAList, String notAMapping, BiConsumer<Integer, Map<?, ?>> reader) {
        Object v = get(k);
        if (v == null) return;
        if (!(v instanceof List<?> list)) {
            problem(k, notAList);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> m) reader.accept(i, m);
            else itemProblem(k, i, notAMapping);
        }
    }

    /** Item {@code i} of the list under {@code k}; messages name it by index and (at most 100 characters of) name. */
    ConfigSection item(ConfigKey k, int i, Map<?, ?> m, String itemName) {
        String named = itemName == null || itemName.isEmpty() ? "" : " (" + clip(itemName) + ")";
        return new ConfigSection(m, ConfigProblem.item(path(k.key()), i), field(k.key()) + "[" + i + "]" + named, "", problems);
    }

    private void itemProblem(ConfigKey k, int i, String message) {
        String item = ConfigProblem.item(field(k.key()), i);
        problems.add(new ConfigProblem(ConfigProblem.item(path(k.key()), i), item, message));
    }

    void unknownKeys(Collection<? extends ConfigKey> known) {
        TreeSet<String> names = new TreeSet<>();
        known.forEach(k -> names.add(k.key()));
        for (Object k : map.keySet()) {
            if (!names.contains(String.valueOf(k))) {
                problems.add(new ConfigProblem(path(String.valueOf(k)), where,
                        (name.isEmpty() ? "" : name + ": ") + "unknown key '" + k + "' (known: " + String.join(", ", names) + ")"));
            }
        }
    }

    /** The keys, sorted, for a message listing them. */
    static String keys(Collection<? extends ConfigKey> keys) {
        TreeSet<String> names = new TreeSet<>();
        keys.forEach(k -> names.add(k.key()));
        return String.join(", ", names);
    }

    boolean bool(ConfigKey k, boolean dflt) {
        Object value = get(k);
        if (value == null) return dflt;
        if (value instanceof Boolean b) return b;
        problem(k, field(k) + " must be true or false, got '" + value + "'");
        return dflt;
    }

    int positiveInt(ConfigKey k, int dflt, int max) {
        int v = nonNegativeInt(k, dflt);
        if (get(k) != null && v == 0) problem(k, field(k) + " must be at least 1");
        if (v > max) problem(k, field(k) + " must be at most " + max + ", got " + v);
        return v;
    }

    int port(ConfigKey k, int dflt) {
        return positiveInt(k, dflt, 65_535);
    }

    int nonNegativeInt(ConfigKey k, int dflt) {
        Object value = get(k);
        if (value == null) return dflt;
        if (value instanceof Integer i) {
            if (i < 0) problem(k, field(k) + " must not be negative, got " + i);
            return Math.max(i, 0);
        }
        problem(k, field(k) + " must be a whole number, got '" + value + "'");
        return dflt;
    }

    /** A list of text, or one text standing for a list of one. */
    List<String> strings(ConfigKey k) {
        Object value = get(k);
        if (value == null) return List.of();
        if (value instanceof String s) return List.of(s);
        if (!(value instanceof List<?> list)) {
            problem(k, field(k) + ": must be a list of host names");
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }

    // messages quote at most 100 characters of a name (they go through patterns and pages)
    private static String clip(String name) {
        return name.length() > 100 ? name.substring(0, 100) + "…" : name;
    }
}
