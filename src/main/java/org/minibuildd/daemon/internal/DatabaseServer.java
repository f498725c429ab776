package org.minibuildd.daemon.internal;

/** Where the daemon's database lives: its private cluster, or an external server given by URL. */
public sealed interface DatabaseServer extends AutoCloseable permits PrivateCluster, DatabaseServer.External {

    void start();

    @Override
    void close();

    String jdbcUrl();

    String user();

    String password();

    /** An external server: its lifecycle is not ours. */
    record External(String jdbcUrl, String user, String password) implements DatabaseServer {
        @Override
        public void start() {
        }

        @Override
        public void close() {
        }
    }
}
