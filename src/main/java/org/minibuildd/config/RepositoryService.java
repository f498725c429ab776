package org.minibuildd.config;

import java.util.List;
import java.util.Optional;

import org.minibuildd.config.internal.DistributionStore;
import org.minibuildd.config.internal.RepositoryConfigStore;
import org.minibuildd.daemon.InstanceService;
import org.springframework.stereotype.Service;

/** Repositories as users see them: identity, codenames and the layout's suites. */
@Service
public class RepositoryService {

    /** One repository with its codenames (in order) and its layout. */
    public record Summary(String identity, List<String> codenames, Layout layout, StatusState state) { }

    private final DistributionStore distributions;
    private final LayoutService layouts;
    private final ConfigActions actions;

    private final RepositoryConfigStore configs;
    private final InstanceService instances;
    private final org.minibuildd.openpgp.InstanceKeyStore instanceKey;

    RepositoryService(DistributionStore distributions, LayoutService layouts, ConfigActions actions,
                      RepositoryConfigStore configs, InstanceService instances,
                      org.minibuildd.openpgp.InstanceKeyStore instanceKey) {
        this.configs = configs;
        this.instanceKey = instanceKey;
        this.instances = instances;
        this.distributions = distributions;
        this.layouts = layouts;
        this.actions = actions;
    }

    public List<Summary> all() {
        return distributions.repositories().stream().map(identity -> new Summary(identity,
                distributions.codenamesOfRepository(identity),
                layouts.find(distributions.layoutOfRepository(identity)).orElseThrow(),
                actions.state(new ObjectRef(ObjectType.REPOSITORY, identity)))).toList();
    }

    /** What the repository on disk is made from; empty when there is no such repository. */
    public Optional<RepositoryConfig> config(String identity) {
        return configs.repository(identity).map(row -> new RepositoryConfig(row.identity(),
                layouts.find(row.layout()).orElseThrow(), configs.distributions(identity), origin(),
                row.allowUnauthenticatedUploads(), distributions.sourcesOfRepository(identity)));
    }

    /**
     * The keys whose signatures on an upload to the repository count: its active Uploaders' keys, the keys in
     * its extra uploader keyring files, and the instance key (ports and auto-ports are signed by it, as in
     * mini-buildd). A listed keyring file that cannot be read is named in the exception, so an
     * upload is not refused for a reason nobody can see.
     */
    public org.minibuildd.openpgp.Keyring uploaderKeyring(String identity) {
        var keys = configs.uploaderKeys(identity);
        var keyrings = new java.util.ArrayList<org.minibuildd.openpgp.Keyring>();
        keyrings.add(instanceKey.get().publicKeyring());
        for (var armored : keys.armored()) {
            keyrings.add(org.minibuildd.openpgp.Keyring.parse(armored));
        }
        for (var file : keys.extraKeyrings()) {
            try {
                keyrings.add(org.minibuildd.openpgp.Keyring.read(java.nio.file.Path.of(file)));
            } catch (java.io.IOException | RuntimeException e) {
                throw new ConfigException("extra_uploader_keyrings", "repository " + identity + ": cannot read extra uploader keyring " + file + ": " + e.getMessage(), e);
            }
        }
        return org.minibuildd.openpgp.Keyring.union(keyrings);
    }

    /** The codeversion of a codename ({@code 12} for bookworm) from its Source, for the layout's version rules. */
    public String codeversion(String codename) {
        return configs.codeversion(codename);
    }

    /** The archive origin apt sees: the Daemon's custom one, or mini-buildd's {@code Mini-Buildd archive <id> on <host>}. */
    public String origin() {
        var custom = configs.customOrigin();
        var instance = instances.instance();
        return custom.isBlank() ? "Mini-Buildd archive " + instance.identity() + " on " + instance.hostname() : custom;
    }
}
