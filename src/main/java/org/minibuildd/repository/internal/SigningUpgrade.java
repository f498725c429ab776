package org.minibuildd.repository.internal;

import org.minibuildd.config.RepositoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once at start: repositories prepared before reprepro signed its own exports get their configuration rewritten, so
 * apt stops seeing them unsigned between an export and the repair signing. In the background, as each one is
 * exported once in full; a failure is logged and left to the repository's next check or prepare.
 */
@Component
public class SigningUpgrade {

    private static final Logger log = LoggerFactory.getLogger(SigningUpgrade.class);

    private final RepositoryService repositories;
    private final RepositoryDisk disk;

    SigningUpgrade(RepositoryService repositories, RepositoryDisk disk) {
        this.repositories = repositories;
        this.disk = disk;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        Thread.ofVirtual().name("repository-signing-upgrade").start(this::upgradeAll);
    }

    public void upgradeAll() {
        for (var summary : repositories.all()) {
            try {
                var config = repositories.config(summary.identity());
                if (config.isPresent() && disk.exists(summary.identity()) && disk.upgradeSigning(config.get())) {
                    log.info("repository {}: reprepro now signs its exports (configuration rewritten, exported once)", summary.identity());
                }
            } catch (RuntimeException e) {
                log.warn("repository {}: cannot let reprepro sign its exports yet ({}); its next check or prepare tries again",
                        summary.identity(), e.getMessage());
            }
        }
    }
}
