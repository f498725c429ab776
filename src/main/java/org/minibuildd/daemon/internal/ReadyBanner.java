package org.minibuildd.daemon.internal;

import org.minibuildd.daemon.AdminPassword;
import org.minibuildd.daemon.InstanceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the operator, once everything serves, where to go and how to log in. */
@Component
class ReadyBanner {

    private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

    private final InstanceService instances;
    private final AdminPassword admin;

    ReadyBanner(InstanceService instances, AdminPassword admin) {
        this.instances = instances;
        this.admin = admin;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        var instance = instances.instance();
        log.info("mini-buildd {} '{}' is serving {}/ (incoming {}); log in as 'admin' with the password in {}",
                instance.version(), instance.identity(), instance.url(), instance.incomingUrl(), admin.file());
    }
}
