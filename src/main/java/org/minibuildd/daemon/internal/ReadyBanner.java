package org.minibuildd.daemon.internal;

import org.minibuildd.daemon.AdminPassword;
import org.minibuildd.daemon.InstanceService;
import org.minibuildd.daemon.MiniBuilddSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the operator, once everything serves, where to go and how to log in: with the port the web server is
 * actually bound to, whichever way it was set (a Spring argument, an environment variable, a properties file).
 */
@Component
class ReadyBanner {

    private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

    private final InstanceService instances;
    private final AdminPassword admin;
    private final MiniBuilddSettings settings;

    ReadyBanner(InstanceService instances, AdminPassword admin, MiniBuilddSettings settings) {
        this.instances = instances;
        this.admin = admin;
        this.settings = settings;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        var instance = instances.instance();
        int http = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : settings.httpPort();
        var host = instance.hostname();
        var ftp = settings.incoming().listen() ? "ftp://" + host + ":" + settings.ftpPort() + "/" : "off (minibuildd.incoming.listen=false)";
        log.info("""
                mini-buildd {} '{}' is serving
                  Web UI and API:  http://{}:{}/
                  FTP incoming:    {}
                  Log in as:       admin (password in {})""",
                instance.version(), instance.identity(), host, http, ftp, admin.file());
    }
}
