package dev.streampulse.onvif;

import java.time.Duration;
import java.util.List;

/**
 * A PullPoint subscription (ONVIF events without a callback server: works through NAT and
 * firewalls). {@link #pull} asks for what happened since the last pull, waiting up to its timeout.
 */
public final class PullPoint implements AutoCloseable {
    private final SoapClient soap;
    private final String address;

    private PullPoint(SoapClient soap, String address) {
        this.soap = soap;
        this.address = address;
    }

    static PullPoint create(SoapClient soap, String eventsUrl, Duration termination) throws OnvifException {
        String body = "<tev:CreatePullPointSubscription xmlns:tev=\"" + OnvifCamera.TEV + "\"><tev:InitialTerminationTime>"
                + duration(termination) + "</tev:InitialTerminationTime></tev:CreatePullPointSubscription>";
        String addr = OnvifParsers.subscriptionAddress(
                soap.call(eventsUrl, OnvifCamera.TEV + "/EventPortType/CreatePullPointSubscriptionRequest", body));
        return new PullPoint(soap, addr);
    }

    public String address() {
        return address;
    }

    /** Messages since the last pull; the camera answers at once when it has some, else after {@code wait}. */
    public List<CameraEvent> pull(Duration wait, int limit) throws OnvifException {
        String body = "<tev:PullMessages xmlns:tev=\"" + OnvifCamera.TEV + "\"><tev:Timeout>" + duration(wait)
                + "</tev:Timeout><tev:MessageLimit>" + limit + "</tev:MessageLimit></tev:PullMessages>";
        return OnvifParsers.pullMessages(soap.call(address, OnvifCamera.TEV + "/PullPointSubscription/PullMessagesRequest", body));
    }

    /** Unsubscribes; a camera that has forgotten the subscription already is fine. */
    @Override
    public void close() {
        try {
            soap.call(address, "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeRequest",
                    "<wsnt:Unsubscribe xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\"/>");
        } catch (OnvifException e) {
            // the subscription ends at its termination time anyway
        }
    }

    static String duration(Duration d) {
        return "PT" + Math.max(1, d.toSeconds()) + "S";
    }
}
