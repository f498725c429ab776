package org.minibuildd.remote;

import java.util.List;

/**
 * A Remote as a builder, from the {@code status} it answered just now.
 *
 * @param url         the remote's HTTP endpoint as it names itself ({@code http://host:8066})
 * @param incomingUrl its FTP incoming ({@code ftp://host:8067}), where build requests go
 * @param usable      the Remote is ACTIVE here and answered its status
 * @param load        its running builds / build slots; negative when it is stopped (as mini-buildd reports it)
 * @param chroots     its active chroots, {@code <codename>:<arch>}
 * @param problem     why it is not usable (not active, not reachable); empty when it is
 */
public record RemoteBuilder(String url, String incomingUrl, boolean usable, double load, List<String> chroots, String problem) {

    public RemoteBuilder {
        chroots = List.copyOf(chroots);
    }

    /** A Remote that cannot take builds now, and why. */
    static RemoteBuilder unusable(String url, String problem) {
        return new RemoteBuilder(url, "", false, -1.0, List.of(), problem);
    }
}
