package org.minibuildd.daemon.internal;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.minibuildd.daemon.DatabaseWrites;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Every jOOQ statement that writes counts in {@link DatabaseWrites} once its transaction has ended. */
@Configuration(proxyBeanMethods = false)
class WriteCounting {

    @Bean
    DatabaseWrites databaseWrites() {
        return new DatabaseWrites();
    }

    @Bean
    DefaultExecuteListenerProvider writeCountingListener(DatabaseWrites writes) {
        return new DefaultExecuteListenerProvider(new ExecuteListener() {
            @Override
            public void executeEnd(ExecuteContext context) {
                var type = context.type();
                if (type == ExecuteType.READ) {
                    return;
                }
                if (TransactionSynchronizationManager.isSynchronizationActive()) {
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            writes.written();
                        }
                    });
                } else {
                    writes.written();
                }
            }
        });
    }
}
