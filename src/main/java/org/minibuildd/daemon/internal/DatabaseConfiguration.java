package org.minibuildd.daemon.internal;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.sun.security.auth.module.UnixSystem;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.minibuildd.daemon.Home;
import org.minibuildd.daemon.MiniBuilddSettings;
import org.minibuildd.process.ProcessRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database the daemon runs on: its private cluster in {@code home/db} by default, an external server when
 * {@code minibuildd.db.url} is set. The pool depends on the server bean, so on shutdown the pool closes first and
 * the cluster stops after it.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    Home home(MiniBuilddSettings settings) {
        return new Home(settings.home()).create();
    }

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(MiniBuilddSettings settings, Home home, ProcessRunner runner) {
        var db = settings.db();
        DatabaseServer server = db.external()
                ? new DatabaseServer.External(db.url(), db.user(), db.password())
                : new PrivateCluster(home.db(), home.postgresqlLog(),
                        db.postgresBin().isBlank() ? PrivateCluster.findDebianBinaries() : Path.of(db.postgresBin()),
                        new UnixSystem().getUid() == 0 ? db.clusterUser() : null, runner);
        server.start();
        return server;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseServer server) {
        var config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setPoolName("mini-buildd");
        // Few writers (packager, builder, UI); a small pool keeps the private cluster small too.
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }
}
