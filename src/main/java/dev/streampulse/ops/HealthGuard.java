package dev.streampulse.ops;

import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/** Installs the {@link HealthGate} once the platform-http router exists (the context has fully started). */
public final class HealthGuard extends MainListenerSupport {
    private final Predicate<String> authorized;

    /** @param authorized whether an Authorization header value carries a valid API token */
    public HealthGuard(Predicate<String> authorized) {
        this.authorized = authorized;
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        try {
            main.getCamelContext().addStartupListener(new ExtendedStartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    HealthGate.install(context, authorized);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot guard /observe/health", e);
        }
    }
}
