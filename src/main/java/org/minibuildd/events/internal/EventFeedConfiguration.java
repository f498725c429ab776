package org.minibuildd.events.internal;

import org.minibuildd.events.EventFeed;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EventFeedConfiguration {

    @Bean
    EventFeed eventFeed(EventStore store) {
        return new EventFeed(store::after);
    }
}
