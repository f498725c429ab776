package org.minibuildd.repository.internal;

import java.net.InetAddress;
import java.util.List;

import org.minibuildd.daemon.Home;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the repositories on HTTP at {@code /repositories/}, next to the UI and the API, as mini-buildd does: the
 * {@link FrontDoor} owns the HTTP port and answers repository fetches, Tomcat (on loopback) everything else.
 * This replaces Boot's Tomcat factory, and takes over the customizers Boot would have given it.
 */
@Configuration(proxyBeanMethods = false)
class RepositoryDelivery {

    @Bean
    TomcatServletWebServerFactory tomcatServletWebServerFactory(Home home,
                                                                ObjectProvider<TomcatConnectorCustomizer> connectorCustomizers,
                                                                ObjectProvider<TomcatContextCustomizer> contextCustomizers,
                                                                ObjectProvider<TomcatProtocolHandlerCustomizer<?>> protocolHandlerCustomizers) {
        var files = new RepositoryFiles(home.repositories());
        var clients = new ProxiedClients();
        var factory = new FrontDoorFactory(files, clients);
        factory.getConnectorCustomizers().addAll(connectorCustomizers.orderedStream().toList());
        factory.getContextCustomizers().addAll(contextCustomizers.orderedStream().toList());
        factory.getProtocolHandlerCustomizers().addAll(protocolHandlerCustomizers.orderedStream().toList());
        // Build logs (live while building) and what each upload left: mini-buildd's builds-dir and events-dir.
        factory.addEngineValves(clients.valve(), new RepositoryValve(List.of(files,
                new RepositoryFiles(home.builds(), Home.BUILDS_DIR_URL_PATH, false),
                new RepositoryFiles(home.events(), Home.EVENTS_DIR_URL_PATH, false))));
        return factory;
    }

    /** Tomcat on a free loopback port; the configured address and port (server.port) go to the front door. */
    static final class FrontDoorFactory extends TomcatServletWebServerFactory {
        private final RepositoryFiles files;
        private final ProxiedClients clients;

        FrontDoorFactory(RepositoryFiles files, ProxiedClients clients) {
            this.files = files;
            this.clients = clients;
        }

        @Override
        public WebServer getWebServer(ServletContextInitializer... initializers) {
            int port = getPort();
            InetAddress address = getAddress();
            setPort(0);
            setAddress(InetAddress.getLoopbackAddress());
            try {
                return new FrontDoorWebServer(super.getWebServer(initializers), new FrontDoor(files, clients, address, port));
            } finally {
                setPort(port);
                setAddress(address);
            }
        }
    }
}
