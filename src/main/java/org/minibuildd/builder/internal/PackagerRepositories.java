package org.minibuildd.builder.internal;

import org.minibuildd.daemon.InstanceService;
import org.minibuildd.daemon.MiniBuilddSettings;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** {@link PackagerRepository} of a request, with this instance's URL and the HTTP port it really listens on. */
@Component
class PackagerRepositories {

    private final InstanceService instances;
    private final Environment environment;
    private final int configuredPort;

    PackagerRepositories(InstanceService instances, Environment environment, MiniBuilddSettings settings) {
        this.instances = instances;
        this.environment = environment;
        this.configuredPort = settings.httpPort();
    }

    PackagerRepository of(String packagerUrl) {
        // The web server notes its real port once it listens (it differs from the setting when that is 0).
        var port = environment.getProperty("local.server.port", Integer.class, configuredPort);
        return PackagerRepository.of(packagerUrl, instances.instance().url(), port);
    }
}
