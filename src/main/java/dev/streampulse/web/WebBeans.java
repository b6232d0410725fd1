package dev.streampulse.web;

import dev.streampulse.config.ConfigFile;
import dev.streampulse.health.StreamHealth;
import dev.streampulse.probe.FrameProbe;
import dev.streampulse.probe.ProbeScheduler;
import dev.streampulse.store.HeartbeatStore;
import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.TemplateExceptionHandler;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/** Binds the web beans the routes in web*.camel.yaml refer to by name. */
public final class WebBeans {
    private WebBeans() {}

    public static void bind(Main main, ConfigFile config, Users users, HeartbeatStore store,
                            dev.streampulse.store.NodeStore nodes, FrameProbe probe, ProbeScheduler scheduler,
                            StreamHealth health, dev.streampulse.store.AuditStore auditStore) {
        dev.streampulse.config.AppConfig.WebSettings web = config.current().web()
                .orElse(new dev.streampulse.config.AppConfig.WebSettings("0.0.0.0", 8000));
        // HTTPS, and behind a reverse proxy which client address the login throttle sees (applies at restart)
        Http.trustProxies(java.util.Set.copyOf(web.trustedProxies()));
        TransportSecurity transport = new TransportSecurity(web.tls() != null, web.tls() == null ? 0 : web.tls().hstsSeconds(),
                java.util.Set.copyOf(web.trustedProxies()));
        long idleMs = Duration.ofMinutes(30).toMillis();
        // a session ends 30 min after its last use, and 12 h after its login however busy it is
        Sessions sessions = new Sessions(idleMs, Duration.ofHours(12).toMillis(), System::currentTimeMillis);
        Audit audit = new Audit(auditStore, System::currentTimeMillis);
        main.bind("webAuth", new WebAuth(sessions, users));
        main.bind("webLogin", new LoginPage(sessions, users, new LoginThrottle(System::currentTimeMillis), audit));
        main.bind("webStatic", new StaticAssets());
        HealthView view = new HealthView(config, health, System::currentTimeMillis);
        // the camera wall's pictures, in memory only: the probe route keeps each beat's small JPEG here
        WallFrames frames = new WallFrames(WallFrames.DEFAULT_REFRESH_MS, WallFrames.DEFAULT_MAX_BYTES);
        main.bind("wallFrames", frames);
        main.bind("dashboard", new DashboardView(config, store, nodes, view, System::currentTimeMillis, frames));
        main.bind("streamPage", new StreamPage(config, store, nodes, scheduler, view, health.evidence(), System::currentTimeMillis));
        main.bind("preview", new Preview(config, probe));
        main.bind("configEditor", new ConfigEditor(config, audit));
        main.bind("webSettings", new SettingsPage(users, config, audit));
        main.bind("webUsers", new UsersPage(users, sessions, audit));
        main.bind("webAudit", new AuditPage(auditStore, config));
        main.bind("api", new ApiHandlers(config, store, health, System::currentTimeMillis));
        main.bind("findCameras", new FindCameras(config, System::currentTimeMillis));
        main.bind("addCameras", new AddCameras(config, audit, System::currentTimeMillis));
        main.bind("freemarkerConfig", freemarker());
        main.addInitialProperty("camel.component.freemarker.configuration", "#freemarkerConfig");
        // bounds what an anonymous POST (to /login) can make the server buffer; a 1 MB config, form-encoded, fits
        main.addInitialProperty("camel.server.maxBodySize", Long.toString(4L << 20));
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                // the platform-http router exists once the context has fully started
                try {
                    m.getCamelContext().addStartupListener(new ExtendedStartupListener() {
                    @Override
                    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                    }

                    @Override
                    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                        SecurityHeaders.install(context);
                        transport.install(context);
                    }
                });
                } catch (Exception e) {
                    throw new IllegalStateException("cannot register the security headers", e);
                }
            }
        });
    }

    /** The incident list and the availability report (routes in web-reports.camel.yaml). */
    public static void bindReports(Main main, ConfigFile config, dev.streampulse.store.IncidentStore incidents,
                                   dev.streampulse.health.EventStore events, java.util.function.LongSupplier clock) {
        main.bind("incidentsPage", new IncidentsPage(incidents, config, clock));
        main.bind("reportPage", new ReportPage(config, events, clock));
    }

    /** HTML auto-escaping for every template (.ftlh), templates from the classpath. */
    static Configuration freemarker() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setTemplateLoader(new ClassTemplateLoader(WebBeans.class.getClassLoader(), ""));
        // .ftlh pages are HTML-escaped by their extension; .ftl alert payloads (JSON, text) escape themselves
        cfg.setRecognizeStandardFileExtensions(true);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputEncoding("UTF-8");
        cfg.setURLEscapingCharset("UTF-8");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setNumberFormat("computer");
        return cfg;
    }
}
