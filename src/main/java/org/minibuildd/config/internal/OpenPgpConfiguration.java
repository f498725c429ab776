package org.minibuildd.config.internal;

import org.minibuildd.daemon.Home;
import org.minibuildd.daemon.InstanceService;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.openpgp.SignatureVerifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The instance key lives in home/keys and is named after the instance identity. */
@Configuration(proxyBeanMethods = false)
class OpenPgpConfiguration {

    @Bean
    InstanceKeyStore instanceKeyStore(Home home, InstanceService instances) {
        var instance = instances.instance();
        return new InstanceKeyStore(home.keys(), instance.identity(), instance.hostname());
    }

    @Bean
    SignatureVerifier signatureVerifier() {
        return new SignatureVerifier();
    }
}
