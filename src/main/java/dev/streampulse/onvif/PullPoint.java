package dev.streampulse.onvif;

import java.time.Duration;
import java.util.List;
import org.w3c.dom.Element;

/**
 * A PullPoint subscription (ONVIF events without a callback server: works through NAT and
 * firewalls). {@link #pull} asks for what happened since the last pull, waiting up to its timeout.
 */
public final class PullPoint implements AutoCloseable {
    static final String WSA = "http://www.w3.org/2005/08/addressing";
    private final SoapClient soap;
    private final String address;
    private final String referenceParameters;

    private PullPoint(SoapClient soap, String address, String referenceParameters) {
        this.soap = soap;
        this.address = address;
        this.referenceParameters = referenceParameters;
    }

    static PullPoint create(SoapClient soap, String eventsUrl, Duration termination) throws OnvifException {
        String body = "<tev:CreatePullPointSubscription xmlns:tev=\"" + OnvifCamera.TEV + "\"><tev:InitialTerminationTime>"
                + duration(termination) + "</tev:InitialTerminationTime></tev:CreatePullPointSubscription>";
        Element r = soap.call(eventsUrl, OnvifCamera.TEV + "/EventPortType/CreatePullPointSubscriptionRequest", body);
        return new PullPoint(soap, OnvifParsers.subscriptionAddress(r), OnvifParsers.referenceParameters(r));
    }

    public String address() {
        return address;
    }

    /** Messages since the last pull; the camera answers at once when it has some, else after {@code wait}. */
    public List<CameraEvent> pull(Duration wait, int limit) throws OnvifException {
        String body = "<tev:PullMessages xmlns:tev=\"" + OnvifCamera.TEV + "\"><tev:Timeout>" + duration(wait)
                + "</tev:Timeout><tev:MessageLimit>" + limit + "</tev:MessageLimit></tev:PullMessages>";
        String action = OnvifCamera.TEV + "/PullPointSubscription/PullMessagesRequest";
        return OnvifParsers.pullMessages(soap.call(address, action, body, true, addressing(action)));
    }

    /** Unsubscribes; a camera that has forgotten the subscription already is fine. */
    @Override
    public void close() {
        try {
            String action = "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeRequest";
            soap.call(address, action, "<wsnt:Unsubscribe xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\"/>", true, addressing(action));
        } catch (OnvifException e) {
            // the subscription ends at its termination time anyway
        }
    }

    /**
     * WS-Addressing headers for a call to the subscription: Action, To, and the reference parameters
     * the camera put in the subscription reference (Axis routes pulls by them).
     */
    String addressing(String action) {
        return "<wsa:Action xmlns:wsa=\"" + WSA + "\">" + Xml.escape(action) + "</wsa:Action><wsa:To xmlns:wsa=\"" + WSA + "\">"
                + Xml.escape(address) + "</wsa:To>" + referenceParameters;
    }

    static String duration(Duration d) {
        return "PT" + Math.max(1, d.toSeconds()) + "S";
    }
}
