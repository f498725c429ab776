package org.minibuildd.repository.internal;

import org.minibuildd.daemon.Home;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the repositories on HTTP at {@code /repositories/}, next to the UI and the API, as mini-buildd does. */
@Configuration(proxyBeanMethods = false)
class RepositoryDelivery {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> repositoryFiles(Home home) {
        return factory -> factory.addEngineValves(new RepositoryValve(new RepositoryFiles(home.repositories())));
    }
}
