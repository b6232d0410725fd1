package dev.streampulse.config;

import java.util.List;

/** A config that cannot be used; every problem is listed, each with its path and the words naming the stream and field. */
public class ConfigException extends Exception {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(String.join("; ", problems.stream().map(ConfigProblem::text).toList()));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(ConfigProblem.ofFile(problem)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The problems as the user reads them. */
    public List<String> messages() {
        return problems.stream().map(ConfigProblem::text).toList();
    }
}
