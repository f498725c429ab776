package org.minibuildd.packager;

import java.util.List;

import org.minibuildd.packager.internal.PortRuns;
import org.springframework.stereotype.Service;

/**
 * No-changes ports, as mini-buildd makes them: a new changelog entry with the port's version and distribution, the
 * source package built again, signed by the instance key and uploaded to our own incoming, where it is checked,
 * built and installed like any upload. Every target is checked before the first upload, so a refusal
 * ({@link PortException}) changes nothing.
 */
@Service
public class Ports {

    private final PortRuns runs;

    Ports(PortRuns runs) {
        this.runs = runs;
    }

    /**
     * Ports a source installed in {@code fromDistribution} to each of {@code toDistributions} (the same distribution:
     * a rebuild), with mini-buildd's internal port versions.
     *
     * @param version exactly this installed version; {@code null} or blank for the one in {@code fromDistribution}
     * @param options upload options for the ports' changelog entries; {@code null} for the default
     *                ({@code lintian-mode=ignore})
     * @return per target distribution, in order: {@code {dsc_url, source, distribution, version}}
     */
    public List<PortResult> port(String source, String fromDistribution, List<String> toDistributions, String version,
                                 List<String> options) {
        return runs.internal(source, fromDistribution, toDistributions, version, options);
    }

    /**
     * Ports any source package, given by the URL of its .dsc ({@code http(s)://}, {@code ftp://} or {@code file://}),
     * to each of {@code distributions}, with the target's default version suffix appended.
     *
     * @param allowUnauthenticated take the .dsc without verifying its signature ({@code dget --allow-unauthenticated});
     *                             otherwise it must verify against the system's Debian keyrings (dscverify)
     */
    public List<PortResult> portExternal(String dscUrl, List<String> distributions, List<String> options,
                                         boolean allowUnauthenticated) {
        return runs.external(dscUrl, distributions, options, allowUnauthenticated);
    }
}
