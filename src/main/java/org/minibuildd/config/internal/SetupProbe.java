package org.minibuildd.config.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.minibuildd.config.ConfigException;
import org.minibuildd.daemon.InstanceService;
import org.minibuildd.openpgp.KeyFormatException;
import org.minibuildd.openpgp.Keyring;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessRunner;
import org.springframework.stereotype.Component;

/**
 * What {@code setup} asks this host and its network before it plans: the host's origin and architecture, the
 * codenames distro-info calls supported, the archives apt already uses or an apt-cacher-ng serves, and Debian's
 * archive keys. Only reads; the archives' own Releases are fetched and verified when their Sources are prepared.
 */
@Component
public class SetupProbe {

    public static final Path DEBIAN_ARCHIVE_KEYRING = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");
    private static final Path OS_RELEASE = Path.of("/etc/os-release");
    private static final int APT_CACHER_NG_PORT = 3142;

    private final ProcessRunner runner;
    private final DistroInfo distroInfo;
    private final AptSources aptSources;
    private final InstanceService instances;

    SetupProbe(ProcessRunner runner, DistroInfo distroInfo, AptSources aptSources, InstanceService instances) {
        this.runner = runner;
        this.distroInfo = distroInfo;
        this.aptSources = aptSources;
        this.instances = instances;
    }

    public SetupArguments.Host host() {
        return new SetupArguments.Host(hostOrigin(), nativeArchitecture());
    }

    /** The origin's codenames worth setting up today. */
    public List<String> codenames(DistroInfo.Scope scope) {
        return distroInfo.codenames(scope, LocalDate.now());
    }

    /** The archives this host's apt uses. */
    public List<String> aptArchives() {
        return aptSources.archives();
    }

    /** The Debian archives behind an apt-cacher-ng on this host, or none. */
    public List<String> proxyArchives() {
        return aptCacherNgArchives(URI.create("http://" + instances.instance().hostname() + ":" + APT_CACHER_NG_PORT + "/"));
    }

    public Keyring debianArchiveKeys() {
        try {
            return Keyring.read(DEBIAN_ARCHIVE_KEYRING);
        } catch (IOException | KeyFormatException e) {
            throw new ConfigException("sources", "cannot read Debian's archive keys from " + DEBIAN_ARCHIVE_KEYRING
                    + ": install debian-archive-keyring (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The Debian archives behind an apt-cacher-ng at the URL, or none when none answers there. It is recognised by
     * its answer to a plain request for its root: 406, with its name in the page.
     */
    static List<String> aptCacherNgArchives(URI proxy) {
        try (var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            var response = client.send(HttpRequest.newBuilder(proxy).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 406 && response.body().toLowerCase(Locale.ROOT).matches("(?s).*apt.cacher.ng.*")) {
                var base = proxy.toString().replaceAll("/+$", "");
                return List.of(base + "/debian/", base + "/debian-security/");
            }
            return List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The origin of this host's own distribution, from os-release (Debian for ID=debian). */
    private static String hostOrigin() {
        try {
            return Files.readAllLines(OS_RELEASE).stream().filter(l -> l.startsWith("ID="))
                    .map(l -> l.substring(3).replace("\"", "")).findFirst()
                    .map(id -> id.equals("debian") ? SetupArguments.ORIGIN : id).orElse(SetupArguments.ORIGIN);
        } catch (IOException e) {
            return SetupArguments.ORIGIN;
        }
    }

    private String nativeArchitecture() {
        if (!Files.isExecutable(Path.of("/usr/bin/dpkg"))) {
            return "amd64";
        }
        return runner.run(Command.of("dpkg", "--print-architecture")).stdoutText().strip();
    }
}
