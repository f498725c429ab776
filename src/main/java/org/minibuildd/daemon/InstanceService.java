package org.minibuildd.daemon;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.minibuildd.daemon.internal.DaemonStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Service;

/** The instance's identity, version and endpoints, settled once at start. */
@Service
public class InstanceService {

    /** Identities end up in package names ({@code <identity>-archive-keyring}): Debian package name rules. */
    static final Pattern IDENTITY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final Instance instance;

    InstanceService(MiniBuilddSettings settings, DaemonStore store, ObjectProvider<BuildProperties> build) {
        var hostname = settings.hostname().isBlank() ? localHostname() : settings.hostname();
        var configured = settings.identity().strip();
        if (!configured.isEmpty() && !IDENTITY.matcher(configured).matches()) {
            throw new IllegalArgumentException("minibuildd.identity \"" + configured
                    + "\" is not a valid instance identity: use lower case letters, digits and '-', starting with a letter or digit");
        }
        var identity = store.settleIdentity(configured.isEmpty() ? null : configured, identityFrom(hostname));
        var version = build.getIfAvailable() == null ? "0.0.0-dev" : build.getIfAvailable().getVersion();
        this.instance = new Instance(identity, version, hostname,
                "http://" + hostname + ":" + settings.httpPort(),
                "ftp://" + hostname + ":" + settings.ftpPort());
    }

    public Instance instance() {
        return instance;
    }

    /** mini-buildd names an instance after its host by default: the first label, made a valid identity. */
    static String identityFrom(String hostname) {
        var label = hostname.split("\\.", 2)[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        label = label.replaceAll("^[^a-z0-9]+", "");
        if (label.length() > 64) {
            label = label.substring(0, 64);
        }
        return label.isEmpty() ? "mini-buildd" : label;
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
