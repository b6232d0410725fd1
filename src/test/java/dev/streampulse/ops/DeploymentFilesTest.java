package dev.streampulse.ops;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** No Docker engine here: at least the deployment files must parse and agree with the app's settings. */
class DeploymentFilesTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String file) throws Exception {
        return new Yaml().load(Files.readString(Path.of(file)));
    }

    private static String appPort() throws Exception {
        Properties p = new Properties();
        try (InputStream in = DeploymentFilesTest.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        return p.getProperty("camel.server.port");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsMonitorAndWebOnOneDataFolder() throws Exception {
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) yaml("docker-compose.yml").get("services");
        assertEquals(List.of("monitor"), services.get("monitor").get("command"));
        assertEquals(List.of("web"), services.get("web").get("command"));
        for (Map<String, Object> s : services.values()) assertEquals(List.of("./data:/data"), s.get("volumes"));
        assertEquals(List.of(appPort() + ":" + appPort()), services.get("web").get("ports"));

        Map<String, Map<String, Object>> single = (Map<String, Map<String, Object>>) yaml("docker-compose.single.yml").get("services");
        assertEquals(1, single.size());
        Map<String, Object> one = single.values().iterator().next();
        assertEquals(List.of("run"), one.get("command"));
        assertEquals(List.of("./data:/data"), one.get("volumes"));
    }

    /** The scale-out example: one PostgreSQL, a monitor per site, one web, all on one database; its config loads. */
    @Test
    @SuppressWarnings("unchecked")
    void scaleOutComposeRunsAMonitorPerSiteAndOneWebOnPostgres() throws Exception {
        Map<String, Map<String, Object>> services =
                (Map<String, Map<String, Object>>) yaml("examples/scale-out/docker-compose.yml").get("services");
        assertTrue(String.valueOf(services.get("postgres").get("image")).startsWith("postgres:"));
        java.util.Set<String> sites = new java.util.HashSet<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        java.util.Set<Object> urls = new java.util.HashSet<>();
        int monitors = 0;
        for (Map.Entry<String, Map<String, Object>> e : services.entrySet()) {
            if (e.getKey().equals("postgres")) continue;
            Map<String, Object> env = (Map<String, Object>) e.getValue().get("environment");
            urls.add(env.get("STREAMPULSE_DB_URL"));
            assertNotNull(env.get("STREAMPULSE_DB_PASSWORD"), e.getKey() + " gets the password from the environment");
            if (List.of("monitor").equals(e.getValue().get("command"))) {
                monitors++;
                sites.add(String.valueOf(env.get("STREAMPULSE_NODE_SITE")));
                ids.add(String.valueOf(env.get("STREAMPULSE_NODE_ID")));
            } else {
                assertEquals(List.of("web"), e.getValue().get("command"));
                assertEquals(List.of(appPort() + ":" + appPort()), e.getValue().get("ports"));
            }
        }
        assertEquals(2, monitors);
        assertEquals(2, sites.size(), "two sites");
        assertEquals(2, ids.size(), "distinct node ids");
        assertEquals(java.util.Set.of("jdbc:postgresql://postgres:5432/streampulse"), urls, "one database for all");

        dev.streampulse.config.AppConfig c = dev.streampulse.config.ConfigLoader.load(Path.of("examples/scale-out/data/config.yaml"));
        for (String site : sites) {
            assertTrue(c.streams().stream().anyMatch(st -> site.equals(st.labels().get("site"))), "cameras of site " + site);
        }
        assertTrue(c.node().explicit());
    }

    @Test
    void dockerfileMatchesTheAppsPortsPathsAndHealth() throws Exception {
        String docker = Files.readString(Path.of("Dockerfile"));
        assertTrue(docker.contains("EXPOSE " + appPort()));
        assertTrue(docker.contains("VOLUME /data"));
        assertTrue(docker.contains("STREAMPULSE_CONFIG=/data/config.yaml"), "config read from the volume");
        assertTrue(docker.contains("USER streampulse"), "non-root");
        assertTrue(docker.contains("http://127.0.0.1:" + appPort() + "/observe/health"), "HEALTHCHECK on Camel's health");
        assertTrue(docker.contains("javacpp.cachedir="), "JavaCPP cache dir is writable");
        assertEquals(2, docker.lines().filter(l -> l.startsWith("FROM ")).count(), "multi-stage");
        assertTrue(docker.contains("target/streampulse.jar"));
    }

    @Test
    void systemdUnitStartsTheJarWithASmallHeap() throws Exception {
        String unit = Files.readString(Path.of("deploy/streampulse.service"));
        assertTrue(unit.contains("[Service]") && unit.contains("[Install]"));
        assertTrue(unit.matches("(?s).*ExecStart=/usr/bin/java .*-Xmx\\d+m.*-jar /opt/streampulse/streampulse.jar run.*"));
        assertTrue(unit.contains("User=streampulse"));
    }

    /**
     * The unit's JVM options are the benchmark's (bench/on-unit-settings reads them from the unit): a
     * typo, or an option this JDK lacks (TrimNativeHeapInterval needs OpenJDK 17.0.9+), would keep the
     * service from starting, so this JDK must accept every one of them.
     */
    @Test
    void theUnitsJvmOptionsStartThisJdk() throws Exception {
        String unit = Files.readString(Path.of("deploy/streampulse.service"));
        String exec = unit.substring(unit.indexOf("ExecStart=")).replaceAll("\\\\\n", " ");
        exec = exec.substring(0, exec.indexOf(" -jar "));
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String o : exec.replaceFirst("^ExecStart=\\S+", "").trim().split("\\s+")) {
            if (!o.startsWith("-Dorg.bytedeco")) cmd.add(o);
        }
        assertTrue(cmd.contains("-XX:TrimNativeHeapInterval=500") && cmd.contains("-Xmx128m"), cmd.toString());
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), cmd + ": " + out);
        assertTrue(unit.contains("Environment=MALLOC_ARENA_MAX=1"), "one malloc arena, trimmed by the JVM");
    }
}
