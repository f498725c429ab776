package org.minibuildd.packager.internal;

import org.minibuildd.config.ConfigEditService;
import org.minibuildd.daemon.InstanceService;
import org.springframework.stereotype.Component;

/**
 * Who the changelog entries and packages the daemon makes are from, as mini-buildd: {@code mini-buildd archive
 * <identity>} with the Daemon's e-mail address ({@code mini-buildd@<host>} when none is set). Ports look for this
 * address to find a source's original entry, so ports and made packages must use the same one.
 */
@Component
public class InstanceMaintainer {

    /** A maintainer, as {@code DEBFULLNAME} and {@code DEBEMAIL}. */
    public record Maintainer(String name, String email) {

        /** {@code Name <email>}, as in a Maintainer field. */
        public String field() {
            return name + " <" + email + ">";
        }
    }

    private final InstanceService instances;
    private final ConfigEditService config;

    InstanceMaintainer(InstanceService instances, ConfigEditService config) {
        this.instances = instances;
        this.config = config;
    }

    /** Read each time: the Daemon's e-mail address may be edited while the daemon runs. */
    public Maintainer current() {
        var email = config.daemon().emailAddress();
        return new Maintainer("mini-buildd archive " + instances.instance().identity(),
                email.isBlank() ? "mini-buildd@" + instances.instance().hostname() : email);
    }
}
