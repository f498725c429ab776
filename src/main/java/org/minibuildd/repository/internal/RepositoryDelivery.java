package org.minibuildd.repository.internal;

import org.minibuildd.daemon.Home;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the repositories on HTTP at {@code /repositories/}, next to the UI and the API, as mini-buildd does. */
@Configuration(proxyBeanMethods = false)
class RepositoryDelivery {

    @Bean
    ServletRegistrationBean<RepositoryFilesServlet> repositoryFiles(Home home) {
        var registration = new ServletRegistrationBean<>(new RepositoryFilesServlet(home.repositories()), "/repositories/*");
        registration.setName("repositories");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
